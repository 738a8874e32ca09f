"""URLs: matching a challenge to solutions (“Wer hat das schon gemacht?”)."""

from django.urls import path

from voneinander.knowledge import matching_views

urlpatterns = [
    path("wer-hat-das-schon/", matching_views.who_has_done_this, name="who_has_done_this"),
]
