"""“Who has done this already?” — matching a challenge text to solutions.

1. Text relevance. The search index (kind "solution", permission-aware) gives
   up to `CANDIDATES` solutions sharing rare words with the challenge (German
   stems: "Vereinen" finds "Verein"). They are scored with BM25 over
   title and text, the same on PostgreSQL and SQLite.
2. Re-ranking. The score grows with how similar the municipalities that run a
   solution (owner and adopters) are to the asking municipality — same kind,
   population of the same order, same Landkreis or close by — and with how
   often the solution has been reused (logarithmically).
3. People. For each match the contact persons of those municipalities whom
   the viewer may see (each person's own choice, as on municipality pages);
   only for signed-in members of a network.

The weights were tuned on bench/data/matching_evaluation.json
(`python -m bench.matching_eval`); see docs/performance.md.
The brokering views call `match_challenge` with the same signature.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from voneinander.knowledge.adoption_selectors import ContactViewer, networks_of_municipalities
from voneinander.knowledge.models import Adoption
from voneinander.knowledge.permissions import is_member_of_any_network
from voneinander.knowledge.selectors import REUSE_STATUSES, solutions_visible_to
from voneinander.municipalities.models import Municipality, MunicipalityKind
from voneinander.search.backends import CandidateSet, get_backend, idf

CANDIDATES = 200
MAX_CHALLENGE = 5000

# BM25 over the stems of title and text.
K1 = 1.2
B = 0.75
TITLE_WEIGHT = 3.0
# Re-ranking: score = relevance × (1 + SIMILARITY_WEIGHT × similarity
#                                  + REUSE_WEIGHT × log(1 + reuses))
SIMILARITY_WEIGHT = 0.2
REUSE_WEIGHT = 0.05
# Matches below this share of the best relevance are left out.
MIN_RELEVANCE = 0.1
MAX_REUSES = 100  # more reuse lifts no further
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

NEARBY_KM = 30.0
SIMILAR_SIZE = 0.5  # population ratio (smaller / larger) from which sizes count as similar

_KIND_FAMILIES = {
    MunicipalityKind.ORTSGEMEINDE: "village",
    MunicipalityKind.VERBANDSFREIE_GEMEINDE: "village",
    MunicipalityKind.STADT: "town",
    MunicipalityKind.GROSSE_KREISANGEHOERIGE_STADT: "town",
    MunicipalityKind.KREISFREIE_STADT: "city",
    MunicipalityKind.VERBANDSGEMEINDE: "association",
    MunicipalityKind.LANDKREIS: "district",
}


@dataclass
class Match:
    solution: object  # knowledge.models.Solution
    score: float
    municipalities: list = field(default_factory=list)  # owner first, then adopters
    contacts: list = field(default_factory=list)  # users the viewer may contact
    reasons: list[str] = field(default_factory=list)  # e.g. "similar size", "reused 3 times"
    relevance: float = 0.0  # text relevance alone, 0…1
    similar: object = None  # the municipality most like the asking one, if any
    similarity: object = None  # how alike (Similarity), if a municipality asked
    reuse_count: int = 0


# --- Text relevance ---------------------------------------------------------------------------


def relevance(found: CandidateSet) -> dict[int, float]:
    """BM25 of each candidate for the challenge's terms, scaled so that the best is 1."""
    if not found.candidates:
        return {}
    documents = max(found.documents, len(found.candidates))
    lengths = [TITLE_WEIGHT * c.title_length + c.body_length for c in found.candidates]
    average = sum(lengths) / len(lengths) or 1.0
    weights = {}
    for term, count in found.query_terms.items():
        frequency = min(found.frequencies.get(term, 0), documents)
        weights[term] = idf(documents, frequency) * (1 + math.log(count))
    scores = {}
    for candidate, length in zip(found.candidates, lengths, strict=True):
        norm = K1 * (1 - B + B * length / average)
        score = 0.0
        for term, weight in weights.items():
            tf = TITLE_WEIGHT * candidate.title_terms.get(term, 0) + candidate.body_terms.get(
                term, 0
            )
            if tf:
                score += weight * tf * (K1 + 1) / (tf + norm)
        if score > 0:
            scores[candidate.object_id] = score
    best = max(scores.values(), default=0.0)
    return {pk: score / best for pk, score in scores.items()} if best else {}


# --- Similarity of municipalities ---------------------------------------------------------------


def district_of(municipality: Municipality | None) -> int | None:
    """The Landkreis a municipality lies in (a kreisfreie Stadt is its own), from the
    parents fetched with select_related."""
    current, steps = municipality, 0
    while current is not None and steps < 4:
        if current.kind in (MunicipalityKind.LANDKREIS, MunicipalityKind.KREISFREIE_STADT):
            return current.pk
        if not current.parent_id or not Municipality.parent.is_cached(current):
            return None
        current, steps = current.parent, steps + 1
    return None


def distance_km(a: Municipality, b: Municipality) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@dataclass
class Similarity:
    score: float  # 0…1
    same_kind: bool = False
    similar_size: bool = False
    same_district: bool = False
    distance: float | None = None


def similarity(asking: Municipality, other: Municipality) -> Similarity:
    """How alike two municipalities are: kind, size and region, each a third."""
    if asking.pk == other.pk:
        return Similarity(0.0)
    same_kind = asking.kind == other.kind
    kind_score = (
        1.0
        if same_kind
        else 0.5
        if _KIND_FAMILIES.get(asking.kind) == _KIND_FAMILIES.get(other.kind)
        else 0.0
    )
    size_score = 0.0
    if asking.population and other.population:
        size_score = min(asking.population, other.population) / max(
            asking.population, other.population
        )
    district = district_of(asking)
    same_district = district is not None and district == district_of(other)
    distance = distance_km(asking, other)
    if same_district:
        region_score = 1.0
    elif distance is not None:
        region_score = max(0.0, 1 - distance / (3 * NEARBY_KM))
    else:
        region_score = 0.0
    return Similarity(
        (kind_score + size_score + region_score) / 3,
        same_kind=same_kind,
        similar_size=size_score >= SIMILAR_SIZE,
        same_district=same_district,
        distance=distance,
    )


def _reasons(best: Similarity | None, other: Municipality | None, reuses: int) -> list[str]:
    reasons = []
    if best is not None and other is not None:
        if best.same_district:
            reasons.append(_("same district as yours (%(name)s)") % {"name": other})
        elif best.distance is not None and best.distance <= NEARBY_KM:
            reasons.append(
                _("nearby: %(name)s, %(km)d km away") % {"name": other, "km": round(best.distance)}
            )
        if best.similar_size:
            reasons.append(_("similar size (%(name)s)") % {"name": other})
        if best.same_kind:
            reasons.append(
                _("same kind of municipality (%(kind)s)") % {"kind": other.get_kind_display()}
            )
    if reuses:
        reasons.append(
            ngettext("reused once", "reused %(count)d times", reuses) % {"count": reuses}
        )
    return reasons


# --- Contact persons ---------------------------------------------------------------------------


def contacts_for(viewer: ContactViewer, solution, adoptions, networks) -> list:
    """The named contacts of the solution and its adopters whom the viewer may see."""
    people, seen = [], set()
    # The owner's contact speaks for the solution's network too.
    pairs = [
        (
            solution.contact,
            solution.owner,
            {solution.network_id, *networks.get(solution.owner_id, ())},
        )
    ]
    pairs += [
        (a.contact, a.municipality, networks.get(a.municipality_id, set())) for a in adoptions
    ]
    for person, municipality, person_networks in pairs:
        if person is None or person.pk in seen or not viewer.may_see(person, person_networks):
            continue
        seen.add(person.pk)
        person.speaks_for = municipality
        people.append(person)
    return people


def may_see_contacts(user) -> bool:
    """Contact persons are shown to signed-in members of a network (and admins)."""
    return bool(user.is_authenticated and user.is_active) and bool(
        user.is_superuser or is_member_of_any_network(user)
    )


# --- The whole ----------------------------------------------------------------------------------


def _asking_municipality(user, municipality):
    if municipality is None and getattr(user, "municipality_confirmed_at", None):
        municipality = user.municipality
    if municipality is None:
        return None
    return Municipality.objects.select_related("parent__parent__parent").get(pk=municipality.pk)


def match_challenge(*, text: str, user, municipality=None, limit: int = 10) -> list[Match]:
    """Solutions that answer `text`, best first, as far as `user` may see them.

    `municipality` is the one asking (for similarity); by default the user's
    own (confirmed). Contacts are filled in only for signed-in members.
    """
    text = (text or "").strip()[:MAX_CHALLENGE]
    if not text:
        return []
    found = get_backend().match_candidates(text, user, kinds=["solution"], limit=CANDIDATES)
    scores = relevance(found)
    if not scores:
        return []
    # Re-ranking multiplies relevance by at most `most_boost`: solutions below the
    # `limit`-th relevance divided by it cannot reach the top and are not loaded.
    ranked = sorted(scores.values(), reverse=True)
    most_boost = 1 + SIMILARITY_WEIGHT + REUSE_WEIGHT * math.log1p(MAX_REUSES)
    floor = max(MIN_RELEVANCE * ranked[0], ranked[min(limit, len(ranked)) - 1] / most_boost)
    scores = {pk: s for pk, s in scores.items() if s >= floor}
    solutions = {
        solution.pk: solution
        for solution in solutions_visible_to(user)
        .filter(pk__in=list(scores))
        .select_related("owner__parent__parent__parent", "network", "contact")
        .defer(*_LONG_TEXTS)
    }
    adoptions: dict[int, list[Adoption]] = {}
    for adoption in (
        Adoption.objects.filter(solution__in=list(solutions), status__in=REUSE_STATUSES)
        .select_related("municipality__parent__parent__parent", "contact")
        .order_by("municipality__name", "pk")
    ):
        adoptions.setdefault(adoption.solution_id, []).append(adoption)
    asking = _asking_municipality(user, municipality)

    matches = []
    for pk, solution in solutions.items():
        adopters = adoptions.get(pk, [])
        municipalities = [solution.owner, *(a.municipality for a in adopters)]
        best_similarity, most_similar = None, None
        if asking is not None:
            for other in municipalities:
                candidate = similarity(asking, other)
                if best_similarity is None or candidate.score > best_similarity.score:
                    best_similarity, most_similar = candidate, other
        reuses = len(adopters)
        score = scores[pk] * (
            1
            + SIMILARITY_WEIGHT * (best_similarity.score if best_similarity else 0.0)
            + REUSE_WEIGHT * math.log1p(min(reuses, MAX_REUSES))
        )
        matches.append(
            Match(
                solution=solution,
                score=score,
                municipalities=municipalities,
                relevance=scores[pk],
                similar=most_similar,
                similarity=best_similarity,
                reuse_count=reuses,
            )
        )
    matches.sort(key=lambda m: (-m.score, m.solution.title, m.solution.pk))
    matches = matches[:limit]
    for match in matches:
        match.reasons = _reasons(match.similarity, match.similar, match.reuse_count)

    if matches and may_see_contacts(user):
        viewer = ContactViewer.of(user)
        ids = {m.pk for match in matches for m in match.municipalities}
        networks = networks_of_municipalities(ids)
        for match in matches:
            match.contacts = contacts_for(
                viewer, match.solution, adoptions.get(match.solution.pk, []), networks
            )
    return matches
