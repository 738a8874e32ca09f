"""Permission-matrix rows for module feedback and programme versions (merged into
tests/seminars/access_rows.py; format: see tests/events/access_rows.py).

Roles: anonymous, user, member, contact, coordinator, admin. The coordinator
organises the programme; the member is enrolled in it. Admins pass every
permission check, so the rating page answers them (with a refusal: they are not
enrolled). Unpublished programmes answer 404 to all but organisers and admins.
"""

from tests.seminars.factories import EnrolmentFactory, ModuleFactory, ProgrammeFactory


def _programme(world, *, published=True, organised=True):
    programme = ProgrammeFactory(is_published=published)
    if organised:
        programme.organisers.add(world.user("coordinator"))
    EnrolmentFactory(programme=programme, user=world.user("member"))
    return programme


def programme(world, **options):
    return {"slug": _programme(world, **options).slug}


def module(world, **options):
    found = ModuleFactory(programme=_programme(world, **options))
    return {"slug": found.programme.slug, "pk": found.pk}


def unknown_module(world):
    return {"slug": _programme(world).slug, "pk": 999999}


ROWS = {
    "seminars:feedback_rate": (module, "302 403 200 403 403 200"),
    "seminars:feedback_rate[unpublished]": (
        lambda world: module(world, published=False),
        "404 404 404 404 403 200",
    ),
    "seminars:feedback_rate[unknown]": (unknown_module, "404 404 404 404 404 404"),
    "seminars:feedback": (programme, "302 403 403 403 200 200"),
    "seminars:feedback[not organiser]": (
        lambda world: programme(world, organised=False),
        "302 403 403 403 403 200",
    ),
    "seminars:feedback[unpublished]": (
        lambda world: programme(world, published=False),
        "404 404 404 404 200 200",
    ),
    "seminars:feedback_csv": (programme, "302 403 403 403 200 200"),
    "seminars:feedback_csv[not organiser]": (
        lambda world: programme(world, organised=False),
        "302 403 403 403 403 200",
    ),
    "seminars:versions": (programme, "200 200 200 200 200 200"),
    "seminars:versions[unpublished]": (
        lambda world: programme(world, published=False),
        "404 404 404 404 200 200",
    ),
    "seminars:versions[unknown]": ({"slug": "gibt-es-nicht"}, "404 404 404 404 404 404"),
    "seminars:version_create": (programme, "302 403 403 403 200 200"),
    "seminars:version_create[not organiser]": (
        lambda world: programme(world, organised=False),
        "302 403 403 403 403 200",
    ),
}
