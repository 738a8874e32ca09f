"""Factories for the knowledge exchange (shared by the knowledge helpers' tests).

`SolutionFactory(network=..., owner=...)`: by default a new network and a new
owner municipality that is an active member of it. Topics of the default
vocabulary exist in every test database (data migration); use `topic("mobilitaet")`.
"""

import factory

from tests.events.factories import _m2m
from tests.factories import MembershipFactory, MunicipalityFactory, NetworkFactory, UserFactory
from voneinander.knowledge.models import (
    Adoption,
    AdoptionStatus,
    Alliance,
    AlliancePartner,
    ContactRequest,
    Introduction,
    RequestKind,
    Software,
    Solution,
    SolutionStatus,
    Topic,
)


def topic(slug: str) -> Topic:
    return Topic.objects.get(slug=slug)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class SolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Solution
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Praxisbeispiel {n}")
    slug = factory.Sequence(lambda n: f"praxisbeispiel-{n}")
    summary = "Eine Lösung, die andere Kommunen übernehmen können."
    status = SolutionStatus.OPERATION
    network = factory.SubFactory(NetworkFactory)
    owner = factory.LazyAttribute(lambda o: MembershipFactory(network=o.network).municipality)
    topics = _m2m("topics")
    partners = _m2m("partners")


class SoftwareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Software

    solution = factory.SubFactory(SolutionFactory)
    name = "Dorf-App"
    licence = "EUPL-1.2"
    is_open_source = True
    repository_url = "https://gitlab.opencode.de/beispiel/dorf-app"


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    solution = factory.SubFactory(SolutionFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    status = AdoptionStatus.IN_USE
    report = "Lief gut, die Einführung dauerte drei Monate."


class AllianceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alliance

    title = factory.Sequence(lambda n: f"Allianz {n}")
    slug = factory.Sequence(lambda n: f"allianz-{n}")
    network = factory.SubFactory(NetworkFactory)


class AlliancePartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AlliancePartner

    alliance = factory.SubFactory(AllianceFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


class ContactRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactRequest

    network = factory.SubFactory(NetworkFactory)
    requester = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    kind = RequestKind.CONTACT
    challenge = "Wir suchen eine Lösung für die Terminvergabe im Bürgerbüro."


class IntroductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Introduction

    request = factory.SubFactory(ContactRequestFactory)
    contact = factory.SubFactory(UserFactory)
