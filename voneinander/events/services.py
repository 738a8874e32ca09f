"""Writes for organising events: details, programme, cancellation, series, BigBlueButton rooms.

Registrations and bookings are written by `registration` services (helper
E2), allocations by `allocation` services (E3). Everything here is audited.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from voneinander.audit.services import record_event
from voneinander.events import bbb, feeds, recurrence
from voneinander.events.models import (
    ACTIVE_BOOKING,
    ACTIVE_REGISTRATION,
    CalendarFeedToken,
    Event,
    EventFormat,
    EventKind,
    EventSeries,
    ProgrammePart,
    Question,
    QuestionKind,
    Registration,
    Round,
    Session,
    Speaker,
    Visibility,
)
from voneinander.networks.roles import is_platform_admin as _is_admin
from voneinander.networks.roles import network_roles

# Paths below /veranstaltungen/ that are not events.
RESERVED_SLUGS = {"neu", "kalender", "netzwerk", "reihen", "archiv", "meine"}

DETAIL_FIELDS = (
    "title",
    "summary",
    "description",
    "kind",
    "visibility",
    "starts_at",
    "ends_at",
    "format",
    "location",
    "meeting_url",
    "meeting_link_opens_minutes",
)
RULE_FIELDS = (
    "registration_enabled",
    "registration_opens_at",
    "registration_closes_at",
    "cancellation_deadline",
    "capacity",
    "max_sessions_per_person",
    "one_session_per_round",
    "one_session_per_topic",
    "requires_approval",
    "allocation_mode",
    "preferences_close_at",
    "reminder_hours",
)
TIME_FIELDS = {"starts_at", "ends_at"}


def _local(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# --- Addresses ------------------------------------------------------------------------


def unique_slug(title: str, starts_at: datetime.datetime, *, exclude_pk: int | None = None) -> str:
    """ "title-2026-09-11", with "-2", "-3" … if taken."""
    day = timezone.localtime(starts_at).date().isoformat()
    base = f"{slugify(title)[:60].strip('-') or 'veranstaltung'}-{day}"
    slug, number = base, 1
    taken = Event.objects.exclude(pk=exclude_pk) if exclude_pk else Event.objects.all()
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


# --- Validation shared by forms, admin and services --------------------------------------


# Dates outside these years are typing mistakes; they would also overflow date
# arithmetic (e.g. the meeting link shown days before the start).
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


def check_plausible_times(item, errors: dict) -> None:
    for name in ("starts_at", "ends_at"):
        moment = getattr(item, name, None)
        if moment is not None and not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
            errors[name] = _("Please give a date between %(earliest)s and %(latest)s.") % {
                "earliest": EARLIEST_YEAR,
                "latest": LATEST_YEAR,
            }


def check_event_times(event: Event) -> None:
    errors = {}
    check_plausible_times(event, errors)
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors.setdefault("ends_at", _("The event must end after it starts."))
    if event.format in {EventFormat.ONSITE, EventFormat.HYBRID} and not event.location.strip():
        errors["location"] = _("Please name the place of an event on site.")
    if errors:
        raise ValidationError(errors)


def _check_programme_fits(event: Event) -> None:
    """After a change of the event's time: every programme item must still lie inside."""
    outside = [
        item.title
        for model in (ProgrammePart, Round, Session)
        for item in model.objects.filter(event=event).only("title", "starts_at", "ends_at")
        if item.starts_at < event.starts_at or item.ends_at > event.ends_at
    ]
    if outside:
        raise ValidationError(
            _(
                "“%(item)s” would lie outside the new time of the event. Please move it "
                "first, or choose a time that includes the whole programme."
            )
            % {"item": outside[0]}
        )


def check_may_organise_for(*, networks, by) -> None:
    if _is_admin(by):
        return
    coordinated = network_roles(by).coordinated
    others = [network.name for network in networks if network.pk not in coordinated]
    if others:
        raise ValidationError(
            {
                "networks": _(
                    "You can only organise events for networks you coordinate, "
                    "not for %(networks)s."
                )
                % {"networks": ", ".join(others)}
            }
        )


# --- Events ----------------------------------------------------------------------------


def create_event(*, networks, by, values: dict, organisers=(), invited=()) -> Event:
    """A new event of one or several networks (joint events), organised by `by`'s networks."""
    networks = list(networks)
    if not networks:
        raise ValidationError({"networks": _("Please choose at least one organising network.")})
    check_may_organise_for(networks=networks, by=by)
    unknown = set(values) - {*DETAIL_FIELDS, *RULE_FIELDS, "slug", "series"}
    if unknown:
        raise ValueError(f"Not a field of an event: {sorted(unknown)}")
    event = Event(created_by=by if by is not None and by.is_authenticated else None, **values)
    check_event_times(event)
    if not event.slug:
        event.slug = unique_slug(event.title, event.starts_at)
    with transaction.atomic():
        event.full_clean()
        event.save()
        event.networks.set(networks)
        event.organisers.set(organisers)
        event.invited.set(invited)
        record_event(
            actor=by,
            action="event.created",
            target=event,
            data={"networks": [network.pk for network in networks]},
        )
    return event


def update_event(
    *, event: Event, values: dict, by, organisers=None, invited=None, networks=None
) -> list[str]:
    """Change details and rules; return the changed fields.

    A change of time is announced by e-mail to everyone with an active
    registration. Networks can only be changed to networks `by` coordinates.
    """
    unknown = set(values) - {*DETAIL_FIELDS, *RULE_FIELDS}
    if unknown:
        raise ValueError(f"Not a field of an event: {sorted(unknown)}")
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        old_times = (event.starts_at, event.ends_at)
        changed = [f for f in values if getattr(event, f) != values[f]]
        for name in changed:
            setattr(event, name, values[name])
        check_event_times(event)
        event.full_clean()
        if TIME_FIELDS & set(changed):
            _check_programme_fits(event)
        relations = {"organisers": organisers, "invited": invited, "networks": networks}
        for name, people in relations.items():
            if people is None:
                continue
            new = {obj.pk for obj in people}
            if new != set(getattr(event, name).values_list("pk", flat=True)):
                changed.append(name)
        if "networks" in changed:
            if not networks:
                raise ValidationError(
                    {"networks": _("Please choose at least one organising network.")}
                )
            # Adding or removing a network takes coordinating it (a joint event
            # is not dissolved by the organisers of one side).
            check_may_organise_for(networks=set(networks) ^ set(event.networks.all()), by=by)
        if not changed:
            return []
        if fields := [f for f in changed if f in values]:
            event.save(update_fields=[*fields, "updated_at"])
        for name, people in relations.items():
            if name in changed:
                getattr(event, name).set(people)
        time_changed = bool(TIME_FIELDS & set(changed)) and not event.cancelled_at
        data = {"fields": changed}
        if time_changed:
            data["old"] = [moment.isoformat() for moment in old_times]
            data["notified"] = _notify_registered(
                event,
                template="events/email/event_time_changed.txt",
                subject=_lazy("New time: %(event)s"),
                context={"old_starts_at": old_times[0], "old_ends_at": old_times[1]},
            )
        record_event(
            actor=by,
            action="event.time_changed" if time_changed else "event.updated",
            target=event,
            data=data,
        )
    if "capacity" in changed:
        # More places: the event's waiting list moves up (rules re-checked there).
        from voneinander.events.registration_services import promote_event_waitlist

        promote_event_waitlist(event=event)
    return changed


def registered_people(event: Event):
    return [
        registration.user
        for registration in Registration.objects.filter(event=event, status__in=ACTIVE_REGISTRATION)
        .select_related("user")
        .order_by("pk")
    ]


def _notify_registered(event: Event, *, template: str, subject, context: dict) -> int:
    """One e-mail per person (nobody sees the others' addresses), in the platform's language."""
    people = registered_people(event)
    if not people:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        calendar = feeds.event_calendar(event)
        base = {
            "event": event,
            "event_url": settings.SITE_URL + event.get_absolute_url(),
            "starts_at": _local(event.starts_at),
            "ends_at": _local(event.ends_at),
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
        }
        extra = {
            key: _local(value) if isinstance(value, datetime.datetime) else value
            for key, value in context.items()
        }
        subject_line = f"[{settings.SITE_NAME}] " + (str(subject) % {"event": event.title})
        for person in people:
            body = render_to_string(template, base | extra | {"user": person})
            message = EmailMessage(subject=subject_line, body=body, to=[person.email])
            if not event.cancelled_at:
                message.attach(f"{event.slug}.ics", calendar, "text/calendar")
            message.send()
    return len(people)


def cancel_event(*, event: Event, by, reason: str = "") -> Event:
    """Cancel (never delete) an event; everyone registered is told by e-mail."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.cancelled_at:
            raise ValidationError(_("This event has already been cancelled."))
        event.cancelled_at = timezone.now()
        event.save(update_fields=["cancelled_at", "updated_at"])
        count = _notify_registered(
            event,
            template="events/email/event_cancelled.txt",
            subject=_lazy("Cancelled: %(event)s"),
            context={"reason": reason.strip()},
        )
        record_event(
            actor=by,
            action="event.cancelled",
            target=event,
            data={"reason": reason.strip(), "notified": count},
        )
    return event


# --- Programme --------------------------------------------------------------------------

PROGRAMME_MODELS = (ProgrammePart, Round, Session, Speaker, Question)


def _check_inside_event(item, event: Event) -> None:
    errors = {}
    if item.ends_at <= item.starts_at:
        errors["ends_at"] = _("It must end after it starts.")
    elif item.starts_at < event.starts_at or item.ends_at > event.ends_at:
        errors["starts_at"] = _("It must lie within the event (%(starts_at)s to %(ends_at)s).") % {
            "starts_at": _local(event.starts_at),
            "ends_at": _local(event.ends_at),
        }
    if errors:
        raise ValidationError(errors)


def _check_item(item, event: Event) -> None:
    if isinstance(item, ProgrammePart | Round | Session):
        errors: dict = {}
        check_plausible_times(item, errors)
        if errors:
            raise ValidationError(errors)
        _check_inside_event(item, event)
    if isinstance(item, Session) and item.round_id and item.round.event_id != event.pk:
        raise ValidationError({"round": _("Please choose a round of this event.")})
    if isinstance(item, Speaker):
        if item.session.event_id != event.pk:
            raise ValidationError({"session": _("Please choose a session of this event.")})
        if not item.name.strip():
            raise ValidationError({"name": _("Please enter the speaker's name.")})
    if isinstance(item, Question) and item.kind == QuestionKind.CHOICE and len(item.choices) < 2:
        raise ValidationError({"choices": _("Please give at least two answers to choose from.")})


def _item_kind(item) -> str:
    return type(item)._meta.model_name


def save_programme_item(*, event: Event, item: Model, by) -> Model:
    """Add or change a programme part, round, session, speaker or question of `event`."""
    if not isinstance(item, PROGRAMME_MODELS):
        raise TypeError(f"Not a programme item: {item!r}")
    if not isinstance(item, Speaker):
        item.event = event
    created = item.pk is None
    with transaction.atomic():
        Event.objects.select_for_update().filter(pk=event.pk).first()
        _check_item(item, event)
        item.full_clean()
        item.save()
        Event.objects.filter(pk=event.pk).update(updated_at=timezone.now())
        record_event(
            actor=by,
            action="event.programme_changed",
            target=event,
            data={
                "item": _item_kind(item),
                "id": item.pk,
                "title": str(item),
                "change": "added" if created else "changed",
            },
        )
    if isinstance(item, Session) and not created:
        # A raised capacity (or a moved time) may free seats for the waiting list.
        from voneinander.events.registration_services import promote_waitlist

        promote_waitlist(session=item)
    return item


def delete_programme_item(*, event: Event, item: Model, by) -> None:
    """Remove an item; a session that people have booked stays (cancel their bookings first)."""
    with transaction.atomic():
        if isinstance(item, Session):
            # Locked like a booking locks it, so nobody books it between the check and the delete.
            Session.objects.select_for_update().filter(pk=item.pk).first()
            if item.bookings.filter(status__in=ACTIVE_BOOKING).exists():
                raise ValidationError(
                    _(
                        "People have booked “%(session)s”. It cannot be removed while they hold "
                        "seats or waiting-list places."
                    )
                    % {"session": item.title}
                )
            stored = [m.file.name for m in item.materials.exclude(file="")]
            transaction.on_commit(lambda: [default_storage.delete(name) for name in stored])
        data = {"item": _item_kind(item), "id": item.pk, "title": str(item), "change": "removed"}
        item.delete()
        Event.objects.filter(pk=event.pk).update(updated_at=timezone.now())
        record_event(actor=by, action="event.programme_changed", target=event, data=data)


# --- BigBlueButton ------------------------------------------------------------------------


def create_bbb_room(*, event: Event, by, client: bbb.BBBClient | None = None) -> Event:
    """Create the event's room on the BigBlueButton server and keep its meeting id."""
    client = client or bbb.BBBClient.from_settings()
    meeting_id = event.bbb_meeting_id or f"voneinander-{event.pk}-{secrets.token_hex(8)}"
    client.create_meeting(
        meeting_id,
        event.title,
        logout_url=settings.SITE_URL + event.get_absolute_url(),
    )
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.bbb_meeting_id != meeting_id:
            locked.bbb_meeting_id = meeting_id
            locked.save(update_fields=["bbb_meeting_id", "updated_at"])
            record_event(
                actor=by,
                action="event.bbb_room_created",
                target=locked,
                data={"meeting_id": meeting_id},
            )
    return locked


def bbb_join_url(*, event: Event, user, moderator: bool, client: bbb.BBBClient | None = None):
    """Make sure the meeting runs (create is idempotent), then sign the person's join URL."""
    client = client or bbb.BBBClient.from_settings()
    if not client.is_meeting_running(event.bbb_meeting_id):
        client.create_meeting(
            event.bbb_meeting_id,
            event.title,
            logout_url=settings.SITE_URL + event.get_absolute_url(),
        )
    return client.join_url(
        event.bbb_meeting_id,
        user.display_name or user.email,
        role=bbb.MODERATOR if moderator else bbb.VIEWER,
        user_id=str(user.pk),
    )


# --- Calendar feed tokens -------------------------------------------------------------


def create_feed_token(*, user) -> CalendarFeedToken:
    """A new secret feed address; the previous one stops working."""
    with transaction.atomic():
        revoke_feed_token(user=user)
        return CalendarFeedToken.objects.create(user=user, token=secrets.token_urlsafe(32))


def revoke_feed_token(*, user) -> int:
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


# --- Series --------------------------------------------------------------------------------

SERIES_MONTHS_AHEAD = 6
SERIES_TEMPLATE_FIELDS = (
    "kind",
    "visibility",
    "summary",
    "description",
    "format",
    "location",
    "meeting_url",
    "meeting_link_opens_minutes",
    "registration_enabled",
    "capacity",
    "reminder_hours",
)
SERIES_DEFAULTS = {
    "kind": EventKind.STAMMTISCH,
    "visibility": Visibility.MEMBERS,
    "format": EventFormat.ONLINE,
}


def _check_series(series: EventSeries) -> None:
    if not EARLIEST_YEAR <= series.first_start.year <= LATEST_YEAR:
        raise ValidationError(
            {
                "first_start": _("Please give a date between %(earliest)s and %(latest)s.")
                % {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR}
            }
        )
    if recurrence.parse(series.rrule) is None:
        raise ValidationError({"rrule": _("Please choose one of the offered rules.")})
    if series.until and series.until < timezone.localtime(series.first_start).date():
        raise ValidationError({"until": _("The series cannot end before its first meeting.")})


def create_series(
    *,
    title: str,
    networks,
    rrule: str,
    first_start: datetime.datetime,
    duration_minutes: int,
    until: datetime.date | None,
    template: dict,
    by,
    months: int = SERIES_MONTHS_AHEAD,
) -> tuple[EventSeries, list[Event]]:
    """A series and its occurrences for the next months, each an event of its own."""
    networks = list(networks)
    if not networks:
        raise ValidationError({"networks": _("Please choose at least one organising network.")})
    check_may_organise_for(networks=networks, by=by)
    series = EventSeries(
        title=title,
        rrule=rrule,
        first_start=first_start,
        duration_minutes=duration_minutes,
        until=until,
    )
    _check_series(series)
    with transaction.atomic():
        series.full_clean()
        series.save()
        series.networks.set(networks)
        record_event(actor=by, action="event.series_created", target=series, data={"rrule": rrule})
        created = generate_occurrences(series=series, by=by, template=template, months=months)
    return series, created


def _template_for(series: EventSeries) -> tuple[dict, list]:
    latest = series.events.order_by("-starts_at").first()
    if latest is None:
        return dict(SERIES_DEFAULTS), []
    values = {name: getattr(latest, name) for name in SERIES_TEMPLATE_FIELDS}
    return values, list(latest.organisers.all())


def occurrence_slug(series: EventSeries, day: datetime.date) -> str:
    return f"{slugify(series.title)[:60].strip('-') or 'reihe'}-{day.isoformat()}"


def generate_occurrences(
    *,
    series: EventSeries,
    by,
    template: dict | None = None,
    months: int = SERIES_MONTHS_AHEAD,
    now: datetime.datetime | None = None,
) -> list[Event]:
    """Create the missing occurrences up to `months` ahead; idempotent.

    An occurrence is known by its address (series title + date), so one that
    was moved to another time, or cancelled, is not created again. Dates in
    `exdates` are left out.
    """
    now = now or timezone.now()
    if template is None:
        template, organisers = _template_for(series)
    else:
        template, organisers = {**SERIES_DEFAULTS, **template}, []
    unknown = set(template) - set(SERIES_TEMPLATE_FIELDS)
    if unknown:
        raise ValueError(f"Not a field of a series' events: {sorted(unknown)}")
    skipped = {str(day) for day in series.exdates}
    starts = recurrence.occurrences(
        series.rrule,
        series.first_start,
        after=max(now, series.first_start),
        before=now + datetime.timedelta(days=31 * months),
        until=series.until,
    )
    networks = list(series.networks.all())
    duration = datetime.timedelta(minutes=series.duration_minutes)
    created = []
    with transaction.atomic():
        existing = set(series.events.values_list("slug", flat=True))
        for start in starts:
            day = timezone.localtime(start).date()
            slug = occurrence_slug(series, day)
            if day.isoformat() in skipped or slug in existing:
                continue
            if Event.objects.filter(slug=slug).exists():  # taken by an unrelated event
                slug = unique_slug(series.title, start)
            event = Event(
                series=series,
                title=series.title,
                slug=slug,
                starts_at=start,
                ends_at=start + duration,
                created_by=by if by is not None and by.is_authenticated else None,
                **template,
            )
            event.full_clean()
            event.save()
            event.networks.set(networks)
            event.organisers.set(organisers)
            created.append(event)
        if created:
            record_event(
                actor=by,
                action="event.series_generated",
                target=series,
                data={"created": [event.slug for event in created]},
            )
    return created


def update_series_exdates(*, series: EventSeries, exdates: list[datetime.date], by) -> list[Event]:
    """Leave dates out; occurrences already created on them are cancelled (with e-mails)."""
    days = sorted({day.isoformat() for day in exdates})
    with transaction.atomic():
        series = EventSeries.objects.select_for_update().get(pk=series.pk)
        series.exdates = days
        series.save(update_fields=["exdates"])
        record_event(actor=by, action="event.series_changed", target=series, data={"exdates": days})
        cancelled = []
        for event in series.events.filter(cancelled_at__isnull=True, starts_at__gte=timezone.now()):
            if timezone.localtime(event.starts_at).date().isoformat() in days:
                cancelled.append(cancel_event(event=event, by=by))
    return cancelled
