from django.urls import path

from voneinander.accounts import privacy_views, views

app_name = "accounts"
urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("profil/meine-daten/", privacy_views.data_export, name="data_export"),
    path("profil/konto-loeschen/", privacy_views.delete_account, name="delete_account"),
]
