"""Permission predicates for seminars; PERMISSIONS is merged into voneinander/policy.py.

A published programme and its module pages (title, goals, dates, partners) are
public; an unpublished one is seen only by its organisers and platform admins.
Materials marked `members_only` are for active participants, organisers and
admins. An open programme enrols people of member municipalities (MEMBER role
in some network) at once; a programme on approval takes requests from every
signed-in person. `selectors.programmes_visible_to` and `selectors.materials_visible_to`
are the same rules as querysets.

Permissions take the programme as obj, or anything that leads to it (a module,
a material, an enrolment): `programme_of(obj)`.
"""

import rules

from voneinander.networks.roles import MEMBER, network_roles
from voneinander.networks.roles import is_platform_admin as _is_admin
from voneinander.seminars.models import (
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    Material,
    Module,
    Programme,
)


def programme_of(obj) -> Programme | None:
    if obj is None or isinstance(obj, Programme):
        return obj
    if isinstance(obj, Module | Enrolment):
        return obj.programme
    if isinstance(obj, Material):
        return obj.module.programme
    return None


def _signed_in(user) -> bool:
    return user.is_authenticated and user.is_active


def organises(user, programme) -> bool:
    """A named organiser (cached on the programme per user)."""
    if programme is None or not _signed_in(user):
        return False
    cache = programme.__dict__.setdefault("_organiser_cache", {})
    if user.pk not in cache:
        cache[user.pk] = programme.organisers.filter(pk=user.pk).exists()
    return cache[user.pk]


def enrolment_status(user, programme) -> str:
    """The person's enrolment status in the programme, "" if none (cached)."""
    if programme is None or not _signed_in(user):
        return ""
    cache = programme.__dict__.setdefault("_enrolment_cache", {})
    if user.pk not in cache:
        cache[user.pk] = (
            Enrolment.objects.filter(programme=programme, user=user)
            .values_list("status", flat=True)
            .first()
            or ""
        )
    return cache[user.pk]


@rules.predicate
def is_active_participant(user, obj) -> bool:
    return enrolment_status(user, programme_of(obj)) == EnrolmentStatus.ACTIVE


@rules.predicate
def may_withdraw(user, obj) -> bool:
    status = enrolment_status(user, programme_of(obj))
    return status in {EnrolmentStatus.ACTIVE, EnrolmentStatus.REQUESTED}


@rules.predicate
def manages_programme(user, obj) -> bool:
    if not _signed_in(user):
        return False
    return _is_admin(user) or organises(user, programme_of(obj))


@rules.predicate
def can_see_programme(user, obj) -> bool:
    programme = programme_of(obj)
    if programme is None:
        return False
    return programme.is_published or manages_programme(user, programme)


@rules.predicate
def can_see_material(user, material) -> bool:
    if material is None or not can_see_programme(user, material):
        return False
    if not material.members_only:
        return True
    return manages_programme(user, material) or is_active_participant(user, material)


def of_member_municipality(user) -> bool:
    """MEMBER role in some network: confirmed affiliation with an active member
    municipality, contact person, or coordinator (see networks.roles)."""
    if not _signed_in(user):
        return False
    return any(MEMBER in held for held in network_roles(user).by_network.values())


@rules.predicate
def may_enrol(user, obj) -> bool:
    """Open programmes: people of member municipalities; on approval: every signed-in
    person may ask, the organisers decide."""
    programme = programme_of(obj)
    if not _signed_in(user) or programme is None or not programme.is_published:
        return False
    return programme.enrolment_mode == EnrolmentMode.APPROVAL or of_member_municipality(user)


@rules.predicate
def may_create_programme(user) -> bool:
    if not _signed_in(user):
        return False
    return _is_admin(user) or bool(network_roles(user).coordinated)


PERMISSIONS: dict = {
    # A programme and its module pages (obj: the programme or a module).
    "seminars.view_programme": can_see_programme,
    # Materials (obj: the material): members-only ones for participants, organisers, admins.
    "seminars.view_material": can_see_material,
    # Enrol (open: people of member municipalities) or ask to be admitted (on approval:
    # every signed-in person) (obj: the programme); withdraw (obj: the programme).
    "seminars.enrol": may_enrol,
    "seminars.withdraw": may_withdraw,
    # Tick checklists and mark modules as done (obj: the module).
    "seminars.track_progress": is_active_participant,
    # Edit the programme, modules, materials, dates; decide on enrolments; see participants.
    "seminars.manage_programme": manages_programme,
    # Start a new programme (no obj): network coordinators and admins; they become organisers.
    "seminars.create_programme": may_create_programme,
    # Feedback (feedback helper): participants rate a module (obj: the module; admins pass
    # every check, so the service also requires the enrolment); organisers and admins read
    # the feedback and its CSV and revise the programme with a new version (obj: the programme).
    "seminars.rate_module": is_active_participant,
    "seminars.view_module_feedback": manages_programme,
    "seminars.create_programme_version": manages_programme,
}
