from django.urls import path

from voneinander.api import opendata_views as views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("mitglieder.csv", views.members_csv, name="members_csv"),
    path("mitglieder.json", views.members_json, name="members_json"),
    path("praxisbeispiele.csv", views.solutions_csv, name="solutions_csv"),
    path("praxisbeispiele.json", views.solutions_json, name="solutions_json"),
]
