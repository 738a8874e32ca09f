"""Account deletion anonymises the person everywhere; aggregate figures stay the same."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from tests.api.factories import ApiTokenFactory
from tests.conftest import enable_totp
from tests.events.factories import (
    EventFactory,
    RegistrationFactory,
    SessionBookingFactory,
    SessionFactory,
    SpeakerFactory,
)
from tests.factories import (
    PASSWORD,
    ContactPersonFactory,
    CoordinatorFactory,
    MunicipalityFactory,
    UserFactory,
)
from tests.privacy.factories import (
    AuthenticatorFactory,
    CalendarFeedTokenFactory,
    EmailAddressFactory,
    EnrolmentFactory,
    ModuleFeedbackFactory,
    NotificationSettingsFactory,
)
from tests.questions.factories import AnswerFactory, FollowFactory, NotificationFactory
from tests.questions.factories import QuestionFactory as NetworkQuestionFactory
from tests.seminars.factories import ModuleFactory, ProgrammeFactory
from tests.surveys.factories import SurveyFactory, question, respond
from voneinander.accounts.models import User
from voneinander.accounts.privacy_erasure import delete_account
from voneinander.api.models import ApiToken
from voneinander.audit.models import AuditEvent
from voneinander.audit.services import record_event
from voneinander.events import participants
from voneinander.events.models import CalendarFeedToken, Registration
from voneinander.networks.models import ContactPerson, Membership, NetworkCoordinator
from voneinander.questions.models import Follow, Notification, NotificationSettings
from voneinander.seminars.feedback_selectors import feedback_summary
from voneinander.surveys.models import QuestionKind
from voneinander.surveys.results import survey_results

pytestmark = [pytest.mark.trust("Account deletion"), pytest.mark.django_db]


def _person(**fields):
    fields.setdefault("position", "Digitallotsin")
    fields.setdefault("organisation", "Verbandsgemeinde Musterland")
    fields.setdefault("phone", "+49 6131 16-0")
    return UserFactory(first_name="Erika", last_name="Mustermann", **fields)


def test_delete_account_empties_the_user_row():
    person = _person()
    email = person.email

    delete_account(user=person, by=person)

    person.refresh_from_db()
    assert person.email == f"deleted-{person.pk}@invalid"
    assert (person.first_name, person.last_name, person.position) == ("", "", "")
    assert (person.organisation, person.phone, person.municipality) == ("", "", None)
    assert person.is_active is False
    assert person.has_usable_password() is False
    assert person.is_deleted
    assert person.display_name == _("Deleted person")
    assert str(person) == _("Deleted person")
    assert not User.objects.filter(email=email).exists()


def test_delete_account_removes_sign_in_data_roles_and_follows():
    person = _person()
    EmailAddressFactory(user=person)
    AuthenticatorFactory(user=person)
    ApiTokenFactory(user=person)
    CalendarFeedTokenFactory(user=person)
    FollowFactory(user=person)
    NotificationFactory(user=person)
    NotificationSettingsFactory(user=person)
    contact = ContactPersonFactory(user=person)
    CoordinatorFactory(user=person)

    delete_account(user=person, by=person)

    for model in (EmailAddress, Authenticator, ApiToken, CalendarFeedToken, Follow):
        assert not model.objects.filter(user=person).exists(), model
    assert not Notification.objects.filter(user=person).exists()
    assert not NotificationSettings.objects.filter(user=person).exists()
    assert not ContactPerson.objects.filter(user=person).exists()
    assert not NetworkCoordinator.objects.filter(user=person).exists()
    # The municipality stays a member even without its only contact person.
    assert Membership.objects.filter(pk=contact.membership_id).exists()


def test_delete_account_is_audited_without_the_erased_values():
    person = _person()
    ContactPersonFactory(user=person)
    email = person.email

    delete_account(user=person, by=person)

    entry = AuditEvent.objects.get(action="privacy.account_deleted")
    assert entry.target_id == str(person.pk)
    assert entry.data["self_service"] is True
    assert entry.data["counts"]["networks.ContactPerson.user"] == 1
    assert email not in str(entry.data) + entry.target_label + entry.actor_label
    assert "Mustermann" not in str(entry.data) + entry.target_label + entry.actor_label


def test_delete_account_clears_registration_answers_and_keeps_the_counts():
    ended = timezone.now() - timezone.timedelta(days=3)
    event = EventFactory(starts_at=ended - timezone.timedelta(hours=4), ends_at=ended)
    session = SessionFactory(event=event, starts_at=event.starts_at, ends_at=event.ends_at)
    person = _person()
    mine = RegistrationFactory(
        event=event, user=person, answers={"1": "vegetarisch"}, checked_in_at=ended
    )
    SessionBookingFactory(registration=mine, session=session, attended=True)
    for attended in (True, False):
        other = RegistrationFactory(event=event, checked_in_at=ended if attended else None)
        SessionBookingFactory(registration=other, session=session, attended=attended)
    before = participants.figures(event)

    delete_account(user=person, by=person)

    assert participants.figures(event) == before
    assert before["checked_in"] == 2
    mine.refresh_from_db()
    assert mine.answers == {}
    assert mine.list_consent is False
    assert Registration.objects.filter(event=event).count() == 3


def test_delete_account_cancels_upcoming_registrations_and_frees_the_seat():
    event = EventFactory(capacity=1)
    person = _person()
    mine = RegistrationFactory(event=event, user=person)
    waiting = RegistrationFactory(event=event, status="waitlisted")

    counts = delete_account(user=person, by=person)

    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == "cancelled"
    assert waiting.status == "confirmed"
    assert counts["events.Registration.cancelled"] == 1


def test_delete_account_keeps_survey_results():
    survey = SurveyFactory(respondent_mode="person")
    single = question(survey, QuestionKind.SINGLE, options=["Ja", "Nein"])
    text = question(survey, QuestionKind.TEXT)
    yes, no = single.options.all()
    person = _person()
    respond(survey, MunicipalityFactory(), {single: yes, text: "Mehr Austausch"}, user=person)
    respond(survey, MunicipalityFactory(), {single: no, text: "Weniger Papier"}, user=UserFactory())
    before = survey_results(survey, with_texts=True)

    delete_account(user=person, by=person)

    assert survey_results(survey, with_texts=True) == before


def test_delete_account_keeps_seminar_ratings():
    programme = ProgrammeFactory()
    module = ModuleFactory(programme=programme)
    person = _person()
    EnrolmentFactory(programme=programme, user=person, message="Ich bin neu im Amt.")
    for rating, user in ((5, person), (3, UserFactory()), (4, UserFactory())):
        ModuleFeedbackFactory(module=module, user=user, rating=rating, version_label="2026")
    before = feedback_summary(programme)

    delete_account(user=person, by=person)

    assert feedback_summary(programme) == before
    assert person.enrolments.get().message == ""


def test_authored_content_shows_deleted_person(world, client_as, record_property):
    record_property("pages", 1)
    person = world.user("member")
    asked = NetworkQuestionFactory(network=world.network, author=person, title="Wer nutzt OZG?")
    AnswerFactory(question=asked, author=world.user("contact"))

    delete_account(user=person, by=person)

    response = client_as(world.user("coordinator")).get(
        reverse("questions:detail", kwargs={"pk": asked.pk})
    )
    page = response.content.decode()
    assert escape(_("Deleted person")) in page
    assert "member@example.org" not in page
    assert "Wer nutzt OZG?" in page


def test_last_admin_cannot_delete_their_account():
    admin = UserFactory(is_staff=True, is_superuser=True)

    with pytest.raises(ValidationError) as refused:
        delete_account(user=admin, by=admin)

    assert refused.value.code == "last_admin"
    admin.refresh_from_db()
    assert admin.is_active and admin.is_superuser


def test_an_admin_may_go_when_another_admin_remains():
    admin = UserFactory(is_staff=True, is_superuser=True)
    UserFactory(is_staff=True, is_superuser=True)

    delete_account(user=admin, by=admin)

    admin.refresh_from_db()
    assert not admin.is_superuser and not admin.is_active


# --- The page ---------------------------------------------------------------------------------


def test_delete_page_with_password_and_confirmation_deletes_and_signs_out(client, record_property):
    record_property("pages", 1)
    person = _person()
    client.force_login(person)

    response = client.post(
        reverse("accounts:delete_account"), {"password": PASSWORD, "confirm": "on"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    person.refresh_from_db()
    assert person.is_deleted
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_delete_page_ends_the_persons_other_sessions(client):
    from django.test import Client

    person = _person()
    elsewhere = Client()
    elsewhere.force_login(person)
    client.force_login(person)

    client.post(reverse("accounts:delete_account"), {"password": PASSWORD, "confirm": "on"})

    response = elsewhere.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_delete_page_with_a_wrong_password_changes_nothing(client):
    person = _person()
    client.force_login(person)

    response = client.post(
        reverse("accounts:delete_account"), {"password": "falsch", "confirm": "on"}
    )

    assert response.status_code == 200
    assert escape(_("The password is not correct.")) in response.content.decode()
    person.refresh_from_db()
    assert person.is_active and person.last_name == "Mustermann"


def test_delete_page_without_confirmation_changes_nothing(client):
    person = _person()
    client.force_login(person)

    response = client.post(reverse("accounts:delete_account"), {"password": PASSWORD})

    expected = _("Please confirm that you want to delete your account.")
    assert escape(expected) in response.content.decode()
    person.refresh_from_db()
    assert person.is_active


def test_delete_page_refuses_the_last_admin_with_a_message(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    enable_totp(admin)
    client.force_login(admin)

    response = client.post(
        reverse("accounts:delete_account"), {"password": PASSWORD, "confirm": "on"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors().as_data()[0].code == "last_admin"
    admin.refresh_from_db()
    assert admin.is_active


def test_admin_action_anonymises_selected_accounts(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    enable_totp(admin)
    person = _person()
    client.force_login(admin)

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "anonymise_accounts", "_selected_action": [person.pk]},
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_deleted
    entry = AuditEvent.objects.get(action="privacy.account_deleted")
    assert entry.actor == admin
    assert entry.data["self_service"] is False


def test_admin_offers_no_hard_delete_of_accounts(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    enable_totp(admin)
    person = _person()
    client.force_login(admin)
    changelist = reverse("admin:accounts_user_changelist")

    page = client.get(changelist)
    refused = client.post(reverse("admin:accounts_user_delete", args=[person.pk]), {"post": "yes"})
    client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [person.pk], "post": "yes"},
    )

    actions = [name for name, _label in page.context["action_form"].fields["action"].choices]
    assert "delete_selected" not in actions
    assert "anonymise_accounts" in actions
    assert refused.status_code == 403
    person.refresh_from_db()
    assert person.is_active and person.last_name == "Mustermann"
    assert not AuditEvent.objects.filter(action="object.deleted").exists()


def test_delete_account_replaces_the_persons_address_in_the_audit_log():
    admin = UserFactory(is_staff=True, is_superuser=True, email="admin-a@example.org")
    person = _person(email="erika@example.org")
    network = CoordinatorFactory(user=person).network
    record_event(actor=person, action="auth.login", target=person)
    record_event(actor=person, action="network.updated", target=network)
    record_event(actor=admin, action="role.staff_changed", target=person, data={"is_staff": True})
    record_event(actor=admin, action="role.staff_changed", target=admin)
    record_event(actor=None, action="auth.login_failed", data={"email": "Erika@Example.org"})
    record_event(
        actor=admin,
        action="network.coordinator_added",
        target=network,
        data={"user_id": admin.pk, "previous": ["erika@example.org"]},
    )
    entries = AuditEvent.objects.count()

    delete_account(user=person, by=admin)

    placeholder = f"deleted-{person.pk}@invalid"
    assert AuditEvent.objects.count() == entries + 1  # kept, plus the deletion itself
    texts = AuditEvent.objects.values_list("actor_label", "target_label", "data")
    assert not [row for row in texts if "erika@example.org" in str(row).lower()]
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert failed.data == {"email": placeholder}
    assert AuditEvent.objects.get(action="network.coordinator_added").data == {
        "user_id": admin.pk,
        "previous": [placeholder],
    }
    assert set(AuditEvent.objects.filter(actor=person).values_list("actor_label", flat=True)) == {
        placeholder
    }
    about_person = AuditEvent.objects.filter(target_id=str(person.pk), target_type__model="user")
    assert set(about_person.values_list("target_label", flat=True)) == {placeholder}
    assert AuditEvent.objects.get(actor=person, action="network.updated").target_label == str(
        network
    )
    by_admin = AuditEvent.objects.filter(actor=admin).values_list("actor_label", flat=True)
    assert set(by_admin) == {"admin-a@example.org"}
    about_admin = AuditEvent.objects.get(target_id=str(admin.pk), target_type__model="user")
    assert about_admin.target_label == str(admin)


def test_delete_account_replaces_the_name_of_a_speaker():
    person = _person()
    speaker = SpeakerFactory(user=person, name="Erika Mustermann")
    guest = SpeakerFactory(name="Gast Referentin")

    delete_account(user=person, by=person)

    speaker.refresh_from_db()
    guest.refresh_from_db()
    with translation.override(settings.LANGUAGE_CODE):  # stored in the site's language
        assert speaker.name == _("Deleted person")
    assert speaker.name == "Gelöschte Person"
    assert (speaker.organisation, speaker.bio) == ("", "")
    assert guest.name == "Gast Referentin"


def test_deleting_an_admin_locks_every_admin_row_first():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin = UserFactory(is_staff=True, is_superuser=True)
    UserFactory(is_staff=True, is_superuser=True)

    with CaptureQueriesContext(connection) as queries:
        delete_account(user=admin, by=admin)

    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    admin_reads = [sql for sql in reads if '"is_superuser"' in sql and "ORDER BY" in sql]
    assert admin_reads, "the active admins are read (and locked) in one ordered query"
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in admin_reads[0]
