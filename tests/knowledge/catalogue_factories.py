"""Factories for the catalogue's tests: solutions in the `world` networks, stored files.

Sample files (images, PDFs, office documents) come from tests/events/followup_factories.py.
"""

import factory
from django.core.files.base import ContentFile

from tests.events.followup_factories import image_bytes
from tests.knowledge.factories import SolutionFactory
from voneinander.knowledge.models import SolutionFile, SolutionFileKind, SolutionVisibility


def solution_in(world, *, network="alpha", owner=None, **fields):
    """A solution of network alpha (owned by Altstadt, the member's municipality) or beta."""
    chosen = world.network if network == "alpha" else world.other_network
    if owner is None:
        membership = world.membership if network == "alpha" else world.other_membership
        owner = membership.municipality
    return SolutionFactory(network=chosen, owner=owner, **fields)


def internal_solution_in(world, **fields):
    return solution_in(world, visibility=SolutionVisibility.NETWORK, **fields)


class SolutionFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SolutionFile

    solution = factory.SubFactory(SolutionFactory)
    kind = SolutionFileKind.IMAGE
    file = factory.LazyFunction(lambda: ContentFile(image_bytes(), name="bild.png"))
    original_name = "bild.png"
    content_type = "image/png"
    size = factory.LazyAttribute(lambda o: o.file.size)
    title = "Startseite der App"
    alt_text = "Bildschirmfoto der Startseite mit den Terminen der Woche"
