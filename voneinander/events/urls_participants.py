"""Participant list, check-in and attendance, certificates (helper F1)."""

from django.urls import path

from voneinander.events import participants_views as views

MANAGE = "<slug:slug>/verwalten/teilnehmende/"

urlpatterns: list = [
    path("<slug:slug>/teilnehmende/", views.participant_list, name="participants"),
    path(
        "<slug:slug>/teilnehmende/zustimmung/",
        views.participant_consent,
        name="participant_consent",
    ),
    path("<slug:slug>/einchecken/", views.self_check_in, name="self_check_in"),
    path("<slug:slug>/teilnahmebescheinigung.pdf", views.certificate, name="certificate"),
    path(MANAGE, views.participants_manage, name="participants_manage"),
    path(MANAGE + "export.xlsx", views.participants_export_xlsx, name="participants_export_xlsx"),
    path(MANAGE + "einstellungen/", views.participants_settings, name="participants_settings"),
    path(MANAGE + "<int:pk>/einchecken/", views.check_in, name="check_in"),
    path(MANAGE + "<int:pk>/bescheinigung.pdf", views.certificate_for, name="certificate_for"),
    path(MANAGE + "sitzung/<int:pk>/", views.session_attendance, name="session_attendance"),
    path(MANAGE + "platz/<int:pk>/", views.booking_attendance, name="booking_attendance"),
]
