"""Matrix rows for the seminar core (programmes, modules, materials, enrolment, organising).

The programme's organiser is the "coordinator" of the world; the "member" is an
active participant; the plain "user" has asked to take part (for the decision
page). Unpublished programmes and members-only materials answer 404 to everyone
who may not know them, before any login redirect.
"""

from django.core.files.base import ContentFile

from tests.seminars.factories import (
    EnrolmentFactory,
    MaterialFactory,
    ModuleFactory,
    ProgrammeFactory,
)
from voneinander.seminars.models import EnrolmentMode, EnrolmentStatus, MaterialKind

MANAGE = "302 403 403 403 200 200"
HIDDEN = "404 404 404 404 200 200"
EVERYONE = "200 200 200 200 200 200"
NOBODY = "404 404 404 404 404 404"


def programme(world, *, published=True):
    found = ProgrammeFactory(is_published=published)
    found.organisers.add(world.user("coordinator"))
    EnrolmentFactory(programme=found, user=world.user("member"), status=EnrolmentStatus.ACTIVE)
    return found


def published(world):
    return {"slug": programme(world).slug}


def on_approval(world):
    found = programme(world)
    found.enrolment_mode = EnrolmentMode.APPROVAL
    found.save(update_fields=["enrolment_mode"])
    return {"slug": found.slug}


def unpublished(world):
    return {"slug": programme(world, published=False).slug}


def module(world, *, published=True):
    found = ModuleFactory(programme=programme(world, published=published))
    return {"slug": found.programme.slug, "pk": found.pk}


def published_module(world):
    return module(world)


def unpublished_module(world):
    return module(world, published=False)


def mismatched_module(world):
    """A module of another programme under this programme's address."""
    return {"slug": programme(world).slug, "pk": ModuleFactory().pk}


def request_of_user(world):
    found = programme(world)
    enrolment = EnrolmentFactory(
        programme=found, user=world.user("user"), status=EnrolmentStatus.REQUESTED
    )
    return {"slug": found.slug, "pk": enrolment.pk}


def request_of_other_programme(world):
    enrolment = EnrolmentFactory(user=world.user("user"), status=EnrolmentStatus.REQUESTED)
    return {"slug": programme(world).slug, "pk": enrolment.pk}


def _file(world, *, members_only):
    found = ModuleFactory(programme=programme(world))
    material = MaterialFactory(
        module=found,
        kind=MaterialKind.DOCUMENT,
        title="Leitfaden",
        members_only=members_only,
        content_type="application/pdf",
        original_name="leitfaden.pdf",
    )
    material.file.save("x", ContentFile(b"%PDF-1.4 planted"), save=True)
    return {"slug": found.programme.slug, "pk": found.pk, "material": material.pk}


def members_file(world):
    return _file(world, members_only=True)


def public_file(world):
    return _file(world, members_only=False)


ROWS = {
    "seminars:list": ({}, EVERYONE),
    "seminars:mine": ({}, "302 200 200 200 200 200"),
    "seminars:create": ({}, MANAGE),
    "seminars:programme": (published, EVERYONE),
    "seminars:programme[unpublished]": (unpublished, HIDDEN),
    "seminars:programme[unknown]": ({"slug": "gibt-es-nicht"}, NOBODY),
    "seminars:edit": (published, MANAGE),
    "seminars:edit[unpublished]": (unpublished, HIDDEN),
    # An open programme is for people of member municipalities: the plain user may not
    # enrol (on approval everyone signed in may ask, see seminars:enrol[approval]).
    "seminars:enrol": (published, "302 403 200 200 200 200"),
    "seminars:enrol[approval]": (on_approval, "302 200 200 200 200 200"),
    # Organisers see an unpublished programme, but nobody enrols in it (superusers hold
    # every permission; the service refuses them, see test_enrol_unpublished_is_refused).
    "seminars:enrol[unpublished]": (unpublished, "404 404 404 404 403 200"),
    # Only someone enrolled (the member) can withdraw; a superuser without an enrolment
    # finds nothing to withdraw.
    "seminars:withdraw": (published, "302 403 200 403 403 404"),
    "seminars:requests": (published, MANAGE),
    "seminars:requests[unpublished]": (unpublished, HIDDEN),
    "seminars:decide": (request_of_user, MANAGE),
    "seminars:decide[other]": (request_of_other_programme, "302 403 403 403 404 404"),
    "seminars:participants": (published, MANAGE),
    "seminars:module_create": (published, MANAGE),
    "seminars:module": (published_module, EVERYONE),
    "seminars:module[unpublished]": (unpublished_module, HIDDEN),
    "seminars:module[mismatched]": (mismatched_module, NOBODY),
    "seminars:module_edit": (published_module, MANAGE),
    "seminars:module_edit[unpublished]": (unpublished_module, HIDDEN),
    # POST only: the rule first, then the method.
    "seminars:module_move": (published_module, "302 403 403 403 405 405"),
    "seminars:module_delete": (published_module, MANAGE),
    "seminars:progress": (published_module, "302 403 405 403 403 405"),
    "seminars:materials": (published_module, MANAGE),
    "seminars:dates": (published_module, MANAGE),
    "seminars:material_file": (members_file, "404 404 200 404 200 200"),
    "seminars:material_file[public]": (public_file, EVERYONE),
}
