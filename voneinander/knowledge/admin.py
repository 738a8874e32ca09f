"""Admin for the knowledge exchange; deletions are audited.

Uploads and the history are only read (and deleted) here: files are checked by
content on the platform, and the history is written by the services. Changes
to a solution in the admin are recorded in its history too.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from voneinander.audit.admin_mixins import AuditedDeletionAdmin
from voneinander.knowledge.models import (
    Adoption,
    Alliance,
    AlliancePartner,
    ContactRequest,
    Introduction,
    Software,
    Solution,
    SolutionFile,
    SolutionRevision,
    Topic,
)


class ReadAndDeleteAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    """No add page and no changes; deleting is possible and audited."""

    def get_urls(self):
        return [url for url in super().get_urls() if not url.name or not url.name.endswith("_add")]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Topic)
class TopicAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["name", "slug", "is_field", "active", "position"]
    list_filter = ["is_field", "active"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


class SoftwareInline(admin.TabularInline):
    model = Software
    extra = 0


class SolutionFileInline(admin.TabularInline):
    model = SolutionFile
    extra = 0
    fields = ["title", "kind", "original_name", "content_type", "size", "alt_text"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


def _stored(value):
    """A form value as the history stores it (names for related objects)."""
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, list | tuple | set) or hasattr(value, "all"):
        return sorted(str(item) for item in value)
    return str(value)


_RELATED = {"owner", "contact", "partners", "topics", "merged_into", "created_by"}


@admin.register(Solution)
class SolutionAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["title", "owner", "network", "status", "visibility", "featured", "archived_at"]
    list_filter = ["network", "status", "visibility", "featured", "topics"]
    search_fields = ["title", "slug", "summary", "owner__name"]
    list_select_related = ["owner", "network"]
    raw_id_fields = ["owner", "partners", "contact", "created_by", "merged_into"]
    filter_horizontal = ["topics"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [SoftwareInline, SolutionFileInline]

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        changed = {}
        for name in form.changed_data:
            new = form.cleaned_data.get(name)
            if name == "contact":  # the history is public; a name may not be
                changed[name] = [form.initial.get(name), new.pk if new else None]
            elif name in _RELATED:
                changed[name] = [None, _stored(new)]
            else:
                changed[name] = [_stored(form.initial.get(name)), _stored(new)]
        if any(formset.has_changed() for formset in formsets):
            changed["software"] = [None, sorted(str(s) for s in form.instance.software.all())]
        if changed or not change:
            if not change:
                changed = {"created": [None, form.instance.title], **changed}
            SolutionRevision.objects.create(
                solution=form.instance,
                author=request.user,
                changed=changed,
                note=str(_("Changed in the administration")),
            )


@admin.register(Software)
class SoftwareAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["name", "solution", "licence", "is_open_source", "vendor"]
    list_filter = ["is_open_source"]
    search_fields = ["name", "vendor", "licence", "solution__title"]
    list_select_related = ["solution"]
    raw_id_fields = ["solution"]


@admin.register(SolutionFile)
class SolutionFileAdmin(ReadAndDeleteAdmin):
    list_display = ["title", "solution", "kind", "content_type", "size", "created_at"]
    list_filter = ["kind"]
    search_fields = ["title", "original_name", "solution__title"]
    list_select_related = ["solution"]
    fields = [
        "solution",
        "kind",
        "title",
        "alt_text",
        "original_name",
        "content_type",
        "size",
        "uploaded_by",
        "created_at",
    ]
    readonly_fields = fields


@admin.register(SolutionRevision)
class SolutionRevisionAdmin(ReadAndDeleteAdmin):
    list_display = ["solution", "author", "created_at", "note"]
    search_fields = ["solution__title", "note"]
    list_select_related = ["solution", "author"]
    fields = ["solution", "author", "created_at", "note", "changed"]
    readonly_fields = fields
    date_hierarchy = "created_at"


@admin.register(Adoption)
class AdoptionAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["solution", "municipality", "status", "started_on", "ended_on"]
    list_filter = ["status"]
    search_fields = ["solution__title", "municipality__name"]
    list_select_related = ["solution", "municipality"]
    raw_id_fields = ["solution", "municipality", "contact", "created_by"]


class AlliancePartnerInline(admin.TabularInline):
    model = AlliancePartner
    extra = 0
    raw_id_fields = ["municipality"]


@admin.register(Alliance)
class AllianceAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["title", "network", "status", "formed_on"]
    list_filter = ["network", "status"]
    search_fields = ["title", "slug", "description"]
    list_select_related = ["network"]
    raw_id_fields = ["solution", "created_by"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [AlliancePartnerInline]


@admin.register(AlliancePartner)
class AlliancePartnerAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["alliance", "municipality", "role", "joined_on"]
    search_fields = ["alliance__title", "municipality__name"]
    list_select_related = ["alliance", "municipality"]
    raw_id_fields = ["alliance", "municipality"]


class IntroductionInline(admin.StackedInline):
    model = Introduction
    extra = 0
    raw_id_fields = ["solution", "municipality", "contact", "alliance", "suggested_by"]


@admin.register(ContactRequest)
class ContactRequestAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = ["municipality", "network", "kind", "status", "created_at"]
    list_filter = ["network", "kind", "status"]
    search_fields = ["challenge", "municipality__name", "requester__email"]
    list_select_related = ["municipality", "network"]
    raw_id_fields = ["requester", "municipality"]
    filter_horizontal = ["topics"]
    inlines = [IntroductionInline]


@admin.register(Introduction)
class IntroductionAdmin(AuditedDeletionAdmin, admin.ModelAdmin):
    list_display = [
        "request",
        "contact",
        "requester_consent",
        "contact_consent",
        "introduced_at",
        "outcome",
    ]
    list_filter = ["outcome", "requester_consent", "contact_consent"]
    search_fields = ["request__challenge", "contact__email", "note"]
    list_select_related = ["request__municipality", "contact"]
    raw_id_fields = ["request", "solution", "municipality", "contact", "alliance", "suggested_by"]
