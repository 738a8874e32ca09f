from django.urls import path

from voneinander.pages import views

app_name = "pages"
# Fixed words first: services.RESERVED_PLATFORM_SLUGS keeps pages from taking them.
urlpatterns = [
    path("", views.platform_page_list, name="list"),
    path("neu/", views.platform_page_create, name="create"),
    path("barriere-melden/", views.report_barrier, name="report_barrier"),
    path("barrieren/", views.report_list, name="reports"),
    path("barrieren/<int:pk>/", views.report_detail, name="report_detail"),
    path("netzwerk/<slug:network_slug>/", views.network_page_list, name="network_list"),
    path("netzwerk/<slug:network_slug>/neu/", views.network_page_create, name="network_create"),
    path("netzwerk/<slug:network_slug>/<slug:slug>/", views.network_page, name="network_page"),
    path(
        "netzwerk/<slug:network_slug>/<slug:slug>/bearbeiten/",
        views.network_page_edit,
        name="network_edit",
    ),
    path(
        "netzwerk/<slug:network_slug>/<slug:slug>/loeschen/",
        views.network_page_delete,
        name="network_delete",
    ),
    path("<slug:slug>/", views.page_detail, name="page"),
    path("<slug:slug>/bearbeiten/", views.platform_page_edit, name="edit"),
    path("<slug:slug>/loeschen/", views.platform_page_delete, name="delete"),
]
