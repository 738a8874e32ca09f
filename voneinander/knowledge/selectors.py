"""Reads for the knowledge exchange: the querysets that decide what a user may see.

`solutions_visible_to(user)` is the single gate for solutions: every page, htmx
fragment, export, search result, feed and API endpoint filters through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    F,
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
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from voneinander.accounts.models import ContactVisibility
from voneinander.directory.selectors import POPULATION_CLASSES
from voneinander.knowledge.models import (
    Adoption,
    AdoptionStatus,
    Solution,
    SolutionFile,
    SolutionFileKind,
    SolutionRevision,
    SolutionStatus,
    SolutionVisibility,
    Topic,
)
from voneinander.municipalities.models import Municipality
from voneinander.networks.models import MembershipStatus, Network
from voneinander.networks.roles import COORDINATOR, MEMBER, network_roles
from voneinander.networks.roles import is_platform_admin as _is_admin


def solution_visibility_filter(user, *, include_inactive: bool = False) -> Q | None:
    """The condition on Solution rows `user` may see; None means every row.

    Archived and merged solutions are left out for everyone unless
    `include_inactive` (then coordinators and the owners still see theirs).
    """
    active = Q(archived_at__isnull=True, merged_into__isnull=True)
    if _is_admin(user):
        return None if include_inactive else active
    condition = active & Q(visibility=SolutionVisibility.PUBLIC)
    if not user.is_authenticated or not user.is_active:
        return condition
    roles = network_roles(user)
    member_of = [nid for nid, held in roles.by_network.items() if MEMBER in held]
    if member_of:
        condition |= active & Q(network_id__in=member_of)
    own = Q()
    if roles.coordinated:
        own |= Q(network_id__in=roles.coordinated)
    if user.municipality_id and user.municipality_confirmed_at:
        own |= Q(owner_id=user.municipality_id)
    if own:
        condition |= own if include_inactive else (active & own)
    return condition


def solutions_visible_to(user, *, include_inactive: bool = False) -> QuerySet[Solution]:
    condition = solution_visibility_filter(user, include_inactive=include_inactive)
    solutions = Solution.objects.all()
    return solutions if condition is None else solutions.filter(condition)


def solution_for_viewer(request, slug: str, **_ignored) -> Solution:
    """The solution at `slug`, or 404 for a solution the user may not know about.

    Archived and merged solutions still answer for those who may see them
    (coordinators, owners); a merged one redirects in the view.
    """
    try:
        return (
            solutions_visible_to(request.user, include_inactive=True)
            .select_related("network", "owner", "contact")
            .get(slug=slug)
        )
    except Solution.DoesNotExist:
        raise Http404 from None


# --- The catalogue list ------------------------------------------------------------------

# Adoptions that count as reuse: a municipality that is only interested does not reuse.
REUSE_STATUSES = (AdoptionStatus.ADOPTING, AdoptionStatus.IN_USE, AdoptionStatus.STOPPED)

# Sort key (as in the URL) → ordering after "featured first"; ties by title and id.
SORTS = {
    "titel": [F("title").asc()],
    "neueste": [F("created_at").desc()],
    "meistgenutzt": [F("reuse_count").desc()],
}
DEFAULT_SORT = "titel"


@dataclass(frozen=True)
class CatalogueFilter:
    """The filters of the catalogue; empty values mean "no filter"."""

    topic: Topic | None = None
    status: str = ""
    network: Network | None = None
    kind: str = ""
    population: str = ""
    query: str = ""
    sort: str = DEFAULT_SORT
    include_inactive: bool = False


def reuse_count() -> Coalesce:
    """The number of municipalities that reuse a solution (a subquery, no GROUP BY)."""
    counted = (
        Adoption.objects.filter(solution=OuterRef("pk"), status__in=REUSE_STATUSES)
        .order_by()
        .values("solution")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def topics_for_filter() -> list[Topic]:
    """Topics in use, Handlungsfelder first."""
    return list(Topic.objects.filter(active=True).order_by("-is_field", "position", "name"))


def networks_for_filter():
    return Network.objects.only("pk", "name", "short_name", "slug").order_by("name")


def may_include_inactive(user) -> bool:
    """Whether the list can show archived solutions to `user` (curators and owners)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(
        user.is_superuser
        or network_roles(user).coordinated
        or (user.municipality_id and user.municipality_confirmed_at)
    )


def catalogue_rows(user, filters: CatalogueFilter) -> QuerySet[Solution]:
    """Solutions `user` may see that match `filters`: featured first, then by the sort.

    Each row carries `reuse_count`, its owner and network, and (once evaluated)
    its topics. The number of queries does not depend on the number of rows.
    """
    rows = solutions_visible_to(
        user, include_inactive=filters.include_inactive and may_include_inactive(user)
    ).filter(merged_into__isnull=True)  # a merged duplicate lives on in its target
    if filters.topic is not None:
        rows = rows.filter(topics=filters.topic)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.network is not None:
        rows = rows.filter(network=filters.network)
    if filters.kind:
        rows = rows.filter(owner__kind=filters.kind)
    if filters.population in POPULATION_CLASSES:
        low, high = POPULATION_CLASSES[filters.population]
        rows = rows.filter(owner__population__gte=low)
        if high is not None:
            rows = rows.filter(owner__population__lte=high)
    if filters.query:
        rows = rows.filter(Q(title__icontains=filters.query) | Q(summary__icontains=filters.query))
    ordering = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    return (
        rows.annotate(reuse_count=reuse_count())
        .select_related("owner", "network")
        .defer(*_LONG_TEXTS)
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("position", "name")))
        .order_by("-featured", *ordering, "title", "pk")
    )


_LONG_TEXTS = (
    "problem",
    "what_it_is",
    "benefits",
    "how_it_works",
    "suits",
    "description",
    "lessons_learned",
    "discontinued_reason",
)


# --- One solution ------------------------------------------------------------------------

_MAX_MERGE_CHAIN = 20


def solution_for_detail(request, slug: str, **_ignored) -> Solution:
    """The solution at `slug` as `solution_for_viewer`, following merges.

    A merged solution answers with the solution it was merged into (the view
    redirects there) for everyone who may see that one and might have seen the
    merged one (so that the address of a solution for members only does not
    tell outsiders where it went); those who may see only the merged one (its
    coordinators, its owners) get it with a notice.
    """
    user = request.user
    try:
        found = Solution.objects.only(
            "pk", "merged_into_id", "visibility", "network_id", "owner_id"
        ).get(slug=slug)
    except Solution.DoesNotExist:
        raise Http404 from None
    if found.merged_into_id is not None and not _was_visible_to(user, found):
        raise Http404
    final_id, seen = found.merged_into_id, {found.pk}
    while final_id is not None and final_id not in seen and len(seen) < _MAX_MERGE_CHAIN:
        seen.add(final_id)
        next_id = (
            Solution.objects.filter(pk=final_id).values_list("merged_into_id", flat=True).first()
        )
        if next_id is None:
            target = (
                solutions_visible_to(user, include_inactive=True)
                .select_related("network", "owner", "contact")
                .filter(pk=final_id)
                .first()
            )
            if target is not None:
                return target
            break
        final_id = next_id
    return solution_for_viewer(request, slug)


def _was_visible_to(user, solution: Solution) -> bool:
    """Whether `user` may see `solution` as if it were still active (neither merged nor
    archived): the rule of `solution_visibility_filter` without the activity."""
    if solution.visibility == SolutionVisibility.PUBLIC or _is_admin(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    held = network_roles(user).by_network.get(solution.network_id, ())
    if MEMBER in held or COORDINATOR in held:
        return True
    return bool(
        user.municipality_id
        and user.municipality_confirmed_at
        and user.municipality_id == solution.owner_id
    )


def person_visible_to(user, person, network: Network) -> bool:
    """Whether `user` may see who `person` is, in the context of `network`.

    As on a municipality's page (`municipalities.selectors.contacts_visible_to`),
    each person chooses who may see their details: public → everyone;
    network → whoever has internal access to the network (its members,
    coordinators, admins); nobody → only those who manage it.
    """
    if person is None or not person.is_active:
        return False
    if user.is_authenticated and user.pk == person.pk:
        return True
    if person.contact_visibility == ContactVisibility.PUBLIC:
        return True
    if person.contact_visibility == ContactVisibility.NETWORK and user.has_perm(
        "networks.view_internal", network
    ):
        return True
    return user.has_perm("networks.manage_network", network)


def solution_contact_for(user, solution: Solution):
    """The solution's contact person if `user` may see them, else None."""
    contact = solution.contact
    return contact if person_visible_to(user, contact, solution.network) else None


@dataclass
class SolutionParts:
    topics: list
    partners: list
    software: list
    images: list
    attachments: list
    revision_count: int


def parts_of(solution: Solution) -> SolutionParts:
    files = list(solution.files.all())
    return SolutionParts(
        topics=list(solution.topics.order_by("-is_field", "position", "name")),
        partners=list(solution.partners.order_by("name", "pk")),
        software=list(solution.software.order_by("name", "pk")),
        images=[item for item in files if item.kind == SolutionFileKind.IMAGE],
        attachments=[item for item in files if item.kind == SolutionFileKind.ATTACHMENT],
        revision_count=solution.revisions.count(),
    )


def file_of(solution: Solution, pk: int) -> SolutionFile:
    try:
        return solution.files.get(pk=pk)
    except SolutionFile.DoesNotExist:
        raise Http404 from None


@dataclass
class ChangeRow:
    field: str
    label: str
    old: object
    new: object
    hidden: bool = False


# Entries of a revision that are not fields of the model.
EXTRA_LABELS = {
    "software": _("software"),
    "files": _("images and attachments"),
    "merged_into": _("merged into"),
    "merged_from": _("merged with"),
    "adoptions": _("reused by"),
    "created": _("created"),
}


def change_label(name: str) -> str:
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name])
    try:
        return str(Solution._meta.get_field(name).verbose_name)
    except Exception:  # a field that no longer exists: show its name
        return name


_TIMESTAMPS = {"archived_at"}
_CHOICE_FIELDS = {"status": SolutionStatus, "visibility": SolutionVisibility}


def _display(name: str, value) -> str | None:
    """A stored value as text for the history page; None for "empty"."""
    if value in (None, "", []):
        return None
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if name in _CHOICE_FIELDS and isinstance(value, str):
        try:
            return str(_CHOICE_FIELDS[name](value).label)
        except ValueError:
            return value
    if isinstance(value, int):
        return number_format(value, 0, force_grouping=True)
    if name in _TIMESTAMPS and isinstance(value, str):
        try:
            return date_format(datetime.fromisoformat(value), "SHORT_DATETIME_FORMAT")
        except ValueError:
            return value
    return str(value)


# Entries whose values are not shown in the history (a person's name may be private).
_HIDDEN_VALUES = {"contact"}


def history_values_shown(viewer, solution: Solution) -> bool:
    """Whether `viewer` sees the old and new values in the history, not only the fields.

    Only those who may edit the solution: a value removed before the solution
    was made public (or while it was for members only) must not come back
    through its history.
    """
    return viewer.has_perm("knowledge.edit_solution", solution)


def history_of(solution: Solution, *, viewer) -> list[SolutionRevision]:
    """The revisions, newest first.

    Each carries `rows` (a ChangeRow per changed field, values None where not
    shown), `is_creation`, `note_shown` and `author_shown` (the author, if
    `viewer` may see who that is; see `person_visible_to`). Values and notes
    only for those who may edit the solution (`history_values_shown`).
    """
    values_shown = history_values_shown(viewer, solution)
    revisions = list(solution.revisions.select_related("author").order_by("-created_at", "-pk"))
    for revision in revisions:
        changed = revision.changed if isinstance(revision.changed, dict) else {}
        revision.is_creation = "created" in changed
        revision.note_shown = revision.note if values_shown else ""
        revision.author_shown = (
            revision.author
            if person_visible_to(viewer, revision.author, solution.network)
            else None
        )
        revision.rows = []
        for name, values in changed.items():
            if name == "created":
                continue
            old, new = (
                values if isinstance(values, list | tuple) and len(values) == 2 else (None, values)
            )
            hidden = name in _HIDDEN_VALUES or not values_shown
            revision.rows.append(
                ChangeRow(
                    field=name,
                    label=change_label(name),
                    old=None if hidden else _display(name, old),
                    new=None if hidden else _display(name, new),
                    hidden=hidden,
                )
            )
    return revisions


# --- Creating and editing ----------------------------------------------------------------


def networks_for_creating(user) -> QuerySet[Network]:
    """Networks in whose catalogue `user` may document a solution."""
    if not user.is_authenticated or not user.is_active:
        return Network.objects.none()
    networks = Network.objects.order_by("name")
    if _is_admin(user):
        return networks
    return networks.filter(pk__in=list(network_roles(user).by_network))


def network_for_creating(request, network: str, **_ignored) -> Network:
    return get_object_or_404(Network, slug=network)


def _member_municipalities(network: Network) -> QuerySet[Municipality]:
    return Municipality.objects.filter(
        memberships__network=network, memberships__status=MembershipStatus.ACTIVE
    ).distinct()


def owner_choices(user, network: Network) -> QuerySet[Municipality]:
    """Municipalities `user` may name as the owner of a solution in `network`.

    Coordinators of the network and admins: every active member. Everyone else:
    their own municipality (confirmed affiliation), if it is an active member.
    """
    members = _member_municipalities(network)
    if _is_admin(user) or network_roles(user).has(network.pk, COORDINATOR):
        return members.order_by("name", "pk")
    if user.is_authenticated and user.municipality_id and user.municipality_confirmed_at:
        return members.filter(pk=user.municipality_id)
    return Municipality.objects.none()


def partner_choices(network: Network, *, keep=()) -> QuerySet[Municipality]:
    """Active members of the network, plus the partners a solution already has."""
    keep_ids = [m.pk for m in keep]
    return (
        Municipality.objects.filter(
            Q(memberships__network=network, memberships__status=MembershipStatus.ACTIVE)
            | Q(pk__in=keep_ids)
        )
        .distinct()
        .order_by("name", "pk")
    )


def contact_choices(network: Network, owners, *, keep=()) -> QuerySet:
    """People who may be named as a solution's contact: people of the owner municipalities.

    That is whoever has a confirmed affiliation with one of them, and their
    contact persons in the network; `keep` (ids) adds the current contact.
    """
    owner_ids = [m.pk for m in owners]
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(pk__in=list(keep))
            | Q(municipality_id__in=owner_ids, municipality_confirmed_at__isnull=False)
            | Q(
                contact_roles__membership__network=network,
                contact_roles__membership__municipality_id__in=owner_ids,
                contact_roles__membership__status=MembershipStatus.ACTIVE,
            )
        )
        .select_related("municipality")
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def topics_for_form(*, keep=()) -> QuerySet[Topic]:
    """Topics in use, and the (possibly deactivated) ones a solution already has."""
    keep_ids = [t.pk for t in keep]
    return Topic.objects.filter(Q(active=True) | Q(pk__in=keep_ids)).order_by(
        "-is_field", "position", "name"
    )


# --- Curation ----------------------------------------------------------------------------


def merge_candidates(user, solution: Solution) -> QuerySet[Solution]:
    """Active solutions of the same network that `solution` could be merged into."""
    return (
        solutions_visible_to(user)
        .filter(network_id=solution.network_id)
        .exclude(pk=solution.pk)
        .only("pk", "title", "slug", "owner__name", "owner__kind")
        .select_related("owner")
        .order_by("title", "pk")
    )


def merge_refusal(user, duplicate: Solution, into: Solution) -> str | None:
    """Why `user` may not merge `duplicate` into `into`, or None if they may.

    Merging moves the duplicate's reuses, partners, images and attachments to
    the target and names the duplicate in the target's history, so the person
    must curate both, and a duplicate for members only must not end up where
    more people look: in a public solution or in another network's.
    """
    if duplicate.pk == into.pk:
        return str(_("A solution cannot be merged into itself."))
    if not (
        user.has_perm("knowledge.curate_solution", duplicate)
        and user.has_perm("knowledge.curate_solution", into)
    ):
        return str(
            _("You can merge only into solutions of networks you coordinate; “%(title)s” is not.")
            % {"title": into.title}
        )
    if duplicate.visibility != SolutionVisibility.PUBLIC and (
        into.visibility == SolutionVisibility.PUBLIC or into.network_id != duplicate.network_id
    ):
        return str(
            _(
                "“%(duplicate)s” is for members of its network only, but more people see "
                "“%(title)s”. Make the duplicate public first, or merge it into a solution of "
                "the same network that is for members only."
            )
            % {"duplicate": duplicate.title, "title": into.title}
        )
    return None


def solution_by_address(user, address: str) -> Solution | None:
    """The active solution `user` may see at `address` (its slug or a URL ending in it)."""
    text = (address or "").strip().rstrip("/")
    slug = text.rsplit("/", 1)[-1]
    if not slug:
        return None
    return solutions_visible_to(user).select_related("owner", "network").filter(slug=slug).first()


def topics_for_management() -> QuerySet[Topic]:
    return Topic.objects.annotate(
        solution_count=Count("solutions", distinct=True),
    ).order_by("-active", "-is_field", "position", "name")


def topic_by_pk(request, pk: int, **_ignored) -> Topic:
    return get_object_or_404(Topic, pk=pk)
