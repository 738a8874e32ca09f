"""Reads for seminars: who sees which programme and material, progress, the organiser lists.

`programmes_visible_to(user)` and `materials_visible_to(user, module)` are the
gate every page and download goes through; they agree with the predicates in
`permissions.py`. Objects a person may not know answer 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from voneinander.events.models import Event
from voneinander.events.selectors import events_visible_to
from voneinander.networks.roles import is_platform_admin, network_roles
from voneinander.seminars.models import (
    Enrolment,
    EnrolmentStatus,
    Material,
    MaterialKind,
    Module,
    ModuleProgress,
    Programme,
)
from voneinander.seminars.permissions import manages_programme


def programmes_visible_to(user) -> QuerySet[Programme]:
    if user.is_authenticated and user.is_active and is_platform_admin(user):
        return Programme.objects.all()
    condition = Q(is_published=True)
    if user.is_authenticated and user.is_active:
        condition |= Q(organisers=user)
    return Programme.objects.filter(condition).distinct()


def materials_visible_to(user, module: Module) -> QuerySet[Material]:
    """The module's materials the person may see (the programme must be visible already)."""
    materials = Material.objects.filter(module=module)
    if manages_programme(user, module.programme):
        return materials
    if (
        user.is_authenticated
        and Enrolment.objects.filter(
            programme_id=module.programme_id, user=user, status=EnrolmentStatus.ACTIVE
        ).exists()
    ):
        return materials
    return materials.filter(members_only=False)


# --- Lookups for @access(obj=...) ----------------------------------------------------------


def programme_for_viewer(request, slug: str, **_ignored) -> Programme:
    return get_object_or_404(programmes_visible_to(request.user), slug=slug)


def module_for_viewer(request, slug: str, pk: int, **_ignored) -> Module:
    programme = programme_for_viewer(request, slug)
    module = get_object_or_404(Module.objects.select_related("partner"), programme=programme, pk=pk)
    module.programme = programme  # keeps the permission caches of the programme
    return module


def material_for_viewer(request, slug: str, pk: int, material: int, **_ignored) -> Material:
    module = module_for_viewer(request, slug, pk)
    found = get_object_or_404(materials_visible_to(request.user, module), pk=material)
    found.module = module
    return found


def material_of(module: Module, pk) -> Material:
    """The module's material by a number from a form; anything else is 404."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    found = get_object_or_404(Material, module=module, pk=pk)
    found.module = module
    return found


def enrolment_of_programme(programme: Programme, pk: int) -> Enrolment:
    found = get_object_or_404(Enrolment.objects.select_related("user"), programme=programme, pk=pk)
    found.programme = programme
    return found


# --- Lists ----------------------------------------------------------------------------------


def programme_list(user) -> QuerySet[Programme]:
    return (
        programmes_visible_to(user)
        .prefetch_related("partners")
        .annotate(module_count=Count("modules", distinct=True))
        .order_by("-is_published", "-starts_on", "title")
    )


def enrolment_for(user, programme: Programme) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(programme=programme, user=user).first()


def modules_with_dates(programme: Programme, user) -> list[Module]:
    """The programme's modules in order, each with `dates`: the events the person may see."""
    dates = events_visible_to(user).order_by("starts_at", "pk")
    modules = list(
        Module.objects.filter(programme=programme)
        .select_related("partner")
        .prefetch_related(Prefetch("dates", queryset=dates, to_attr="visible_dates"))
        .order_by("position", "pk")
    )
    now = timezone.now()
    for module in modules:
        module.programme = programme
        module.next_date = next(
            (d for d in module.visible_dates if d.ends_at >= now and not d.cancelled_at), None
        )
    return modules


def dates_of(module: Module, user) -> list[Event]:
    return list(events_visible_to(user).filter(seminar_module=module).order_by("starts_at", "pk"))


def events_organised_by(user) -> QuerySet[Event]:
    """Events the person organises, as `events.permissions.is_event_organiser` says:
    named organiser, or coordinator of an organising network (not for a private
    working group's meeting: there only named organisers who are in the group,
    which `events_visible_to` already ensures). Platform admins: every event."""
    events = events_visible_to(user)
    if is_platform_admin(user):
        return events
    if not user.is_authenticated or not user.is_active:
        return events.none()
    condition = Q(pk__in=Event.organisers.through.objects.filter(user=user).values("event_id"))
    coordinated = network_roles(user).coordinated
    if coordinated:
        of_networks = Event.networks.through.objects.filter(network_id__in=coordinated)
        condition |= Q(pk__in=of_networks.values("event_id")) & (
            Q(working_group__isnull=True) | Q(working_group__is_private=False)
        )
    return events.filter(condition)


def linkable_events(user) -> QuerySet[Event]:
    """Upcoming events the person organises that are not yet dates of a module."""
    return (
        events_organised_by(user)
        .filter(seminar_module__isnull=True, ends_at__gte=timezone.now())
        .order_by("starts_at", "pk")
    )


@dataclass
class Progress:
    total: int
    completed: set[int] = field(default_factory=set)
    checked: dict[int, set[str]] = field(default_factory=dict)

    @property
    def done(self) -> int:
        return len(self.completed)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress_of(enrolment: Enrolment | None, module_ids) -> Progress | None:
    """What the participant finished and ticked, for the given modules."""
    module_ids = list(module_ids)
    if enrolment is None or enrolment.status != EnrolmentStatus.ACTIVE:
        return None
    rows = ModuleProgress.objects.filter(enrolment=enrolment, module_id__in=module_ids)
    progress = Progress(total=len(module_ids))
    for row in rows:
        if row.completed_at:
            progress.completed.add(row.module_id)
        progress.checked[row.module_id] = set(row.checked_items)
    return progress


def checklist_items(material: Material) -> list[tuple[str, str]]:
    """(key, text) per line of a checklist; the key "materialpk:index" is stored when ticked."""
    lines = [line.strip() for line in material.checklist.splitlines() if line.strip()]
    return [(f"{material.pk}:{index}", text) for index, text in enumerate(lines)]


def module_materials(user, module: Module, checked: set[str] | None = None) -> dict:
    """Visible materials of the module, checklists with their items, and how many are hidden."""
    visible = list(materials_visible_to(user, module).order_by("position", "pk"))
    hidden = Material.objects.filter(module=module).count() - len(visible)
    for material in visible:
        if material.kind == MaterialKind.CHECKLIST:
            material.items = [
                (key, text, key in (checked or set())) for key, text in checklist_items(material)
            ]
    return {"materials": visible, "hidden_count": hidden}


def my_enrolments(user) -> list[Enrolment]:
    """The person's enrolments with `module_count` and `completed_count`, newest first."""
    return list(
        Enrolment.objects.filter(user=user)
        .select_related("programme")
        .annotate(
            module_count=Count("programme__modules", distinct=True),
            completed_count=Count(
                "progress", filter=Q(progress__completed_at__isnull=False), distinct=True
            ),
        )
        .order_by("-created_at", "-pk")
    )


def pending_requests(programme: Programme) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(programme=programme, status=EnrolmentStatus.REQUESTED)
        .select_related("user", "municipality")
        .order_by("created_at", "pk")
    )


def participant_table(programme: Programme) -> tuple[list[Module], list[dict]]:
    """Active participants with a done/not-done cell per module: three queries in all."""
    modules = list(Module.objects.filter(programme=programme).order_by("position", "pk"))
    enrolments = list(
        Enrolment.objects.filter(programme=programme, status=EnrolmentStatus.ACTIVE)
        .select_related("user", "municipality")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    done = set(
        ModuleProgress.objects.filter(
            enrolment__in=[e.pk for e in enrolments], completed_at__isnull=False
        ).values_list("enrolment_id", "module_id")
    )
    rows = []
    for enrolment in enrolments:
        cells = [(module, (enrolment.pk, module.pk) in done) for module in modules]
        rows.append(
            {"enrolment": enrolment, "cells": cells, "done": sum(1 for _m, d in cells if d)}
        )
    return modules, rows
