"""Admin for the seminar series: partner organisations are managed only here."""

from django.contrib import admin

from voneinander.events.admin import ReadAndDeleteAdmin
from voneinander.seminars.models import (
    Enrolment,
    Material,
    Module,
    ModuleFeedback,
    ModuleProgress,
    Partner,
    Programme,
    ProgrammeVersion,
)


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "website"]
    search_fields = ["name", "short_name"]


class ModuleInline(admin.TabularInline):
    model = Module
    fields = ["position", "title", "partner"]
    extra = 0
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "version_label", "enrolment_mode", "is_published", "starts_on"]
    list_filter = ["is_published", "enrolment_mode"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["partners"]
    autocomplete_fields = ["organisers"]
    inlines = [ModuleInline]


@admin.register(ProgrammeVersion)
class ProgrammeVersionAdmin(admin.ModelAdmin):
    list_display = ["programme", "label", "created_at"]
    list_select_related = ["programme"]


class MaterialInline(admin.StackedInline):
    model = Material
    extra = 0
    fields = ["kind", "title", "url", "checklist", "members_only", "position"]


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "position", "partner"]
    list_filter = ["programme"]
    list_select_related = ["programme", "partner"]
    search_fields = ["title"]
    inlines = [MaterialInline]


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    """Files are uploaded on the module's materials page, where their content is checked."""

    list_display = ["title", "kind", "module", "members_only"]
    list_filter = ["kind", "members_only"]
    list_select_related = ["module"]
    readonly_fields = ["file", "original_name", "content_type", "size"]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["user", "programme", "status", "created_at"]
    list_filter = ["status", "programme"]
    list_select_related = ["user", "programme"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user", "municipality"]
    readonly_fields = ["decided_by", "decided_at"]


@admin.register(ModuleProgress)
class ModuleProgressAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "module", "completed_at"]
    list_select_related = ["enrolment__user", "enrolment__programme", "module"]


@admin.register(ModuleFeedback)
class ModuleFeedbackAdmin(ReadAndDeleteAdmin):
    """Ratings are read (and deleted) here, never changed, and do not name who gave them."""

    list_display = ["module", "version_label", "rating", "created_at"]
    list_filter = ["version_label", "rating"]
    list_select_related = ["module"]
    fields = ["module", "version_label", "rating", "comment", "created_at"]
    readonly_fields = ["created_at"]
