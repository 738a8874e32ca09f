"""Events of the networks: meetings, congresses with programme and sessions, registrations.

An event is organised by one or several networks. Its programme has plenary
parts (greeting, keynote …) and rounds of parallel sessions (workshops). People
register for the event and, where it has sessions, book sessions; the event's
declarative rules (maximum per person, one per round, one per topic, capacity,
windows, approval) are enforced in `rules.py`/`services.py`, never here.

Times are stored in UTC and shown in Europe/Berlin (TIME_ZONE).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from voneinander.core.storage_names import CHECKED_EXTENSIONS, random_name


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Network meeting / video conference")
    STAMMTISCH = "stammtisch", _("Digital Stammtisch")
    WORKING_GROUP = "working_group", _("Working-group meeting")
    CONGRESS = "congress", _("Congress")
    SEMINAR_DATE = "seminar_date", _("Seminar date")
    SITE_VISIT = "site_visit", _("Site visit")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the organising networks")
    INVITED = "invited", _("Invited people only")


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    ONSITE = "onsite", _("On site")
    HYBRID = "hybrid", _("Hybrid")


class AllocationMode(models.TextChoices):
    FIRST_COME = "first_come", _("First come, first served")
    PREFERENCES = "preferences", _("Preferences, then fair allocation")


class ParticipantListVisibility(models.TextChoices):
    """Who besides the organisers sees the participant list (each entry only with consent)."""

    ORGANISERS = "organisers", _("Organisers only")
    PARTICIPANTS = "participants", _("Participants")
    MEMBERS = "members", _("Participants and members of the organising networks")


class EventSeries(models.Model):
    """Regular meetings: a recurrence rule whose occurrences are events of their own."""

    title = models.CharField(_("title"), max_length=200)
    networks = models.ManyToManyField(
        "networks.Network", related_name="event_series", verbose_name=_("networks")
    )
    rrule = models.CharField(
        _("recurrence rule"),
        max_length=300,
        help_text=_("RFC 5545, e.g. FREQ=MONTHLY;BYDAY=4TH"),
    )
    first_start = models.DateTimeField(_("first start"))
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"), default=120)
    exdates = models.JSONField(_("dates left out"), default=list, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self):
        return self.title


class Event(models.Model):
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    networks = models.ManyToManyField(
        "networks.Network", related_name="events", verbose_name=_("organising networks")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.ONLINE
    )
    location = models.CharField(_("place"), max_length=300, blank=True)
    meeting_url = models.URLField(
        _("meeting link"), max_length=500, blank=True, help_text=_("Shown only to participants.")
    )
    meeting_link_opens_minutes = models.PositiveIntegerField(
        _("meeting link shown from (minutes before the start)"), default=30
    )
    bbb_meeting_id = models.CharField(_("BigBlueButton meeting"), max_length=100, blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_events",
        verbose_name=_("further organisers"),
        help_text=_("Besides the coordinators of the organising networks."),
    )
    invited = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="event_invitations",
        verbose_name=_("invited people"),
    )

    # --- Registration rules (declarative; enforced in events/rules.py) ---
    registration_enabled = models.BooleanField(_("registration"), default=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    cancellation_deadline = models.DateTimeField(
        _("cancellation possible until"), null=True, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("places at the event"),
        null=True,
        blank=True,
        help_text=_("Empty means no limit. Sessions have capacities of their own."),
    )
    max_sessions_per_person = models.PositiveSmallIntegerField(
        _("sessions per person at most"), null=True, blank=True
    )
    one_session_per_round = models.BooleanField(_("at most one session per round"), default=False)
    one_session_per_topic = models.BooleanField(_("at most one session per topic"), default=False)
    requires_approval = models.BooleanField(_("registrations need approval"), default=False)
    allocation_mode = models.CharField(
        _("session allocation"),
        max_length=20,
        choices=AllocationMode.choices,
        default=AllocationMode.FIRST_COME,
    )
    preferences_close_at = models.DateTimeField(
        _("preferences can be given until"), null=True, blank=True
    )
    reminder_hours = models.JSONField(
        _("reminders (hours before the start)"), default=list, blank=True
    )

    # --- Participants, attendance and retention (events/participants.py, attendance.py) ---
    participant_list_visibility = models.CharField(
        _("who sees the participant list"),
        max_length=12,
        choices=ParticipantListVisibility.choices,
        default=ParticipantListVisibility.ORGANISERS,
        help_text=_("Others see only the participants who agreed to be listed."),
    )
    self_check_in = models.BooleanField(
        _("participants check in themselves"),
        default=False,
        help_text=_(
            "Confirmed participants find a check-in button on the event page while it runs."
        ),
    )
    retention_days = models.PositiveIntegerField(
        _("keep personal data for (days after the end)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("Empty means the platform's default."),
    )
    personal_data_purged_at = models.DateTimeField(
        _("personal data deleted"), null=True, blank=True, editable=False
    )
    # Anonymous counts kept when the personal data is deleted (participants per session …).
    retained_figures = models.JSONField(_("figures kept"), default=dict, blank=True, editable=False)

    working_group = models.ForeignKey(
        "workinggroups.WorkingGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("working group"),
        help_text=_("A meeting of a private working group is visible to its members only."),
    )
    seminar_module = models.ForeignKey(
        "seminars.Module",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dates",
        verbose_name=_("seminar module"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})


class ProgrammePart(models.Model):
    """A plenary item of the programme: greeting, interview, keynote …"""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="parts")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    speakers_text = models.CharField(_("with"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title


class Round(models.Model):
    """A time slot of parallel sessions (workshop round 1, round 2 …)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title


class SessionKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    TALK = "talk", _("Talk")
    MEMBER_CONTRIBUTION = "member_contribution", _("Member contribution")
    GUEST_TALK = "guest_talk", _("Guest talk")


class Session(models.Model):
    """A bookable session. Its times decide overlaps ("one per round")."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    round = models.ForeignKey(
        Round,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("round"),
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=SessionKind.choices, default=SessionKind.WORKSHOP
    )
    title = models.CharField(_("title"), max_length=200)
    topic = models.CharField(
        _("topic"),
        max_length=120,
        blank=True,
        help_text=_("A workshop offered in both rounds has the same topic and counts once."),
    )
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    room = models.CharField(_("room or link"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "title", "pk"]

    def __str__(self):
        return self.title


class Speaker(models.Model):
    """A speaker: a platform user, or an external guest with a short bio."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speaker_roles",
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    bio = models.TextField(_("short bio"), blank=True)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("One of several answers")
    YES_NO = "yes_no", _("Yes or no")


class Question(models.Model):
    """A custom question asked at registration."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    choices = models.JSONField(_("answers to choose from"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["pk"]

    def __str__(self):
        return self.label


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("registered")
    PENDING = "pending", _("waiting for approval")
    WAITLISTED = "waitlisted", _("on the waiting list")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


ACTIVE_REGISTRATION = ["confirmed", "pending", "waitlisted"]


class Registration(models.Model):
    """A person's registration for an event (one active registration per person)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    list_consent = models.BooleanField(
        _("others may see my name in the participant list"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=ACTIVE_REGISTRATION),
                name="one_active_registration_per_event",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.event}"


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("booked")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


ACTIVE_BOOKING = ["confirmed", "waitlisted"]


class SessionBooking(models.Model):
    """A seat (or a waiting-list place, ordered by `created_at`) in a session."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="bookings"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        verbose_name = _("session booking")
        verbose_name_plural = _("session bookings")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"],
                condition=Q(status__in=ACTIVE_BOOKING),
                name="one_active_booking_per_session",
            )
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return f"{self.registration.user} – {self.session}"


class Preference(models.Model):
    """Preference mode: a participant's ranking of sessions (1 = first choice)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="preferences"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="one_rank_per_session"
            ),
            models.UniqueConstraint(fields=["registration", "rank"], name="one_session_per_rank"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.session}"


class AllocationRun(models.Model):
    """One run of the allocation in preference mode: reproducible from its seed."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="allocation_runs")
    seed = models.BigIntegerField(_("random seed"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assignments = models.JSONField(
        _("assignments"), default=dict
    )  # {registration_id: [session_id, ...]}
    summary = models.JSONField(_("figures"), default=dict)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("allocation run")
        verbose_name_plural = _("allocation runs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.event} – {self.created_at:%Y-%m-%d %H:%M} (seed {self.seed})"


class CalendarFeedToken(models.Model):
    """The secret in a personal calendar-feed URL: whoever has it reads the feed.

    One active token per person; revoking it makes the URL answer 404, and a
    new token gives a new URL.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_tokens"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_calendar_feed_token",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


class ReminderSent(models.Model):
    """A reminder that went out (helper E2): each registration gets each reminder once."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    hours = models.PositiveIntegerField(_("hours before the start"))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "hours"], name="one_reminder_per_registration_and_hours"
            )
        ]

    def __str__(self):
        return f"{self.registration} – {self.hours} h"


# --- After the event: feedback, materials, recordings, results (events/followup.py) ---


class Feedback(models.Model):
    """An anonymous rating of a session.

    Nothing links it to a person: no user, a random primary key (so the row
    order tells nothing), only the day. Who gave feedback is kept apart, in
    `FeedbackReceipt`, to allow one feedback per person and session.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("rating"))
    text = models.TextField(_("comment"), max_length=2000, blank=True)
    given_on = models.DateField(_("given on"))

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.session} – {self.rating}"


class FeedbackReceipt(models.Model):
    """That a person has given feedback on a session, without saying which."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback_receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("feedback receipt")
        verbose_name_plural = _("feedback receipts")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_feedback_per_person")
        ]

    def __str__(self):
        return f"{self.user} – {self.session}"


def material_path(instance, filename: str) -> str:
    return random_name("events/materials", filename, CHECKED_EXTENSIONS)


class Material(models.Model):
    """Slides, a file or a link for a session, or for the whole event (minutes)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("session"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=material_path, max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    url = models.URLField(_("link"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="material_file_or_link",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_link(self) -> bool:
        return bool(self.url)


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("CC BY 4.0 (Creative Commons Attribution)")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0 (Attribution, Share Alike)")
    CC_BY_ND = "cc-by-nd-4.0", _("CC BY-ND 4.0 (Attribution, No Derivatives)")
    CC_BY_NC = "cc-by-nc-4.0", _("CC BY-NC 4.0 (Attribution, Non-Commercial)")
    CC0 = "cc0-1.0", _("CC0 1.0 (public domain)")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


class RecordingState(models.TextChoices):
    DRAFT = "draft", _("draft")
    CONSENTED = "consented", _("consent recorded")
    PUBLISHED = "published", _("published")


class Recording(models.Model):
    """A video of the event or a session: draft → speakers' consent recorded → published."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="recordings")
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recordings",
        verbose_name=_("session"),
    )
    title = models.CharField(_("title"), max_length=200)
    video_url = models.URLField(_("address of the video"), max_length=500)
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.ALL_RIGHTS_RESERVED
    )
    captions = models.TextField(_("captions (WebVTT)"), blank=True)
    state = models.CharField(
        pgettext_lazy("recording", "state"),
        max_length=12,
        choices=RecordingState.choices,
        default=RecordingState.DRAFT,
    )
    consent_given_by = models.CharField(_("consent given by"), max_length=300, blank=True)
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="draft")
                | (~Q(consent_given_by="") & Q(consent_given_on__isnull=False)),
                name="recording_consent_before_publishing",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="recording_published_at",
            ),
        ]

    def __str__(self):
        return self.title


class EventResults(models.Model):
    """The results page (Ergebnistransfer): a summary or minutes beside materials and videos."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="results")
    summary = models.TextField(_("results and minutes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("results page")
        verbose_name_plural = _("results pages")

    def __str__(self):
        return str(self.event)
