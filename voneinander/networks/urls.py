from django.urls import path

from voneinander.networks import views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("<slug:slug>/", views.network_detail, name="detail"),
    path("<slug:slug>/intern/", views.network_internal, name="internal"),
    path("<slug:slug>/verwalten/", views.network_manage, name="manage"),
    path(
        "<slug:slug>/verwalten/koordination-entfernen/",
        views.network_remove_coordinator,
        name="remove_coordinator",
    ),
]
