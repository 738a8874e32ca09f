from django.urls import path

from voneinander.directory import views, visual_views

app_name = "directory"
urlpatterns = [
    path("", views.directory, name="index"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("karte/", visual_views.member_map, name="map"),
    path("kennzahlen/<slug:slug>/", visual_views.network_figures, name="figures"),
]
