"""Factories for the registry hierarchy and memberships used by the directory tests."""

import datetime

import factory

from tests.factories import MembershipFactory, MunicipalityFactory
from voneinander.municipalities.models import MunicipalityKind
from voneinander.networks.models import MembershipStatus


class DistrictFactory(MunicipalityFactory):
    name = factory.Sequence(lambda n: f"Landkreis {n}")
    kind = MunicipalityKind.LANDKREIS
    population = None


class AssociationFactory(MunicipalityFactory):
    """A Verbandsgemeinde in a district."""

    name = factory.Sequence(lambda n: f"Verbandsgemeinde {n}")
    kind = MunicipalityKind.VERBANDSGEMEINDE
    parent = factory.SubFactory(DistrictFactory)
    population = None


class LocalMunicipalityFactory(MunicipalityFactory):
    """An Ortsgemeinde in a Verbandsgemeinde."""

    name = factory.Sequence(lambda n: f"Ortsgemeinde {n}")
    kind = MunicipalityKind.ORTSGEMEINDE
    parent = factory.SubFactory(AssociationFactory)
    population = 800


class LeftMembershipFactory(MembershipFactory):
    status = MembershipStatus.LEFT
    member_since = datetime.date(2018, 3, 1)
    left_on = datetime.date(2021, 6, 30)
