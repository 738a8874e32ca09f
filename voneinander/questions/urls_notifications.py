from django.urls import path

from voneinander.questions import notification_views as views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("gelesen/", views.notification_read_all, name="read_all"),
    path("<int:pk>/gelesen/", views.notification_read, name="read"),
    path("einstellungen/", views.notification_settings, name="settings"),
    path("folgen/", views.follow, name="follow"),
    path("abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
