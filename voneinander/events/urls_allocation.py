"""Preference mode: the participant's ranking and the organisers' allocation pages."""

from django.urls import path

from voneinander.events import allocation_views as views

ALLOCATION = "<slug:slug>/verwalten/zuteilung/"

urlpatterns: list = [
    path("<slug:slug>/praeferenzen/", views.preferences, name="preferences"),
    path(ALLOCATION, views.allocation, name="allocation"),
    path(ALLOCATION + "berechnen/", views.allocation_run, name="allocation_run"),
    path(ALLOCATION + "<int:pk>/", views.allocation_result, name="allocation_result"),
    path(
        ALLOCATION + "<int:pk>/person/<int:registration>/",
        views.allocation_adjust,
        name="allocation_adjust",
    ),
    path(
        ALLOCATION + "<int:pk>/veroeffentlichen/",
        views.allocation_publish,
        name="allocation_publish",
    ),
]
