"""Participants of an event: the list for others (with consent), the organisers' list and
its exports, the settings around it, and the deletion of personal data after the event.

Reads and writes are kept in one module because they share one subject, the
participant list; they stay separate functions (selectors return data, services
are keyword-only, atomic and audited).

Retention: `EVENTS_RETENTION_DAYS` (default 365) days after an event ended —
or after the event's own `retention_days` — its registrations, session bookings,
answers, preferences and reminders are deleted (`purge_due_events`, run by the
`purge_event_data` command). What stays are anonymous counts in
`Event.retained_figures` (registrations per status, check-ins, places booked and
attended per session) and the allocation runs' figures. Events still inside
their period are never touched; running it again finds nothing left to do.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import re
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from voneinander.audit.services import record_event
from voneinander.core.spreadsheets import BOM, Echo, no_formula
from voneinander.events import registration_selectors
from voneinander.events.models import (
    AllocationRun,
    BookingStatus,
    Event,
    FeedbackReceipt,
    ParticipantListVisibility,
    Preference,
    Question,
    Registration,
    RegistrationStatus,
    Session,
    SessionBooking,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUS_ORDER = {
    RegistrationStatus.CONFIRMED: 0,
    RegistrationStatus.PENDING: 1,
    RegistrationStatus.WAITLISTED: 2,
    RegistrationStatus.CANCELLED: 3,
    RegistrationStatus.DECLINED: 4,
}
SETTINGS_FIELDS = ("participant_list_visibility", "self_check_in", "retention_days")


def _by_name(user) -> tuple:
    return (user.last_name.casefold(), user.first_name.casefold(), user.email.casefold())


# --- The list for others (only who agreed) ----------------------------------------------


@dataclass
class PublicList:
    people: list[Registration]  # confirmed and agreed to be listed, by name
    unlisted: int  # confirmed, but did not agree


def public_list(event: Event) -> PublicList:
    """Two queries, however many people.

    Only people who agreed AND have a name are listed: without a name the
    display name would fall back to a part of the e-mail address, which
    nobody agreed to show. They are counted as unlisted instead.
    """
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    named = ~Q(user__first_name="") | ~Q(user__last_name="")
    listed = Q(list_consent=True) & named
    people = list(
        confirmed.filter(listed)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    unlisted = confirmed.exclude(listed).count()
    return PublicList(people=people, unlisted=unlisted)


def set_list_consent(*, registration: Registration, consent: bool) -> Registration:
    """The person's own choice; it can be changed at any time."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.list_consent != consent:
            registration.list_consent = consent
            registration.save(update_fields=["list_consent", "updated_at"])
    return registration


# --- The organisers' list --------------------------------------------------------------


def organiser_list(event: Event) -> tuple[list[Registration], list[Question]]:
    """Everyone who registered, confirmed first and then by name.

    Each registration has `active_bookings` (with `position` on waiting lists and
    `attended`), `answer_list` (answers in the order of `questions`) and
    `has_attended` (a certificate can be issued).
    Four queries, however many people.
    """
    registrations = registration_selectors.registrations_for_organiser(event)
    questions = registration_selectors.questions_of(event)
    for registration in registrations:
        registration.answer_list = [_answer(registration, question) for question in questions]
        registration.attended_count = sum(
            1 for booking in registration.active_bookings if booking.attended
        )
        registration.has_attended = registration.status == RegistrationStatus.CONFIRMED and bool(
            registration.checked_in_at or registration.attended_count
        )
    registrations.sort(key=lambda r: (STATUS_ORDER.get(r.status, 9), *_by_name(r.user), r.pk))
    return registrations, questions


def _answer(registration: Registration, question: Question) -> str:
    value = registration.answers.get(str(question.pk), "")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def sessions_with_attendance(event: Event) -> list[Session]:
    """The event's sessions with `booked`, `waiting` and `attended` counted in SQL."""
    confirmed = Q(bookings__status=BookingStatus.CONFIRMED)
    return list(
        Session.objects.filter(event=event)
        .select_related("round")
        .annotate(
            booked=Count("bookings", filter=confirmed),
            waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITLISTED)),
            attended=Count("bookings", filter=confirmed & Q(bookings__attended=True)),
        )
        .order_by("starts_at", "title", "pk")
    )


def counts(registrations: list[Registration]) -> dict[str, int]:
    result = dict.fromkeys(RegistrationStatus.values, 0)
    for registration in registrations:
        result[registration.status] += 1
    result["checked_in"] = sum(
        1
        for r in registrations
        if r.status == RegistrationStatus.CONFIRMED and r.checked_in_at is not None
    )
    return result


# --- Exports -------------------------------------------------------------------------


def export_header(questions: list[Question]) -> list[str]:
    """The columns of the CSV export (events:registration_export), then attendance."""
    return [
        _("Name"),
        _("E-mail"),
        _("Status"),
        _("Registered at"),
        _("Sessions"),
        _("Waiting lists"),
        _("Name may be listed"),
        *[question.label for question in questions],
        _("Checked in"),
        _("Sessions attended"),
    ]


def export_rows(event: Event) -> tuple[list[str], list[list]]:
    """(header, rows) with dates as aware datetimes; the caller formats them."""
    registrations, questions = organiser_list(event)
    statuses = dict(RegistrationStatus.choices)
    rows = []
    for registration in registrations:
        bookings = registration.active_bookings
        confirmed = [b for b in bookings if b.status == BookingStatus.CONFIRMED]
        rows.append(
            [
                registration.user.display_name,
                registration.user.email,
                str(statuses.get(registration.status, registration.status)),
                registration.created_at,
                "; ".join(b.session.title for b in confirmed),
                "; ".join(
                    b.session.title for b in bookings if b.status == BookingStatus.WAITLISTED
                ),
                _("yes") if registration.list_consent else _("no"),
                *registration.answer_list,
                registration.checked_in_at,
                "; ".join(b.session.title for b in confirmed if b.attended),
            ]
        )
    return export_header(questions), rows


# The control characters XML cannot hold (as openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def safe_text(value) -> str:
    """Text that a spreadsheet shows as text: no formulas (CSV/XLSX injection) and no
    characters that XML cannot hold."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return no_formula(text)


def _xlsx_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        # Spreadsheets know no time zones: the local (Berlin) wall-clock time.
        return timezone.localtime(value).replace(tzinfo=None)
    return safe_text(value)


def xlsx_export(event: Event) -> bytes:
    # imported on use: openpyxl is ~32 MB per worker otherwise
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    header, rows = export_rows(event)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Participants")[:31])
    sheet.freeze_panes = "A2"
    for index, width in enumerate([28, 32, 18, 17, 40, 30, 12], start=1):
        sheet.column_dimensions[chr(64 + index)].width = width
    bold = Font(bold=True)
    header_cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=safe_text(title))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
            if isinstance(value, datetime.datetime):
                cell.number_format = "DD.MM.YYYY HH:MM"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    return safe_text(value)


def csv_export(event: Event) -> str:
    """The same columns and rows as the XLSX export; `;`-separated with a BOM for Excel."""
    header, rows = export_rows(event)
    writer = csv.writer(Echo(), delimiter=";")
    lines = [writer.writerow([safe_text(title) for title in header])]
    lines += [writer.writerow([_csv_value(value) for value in row]) for row in rows]
    return BOM + "".join(lines)


def export_filename(event: Event, extension: str) -> str:
    return f"anmeldungen-{event.slug}.{extension}"


# --- Settings --------------------------------------------------------------------------


def update_participant_settings(*, event: Event, values: dict, by) -> list[str]:
    """List visibility, self check-in and the retention period; returns the changed fields."""
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"Not a participant setting: {sorted(unknown)}")
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        changed = [name for name in values if getattr(event, name) != values[name]]
        if not changed:
            return []
        for name in changed:
            setattr(event, name, values[name])
        event.full_clean()
        event.save(update_fields=[*changed, "updated_at"])
        record_event(
            actor=by,
            action="event.participant_settings_changed",
            target=event,
            data={name: values[name] for name in changed},
        )
    return changed


def visible_to_others(event: Event) -> bool:
    return event.participant_list_visibility != ParticipantListVisibility.ORGANISERS


# --- Retention -------------------------------------------------------------------------


def retention_days(event: Event) -> int:
    if event.retention_days:
        return event.retention_days
    return settings.EVENTS_RETENTION_DAYS


def purge_due_at(event: Event) -> datetime.datetime:
    """From this moment on, the event's personal data is deleted."""
    return event.ends_at + datetime.timedelta(days=retention_days(event))


def is_due(event: Event, now: datetime.datetime) -> bool:
    return purge_due_at(event) <= now


def events_due_for_purge(now: datetime.datetime | None = None) -> list[Event]:
    """Past events whose period is over and that still hold personal data."""
    now = now or timezone.now()
    default_cutoff = now - datetime.timedelta(days=settings.EVENTS_RETENTION_DAYS)
    holds_data = Exists(Registration.objects.filter(event=OuterRef("pk")))
    candidates = (
        Event.objects.filter(
            Q(retention_days__isnull=True, ends_at__lte=default_cutoff)
            | Q(retention_days__isnull=False, ends_at__lte=now)
        )
        .filter(holds_data)
        .order_by("ends_at", "pk")
    )
    return [event for event in candidates if is_due(event, now)]


def figures(event: Event) -> dict:
    """Anonymous counts of the event: from its registrations, or those kept after deletion.

    {"registrations": {status: n}, "checked_in": n,
     "sessions": {"<session id>": {"title", "booked", "waitlisted", "attended", "ranked"}}}
    """
    live = _live_figures(event)
    kept = event.retained_figures or {}
    return _merge(kept, live) if kept else live


def _live_figures(event: Event) -> dict:
    by_status = Counter(
        dict(
            Registration.objects.filter(event=event)
            .order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
        )
    )
    checked_in = Registration.objects.filter(event=event, checked_in_at__isnull=False).count()
    sessions = {}
    for session in (
        Session.objects.filter(event=event)
        .annotate(
            booked=Count(
                "bookings", filter=Q(bookings__status=BookingStatus.CONFIRMED), distinct=True
            ),
            waitlisted=Count(
                "bookings", filter=Q(bookings__status=BookingStatus.WAITLISTED), distinct=True
            ),
            attended=Count(
                "bookings",
                filter=Q(bookings__status=BookingStatus.CONFIRMED, bookings__attended=True),
                distinct=True,
            ),
            ranked=Count("preferences", distinct=True),
        )
        .order_by("starts_at", "pk")
    ):
        sessions[str(session.pk)] = {
            "title": session.title,
            "booked": session.booked,
            "waitlisted": session.waitlisted,
            "attended": session.attended,
            "ranked": session.ranked,
        }
    return {
        "registrations": {status: by_status.get(status, 0) for status in RegistrationStatus.values},
        "checked_in": checked_in,
        "sessions": sessions,
    }


def _merge(kept: dict, live: dict) -> dict:
    merged = {
        "registrations": {
            status: kept.get("registrations", {}).get(status, 0)
            + live["registrations"].get(status, 0)
            for status in RegistrationStatus.values
        },
        "checked_in": kept.get("checked_in", 0) + live["checked_in"],
        "sessions": {},
    }
    for key in {*kept.get("sessions", {}), *live["sessions"]}:
        old = kept.get("sessions", {}).get(key, {})
        new = live["sessions"].get(key, {})
        merged["sessions"][key] = {
            "title": new.get("title") or old.get("title", ""),
            **{
                name: old.get(name, 0) + new.get(name, 0)
                for name in ("booked", "waitlisted", "attended", "ranked")
            },
        }
    return merged


@dataclass(frozen=True)
class PurgeResult:
    event_id: int
    event_slug: str
    registrations: int
    bookings: int
    preferences: int
    other: int  # reminders sent

    def as_dict(self) -> dict:
        return {
            "registrations": self.registrations,
            "bookings": self.bookings,
            "preferences": self.preferences,
            "other": self.other,
        }


def purge_event_data(*, event: Event, now: datetime.datetime | None = None) -> PurgeResult:
    """Delete the personal data of one event whose retention period is over; keep counts."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if not is_due(event, now):
            raise ValidationError(
                _("The personal data of this event is kept until %(date)s.")
                % {"date": date_format(timezone.localtime(purge_due_at(event)), "DATE_FORMAT")}
            )
        kept = figures(event)
        total, per_model = Registration.objects.filter(event=event).delete()
        result = PurgeResult(
            event_id=event.pk,
            event_slug=event.slug,
            registrations=per_model.get(Registration._meta.label, 0),
            bookings=per_model.get(SessionBooking._meta.label, 0),
            preferences=per_model.get(Preference._meta.label, 0),
            other=0,
        )
        # Receipts of anonymous feedback name who rated which session; the
        # ratings themselves carry no person and stay.
        receipts, _per_model = FeedbackReceipt.objects.filter(session__event=event).delete()
        result = dataclasses.replace(
            result,
            other=total - result.registrations - result.bookings - result.preferences + receipts,
        )
        # Allocation runs name registrations by id; their figures stay.
        AllocationRun.objects.filter(event=event).exclude(assignments={}).update(assignments={})
        event.retained_figures = kept
        event.personal_data_purged_at = now
        event.save(update_fields=["retained_figures", "personal_data_purged_at"])
        record_event(
            actor=None,
            action="event.personal_data_purged",
            target=event,
            data={
                **result.as_dict(),
                "retention_days": retention_days(event),
                "ended": event.ends_at.isoformat(),
            },
        )
    return result


def purge_due_events(*, now: datetime.datetime | None = None) -> list[PurgeResult]:
    """Delete the personal data of every event whose retention period is over.

    Idempotent: an event without personal data left is not touched again.
    """
    now = now or timezone.now()
    return [purge_event_data(event=event, now=now) for event in events_due_for_purge(now)]
