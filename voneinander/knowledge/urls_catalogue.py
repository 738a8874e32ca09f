"""URLs: the solutions catalogue (Praxisbeispiele).

The fixed words ("neu", "themen") come before `<slug>/`, which would catch
them; `services.generate_slug` never hands out a fixed word as an address.
"""

from django.urls import path

from voneinander.knowledge import views

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("neu/", views.solution_create_start, name="solution_create_start"),
    path("neu/<slug:network>/", views.solution_create, name="solution_create"),
    path("themen/", views.topic_list, name="topics"),
    path("themen/<int:pk>/", views.topic_edit, name="topic_edit"),
    path("<slug:slug>/", views.solution_detail, name="solution"),
    path("<slug:slug>/bearbeiten/", views.solution_edit, name="solution_edit"),
    path("<slug:slug>/verlauf/", views.solution_history, name="solution_history"),
    path("<slug:slug>/dateien/", views.solution_files, name="solution_files"),
    path("<slug:slug>/dateien/<int:pk>/", views.solution_file, name="solution_file"),
    path(
        "<slug:slug>/dateien/<int:pk>/loeschen/",
        views.solution_file_delete,
        name="solution_file_delete",
    ),
    path("<slug:slug>/kuratieren/", views.solution_curate, name="solution_curate"),
    path("<slug:slug>/kuratieren/hervorheben/", views.solution_feature, name="solution_feature"),
    path("<slug:slug>/kuratieren/archivieren/", views.solution_archive, name="solution_archive"),
    path("<slug:slug>/kuratieren/zusammenfuehren/", views.solution_merge, name="solution_merge"),
]
