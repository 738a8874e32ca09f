from django.urls import path

from voneinander.seminars import views

app_name = "seminars"

MODULE = "<slug:slug>/module/<int:pk>/"
urlpatterns: list = [
    path("", views.programme_list, name="list"),
    path("meine/", views.my_seminars, name="mine"),
    path("neu/", views.programme_create, name="create"),
    path("<slug:slug>/", views.programme_detail, name="programme"),
    path("<slug:slug>/bearbeiten/", views.programme_edit, name="edit"),
    path("<slug:slug>/anmelden/", views.enrol, name="enrol"),
    path("<slug:slug>/abmelden/", views.withdraw, name="withdraw"),
    path("<slug:slug>/anfragen/", views.requests_inbox, name="requests"),
    path("<slug:slug>/anfragen/<int:pk>/", views.decide, name="decide"),
    path("<slug:slug>/teilnehmende/", views.participants, name="participants"),
    path("<slug:slug>/module/neu/", views.module_create, name="module_create"),
    path(MODULE, views.module_detail, name="module"),
    path(f"{MODULE}bearbeiten/", views.module_edit, name="module_edit"),
    path(f"{MODULE}verschieben/", views.module_move, name="module_move"),
    path(f"{MODULE}loeschen/", views.module_delete, name="module_delete"),
    path(f"{MODULE}fortschritt/", views.progress, name="progress"),
    path(f"{MODULE}materialien/", views.materials, name="materials"),
    path(f"{MODULE}materialien/<int:material>/datei/", views.material_file, name="material_file"),
    path(f"{MODULE}termine/", views.module_dates, name="dates"),
]

from voneinander.seminars import urls_feedback  # noqa: E402

urlpatterns += urls_feedback.urlpatterns
