"""Module feedback and programme versions; appended to seminars/urls.py."""

from django.urls import path

from voneinander.seminars import feedback_views

MODULE = "<slug:slug>/module/<int:pk>/"
urlpatterns = [
    path(f"{MODULE}bewertung/", feedback_views.rate, name="feedback_rate"),
    path("<slug:slug>/rueckmeldungen/", feedback_views.summary, name="feedback"),
    path("<slug:slug>/rueckmeldungen.csv", feedback_views.export, name="feedback_csv"),
    path("<slug:slug>/versionen/", feedback_views.versions, name="versions"),
    path("<slug:slug>/versionen/neu/", feedback_views.version_create, name="version_create"),
]
