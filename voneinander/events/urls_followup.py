"""After the event: feedback, materials, recordings, the results page and the archive.

Comes before urls_main, whose "<slug>/" would otherwise take "archiv/".
"""

from django.urls import path

from voneinander.events import followup_views as views

RECORDINGS = "<slug:slug>/verwalten/aufzeichnungen/"

urlpatterns: list = [
    path("archiv/", views.archive, name="archive"),
    # Feedback
    path("<slug:slug>/rueckmeldung/", views.feedback, name="feedback"),
    path("<slug:slug>/rueckmeldung/<int:session>/", views.feedback_give, name="feedback_give"),
    path(
        "<slug:slug>/verwalten/rueckmeldungen/",
        views.feedback_summary,
        name="feedback_summary",
    ),
    # Materials
    path("<slug:slug>/material/", views.materials, name="materials"),
    path("<slug:slug>/material/neu/", views.material_add, name="material_add"),
    path("<slug:slug>/material/<int:pk>/", views.material_file, name="material_file"),
    path(
        "<slug:slug>/material/<int:pk>/entfernen/",
        views.material_delete,
        name="material_delete",
    ),
    # Recordings
    path("<slug:slug>/aufzeichnungen/", views.recordings, name="recordings"),
    path("<slug:slug>/aufzeichnungen/<int:pk>/", views.recording, name="recording"),
    path(
        "<slug:slug>/aufzeichnungen/<int:pk>/untertitel.vtt",
        views.recording_captions,
        name="recording_captions",
    ),
    path(RECORDINGS, views.recordings_manage, name="recordings_manage"),
    path(RECORDINGS + "neu/", views.recording_add, name="recording_add"),
    path(RECORDINGS + "<int:pk>/", views.recording_edit, name="recording_edit"),
    path(RECORDINGS + "<int:pk>/einwilligung/", views.recording_consent, name="recording_consent"),
    path(
        RECORDINGS + "<int:pk>/veroeffentlichen/",
        views.recording_publish,
        name="recording_publish",
    ),
    path(RECORDINGS + "<int:pk>/entfernen/", views.recording_delete, name="recording_delete"),
    # The results page (Ergebnistransfer)
    path("<slug:slug>/ergebnisse/", views.results, name="results"),
    path("<slug:slug>/verwalten/ergebnisse/", views.results_edit, name="results_edit"),
]
