"""Writes for the solutions catalogue: one function per use case.

Every change to a solution writes a `SolutionRevision` with the fields that
changed (field → [old, new]; many-to-many fields and software as lists of
names; the contact person only by id, since the history is shown to everyone
who may see the solution). The rules (owner, costs, status) live here: views,
the admin and imports all come through these functions.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from voneinander.core.uploads import accept_upload
from voneinander.knowledge import files, selectors
from voneinander.knowledge.models import (
    Software,
    Solution,
    SolutionFile,
    SolutionFileKind,
    SolutionRevision,
    SolutionStatus,
    SolutionVisibility,
    Topic,
)
from voneinander.networks.models import Membership, MembershipStatus

SCALAR_FIELDS = (
    "title",
    "summary",
    "problem",
    "what_it_is",
    "benefits",
    "how_it_works",
    "suits",
    "description",
    "status",
    "discontinued_reason",
    "visibility",
    "costs_one_off_min",
    "costs_one_off_max",
    "costs_yearly_min",
    "costs_yearly_max",
    "funding_source",
    "duration",
    "staff_effort",
    "lessons_learned",
    "website",
)
RELATED_FIELDS = ("owner", "contact", "topics", "partners", "software")
SOFTWARE_FIELDS = ("name", "licence", "is_open_source", "repository_url", "website", "vendor")
COST_RANGES = (
    ("costs_one_off_min", "costs_one_off_max"),
    ("costs_yearly_min", "costs_yearly_max"),
)
SLUG_LENGTH = 100


# --- Addresses ---------------------------------------------------------------------------


def _reserved_slugs() -> set[str]:
    """First path segments the knowledge URLs use themselves ("neu", "themen", …).

    Read from the URLconf (imported here, not at module level, to keep the
    layers apart) so that a solution never hides a page added later.
    """
    from voneinander.knowledge.urls import urlpatterns

    reserved = set()
    for pattern in urlpatterns:
        first = str(pattern.pattern).split("/", 1)[0]
        if first and "<" not in first:
            reserved.add(first)
    return reserved


def generate_slug(title: str, *, model=Solution, default: str = "praxisbeispiel") -> str:
    """A free address from the title: "dorf-app", else "dorf-app-2", "dorf-app-3" …"""
    base = slugify(title)[:SLUG_LENGTH].strip("-") or default
    reserved = _reserved_slugs() if model is Solution else set()
    taken = (
        set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True)) | reserved
    )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
    return candidate


SLUG_ATTEMPTS = 5


def insert_with_free_slug(obj, *, next_slug: Callable[[], str]) -> None:
    """Insert `obj` under its `slug`; if that address was taken in the meantime (two
    entries with the same title at the same moment), try `next_slug()`.

    The free address is looked up before the INSERT, so two requests can pick the
    same one; the unique index decides, and the loser tries again inside a
    savepoint instead of failing with an IntegrityError. Runs inside the caller's
    transaction.
    """
    model = type(obj)
    for attempt in range(1, SLUG_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                obj.save(force_insert=True)
            return
        except IntegrityError:
            if attempt == SLUG_ATTEMPTS or not model.objects.filter(slug=obj.slug).exists():
                raise  # not (only) the address, or no luck at all: a real error
            failed, obj.slug = obj.slug, next_slug()
            if obj.slug == failed:  # the other entry is not visible yet
                suffix = f"-{secrets.token_hex(3)}"
                max_length = model._meta.get_field("slug").max_length
                obj.slug = failed[: max_length - len(suffix)].rstrip("-") + suffix


# --- Revisions ---------------------------------------------------------------------------


def software_label(item: Software) -> str:
    details = [part for part in (item.licence, item.repository_url) if part]
    return f"{item.name} ({', '.join(details)})" if details else item.name


def _snapshot(solution: Solution, *, software: list[Software] | None = None) -> dict:
    """The values a revision compares, in the form it stores them."""
    snapshot = {name: getattr(solution, name) for name in SCALAR_FIELDS}
    snapshot["owner"] = str(solution.owner) if solution.owner_id else None
    # Only the id: the history is public where the solution is, a name might not be.
    snapshot["contact"] = solution.contact_id
    if solution.pk:
        snapshot["topics"] = [topic.name for topic in solution.topics.order_by("name")]
        snapshot["partners"] = [str(m) for m in solution.partners.order_by("name", "pk")]
        if software is None:
            software = list(solution.software.order_by("name", "pk"))
    else:
        snapshot["topics"], snapshot["partners"] = [], []
    snapshot["software"] = sorted(software_label(item) for item in software or [])
    return snapshot


def _diff(before: dict, after: dict) -> dict:
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value and not (name not in before and value in (None, "", []))
    }


def _record(solution: Solution, *, by, changed: dict, note: str = "") -> SolutionRevision:
    return SolutionRevision.objects.create(
        solution=solution, author=by, changed=changed, note=note[:300]
    )


# --- Validation --------------------------------------------------------------------------


def _is_active_member(network_id: int, municipality_id: int) -> bool:
    return Membership.objects.filter(
        network_id=network_id, municipality_id=municipality_id, status=MembershipStatus.ACTIVE
    ).exists()


def _check(
    solution: Solution,
    *,
    by,
    owner_changed: bool,
    contact_changed: bool,
    partners: list,
    software: list[Software],
) -> None:
    """The catalogue's rules; ValidationError naming the fields."""
    errors: dict[str, list] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message))

    if owner_changed:
        if not _is_active_member(solution.network_id, solution.owner_id):
            add(
                "owner",
                _("%(municipality)s is not an active member of this network.")
                % {"municipality": solution.owner},
            )
        elif (
            not selectors.owner_choices(by, solution.network).filter(pk=solution.owner_id).exists()
        ):
            add("owner", _("You can document solutions only for your own municipality."))
    for low, high in COST_RANGES:
        low_value, high_value = getattr(solution, low), getattr(solution, high)
        if low_value is not None and high_value is not None and low_value > high_value:
            add(high, _("The upper end of the range must not be below the lower end."))
    if solution.status == SolutionStatus.DISCONTINUED and not solution.discontinued_reason.strip():
        add("discontinued_reason", _("Please say why the solution was discontinued."))
    if any(partner.pk == solution.owner_id for partner in partners):
        add("partners", _("The municipality that runs the solution cannot also be its partner."))
    if (
        solution.contact_id
        and (contact_changed or owner_changed)
        and not selectors.contact_choices(solution.network, [solution.owner])
        .filter(pk=solution.contact_id)
        .exists()
    ):
        add("contact", _("The contact person must work for the municipality that runs it."))
    for item in software:
        try:
            item.full_clean(exclude=["solution"])
        except ValidationError as error:
            for messages in error.message_dict.values():
                for message in messages:
                    add("software", f"{item.name or _('Software')}: {message}")
    try:
        solution.full_clean(exclude=[*errors])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                add(field, message)
    if errors:
        raise ValidationError(errors)


def _software_items(solution: Solution, rows: Iterable[dict]) -> tuple[list[Software], list]:
    """(the software after the change, the existing rows to delete).

    A row with the `id` of one of the solution's entries updates it; any other
    row is new. Existing entries without a row are deleted.
    """
    existing = {item.pk: item for item in solution.software.all()} if solution.pk else {}
    kept, items = set(), []
    for row in rows:
        item = existing.get(row.get("id"))
        if item is None:
            item = Software()
        else:
            kept.add(item.pk)
        for name in SOFTWARE_FIELDS:
            value = row.get(name)
            setattr(item, name, bool(value) if name == "is_open_source" else (value or "").strip())
        items.append(item)
    return items, [item for pk, item in existing.items() if pk not in kept]


def _unknown(values: dict) -> None:
    unknown = set(values) - set(SCALAR_FIELDS) - set(RELATED_FIELDS)
    if unknown:
        raise TypeError(f"Unknown solution fields: {sorted(unknown)}")


def _apply(solution: Solution, values: dict) -> None:
    for name in SCALAR_FIELDS:
        if name in values:
            value = values[name]
            setattr(solution, name, value.strip() if isinstance(value, str) else value)
    if "owner" in values:
        solution.owner = values["owner"]
    if "contact" in values:
        solution.contact = values["contact"]


# --- Creating and editing ----------------------------------------------------------------


def create_solution(*, by, network, owner, data: dict) -> Solution:
    """Document a solution of `owner` in the catalogue of `network`.

    `data` holds the fields of the form (see SCALAR_FIELDS) and optionally
    `contact`, `topics`, `partners` and `software` (dicts of SOFTWARE_FIELDS).
    """
    _unknown(data)
    solution = Solution(network=network, owner=owner, created_by=by)
    _apply(solution, {key: value for key, value in data.items() if key != "owner"})
    topics = list(data.get("topics") or [])
    partners = list(data.get("partners") or [])
    software, _removed = _software_items(solution, data.get("software") or [])
    solution.slug = generate_slug(solution.title)
    _check(
        solution,
        by=by,
        owner_changed=True,
        contact_changed=True,
        partners=partners,
        software=software,
    )
    with transaction.atomic():
        insert_with_free_slug(solution, next_slug=lambda: generate_slug(solution.title))
        solution.topics.set(topics)
        solution.partners.set(partners)
        for item in software:
            item.solution = solution
            item.save()
        changed = {"created": [None, solution.title]}
        changed.update(_diff({}, _snapshot(solution, software=software)))
        _record(solution, by=by, changed=changed)
    return solution


def update_solution(
    *, solution: Solution, by, changes: dict, note: str = ""
) -> SolutionRevision | None:
    """Change a solution; the revision that records it, or None if nothing changed.

    `changes` holds the fields to set (as for `create_solution`, plus `owner`);
    fields that are not named keep their value. The address never changes.
    """
    _unknown(changes)
    with transaction.atomic():
        current = Solution.objects.select_for_update().select_related("owner").get(pk=solution.pk)
        before = _snapshot(current)
        old_owner, old_contact = current.owner_id, current.contact_id
        _apply(current, changes)
        topics = list(changes["topics"]) if "topics" in changes else None
        partners = (
            list(changes["partners"]) if "partners" in changes else list(current.partners.all())
        )
        if "software" in changes:
            software, removed = _software_items(current, changes["software"])
        else:
            software, removed = list(current.software.all()), []
        _check(
            current,
            by=by,
            owner_changed=current.owner_id != old_owner,
            contact_changed=current.contact_id != old_contact,
            partners=partners,
            software=software if "software" in changes else [],
        )
        after = dict(_snapshot(current, software=software))
        if topics is not None:
            after["topics"] = sorted(topic.name for topic in topics)
        after["partners"] = sorted(str(m) for m in partners)
        before["topics"] = sorted(before["topics"])
        before["partners"] = sorted(before["partners"])
        changed = _diff(before, after)
        if not changed:
            return None
        current.save()
        if topics is not None:
            current.topics.set(topics)
        if "partners" in changes:
            current.partners.set(partners)
        if "software" in changes:
            for item in removed:
                item.delete()
            for item in software:
                item.solution = current
                item.save()
        return _record(current, by=by, changed=changed, note=note)


# --- Images and attachments --------------------------------------------------------------


def _file_titles(solution: Solution) -> list[str]:
    return [item.title for item in solution.files.order_by("created_at", "pk")]


def add_solution_file(
    *, solution: Solution, by, upload, kind: str, title: str, alt_text: str = ""
) -> SolutionFile:
    """An image (with alternative text) or an attachment, checked by its content."""
    errors = {}
    if kind not in SolutionFileKind.values:
        errors["kind"] = [_("Please choose image or attachment.")]
    elif kind == SolutionFileKind.IMAGE and not alt_text.strip():
        errors["alt_text"] = [
            _("Please describe the image for people who cannot see it (alternative text).")
        ]
    if upload is None:
        errors["file"] = [_("Please choose a file.")]
    elif "kind" not in errors:
        try:
            checked = accept_upload(
                upload,
                partial(files.check_upload, kind=kind),
                by=by,
                purpose="knowledge.solution_file",
            )
        except ValidationError as error:
            errors["file"] = error.error_list
    if errors:
        raise ValidationError(errors)
    item = SolutionFile(
        solution=solution,
        kind=kind,
        original_name=(upload.name or "").rsplit("/", 1)[-1][:200],
        content_type=checked.content_type,
        size=upload.size,
        title=title.strip(),
        alt_text=alt_text.strip() if kind == SolutionFileKind.IMAGE else "",
        uploaded_by=by,
    )
    upload.name = f"file.{checked.extension}"
    item.file = upload
    item.full_clean()
    with transaction.atomic():
        before = _file_titles(solution)
        item.save()
        _record(solution, by=by, changed={"files": [before, _file_titles(solution)]})
    return item


def delete_solution_file(*, item: SolutionFile, by) -> None:
    solution = item.solution
    stored = item.file.name if item.file else ""
    with transaction.atomic():
        before = _file_titles(solution)
        item.delete()
        _record(solution, by=by, changed={"files": [before, _file_titles(solution)]})
        if stored:
            transaction.on_commit(lambda: default_storage.delete(stored))


# --- Curation ----------------------------------------------------------------------------


def set_featured(*, solution: Solution, by, featured: bool) -> Solution:
    with transaction.atomic():
        current = Solution.objects.select_for_update().get(pk=solution.pk)
        if current.featured != featured:
            current.featured = featured
            current.save(update_fields=["featured", "updated_at"])
            _record(current, by=by, changed={"featured": [not featured, featured]})
    return current


def _stamp(value) -> str | None:
    return timezone.localtime(value).isoformat(timespec="minutes") if value else None


def archive_solution(*, solution: Solution, by) -> Solution:
    """Take a solution out of the catalogue; its coordinators and owners still see it."""
    with transaction.atomic():
        current = Solution.objects.select_for_update().get(pk=solution.pk)
        if current.archived_at is None:
            current.archived_at = timezone.now()
            current.featured = False
            current.save(update_fields=["archived_at", "featured", "updated_at"])
            _record(current, by=by, changed={"archived_at": [None, _stamp(current.archived_at)]})
    return current


def restore_solution(*, solution: Solution, by) -> Solution:
    with transaction.atomic():
        current = Solution.objects.select_for_update().get(pk=solution.pk)
        if current.archived_at is not None:
            before = _stamp(current.archived_at)
            current.archived_at = None
            current.save(update_fields=["archived_at", "updated_at"])
            _record(current, by=by, changed={"archived_at": [before, None]})
    return current


def merge_solution(*, duplicate: Solution, into: Solution, by) -> Solution:
    """Merge a duplicate into another solution; the duplicate then redirects there.

    Its reuses move over (except those of municipalities already listed on the
    target, which stay with the duplicate), its owner and partners become
    partners of the target, its images and attachments move. Both solutions
    record the merge in their history. `by` must curate both, and a duplicate
    for members only goes only into a solution for members of the same network
    (see `selectors.merge_refusal`; checked on the locked rows).
    """
    if duplicate.pk == into.pk:
        raise ValidationError(_("A solution cannot be merged into itself."))
    with transaction.atomic():
        locked = {
            s.pk: s
            for s in Solution.objects.select_for_update()
            .select_related("owner")
            .filter(pk__in=[duplicate.pk, into.pk])
        }
        duplicate, into = locked[duplicate.pk], locked[into.pk]
        refusal = selectors.merge_refusal(by, duplicate, into)
        if refusal:
            raise ValidationError(refusal, code="not_allowed")
        if duplicate.merged_into_id is not None:
            raise ValidationError(_("This solution has already been merged into another one."))
        if not into.is_active:
            raise ValidationError(
                _("“%(title)s” is archived or merged itself and cannot take in a duplicate.")
                % {"title": into.title}
            )
        into_before = _snapshot(into)
        into_before["adoptions"] = _adopter_names(into)
        into_before["files"] = _file_titles(into)
        taken = set(into.adoptions.values_list("municipality_id", flat=True)) | {into.owner_id}
        for adoption in duplicate.adoptions.order_by("pk"):
            if adoption.municipality_id in taken:
                continue
            adoption.solution = into
            adoption.save(update_fields=["solution", "updated_at"])
            taken.add(adoption.municipality_id)
        partner_ids = set(duplicate.partners.values_list("pk", flat=True)) | {duplicate.owner_id}
        partner_ids.discard(into.owner_id)
        into.partners.add(*partner_ids)
        duplicate.files.update(solution=into)
        duplicate.merged_into = into
        duplicate.featured = False
        duplicate.save(update_fields=["merged_into", "featured", "updated_at"])
        into.save(update_fields=["updated_at"])
        into_after = _snapshot(into)
        into_after["adoptions"] = _adopter_names(into)
        into_after["files"] = _file_titles(into)
        changed = {"merged_from": [None, duplicate.title]}
        changed.update(_diff(into_before, into_after))
        _record(into, by=by, changed=changed)
        # The duplicate's history is read by its own network's people: they learn
        # the target's title only if they may see the target.
        told = (
            into.visibility == SolutionVisibility.PUBLIC or into.network_id == duplicate.network_id
        )
        _record(duplicate, by=by, changed={"merged_into": [None, into.title if told else None]})
    return into


def _adopter_names(solution: Solution) -> list[str]:
    return sorted(
        str(adoption.municipality) for adoption in solution.adoptions.select_related("municipality")
    )


# --- The vocabulary ----------------------------------------------------------------------


def _check_topic_name(name: str, *, exclude_pk=None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Please enter a name.")})
    # Compared in Python: SQLite's case-insensitive matching knows only ASCII ("Ä" ≠ "ä").
    # The vocabulary has dozens of entries, not thousands.
    others = Topic.objects.exclude(pk=exclude_pk) if exclude_pk is not None else Topic.objects
    if name.casefold() in {other.casefold() for other in others.values_list("name", flat=True)}:
        raise ValidationError({"name": _("There is already a topic with this name.")})
    return name


def create_topic(*, by, name: str, description: str = "", is_field: bool = False) -> Topic:
    name = _check_topic_name(name)
    position = (
        Topic.objects.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    topic = Topic(
        name=name,
        slug=generate_slug(name, model=Topic, default="thema"),
        description=description.strip(),
        is_field=is_field,
        position=position,
    )
    topic.full_clean()
    try:
        with transaction.atomic():
            insert_with_free_slug(
                topic, next_slug=lambda: generate_slug(name, model=Topic, default="thema")
            )
    except IntegrityError:  # the same name added by somebody else at the same moment
        raise ValidationError({"name": _("There is already a topic with this name.")}) from None
    return topic


def update_topic(
    *, topic: Topic, by, name: str, description: str, is_field: bool, active: bool
) -> Topic:
    """Rename, describe, (de)activate a topic. Its address stays, so links keep working.

    A deactivated topic is no longer offered in forms and filters but stays on
    the solutions that have it.
    """
    topic.name = _check_topic_name(name, exclude_pk=topic.pk)
    topic.description = description.strip()
    topic.is_field = is_field
    topic.active = active
    topic.full_clean()
    with transaction.atomic():
        topic.save()
    return topic
