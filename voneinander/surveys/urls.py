from django.urls import path

from voneinander.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("neu/<slug:slug>/", views.survey_create, name="create"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/verwalten/", views.survey_manage, name="manage"),
    path("<int:pk>/bearbeiten/", views.survey_edit, name="edit"),
    path("<int:pk>/status/", views.survey_transition, name="transition"),
    path("<int:pk>/fragen/neu/", views.question_add, name="question_add"),
    path("<int:pk>/fragen/<int:question>/", views.question_edit, name="question_edit"),
    path("<int:pk>/fragen/<int:question>/loeschen/", views.question_delete, name="question_delete"),
    path("<int:pk>/fragen/<int:question>/verschieben/", views.question_move, name="question_move"),
    path("<int:pk>/ergebnisse/", views.survey_results_page, name="results"),
    path("<int:pk>/ergebnisse/csv/", views.survey_export, name="export"),
    path("themen/<slug:slug>/", views.backlog, name="backlog"),
    path("themen/<slug:slug>/neu/", views.backlog_add, name="backlog_add"),
    path("themen/<slug:slug>/<int:pk>/", views.backlog_edit, name="backlog_edit"),
]
