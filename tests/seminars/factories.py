"""Factories for the seminar series."""

import factory

from voneinander.seminars.models import (
    Enrolment,
    EnrolmentStatus,
    Material,
    MaterialKind,
    Module,
    Partner,
    Programme,
)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partnerorganisation {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Digitale Kommune {n}")
    slug = factory.Sequence(lambda n: f"digitale-kommune-{n}")
    summary = "Bürgermeisterinnen und Bürgermeister schreiben ihre Digitalstrategie."
    is_published = True


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    programme = factory.SubFactory(ProgrammeFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Modul {n}")
    learning_goals = "Die eigene Ausgangslage einschätzen."


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    module = factory.SubFactory(ModuleFactory)
    kind = MaterialKind.CHECKLIST
    title = factory.Sequence(lambda n: f"Checkliste {n}")
    checklist = "Stärken sammeln\nSchwächen sammeln\nProjekte auflisten"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    programme = factory.SubFactory(ProgrammeFactory)
    status = EnrolmentStatus.ACTIVE
