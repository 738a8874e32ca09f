"""The brokering workflow as services: ask, suggest, consent, introduce, outcome, end.

Every transition is a conditional UPDATE; the tests with stale objects stand
for two people clicking at the same moment (SQLite runs one writer at a time;
test_brokering_concurrency.py runs real threads on PostgreSQL).
"""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from tests.factories import ContactPersonFactory, CoordinatorFactory, MembershipFactory
from tests.knowledge.factories import (
    AllianceFactory,
    AlliancePartnerFactory,
    IntroductionFactory,
    SolutionFactory,
    topic,
)
from voneinander.audit.models import AuditEvent
from voneinander.knowledge import brokering_services as services
from voneinander.knowledge.models import (
    Alliance,
    ConsentState,
    ContactRequest,
    Introduction,
    Outcome,
    RequestKind,
    RequestStatus,
    SolutionVisibility,
)
from voneinander.networks.roles import forget_roles


def _de(message: str, **params) -> str:
    with translation.override("de"):
        return gettext(message) % params if params else gettext(message)


CHALLENGE = "Wir suchen eine digitale Terminvergabe für unser Bürgerbüro."


@pytest.fixture
def helper(world):
    """A contact person of another member municipality of alpha: the person to suggest."""
    membership = MembershipFactory(network=world.network, municipality__name="Neustadt")
    return ContactPersonFactory(
        membership=membership,
        user__email="neustadt@example.org",
        user__first_name="Nora",
        user__last_name="Neumann",
    ).user


@pytest.fixture
def contact_request(world):
    mail.outbox.clear()
    return services.ask_for_contact(
        network=world.network,
        requester=world.user("member"),
        kind=RequestKind.CONTACT,
        challenge=CHALLENGE,
        topics=[topic("buergerservice")],
    )


def _suggest(contact_request, coordinator, helper, **extra):
    mail.outbox.clear()
    return services.suggest_introduction(
        contact_request=contact_request, by=coordinator, contact=helper, **extra
    )


def _actions():
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


# --- Asking -------------------------------------------------------------------------------


def test_ask_for_contact_creates_request_and_mails_the_coordinators(world):
    mail.outbox.clear()
    contact_request = services.ask_for_contact(
        network=world.network,
        requester=world.user("member"),
        kind=RequestKind.EXPERT,
        challenge=f"  {CHALLENGE}  ",
        topics=[topic("mobilitaet")],
    )
    assert list(contact_request.topics.all()) == [topic("mobilitaet")]
    assert (contact_request.status, contact_request.kind, contact_request.challenge) == (
        RequestStatus.OPEN,
        RequestKind.EXPERT,
        CHALLENGE,
    )
    assert contact_request.municipality == world.membership.municipality
    assert sorted(message.to[0] for message in mail.outbox) == [
        "coordinator2@example.org",
        "coordinator@example.org",
    ]
    body = mail.outbox[0].body
    assert CHALLENGE in body
    assert f"/praxisbeispiele/vermittlung/anfrage/{contact_request.pk}/" in body
    assert "member@example.org" not in body
    assert _actions() == ["brokering.requested"]


def test_ask_for_contact_without_confirmed_affiliation_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        services.ask_for_contact(
            network=world.network,
            requester=world.user("coordinator"),
            kind=RequestKind.CONTACT,
            challenge=CHALLENGE,
        )
    assert caught.value.error_list[0].code == "no_municipality"
    assert not ContactRequest.objects.exists()


def test_ask_for_contact_with_blank_challenge_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        services.ask_for_contact(
            network=world.network, requester=world.user("member"), kind="contact", challenge="  "
        )
    assert caught.value.error_list[0].code == "challenge"
    assert not ContactRequest.objects.exists()


# --- Suggesting -------------------------------------------------------------------------


def test_suggest_asks_both_sides_without_passing_on_addresses(world, contact_request, helper):
    solution = SolutionFactory(network=world.network, title="Termin-App")
    introduction = _suggest(
        contact_request,
        world.user("coordinator"),
        helper,
        solution=solution,
        note="Neustadt nutzt das seit zwei Jahren.",
    )
    contact_request.refresh_from_db()
    assert contact_request.status == RequestStatus.SUGGESTED
    assert (introduction.requester_consent, introduction.contact_consent) == (
        ConsentState.ASKED,
        ConsentState.ASKED,
    )
    assert introduction.municipality.name == "Neustadt"
    assert introduction.suggested_by == world.user("coordinator")
    to_contact, to_requester = mail.outbox
    assert to_contact.to == ["neustadt@example.org"]
    assert to_requester.to == ["member@example.org"]
    for message in mail.outbox:
        assert f"/praxisbeispiele/vermittlung/vorschlag/{introduction.pk}/" in message.body
        assert "Neustadt nutzt das seit zwei Jahren." in message.body
    assert CHALLENGE in to_contact.body
    assert "member@example.org" not in to_contact.body + str(to_contact.reply_to)
    assert "neustadt@example.org" not in to_requester.body + str(to_requester.reply_to)
    # Who it is, the person who asked learns only with the introduction.
    assert "Nora Neumann" not in to_requester.body + to_requester.subject
    assert capfirst(_de("a contact person of %(municipality)s", municipality="Neustadt")) in (
        to_requester.body
    )
    assert "Termin-App" in to_requester.body
    assert _actions()[-1] == "brokering.suggested"


def test_suggest_with_a_solution_the_contact_may_not_see_is_refused(world, contact_request):
    internal = SolutionFactory(
        network=world.network, title="Interne Termin-App", visibility=SolutionVisibility.NETWORK
    )
    expert = world.user("user")  # not a member of alpha

    with pytest.raises(ValidationError) as caught:
        _suggest(contact_request, world.user("coordinator"), expert, solution=internal)

    assert caught.value.error_list[0].code == "solution"
    assert not Introduction.objects.exists()
    assert mail.outbox == []
    assert ContactRequest.objects.get().status == RequestStatus.OPEN


def test_suggest_with_a_solution_the_requester_may_not_see_is_refused(world, contact_request):
    coordinator = world.user("coordinator")
    CoordinatorFactory(network=world.other_network, user=coordinator)
    forget_roles(coordinator)
    beta_internal = SolutionFactory(
        network=world.other_network, title="Beta intern", visibility=SolutionVisibility.NETWORK
    )
    beta_contact = ContactPersonFactory(membership=world.other_membership).user

    with pytest.raises(ValidationError) as caught:
        _suggest(contact_request, coordinator, beta_contact, solution=beta_internal)

    assert caught.value.error_list[0].code == "solution"
    assert not Introduction.objects.exists()


def test_suggest_the_same_person_twice_is_refused(world, contact_request, helper):
    _suggest(contact_request, world.user("coordinator"), helper)
    with pytest.raises(ValidationError) as caught:
        _suggest(contact_request, world.user("coordinator"), helper)
    assert caught.value.error_list[0].code == "duplicate"
    assert Introduction.objects.count() == 1
    assert mail.outbox == []


def test_suggest_the_person_who_asked_is_refused(world, contact_request):
    with pytest.raises(ValidationError) as caught:
        _suggest(contact_request, world.user("coordinator"), world.user("member"))
    assert caught.value.error_list[0].code == "contact"
    assert not Introduction.objects.exists()


def test_suggest_for_a_withdrawn_request_changes_nothing(world, contact_request, helper):
    stale = ContactRequest.objects.get(pk=contact_request.pk)
    services.withdraw_request(contact_request=contact_request, by=world.user("member"))
    with pytest.raises(ValidationError) as caught:
        _suggest(stale, world.user("coordinator"), helper)
    assert caught.value.error_list[0].code == "conflict"
    assert not Introduction.objects.exists()
    assert mail.outbox == []
    assert ContactRequest.objects.get().status == RequestStatus.WITHDRAWN


def test_suggest_an_expert_without_municipality(world, contact_request):
    expert = world.user("user")
    introduction = _suggest(contact_request, world.user("coordinator"), expert)
    assert introduction.municipality is None
    assert [message.to for message in mail.outbox] == [["user@example.org"], ["member@example.org"]]


# --- Consent and introduction -----------------------------------------------------------


@pytest.fixture
def introduction(world, contact_request, helper):
    return _suggest(contact_request, world.user("coordinator"), helper, note="Bitte melden.")


def test_introduction_goes_out_only_when_both_agreed(world, introduction, helper):
    mail.outbox.clear()
    services.answer_introduction(introduction=introduction, by=helper, agree=True)
    assert introduction.contact_consent == ConsentState.GIVEN
    assert introduction.introduced_at is None
    assert mail.outbox == []

    services.answer_introduction(introduction=introduction, by=world.user("member"), agree=True)
    assert introduction.introduced_at is not None
    (message,) = mail.outbox
    assert sorted(message.to) == ["member@example.org", "neustadt@example.org"]
    for text in ("member@example.org", "neustadt@example.org", CHALLENGE, "Bitte melden."):
        assert text in message.body
    assert "Nora Neumann" in message.body and "Altstadt" in message.body
    contact_request = ContactRequest.objects.get()
    assert contact_request.status == RequestStatus.INTRODUCED
    assert _actions()[-3:] == [
        "brokering.consent_given",
        "brokering.consent_given",
        "brokering.introduced",
    ]


def test_requester_may_agree_first(world, introduction, helper):
    services.answer_introduction(introduction=introduction, by=world.user("member"), agree=True)
    mail.outbox.clear()
    services.answer_introduction(introduction=introduction, by=helper, agree=True)
    assert len(mail.outbox) == 1
    assert Introduction.objects.get().introduced_at is not None


def test_answering_twice_is_a_conflict(world, introduction, helper):
    stale = Introduction.objects.get(pk=introduction.pk)
    services.answer_introduction(introduction=introduction, by=helper, agree=True)
    with pytest.raises(ValidationError) as caught:
        services.answer_introduction(introduction=stale, by=helper, agree=False)
    assert caught.value.error_list[0].code == "conflict"
    assert Introduction.objects.get().contact_consent == ConsentState.GIVEN


def test_introduction_is_sent_once_when_both_agree_at_the_same_moment(world, introduction, helper):
    """Both answers commit; each then tries to introduce: only one UPDATE sets the date."""
    Introduction.objects.filter(pk=introduction.pk).update(
        requester_consent=ConsentState.GIVEN, contact_consent=ConsentState.GIVEN
    )
    first = Introduction.objects.get(pk=introduction.pk)
    second = Introduction.objects.get(pk=introduction.pk)
    mail.outbox.clear()
    assert services._introduce_if_both_agreed(first) is True
    assert services._introduce_if_both_agreed(second) is False
    assert len(mail.outbox) == 1
    assert _actions().count("brokering.introduced") == 1


def test_decline_is_recorded_and_the_suggesting_coordinator_told(world, introduction, helper):
    mail.outbox.clear()
    services.answer_introduction(introduction=introduction, by=helper, agree=False)
    assert introduction.contact_consent == ConsentState.REFUSED
    assert introduction.introduced_at is None
    (message,) = mail.outbox
    assert message.to == ["coordinator@example.org"]
    assert "Nora Neumann" in message.body
    assert "neustadt@example.org" not in message.body
    assert _actions()[-1] == "brokering.consent_refused"
    # The other side agreeing afterwards introduces nobody.
    mail.outbox.clear()
    services.answer_introduction(introduction=introduction, by=world.user("member"), agree=True)
    assert Introduction.objects.get().introduced_at is None
    assert mail.outbox == []


def test_decline_goes_to_all_coordinators_when_the_suggesting_one_has_left(
    world, introduction, helper
):
    world.network.coordinator_roles.filter(user=world.user("coordinator")).delete()
    mail.outbox.clear()
    services.answer_introduction(introduction=introduction, by=world.user("member"), agree=False)
    assert [message.to for message in mail.outbox] == [["coordinator2@example.org"]]


def test_only_the_two_sides_can_answer(world, introduction):
    with pytest.raises(ValidationError):
        services.answer_introduction(
            introduction=introduction, by=world.user("coordinator"), agree=True
        )
    assert Introduction.objects.get().requester_consent == ConsentState.ASKED


def test_answer_after_the_request_ended_changes_nothing(world, introduction, helper):
    services.withdraw_request(contact_request=introduction.request, by=world.user("member"))
    with pytest.raises(ValidationError) as caught:
        services.answer_introduction(introduction=introduction, by=helper, agree=True)
    assert caught.value.error_list[0].code == "conflict"
    assert Introduction.objects.get().contact_consent == ConsentState.ASKED


# --- Ending a request ---------------------------------------------------------------------


def test_withdraw_tells_the_people_still_asked(world, introduction, helper):
    other = IntroductionFactory(request=introduction.request, contact_consent=ConsentState.REFUSED)
    mail.outbox.clear()
    services.withdraw_request(contact_request=introduction.request, by=world.user("member"))
    assert ContactRequest.objects.get().status == RequestStatus.WITHDRAWN
    assert [message.to for message in mail.outbox] == [["neustadt@example.org"]]
    assert "member@example.org" not in mail.outbox[0].body
    assert other.contact.email not in str([message.to for message in mail.outbox])
    assert _actions()[-1] == "brokering.withdrawn"


def test_withdraw_twice_or_after_an_introduction_is_refused(world, introduction, helper):
    services.answer_introduction(introduction=introduction, by=helper, agree=True)
    services.answer_introduction(introduction=introduction, by=world.user("member"), agree=True)
    with pytest.raises(ValidationError) as caught:
        services.withdraw_request(contact_request=introduction.request, by=world.user("member"))
    assert caught.value.error_list[0].code == "conflict"
    assert ContactRequest.objects.get().status == RequestStatus.INTRODUCED


def test_only_the_person_who_asked_can_withdraw(world, contact_request):
    with pytest.raises(ValidationError):
        services.withdraw_request(contact_request=contact_request, by=world.user("coordinator"))
    assert ContactRequest.objects.get().status == RequestStatus.OPEN


def test_close_records_the_note_once(world, contact_request):
    stale = ContactRequest.objects.get(pk=contact_request.pk)
    services.close_request(
        contact_request=contact_request, by=world.user("coordinator"), note="Erledigt."
    )
    closed = ContactRequest.objects.get()
    assert (closed.status, closed.outcome_note) == (RequestStatus.CLOSED, "Erledigt.")
    with pytest.raises(ValidationError) as caught:
        services.close_request(contact_request=stale, by=world.user("coordinator"), note="Nochmal")
    assert caught.value.error_list[0].code == "conflict"
    assert ContactRequest.objects.get().outcome_note == "Erledigt."
    assert _actions().count("brokering.closed") == 1


# --- Outcome ----------------------------------------------------------------------------


@pytest.fixture
def introduced(world, introduction, helper):
    services.answer_introduction(introduction=introduction, by=helper, agree=True)
    services.answer_introduction(introduction=introduction, by=world.user("member"), agree=True)
    return introduction


def test_record_outcome_contact_made(world, introduced):
    services.record_outcome(
        introduction=introduced, by=world.user("member"), outcome=Outcome.CONTACT_MADE
    )
    assert Introduction.objects.get().outcome == Outcome.CONTACT_MADE
    assert _actions()[-1] == "brokering.outcome_recorded"


def test_record_outcome_joint_project_creates_an_alliance_of_both(world, introduced):
    services.record_outcome(
        introduction=introduced,
        by=world.user("coordinator"),
        outcome=Outcome.JOINT_PROJECT,
        new_alliance_title="Gemeinsame Terminvergabe",
    )
    alliance = Alliance.objects.get()
    assert alliance.network == world.network
    assert alliance.title == "Gemeinsame Terminvergabe"
    assert sorted(alliance.partners.values_list("name", flat=True)) == ["Altstadt", "Neustadt"]
    assert Introduction.objects.get().alliance == alliance
    assert "alliance.created" in _actions()


def test_record_outcome_joint_project_adds_missing_partners_to_an_alliance(world, introduced):
    alliance = AllianceFactory(network=world.network)
    AlliancePartnerFactory(alliance=alliance, municipality=world.membership.municipality)
    services.record_outcome(
        introduction=introduced,
        by=world.user("coordinator"),
        outcome=Outcome.JOINT_PROJECT,
        alliance=alliance,
    )
    assert sorted(alliance.partners.values_list("name", flat=True)) == ["Altstadt", "Neustadt"]
    assert Introduction.objects.get().alliance == alliance


def test_record_outcome_needs_an_alliance_for_a_joint_project(world, introduced):
    with pytest.raises(ValidationError) as caught:
        services.record_outcome(
            introduction=introduced, by=world.user("coordinator"), outcome=Outcome.JOINT_PROJECT
        )
    assert caught.value.error_list[0].code == "alliance"
    assert Introduction.objects.get().outcome == ""


def test_record_outcome_by_the_person_who_asked_touches_no_alliance(world, introduced):
    theirs = AllianceFactory(network=world.network, title="Mit Altstadt")
    AlliancePartnerFactory(alliance=theirs, municipality=world.membership.municipality)
    for extra in ({"new_alliance_title": "Eigene Allianz"}, {"alliance": theirs}):
        with pytest.raises(ValidationError) as caught:
            services.record_outcome(
                introduction=introduced,
                by=world.user("member"),
                outcome=Outcome.JOINT_PROJECT,
                **extra,
            )
        assert caught.value.error_list[0].code == "alliance"
    assert list(Alliance.objects.values_list("title", flat=True)) == ["Mit Altstadt"]
    assert list(theirs.partners.values_list("name", flat=True)) == ["Altstadt"]  # no Neustadt

    services.record_outcome(
        introduction=introduced, by=world.user("member"), outcome=Outcome.JOINT_PROJECT
    )

    assert (Introduction.objects.get().outcome, Introduction.objects.get().alliance) == (
        Outcome.JOINT_PROJECT,
        None,
    )
    assert Alliance.objects.count() == 1


def test_record_outcome_by_the_person_who_asked_keeps_the_linked_alliance(world, introduced):
    services.record_outcome(
        introduction=introduced,
        by=world.user("coordinator"),
        outcome=Outcome.JOINT_PROJECT,
        new_alliance_title="Gemeinsame Terminvergabe",
    )

    services.record_outcome(
        introduction=introduced, by=world.user("member"), outcome=Outcome.JOINT_PROJECT
    )

    assert Introduction.objects.get().alliance == Alliance.objects.get()


def test_record_outcome_refuses_an_alliance_of_another_network(world, introduced):
    with pytest.raises(ValidationError):
        services.record_outcome(
            introduction=introduced,
            by=world.user("coordinator"),
            outcome=Outcome.JOINT_PROJECT,
            alliance=AllianceFactory(network=world.other_network),
        )
    assert Introduction.objects.get().alliance is None


def test_record_outcome_before_the_introduction_changes_nothing(world, introduction):
    with pytest.raises(ValidationError) as caught:
        services.record_outcome(
            introduction=introduction,
            by=world.user("coordinator"),
            outcome=Outcome.JOINT_PROJECT,
            new_alliance_title="Zu früh",
        )
    assert caught.value.error_list[0].code == "not_introduced"
    assert not Alliance.objects.exists()
    assert Introduction.objects.get().outcome == ""


def test_record_outcome_for_an_expert_names_only_the_asking_municipality(world, introduced):
    expert_intro = IntroductionFactory(
        request=introduced.request,
        contact=world.user("user"),
        requester_consent=ConsentState.GIVEN,
        contact_consent=ConsentState.GIVEN,
        introduced_at=introduced.introduced_at,
    )
    services.record_outcome(
        introduction=expert_intro,
        by=world.user("coordinator"),
        outcome=Outcome.JOINT_PROJECT,
        new_alliance_title="Mit Expertin",
    )
    assert list(Alliance.objects.get().partners.values_list("name", flat=True)) == ["Altstadt"]
