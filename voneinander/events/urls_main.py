"""Event pages, calendars and organising. Fixed paths come before `<slug>/`.

Event addresses never take the fixed words (see services.RESERVED_SLUGS).
"""

from django.urls import path, register_converter

from voneinander.events import views
from voneinander.events.forms import PROGRAMME_FORMS


class ProgrammeKindConverter:
    """teil, runde, sitzung, referent or frage: the kinds of programme items."""

    regex = "|".join(PROGRAMME_FORMS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ProgrammeKindConverter, "programme_kind")

PROGRAMME = "<slug:slug>/verwalten/programm/"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("neu/", views.event_create, name="create"),
    path("kalender/", views.feed_tokens, name="feed_tokens"),
    path("kalender/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("netzwerk/<slug:slug>.ics", views.network_feed, name="network_feed"),
    path("reihen/neu/", views.series_create, name="series_create"),
    path("reihen/<int:pk>/", views.series_detail, name="series"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/kalender.ics", views.event_ics, name="ics"),
    path("<slug:slug>/teilnehmen/", views.event_join, name="join"),
    path("<slug:slug>/verwalten/", views.event_manage, name="manage"),
    path("<slug:slug>/verwalten/angaben/", views.event_edit, name="edit"),
    path("<slug:slug>/verwalten/regeln/", views.event_rules, name="rules"),
    path("<slug:slug>/verwalten/absagen/", views.event_cancel, name="cancel"),
    path("<slug:slug>/verwalten/videokonferenz/", views.event_bbb_room, name="bbb_room"),
    path(PROGRAMME, views.event_programme, name="programme"),
    path(
        PROGRAMME + "<programme_kind:kind>/neu/",
        views.programme_item_add,
        name="programme_add",
    ),
    path(
        PROGRAMME + "<programme_kind:kind>/<int:pk>/",
        views.programme_item_edit,
        name="programme_edit",
    ),
    path(
        PROGRAMME + "<programme_kind:kind>/<int:pk>/entfernen/",
        views.programme_item_delete,
        name="programme_delete",
    ),
]
