"""Admin for events: the programme as inlines; deletions are audited.

Registrations and bookings are not edited here: they go through the
registration services, which enforce the rules and keep the waiting lists.
Feedback, materials and recordings are only read (and deleted) here: uploads
are content-checked and consent to recordings is recorded on the platform.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction

from voneinander.audit.admin_mixins import AuditedDeletionAdmin
from voneinander.events import services
from voneinander.events.models import (
    Event,
    EventResults,
    EventSeries,
    Feedback,
    Material,
    ProgrammePart,
    Question,
    Recording,
    Round,
    Session,
    Speaker,
)


class ProgrammePartInline(admin.TabularInline):
    model = ProgrammePart
    extra = 0
    fields = ["title", "starts_at", "ends_at", "speakers_text"]


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0


class SessionInline(admin.StackedInline):
    model = Session
    extra = 0
    fields = [
        ("round", "kind"),
        ("title", "topic"),
        ("starts_at", "ends_at"),
        ("capacity", "room"),
        "description",
    ]
    show_change_link = True


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Event)
class EventAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["title", "starts_at", "kind", "visibility", "format", "cancelled_at"]
    list_filter = ["kind", "visibility", "format", "networks"]
    search_fields = ["title", "slug"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["networks", "organisers", "invited"]
    readonly_fields = ["bbb_meeting_id", "created_by", "created_at", "updated_at", "cancelled_at"]
    inlines = [ProgrammePartInline, RoundInline, SessionInline, QuestionInline]

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class EventAdminForm(form):
            def clean(self):
                data = super().clean()
                candidate = Event(
                    starts_at=data.get("starts_at"),
                    ends_at=data.get("ends_at"),
                    format=data.get("format") or "",
                    location=data.get("location") or "",
                )
                if candidate.starts_at and candidate.ends_at:
                    try:
                        services.check_event_times(candidate)
                    except ValidationError as error:
                        self.add_error(None, error.messages)
                return data

        return EventAdminForm


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Session)
class SessionAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["title", "event", "round", "topic", "starts_at", "capacity"]
    list_filter = ["kind", "event"]
    search_fields = ["title", "topic", "event__title"]
    list_select_related = ["event", "round"]
    inlines = [SpeakerInline]


@admin.register(EventSeries)
class EventSeriesAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["title", "rrule", "first_start", "until"]
    filter_horizontal = ["networks"]


class ReadAndDeleteAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    """No add page and no changes; deleting is possible and audited."""

    def get_urls(self):
        return [url for url in super().get_urls() if not url.name or not url.name.endswith("_add")]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Feedback)
class FeedbackAdmin(ReadAndDeleteAdmin):
    """Anonymous ratings; who gave feedback (FeedbackReceipt) is not shown anywhere."""

    list_display = ["session", "rating", "given_on"]
    list_filter = ["rating", "session__event"]
    list_select_related = ["session__event"]
    fields = ["session", "rating", "text", "given_on"]
    date_hierarchy = "given_on"


def _delete_files_on_commit(materials) -> None:
    names = [material.file.name for material in materials if material.file]
    if names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


@admin.register(Material)
class MaterialAdmin(ReadAndDeleteAdmin):
    list_display = ["title", "event", "session", "file_name", "url", "created_at"]
    list_filter = ["event"]
    search_fields = ["title", "file_name", "event__title"]
    list_select_related = ["event", "session"]
    fields = ["event", "session", "title", "file", "file_name", "content_type", "size", "url"]

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _delete_files_on_commit([obj])

    def delete_queryset(self, request, queryset):
        materials = list(queryset)
        super().delete_queryset(request, queryset)
        _delete_files_on_commit(materials)


@admin.register(Recording)
class RecordingAdmin(ReadAndDeleteAdmin):
    list_display = ["title", "event", "session", "state", "licence", "published_at"]
    list_filter = ["state", "licence", "event"]
    search_fields = ["title", "event__title"]
    list_select_related = ["event", "session"]
    fields = [
        "event",
        "session",
        "title",
        "video_url",
        "licence",
        "state",
        "consent_given_by",
        "consent_given_on",
        "consent_recorded_at",
        "published_at",
        "created_at",
    ]
    readonly_fields = ["consent_recorded_at", "created_at"]


@admin.register(EventResults)
class EventResultsAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["event", "updated_at"]
    search_fields = ["event__title"]
    list_select_related = ["event"]
    fields = ["event", "summary", "updated_at"]
    readonly_fields = ["updated_at"]
    autocomplete_fields = ["event"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "event"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
