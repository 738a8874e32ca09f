from django.urls import path

from voneinander.workinggroups import views

app_name = "workinggroups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("neu/", views.group_create, name="create"),
    path("<slug:slug>/", views.group_detail, name="detail"),
    path("<slug:slug>/bearbeiten/", views.group_edit, name="edit"),
    path("<slug:slug>/archivieren/", views.group_archive, name="archive"),
    # Members and the lead role
    path("<slug:slug>/mitglieder/", views.members, name="members"),
    path("<slug:slug>/beitreten/", views.join, name="join"),
    path("<slug:slug>/austreten/", views.leave, name="leave"),
    path("<slug:slug>/mitglieder/<int:pk>/entscheiden/", views.decide, name="decide"),
    path("<slug:slug>/mitglieder/<int:pk>/aendern/", views.member_change, name="member_change"),
    path("<slug:slug>/leitung/benennen/", views.add_lead, name="add_lead"),
    path("<slug:slug>/leitung/uebergeben/", views.handover, name="handover"),
    # The space: discussions
    path("<slug:slug>/diskussionen/", views.discussions, name="discussions"),
    path("<slug:slug>/diskussionen/neu/", views.discussion_create, name="discussion_create"),
    path("<slug:slug>/diskussionen/<int:pk>/", views.discussion, name="discussion"),
    path("<slug:slug>/diskussionen/<int:pk>/antworten/", views.post_create, name="post_create"),
    # Documents in folders, with versions
    path("<slug:slug>/dokumente/", views.documents, name="documents"),
    path("<slug:slug>/dokumente/hochladen/", views.document_upload, name="document_upload"),
    path("<slug:slug>/dokumente/ordner/neu/", views.folder_create, name="folder_create"),
    path("<slug:slug>/dokumente/ordner/<int:pk>/", views.folder, name="folder"),
    path(
        "<slug:slug>/dokumente/ordner/<int:pk>/umbenennen/",
        views.folder_rename,
        name="folder_rename",
    ),
    path(
        "<slug:slug>/dokumente/ordner/<int:pk>/loeschen/",
        views.folder_delete,
        name="folder_delete",
    ),
    path("<slug:slug>/dokumente/<int:pk>/", views.document, name="document"),
    path(
        "<slug:slug>/dokumente/<int:pk>/neue-version/",
        views.version_upload,
        name="version_upload",
    ),
    path(
        "<slug:slug>/dokumente/<int:pk>/version/<int:number>/",
        views.version_download,
        name="version_download",
    ),
    # Meetings (events of kind working-group meeting) and results
    path("<slug:slug>/termine/", views.meetings, name="meetings"),
    path("<slug:slug>/termine/neu/", views.meeting_create, name="meeting_create"),
    path("<slug:slug>/ergebnisse/", views.results, name="results"),
    path("<slug:slug>/ergebnisse/neu/", views.result_create, name="result_create"),
]
