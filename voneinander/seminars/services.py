"""Writes for seminars: programmes, modules, materials, dates, enrolments and progress.

Enrolment: in an open programme a signed-in person is enrolled at once; in a
programme "on approval" the request waits for the organisers, who admit or
decline it with a reason (the person gets an e-mail either way). Module dates
are events of kind "seminar date" linked to the module; the programme's
organisers organise them (as named organisers), whether or not they coordinate
a network, as working-group leads do for their meetings.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from voneinander.audit.services import record_event
from voneinander.core.uploads import accept_upload
from voneinander.events import services as event_services
from voneinander.events import uploads
from voneinander.events.models import Event, EventKind, Visibility
from voneinander.events.permissions import is_event_organiser
from voneinander.networks.roles import is_platform_admin, network_roles
from voneinander.seminars.models import (
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    Material,
    MaterialKind,
    Module,
    ModuleProgress,
    Programme,
)
from voneinander.seminars.permissions import of_member_municipality
from voneinander.seminars.selectors import checklist_items

PROGRAMME_FIELDS = (
    "title",
    "slug",
    "summary",
    "description",
    "network",
    "starts_on",
    "ends_on",
    "version_label",
    "enrolment_mode",
    "audience",
    "is_published",
)
MODULE_FIELDS = ("title", "learning_goals", "description", "partner")
DATE_FIELDS = ("title", "summary", "description", "starts_at", "ends_at", "format", "location")
# Paths below /seminare/ that are not programmes.
RESERVED_SLUGS = {"neu", "meine"}


def _site_context() -> dict:
    return {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}


def _mail(*, to: list[str], subject: str, template: str, context: dict) -> None:
    """One message per recipient, in the platform's language.

    Sent inside the caller's transaction: the mail queue is a task row written
    with it (core/mail.py), so the mail leaves exactly when the action commits.
    """
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, _site_context() | context)
        subject_line = f"[{settings.SITE_NAME}] {_(subject) % context}"
    for address in to:
        send_mail(subject=subject_line, message=body, from_email=None, recipient_list=[address])


def _check_programme(programme: Programme) -> None:
    errors = {}
    if programme.slug in RESERVED_SLUGS:
        errors["slug"] = _("This address is reserved. Please choose another one.")
    if programme.starts_on and programme.ends_on and programme.ends_on < programme.starts_on:
        errors["ends_on"] = _("The programme must end after it starts.")
    if errors:
        raise ValidationError(errors)


def _check_network(*, network, by) -> None:
    """A programme's dates are events of its network: only its coordinators put it there."""
    if network is None or is_platform_admin(by) or network.pk in network_roles(by).coordinated:
        return
    raise ValidationError(
        {
            "network": _("You can only choose a network you coordinate, not %(network)s.")
            % {"network": network.name}
        }
    )


# --- Programmes -------------------------------------------------------------------------


def create_programme(*, by, values: dict, partners=(), organisers=()) -> Programme:
    unknown = set(values) - set(PROGRAMME_FIELDS)
    if unknown:
        raise ValueError(f"Not a field of a programme: {sorted(unknown)}")
    _check_network(network=values.get("network"), by=by)
    programme = Programme(**values)
    _check_programme(programme)
    with transaction.atomic():
        programme.full_clean()
        programme.save()
        programme.partners.set(partners)
        programme.organisers.set({*organisers, by})
        record_event(actor=by, action="seminar.programme_created", target=programme)
    return programme


def update_programme(
    *, programme: Programme, by, values: dict, partners=None, organisers=None
) -> Programme:
    # The version changes only through feedback_services.create_programme_version,
    # which keeps the history and the feedback of each version apart.
    unknown = set(values) - set(PROGRAMME_FIELDS) | ({"version_label"} & set(values))
    if unknown:
        raise ValueError(f"Not a changeable field of a programme: {sorted(unknown)}")
    if organisers is not None and not organisers:
        raise ValidationError({"organisers": _("A programme needs at least one organiser.")})
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        changed = [name for name in values if getattr(programme, name) != values[name]]
        if "network" in changed:
            _check_network(network=values["network"], by=by)
        for name in changed:
            setattr(programme, name, values[name])
        _check_programme(programme)
        programme.full_clean()
        if changed:
            programme.save(update_fields=changed)
        if partners is not None:
            programme.partners.set(partners)
        if organisers is not None:
            programme.organisers.set(organisers)
        record_event(
            actor=by,
            action="seminar.programme_changed",
            target=programme,
            data={"fields": changed},
        )
    return programme


# --- Modules ----------------------------------------------------------------------------


def create_module(*, programme: Programme, by, values: dict) -> Module:
    unknown = set(values) - set(MODULE_FIELDS)
    if unknown:
        raise ValueError(f"Not a field of a module: {sorted(unknown)}")
    with transaction.atomic():
        last = Module.objects.filter(programme=programme).order_by("-position").first()
        module = Module(programme=programme, position=(last.position + 1) if last else 0, **values)
        module.full_clean()
        module.save()
    return module


def update_module(*, module: Module, by, values: dict) -> Module:
    unknown = set(values) - set(MODULE_FIELDS)
    if unknown:
        raise ValueError(f"Not a field of a module: {sorted(unknown)}")
    for name, value in values.items():
        setattr(module, name, value)
    with transaction.atomic():
        module.full_clean()
        module.save(update_fields=list(values))
    return module


def move_module(*, module: Module, by, direction: str) -> None:
    """Swap the module with its neighbour above ("up") or below ("down")."""
    with transaction.atomic():
        modules = list(
            Module.objects.select_for_update()
            .filter(programme_id=module.programme_id)
            .order_by("position", "pk")
        )
        index = next(i for i, m in enumerate(modules) if m.pk == module.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(modules):
            return
        modules[index], modules[other] = modules[other], modules[index]
        for position, item in enumerate(modules):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])


def delete_module(*, module: Module, by) -> None:
    with transaction.atomic():
        record_event(
            actor=by,
            action="seminar.module_deleted",
            target=module.programme,
            data={"module": module.title},
        )
        for material in module.materials.exclude(file=""):
            _delete_file_on_commit(material)
        module.delete()


# --- Materials --------------------------------------------------------------------------


def _delete_file_on_commit(material: Material) -> None:
    name, storage = material.file.name, material.file.storage
    transaction.on_commit(lambda: storage.delete(name))


def add_material(
    *,
    module: Module,
    by,
    kind: str,
    title: str,
    description: str = "",
    upload=None,
    url: str = "",
    checklist: str = "",
    members_only: bool = True,
) -> Material:
    """A material of the module; files are checked by their content (PDF, office, images)."""
    material = Material(
        module=module,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        members_only=members_only,
    )
    if kind in {MaterialKind.DOCUMENT, MaterialKind.SLIDES}:
        if upload is None:
            raise ValidationError({"upload": _("Please choose a file.")})
        try:
            checked = accept_upload(
                upload, uploads.check_material, by=by, purpose="seminars.material"
            )
        except ValidationError as error:
            raise ValidationError({"upload": error.messages}) from None
        material.content_type = checked.content_type
        material.size = upload.size
        material.original_name = (upload.name or "")[:200]
        material.file = upload
    elif kind in {MaterialKind.VIDEO, MaterialKind.LINK}:
        if not url:
            raise ValidationError({"url": _("Please give the address.")})
        material.url = url
    elif kind == MaterialKind.CHECKLIST:
        if not [line for line in checklist.splitlines() if line.strip()]:
            raise ValidationError({"checklist": _("Please write at least one item.")})
        material.checklist = checklist.strip()
    else:
        raise ValidationError({"kind": _("Please choose a kind of material.")})
    with transaction.atomic():
        last = Material.objects.filter(module=module).order_by("-position").first()
        material.position = (last.position + 1) if last else 0
        material.full_clean(exclude=["file"])
        material.save()
    return material


def delete_material(*, material: Material, by) -> None:
    with transaction.atomic():
        record_event(
            actor=by,
            action="seminar.material_deleted",
            target=material.module.programme,
            data={"module": material.module_id, "material": material.title},
        )
        if material.file:
            _delete_file_on_commit(material)
        material.delete()


# --- Dates --------------------------------------------------------------------------------


def add_module_date(*, module: Module, by, values: dict) -> Event:
    """A new public event of kind "seminar date" for the module, organised by its organisers.

    Only for a published programme: the date is a public event (calendar, search,
    API), which would reveal a programme that is still being prepared. Refusing
    is simpler than creating hidden events and opening them on publication;
    organisers may still link events of their own (`link_event`) beforehand.
    """
    unknown = set(values) - set(DATE_FIELDS)
    if unknown:
        raise ValueError(f"Not a field of a date: {sorted(unknown)}")
    programme = module.programme
    if not programme.is_published:
        raise ValidationError(
            _(
                "Publish the programme first: its dates are public events. Until then you "
                "can link events that you organise."
            )
        )
    event = Event(
        **values,
        kind=EventKind.SEMINAR_DATE,
        visibility=Visibility.PUBLIC,
        seminar_module=module,
        created_by=by,
    )
    event_services.check_event_times(event)
    event.slug = event_services.unique_slug(event.title, event.starts_at)
    with transaction.atomic():
        event.full_clean()
        event.save()
        if programme.network_id:
            event.networks.set([programme.network_id])
        event.organisers.set({*programme.organisers.all(), by})
        record_event(
            actor=by,
            action="event.created",
            target=event,
            data={"seminar_module": module.pk},
        )
    return event


def link_event(*, module: Module, event: Event, by) -> Event:
    if not (is_platform_admin(by) or is_event_organiser(by, event)):
        raise ValidationError({"event": _("You can only link events that you organise.")})
    if event.seminar_module_id not in {None, module.pk}:
        raise ValidationError({"event": _("This event is already a date of another module.")})
    with transaction.atomic():
        event.seminar_module = module
        event.save(update_fields=["seminar_module", "updated_at"])
        record_event(
            actor=by, action="seminar.date_linked", target=event, data={"module": module.pk}
        )
    return event


def unlink_event(*, module: Module, event: Event, by) -> None:
    if event.seminar_module_id != module.pk:
        raise ValidationError(_("This event is not a date of the module."))
    with transaction.atomic():
        event.seminar_module = None
        event.save(update_fields=["seminar_module", "updated_at"])
        record_event(
            actor=by, action="seminar.date_unlinked", target=event, data={"module": module.pk}
        )


# --- Enrolment ----------------------------------------------------------------------------


def _organiser_addresses(programme: Programme) -> list[str]:
    return list(programme.organisers.filter(is_active=True).values_list("email", flat=True))


def enrol(*, programme: Programme, user, role: str = "", message: str = "") -> Enrolment:
    """Enrol (open programme) or ask to be admitted (programme on approval).

    An open programme is for people of member municipalities (MEMBER role in
    some network; platform admins too); on approval every signed-in person may
    ask, the organisers decide.
    """
    if not programme.is_published:
        raise ValidationError(_("This programme is not open for enrolment."))
    on_approval = programme.enrolment_mode == EnrolmentMode.APPROVAL
    if not on_approval and not (is_platform_admin(user) or of_member_municipality(user)):
        raise ValidationError(
            _(
                "Only people of a member municipality can enrol in this programme. Name your "
                "municipality in your profile; a contact person or coordinator confirms it."
            )
        )
    status = EnrolmentStatus.REQUESTED if on_approval else EnrolmentStatus.ACTIVE
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update().filter(programme=programme, user=user).first()
        )
        if enrolment is not None:
            if enrolment.status in {EnrolmentStatus.ACTIVE, EnrolmentStatus.REQUESTED}:
                raise ValidationError(_("You are already enrolled or have asked to take part."))
            if enrolment.status == EnrolmentStatus.DECLINED:
                raise ValidationError(
                    _(
                        "The organisers declined your request. Please contact them if "
                        "something has changed."
                    )
                )
        else:
            enrolment = Enrolment(programme=programme, user=user)
        enrolment.status = status
        enrolment.role = role.strip()
        enrolment.message = message.strip()
        # Only a confirmed affiliation counts; anyone can claim a municipality.
        confirmed = getattr(user, "municipality_confirmed_at", None)
        enrolment.municipality_id = user.municipality_id if confirmed else None
        enrolment.decided_by = None
        enrolment.decided_at = None
        enrolment.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                enrolment.save()
        except IntegrityError:  # a second click in parallel
            raise ValidationError(
                _("You are already enrolled or have asked to take part.")
            ) from None
        if on_approval:
            _mail(
                to=_organiser_addresses(programme),
                subject=gettext_noop("Request to take part in %(programme)s"),
                template="seminars/email/enrolment_requested.txt",
                context={"programme": programme.title, "enrolment": enrolment, "person": user},
            )
    return enrolment


def withdraw(*, enrolment: Enrolment, by) -> Enrolment:
    if enrolment.status not in {EnrolmentStatus.ACTIVE, EnrolmentStatus.REQUESTED}:
        raise ValidationError(_("You are not enrolled."))
    with transaction.atomic():
        enrolment.status = EnrolmentStatus.WITHDRAWN
        enrolment.save(update_fields=["status"])
    return enrolment


def _decide(*, enrolment: Enrolment, by, status: str) -> None:
    with transaction.atomic():
        locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if locked.status != EnrolmentStatus.REQUESTED:
            raise ValidationError(_("This request has already been decided or withdrawn."))
        enrolment.status = status
        enrolment.decided_by = by
        enrolment.decided_at = timezone.now()
        enrolment.save(update_fields=["status", "decided_by", "decided_at"])


def approve_enrolment(*, enrolment: Enrolment, by) -> Enrolment:
    programme = enrolment.programme
    with transaction.atomic():
        _decide(enrolment=enrolment, by=by, status=EnrolmentStatus.ACTIVE)
        record_event(
            actor=by,
            action="seminar.enrolment_approved",
            target=programme,
            data={"enrolment": enrolment.pk, "user": enrolment.user_id},
        )
        _mail(
            to=[enrolment.user.email],
            subject=gettext_noop("You take part in %(programme)s"),
            template="seminars/email/enrolment_approved.txt",
            context={"programme": programme.title, "url": programme.get_absolute_url()},
        )
    return enrolment


def decline_enrolment(*, enrolment: Enrolment, by, reason: str) -> Enrolment:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the person a reason.")})
    programme = enrolment.programme
    with transaction.atomic():
        _decide(enrolment=enrolment, by=by, status=EnrolmentStatus.DECLINED)
        record_event(
            actor=by,
            action="seminar.enrolment_declined",
            target=programme,
            data={"enrolment": enrolment.pk, "user": enrolment.user_id},
        )
        _mail(
            to=[enrolment.user.email],
            subject=gettext_noop("Your request for %(programme)s"),
            template="seminars/email/enrolment_declined.txt",
            context={
                "programme": programme.title,
                "reason": reason,
                "audience": programme.audience,
                "url": programme.get_absolute_url(),
            },
        )
    return enrolment


# --- Progress -----------------------------------------------------------------------------


def _progress_row(enrolment: Enrolment, module: Module) -> ModuleProgress:
    if enrolment.status != EnrolmentStatus.ACTIVE or module.programme_id != enrolment.programme_id:
        raise ValidationError(_("Only participants of the programme record their progress."))
    row, _created = ModuleProgress.objects.select_for_update().get_or_create(
        enrolment=enrolment, module=module
    )
    return row


def save_checklist(*, enrolment: Enrolment, module: Module, checked: list[str]) -> ModuleProgress:
    """Store which checklist items the participant ticked; unknown keys are ignored."""
    known = {
        key
        for material in Material.objects.filter(module=module, kind=MaterialKind.CHECKLIST)
        for key, _text in checklist_items(material)
    }
    with transaction.atomic():
        row = _progress_row(enrolment, module)
        row.checked_items = sorted(set(checked) & known)
        row.save(update_fields=["checked_items"])
    return row


def mark_module_done(*, enrolment: Enrolment, module: Module, done: bool) -> ModuleProgress:
    with transaction.atomic():
        row = _progress_row(enrolment, module)
        row.completed_at = timezone.now() if done else None
        row.save(update_fields=["completed_at"])
    return row
