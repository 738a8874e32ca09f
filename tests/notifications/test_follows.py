"""Following networks, topics and working groups: the settings page, the buttons, who is told."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.admissions.pdfs import letter_pdf
from tests.core.test_security_headers import INLINE_HANDLER, INLINE_SCRIPT, INLINE_STYLE
from tests.events.followup_factories import upload
from tests.factories import NetworkFactory, UserFactory
from tests.knowledge.factories import topic
from tests.notifications.factories import (
    GroupFollowFactory,
    NetworkFollowFactory,
    TopicFollowFactory,
)
from tests.questions.factories import member_of
from tests.workinggroups.factories import GroupMemberFactory, WorkingGroupFactory
from voneinander.questions.models import EmailFrequency, Follow, Notification
from voneinander.questions.notifications import notify_followers
from voneinander.workinggroups import services as group_services
from voneinander.workinggroups.models import MemberStatus

FOLLOW = reverse("notifications:follow")
SETTINGS = reverse("notifications:settings")


def _post(client, **data):
    return client.post(FOLLOW, {"aktion": "folgen", **data})


def _follows(user):
    return list(
        Follow.objects.filter(user=user).values_list(
            "network__slug", "topic__slug", "working_group__slug"
        )
    )


# --- Following and unfollowing -------------------------------------------------------------


def test_follow_and_unfollow_a_network(world, client_as):
    user = world.user("user")
    client = client_as(user)

    response = _post(client, ziel="netzwerk", objekt="beta", next="/netzwerke/beta/")

    assert response.status_code == 302
    assert response["Location"] == "/netzwerke/beta/"
    assert _follows(user) == [("beta", None, None)]
    _post(client, ziel="netzwerk", objekt="beta")  # twice: still one follow
    assert Follow.objects.filter(user=user).count() == 1

    client.post(FOLLOW, {"ziel": "netzwerk", "objekt": "beta", "aktion": "entfolgen"})

    assert _follows(user) == []


def test_follow_a_topic_everywhere_or_in_one_network(world, client_as):
    member = world.user("member")
    client = client_as(member)
    topic("mobilitaet")

    _post(client, ziel="thema", objekt="mobilitaet")
    _post(client, ziel="thema", objekt="mobilitaet", netzwerk="alpha")

    assert sorted(_follows(member), key=str) == sorted(
        [(None, "mobilitaet", None), ("alpha", "mobilitaet", None)], key=str
    )
    client.post(
        FOLLOW,
        {"ziel": "thema", "objekt": "mobilitaet", "netzwerk": "alpha", "aktion": "entfolgen"},
    )
    assert _follows(member) == [(None, "mobilitaet", None)]


def test_private_group_of_another_network_cannot_be_followed(world, client_as):
    hidden = WorkingGroupFactory(network=world.other_network, is_private=True)
    public = WorkingGroupFactory(network=world.other_network)
    client = client_as(world.user("member"))

    assert _post(client, ziel="gruppe", objekt=hidden.slug).status_code == 404
    assert _post(client, ziel="gruppe", objekt="gibt-es-nicht").status_code == 404
    assert _post(client, ziel="gruppe", objekt=public.slug).status_code == 302
    assert _follows(world.user("member")) == [(None, None, public.slug)]


def test_follow_without_a_choice_says_so_and_saves_nothing(world, client_as):
    client = client_as(world.user("member"))

    response = client.post(
        FOLLOW,
        {"ziel": "netzwerk", "objekt": "", "aktion": "folgen", "next": SETTINGS},
        follow=True,
    )

    assert response.status_code == 200
    with translation.override("de"):
        expected = gettext("Please choose what you want to follow.")
    assert expected in [str(m) for m in response.context["messages"]]
    assert not Follow.objects.exists()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_follow_returns_only_to_a_path_of_this_site(world, client_as, target):
    response = _post(client_as(world.user("member")), ziel="netzwerk", objekt="alpha", next=target)

    assert response["Location"] == SETTINGS


def test_follow_needs_login(client, world):
    response = _post(client, ziel="netzwerk", objekt="alpha")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Follow.objects.exists()


# --- The follow button ---------------------------------------------------------------------


def _button(thing, user, **extra):
    request = RequestFactory().get("/netzwerke/alpha/?x=1")
    request.user = user
    template = Template("{% load follows %}{% follow_button thing network=network %}")
    return template.render(Context({"request": request, "thing": thing, "network": None} | extra))


def test_follow_button_toggles_with_the_follow(world):
    member = world.user("member")
    group = WorkingGroupFactory(network=world.network)

    before = _button(group, member)
    GroupFollowFactory(user=member, working_group=group)
    after = _button(group, member)

    assert 'name="aktion" value="folgen"' in before
    assert f'name="objekt" value="{group.slug}"' in before
    assert 'name="next" value="/netzwerke/alpha/?x=1"' in before
    assert 'name="aktion" value="entfolgen"' in after


def test_follow_button_for_a_topic_in_a_network(world):
    html = _button(topic("bildung"), world.user("member"), network=world.network)

    assert 'name="ziel" value="thema"' in html
    assert 'name="netzwerk" value="alpha"' in html


def test_follow_button_asks_visitors_to_sign_in(world):
    html = _button(world.network, AnonymousUser())

    assert "<form" not in html
    assert f"{reverse('account_login')}?next=/netzwerke/alpha/%3Fx%3D1" in html


# --- The settings page ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ["user", "member", "contact", "coordinator", "admin"])
def test_settings_page_offers_only_visible_groups(world, client_as, role):
    own_private = WorkingGroupFactory(network=world.network, is_private=True, title="AG Intern")
    WorkingGroupFactory(network=world.other_network, is_private=True, title="AG Geheim")
    WorkingGroupFactory(network=world.other_network, title="AG Offen")

    response = client_as(world.user(role)).get(SETTINGS)

    offered = {group.title for group in response.context["group_form"].fields["objekt"].queryset}
    expected = {"AG Offen"}
    if role in ("member", "contact", "coordinator", "admin"):
        expected.add(own_private.title)
    if role == "admin":
        expected.add("AG Geheim")
    assert offered == expected
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html)
    assert not INLINE_HANDLER.search(html)
    assert html.count("<h1") == 1


def test_settings_page_lists_what_the_person_follows(world, client_as):
    member = world.user("member")
    NetworkFollowFactory(user=member, network=world.other_network)
    TopicFollowFactory(user=member, topic=topic("mobilitaet"), network=world.network)
    group = WorkingGroupFactory(network=world.network, title="AG Rufbus")
    GroupFollowFactory(user=member, working_group=group)
    gone = WorkingGroupFactory(network=world.other_network, is_private=True, title="AG Geheim")
    GroupFollowFactory(user=member, working_group=gone)  # no longer visible: left out

    response = client_as(member).get(SETTINGS)

    follows = response.context["follows"]
    assert [row.network for row in follows.networks] == [world.other_network]
    assert [(row.topic.slug, row.network) for row in follows.topics] == [
        ("mobilitaet", world.network)
    ]
    assert [row.working_group for row in follows.groups] == [group]
    html = response.content.decode()
    assert "AG Rufbus" in html
    assert "AG Geheim" not in html
    assert html.count('value="entfolgen"') == 3


def test_settings_page_saves_the_weekly_choice(world, client_as):
    member = world.user("member")
    client = client_as(member)

    response = client.post(SETTINGS, {"email": EmailFrequency.WEEKLY})

    assert response.status_code == 302
    assert member.notification_settings.email == EmailFrequency.WEEKLY


def test_settings_page_query_count_does_not_grow_with_follows(world, client_as):
    member = world.user("member")
    client = client_as(member)
    NetworkFollowFactory(user=member, network=world.network)
    GroupFollowFactory(user=member, working_group=WorkingGroupFactory(network=world.network))
    client.get(SETTINGS)
    with CaptureQueriesContext(connection) as one:
        client.get(SETTINGS)
    for _ in range(5):
        NetworkFollowFactory(user=member, network=NetworkFactory())
        GroupFollowFactory(user=member, working_group=WorkingGroupFactory(network=world.network))
        TopicFollowFactory(user=member, topic=topic("bildung"), network=NetworkFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(SETTINGS)

    assert len(one) == len(many)


# --- Who is told ---------------------------------------------------------------------------


def test_network_followers_hear_of_public_content(world):
    outsider = UserFactory()
    NetworkFollowFactory(user=outsider, network=world.network)
    NetworkFollowFactory(user=UserFactory(), network=world.other_network)

    notify_followers(network=world.network, kind="news", text="Neu", url="/aktuelles/1/")

    assert list(Notification.objects.values_list("user", flat=True)) == [outsider.pk]


def test_members_only_content_reaches_only_members(world):
    outsider, member = UserFactory(), world.user("member")
    NetworkFollowFactory(user=outsider, network=world.network)
    NetworkFollowFactory(user=member, network=world.network)

    notify_followers(
        network=world.network, kind="x", text="Intern", url="/intern/", members_only=True
    )

    assert list(Notification.objects.values_list("user", flat=True)) == [member.pk]


def _private_group_with_followers(world):
    lead = world.user("contact")
    group = WorkingGroupFactory(network=world.network, is_private=True, lead=lead)
    insider = member_of(world.network)
    GroupMemberFactory(group=group, user=insider)
    requested = member_of(world.network)
    GroupMemberFactory(group=group, user=requested, status=MemberStatus.REQUESTED)
    # A member of the network who may see the group but not its space.
    network_member = world.user("member")
    for person in (insider, requested, network_member, lead):
        GroupFollowFactory(user=person, working_group=group)
    return group, lead, insider


def test_new_document_of_a_private_group_reaches_only_its_members(world):
    group, lead, insider = _private_group_with_followers(world)

    document = group_services.add_document(
        group=group, upload=upload(letter_pdf(), "protokoll.pdf"), by=lead, title="Protokoll Mai"
    )

    [note] = Notification.objects.all()
    assert note.user == insider
    assert note.kind == "workinggroups.document"
    assert "Protokoll Mai" in note.text
    assert note.url == reverse(
        "workinggroups:document", kwargs={"slug": group.slug, "pk": document.pk}
    )


def test_former_network_member_hears_nothing_of_a_private_group(world):
    group, lead, insider = _private_group_with_followers(world)
    insider.municipality.memberships.update(status="left")

    group_services.add_result(group=group, title="Empfehlung", by=lead)

    assert not Notification.objects.exists()


def test_public_group_content_reaches_every_follower(world):
    lead = world.user("contact")
    group = WorkingGroupFactory(network=world.network, lead=lead)
    outsider = UserFactory()
    GroupFollowFactory(user=outsider, working_group=group)
    GroupFollowFactory(user=lead, working_group=group)

    event = group_services.schedule_meeting(
        group=group,
        by=lead,
        values={
            "title": "Treffen im Juni",
            "starts_at": timezone.now() + timezone.timedelta(days=3),
            "ends_at": timezone.now() + timezone.timedelta(days=3, hours=2),
        },
    )
    group_services.add_result(group=group, title="Leitfaden", by=lead)

    notes = Notification.objects.filter(user=outsider).order_by("pk")
    assert [n.kind for n in notes] == ["workinggroups.meeting", "workinggroups.result"]
    assert notes[0].url == event.get_absolute_url()
    assert not Notification.objects.filter(user=lead).exists()  # not told of their own work
    assert mail.outbox == []  # daily digest by default
