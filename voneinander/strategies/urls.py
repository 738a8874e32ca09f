from django.urls import path

from voneinander.strategies import views

app_name = "strategies"
urlpatterns: list = [
    path("", views.index, name="index"),
    path("starten/", views.start, name="start"),
    path("<int:pk>/", views.overview, name="overview"),
    path("<int:pk>/schritt/<slug:step>/", views.step, name="step"),
    path("<int:pk>/schritt/<slug:step>/speichern/", views.autosave, name="autosave"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/team/hinzufuegen/", views.invite, name="invite"),
    path("<int:pk>/team/<int:collaborator>/", views.collaborator, name="collaborator"),
    path("<int:pk>/verlauf/", views.history, name="history"),
]

from voneinander.strategies import urls_sharing  # noqa: E402

urlpatterns += urls_sharing.urlpatterns

from voneinander.strategies import urls_measures  # noqa: E402

urlpatterns += urls_measures.urlpatterns

from voneinander.strategies import urls_exports  # noqa: E402

urlpatterns += urls_exports.urlpatterns
