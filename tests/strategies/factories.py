"""Factories for the strategy workbook.

`strategy_of(municipality, lead=user)` starts a strategy with `lead` as the team's
lead, the way the service does; `MeasureFactory` needs a strategy.
"""

import factory

from tests.factories import MunicipalityFactory
from voneinander.strategies.models import (
    Collaborator,
    CollaboratorRole,
    Measure,
    Strategy,
    StrategyField,
)


def field(slug: str = "mobilitaet") -> StrategyField:
    """A seeded Handlungsfeld (see voneinander/strategies/fields.py)."""
    return StrategyField.objects.get(slug=slug)


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.LazyAttribute(lambda o: f"Digitalstrategie {o.municipality.name}")
    strengths = "Aktive Vereine, schnelles Internet im Ortskern."
    vision = "Ein Dorf, in dem Digitales den Alltag leichter macht."


def strategy_of(municipality, *, lead, editors=(), **fields) -> Strategy:
    """The municipality's strategy with `lead` leading and `editors` writing along.

    A municipality has one strategy: if it exists already (tests that request
    many matrix rows in one world), it is reused with the fields and people added.
    """
    strategy = Strategy.objects.filter(municipality=municipality).first()
    if strategy is None:
        strategy = StrategyFactory(municipality=municipality, created_by=lead, **fields)
    elif fields:
        Strategy.objects.filter(pk=strategy.pk).update(**fields)
        strategy.refresh_from_db()
    Collaborator.objects.update_or_create(
        strategy=strategy, user=lead, defaults={"role": CollaboratorRole.OWNER}
    )
    for editor in editors:
        Collaborator.objects.get_or_create(
            strategy=strategy, user=editor, defaults={"role": CollaboratorRole.EDITOR}
        )
    return strategy


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    field = factory.LazyFunction(lambda: field("mobilitaet"))
    goal = "Weniger Wege mit dem eigenen Auto."
    responsible = "Ortsbürgermeisterin"
