from django.urls import path

from voneinander.comments import views

app_name = "comments"
urlpatterns = [
    path("", views.newest, name="newest"),
    path("schreiben/<str:kind>/<slug:slug>/", views.comment_create, name="create"),
    path("<int:pk>/bearbeiten/", views.comment_edit, name="edit"),
    path("<int:pk>/loeschen/", views.comment_delete, name="delete"),
    path("<int:pk>/melden/", views.comment_report, name="report"),
    path("moderation/", views.moderation_queue, name="queue"),
    path("<int:pk>/freigeben/", views.approve, name="approve"),
    path("<int:pk>/verbergen/", views.hide, name="hide"),
    path("<int:pk>/sperren/", views.block, name="block"),
    path("sperren/<int:pk>/aufheben/", views.unblock, name="unblock"),
    path("einstellungen/<slug:slug>/", views.comment_settings, name="settings"),
]
