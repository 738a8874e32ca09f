"""Search and matching at the issue's scale: `python -m bench.search` (part of `make bench`).

Creates 11,000 member municipalities (places of Germany, as bench/scale.py)
and 100,000 solutions with German text (sentences and words of the demo
catalogue, recombined at random; a tenth visible to network members only,
with topics and reuse), indexes them with the same code as
`manage.py rebuild_search_index`, and measures:
- search: `backend.query()` (hits, snippets, facet counts) for 40 queries of
  one to three words, as a visitor and as a signed-in member, and the whole
  search page through the WSGI application;
- matching: `match_challenge()` for the 47 challenges of the evaluation set
  (candidates, scoring, re-ranking, adopters and contacts), as a member with
  a municipality.
Prints median and p95 (targets on PostgreSQL: search < 50 ms, matching < 150 ms).

SQLite by default (a fresh database in a temporary directory); PostgreSQL with
`PGPORT=54391 scripts/with-postgres.sh .venv/bin/python -m bench.search`.
BENCH_SOLUTIONS and BENCH_MUNICIPALITIES make it smaller for a quick look.
"""

from __future__ import annotations

import datetime
import os
import random
import re
import statistics
import sys
import tempfile
import time

SOLUTIONS = int(os.environ.get("BENCH_SOLUTIONS", "100000"))
MUNICIPALITIES = int(os.environ.get("BENCH_MUNICIPALITIES", "11000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
QUERIES = [
    "Mitfahrbank",
    "Rufbus",
    "Dorfladen",
    "Gemeinde-App",
    "Glasfaser",
    "Terminvergabe",
    "Mängelmelder",
    "Telemedizin",
    "Ehrenamt",
    "Coworking",
    "Sensoren",
    "LoRaWAN",
    "Open Data",
    "Ratsinformationssystem",
    "Bürgerhaushalt",
    "Leerstand",
    "Jugendbeteiligung",
    "Schule Tablets",
    "Verwaltung digital",
    "Vereine Termine",
    "Straßenbeleuchtung",
    "Starkregen Warnung",
    "Abfallkalender",
    "Chatbot",
    "Wasserzähler",
    "Kita Anmeldung",
    "Friedhof",
    "Bibliothek",
    "Videokonferenz",
    "Förderprogramm",
    "digitale Dörfer",
    "Bürger beteiligen",
    "Online-Antrag",
    "Pflege",
    "Tourismus Gäste",
    "Energie sparen",
    "Parkplatz Sensor",
    "Datenschutz",
    '"Digitale Dörfer"',
    "Bus or Bahn",
]
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß-]{4,}")


def _corpus():
    """Sentences, title words and words of the demo catalogue."""
    from voneinander.core.markdown import plain_text
    from voneinander.knowledge.demo_catalogue import SOLUTIONS as DEMO

    sentences, titles, words = [], [], set()
    for solution in DEMO:
        titles.append(solution["title"])
        for name in ("summary", "problem", "what_it_is", "benefits", "how_it_works", "suits"):
            sentences += [s for s in _SENTENCE.split(solution.get(name) or "") if len(s) > 20]
        description = plain_text(solution.get("description") or "")
        sentences += [s for s in _SENTENCE.split(" ".join(description.split())) if len(s) > 20]
    for sentence in sentences + titles:
        words.update(_WORD.findall(sentence))
    return sentences, titles, sorted(words)


def populate(solutions: int, municipalities: int, seed: int = 5) -> dict:
    """Create the bench network, its members and the solutions (bulk; no signals)."""
    from bench.scale import populate as populate_members
    from voneinander.knowledge.models import Adoption, Solution, Topic
    from voneinander.municipalities.models import Municipality

    rng = random.Random(seed)
    start = time.perf_counter()
    network = populate_members(members=municipalities)
    owners = list(
        Municipality.objects.filter(memberships__network=network).values_list("pk", flat=True)
    )
    topics = list(Topic.objects.values_list("pk", flat=True))
    sentences, titles, words = _corpus()
    statuses = ["idea", "planning", "pilot", "operation", "operation", "operation", "discontinued"]
    through = Solution.topics.through
    created = 0
    while created < solutions:
        batch = []
        for number in range(created, min(solutions, created + 2000)):
            title_words = rng.choice(titles).split()
            rng.shuffle(title_words)
            title = " ".join(title_words[: rng.randint(2, 6)] + rng.sample(words, 1))
            text = [rng.choice(sentences) for _ in range(rng.randint(4, 9))]
            text += [" ".join(rng.sample(words, rng.randint(3, 8))) + "."]
            batch.append(
                Solution(
                    title=title[:200],
                    slug=f"bench-{number}",
                    summary=text[0][:400],
                    problem=" ".join(text[1:3]),
                    how_it_works=" ".join(text[3:]),
                    status=rng.choice(statuses),
                    network=network,
                    owner_id=rng.choice(owners),
                    visibility="network" if rng.random() < 0.1 else "public",
                )
            )
        rows = Solution.objects.bulk_create(batch)
        if rows and rows[0].pk is None:
            rows = list(Solution.objects.filter(slug__in=[s.slug for s in batch]))
        through.objects.bulk_create(
            through(solution_id=row.pk, topic_id=topic_id)
            for row in rows
            for topic_id in rng.sample(topics, rng.randint(1, 3))
        )
        adoptions = []
        for row in rows:
            if rng.random() < 0.3:
                for municipality_id in rng.sample(owners, rng.randint(1, 4)):
                    if municipality_id != row.owner_id:
                        adoptions.append(
                            Adoption(
                                solution_id=row.pk,
                                municipality_id=municipality_id,
                                status=rng.choice(["in_use", "adopting", "interested"]),
                                started_on=datetime.date(2023, 1, 1),
                            )
                        )
        Adoption.objects.bulk_create(adoptions, ignore_conflicts=True)
        created += len(batch)
    return {"network": network, "seconds": time.perf_counter() - start}


def _percentiles(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


def _timed(function, arguments: list, repeat: int) -> list[float]:
    for argument in arguments:  # warm up caches (statistics, stems, templates)
        function(argument)
    timings = []
    for _ in range(repeat):
        for argument in arguments:
            started = time.perf_counter()
            function(argument)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def member_of(network):
    """A confirmed person of a member municipality of the bench network."""
    from django.utils import timezone

    from voneinander.accounts.models import User
    from voneinander.networks.models import Membership

    membership = Membership.objects.filter(network=network).order_by("pk").first()
    user, _created = User.objects.get_or_create(
        email="bench-search@example.org",
        defaults={
            "password": "!bench",
            "municipality": membership.municipality,
            "municipality_confirmed_at": timezone.now(),
        },
    )
    return user


def run() -> None:
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import Client

    from bench.__main__ import WsgiClient
    from bench.matching_eval import load_items
    from voneinander.knowledge.matching import match_challenge
    from voneinander.search.backends import get_backend
    from voneinander.search.models import SearchEntry
    from voneinander.search.services import rebuild

    made = populate(SOLUTIONS, MUNICIPALITIES)
    print(
        f"{connection.vendor}: {SOLUTIONS:,} solutions, {MUNICIPALITIES:,} member municipalities "
        f"created in {made['seconds']:.0f} s"
    )
    started = time.perf_counter()
    counts = rebuild(batch_size=1000)
    seconds = time.perf_counter() - started
    print(
        f"index rebuilt: {SearchEntry.objects.count():,} entries "
        f"({counts['solution']:,} solutions) in {seconds:.0f} s "
        f"({SearchEntry.objects.count() / seconds:,.0f} entries/s)"
    )
    backend = get_backend()
    member = member_of(made["network"])
    anonymous = AnonymousUser()
    rows = []
    for who, user in (("visitor", anonymous), ("member", member)):
        totals = [backend.query(q, user).total for q in QUERIES]
        timings = _timed(lambda q, user=user: backend.query(q, user), QUERIES, REPEAT)
        rows.append((f"search, {who}", *_percentiles(timings), statistics.median(totals)))

    login = Client()
    login.force_login(member)
    session = login.cookies[settings.SESSION_COOKIE_NAME].value
    page = WsgiClient(cookies=f"{settings.SESSION_COOKIE_NAME}={session}")
    from urllib.parse import quote

    timings = _timed(lambda q: page.get(f"/suche/?q={quote(q)}"), QUERIES, max(1, REPEAT // 2))
    rows.append(("search page /suche/, member", *_percentiles(timings), None))

    challenges = [item["challenge"] for item in load_items()]
    municipality = member.municipality

    def match(text):
        return match_challenge(text=text, user=member, municipality=municipality, limit=10)

    found = [len(match(text)) for text in challenges]
    timings = _timed(match, challenges, max(1, REPEAT // 2))
    rows.append(("match_challenge, member", *_percentiles(timings), statistics.median(found)))

    print(f"{'what':<32} {'median ms':>10} {'p95 ms':>8} {'median results':>15}")
    for what, median, p95, results in rows:
        shown = "" if results is None else f"{results:,.0f}"
        print(f"{what:<32} {median:>10.1f} {p95:>8.1f} {shown:>15}")


def main() -> int:
    from bench.__main__ import setup_django
    from bench.matching_eval import ensure_database

    ensure_database()
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir)
        run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
