"""The export page and the downloads (PDF, DOCX, ODT)."""

from django.urls import path

from voneinander.strategies import exports_views

urlpatterns = [
    path("<int:pk>/export/", exports_views.export, name="export"),
    path("<int:pk>/export/<slug:format>/", exports_views.export_file, name="export_file"),
]
