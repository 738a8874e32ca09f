"""Fair allocation of session seats from ranked preferences (preference mode).

Pure: plain data in, plain data out; no Django models. The services turn
registrations, preferences and sessions into a `Problem` and store the result.

The model
---------
One binary variable x[p, s] per person p and session s that p ranked (unranked
sessions are never assigned). The rules are the same as for first-come
booking (events/booking_rules.py):

- capacity:        sum_p x[p, s] <= seats of s
- maximum:         sum_s x[p, s] <= max_sessions_per_person (minus seats p already holds)
- one per round:   at most one of any set of pairwise overlapping sessions, where two
                   sessions overlap if a.start < b.end and b.start < a.end. One row per
                   maximal clique of the overlap graph (equivalent to the pairwise rule
                   for 0/1 values, and a tighter LP relaxation);
- one per topic:   at most one session per (non-blank) topic, compared case-insensitively.

Satisfaction (what the solver maximises), in whole numbers:

- a seat in the session ranked r is worth  w(r) = W // r  (W = 10,000, or R·(R+1) when
  more than 99 ranks are in use, so that w strictly decreases). The weights are
  harmonic, hence convex: w(1) + w(3) > 2·w(2), so the allocation prefers giving many
  people their first choice over giving everybody a middling one;
- a person's first seat earns a bonus of W on top ("participation bonus"): one more
  person with a seat outweighs a second seat for someone who already has one
  (W + w(r) > w(2) for every rank r), so few people get many while others get nothing
  only when nothing else fits.

Ties are broken by a perturbation drawn from the recorded seed: every variable's
weight gets a random ε in [0, 1/(2N)), N bounding the number of seats handed out,
so that all perturbations together stay below 1/2. Any optimum of the perturbed
problem is therefore an optimum of the whole-number satisfaction (which moves in
steps of 1); the seed only decides between equally good allocations. The order in
which people are handed to the solver is shuffled by the same seed, so that ties
the solver's tolerances cannot see are not broken by database order either. HiGHS
is deterministic: the same problem and seed give the same result.

Solving (allocation_solver.py, imported only when an allocation runs)
-------
The constraint matrix is built directly in sparse form (scipy.sparse, vectorised
with numpy). Small models (up to DIRECT_LIMIT variables, i.e. a few hundred
people ranking everything) go to scipy.optimize.milp (HiGHS branch and cut) as
a whole. HiGHS's MIP presolve is switched off: on this model it spends seconds
probing and removes nothing.

Large models (the benchmark: 5,000 people ranking 50 sessions, 255,000
variables) would take HiGHS 5–8 s even for the LP relaxation alone, although
almost all variables end up 0 (few people get their 30th choice). They are
solved by column generation (`_solve_by_columns`): the LP relaxation of a
restricted model (each person's first ranks) is grown with the columns that the
seat prices (the duals of the capacity rows) make attractive, until a Lagrangian
upper bound over ALL columns proves the restricted optimum optimal for the whole
model. The relaxation is usually integral here (the person-side rules form, per
person, a bipartite matching between rounds and topics); when it is not, the
restricted MILP is solved instead, and if the bound cannot certify it, the whole
MILP. Either way the result has the maximal whole-number satisfaction; the
tests compare both ways with each other and with brute force.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from voneinander.events.booking_rules import times_overlap, topic_key

BASE_WEIGHT = 10_000
TIME_LIMIT_SECONDS = 300.0


class AllocationError(Exception):
    """The solver did not reach a proven optimum (time limit, numerical trouble)."""


@dataclass(frozen=True)
class SessionSpec:
    """A session as the allocation sees it.

    `capacity` is the number of seats the allocation may fill (None: no limit);
    `starts_at`/`ends_at` are anything comparable (datetimes, numbers).
    """

    id: Hashable
    starts_at: Any
    ends_at: Any
    capacity: int | None = None
    topic: str = ""


@dataclass(frozen=True)
class Rules:
    max_per_person: int | None = None
    one_per_round: bool = False
    one_per_topic: bool = False


@dataclass
class Problem:
    """Sessions, rankings {person: {session_id: rank (1 = first choice)}} and the rules.

    `held` lists, per person, sessions already booked outside the allocation: they
    count towards the rules (maximum, overlaps, topics) but take no seat here.
    """

    sessions: Sequence[SessionSpec]
    rankings: Mapping[Hashable, Mapping[Hashable, int]]
    rules: Rules = field(default_factory=Rules)
    held: Mapping[Hashable, Collection[Hashable]] = field(default_factory=dict)


@dataclass
class Result:
    assignments: dict[Hashable, list[Hashable]]  # person → sessions, best rank first
    satisfaction: int  # the whole-number objective (without the tie-breaking perturbation)
    seed: int
    seconds: float
    variables: int
    constraints: int
    method: str = "none"
    rounds: int = 0  # LP rounds of the column generation


@dataclass(frozen=True)
class Violation:
    """A broken rule (capacity, maximum, overlap, topic, duplicate, unknown).

    `other` is the conflicting session, where there is one.
    """

    code: str
    person: Hashable | None
    session: Hashable
    other: Hashable | None = None


# --- weights -------------------------------------------------------------------


def base_weight(max_rank: int) -> int:
    return max(BASE_WEIGHT, max_rank * (max_rank + 1))


def rank_weight(rank: int, base: int = BASE_WEIGHT) -> int:
    return base // rank


def satisfaction(problem: Problem, assignments: Mapping[Hashable, Iterable[Hashable]]) -> int:
    """The whole-number objective of an allocation (sum of rank weights + participation bonus)."""
    base = base_weight(_max_rank(problem))
    total = 0
    for person, sessions in assignments.items():
        sessions = list(sessions)
        if sessions:
            total += base
        ranking = problem.rankings.get(person, {})
        total += sum(rank_weight(ranking[s], base) for s in sessions if s in ranking)
    return total


def _max_rank(problem: Problem) -> int:
    return max((r for ranking in problem.rankings.values() for r in ranking.values()), default=1)


# --- the rules, shared by the model, the checks and the adjustments ---------------


# The same definitions as for booking (booking_rules), so both judge alike.
normalise_topic = topic_key
overlaps = times_overlap


def exclusive_groups(sessions: Sequence[SessionSpec], rules: Rules) -> list[frozenset[int]]:
    """Sets of session indexes of which one person may hold at most one (size >= 2)."""
    groups: set[frozenset[int]] = set()
    if rules.one_per_round:
        groups.update(_overlap_cliques(sessions))
    if rules.one_per_topic:
        by_topic: dict[str, set[int]] = defaultdict(set)
        for index, spec in enumerate(sessions):
            topic = normalise_topic(spec.topic)
            if topic:
                by_topic[topic].add(index)
        groups.update(frozenset(g) for g in by_topic.values() if len(g) > 1)
    return sorted(groups, key=lambda g: sorted(g))


def _overlap_cliques(sessions: Sequence[SessionSpec]) -> list[frozenset[int]]:
    """Maximal cliques (size >= 2) of the overlap graph, by Bron–Kerbosch with pivoting.

    Overlap graphs of time intervals are chordal, so there are at most as many
    maximal cliques as sessions and the search is quick.
    """
    n = len(sessions)
    neighbours = [
        {j for j in range(n) if j != i and overlaps(sessions[i], sessions[j])} for i in range(n)
    ]
    cliques: list[frozenset[int]] = []

    def expand(r: set[int], p: set[int], x: set[int]) -> None:
        if not p and not x:
            if len(r) > 1:
                cliques.append(frozenset(r))
            return
        pivot = max(p | x, key=lambda u: len(neighbours[u] & p))
        for v in list(p - neighbours[pivot]):
            expand(r | {v}, p & neighbours[v], x & neighbours[v])
            p = p - {v}
            x = x | {v}

    expand(set(), set(range(n)), set())
    return cliques


def person_violations(
    problem: Problem, person: Hashable, sessions: Iterable[Hashable]
) -> list[Violation]:
    """The rules (except capacity) that one person's seats would break, held seats included."""
    by_id = {spec.id: spec for spec in problem.sessions}
    held = [s for s in problem.held.get(person, ()) if s in by_id]
    mine = [s for s in sessions if s in by_id]
    rules = problem.rules
    found: list[Violation] = []
    total = len(held) + len(mine)
    if rules.max_per_person is not None and total > rules.max_per_person:
        found.append(Violation("maximum", person, mine[-1] if mine else held[-1]))
    everything = held + mine
    for i, a in enumerate(everything):
        for b in everything[:i]:
            if i < len(held):
                continue  # held against held: not ours to judge
            spec_a, spec_b = by_id[a], by_id[b]
            if a == b:
                found.append(Violation("duplicate", person, a, b))
            elif rules.one_per_round and overlaps(spec_a, spec_b):
                found.append(Violation("overlap", person, a, b))
            elif (
                rules.one_per_topic
                and normalise_topic(spec_a.topic)
                and normalise_topic(spec_a.topic) == normalise_topic(spec_b.topic)
            ):
                found.append(Violation("topic", person, a, b))
    return found


def violations(
    problem: Problem, assignments: Mapping[Hashable, Iterable[Hashable]]
) -> list[Violation]:
    """Every rule an allocation breaks: per-person rules, capacities, unknown sessions."""
    by_id = {spec.id: spec for spec in problem.sessions}
    found: list[Violation] = []
    seats: dict[Hashable, int] = defaultdict(int)
    for person, sessions in assignments.items():
        sessions = list(sessions)
        for s in sessions:
            if s not in by_id:
                found.append(Violation("unknown", person, s))
            seats[s] += 1
        found.extend(person_violations(problem, person, sessions))
    for s, taken in seats.items():
        spec = by_id.get(s)
        if spec is not None and spec.capacity is not None and taken > spec.capacity:
            found.append(Violation("capacity", None, s))
    return found


def allocate(problem: Problem, *, seed: int, method: str = "auto") -> Result:
    """The allocation of maximal satisfaction under all rules; ties broken by `seed`.

    `method`: "milp", "columns" or "auto" (see allocation_solver.allocate).
    """
    # imported on use: numpy + SciPy's optimizer are ~65 MB per worker otherwise
    from voneinander.events import allocation_solver

    return allocation_solver.allocate(problem, seed=seed, method=method)


def figures(problem: Problem, assignments: Mapping[Hashable, Iterable[Hashable]]) -> dict:
    """Summary figures (JSON-ready): who got what, and how full each session is."""
    people = 0
    ranked = 0
    first_choice = 0
    first_two = 0
    nothing = 0
    by_rank: dict[str, int] = defaultdict(int)
    by_count: dict[str, int] = defaultdict(int)
    seats: dict[Hashable, int] = defaultdict(int)
    first_demand: dict[Hashable, int] = defaultdict(int)
    for person, ranking in problem.rankings.items():
        people += 1
        mine = list(assignments.get(person, ()))
        for s in mine:
            seats[s] += 1
        by_count[str(len(mine))] += 1
        if not ranking:
            continue
        ranked += 1
        ranks = sorted(ranking[s] for s in mine if s in ranking)
        for r in ranks:
            by_rank[str(r)] += 1
        unranked = len(mine) - len(ranks)
        if unranked:
            by_rank["0"] += unranked
        top = sorted(ranking, key=ranking.get)
        if top:
            first_demand[top[0]] += 1
        if top and top[0] in mine:
            first_choice += 1
        if any(s in mine for s in top[:2]):
            first_two += 1
        if not mine:
            nothing += 1
    sessions = {
        str(spec.id): {
            "seats": seats.get(spec.id, 0),
            "capacity": spec.capacity,
            "first_choice_of": first_demand.get(spec.id, 0),
        }
        for spec in problem.sessions
    }
    return {
        "people": people,
        "ranked": ranked,
        "first_choice": first_choice,
        "first_two": first_two,
        "nothing": nothing,
        "seats": sum(seats.values()),
        "by_rank": dict(sorted(by_rank.items(), key=lambda item: int(item[0]))),
        "by_count": dict(sorted(by_count.items(), key=lambda item: int(item[0]))),
        "sessions": sessions,
        "satisfaction": satisfaction(problem, assignments),
    }
