"""The solver behind `allocation.allocate` (see the model in allocation.py).

A module of its own so that numpy and SciPy are imported only when an
allocation runs, not in every app worker.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from voneinander.events.allocation import (
    TIME_LIMIT_SECONDS,
    AllocationError,
    Problem,
    Result,
    SessionSpec,
    _max_rank,
    _overlap_cliques,
    base_weight,
    exclusive_groups,
    satisfaction,
)

# --- the solver ----------------------------------------------------------------------

# Models up to this many variables go straight to the MILP; larger ones are solved
# by column generation (see `_solve_by_columns`).
DIRECT_LIMIT = 50_000
# Column generation: seed each person with this many top ranks …
FIRST_RANKS = 4
# … and add the columns that come within this share of the base weight of the
# person's best choice under the current seat prices.
NEAR_SHARE = 0.03
MAX_ROUNDS = 25
# Enumerating a person's possible seat sets for the bound is done only while
# there are at most this many (per event, not per person).
MAX_SEAT_SETS = 4_000
_HOPELESS = -1e9  # profit of a seat a person did not rank


@dataclass
class _Model:
    """The MILP in arrays. Columns: one x per (person, session) variable, then one y per person."""

    specs: list[SessionSpec]
    people: list[Hashable]  # in the seed's order
    groups: list[frozenset[int]]
    vp: np.ndarray  # variable → index into `people`
    vs: np.ndarray  # variable → session index
    vr: np.ndarray  # variable → rank
    who: np.ndarray  # variable → index into `persons` (people with at least one variable)
    persons: np.ndarray  # indexes into `people`
    limits: np.ndarray  # per person in `persons`: seats they may still get (large if unlimited)
    weights: np.ndarray  # per variable: rank weight (whole number)
    profit: np.ndarray  # per variable: rank weight + perturbation
    bonus: float
    matrix: sparse.csr_matrix
    upper: np.ndarray
    capacity_rows: np.ndarray  # session index → row of its capacity constraint, or -1
    capacities: np.ndarray  # per session: seats (-1: no limit)

    @property
    def n_vars(self) -> int:
        return len(self.vp)

    @property
    def n_cols(self) -> int:
        return len(self.vp) + len(self.persons)

    def objective(self) -> np.ndarray:
        """Per column, for minimisation."""
        return -np.concatenate([self.profit, np.full(len(self.persons), self.bonus)])


def allocate(problem: Problem, *, seed: int, method: str = "auto") -> Result:
    """The allocation of maximal satisfaction under all rules; ties broken by `seed`.

    `method`: "milp" solves the whole model with HiGHS; "columns" uses column
    generation with a Lagrangian optimality certificate (falling back to "milp"
    when it cannot certify); "auto" picks by size. Both give an allocation of
    maximal satisfaction.
    """
    started = time.perf_counter()
    model = _build(problem, seed)
    assignments: dict[Hashable, list[Hashable]] = {p: [] for p in problem.rankings}
    if model is None:
        return Result(assignments, 0, seed, time.perf_counter() - started, 0, 0)
    if method == "auto":
        method = "milp" if model.n_vars <= DIRECT_LIMIT else "columns"
    rounds = 0
    if method == "columns":
        x, rounds = _solve_by_columns(model)
        if x is None:
            method = "milp"
    if method == "milp":
        x = _solve_milp(model, np.arange(model.n_cols))
    elif method != "columns":
        raise ValueError(f"unknown method {method!r}")
    chosen = np.flatnonzero(x[: model.n_vars] > 0.5)
    picked: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for v in chosen:
        picked[int(model.vp[v])].append((int(model.vr[v]), int(model.vs[v])))
    for pi, seats in picked.items():
        assignments[model.people[pi]] = [model.specs[si].id for _rank, si in sorted(seats)]
    return Result(
        assignments=assignments,
        satisfaction=satisfaction(problem, assignments),
        seed=seed,
        seconds=time.perf_counter() - started,
        variables=model.n_cols,
        constraints=model.matrix.shape[0],
        method=method,
        rounds=rounds,
    )


def _build(problem: Problem, seed: int) -> _Model | None:
    rng = np.random.default_rng(seed)
    specs = list(problem.sessions)
    n_sessions = len(specs)
    index_of = {spec.id: i for i, spec in enumerate(specs)}
    people = list(problem.rankings)
    order = rng.permutation(len(people))  # who the solver sees first depends on the seed only
    people = [people[i] for i in order]
    rules = problem.rules
    groups = exclusive_groups(specs, rules)
    unlimited = n_sessions + 1

    # Variables: one per (person, ranked session) that the person's held seats still allow.
    var_p: list[int] = []
    var_s: list[int] = []
    var_r: list[int] = []
    limits: list[int] = []
    for pi, person in enumerate(people):
        held = [index_of[s] for s in problem.held.get(person, ()) if s in index_of]
        limit = unlimited if rules.max_per_person is None else rules.max_per_person - len(held)
        limits.append(limit)
        if limit <= 0:
            continue
        blocked = set(held)
        for g in groups:
            if not g.isdisjoint(held):
                blocked |= g
        for session_id, rank in problem.rankings[person].items():
            si = index_of.get(session_id)
            if si is None or si in blocked:
                continue
            capacity = specs[si].capacity
            if capacity is not None and capacity <= 0:
                continue
            var_p.append(pi)
            var_s.append(si)
            var_r.append(int(rank))
    n_vars = len(var_p)
    if n_vars == 0:
        return None

    vp = np.asarray(var_p, dtype=np.int64)
    vs = np.asarray(var_s, dtype=np.int64)
    vr = np.asarray(var_r, dtype=np.int64)
    base = base_weight(_max_rank(problem))
    persons, who = np.unique(vp, return_inverse=True)
    n_people = len(persons)
    limit_arr = np.asarray(limits, dtype=np.int64)[persons]

    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    upper: list[np.ndarray] = []
    n_rows = 0

    def add_block(row_index: np.ndarray, col_index: np.ndarray, value, ub: np.ndarray) -> None:
        nonlocal n_rows
        rows.append(row_index + n_rows)
        cols.append(col_index)
        vals.append(np.broadcast_to(np.asarray(value, dtype=np.float64), row_index.shape))
        upper.append(np.asarray(ub, dtype=np.float64))
        n_rows += len(ub)

    # Capacity: one row per session whose seats can run out. They come first.
    demand = np.bincount(vs, minlength=n_sessions)
    caps = np.array(
        [spec.capacity if spec.capacity is not None else -1 for spec in specs], dtype=np.int64
    )
    capacity_rows = np.full(n_sessions, -1, dtype=np.int64)
    binding = (caps >= 0) & (demand > caps)
    capacity_rows[binding] = np.arange(int(binding.sum()))
    if binding.any():
        take = capacity_rows[vs] >= 0
        add_block(capacity_rows[vs][take], np.flatnonzero(take), 1.0, caps[binding])

    # Maximum per person: a row only where the person ranked more than they may get
    # and their overlap/topic groups do not already imply the limit.
    count = np.bincount(who, minlength=n_people)
    cliques = _overlap_cliques(specs) if rules.one_per_round else []
    implied = _implied_limits(n_sessions, cliques, vs, who, n_people)
    binding = (count > limit_arr) & (implied > limit_arr)
    if binding.any():
        row_of = np.full(n_people, -1, dtype=np.int64)
        row_of[binding] = np.arange(int(binding.sum()))
        take = row_of[who] >= 0
        add_block(row_of[who][take], np.flatnonzero(take), 1.0, limit_arr[binding])

    # Overlaps and topics: per person and group, at most one (rows only where a
    # person ranked two or more sessions of the group).
    if groups:
        membership = _group_matrix(groups, n_sessions)
        var_groups = membership[vs].tocoo()  # (variable, group) pairs
        keys = who[var_groups.row] * len(groups) + var_groups.col
        unique_keys, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        binding = counts > 1
        if binding.any():
            row_of = np.full(len(unique_keys), -1, dtype=np.int64)
            row_of[binding] = np.arange(int(binding.sum()))
            entry_rows = row_of[inverse]
            take = entry_rows >= 0
            add_block(
                entry_rows[take],
                var_groups.row[take].astype(np.int64),
                1.0,
                np.ones(int(binding.sum())),
            )

    # Participation: y_p - sum_s x[p, s] <= 0.
    add_block(
        np.concatenate([np.arange(n_people), who]),
        np.concatenate([n_vars + np.arange(n_people), np.arange(n_vars)]),
        np.concatenate([np.ones(n_people), -np.ones(n_vars)]),
        np.zeros(n_people),
    )
    matrix = sparse.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(n_rows, n_vars + n_people),
    )

    # Perturbation: below 1/2 in total for any feasible allocation.
    seats_bound = int(np.minimum(limit_arr, count).sum())
    if (caps >= 0).all():
        seats_bound = min(seats_bound, int(caps.sum()))
    epsilon = rng.random(n_vars) * (0.5 / (max(seats_bound, 1) + 1))
    return _Model(
        specs=specs,
        people=people,
        groups=groups,
        vp=vp,
        vs=vs,
        vr=vr,
        who=who,
        persons=persons,
        limits=limit_arr,
        weights=base // vr,
        profit=(base // vr).astype(np.float64) + epsilon,
        bonus=float(base),
        matrix=matrix,
        upper=np.concatenate(upper),
        capacity_rows=capacity_rows,
        capacities=caps,
    )


def _group_matrix(groups: list[frozenset[int]], n_sessions: int) -> sparse.csr_matrix:
    return sparse.csr_matrix(
        (
            np.ones(sum(len(g) for g in groups)),
            (
                np.concatenate([np.fromiter(sorted(g), dtype=np.int64) for g in groups]),
                np.repeat(np.arange(len(groups)), [len(g) for g in groups]),
            ),
        ),
        shape=(n_sessions, len(groups)),
    )


def _implied_limits(n_sessions, cliques, vs, who, n_people) -> np.ndarray:
    """Per person, how many seats the overlap rule alone allows, where that is simple to see.

    When every session lies in at most one overlap clique (rounds that do not overlap
    each other), a person can hold at most one seat per clique they ranked in plus
    one per session outside all cliques; a maximum at or above that needs no row.
    """
    groups = cliques
    owner = np.full(n_sessions, -1, dtype=np.int64)
    for gi, g in enumerate(groups):
        for si in g:
            if owner[si] != -1:
                return np.full(n_people, n_sessions + 1, dtype=np.int64)  # not a partition
            owner[si] = gi
    key = np.where(owner[vs] >= 0, owner[vs], len(groups) + vs)
    pairs = np.unique(who * (len(groups) + n_sessions) + key)
    return np.bincount(pairs // (len(groups) + n_sessions), minlength=n_people)


def _solve_milp(model: _Model, columns: np.ndarray) -> np.ndarray:
    """HiGHS branch and cut on the given columns; x for all columns (others 0).

    HiGHS's MIP presolve (probing) costs far more than it saves on this model,
    whose LP relaxation is usually integral already, so it is switched off.
    """
    sub = model.matrix[:, columns]
    solution = milp(
        model.objective()[columns],
        constraints=LinearConstraint(sub, np.full(sub.shape[0], -np.inf), model.upper),
        integrality=np.ones(len(columns)),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0.0, "time_limit": TIME_LIMIT_SECONDS, "presolve": False},
    )
    if solution.status != 0 or solution.x is None:
        raise AllocationError(solution.message)
    x = np.zeros(model.n_cols)
    x[columns] = np.round(solution.x)
    return x


def _solve_by_columns(model: _Model) -> tuple[np.ndarray | None, int]:
    """Column generation on the LP relaxation, certified by a Lagrangian bound.

    Start with each person's first few ranks (plus every participation column),
    solve the LP relaxation of that restricted model (HiGHS dual simplex), read
    the seat prices λ (duals of the capacity rows) and compute

        UB(λ) = Σ_s λ_s·seats_s + Σ_p max(0, max over the seat sets S that p's rules
                allow of bonus + Σ_{s∈S} (weight_ps - λ_s)),

    an upper bound on the satisfaction of EVERY allocation of the full model (the
    capacity rule moved into the objective with prices λ ≥ 0). Each person's best
    seat sets are found by enumerating the event's allowed seat sets (few: at most
    one per round and topic). When the restricted model's integral optimum comes
    within 1 of UB, it is optimal (the satisfaction is a whole number and the
    perturbation stays below 1/2). Otherwise, add the columns that are, under λ,
    close to each person's best choice, and repeat.

    Returns (x or None, LP rounds); None when this cannot be applied or certified,
    the caller then solves the full MILP.
    """
    seat_sets = _seat_sets(model)
    if seat_sets is None:
        return None, 0
    incidence, sizes, containing = seat_sets
    n_vars, n_people = model.n_vars, len(model.persons)
    objective = model.objective()
    matrix = model.matrix.tocsc()
    capacity_of = np.flatnonzero(model.capacity_rows >= 0)
    capacity_rows = model.capacity_rows[capacity_of]
    near = NEAR_SHARE * model.bonus

    active = np.zeros(model.n_cols, dtype=bool)
    rank_order = np.lexsort((model.vr, model.who))
    position = np.empty(n_vars, dtype=np.int64)
    starts = np.searchsorted(model.who[rank_order], np.arange(n_people))
    position[rank_order] = np.arange(n_vars) - starts[model.who[rank_order]]
    active[:n_vars] = position < FIRST_RANKS
    active[n_vars:] = True

    for lp_round in range(1, MAX_ROUNDS + 1):
        columns = np.flatnonzero(active)
        lp = linprog(
            objective[columns],
            A_ub=matrix[:, columns],
            b_ub=model.upper,
            bounds=(0, 1),
            method="highs-ds",
        )
        if lp.status != 0:
            return None, lp_round
        prices = np.zeros(len(model.specs))
        prices[capacity_of] = np.maximum(0.0, -lp.ineqlin.marginals[capacity_rows])
        best, forced = _best_responses(model, prices, incidence, sizes, containing)
        bound = float(prices[capacity_of] @ model.capacities[capacity_of]) + float(
            np.maximum(best, 0.0).sum()
        )
        x = np.zeros(model.n_cols)
        x[columns] = lp.x
        # A fractional relaxation (rare): solve the restricted MILP instead.
        integral = np.all(np.abs(x - np.round(x)) < 1e-6)
        x = np.round(x) if integral else _solve_milp(model, columns)
        if _whole_satisfaction(model, x) > bound - 1 + 1e-6:
            return x, lp_round
        gain = np.maximum(best, 0.0)[model.who] - forced
        new = ~active[:n_vars] & (gain <= near)
        if not new.any():
            new = ~active[:n_vars]  # degenerate prices: take every column
            if not new.any():
                return None, lp_round
        active[:n_vars] |= new
    return None, MAX_ROUNDS


def _whole_satisfaction(model: _Model, x: np.ndarray) -> int:
    """The satisfaction of an integral x, without the perturbation."""
    seats = x[: model.n_vars] > 0.5
    seated = np.bincount(model.who[seats], minlength=len(model.persons)) > 0
    return int(model.weights[seats].sum()) + int(model.bonus) * int(seated.sum())


def _seat_sets(model: _Model):
    """All seat sets one person could hold (at most `max limit` sessions, no two in a group).

    Returns (incidence sessions × sets, size per set, sets containing each session) or
    None when there are too many to enumerate.
    """
    n_sessions = len(model.specs)
    conflict = np.zeros((n_sessions, n_sessions), dtype=bool)
    for g in model.groups:
        members = np.fromiter(sorted(g), dtype=np.int64)
        conflict[np.ix_(members, members)] = True
    np.fill_diagonal(conflict, True)
    depth = int(min(model.limits.max(), n_sessions))
    sets: list[tuple[int, ...]] = []

    def extend(current: tuple[int, ...], allowed: np.ndarray) -> bool:
        for si in np.flatnonzero(allowed):
            chosen = (*current, int(si))
            sets.append(chosen)
            if len(sets) > MAX_SEAT_SETS:
                return False
            if len(chosen) < depth:
                rest = allowed & ~conflict[si]
                rest[: si + 1] = False
                if rest.any() and not extend(chosen, rest):
                    return False
        return True

    if not extend((), np.ones(n_sessions, dtype=bool)):
        return None
    incidence = sparse.csc_matrix(
        (
            np.ones(sum(len(s) for s in sets)),
            (
                np.fromiter((si for s in sets for si in s), dtype=np.int64),
                np.repeat(np.arange(len(sets)), [len(s) for s in sets]),
            ),
        ),
        shape=(n_sessions, len(sets)),
    )
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    by_session = incidence.tocsr()
    containing = [
        by_session.indices[by_session.indptr[si] : by_session.indptr[si + 1]]
        for si in range(n_sessions)
    ]
    return incidence, sizes, containing


def _best_responses(model: _Model, prices, incidence, sizes, containing):
    """Per person: the best value of any allowed seat set under `prices` (bonus included),
    and per variable: the best value of an allowed set containing that seat."""
    n_people, n_sessions = len(model.persons), len(model.specs)
    value = np.full((n_people, n_sessions), _HOPELESS)
    value[model.who, model.vs] = model.profit - prices[model.vs]
    per_set = np.asarray(incidence.T.dot(value.T).T)  # people × sets (sparse · dense)
    too_big = sizes[None, :] > model.limits[:, None]
    if too_big.any():
        per_set[too_big] = _HOPELESS
    per_set += model.bonus
    best = per_set.max(axis=1)
    with_session = np.full((n_people, n_sessions), _HOPELESS)
    for si in range(n_sessions):
        if len(containing[si]):
            with_session[:, si] = per_set[:, containing[si]].max(axis=1)
    return best, with_session[model.who, model.vs]


# --- figures -----------------------------------------------------------------------------
