"""After the event: feedback, materials, recordings, the results page and the archive.

Reads and writes for what follows an event, in one module by topic (selectors
first, then services per topic). Every read of events goes through
`selectors.events_visible_to(user)`.

Feedback. A person may rate a session (1–5, with an optional comment) once,
after it ended, if they attended it. "Attended" means: their registration for
the event is confirmed, and
- at events where sessions are booked: they hold a confirmed booking of the
  session (or one marked attended). Where the organisers took attendance for
  that session (any booking marked attended), only bookings marked attended
  count;
- at events where nobody booked a session (a meeting whose talks everyone
  hears): every session.
Where the organisers checked people in at the event (anyone has a check-in),
someone without a check-in counts only for sessions marked attended for them.
Ratings are anonymous: `Feedback` has no user, a random key and only a day;
`FeedbackReceipt` records that someone gave feedback, not which. Giving
feedback is therefore not audited either.

Materials are files (checked by content in `uploads.py`, stored under
MEDIA_ROOT with random names, served by an access-checked view) or links, per
session or for the whole event (minutes). Organisers add them for any
session; speakers for their own sessions.

Recordings go draft → consented (who agreed, on which day, recorded by whom
and when) → published; only published ones are shown to visitors. Changing
the video or the licence of a consented recording takes it back to draft: the
consent was given for another video or licence.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import (
    Avg,
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _

from voneinander.audit.services import record_event
from voneinander.core.uploads import accept_upload
from voneinander.events import uploads, video
from voneinander.events.models import (
    BookingStatus,
    Event,
    EventResults,
    Feedback,
    FeedbackReceipt,
    Licence,
    Material,
    Recording,
    RecordingState,
    Registration,
    RegistrationStatus,
    Session,
    SessionBooking,
)
from voneinander.events.selectors import event_for_viewer, events_visible_to
from voneinander.networks.models import Network

RATINGS = range(1, 6)

# --- Lookups for the views' access rules (404 for what the person may not know) ----------


def material_for_viewer(request, slug: str, pk: int, **_ignored) -> Material:
    event = event_for_viewer(request, slug)
    material = get_object_or_404(Material.objects.select_related("session"), pk=pk, event=event)
    material.event = event
    return material


def material_of(event: Event, pk: int) -> Material:
    material = get_object_or_404(Material.objects.select_related("session"), pk=pk, event=event)
    material.event = event
    return material


def recording_for(user, event: Event, pk: int) -> Recording:
    """A published recording of the event; drafts only for its organisers; else 404."""
    recording = recording_of(event, pk)
    if recording.state != RecordingState.PUBLISHED and not user.has_perm(
        "events.manage_event", event
    ):
        raise Http404
    return recording


def session_of(event: Event, pk: int) -> Session:
    session = get_object_or_404(Session, pk=pk, event=event)
    session.event = event
    return session


def recording_of(event: Event, pk: int) -> Recording:
    recording = get_object_or_404(Recording.objects.select_related("session"), pk=pk, event=event)
    recording.event = event
    return recording


# --- Feedback: who may give it ------------------------------------------------------------


def attended_sessions(event: Event, user, *, now: datetime.datetime | None = None) -> list[Session]:
    """The event's sessions that are over and that `user` attended (see the module docstring).

    At most four queries, however many sessions and bookings there are.
    """
    now = now or timezone.now()
    if not getattr(user, "is_authenticated", False) or event.cancelled_at:
        return []
    registration = (
        Registration.objects.filter(event=event, user=user, status=RegistrationStatus.CONFIRMED)
        .only("pk", "checked_in_at")
        .first()
    )
    if registration is None:
        return []
    sessions = list(
        Session.objects.filter(event=event)
        .annotate(
            bookings_made=Count("bookings"),  # in any state: sessions are booked here
            attendance=Count("bookings", filter=Q(bookings__attended=True)),
        )
        .order_by("starts_at", "title", "pk")
    )
    over = [session for session in sessions if session.ends_at <= now]
    if not over:
        return []
    # Someone who was not checked in at an event where others were did not come.
    absent = registration.checked_in_at is None and (
        Registration.objects.filter(event=event, checked_in_at__isnull=False).exists()
    )
    if not any(session.bookings_made for session in sessions):
        return [] if absent else over
    mine = dict(
        SessionBooking.objects.filter(registration=registration)
        .filter(Q(status=BookingStatus.CONFIRMED) | Q(attended=True))
        .values_list("session_id", "attended")
    )
    return [s for s in over if s.pk in mine and (mine[s.pk] or not (s.attendance or absent))]


@dataclass
class FeedbackChoice:
    session: Session
    given: bool


def feedback_choices(event: Event, user, *, now=None) -> list[FeedbackChoice]:
    """The sessions the person may rate, each with whether they already did."""
    sessions = attended_sessions(event, user, now=now)
    if not sessions:
        return []
    given = set(
        FeedbackReceipt.objects.filter(user=user, session__event=event).values_list(
            "session_id", flat=True
        )
    )
    return [FeedbackChoice(session, session.pk in given) for session in sessions]


def has_given_feedback(session: Session, user) -> bool:
    return FeedbackReceipt.objects.filter(session=session, user=user).exists()


# --- Feedback: giving it --------------------------------------------------------------------


def feedback_refusal(
    session: Session, user, *, now: datetime.datetime | None = None
) -> ValidationError | None:
    """Why the person cannot rate the session (now), or None if they can."""
    now = now or timezone.now()
    params = {"session": session.title}
    if session.ends_at > now:
        return ValidationError(
            _("Feedback on “%(session)s” can be given once the session is over."),
            code="not_over",
            params=params,
        )
    if session.pk not in {s.pk for s in attended_sessions(session.event, user, now=now)}:
        return ValidationError(
            _("Only people who attended “%(session)s” can give feedback on it."),
            code="not_attended",
            params=params,
        )
    if has_given_feedback(session, user):
        return _already_given(session)
    return None


def _already_given(session: Session) -> ValidationError:
    return ValidationError(
        _("You have already given feedback on “%(session)s”. Thank you!"),
        code="already_given",
        params={"session": session.title},
    )


def give_feedback(
    *, session: Session, user, rating: int, text: str = "", now: datetime.datetime | None = None
) -> Feedback:
    """Record one anonymous feedback; refuses what is not allowed with a clear message."""
    now = now or timezone.now()
    if rating not in RATINGS:
        raise ValidationError(
            {"rating": ValidationError(_("Please choose a rating from 1 to 5."), code="rating")}
        )
    refusal = feedback_refusal(session, user, now=now)
    if refusal is not None:
        raise refusal
    feedback = Feedback(
        session=session, rating=rating, text=text.strip(), given_on=timezone.localdate(now)
    )
    feedback.full_clean()
    with transaction.atomic():
        try:
            with transaction.atomic():
                FeedbackReceipt.objects.create(session=session, user=user)
        except IntegrityError:
            # Two submissions at once: the receipt's unique constraint lets one through.
            raise _already_given(session) from None
        feedback.save()
    return feedback


# --- Feedback: the organisers' summary ------------------------------------------------------


@dataclass
class RatingRow:
    rating: int
    count: int
    percent: int


@dataclass
class SessionFeedback:
    session: Session
    count: int
    average: float | None
    distribution: list[RatingRow]
    texts: list[str] = field(default_factory=list)
    withheld: bool = False  # some, but too few ratings to show (anonymity)


@dataclass
class FeedbackSummary:
    sessions: list[SessionFeedback]
    min_ratings: int = 1

    @property
    def count(self) -> int:
        """Ratings of the sessions that are shown (withheld ones would leak through totals)."""
        return sum(item.count for item in self.sessions if not item.withheld)

    @property
    def average(self) -> float | None:
        shown = [item for item in self.sessions if not item.withheld]
        total = sum((item.average or 0) * item.count for item in shown)
        return total / self.count if self.count else None


def feedback_min_ratings() -> int:
    return max(1, int(getattr(settings, "EVENTS_FEEDBACK_MIN_RATINGS", 3)))


def feedback_summary(event: Event) -> FeedbackSummary:
    """Per session: count, average, distribution and comments. Two queries.

    A session with fewer than EVENTS_FEEDBACK_MIN_RATINGS ratings is `withheld`:
    no figures and no comments, so that no single rating can be told apart.
    """
    min_ratings = feedback_min_ratings()
    per_rating = {
        f"rated_{rating}": Count("feedback", filter=Q(feedback__rating=rating))
        for rating in RATINGS
    }
    sessions = list(
        Session.objects.filter(event=event)
        .annotate(responses=Count("feedback"), average=Avg("feedback__rating"), **per_rating)
        .order_by("starts_at", "title", "pk")
    )
    texts: dict[int, list[str]] = {}
    # Ordered by the random key: the order of the comments tells nothing either.
    for session_id, text in (
        Feedback.objects.filter(session__event=event)
        .exclude(text="")
        .order_by("id")
        .values_list("session_id", "text")
    ):
        texts.setdefault(session_id, []).append(text)
    items = []
    for session in sessions:
        count = session.responses
        if 0 < count < min_ratings:
            items.append(
                SessionFeedback(
                    session=session, count=0, average=None, distribution=[], withheld=True
                )
            )
            continue
        rows = [
            RatingRow(
                rating,
                getattr(session, f"rated_{rating}"),
                round(100 * getattr(session, f"rated_{rating}") / count) if count else 0,
            )
            for rating in reversed(RATINGS)
        ]
        items.append(
            SessionFeedback(
                session=session,
                count=count,
                average=session.average,
                distribution=rows,
                texts=texts.get(session.pk, []),
            )
        )
    return FeedbackSummary(items, min_ratings=min_ratings)


# --- Materials ------------------------------------------------------------------------------


@dataclass
class MaterialGroup:
    session: Session | None  # None: the whole event (minutes, documentation)
    materials: list[Material] = field(default_factory=list)


def materials_by_session(event: Event) -> list[MaterialGroup]:
    """The event's materials: first those for the whole event, then per session. One query."""
    groups: dict[int | None, MaterialGroup] = {None: MaterialGroup(None)}
    materials = (
        Material.objects.filter(event=event)
        .select_related("session")
        .order_by("session__starts_at", "session__title", "session_id", "created_at", "pk")
    )
    for material in materials:
        material.event = event
        material.extension = material.file.name.rsplit(".", 1)[-1].upper() if material.file else ""
        group = groups.setdefault(material.session_id, MaterialGroup(material.session))
        group.materials.append(material)
    return [group for group in groups.values() if group.materials]


def upload_sessions(event: Event, user) -> tuple[list[Session], bool]:
    """The sessions the person may add materials to, and whether also to the whole event."""
    organiser = user.has_perm("events.manage_event", event)
    sessions = Session.objects.filter(event=event)
    if not organiser:
        sessions = sessions.filter(speakers__user=user).distinct()
    return list(sessions.order_by("starts_at", "title", "pk")), organiser


def _check_link(url: str) -> str:
    url = url.strip()
    if not url.lower().startswith(("https://", "http://")):
        raise ValidationError(
            {"url": ValidationError(_("Please enter a web address starting with https://."))}
        )
    return url


def add_material(
    *,
    event: Event,
    by,
    title: str,
    session: Session | None = None,
    upload=None,
    url: str = "",
) -> Material:
    """A file (checked by content) or a link, for a session or the whole event."""
    if (upload is None) == (not url):
        raise ValidationError(_("Please choose a file or enter a link (one of the two)."))
    sessions, whole_event = upload_sessions(event, by)
    if session is None and not whole_event:
        raise ValidationError({"session": _("Please choose one of your sessions.")})
    if session is not None and session.pk not in {s.pk for s in sessions}:
        raise ValidationError({"session": _("You cannot add materials to this session.")})
    material = Material(event=event, session=session, title=title.strip(), uploaded_by=by)
    if upload is not None:
        try:
            checked = accept_upload(
                upload, uploads.check_material, by=by, purpose="events.material"
            )
        except ValidationError as error:
            raise ValidationError({"file": error.error_list}) from None
        material.file_name = (upload.name or "").rsplit("/", 1)[-1][:200]
        material.content_type = checked.content_type
        material.size = upload.size
        upload.name = f"material.{checked.extension}"
        material.file = upload
    else:
        material.url = _check_link(url)
    material.full_clean()
    with transaction.atomic():
        material.save()
        record_event(
            actor=by,
            action="event.material_added",
            target=event,
            data={
                "material": material.pk,
                "title": material.title,
                "session": session.pk if session else None,
                "kind": material.content_type or "link",
            },
        )
    return material


def delete_material(*, material: Material, by) -> None:
    stored = material.file.name if material.file else ""
    with transaction.atomic():
        record_event(
            actor=by,
            action="event.material_removed",
            target=material.event,
            data={"material": material.pk, "title": material.title},
        )
        material.delete()
        if stored:
            transaction.on_commit(lambda: default_storage.delete(stored))


def download_name(material: Material) -> str:
    """The name a download gets: the upload's own name, with the extension that was found."""
    extension = material.file.name.rsplit(".", 1)[-1] if material.file else ""
    stem = (material.file_name.rsplit(".", 1)[0] if material.file_name else "") or material.title
    try:
        stem = get_valid_filename(stem)[:80]
    except Exception:  # Django refuses names like ".." — fall back to the title
        stem = slugify(material.title)[:80] or "material"
    return f"{stem}.{extension}" if extension else stem


# --- Recordings -------------------------------------------------------------------------------


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


def with_embeds(recordings) -> list[Recording]:
    """Each recording with `embed` (None: shown as a link), `host` and `licence_url`."""
    items = list(recordings)
    hosts = video.allowed_hosts()
    for recording in items:
        recording.embed = video.embed_for(recording.video_url, hosts)
        recording.host = video.origin_of(recording.video_url).split("://", 1)[-1]
        recording.licence_url = LICENCE_URLS.get(recording.licence, "")
    return items


def recordings_of(event: Event, *, published_only: bool = True) -> list[Recording]:
    """The event's recordings (published ones unless asked), without their captions text."""
    recordings = (
        Recording.objects.filter(event=event)
        .select_related("session")
        .defer("captions")
        .annotate(has_captions=ExpressionWrapper(~Q(captions=""), output_field=BooleanField()))
        .order_by("session__starts_at", "created_at", "pk")
    )
    if published_only:
        recordings = recordings.filter(state=RecordingState.PUBLISHED)
    items = with_embeds(recordings)
    for recording in items:
        recording.event = event
    return items


def _check_recording(recording: Recording) -> None:
    errors = {}
    if not recording.video_url.lower().startswith(("https://", "http://")):
        errors["video_url"] = _("Please enter a web address starting with https://.")
    if recording.session_id and recording.session.event_id != recording.event_id:
        errors["session"] = _("The session belongs to another event.")
    if errors:
        raise ValidationError(errors)


def _captions(captions_upload, by) -> str:
    try:
        return accept_upload(
            captions_upload, uploads.check_captions, by=by, purpose="events.captions"
        )
    except ValidationError as error:
        raise ValidationError({"captions": error.error_list}) from None


def add_recording(
    *,
    event: Event,
    by,
    title: str,
    video_url: str,
    licence: str,
    session: Session | None = None,
    captions_upload=None,
) -> Recording:
    recording = Recording(
        event=event,
        session=session,
        title=title.strip(),
        video_url=video_url.strip(),
        licence=licence,
        created_by=by,
    )
    _check_recording(recording)
    if captions_upload is not None:
        recording.captions = _captions(captions_upload, by)
    recording.full_clean()
    with transaction.atomic():
        recording.save()
        record_event(
            actor=by,
            action="event.recording_added",
            target=event,
            data={"recording": recording.pk, "title": recording.title},
        )
    return recording


def update_recording(
    *,
    recording: Recording,
    by,
    title: str,
    video_url: str,
    licence: str,
    session: Session | None,
    captions_upload=None,
    remove_captions: bool = False,
) -> bool:
    """Save changes; True if the recording went back to draft.

    The speakers agreed to one video under one licence: a new video address or
    another licence needs their consent again.
    """
    new_video = video_url.strip() != recording.video_url
    recording.title = title.strip()
    recording.video_url = video_url.strip()
    recording.session = session
    licence_changed = licence != recording.licence
    recording.licence = licence
    _check_recording(recording)
    if captions_upload is not None:
        recording.captions = _captions(captions_upload, by)
    elif remove_captions:
        recording.captions = ""
    back_to_draft = (new_video or licence_changed) and recording.state != RecordingState.DRAFT
    if back_to_draft:
        recording.state = RecordingState.DRAFT
        recording.consent_given_by = ""
        recording.consent_given_on = None
        recording.consent_recorded_by = None
        recording.consent_recorded_at = None
        recording.published_at = None
    recording.full_clean()
    with transaction.atomic():
        recording.save()
        record_event(
            actor=by,
            action="event.recording_changed",
            target=recording.event,
            data={"recording": recording.pk, "back_to_draft": back_to_draft},
        )
    return back_to_draft


def record_consent(
    *,
    recording: Recording,
    by,
    given_by: str,
    given_on: datetime.date,
    now: datetime.datetime | None = None,
) -> Recording:
    now = now or timezone.now()
    if not given_by.strip():
        raise ValidationError({"given_by": _("Please name who gave the consent.")})
    if given_on > timezone.localdate(now):
        raise ValidationError({"given_on": _("The consent cannot have been given in the future.")})
    recording.consent_given_by = given_by.strip()
    recording.consent_given_on = given_on
    recording.consent_recorded_by = by
    recording.consent_recorded_at = now
    if recording.state == RecordingState.DRAFT:
        recording.state = RecordingState.CONSENTED
    recording.full_clean()
    with transaction.atomic():
        recording.save()
        record_event(
            actor=by,
            action="event.recording_consent_recorded",
            target=recording.event,
            data={
                "recording": recording.pk,
                "given_by": recording.consent_given_by,
                "given_on": given_on.isoformat(),
            },
        )
    return recording


def publish_recording(*, recording: Recording, by, now=None) -> Recording:
    if recording.state == RecordingState.DRAFT:
        raise ValidationError(
            _("Please record the speakers' consent before publishing the recording."),
            code="no_consent",
        )
    if recording.state == RecordingState.PUBLISHED:
        raise ValidationError(_("The recording is already published."), code="published")
    recording.state = RecordingState.PUBLISHED
    recording.published_at = now or timezone.now()
    recording.full_clean()
    with transaction.atomic():
        recording.save(update_fields=["state", "published_at", "updated_at"])
        record_event(
            actor=by,
            action="event.recording_published",
            target=recording.event,
            data={"recording": recording.pk, "title": recording.title},
        )
    return recording


def withdraw_recording(*, recording: Recording, by) -> Recording:
    if recording.state != RecordingState.PUBLISHED:
        raise ValidationError(_("The recording is not published."), code="not_published")
    recording.state = RecordingState.CONSENTED
    recording.published_at = None
    with transaction.atomic():
        recording.save(update_fields=["state", "published_at", "updated_at"])
        record_event(
            actor=by,
            action="event.recording_withdrawn",
            target=recording.event,
            data={"recording": recording.pk, "title": recording.title},
        )
    return recording


def delete_recording(*, recording: Recording, by) -> None:
    with transaction.atomic():
        record_event(
            actor=by,
            action="event.recording_removed",
            target=recording.event,
            data={"recording": recording.pk, "title": recording.title},
        )
        recording.delete()


def transcript(recording: Recording) -> list[uploads.Cue]:
    """The captions as text with times, for the recording page (checked when uploaded)."""
    if not recording.captions:
        return []
    try:
        return uploads.parse_webvtt(recording.captions)
    except ValidationError:
        return []


# --- The results page --------------------------------------------------------------------------


def results_of(event: Event) -> EventResults | None:
    return EventResults.objects.filter(event=event).first()


def save_results(*, event: Event, summary: str, by) -> EventResults:
    with transaction.atomic():
        results, _created = EventResults.objects.get_or_create(event=event)
        results.summary = summary.strip()
        results.updated_by = by
        results.full_clean()
        results.save()
        record_event(actor=by, action="event.results_changed", target=event)
    return results


@dataclass
class SessionResults:
    session: Session
    materials: list[Material]
    recordings: list[Recording]


@dataclass
class ResultsPage:
    results: EventResults | None
    event_materials: list[Material]  # for the whole event: minutes, documentation
    event_recordings: list[Recording]  # of no particular session
    sessions: list[SessionResults]

    @property
    def empty(self) -> bool:
        return not (
            (self.results and self.results.summary)
            or self.event_materials
            or self.event_recordings
            or self.sessions
        )


def results_page(event: Event) -> ResultsPage:
    """Summary, materials and published recordings, by session. Four queries."""
    groups = {
        group.session.pk if group.session else None: group for group in materials_by_session(event)
    }
    recordings = recordings_of(event)
    by_session: dict[int, list[Recording]] = {}
    for recording in recordings:
        if recording.session_id:
            by_session.setdefault(recording.session_id, []).append(recording)
    sessions = []
    for session in Session.objects.filter(event=event).order_by("starts_at", "title", "pk"):
        materials = groups[session.pk].materials if session.pk in groups else []
        if materials or session.pk in by_session:
            sessions.append(SessionResults(session, materials, by_session.get(session.pk, [])))
    return ResultsPage(
        results=results_of(event),
        event_materials=groups[None].materials if None in groups else [],
        event_recordings=[r for r in recordings if not r.session_id],
        sessions=sessions,
    )


# --- Figures for the event page and the archive ------------------------------------------


def _count_of(model, **filters) -> Coalesce:
    counted = (
        model.objects.filter(event=OuterRef("pk"), **filters)
        .order_by()
        .values("event")
        .annotate(number=Count("pk"))
        .values("number")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_followup_figures(events: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate material_count, recording_count (published) and has_results."""
    return events.annotate(
        material_count=_count_of(Material),
        recording_count=_count_of(Recording, state=RecordingState.PUBLISHED),
        has_results=Exists(EventResults.objects.filter(event=OuterRef("pk")).exclude(summary="")),
    )


@dataclass(frozen=True)
class Figures:
    materials: int
    recordings: int
    has_results: bool


def followup_figures(event: Event) -> Figures:
    row = (
        with_followup_figures(Event.objects.filter(pk=event.pk))
        .values("material_count", "recording_count", "has_results")
        .first()
    )
    if row is None:
        return Figures(0, 0, False)
    return Figures(row["material_count"], row["recording_count"], row["has_results"])


# --- The archive -----------------------------------------------------------------------

MAX_WORDS = 8


def search_words(query: str) -> list[str]:
    return [word for word in query.split() if word][:MAX_WORDS]


def archive(
    user,
    *,
    words: list[str] = (),
    network: Network | None = None,
    year: int | None = None,
    kind: str = "",
    now: datetime.datetime | None = None,
) -> QuerySet[Event]:
    """Past events the person may see, newest first, matching every word somewhere.

    A word matches the event's title, summary, description or place, a
    session's title, topic or description, or an organising network's name.
    """
    now = now or timezone.now()
    events = events_visible_to(user).filter(ends_at__lt=now)
    through = Event.networks.through
    for word in words:
        in_sessions = Session.objects.filter(event=OuterRef("pk")).filter(
            Q(title__icontains=word) | Q(topic__icontains=word) | Q(description__icontains=word)
        )
        in_networks = through.objects.filter(event=OuterRef("pk")).filter(
            Q(network__name__icontains=word) | Q(network__short_name__icontains=word)
        )
        events = events.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(location__icontains=word)
            | Exists(in_sessions)
            | Exists(in_networks)
        )
    if network is not None:
        events = events.filter(pk__in=through.objects.filter(network=network).values("event_id"))
    if year is not None:
        events = events.filter(starts_at__year=year)
    if kind:
        events = events.filter(kind=kind)
    return (
        with_followup_figures(events)
        .prefetch_related(
            Prefetch("networks", queryset=Network.objects.only("name", "short_name", "slug"))
        )
        .order_by("-starts_at", "pk")
    )


def archive_years(user, *, now: datetime.datetime | None = None) -> list[int]:
    now = now or timezone.now()
    moments = (
        events_visible_to(user).filter(ends_at__lt=now).datetimes("starts_at", "year", order="DESC")
    )
    return [moment.year for moment in moments]
