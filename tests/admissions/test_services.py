"""The admission workflow as services: states, rules, e-mails, audit, notice."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.admissions import pdfs
from tests.admissions.factories import ApplicationFactory
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from voneinander.admissions import services
from voneinander.admissions.models import Application, ApplicationState
from voneinander.admissions.notice import german_date
from voneinander.audit.models import AuditEvent
from voneinander.municipalities.models import MunicipalityKind
from voneinander.networks.models import ContactPerson, Membership
from voneinander.networks.roles import MEMBER, network_roles


def _submit(world, **overrides):
    options = {
        "network": world.network,
        "applicant": world.user("user"),
        "letter": pdfs.upload(pdfs.letter_pdf()),
        "message": "Wir möchten mitmachen.",
        **overrides,
    }
    if "municipality" not in options:
        options["municipality"] = MunicipalityFactory(name="Neudorf", ags="07111222")
    return services.submit_application(**options)


def _de(text: str, **params) -> str:
    with translation.override("de"):
        return gettext(text) % params if params else gettext(text)


def _coordinator(world):
    return world.user("coordinator")


# --- Submitting -------------------------------------------------------------------


def test_submit_stores_the_application_and_informs_applicant_and_coordinators(world):
    mail.outbox.clear()
    application = _submit(world, topics=["ignored"])
    assert application.state == ApplicationState.SUBMITTED
    assert application.letter.name.startswith("admissions/letters/")
    with application.letter.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")
    assert application.letter_name == "brief.pdf"
    assert application.topics == []
    event = AuditEvent.objects.get(action="admission.submitted")
    assert (event.actor, event.target_id) == (world.user("user"), str(application.pk))
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == [
        "coordinator2@example.org",
        "coordinator@example.org",
        "user@example.org",
    ]
    to_coordinator = next(m for m in mail.outbox if m.to == ["coordinator@example.org"])
    assert "Neudorf" in to_coordinator.subject
    assert f"/aufnahme/antraege/{application.pk}/" in to_coordinator.body


def test_submit_keeps_only_topics_of_the_network(world):
    world.network.topics = ["Smart City", "Open Data"]
    world.network.save()
    application = _submit(world, topics=["Open Data", "Erfunden"])
    assert application.topics == ["Open Data"]


def test_second_open_application_for_the_same_municipality_is_refused(world):
    first = _submit(world)
    with pytest.raises(ValidationError) as caught:
        _submit(world, municipality=first.municipality, applicant=UserFactory())
    assert caught.value.code == "open"
    assert "Neudorf" in caught.value.messages[0]
    assert Application.objects.count() == 1


def test_open_application_constraint_holds_in_the_database(world):
    first = ApplicationFactory(network=world.network)
    second = ApplicationFactory.build(
        network=world.network, municipality=first.municipality, applicant=first.applicant
    )
    with pytest.raises(ValidationError):
        second.full_clean()
    # A decided application does not count: applying again is possible.
    Application.objects.filter(pk=first.pk).update(
        state=ApplicationState.DECLINED, decision_reason="Nicht jetzt"
    )
    second.full_clean()


def test_application_for_an_active_member_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        _submit(world, municipality=world.membership.municipality)
    assert caught.value.code == "member"
    assert "Altstadt" in caught.value.messages[0]


def test_application_of_a_kind_the_network_does_not_accept_is_refused(world):
    world.network.target_kinds = [MunicipalityKind.VERBANDSGEMEINDE]
    world.network.save()
    town = MunicipalityFactory(name="Großstadt", kind=MunicipalityKind.KREISFREIE_STADT)
    with pytest.raises(ValidationError) as caught:
        _submit(world, municipality=town)
    assert caught.value.code == "kind"
    assert "Großstadt" in caught.value.messages[0]
    assert not Application.objects.exists()


def test_submit_refuses_a_bad_letter_and_stores_nothing(world, settings):
    with pytest.raises(ValidationError) as caught:
        _submit(world, letter=pdfs.upload(pdfs.javascript_pdf()))
    assert caught.value.code == "active_content"
    assert not Application.objects.exists()
    letters = settings.MEDIA_ROOT / "admissions" / "letters"
    assert not letters.exists() or not any(letters.iterdir())


def test_submit_without_any_contact_person_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        _submit(world, applicant_is_contact=False, contacts=[])
    assert caught.value.code == "no_contact"


# --- Transitions ------------------------------------------------------------------


def test_start_review_moves_to_in_review_audits_and_mails(world):
    application = _submit(world)
    mail.outbox.clear()
    services.start_review(application=application, by=_coordinator(world))
    application.refresh_from_db()
    assert application.state == ApplicationState.IN_REVIEW
    assert application.reviewed_by == _coordinator(world)
    assert AuditEvent.objects.filter(action="admission.review_started").count() == 1
    assert [m.to for m in mail.outbox] == [["user@example.org"]]


def test_start_review_twice_is_refused_without_change(world):
    application = _submit(world)
    services.start_review(application=application, by=_coordinator(world))
    with pytest.raises(ValidationError) as caught:
        services.start_review(application=application, by=world.user("admin"))
    assert caught.value.code == "conflict"
    application.refresh_from_db()
    assert application.reviewed_by == _coordinator(world)
    assert AuditEvent.objects.filter(action="admission.review_started").count() == 1


def test_decline_needs_a_reason(world):
    application = _submit(world)
    with pytest.raises(ValidationError) as caught:
        services.decline_application(application=application, by=_coordinator(world), reason=" ")
    assert caught.value.code == "reason_required"
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_decline_records_the_reason_and_mails_it(world):
    application = _submit(world)
    mail.outbox.clear()
    services.decline_application(
        application=application, by=_coordinator(world), reason="Kein Bezug zum Netzwerk."
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.DECLINED
    assert application.decision_reason == "Kein Bezug zum Netzwerk."
    assert AuditEvent.objects.get(action="admission.declined").data == {
        "reason": "Kein Bezug zum Netzwerk."
    }
    (message,) = mail.outbox
    assert message.to == ["user@example.org"]
    assert "Kein Bezug zum Netzwerk." in message.body
    assert not Membership.objects.filter(municipality=application.municipality).exists()


def test_withdraw_by_the_applicant(world):
    application = _submit(world)
    mail.outbox.clear()
    services.withdraw_application(application=application, by=world.user("user"))
    application.refresh_from_db()
    assert application.state == ApplicationState.WITHDRAWN
    assert application.withdrawn_at is not None
    assert AuditEvent.objects.get(action="admission.withdrawn").actor == world.user("user")
    assert [m.to for m in mail.outbox] == [["user@example.org"]]


def test_withdraw_by_someone_else_is_refused(world):
    application = _submit(world)
    with pytest.raises(ValidationError):
        services.withdraw_application(application=application, by=world.user("admin"))
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


@pytest.mark.parametrize(
    "decided", [ApplicationState.ADMITTED, ApplicationState.DECLINED, ApplicationState.WITHDRAWN]
)
def test_no_transition_leaves_a_final_state(world, decided):
    application = ApplicationFactory(network=world.network, state=decided, decision_reason="Grund")
    coordinator = _coordinator(world)
    attempts = [
        lambda: services.start_review(application=application, by=coordinator),
        lambda: services.admit_application(application=application, by=coordinator),
        lambda: services.decline_application(application=application, by=coordinator, reason="x"),
        lambda: services.withdraw_application(application=application, by=application.applicant),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.code == "conflict"
        application.refresh_from_db()
        assert application.state == decided
    assert not AuditEvent.objects.filter(action__startswith="admission.").exists()
    assert not Membership.objects.filter(municipality=application.municipality).exists()


def test_two_coordinators_deciding_at_once_only_one_wins(world):
    """Both loaded the open application; the conditional UPDATE lets only the first through."""
    application = _submit(world)
    seen_by_first = Application.objects.get(pk=application.pk)
    seen_by_second = Application.objects.get(pk=application.pk)
    services.admit_application(application=seen_by_first, by=_coordinator(world))
    with pytest.raises(ValidationError) as caught:
        services.decline_application(
            application=seen_by_second, by=world.user("admin"), reason="Zu spät"
        )
    assert caught.value.code == "conflict"
    assert caught.value.messages == [
        _de(
            "This application has already been decided (%(state)s); nothing was changed.",
            state=seen_by_second.get_state_display(),
        )
    ]
    assert seen_by_second.state == ApplicationState.ADMITTED  # refreshed for the message
    application.refresh_from_db()
    assert (application.state, application.decision_reason) == (ApplicationState.ADMITTED, "")
    assert Membership.objects.filter(municipality=application.municipality).count() == 1


def test_admission_is_rolled_back_when_the_membership_cannot_be_created(world):
    application = _submit(world)
    # Meanwhile, the municipality became a member another way.
    MembershipFactory(network=world.network, municipality=application.municipality)
    with pytest.raises(ValidationError):
        services.admit_application(application=application, by=_coordinator(world))
    assert application.state == ApplicationState.SUBMITTED
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert not AuditEvent.objects.filter(action="admission.admitted").exists()


# --- Admission ----------------------------------------------------------------------


def _admit(world, django_capture_on_commit_callbacks, **submit):
    application = _submit(world, **submit)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.admit_application(application=application, by=_coordinator(world))
    application.refresh_from_db()
    return application


def test_admission_creates_membership_contacts_and_news_draft(
    world, django_capture_on_commit_callbacks
):
    colleague = UserFactory(email="kollegin@example.org")
    world.network.topics = ["Open Data", "Smart City"]
    world.network.save()
    application = _admit(
        world,
        django_capture_on_commit_callbacks,
        topics=["Smart City"],
        contacts=[
            {"name": "Karla Kollegin", "email": "Kollegin@example.org", "position": "IT"},
        ],
    )
    membership = application.membership
    assert (membership.network, membership.municipality, membership.status) == (
        world.network,
        application.municipality,
        "active",
    )
    assert membership.member_since == timezone.localdate()
    assert membership.topic_focuses == ["Smart City"]
    contacts = ContactPerson.objects.filter(membership=membership).order_by("-is_primary")
    assert [(c.user, c.is_primary) for c in contacts] == [
        (world.user("user"), True),
        (colleague, False),
    ]
    # The news draft for the coordinators.
    title = _de("New member: %(municipality)s", municipality="Neudorf")
    assert membership.news_draft.startswith(title + "\n\n")
    assert "Smart City" in membership.news_draft
    assert world.network.name in membership.news_draft
    # Affiliations confirmed: both now count as members of the network.
    for user in (world.user("user"), colleague):
        user.refresh_from_db()
        assert user.municipality == application.municipality
        assert user.municipality_confirmed_by == _coordinator(world)
        assert network_roles(user).has(world.network.pk, MEMBER)
    actions = list(AuditEvent.objects.values_list("action", flat=True).order_by("pk"))
    assert actions == [
        "admission.submitted",
        "membership.added",
        "role.contact_added",
        "role.contact_added",
        "affiliation.confirmed",
        "affiliation.confirmed",
        "admission.admitted",
        "admission.notice_sent",
    ]


def test_admission_does_not_move_people_of_other_municipalities(
    world, django_capture_on_commit_callbacks
):
    elsewhere = MunicipalityFactory(name="Anderswo")
    applicant = UserFactory(municipality=elsewhere)
    application = _admit(world, django_capture_on_commit_callbacks, applicant=applicant)
    applicant.refresh_from_db()
    assert applicant.municipality == elsewhere
    assert applicant.municipality_confirmed_at is None
    assert ContactPerson.objects.filter(membership=application.membership, user=applicant).exists()


def test_admission_mails_the_notice_pdf_to_the_applicant(world, django_capture_on_commit_callbacks):
    world.network.postal_address = "Schillerplatz 3–5\n55116 Mainz"
    world.network.contact_email = "alpha@example.org"
    world.network.save()
    application = _admit(world, django_capture_on_commit_callbacks)
    (message,) = [m for m in mail.outbox if m.attachments]
    assert message.to == ["user@example.org"]
    assert message.reply_to == ["alpha@example.org"]
    filename, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf"
    assert filename.endswith("-neudorf.pdf")
    # The notice is stored too, for downloading it again.
    assert application.notice_sent_at is not None
    with application.notice.open("rb") as stored:
        assert stored.read() == content
    text = pdfs.pdf_text(content)
    for expected in [
        "Neudorf",
        "07111222",
        "Netzwerk Alpha",
        "Schillerplatz 3–5",
        "alpha@example.org",
        german_date(timezone.localdate()),
        application.applicant.get_full_name(),
    ]:
        assert expected in text, expected
    assert AuditEvent.objects.filter(action="admission.notice_sent").count() == 1


def test_admission_notice_is_sent_once(world, django_capture_on_commit_callbacks):
    application = _admit(world, django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    assert services.issue_admission_notice(application_id=application.pk) is False
    assert len(mail.outbox) == sent


def test_admission_notice_not_issued_for_an_open_application(world):
    application = _submit(world)
    assert services.issue_admission_notice(application_id=application.pk) is False
    application.refresh_from_db()
    assert not application.notice


def test_named_contact_without_account_is_invited(
    world, django_capture_on_commit_callbacks, client
):
    application = _admit(
        world,
        django_capture_on_commit_callbacks,
        contacts=[{"name": "Dr. Nora Neu", "email": "nora.neu@example.org", "position": "CDO"}],
    )
    from voneinander.accounts.models import User

    nora = User.objects.get(email="nora.neu@example.org")
    assert (nora.first_name, nora.last_name, nora.position) == ("Dr. Nora", "Neu", "CDO")
    assert not nora.has_usable_password()
    assert nora.municipality == application.municipality
    assert nora.municipality_confirmed_at is not None
    assert ContactPerson.objects.filter(membership=application.membership, user=nora).exists()
    assert AuditEvent.objects.get(action="account.invited").target_id == str(nora.pk)
    (invitation,) = [m for m in mail.outbox if m.to == ["nora.neu@example.org"]]
    link = next(line for line in invitation.body.splitlines() if "/konto/" in line)
    # The link works with allauth's password reset: choose a password, then sign in.
    response = client.get(link.replace("http://127.0.0.1:8000", ""))
    assert response.status_code == 302
    form_url = response["Location"]
    response = client.post(
        form_url, {"password1": "Ein-neues-Passwort-7", "password2": "Ein-neues-Passwort-7"}
    )
    assert response.status_code == 302
    nora.refresh_from_db()
    assert nora.check_password("Ein-neues-Passwort-7")


def test_member_since_can_be_chosen(world):
    application = _submit(world)
    services.admit_application(
        application=application, by=_coordinator(world), member_since=datetime.date(2027, 1, 1)
    )
    assert application.membership.member_since == datetime.date(2027, 1, 1)
