"""URLs: reuse (adoptions), publiccode.yml and DCAT-AP export/import, programme figures."""

from django.urls import path

from voneinander.knowledge import adoption_views, figures_views, interop_views

urlpatterns: list = [
    path("nachnutzung/<slug:slug>/neu/", adoption_views.adoption_create, name="adoption_create"),
    path("nachnutzung/<int:pk>/bearbeiten/", adoption_views.adoption_edit, name="adoption_edit"),
    path("nachnutzung/<int:pk>/loeschen/", adoption_views.adoption_delete, name="adoption_delete"),
    path("export/katalog.jsonld", interop_views.export_catalogue, name="export_catalogue"),
    path(
        "export/<slug:slug>/publiccode.yml",
        interop_views.export_publiccode,
        name="export_publiccode",
    ),
    path(
        "import/publiccode/<slug:network>/",
        interop_views.import_publiccode,
        name="import_publiccode",
    ),
    path("kennzahlen/<slug:slug>/", figures_views.programme_figures, name="programme_figures"),
    path(
        "kennzahlen/<slug:slug>/export.csv",
        figures_views.programme_figures_csv,
        name="programme_figures_csv",
    ),
]
