"""Recommendations per Handlungsfeld: catalogue solutions that municipalities like the
strategy's own run, with whom to ask.

A solution is a candidate for a field when one of its topics is among the field's
catalogue topics and somebody runs it: its owner (while in pilot or in operation)
or a municipality that uses it too (Adoption “we use this too”). Candidates are
ranked by how alike those municipalities are to the strategy's municipality —
kind, size, region, as the matching page (`knowledge.matching.similarity`) scores
it — then by how many alike municipalities run it. Contacts are chosen exactly as
on the matching page: only for signed-in members, each person as they allow.

Everything the catalogue gate (`solutions_visible_to`) hides stays hidden. The
number of queries is the same for one solution or a thousand, one field or nine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import ngettext

from voneinander.knowledge.adoption_selectors import ContactViewer, networks_of_municipalities
from voneinander.knowledge.matching import (
    NEARBY_KM,
    contacts_for,  # the matching page's choice of contacts, reused as it is
    may_see_contacts,
    similarity,
)
from voneinander.knowledge.models import Adoption, AdoptionStatus, Solution, SolutionStatus
from voneinander.knowledge.selectors import solutions_visible_to
from voneinander.municipalities.models import Municipality
from voneinander.strategies.models import Measure, Strategy, StrategyField

# An owner runs its solution while it is piloted or in operation.
OWNER_RUNS = (SolutionStatus.PILOT, SolutionStatus.OPERATION)
# score = best similarity + ALIKE_WEIGHT × log(1 + alike runners)
#         + RUNNERS_WEIGHT × log(1 + runners)
ALIKE_WEIGHT = 0.25
RUNNERS_WEIGHT = 0.05
MAX_CANDIDATES = 500  # per page; far more than any field holds
_LONG_TEXTS = (
    "problem",
    "what_it_is",
    "benefits",
    "how_it_works",
    "suits",
    "description",
    "lessons_learned",
    "discontinued_reason",
)


@dataclass
class Recommendation:
    solution: Solution
    score: float
    runners: list = field(default_factory=list)  # municipalities that run it, most alike first
    alike: list = field(default_factory=list)  # those of the same kind and a similar size
    nearby: list = field(default_factory=list)  # same district or within NEARBY_KM
    reasons: list[str] = field(default_factory=list)
    contacts: list = field(default_factory=list)
    in_workbook: bool = False  # already linked to a measure of this strategy
    adoptions: list = field(default_factory=list, repr=False)


def _reasons(asking: Municipality, alike: list, nearby: list, runners: list) -> list[str]:
    reasons = []
    if alike:
        reasons.append(
            ngettext(
                "%(count)d municipality of the same kind (%(kind)s) and a similar size runs this",
                "%(count)d municipalities of the same kind (%(kind)s) and a similar size run this",
                len(alike),
            )
            % {"count": len(alike), "kind": asking.get_kind_display()}
        )
    if nearby:
        reasons.append(
            ngettext(
                "%(count)d municipality nearby runs this (%(names)s)",
                "%(count)d municipalities nearby run this (%(names)s)",
                len(nearby),
            )
            % {"count": len(nearby), "names": ", ".join(str(m) for m in nearby[:3])}
        )
    if not alike and not nearby:
        reasons.append(
            ngettext(
                "%(count)d municipality runs this",
                "%(count)d municipalities run this",
                len(runners),
            )
            % {"count": len(runners)}
        )
    return reasons


def recommend_for_fields(
    *, strategy: Strategy, fields, user, limit: int = 5
) -> dict[int, list[Recommendation]]:
    """field pk → the best `limit` recommendations for the strategy's municipality."""
    fields = list(fields)
    if not fields:
        return {}
    field_topics: dict[int, set[int]] = {f.pk: set() for f in fields}
    for field_id, topic_id in StrategyField.topics.through.objects.filter(
        strategyfield_id__in=list(field_topics)
    ).values_list("strategyfield_id", "topic_id"):
        field_topics[field_id].add(topic_id)
    all_topics = set().union(*field_topics.values())
    if not all_topics:
        return {pk: [] for pk in field_topics}

    asking = Municipality.objects.select_related("parent__parent__parent").get(
        pk=strategy.municipality_id
    )
    already_runs = Adoption.objects.filter(
        municipality_id=asking.pk, status__in=(AdoptionStatus.IN_USE, AdoptionStatus.ADOPTING)
    ).values("solution_id")
    candidates = list(
        solutions_visible_to(user)
        .filter(topics__in=all_topics)
        .exclude(owner_id=asking.pk)
        .exclude(pk__in=already_runs)
        .distinct()
        .select_related("owner__parent__parent__parent", "network", "contact")
        .defer(*_LONG_TEXTS)
        .order_by("title", "pk")[:MAX_CANDIDATES]
    )
    solutions = {s.pk: s for s in candidates}
    solution_topics: dict[int, set[int]] = {}
    for solution_id, topic_id in Solution.topics.through.objects.filter(
        solution_id__in=list(solutions), topic_id__in=all_topics
    ).values_list("solution_id", "topic_id"):
        solution_topics.setdefault(solution_id, set()).add(topic_id)
    adoptions: dict[int, list[Adoption]] = {}
    for adoption in (
        Adoption.objects.filter(solution_id__in=list(solutions), status=AdoptionStatus.IN_USE)
        .select_related("municipality__parent__parent__parent", "contact")
        .order_by("municipality__name", "pk")
    ):
        adoptions.setdefault(adoption.solution_id, []).append(adoption)
    linked = set(
        Measure.solutions.through.objects.filter(
            measure__strategy=strategy, solution_id__in=list(solutions)
        ).values_list("solution_id", flat=True)
    )

    scored: dict[int, Recommendation] = {}
    for pk, solution in solutions.items():
        recommendation = _score(asking, solution, adoptions.get(pk, []))
        if recommendation is not None:
            recommendation.in_workbook = pk in linked
            scored[pk] = recommendation

    result: dict[int, list[Recommendation]] = {}
    for field_id, topics in field_topics.items():
        ranked = [
            recommendation
            for pk, recommendation in scored.items()
            if solution_topics.get(pk, set()) & topics
        ]
        ranked.sort(key=lambda r: (-r.score, r.solution.title, r.solution.pk))
        result[field_id] = ranked[:limit]

    shown = {r.solution.pk: r for ranked in result.values() for r in ranked}
    if shown and may_see_contacts(user):
        viewer = ContactViewer.of(user)
        ids = {m.pk for r in shown.values() for m in r.runners}
        ids |= {r.solution.owner_id for r in shown.values()}
        networks = networks_of_municipalities(ids)
        for recommendation in shown.values():
            recommendation.contacts = contacts_for(
                viewer, recommendation.solution, recommendation.adoptions, networks
            )
    return result


def recommend(*, strategy: Strategy, field: StrategyField, user, limit: int = 20):
    return recommend_for_fields(strategy=strategy, fields=[field], user=user, limit=limit)[field.pk]


def _score(asking: Municipality, solution: Solution, adoptions: list) -> Recommendation | None:
    runners = [a.municipality for a in adoptions]
    if solution.status in OWNER_RUNS:
        runners.insert(0, solution.owner)
    if not runners:
        return None
    alikeness = {m.pk: similarity(asking, m) for m in runners}
    runners.sort(key=lambda m: (-alikeness[m.pk].score, m.name, m.pk))
    alike = [m for m in runners if alikeness[m.pk].same_kind and alikeness[m.pk].similar_size]
    nearby = [
        m
        for m in runners
        if alikeness[m.pk].same_district
        or (alikeness[m.pk].distance is not None and alikeness[m.pk].distance <= NEARBY_KM)
    ]
    score = (
        alikeness[runners[0].pk].score
        + ALIKE_WEIGHT * math.log1p(len(alike))
        + RUNNERS_WEIGHT * math.log1p(len(runners))
    )
    return Recommendation(
        solution=solution,
        score=score,
        runners=runners,
        alike=alike,
        nearby=nearby,
        reasons=_reasons(asking, alike, nearby, runners),
        adoptions=adoptions,
    )
