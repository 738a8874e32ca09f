"""Benchmark of the preference-mode allocation: `python -m bench.allocation`.

A congress like the Kommunalkongress, only bigger: 5,000 participants rank all
50 workshops of two rounds (25 each; 20 topics are offered in both rounds, 10
only once); at most two workshops per person, one per round, one per topic;
seats for everybody in total (10,000) but popularity is skewed, so the
popular workshops are over-subscribed. Prints the solver time (model building
included), the problem size and the figures. Pure solver, no database.

Options: --people N --sessions N --ranks N (how many each person ranks)
--seats F (seats in total as a share of the 2 per person, default 1.0)
--seed N --repeat N; --check also solves the whole model with HiGHS's MILP
(slow at full size) and compares the satisfaction.
"""

from __future__ import annotations

import argparse
import datetime
import statistics

import numpy as np

from voneinander.events.allocation import Problem, Rules, SessionSpec, allocate, figures, violations


def congress(
    people: int, sessions: int, ranks: int, seat_share: float = 1.0, seed: int = 2020
) -> Problem:
    rng = np.random.default_rng(seed)
    start = datetime.datetime(2020, 9, 11, 11, 0, tzinfo=datetime.UTC)
    rounds = [
        (start, start + datetime.timedelta(minutes=90)),
        (start + datetime.timedelta(minutes=120), start + datetime.timedelta(minutes=210)),
    ]
    per_round = sessions // 2
    repeated = min(per_round, round(per_round * 0.8))
    topics_round_1 = [f"Thema {i}" for i in range(per_round)]
    topics_round_2 = [f"Thema {i}" for i in range(repeated)] + [
        f"Thema {per_round + i}" for i in range(sessions - per_round - repeated)
    ]
    seats_each = int(np.ceil(people * 2 * seat_share / sessions))
    specs = []
    for r, topics in enumerate((topics_round_1, topics_round_2)):
        for topic in topics:
            specs.append(
                SessionSpec(
                    id=len(specs) + 1,
                    starts_at=rounds[r][0],
                    ends_at=rounds[r][1],
                    capacity=seats_each,
                    topic=topic,
                )
            )
    # Popularity: a few workshops are wanted by many (Zipf-like weights).
    popularity = 1.0 / np.arange(1, len(specs) + 1) ** 0.8
    rng.shuffle(popularity)
    popularity /= popularity.sum()
    ids = np.array([spec.id for spec in specs])
    rankings = {}
    for person in range(people):
        order = rng.choice(ids, size=min(ranks, len(ids)), replace=False, p=popularity)
        rankings[person] = {int(s): rank for rank, s in enumerate(order, start=1)}
    return Problem(
        sessions=specs,
        rankings=rankings,
        rules=Rules(max_per_person=2, one_per_round=True, one_per_topic=True),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--ranks", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seats", type=float, default=1.0)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()

    problem = congress(args.people, args.sessions, args.ranks, args.seats)
    times = []
    result = None
    for i in range(args.repeat):
        result = allocate(problem, seed=args.seed + i)
        times.append(result.seconds)
    assert result is not None
    broken = violations(problem, result.assignments)
    facts = figures(problem, result.assignments)
    n = facts["people"]
    print(
        f"Allocation: {args.people} people rank {args.ranks} of {args.sessions} sessions "
        f"(2 rounds, max 2, one per round, one per topic; seats for {args.seats:.0%})"
    )
    print(
        f"  model: {result.variables} variables, {result.constraints} constraints;"
        f" solved by {result.method}" + (f" in {result.rounds} LP rounds" if result.rounds else "")
    )
    print(
        f"  time (build + solve) over {args.repeat} seeds: median {statistics.median(times):.2f} s,"
        f" max {max(times):.2f} s"
    )
    print(f"  satisfaction: {result.satisfaction}; rules broken: {len(broken)}")
    print(
        f"  first choice: {facts['first_choice']} ({facts['first_choice'] / n:.1%}),"
        f" one of the first two: {facts['first_two']} ({facts['first_two'] / n:.1%}),"
        f" nothing: {facts['nothing']} ({facts['nothing'] / n:.1%})"
    )
    print(f"  seats by rank: {dict(list(facts['by_rank'].items())[:8])} …")
    print(f"  people by number of seats: {facts['by_count']}")
    fill = [v["seats"] / v["capacity"] for v in facts["sessions"].values() if v["capacity"]]
    print(f"  session fill: min {min(fill):.0%}, median {statistics.median(fill):.0%}")
    if args.check:
        full = allocate(problem, seed=args.seed, method="milp")
        same = "equal" if full.satisfaction == result.satisfaction else "DIFFERENT"
        print(f"  whole MILP: satisfaction {full.satisfaction} ({same}), {full.seconds:.2f} s")


if __name__ == "__main__":
    main()
