from django.urls import path

from voneinander.news import views

app_name = "news"
urlpatterns = [
    path("", views.news_list, name="list"),
    path("feed/atom/", views.feed_atom, name="feed_atom"),
    path("feed/rss/", views.feed_rss, name="feed_rss"),
    path("netzwerk/<slug:slug>/", views.network_news, name="network"),
    path("netzwerk/<slug:slug>/feed/atom/", views.feed_atom, name="network_feed_atom"),
    path("netzwerk/<slug:slug>/feed/rss/", views.feed_rss, name="network_feed_rss"),
    path("neu/", views.create, name="create"),
    path("entwuerfe/", views.drafts, name="drafts"),
    path("aus-aufnahme/<int:pk>/", views.from_membership, name="from_membership"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/bearbeiten/", views.edit, name="edit"),
    path("<slug:slug>/veroeffentlichen/", views.publication, name="publication"),
    path("<slug:slug>/loeschen/", views.delete, name="delete"),
    path("<slug:slug>/bilder/", views.images, name="images"),
    path("<slug:slug>/bilder/<int:pk>/", views.image_edit, name="image_edit"),
    path("<slug:slug>/bilder/<int:pk>/verschieben/", views.image_move, name="image_move"),
    path("<slug:slug>/bilder/<int:pk>/loeschen/", views.image_delete, name="image_delete"),
    path("<slug:slug>/bilder/<int:pk>/datei/", views.image_file, name="image_file"),
    path("<slug:slug>/anhaenge/", views.attachments, name="attachments"),
    path(
        "<slug:slug>/anhaenge/<int:pk>/loeschen/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("<slug:slug>/anhaenge/<int:pk>/datei/", views.attachment_file, name="attachment_file"),
]

# Uploaded videos (the media helper's voneinander/news/urls_video.py).
from voneinander.news import urls_video  # noqa: E402

urlpatterns += urls_video.urlpatterns
