"""Personal data: the registry of every field the platform stores, and "Download my data".

`REGISTRY` declares every concrete field (and every many-to-many link to a
person) of every project model exactly once:

- as personal data of a person, through a `Relation`: the lookup from the model
  to that person (`"user"`, `"registration__user"`, `"organisers"`; `"pk"` for
  the user row itself), the fields exported to them, and what account deletion
  does with those rows (`erase`: keep them, delete them, clear some fields, or
  detach the person); or
- as not personal, under a reason (`other`).

The export walks the registry (one query per relation, whatever the number of
rows), account deletion (`privacy_erasure.py`) too. `tests/privacy/` fails when a
field is added without being classified here, and when the export misses a
field declared personal.
"""

from __future__ import annotations

import json
import posixpath
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext

from voneinander.audit.services import record_event
from voneinander.core import ratelimits

# What account deletion does with the rows of a relation.
KEEP = "keep"  # the row stays; it now points to the anonymised account ("Deleted person")
DELETE = "delete"  # the rows are deleted
CLEAR = "clear"  # the row stays, the fields in `clear` are overwritten
DETACH = "detach"  # the link to the person is removed (nullable FK set to NULL, M2M link deleted)
ANONYMISE = "anonymise"  # the user row itself (privacy_erasure.anonymise_user)

# Reasons for fields that are not personal data.
CONTENT = (
    "Shared content of a network, event, group, programme or municipality; not about a person."
)
REGISTER = "Public register data of municipalities and networks."
ACTOR = (
    "Records which staff member acted on someone else's record; kept as the organisation's "
    "record. The actor's own actions are exported from the audit log."
)
CREDENTIAL = "Secret or credential (hash, token, key material); never exported."
KEY = "Technical key or bookkeeping without information about a person."
FIGURES = "Anonymous figures or answers that are not linked to a person."
UNLINKED = (
    "Free-text name of a person without an account link (guest speaker, external consent); "
    "organisers correct or erase it on request."
)
INDEX = "Derived search index, rebuilt from the source rows."
THROUGH = "The link is stored in its own model, which the registry lists."
RATE = (
    "Short-lived rate-limit counter; its key may hold an IP address or account id, and it "
    "expires with its window (minutes to an hour)."
)


@dataclass(frozen=True)
class Relation:
    path: str
    fields: tuple[str, ...]
    erase: str = KEEP
    # Values set by CLEAR; a callable is called at deletion time (in the site's language).
    clear: Mapping[str, Any] = field(default_factory=dict)
    # Export filter: (row, person) -> the row as exported (drops what is about others).
    redact: Callable[[dict, Any], dict] | None = None


@dataclass(frozen=True)
class Entry:
    model: str
    relations: tuple[Relation, ...] = ()
    other: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def get_model(self) -> type[models.Model]:
        return apps.get_model(self.model)


def R(path: str, fields: str, erase: str = KEEP, **clear) -> Relation:  # noqa: N802 - a short constructor
    return Relation(path=path, fields=tuple(fields.split()), erase=erase, clear=clear)


def E(model: str, *relations: Relation, **other: str) -> Entry:  # noqa: N802
    """`other` maps a reason constant's name (CONTENT, ACTOR, CREDENTIAL, ...) to field names."""
    return Entry(
        model=model,
        relations=relations,
        other={_REASONS[name]: tuple(names.split()) for name, names in other.items()},
    )


_REASONS = {
    "CONTENT": CONTENT,
    "REGISTER": REGISTER,
    "ACTOR": ACTOR,
    "CREDENTIAL": CREDENTIAL,
    "KEY": KEY,
    "FIGURES": FIGURES,
    "UNLINKED": UNLINKED,
    "INDEX": INDEX,
    "THROUGH": THROUGH,
    "RATE": RATE,
}


def _deleted_person() -> str:
    return gettext("Deleted person")


_AUDIT_ABOUT_OTHERS = ("target_id", "target_label", "data")


def _own_audit_entry(row: dict, user) -> dict:
    """An audit entry the person wrote about someone or something else (e.g. a coordinator's
    decision on another person's application) is exported with action, time and kind of
    object only: its label and details may name other people."""
    user_type = ContentType.objects.get_for_model(user).pk
    if row["target_type"] == user_type and row["target_id"] == str(user.pk):
        return row
    return {name: value for name, value in row.items() if name not in _AUDIT_ABOUT_OTHERS}


REGISTRY: tuple[Entry, ...] = (
    # --- Accounts, sign-in ------------------------------------------------------------------
    E(
        "accounts.User",
        R(
            "pk",
            "id email first_name last_name position organisation phone municipality"
            " municipality_confirmed_at contact_visibility is_active is_staff is_superuser"
            " date_joined last_login",
            ANONYMISE,
        ),
        CREDENTIAL="password",
        ACTOR="municipality_confirmed_by",
    ),
    E("account.EmailAddress", R("user", "id email verified primary", DELETE)),
    E("mfa.Authenticator", R("user", "id type created_at last_used_at", DELETE), CREDENTIAL="data"),
    E(
        "api.ApiToken",
        R(
            "user",
            "id name prefix can_write created_at last_used_at expires_at revoked_at",
            DELETE,
        ),
        CREDENTIAL="key_hash",
    ),
    E(
        "audit.AuditEvent",
        replace(
            R("actor", "id created_at actor_label action target_type target_id target_label data"),
            redact=_own_audit_entry,
        ),
    ),
    E("core.RateCounter", RATE="id key window_start count expires_at"),
    # --- Municipalities, networks, admissions ------------------------------------------------
    E(
        "municipalities.Municipality",
        REGISTER="id name kind ags ars parent state population area_km2 postcode latitude"
        " longitude website geonames_id official_name import_source",
    ),
    E(
        "networks.Network",
        R("coordinators", "id name slug", DETACH),
        REGISTER="id name short_name slug description operator target_kinds target_group topics"
        " contact_email website postal_address comments_premoderated created_at",
    ),
    E(
        "networks.NetworkCoordinator",
        R("user", "id network since", DELETE),
        ACTOR="added_by",
    ),
    E(
        "networks.Membership",
        REGISTER="id network municipality role status member_since left_on topic_focuses",
        CONTENT="news_draft",
    ),
    E("networks.ContactPerson", R("user", "id membership is_primary", DELETE)),
    E(
        "admissions.Application",
        R(
            "applicant",
            "id network municipality state letter letter_name message topics"
            " applicant_is_contact contacts submitted_at review_started_at decided_at"
            " decision_reason withdrawn_at membership notice notice_sent_at",
        ),
        ACTOR="reviewed_by decided_by",
    ),
    # --- Events ---------------------------------------------------------------------------
    E(
        "events.EventSeries",
        CONTENT="id title rrule first_start duration_minutes exdates until created_at",
    ),
    E(
        "events.Event",
        R("organisers", "id title slug starts_at", DETACH),
        R("invited", "id title slug starts_at", DETACH),
        CONTENT="id series kind title slug summary description visibility starts_at ends_at"
        " format location meeting_url meeting_link_opens_minutes bbb_meeting_id"
        " registration_enabled registration_opens_at registration_closes_at"
        " cancellation_deadline capacity max_sessions_per_person one_session_per_round"
        " one_session_per_topic requires_approval allocation_mode preferences_close_at"
        " reminder_hours participant_list_visibility self_check_in retention_days"
        " personal_data_purged_at working_group seminar_module created_at updated_at"
        " cancelled_at",
        FIGURES="retained_figures",
        ACTOR="created_by",
    ),
    E(
        "events.ProgrammePart",
        CONTENT="id event title description starts_at ends_at",
        UNLINKED="speakers_text",
    ),
    E("events.Round", CONTENT="id event title starts_at ends_at"),
    E(
        "events.Session",
        CONTENT="id event round kind title topic description starts_at ends_at capacity room",
    ),
    E(
        "events.Speaker",
        R(
            "user",
            "id session name organisation bio",
            CLEAR,
            name=_deleted_person,
            organisation="",
            bio="",
        ),
    ),
    E("events.Question", CONTENT="id event label kind choices required"),
    E(
        "events.Registration",
        R(
            "user",
            "id event status answers list_consent created_at updated_at checked_in_at",
            CLEAR,
            answers={},
            list_consent=False,
        ),
    ),
    E(
        "events.SessionBooking",
        R("registration__user", "id registration session status created_at updated_at attended"),
    ),
    E("events.Preference", R("registration__user", "id registration session rank")),
    E(
        "events.AllocationRun",
        CONTENT="id event seed created_at summary published_at",
        KEY="assignments",
        ACTOR="created_by",
    ),
    E(
        "events.CalendarFeedToken",
        R("user", "id created_at revoked_at", DELETE),
        CREDENTIAL="token",
    ),
    E("events.ReminderSent", R("registration__user", "id registration hours sent_at", DELETE)),
    E("events.Feedback", FIGURES="id session rating text given_on"),
    E("events.FeedbackReceipt", R("user", "id session")),
    E(
        "events.Material",
        R(
            "uploaded_by",
            "id event session title file file_name content_type size url created_at",
        ),
    ),
    E(
        "events.Recording",
        CONTENT="id event session title video_url licence captions state consent_given_on"
        " consent_recorded_at published_at created_at updated_at",
        UNLINKED="consent_given_by",
        ACTOR="consent_recorded_by created_by",
    ),
    E("events.EventResults", CONTENT="id event summary updated_at", ACTOR="updated_by"),
    # --- Knowledge ----------------------------------------------------------------------------
    E("knowledge.Topic", CONTENT="id name slug description is_field position active"),
    E(
        "knowledge.Solution",
        R("created_by", "id title slug network created_at"),
        R("contact", "id title slug", DETACH),
        CONTENT="id title slug summary problem what_it_is benefits how_it_works suits"
        " description status discontinued_reason network owner visibility costs_one_off_min"
        " costs_one_off_max costs_yearly_min costs_yearly_max funding_source duration"
        " staff_effort lessons_learned website featured archived_at merged_into created_at"
        " updated_at",
    ),
    E(
        "knowledge.Software",
        CONTENT="id solution name licence is_open_source repository_url website vendor",
    ),
    E(
        "knowledge.SolutionFile",
        R(
            "uploaded_by",
            "id solution kind file original_name content_type size title alt_text created_at",
        ),
    ),
    E("knowledge.SolutionRevision", R("author", "id solution created_at note changed")),
    E(
        "knowledge.Adoption",
        R("contact", "id solution municipality status", DETACH),
        CONTENT="id solution municipality status started_on ended_on report created_at updated_at",
        ACTOR="created_by",
    ),
    E(
        "knowledge.Alliance",
        CONTENT="id title slug description network status solution formed_on created_at",
        ACTOR="created_by",
    ),
    E("knowledge.AlliancePartner", CONTENT="id alliance municipality role joined_on"),
    E(
        "knowledge.ContactRequest",
        R(
            "requester",
            "id network municipality kind challenge status outcome_note created_at updated_at",
        ),
    ),
    E(
        "knowledge.Introduction",
        R(
            "contact",
            "id request solution municipality note requester_consent contact_consent"
            " introduced_at outcome alliance created_at",
        ),
        ACTOR="suggested_by",
    ),
    # --- Working groups -------------------------------------------------------------------------
    E(
        "workinggroups.WorkingGroup",
        CONTENT="id network title slug topic description is_private archived_at created_at",
        ACTOR="created_by",
    ),
    E(
        "workinggroups.GroupMember",
        R(
            "user",
            "id group role status message requested_at joined_at left_at",
            DELETE,
        ),
        ACTOR="decided_by",
    ),
    E(
        "workinggroups.Discussion",
        R("author", "id group title created_at"),
        CONTENT="last_post_at",
    ),
    E("workinggroups.Post", R("author", "id discussion text created_at")),
    E("workinggroups.Folder", CONTENT="id group parent name"),
    E(
        "workinggroups.Document",
        R("created_by", "id group folder title description created_at"),
        CONTENT="updated_at",
    ),
    E(
        "workinggroups.DocumentVersion",
        R(
            "uploaded_by",
            "id document number file original_name content_type size comment created_at",
        ),
        INDEX="text",
    ),
    E(
        "workinggroups.Result",
        CONTENT="id group title text document published_on",
        ACTOR="created_by",
    ),
    # --- Questions and notifications ----------------------------------------------------------
    E(
        "questions.Question",
        R("author", "id network title text created_at edited_at"),
        R("mentioned", "id title", DETACH),
        CONTENT="accepted_answer last_activity_at",
    ),
    E(
        "questions.Answer",
        R("author", "id question text created_at updated_at edited_at"),
        R("mentioned", "id question", DETACH),
    ),
    E(
        "questions.Follow",
        R("user", "id question topic network working_group created_at", DELETE),
    ),
    E(
        "questions.Notification",
        R(
            "user",
            "id kind text url network working_group created_at read_at emailed_at",
            DELETE,
        ),
    ),
    E(
        "questions.NotificationSettings",
        R("user", "id email last_digest_at updated_at", DELETE),
    ),
    # --- Surveys ---------------------------------------------------------------------------------
    E(
        "surveys.Survey",
        CONTENT="id network title introduction respondent_mode state closes_at opened_at"
        " closed_at created_at",
        ACTOR="created_by",
    ),
    E(
        "surveys.Question",
        CONTENT="id survey position kind text help_text required max_choices scale_min"
        " scale_max label_min label_max",
    ),
    E("surveys.Option", CONTENT="id question position text topic"),
    # Responses and answers stay: they are the survey's results (and, per municipality,
    # the municipality's answer). The link goes to the anonymised account.
    E(
        "surveys.Response",
        R("user", "id survey per_municipality municipality submitted_at"),
    ),
    E(
        "surveys.Answer",
        R("response__user", "id response question option rank value text"),
    ),
    E(
        "surveys.BacklogTopic",
        CONTENT="id network title topic description status reason survey question option"
        " answer working_group event created_at updated_at",
        FIGURES="votes base place",
        ACTOR="created_by",
    ),
    # --- Search, news, pages, comments ----------------------------------------------------------
    E(
        "search.SearchEntry",
        INDEX="id kind object_id title subtitle body link status facets audience date indexed_at",
    ),
    E(
        "news.NewsItem",
        R("author", "id network title slug published_at created_at"),
        CONTENT="id network title slug teaser text published_at video_url comments_enabled"
        " membership notified_at created_at updated_at",
    ),
    E(
        "news.NewsImage",
        CONTENT="id news file content_type size width height alt_text caption credit position"
        " created_at",
    ),
    E(
        "news.NewsAttachment",
        CONTENT="id news file original_name content_type size title created_at",
    ),
    E(
        "news.NewsVideo",
        CONTENT="id news title file content_type size captions captions_language created_at",
    ),
    E(
        "pages.Page",
        CONTENT="id network kind slug title body show_in_footer updated_at",
        ACTOR="updated_by",
    ),
    E(
        "pages.BarrierReport",
        R(
            "reporter",
            "id page_url description name email status created_at updated_at",
            CLEAR,
            name="",
            email="",
        ),
        CONTENT="note",
        ACTOR="handled_by",
    ),
    E(
        "comments.Comment",
        R(
            "author",
            "id news solution network text status hidden_reason moderated_at created_at edited_at",
        ),
        ACTOR="moderated_by",
    ),
    E("comments.CommentReport", R("reporter", "id comment reason created_at resolved_at")),
    E("comments.CommentBlock", R("user", "id network reason created_at"), ACTOR="blocked_by"),
    # --- Seminars --------------------------------------------------------------------------------
    E("seminars.Partner", CONTENT="id name short_name website description"),
    E(
        "seminars.Programme",
        R("organisers", "id title slug", DETACH),
        CONTENT="id title slug summary description network starts_on ends_on version_label"
        " enrolment_mode audience is_published created_at",
    ),
    E(
        "seminars.ProgrammeVersion",
        CONTENT="id programme label changes created_at",
        ACTOR="created_by",
    ),
    E(
        "seminars.Module",
        CONTENT="id programme position title learning_goals description partner created_at",
    ),
    E(
        "seminars.Material",
        CONTENT="id module kind title description file original_name content_type size url"
        " checklist position members_only created_at",
    ),
    E(
        "seminars.Enrolment",
        R(
            "user",
            "id programme municipality role message status decided_at created_at",
            CLEAR,
            message="",
        ),
        ACTOR="decided_by",
    ),
    E(
        "seminars.ModuleProgress",
        R("enrolment__user", "id enrolment module completed_at checked_items"),
    ),
    E(
        "seminars.ModuleFeedback",
        R("user", "id module version_label rating comment created_at updated_at"),
    ),
    # --- Strategies ------------------------------------------------------------------------------
    E("strategies.StrategyField", CONTENT="id name slug description examples position is_active"),
    E(
        "strategies.Strategy",
        CONTENT="id municipality title strengths weaknesses existing_projects vision goals"
        " shared_with shared_at version created_at updated_at",
        ACTOR="created_by",
    ),
    E("strategies.Collaborator", R("user", "id strategy role added_at", DELETE)),
    E(
        "strategies.Measure",
        CONTENT="id strategy title field goal priority starts_on ends_on budget_eur status"
        " copied_from position created_at updated_at",
        UNLINKED="responsible",
    ),
    E("strategies.MeasureStatusChange", R("changed_by", "id measure status changed_at")),
    E("strategies.StrategyChange", R("author", "id strategy summary data created_at")),
)

# Third-party models the registry covers beyond the project's own apps.
THIRD_PARTY = ("account.EmailAddress", "mfa.Authenticator")

EXPORTS_PER_HOUR = 5
_WINDOW_SECONDS = 60 * 60
EXPORT_FORMAT_VERSION = 1


def entries() -> Iterator[tuple[Entry, type[models.Model]]]:
    for entry in REGISTRY:
        yield entry, entry.get_model()


def rows_of(model: type[models.Model], relation: Relation, user) -> models.QuerySet:
    """The rows of `model` that `relation` connects to `user`."""
    lookup = "pk" if relation.path == "pk" else relation.path
    return model._default_manager.filter(**{lookup: user.pk}).order_by("pk")


def _file_fields(model: type[models.Model], names: tuple[str, ...]) -> list[str]:
    return [name for name in names if isinstance(model._meta.get_field(name), models.FileField)]


def collect(user) -> tuple[dict, list[tuple[str, str]]]:
    """Everything stored about `user`: (the export document, [(archive path, stored file)])."""
    records = []
    files: list[tuple[str, str]] = []
    for entry, model in entries():
        for relation in entry.relations:
            file_fields = _file_fields(model, relation.fields)
            rows = list(rows_of(model, relation, user).values(*relation.fields))
            if relation.redact is not None:
                rows = [relation.redact(row, user) for row in rows]
            for row in rows:
                for name in file_fields:
                    stored = row.get(name)
                    if stored:
                        archive_path = posixpath.join(
                            "files", entry.model, str(row["id"]), posixpath.basename(stored)
                        )
                        files.append((archive_path, stored))
                        row[name] = {"stored_as": stored, "in_archive": archive_path}
            records.append(
                {
                    "model": entry.model,
                    "description": str(model._meta.verbose_name_plural),
                    "relation": relation.path,
                    "rows": rows,
                }
            )
    document = {
        "format": "voneinander-personal-data",
        "version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now(),
        "user_id": user.pk,
        "records": records,
    }
    return document, files


def export_personal_data(*, user) -> tempfile.SpooledTemporaryFile:
    """A ZIP archive: `personal-data.json` plus the files the person uploaded.

    Audited as `privacy.export`. Returned rewound; the caller streams and closes it.
    """
    document, files = collect(user)
    # Not a context manager: the response streams it and closes it.
    archive = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    missing = []
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for archive_path, stored in files:
            if not default_storage.exists(stored):
                missing.append(stored)
                continue
            with (
                default_storage.open(stored, "rb") as source,
                zipped.open(archive_path, "w") as target,
            ):
                for chunk in iter(lambda: source.read(64 * 1024), b""):
                    target.write(chunk)
        document["missing_files"] = missing
        zipped.writestr(
            "personal-data.json",
            json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
    record_event(
        actor=user,
        action="privacy.export",
        target=user,
        data={"records": sum(len(r["rows"]) for r in document["records"]), "files": len(files)},
    )
    archive.seek(0)
    return archive


# --- Rate limit: a few exports per hour and person (counted across app servers) ---------------


def _export_key(user) -> str:
    return f"privacy:exports:{user.pk}"


def take_export_slot(user) -> bool:
    """Count this attempt and say whether it is within the limit.

    One atomic step (`ratelimits.hit` returns the new count): a separate check and count
    would let parallel requests on several app servers all pass the check.
    """
    return ratelimits.hit(_export_key(user), _WINDOW_SECONDS).count <= EXPORTS_PER_HOUR
