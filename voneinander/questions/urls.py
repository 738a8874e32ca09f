from django.urls import path

from voneinander.questions import views

app_name = "questions"

urlpatterns = [
    # Fixed words first: a network's address is a slug at the same level.
    path("frage/<int:pk>/", views.question_detail, name="detail"),
    path("frage/<int:pk>/antworten/", views.answer_create, name="answer"),
    path("frage/<int:pk>/bearbeiten/", views.question_edit, name="edit"),
    path("frage/<int:pk>/loeschen/", views.question_delete, name="delete"),
    path("frage/<int:pk>/akzeptieren/", views.answer_accept, name="accept"),
    path("frage/<int:pk>/folgen/", views.question_follow, name="follow"),
    path("antwort/<int:pk>/bearbeiten/", views.answer_edit, name="answer_edit"),
    path("antwort/<int:pk>/loeschen/", views.answer_delete, name="answer_delete"),
    path("<slug:slug>/", views.question_list, name="list"),
    path("<slug:slug>/neu/", views.question_ask, name="ask"),
    path("<slug:slug>/thema-folgen/", views.topic_follow, name="topic_follow"),
]
