"""Admin for feedback, materials, recordings and results: read, delete (audited), no persons."""

import pytest
from django.urls import NoReverseMatch, reverse

from tests.events.factories import SessionFactory
from tests.events.followup_factories import (
    EventResultsFactory,
    MaterialFactory,
    RecordingFactory,
    past_event,
)
from tests.factories import UserFactory
from voneinander.audit.models import AuditEvent
from voneinander.events.models import Feedback, FeedbackReceipt, Material

pytestmark = pytest.mark.django_db


def test_admin_feedback_is_read_only_and_names_nobody(world, client_as):
    session = SessionFactory(event=past_event())
    person = UserFactory(first_name="Gisela", last_name="Geheim")
    feedback = Feedback.objects.create(
        session=session, rating=4, text="Gut", given_on=session.starts_at.date()
    )
    FeedbackReceipt.objects.create(session=session, user=person)
    client = client_as(world.user("admin"))
    html = client.get(reverse("admin:events_feedback_change", args=[feedback.pk])).content
    assert b"Gut" in html
    assert b"Geheim" not in html
    assert b'name="rating"' not in html  # nothing to edit
    with pytest.raises(NoReverseMatch):  # there is no add page
        reverse("admin:events_feedback_add")
    with pytest.raises(NoReverseMatch):  # who gave feedback is not in the admin
        reverse("admin:events_feedbackreceipt_changelist")


def test_admin_deleting_material_is_audited(world, client_as):
    material = MaterialFactory()
    client = client_as(world.user("admin"))
    url = reverse("admin:events_material_delete", args=[material.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Material.objects.filter(pk=material.pk).exists()
    assert AuditEvent.objects.filter(action="object.deleted").count() == 1


@pytest.mark.parametrize(
    ("name", "factory"),
    [
        ("admin:events_material_changelist", MaterialFactory),
        ("admin:events_recording_changelist", RecordingFactory),
        ("admin:events_eventresults_changelist", EventResultsFactory),
        ("admin:events_feedback_changelist", None),
    ],
)
def test_admin_followup_lists_open_for_admins(world, client_as, name, factory):
    if factory is not None:
        factory()
    assert client_as(world.user("admin")).get(reverse(name)).status_code == 200
    assert client_as(world.user("coordinator")).get(reverse(name)).status_code in {302, 403}
