"""The workbook's team: adding people, roles, removing; at least one lead remains."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext

from tests.factories import UserFactory
from tests.strategies.factories import strategy_of
from voneinander.audit.models import AuditEvent
from voneinander.questions.models import Notification
from voneinander.strategies import services
from voneinander.strategies.models import Collaborator, CollaboratorRole, Strategy


@pytest.fixture
def lead(world):
    return world.user("member")


@pytest.fixture
def strategy(world, lead):
    return strategy_of(world.membership.municipality, lead=lead)


def _collaborator(strategy, user):
    return Collaborator.objects.get(strategy=strategy, user=user)


def test_team_page_shows_team_to_editor_without_lead_forms(world, client_as, strategy, lead):
    editor = world.user("contact")
    strategy.collaborators.create(user=editor, role=CollaboratorRole.EDITOR)

    response = client_as(editor).get(reverse("strategies:team", kwargs={"pk": strategy.pk}))

    html = response.content.decode()
    assert response.status_code == 200
    assert [c.user for c in response.context["collaborators"]] == [lead, editor]
    assert lead.display_name in html
    assert reverse("strategies:invite", kwargs={"pk": strategy.pk}) not in html


def test_team_page_query_count_does_not_grow(
    client_as, strategy, lead, django_assert_max_num_queries
):
    client = client_as(lead)
    url = reverse("strategies:team", kwargs={"pk": strategy.pk})
    with django_assert_max_num_queries(15) as one:
        client.get(url)
    for _ in range(5):
        strategy.collaborators.create(user=UserFactory(), role=CollaboratorRole.EDITOR)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["collaborators"]) == 6


def test_invite_adds_editor_and_tells_them_on_site_and_by_mail(client_as, strategy, lead):
    invited = UserFactory(email="ratsmitglied@example.org")

    response = client_as(lead).post(
        reverse("strategies:invite", kwargs={"pk": strategy.pk}),
        {"email": "Ratsmitglied@Example.org", "role": CollaboratorRole.EDITOR},
    )

    assert response.status_code == 302
    assert _collaborator(strategy, invited).role == CollaboratorRole.EDITOR
    notification = Notification.objects.get(user=invited)
    assert notification.url == strategy.get_absolute_url()
    assert strategy.title in notification.text
    assert [message.to for message in mail.outbox] == [["ratsmitglied@example.org"]]
    assert strategy.get_absolute_url() in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="strategy.collaborator_added").count() == 1
    assert strategy.changes.first().data == {
        "team": "added",
        "user": invited.pk,
        "role": CollaboratorRole.EDITOR,
    }


def test_invite_unknown_address_explains_and_adds_nobody(client_as, strategy, lead):
    response = client_as(lead).post(
        reverse("strategies:invite", kwargs={"pk": strategy.pk}),
        {"email": "niemand@example.org", "role": CollaboratorRole.EDITOR},
    )

    assert response.status_code == 200
    assert response.context["invite_form"].errors["email"]
    assert strategy.collaborators.count() == 1
    assert mail.outbox == []


def test_invite_message_does_not_tell_whether_an_account_exists(client_as, strategy, lead):
    UserFactory(email="schlafend@example.org", is_active=False)
    url = reverse("strategies:invite", kwargs={"pk": strategy.pk})
    client = client_as(lead)

    unknown = client.post(url, {"email": "niemand@example.org", "role": CollaboratorRole.EDITOR})
    inactive = client.post(url, {"email": "schlafend@example.org", "role": CollaboratorRole.EDITOR})

    errors = unknown.context["invite_form"].errors["email"]
    assert errors == inactive.context["invite_form"].errors["email"]
    assert errors == [
        gettext(
            "No person with this e-mail address can be added. Ask them to sign up "
            "first, then add them."
        )
    ]
    assert "account" not in errors[0]
    assert strategy.collaborators.count() == 1


def test_team_audit_events_record_ids_not_the_title(client_as, strategy, lead):
    invited = UserFactory()
    services.invite_collaborator(
        strategy=strategy, email=invited.email, role=CollaboratorRole.EDITOR, by=lead
    )
    collaborator = _collaborator(strategy, invited)
    services.change_collaborator_role(
        collaborator=collaborator, role=CollaboratorRole.OWNER, by=lead
    )
    services.remove_collaborator(collaborator=_collaborator(strategy, invited), by=lead)

    events = list(AuditEvent.objects.filter(action__startswith="strategy.").order_by("pk"))

    assert [event.action for event in events] == [
        "strategy.collaborator_added",
        "strategy.collaborator_role_changed",
        "strategy.collaborator_removed",
    ]
    for event in events:
        assert event.target_label == f"#{strategy.pk}"
        assert event.target_id == str(strategy.pk)
        assert event.target_type.model_class() is Strategy
        assert strategy.title not in str(event.data)
    assert events[0].data == {"user": invited.pk, "role": CollaboratorRole.EDITOR}


def test_invite_of_someone_on_the_team_is_refused(client_as, strategy, lead):
    response = client_as(lead).post(
        reverse("strategies:invite", kwargs={"pk": strategy.pk}),
        {"email": lead.email, "role": CollaboratorRole.EDITOR},
    )

    assert response.status_code == 200
    assert response.context["invite_form"].errors["email"]
    assert _collaborator(strategy, lead).role == CollaboratorRole.OWNER


def test_invite_by_editor_is_forbidden(world, client_as, strategy):
    editor = world.user("contact")
    strategy.collaborators.create(user=editor, role=CollaboratorRole.EDITOR)

    response = client_as(editor).post(
        reverse("strategies:invite", kwargs={"pk": strategy.pk}),
        {"email": UserFactory().email, "role": CollaboratorRole.OWNER},
    )

    assert response.status_code == 403
    assert strategy.collaborators.count() == 2


def test_role_change_of_the_last_lead_is_refused(client_as, strategy, lead):
    response = client_as(lead).post(
        reverse(
            "strategies:collaborator",
            kwargs={"pk": strategy.pk, "collaborator": _collaborator(strategy, lead).pk},
        ),
        {"action": "role", "role": CollaboratorRole.EDITOR},
        follow=True,
    )

    assert _collaborator(strategy, lead).role == CollaboratorRole.OWNER
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_removing_the_last_lead_is_refused(strategy, lead):
    with pytest.raises(services.ValidationError):
        services.remove_collaborator(collaborator=_collaborator(strategy, lead), by=lead)

    assert strategy.collaborators.count() == 1


def test_second_lead_lets_the_first_step_down_and_leave(client_as, strategy, lead):
    second = UserFactory()
    services.invite_collaborator(
        strategy=strategy, email=second.email, role=CollaboratorRole.OWNER, by=lead
    )
    client = client_as(lead)
    url = reverse(
        "strategies:collaborator",
        kwargs={"pk": strategy.pk, "collaborator": _collaborator(strategy, lead).pk},
    )

    client.post(url, {"action": "role", "role": CollaboratorRole.EDITOR})
    assert _collaborator(strategy, lead).role == CollaboratorRole.EDITOR

    # No longer a lead: may not change the team any more.
    assert client.post(url, {"action": "remove"}).status_code == 403
    services.remove_collaborator(collaborator=_collaborator(strategy, lead), by=second)
    assert list(strategy.collaborators.values_list("user", flat=True)) == [second.pk]


def test_lead_removes_an_editor(world, client_as, strategy, lead):
    editor = world.user("contact")
    strategy.collaborators.create(user=editor, role=CollaboratorRole.EDITOR)

    response = client_as(lead).post(
        reverse(
            "strategies:collaborator",
            kwargs={"pk": strategy.pk, "collaborator": _collaborator(strategy, editor).pk},
        ),
        {"action": "remove"},
    )

    assert response.status_code == 302
    assert not strategy.collaborators.filter(user=editor).exists()
    assert AuditEvent.objects.filter(action="strategy.collaborator_removed").count() == 1
    # Off the team, the strategy is unknown to them.
    overview = client_as(editor).get(strategy.get_absolute_url())
    assert overview.status_code == 404


def test_collaborator_of_another_strategy_answers_404(world, client_as, strategy, lead):
    other = strategy_of(world.other_membership.municipality, lead=UserFactory())

    response = client_as(lead).post(
        reverse(
            "strategies:collaborator",
            kwargs={"pk": strategy.pk, "collaborator": other.collaborators.get().pk},
        ),
        {"action": "remove"},
    )

    assert response.status_code == 404
    assert other.collaborators.count() == 1
