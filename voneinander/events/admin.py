"""Admin for events: the programme as inlines; deletions are audited.

Registrations and bookings are not edited here: they go through the
registration services, which enforce the rules and keep the waiting lists.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError

from voneinander.audit.admin_mixins import AuditedDeletionAdmin
from voneinander.events import services
from voneinander.events.models import (
    Event,
    EventSeries,
    ProgrammePart,
    Question,
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
