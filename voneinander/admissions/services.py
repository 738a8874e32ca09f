"""The admission workflow: apply, review, admit or decline, withdraw.

States: submitted → in review → admitted | declined; an open application
(submitted or in review) may be withdrawn by its applicant. Every transition
is one conditional UPDATE (`... WHERE state IN (open states)`), so of two
coordinators deciding at the same moment exactly one succeeds; the other gets
a clear message and nothing changes. Every transition is audited and e-mails
the applicant; admission also creates the membership and its contact persons
and queues the admission notice (PDF by e-mail) as a background task.
"""

from __future__ import annotations

import datetime

from allauth.account import app_settings as account_settings
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from voneinander.accounts.services import confirm_affiliation
from voneinander.admissions import emails, tasks
from voneinander.admissions.letters import check_letter
from voneinander.admissions.models import OPEN_STATES, Application, ApplicationState
from voneinander.admissions.notice import notice_filename, primary_contact_name, render_notice
from voneinander.audit.services import record_event
from voneinander.core.uploads import accept_upload
from voneinander.networks.models import Membership, MembershipStatus
from voneinander.networks.roles import forget_roles
from voneinander.networks.services import add_contact_person, create_membership

MAX_CONTACTS = 3


# --- Eligibility ----------------------------------------------------------------


def check_eligibility(*, network, municipality) -> None:
    """Raise ValidationError (code kind / member / open) unless the municipality may apply."""
    if not network.accepts(municipality.kind):
        raise ValidationError(
            _(
                "%(network)s is open to %(kinds)s only; %(municipality)s is a municipality "
                "of the kind “%(kind)s”."
            )
            % {
                "network": network.name,
                "kinds": ", ".join(str(label) for label in network.target_kind_labels),
                "municipality": municipality,
                "kind": municipality.get_kind_display(),
            },
            code="kind",
        )
    if Membership.objects.filter(
        network=network, municipality=municipality, status=MembershipStatus.ACTIVE
    ).exists():
        raise ValidationError(
            _("%(municipality)s already is a member of %(network)s.")
            % {"municipality": municipality, "network": network.name},
            code="member",
        )
    if Application.objects.filter(
        network=network, municipality=municipality, state__in=OPEN_STATES
    ).exists():
        raise ValidationError(_open_application_message(network, municipality), code="open")


def _open_application_message(network, municipality) -> str:
    return _(
        "There already is an open application of %(municipality)s for %(network)s. "
        "The coordinators will decide on it; a second application is not possible."
    ) % {"municipality": municipality, "network": network.name}


def _clean_contacts(contacts, applicant) -> list[dict]:
    cleaned, seen = [], {applicant.email.lower()} if applicant else set()
    for contact in contacts or []:
        email = (contact.get("email") or "").strip().lower()
        name = " ".join((contact.get("name") or "").split())
        if not email or not name:
            raise ValidationError(_("Each contact person needs a name and an e-mail address."))
        if email in seen:
            continue
        seen.add(email)
        position = " ".join((contact.get("position") or "").split())
        cleaned.append({"name": name[:150], "email": email, "position": position[:150]})
    if len(cleaned) > MAX_CONTACTS:
        raise ValidationError(
            _("Please name at most %(count)s further contact persons.") % {"count": MAX_CONTACTS}
        )
    return cleaned


# --- Submitting -----------------------------------------------------------------


def submit_application(
    *,
    network,
    municipality,
    applicant,
    letter,
    message: str = "",
    topics=(),
    applicant_is_contact: bool = True,
    contacts=(),
) -> Application:
    accept_upload(letter, check_letter, by=applicant, purpose="admissions.letter")
    contacts = _clean_contacts(contacts, applicant)
    if not applicant_is_contact and not contacts:
        raise ValidationError(
            _("Please name a contact person, or be the primary contact yourself."),
            code="no_contact",
        )
    application = Application(
        network=network,
        municipality=municipality,
        applicant=applicant,
        letter_name=(getattr(letter, "name", "") or "")[-200:],
        message=message.strip(),
        topics=[topic for topic in network.topics if topic in set(topics)],
        applicant_is_contact=applicant_is_contact,
        contacts=contacts,
    )
    try:
        with transaction.atomic():
            check_eligibility(network=network, municipality=municipality)
            application.letter.save("letter.pdf", letter, save=False)
            application.full_clean()
            application.save()
            record_event(
                actor=applicant,
                action="admission.submitted",
                target=application,
                data={"network": network.slug, "municipality_id": municipality.pk},
            )
            emails.send_to_applicant(application, "submitted")
            emails.send_to_coordinators(application, "new_application")
    except IntegrityError:  # a concurrent second application for the same municipality
        _discard_file(application.letter)
        raise ValidationError(
            _open_application_message(network, municipality), code="open"
        ) from None
    except BaseException:
        _discard_file(application.letter)
        raise
    return application


def _discard_file(field_file) -> None:
    if field_file and field_file.name:
        field_file.delete(save=False)


# --- Transitions ----------------------------------------------------------------


def _conflict_message(application: Application) -> str:
    state = application.state
    if state == ApplicationState.WITHDRAWN:
        return _("The applicant has withdrawn this application; nothing was changed.")
    if state in (ApplicationState.ADMITTED, ApplicationState.DECLINED):
        return _("This application has already been decided (%(state)s); nothing was changed.") % {
            "state": application.get_state_display()
        }
    if state == ApplicationState.IN_REVIEW:
        return _("The review of this application has already started; nothing was changed.")
    return _("This application cannot be changed in its current state.")


def _transition(application: Application, *, to: str, allowed, **changes) -> Application:
    """Move to state `to` if the row is still in one of `allowed` (one conditional UPDATE)."""
    updated = Application.objects.filter(pk=application.pk, state__in=list(allowed)).update(
        state=to, **changes
    )
    if not updated:
        application.refresh_from_db()
        raise ValidationError(_conflict_message(application), code="conflict")
    application.state = to
    for field, value in changes.items():
        setattr(application, field, value)
    return application


def start_review(*, application: Application, by) -> Application:
    with transaction.atomic():
        _transition(
            application,
            to=ApplicationState.IN_REVIEW,
            allowed=[ApplicationState.SUBMITTED],
            review_started_at=timezone.now(),
            reviewed_by=by,
        )
        record_event(actor=by, action="admission.review_started", target=application)
        emails.send_to_applicant(application, "review_started")
    return application


def decline_application(*, application: Application, by, reason: str) -> Application:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Please give a reason; the applicant receives it with the decision."),
            code="reason_required",
        )
    with transaction.atomic():
        _transition(
            application,
            to=ApplicationState.DECLINED,
            allowed=OPEN_STATES,
            decided_at=timezone.now(),
            decided_by=by,
            decision_reason=reason,
        )
        record_event(
            actor=by, action="admission.declined", target=application, data={"reason": reason}
        )
        emails.send_to_applicant(application, "declined")
    return application


def withdraw_application(*, application: Application, by) -> Application:
    if by is None or by.pk != application.applicant_id:
        raise ValidationError(_("Only the applicant can withdraw an application."))
    with transaction.atomic():
        _transition(
            application,
            to=ApplicationState.WITHDRAWN,
            allowed=OPEN_STATES,
            withdrawn_at=timezone.now(),
        )
        record_event(actor=by, action="admission.withdrawn", target=application)
        emails.send_to_applicant(application, "withdrawn")
    return application


def admit_application(
    *, application: Application, by, member_since: datetime.date | None = None
) -> Application:
    """Admit: membership, contact persons, confirmed affiliations, news draft, notice."""
    try:
        return _admit(application, by=by, member_since=member_since)
    except ValidationError:
        application.refresh_from_db()  # nothing was saved; show the state as it is
        raise


def _admit(application: Application, *, by, member_since) -> Application:
    with transaction.atomic():
        _transition(
            application,
            to=ApplicationState.ADMITTED,
            allowed=OPEN_STATES,
            decided_at=timezone.now(),
            decided_by=by,
        )
        membership = create_membership(
            network=application.network,
            municipality=application.municipality,
            by=by,
            member_since=member_since,
            topic_focuses=application.topics,
            audit_data={"application_id": application.pk},
        )
        application.membership = membership
        application.save(update_fields=["membership"])
        contacts = _add_contact_persons(application, membership, by)
        membership.news_draft = news_draft(application, membership)
        membership.save(update_fields=["news_draft"])
        record_event(
            actor=by,
            action="admission.admitted",
            target=application,
            data={"membership_id": membership.pk, "contacts": [user.email for user in contacts]},
        )
        # Enqueued inside the transaction (decision 6): the task row commits
        # with the admission, so no crash between commit and callback loses it.
        tasks.issue_admission_notice.enqueue(application.pk)
    return application


# --- Admission details -----------------------------------------------------------


def _add_contact_persons(application: Application, membership, by) -> list:
    """ContactPerson rows for the applicant (if named) and the further contacts.

    People with an account (matched by e-mail) are linked; for the others an
    account without a usable password is created and an invitation with a
    link to choose a password is sent. Everyone named, and the applicant, gets
    their affiliation with the municipality confirmed, unless they already
    work for another municipality.
    """
    people = []
    if application.applicant_is_contact and application.applicant is not None:
        people.append(application.applicant)
    for contact in application.contacts:
        people.append(_contact_user(contact, application, by))
    # A deactivated account named by e-mail stays without the role.
    unique = [user for user in {user.pk: user for user in people}.values() if user.is_active]
    for index, user in enumerate(unique):
        add_contact_person(membership=membership, user=user, primary=index == 0, by=by)
    confirm = [*unique, application.applicant] if application.applicant else unique
    for user in {user.pk: user for user in confirm}.values():
        _confirm_affiliation(user, application.municipality, by)
    return unique


def _contact_user(contact: dict, application: Application, by):
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=contact["email"]).first()
    if user is not None:
        return user
    first_name, _space, last_name = contact["name"].rpartition(" ")
    user = user_model.objects.create_user(
        email=contact["email"],
        password=None,  # unusable: the person chooses one through the invitation link
        first_name=first_name or last_name,
        last_name=last_name if first_name else "",
        position=contact.get("position", ""),
        municipality=application.municipality,
    )
    # The address is confirmed by use: nobody can sign in without the link
    # that is sent to it.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    record_event(
        actor=by,
        action="account.invited",
        target=user,
        data={"application_id": application.pk, "email": user.email},
    )
    emails.send_invitation(
        user=user, application=application, set_password_url=set_password_url(user)
    )
    return user


def set_password_url(user) -> str:
    """A link to choose a password, made by allauth's password-reset machinery."""
    token = account_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    with translation.override(emails.MAIL_LANGUAGE):
        path = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": token},
        )
    return emails.absolute(path)


def _confirm_affiliation(user, municipality, by) -> None:
    if user.municipality_id not in (None, municipality.pk):
        return  # works for another municipality: not ours to change
    if user.municipality_id is None:
        user.municipality = municipality
        user.save(update_fields=["municipality"])
    if user.municipality_confirmed_at is None:
        confirm_affiliation(user=user, by=by)
        record_event(
            actor=by,
            action="affiliation.confirmed",
            target=user,
            data={
                "municipality_id": municipality.pk,
                "municipality": str(municipality),
                "via": "admission",
            },
        )
    forget_roles(user)


def news_draft(application: Application, membership) -> str:
    """The draft news item "Neues Mitglied: <Kommune>" for the coordinators."""
    member_count = Membership.objects.filter(
        network=application.network, status=MembershipStatus.ACTIVE
    ).count()
    context = {
        "municipality": str(application.municipality),
        "network": application.network,
        "topics": ", ".join(application.topics),
        "member_count": member_count,
        "contact": primary_contact_name(application),
    }
    with translation.override(emails.MAIL_LANGUAGE):
        text = render_to_string("admissions/news_draft.txt", context)
    paragraphs = [" ".join(block.split()) for block in text.split("\n\n")]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


# --- The admission notice (run by the task) ----------------------------------------


def issue_admission_notice(*, application_id: int) -> bool:
    """Generate and store the notice PDF and e-mail it; once per application.

    Returns False when there is nothing to do (not admitted, or already sent),
    so that a repeated task sends no second e-mail.
    """
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("network", "municipality", "applicant", "decided_by", "membership")
            .filter(pk=application_id)
            .first()
        )
        if (
            application is None
            or application.state != ApplicationState.ADMITTED
            or application.notice_sent_at is not None
        ):
            return False
        pdf = render_notice(application)
        filename = notice_filename(application)
        application.notice.save(filename, ContentFile(pdf), save=False)
        try:
            application.notice_sent_at = timezone.now()
            application.save(update_fields=["notice", "notice_sent_at"])
            record_event(
                actor=None,
                action="admission.notice_sent",
                target=application,
                data={"to": application.applicant.email if application.applicant else ""},
            )
            emails.send_admission_notice(application, pdf, filename)
        except BaseException:
            _discard_file(application.notice)
            raise
    return True
