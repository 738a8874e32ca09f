from django.urls import path

from voneinander.strategies import measure_views as views

MEASURE = "<int:pk>/massnahmen/<int:measure_pk>/"

urlpatterns = [
    path("<int:pk>/massnahmen/", views.measures, name="measures"),
    path("<int:pk>/massnahmen/neu/", views.measure_add, name="measure_add"),
    path(MEASURE, views.measure_edit, name="measure_edit"),
    path(MEASURE + "loeschen/", views.measure_delete, name="measure_delete"),
    path(MEASURE + "verschieben/", views.measure_move, name="measure_move"),
    path(MEASURE + "loesungen/", views.measure_link_solution, name="measure_link_solution"),
    path(
        MEASURE + "loesungen/<int:solution_pk>/entfernen/",
        views.measure_unlink_solution,
        name="measure_unlink_solution",
    ),
    path(MEASURE + "partner/", views.measure_add_partner, name="measure_add_partner"),
    path(
        MEASURE + "partner/<int:municipality_pk>/entfernen/",
        views.measure_remove_partner,
        name="measure_remove_partner",
    ),
    path("<int:pk>/empfehlungen/<slug:field_slug>/", views.recommendations, name="recommendations"),
    path(
        "<int:pk>/empfehlungen/<slug:field_slug>/uebernehmen/",
        views.recommendation_adopt,
        name="recommendation_adopt",
    ),
]
