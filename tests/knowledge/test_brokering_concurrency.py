"""Two people act on the same request at the same moment: nothing happens twice.

Runs real threads with their own database connections, so it needs a server
database; on SQLite (one writer at a time anyway) the stale-object tests in
test_brokering_services.py cover the same rules.
"""

import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tests.factories import ContactPersonFactory, CoordinatorFactory, MembershipFactory
from tests.knowledge.factories import ContactRequestFactory, IntroductionFactory
from voneinander.knowledge import brokering_services as services
from voneinander.knowledge.models import ConsentState, ContactRequest, Introduction, RequestStatus

pytestmark = pytest.mark.skipif(
    connection.vendor == "sqlite", reason="needs concurrent connections (PostgreSQL)"
)


def _run_together(actions: dict) -> dict:
    barrier = threading.Barrier(len(actions))
    outcomes = {}

    def run(name, action):
        try:
            barrier.wait()
            action()
            outcomes[name] = "done"
        except ValidationError as error:
            outcomes[name] = error.error_list[0].code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in actions.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _asked_introduction():
    membership = MembershipFactory()
    requester = ContactPersonFactory(membership=membership).user
    contact = ContactPersonFactory(membership=MembershipFactory(network=membership.network)).user
    contact_request = ContactRequestFactory(
        network=membership.network,
        requester=requester,
        municipality=membership.municipality,
        status=RequestStatus.SUGGESTED,
    )
    return IntroductionFactory(
        request=contact_request,
        contact=contact,
        requester_consent=ConsentState.ASKED,
        contact_consent=ConsentState.ASKED,
    )


@pytest.mark.django_db(transaction=True)
def test_both_sides_agree_at_the_same_moment_one_introduction_mail():
    introduction = _asked_introduction()
    requester, contact = introduction.request.requester, introduction.contact
    mail.outbox.clear()

    def answer(user):
        stale = Introduction.objects.select_related("request").get(pk=introduction.pk)
        services.answer_introduction(introduction=stale, by=user, agree=True)

    outcomes = _run_together(
        {"requester": lambda: answer(requester), "contact": lambda: answer(contact)}
    )
    assert outcomes == {"requester": "done", "contact": "done"}
    assert Introduction.objects.get().introduced_at is not None
    assert ContactRequest.objects.get().status == RequestStatus.INTRODUCED
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_withdraw_and_suggest_at_the_same_moment_do_not_both_happen():
    introduction = _asked_introduction()
    contact_request = introduction.request
    coordinator = CoordinatorFactory(network=contact_request.network).user
    other = ContactPersonFactory(membership=MembershipFactory(network=contact_request.network)).user

    def withdraw():
        stale = ContactRequest.objects.get(pk=contact_request.pk)
        services.withdraw_request(contact_request=stale, by=contact_request.requester)

    def suggest():
        stale = ContactRequest.objects.get(pk=contact_request.pk)
        services.suggest_introduction(contact_request=stale, by=coordinator, contact=other)

    outcomes = _run_together({"withdraw": withdraw, "suggest": suggest})
    contact_request.refresh_from_db()
    if outcomes["suggest"] == "done":
        # The suggestion came first; the withdrawal still ended the request.
        assert outcomes["withdraw"] == "done"
    else:
        assert outcomes == {"withdraw": "done", "suggest": "conflict"}
        assert not Introduction.objects.filter(contact=other).exists()
    assert contact_request.status == RequestStatus.WITHDRAWN
