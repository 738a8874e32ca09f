"""Sharing, comparing and copying; the progress dashboard and the network figures."""

from django.urls import path

from voneinander.strategies import dashboard_views, sharing_views

urlpatterns = [
    path("<int:pk>/teilen/", sharing_views.share, name="share"),
    path("geteilt/", sharing_views.browse, name="shared"),
    path("geteilt/vergleich/", sharing_views.compare, name="compare"),
    path("geteilt/<int:pk>/", sharing_views.shared_detail, name="shared_detail"),
    path(
        "geteilt/<int:pk>/massnahmen/<int:measure_pk>/kopieren/",
        sharing_views.copy,
        name="copy_measure",
    ),
    path("<int:pk>/fortschritt/", dashboard_views.progress, name="progress"),
    path(
        "netzwerk/<slug:slug>/kennzahlen/",
        dashboard_views.network_figures,
        name="network_figures",
    ),
]
