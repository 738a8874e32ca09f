from django.urls import path

from voneinander.events import registration_views as views

urlpatterns: list = [
    path("meine/", views.my_registrations, name="my_registrations"),
    path("<slug:slug>/anmelden/", views.register, name="register"),
    path("<slug:slug>/anmeldung/aendern/", views.registration_change, name="registration_change"),
    path(
        "<slug:slug>/anmeldung/stornieren/", views.registration_cancel, name="registration_cancel"
    ),
    path("<slug:slug>/buchungen/<int:pk>/stornieren/", views.booking_cancel, name="booking_cancel"),
    path("<slug:slug>/anmeldungen/", views.registration_list, name="registration_list"),
    path(
        "<slug:slug>/anmeldungen/<int:pk>/entscheiden/",
        views.registration_decide,
        name="registration_decide",
    ),
    path(
        "<slug:slug>/anmeldungen/export.csv",
        views.registration_export,
        name="registration_export",
    ),
]
