"""Uploaded videos of a news item; `urls.py` appends these patterns."""

from django.urls import path

from voneinander.news import video_views as views

VIDEOS = "<slug:slug>/videos/"

urlpatterns = [
    path(VIDEOS, views.videos, name="videos"),
    path(VIDEOS + "<int:pk>/entfernen/", views.video_delete, name="video_delete"),
    path(VIDEOS + "<int:pk>/datei/", views.video_file, name="video_file"),
    path(VIDEOS + "<int:pk>/untertitel.vtt", views.video_captions, name="video_captions"),
]
