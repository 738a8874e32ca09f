"""The solutions catalogue: read as the catalogue pages allow, create and edit as the forms do.

Reads go through `knowledge.selectors` (`catalogue_rows`, `solution_for_viewer`:
the gate `solutions_visible_to`), so members-only solutions never reach an
anonymous caller. Writes need a token that may write and the same permission
as the web (`knowledge.create_solution` on the network, `knowledge.edit_solution`
on the solution); the values are checked by the web's own `SolutionForm` (the
same choices of owner, partners and topics, the same limits) and saved by the
catalogue's services, which write the revision history.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from voneinander.api.auth import optional_auth, token_auth
from voneinander.api.errors import DETAIL_ERRORS, LIST_ERRORS, ApiError, errors
from voneinander.api.pagination import PageParams, page_schema, paginate
from voneinander.api.routers.municipalities import MunicipalityRefOut
from voneinander.knowledge import selectors, services
from voneinander.knowledge.forms import SoftwareForm, SolutionForm
from voneinander.knowledge.models import (
    Solution,
    SolutionStatus,
    SolutionVisibility,
    Topic,
)
from voneinander.municipalities.models import Municipality
from voneinander.networks.models import Network

router = Router(tags=["solutions"])

SOLUTION_TEXTS = (
    "problem",
    "what_it_is",
    "benefits",
    "how_it_works",
    "suits",
    "description",
    "lessons_learned",
)


class SoftwareOut(Schema):
    id: int
    name: str
    vendor: str
    licence: str = Field(description="SPDX identifier where known.")
    is_open_source: bool
    repository_url: str
    website: str


class SolutionOut(Schema):
    slug: str = Field(description="Stable identifier, part of the page address.")
    title: str
    summary: str
    status: SolutionStatus
    visibility: SolutionVisibility
    network: str = Field(description="Slug of the network whose catalogue it is in.")
    owner: MunicipalityRefOut = Field(description="The municipality that runs it.")
    topics: list[str] = Field(description="Slugs of the Handlungsfelder and topics.")
    adopters: int = Field(description="Municipalities that reuse it.")
    featured: bool
    archived: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    url: str = Field(description="The solution's page on the platform.")

    @staticmethod
    def resolve_network(obj) -> str:
        return obj.network.slug

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [topic.slug for topic in obj.topics.all()]

    @staticmethod
    def resolve_adopters(obj) -> int:
        return obj.reuse_count

    @staticmethod
    def resolve_archived(obj) -> bool:
        return obj.archived_at is not None

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class SolutionDetailOut(SolutionOut):
    problem: str
    what_it_is: str
    benefits: str
    how_it_works: str
    suits: str
    description: str = Field(description="Markdown.")
    discontinued_reason: str
    partners: list[MunicipalityRefOut]
    software: list[SoftwareOut]
    costs_one_off_min: int | None = Field(description="EUR.")
    costs_one_off_max: int | None
    costs_yearly_min: int | None
    costs_yearly_max: int | None
    funding_source: str
    duration: str
    staff_effort: str
    lessons_learned: str
    website: str
    merged_into: str | None = Field(description="Slug of the solution this one was merged into.")

    @staticmethod
    def resolve_partners(obj) -> list:
        return list(obj.partners.all())

    @staticmethod
    def resolve_software(obj) -> list:
        return list(obj.software.all())

    @staticmethod
    def resolve_merged_into(obj) -> str | None:
        return obj.merged_into.slug if obj.merged_into_id else None


class SolutionFilters(Schema):
    topic: str = Field("", max_length=80, description="Slug of a topic.")
    status: SolutionStatus | None = None
    network: str = Field("", max_length=60, description="Slug of a network.")
    q: str = Field("", max_length=200, description="Part of the title or summary.")


SolutionPage = page_schema(SolutionOut, "SolutionPage")


# --- Input ------------------------------------------------------------------------------


class SoftwareIn(Schema):
    # Write schemas refuse fields they do not know (422 naming the field) instead of
    # silently ignoring them: a client that sends `featured` or `network` learns at
    # once that it cannot set it (no mass assignment, no false success).
    model_config = ConfigDict(extra="forbid")

    id: int | None = Field(
        None, description="Id of an entry of this solution to change; without it, a new entry."
    )
    name: str = Field(max_length=150)
    vendor: str = Field("", max_length=150)
    licence: str = Field("", max_length=80)
    is_open_source: bool = False
    repository_url: str = Field("", max_length=200)
    website: str = Field("", max_length=200)


class _SolutionFields(Schema):
    model_config = ConfigDict(extra="forbid")

    topics: list[str] | None = Field(
        None, max_length=50, description="Slugs of Handlungsfelder and topics."
    )
    status: SolutionStatus | None = None
    discontinued_reason: str | None = Field(None, max_length=10000)
    visibility: SolutionVisibility | None = None
    problem: str | None = Field(None, max_length=20000)
    what_it_is: str | None = Field(None, max_length=20000)
    benefits: str | None = Field(None, max_length=20000)
    how_it_works: str | None = Field(None, max_length=20000)
    suits: str | None = Field(None, max_length=20000)
    description: str | None = Field(None, max_length=50000, description="Markdown.")
    owner: int | None = Field(
        None,
        description="Id of the municipality that runs it: an active member of the network "
        "(yours, unless you coordinate the network).",
    )
    partners: list[int] | None = Field(
        None, max_length=100, description="Ids of partner municipalities (members)."
    )
    costs_one_off_min: int | None = Field(None, ge=0, le=2_000_000_000)
    costs_one_off_max: int | None = Field(None, ge=0, le=2_000_000_000)
    costs_yearly_min: int | None = Field(None, ge=0, le=2_000_000_000)
    costs_yearly_max: int | None = Field(None, ge=0, le=2_000_000_000)
    funding_source: str | None = Field(None, max_length=200)
    duration: str | None = Field(None, max_length=100)
    staff_effort: str | None = Field(None, max_length=200)
    lessons_learned: str | None = Field(None, max_length=20000)
    website: str | None = Field(None, max_length=200)
    software: list[SoftwareIn] | None = Field(
        None, max_length=30, description="The whole list: entries left out are removed."
    )


class SolutionCreateIn(_SolutionFields):
    network: str = Field(max_length=60, description="Slug of the network's catalogue.")
    title: str = Field(max_length=200)
    summary: str = Field(max_length=400)


class SolutionUpdateIn(_SolutionFields):
    title: str | None = Field(None, max_length=200)
    summary: str | None = Field(None, max_length=400)
    note: str = Field("", max_length=300, description="A short note for the history.")


# --- Reading ----------------------------------------------------------------------------


def _topic(slug: str) -> Topic | None:
    return Topic.objects.filter(slug=slug).first() if slug else None


def _detail(user, slug: str) -> Solution:
    """The solution as its page shows it (archived ones to their curators and owners)."""
    return get_object_or_404(
        selectors.solutions_visible_to(user, include_inactive=True)
        .annotate(reuse_count=selectors.reuse_count())
        .select_related("network", "owner", "merged_into")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("position", "name")),
            Prefetch("partners", queryset=Municipality.objects.order_by("name", "pk")),
            "software",
        ),
        slug=slug,
    )


@router.get(
    "/",
    response={200: SolutionPage, **LIST_ERRORS},
    auth=optional_auth,
    url_name="solution-list",
)
def list_solutions(request, page: Query[PageParams], filters: Query[SolutionFilters]):
    """Solutions the caller may see, by title (public ones for everyone)."""
    network = Network.objects.filter(slug=filters.network).first() if filters.network else None
    topic = _topic(filters.topic)
    if (filters.network and network is None) or (filters.topic and topic is None):
        rows = Solution.objects.none()
    else:
        rows = selectors.catalogue_rows(
            request.user,
            selectors.CatalogueFilter(
                topic=topic,
                status=filters.status or "",
                network=network,
                query=filters.q.strip(),
            ),
        )
    return paginate(request, rows, params=page, order_fields=("title",))


@router.get(
    "/{slug}",
    response={200: SolutionDetailOut, **DETAIL_ERRORS},
    auth=optional_auth,
    url_name="solution-detail",
)
def get_solution(request, slug: str):
    """One solution."""
    return _detail(request.user, slug)


# --- Writing ----------------------------------------------------------------------------


def _forbidden(message: str) -> ApiError:
    return ApiError(message, status=403, code="permission_denied")


def _invalid(details: list[dict]) -> ApiError:
    return ApiError(
        _("Some values are not valid."), status=422, code="validation_error", details=details
    )


def _form_details(form, *, prefix: str = "") -> list[dict]:
    return [
        {
            "field": prefix + ("" if field == "__all__" else field),
            "location": "body",
            "code": error["code"] or "invalid",
            "message": error["message"],
        }
        for field, errors_ in form.errors.get_json_data().items()
        for error in errors_
    ]


def _form_data(payload: _SolutionFields, initial: dict) -> tuple[dict, list[dict]]:
    """The form's data: `initial` (the current values) overlaid with what the caller sent."""
    sent = payload.model_dump(exclude_unset=True)
    data = dict(initial)
    details = []
    for name, value in sent.items():
        if name in {"software", "note", "network"}:
            continue
        if name == "topics":
            slugs = list(dict.fromkeys(value or []))
            found = dict(Topic.objects.filter(slug__in=slugs).values_list("slug", "pk"))
            unknown = [slug for slug in slugs if slug not in found]
            if unknown:
                details.append(
                    {
                        "field": "topics",
                        "location": "body",
                        "code": "invalid_choice",
                        "message": _("Unknown topics: %(topics)s.")
                        % {"topics": ", ".join(unknown)},
                    }
                )
            data["topics"] = [str(found[slug]) for slug in slugs if slug in found]
        elif name == "partners":
            data["partners"] = [str(pk) for pk in value or []]
        else:
            data[name] = "" if value is None else str(value)
    return data, details


def _software_rows(payload: _SolutionFields) -> tuple[list[dict] | None, list[dict]]:
    if payload.software is None:
        return None, []
    rows, details = [], []
    for index, item in enumerate(payload.software):
        raw = item.model_dump()
        form = SoftwareForm({key: "" if value is None else value for key, value in raw.items()})
        if form.is_valid() and not form.cleaned_data["name"].strip():
            form.add_error("name", _("Please enter the name of the software."))
        if not form.is_valid():
            details += _form_details(form, prefix=f"software.{index}.")
            continue
        rows.append({**form.cleaned_data, "id": item.id})
    return rows, details


def _validated(form: SolutionForm, payload: _SolutionFields, details: list[dict]):
    software, software_details = _software_rows(payload)
    details = details + software_details
    if not form.is_valid():
        details = _form_details(form) + details
    if details:
        raise _invalid(details)
    return software


@router.post(
    "/",
    response={201: SolutionDetailOut, **errors(400, 401, 403, 404, 422)},
    auth=token_auth,
    url_name="solution-list",
)
def create_solution(request, payload: SolutionCreateIn):
    """Document a solution in a network's catalogue (members and coordinators of the network).

    `owner` may be left out when the caller can name only one municipality (their own).
    """
    user = request.user
    network = get_object_or_404(Network, slug=payload.network)
    if not user.has_perm("knowledge.create_solution", network):
        raise _forbidden(_("You may not document solutions in this network's catalogue."))
    if not selectors.owner_choices(user, network).exists():
        raise _forbidden(
            _(
                "Your municipality is not an active member of this network, so you cannot "
                "document a solution in its catalogue."
            )
        )
    initial = {"status": SolutionStatus.IDEA, "visibility": SolutionVisibility.PUBLIC}
    data, details = _form_data(payload, initial)
    form = SolutionForm(data, network=network, user=user)
    if "owner" in form.fields and "owner" not in data:
        details.append(
            {
                "field": "owner",
                "location": "body",
                "code": "required",
                "message": _("Please name the municipality that runs the solution."),
            }
        )
    software = _validated(form, payload, details)
    values = form.values()
    if software is not None:
        values["software"] = software
    solution = services.create_solution(
        by=user, network=network, owner=form.chosen_owner(), data=values
    )
    return Status(201, _detail(user, solution.slug))


@router.patch(
    "/{slug}",
    response={200: SolutionDetailOut, **errors(400, 401, 403, 404, 422)},
    auth=token_auth,
    url_name="solution-detail",
)
def update_solution(request, slug: str, payload: SolutionUpdateIn):
    """Change a solution: the fields sent, the others stay (its owners and coordinators).

    Each change is recorded in the solution's history, with `note`.
    """
    user = request.user
    solution = selectors.solution_for_viewer(request, slug)
    if not user.has_perm("knowledge.edit_solution", solution):
        raise _forbidden(_("You may not change this solution."))
    data, details = _form_data(payload, SolutionForm.initial_from(solution))
    data = {
        key: ("" if value is None else value)
        if not isinstance(value, list)
        else [str(v) for v in value]
        for key, value in data.items()
    }
    form = SolutionForm(data, network=solution.network, user=user, solution=solution)
    software = _validated(form, payload, details)
    changes = form.values()
    if "owner" in form.fields:
        changes["owner"] = form.cleaned_data["owner"]
    if software is not None:
        changes["software"] = software
    services.update_solution(solution=solution, by=user, changes=changes, note=payload.note)
    return _detail(user, slug)
