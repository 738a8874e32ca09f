"""Rows of the permission matrix (tests/test_access_matrix.py) for this area.

Same format as MATRIX there: "url-name[variant]" → (kwargs, statuses per role
in the order anonymous, user, member, contact, coordinator, admin). kwargs may
be a callable taking the `world` fixture and returning the URL kwargs (it may
create the objects the URL needs).

The applications here are made by the "user" role (a registered person who is
no member yet) for network alpha, or by a stranger for network beta. An
application is known to its applicant, the network's coordinators and admins;
everyone else gets a 404, anonymous visitors the login page.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

OWN = {"slug": "alpha"}
OTHER = {"slug": "beta"}

# The matrix runs with the real MEDIA_ROOT: the files get fixed names, so that
# the suite writes each of them once instead of once per test.
_LETTER = "admissions/letters/access-matrix-letter.pdf"
_NOTICE = "admissions/notices/access-matrix-notice.pdf"


def _stored(name: str) -> str:
    if not default_storage.exists(name):
        from tests.admissions.pdfs import letter_pdf

        default_storage.save(name, ContentFile(letter_pdf()))
    return name


def _application(world, *, other=False, admitted=False):
    from tests.factories import MunicipalityFactory, UserFactory
    from voneinander.admissions.models import Application, ApplicationState

    application = Application.objects.create(
        network=world.other_network if other else world.network,
        municipality=MunicipalityFactory(),
        applicant=UserFactory() if other else world.user("user"),
        letter=_stored(_LETTER),
        letter_name="brief.pdf",
    )
    if admitted:
        application.state = ApplicationState.ADMITTED
        application.decided_at = timezone.now()
        application.notice = _stored(_NOTICE)
        application.save()
    return {"pk": application.pk}


def own(world):
    return _application(world)


def other(world):
    return _application(world, other=True)


def own_admitted(world):
    return _application(world, admitted=True)


def other_admitted(world):
    return _application(world, other=True, admitted=True)


ROWS: dict = {
    # Anyone signed in may open the application form of any network.
    "admissions:apply": (OWN, "302 200 200 200 200 200"),
    "admissions:apply[unknown]": ({"slug": "gibt-es-nicht"}, "404 404 404 404 404 404"),
    "admissions:mine": ({}, "302 200 200 200 200 200"),
    "admissions:detail": (own, "302 200 404 404 200 200"),
    "admissions:detail[other]": (other, "302 404 404 404 404 200"),
    "admissions:detail[unknown]": ({"pk": 999999}, "302 404 404 404 404 404"),
    # POST only: the rule is checked first, then the method. Only the applicant withdraws;
    # Django lets superusers pass every permission, the service then refuses them.
    "admissions:withdraw": (own, "302 405 404 404 403 405"),
    "admissions:withdraw[other]": (other, "302 404 404 404 404 405"),
    "admissions:decide": (own, "302 403 404 404 200 200"),
    "admissions:decide[other]": (other, "302 404 404 404 404 200"),
    "admissions:letter": (own, "302 200 404 404 200 200"),
    "admissions:letter[other]": (other, "302 404 404 404 404 200"),
    "admissions:notice": (own_admitted, "302 200 404 404 200 200"),
    "admissions:notice[other]": (other_admitted, "302 404 404 404 404 200"),
    # No notice yet: nothing to show, even to those who may see the application.
    "admissions:notice[pending]": (own, "302 404 404 404 404 404"),
    "admissions:inbox": (OWN, "302 403 403 403 200 200"),
    "admissions:inbox[other]": (OTHER, "302 403 403 403 403 200"),
    "admissions:inbox[unknown]": ({"slug": "gibt-es-nicht"}, "404 404 404 404 404 404"),
    # The municipality search (used by forms of signed-in people).
    "municipalities:search": ({}, "302 200 200 200 200 200"),
}
