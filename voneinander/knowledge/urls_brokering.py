"""URLs: brokering by the Transferstelle (vermittlung/) and alliances (allianzen/).

The fixed words come before `vermittlung/<slug>/`, which would catch them.
"""

from django.urls import path

from voneinander.knowledge import alliance_views, brokering_views

urlpatterns = [
    path("vermittlung/meine-anfragen/", brokering_views.my_requests, name="brokering_mine"),
    path("vermittlung/anfrage/<int:pk>/", brokering_views.request_detail, name="brokering_request"),
    path(
        "vermittlung/anfrage/<int:pk>/vorschlagen/",
        brokering_views.suggest,
        name="brokering_suggest",
    ),
    path(
        "vermittlung/anfrage/<int:pk>/zurueckziehen/",
        brokering_views.withdraw,
        name="brokering_withdraw",
    ),
    path(
        "vermittlung/anfrage/<int:pk>/abschliessen/",
        brokering_views.close,
        name="brokering_close",
    ),
    path(
        "vermittlung/anfrage/<int:pk>/vorschlag/<int:introduction_pk>/ergebnis/",
        brokering_views.outcome,
        name="brokering_outcome",
    ),
    path(
        "vermittlung/vorschlag/<int:pk>/",
        brokering_views.introduction_detail,
        name="brokering_introduction",
    ),
    path("vermittlung/<slug:slug>/anfragen/", brokering_views.ask, name="brokering_ask"),
    path("vermittlung/<slug:slug>/", brokering_views.inbox, name="brokering_inbox"),
    path("allianzen/", alliance_views.alliance_list, name="alliances"),
    path(
        "allianzen/netzwerk/<slug:slug>/neu/",
        alliance_views.alliance_create,
        name="alliance_create",
    ),
    path("allianzen/<slug:slug>/", alliance_views.alliance_detail, name="alliance"),
    path("allianzen/<slug:slug>/bearbeiten/", alliance_views.alliance_edit, name="alliance_edit"),
]
