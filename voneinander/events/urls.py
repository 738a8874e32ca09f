"""Event URLs, in three parts kept by topic: pages and organising, registration, allocation."""

from voneinander.events import (
    urls_allocation,
    urls_followup,
    urls_main,
    urls_participants,
    urls_registration,
)

app_name = "events"
# Registration first: its fixed path "meine/" must come before urls_main's "<slug:slug>/".
urlpatterns = (
    urls_registration.urlpatterns
    + urls_participants.urlpatterns
    + urls_followup.urlpatterns  # before urls_main: its "archiv/" is no event
    + urls_main.urlpatterns
    + urls_allocation.urlpatterns
)
