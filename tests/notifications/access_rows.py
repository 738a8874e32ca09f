"""Rows of the permission matrix (tests/test_access_matrix.py) for notifications.

Format as in tests/events/access_rows.py: "url-name[variant]" → (kwargs, statuses
per role in the order anonymous, user, member, contact, coordinator, admin).
Notifications and their settings are each person's own: anyone signed in, no
object of anyone else. The unsubscribe link from e-mails works without login;
its signed token is the only proof (a changed token is refused, an old one too).
"""

import time_machine
from django.utils import timezone

from tests.questions.factories import NotificationFactory
from voneinander.questions.notifications import unsubscribe_max_age, unsubscribe_token


def notification(world):
    return {"pk": NotificationFactory(user=world.user("member")).pk}


def token(world):
    return {"token": unsubscribe_token(world.user("member"))}


def tampered_token(world):
    value = unsubscribe_token(world.user("member"))
    return {"token": value[:-2] + ("AA" if not value.endswith("AA") else "BB")}


def expired_token(world):
    signed_at = timezone.now() - timezone.timedelta(seconds=unsubscribe_max_age() + 60)
    with time_machine.travel(signed_at, tick=False):
        return {"token": unsubscribe_token(world.user("member"))}


ROWS = {
    "notifications:list": ({}, "302 200 200 200 200 200"),
    # POST only: the rule is checked first, then the method.
    "notifications:read_all": ({}, "302 405 405 405 405 405"),
    "notifications:read": (notification, "302 405 405 405 405 405"),
    "notifications:settings": ({}, "302 200 200 200 200 200"),
    "notifications:follow": ({}, "302 405 405 405 405 405"),
    # GET shows the confirmation; only a POST unsubscribes.
    "notifications:unsubscribe": (token, "200 200 200 200 200 200"),
    "notifications:unsubscribe[tampered]": (tampered_token, "400 400 400 400 400 400"),
    "notifications:unsubscribe[expired]": (expired_token, "410 410 410 410 410 410"),
}
