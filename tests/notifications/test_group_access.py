"""Notifications about a working group's content reach only who may still read its space."""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.notifications.factories import GroupFollowFactory
from tests.questions.factories import member_of
from tests.workinggroups.factories import GroupMemberFactory, WorkingGroupFactory
from voneinander.questions.models import Notification
from voneinander.questions.notifications import send_digests
from voneinander.questions.selectors import unread_count
from voneinander.workinggroups import services as group_services


def _group_with_follower(world, *, is_private=True):
    lead = world.user("contact")
    group = WorkingGroupFactory(network=world.network, is_private=is_private, lead=lead)
    insider = member_of(world.network)
    GroupMemberFactory(group=group, user=insider)
    GroupFollowFactory(user=insider, working_group=group)
    group_services.add_result(group=group, title="Empfehlung Mai", by=lead)
    return group, insider


def test_group_notification_records_its_group(world):
    group, insider = _group_with_follower(world)

    [note] = Notification.objects.all()

    assert note.user == insider
    assert note.working_group == group
    assert note.network is None


def test_digest_leaves_out_a_private_group_the_person_left(world):
    group, insider = _group_with_follower(world)
    group_services.leave_group(group=group, user=insider)

    assert send_digests() == 0
    assert mail.outbox == []
    assert Notification.objects.get(user=insider).emailed_at is None


def test_digest_leaves_out_a_private_group_after_leaving_its_network(world):
    _group, insider = _group_with_follower(world)
    insider.municipality.memberships.update(status="left")

    assert send_digests() == 0
    assert mail.outbox == []


def test_digest_still_tells_active_members_of_a_private_group(world):
    _group, insider = _group_with_follower(world)

    assert send_digests() == 1
    [message] = mail.outbox
    assert message.to == [insider.email]
    assert "Empfehlung Mai" in message.body


def test_digest_keeps_public_group_content_after_leaving(world):
    group, insider = _group_with_follower(world, is_private=False)
    group_services.leave_group(group=group, user=insider)

    assert send_digests() == 1
    assert "Empfehlung Mai" in mail.outbox[0].body


def test_notification_list_hides_a_private_group_the_person_left(world, client_as):
    group, insider = _group_with_follower(world)
    client = client_as(insider)
    assert unread_count(insider) == 1

    group_services.leave_group(group=group, user=insider)
    response = client.get(reverse("notifications:list"))

    assert list(response.context["page"].object_list) == []
    assert response.context["unread"] == 0
    assert 'data-unread-notifications><span class="kern-label">' not in (
        client.get(reverse("core:home")).content.decode()
    )


def test_notification_list_hides_a_private_group_made_private_after_leaving(world, client_as):
    group, insider = _group_with_follower(world, is_private=False)
    group_services.leave_group(group=group, user=insider)
    type(group).objects.filter(pk=group.pk).update(is_private=True)

    response = client_as(insider).get(reverse("notifications:list"))

    assert list(response.context["page"].object_list) == []


def test_platform_admin_who_left_a_private_group_no_longer_sees_its_notifications(world):
    _group, insider = _group_with_follower(world)
    insider.is_superuser = True
    insider.save(update_fields=["is_superuser"])
    assert unread_count(insider) == 1

    insider.municipality.memberships.update(status="left")

    assert unread_count(insider) == 0


def test_header_count_of_group_notifications_costs_exactly_one_query(world, client_as):
    _group, insider = _group_with_follower(world)
    client = client_as(insider)
    client.get(reverse("core:home"))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("core:home")).content.decode()

    assert 'data-unread-notifications><span class="kern-label">1<' in page
    counts = [q["sql"] for q in captured if "questions_notification" in q["sql"]]
    assert len(counts) == 1
