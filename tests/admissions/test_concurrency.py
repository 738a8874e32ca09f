"""Two coordinators decide at the same moment: exactly one decision wins.

Runs real threads with their own database connections, so it needs a server
database; on SQLite (one writer at a time anyway) the conditional-update test
in test_services.py covers the same rule.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tests.admissions.factories import ApplicationFactory
from tests.factories import CoordinatorFactory, NetworkFactory
from voneinander.admissions import services
from voneinander.admissions.models import Application, ApplicationState
from voneinander.networks.models import Membership

pytestmark = pytest.mark.skipif(
    connection.vendor == "sqlite", reason="needs concurrent connections (PostgreSQL)"
)


@pytest.mark.django_db(transaction=True)
def test_admit_and_decline_at_the_same_time_only_one_succeeds():
    network = NetworkFactory()
    first, second = (CoordinatorFactory(network=network).user for _ in range(2))
    application = ApplicationFactory(network=network)
    barrier = threading.Barrier(2)
    outcomes = {}

    def decide(name, action):
        try:
            stale = Application.objects.get(pk=application.pk)
            barrier.wait()
            action(stale)
            outcomes[name] = "done"
        except ValidationError as error:
            outcomes[name] = error.code
        finally:
            connections.close_all()

    threads = [
        threading.Thread(
            target=decide,
            args=("admit", lambda a: services.admit_application(application=a, by=first)),
        ),
        threading.Thread(
            target=decide,
            args=(
                "decline",
                lambda a: services.decline_application(application=a, by=second, reason="Nein"),
            ),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["conflict", "done"]
    application.refresh_from_db()
    winner = "admit" if outcomes["admit"] == "done" else "decline"
    expected = ApplicationState.ADMITTED if winner == "admit" else ApplicationState.DECLINED
    assert application.state == expected
    assert Membership.objects.filter(municipality=application.municipality).count() == (
        1 if winner == "admit" else 0
    )
