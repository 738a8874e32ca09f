"""Germany-scale bench data: `make bench-data` (python -m bench.data [--seed N] [--scale F]).

Fills the database named by DATABASE_URL (SQLite under var/ without it) with
all places of Germany as municipalities (through the GeoNames import of the
municipalities app), 50 networks, 20,000 users, 100,000 solutions with German
text, 10,000 events with sessions and 100,000 registrations, 20,000 news items
and 1,000,000 comments — at `--scale 1`; `--scale 0.01` makes a small data set
of the same shape. The same seed (and `--anchor` day) gives the same data.

Speed: every row is generated in Python and written without the ORM's
per-object work: COPY on PostgreSQL (psycopg `cursor.copy()`), `executemany`
elsewhere. Rows get explicit primary keys (the sequences are moved on at the
end), so nothing is read back between tables. One password hash is computed
and shared by all people (hashing 20,000 times would take an hour with
Argon2). Model signals do not fire, so no e-mail, notification or audit entry
is produced; the search index is rebuilt in batches at the end (skip with
`--no-search-index`).

Invariants kept, as the services would: one active membership per network and
municipality, solution owners are active members of the solution's network,
contacts work for the owner, discontinued solutions carry a reason, cost
ranges in order, one adoption per municipality, one active registration per
person and event, session bookings within capacity and one per round at
congresses, comments with exactly one target and the target's network, news
items marked as notified (the notification job stays quiet).

Stable names for the load benchmarks (the congress with 12 sessions and 300
registrations, the rush event, signed-in people and their password) are
printed at the end and written to var/bench-data.json.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import hashlib
import itertools
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

BENCH_PASSWORD = "bench-Passwort-2026"  # noqa: S105 - benchmark accounts on a throwaway database
STABLE = {
    "member": "bench-member@example.org",
    "coordinator": "bench-coordinator@example.org",
    "user": "bench-user@example.org",
}
CONGRESS_SLUG = "bench-kongress"
RUSH_SLUG = "bench-ansturm"
HOT_SOLUTION_SLUG = "bench-praxisbeispiel"
SOLUTION_SLUG = "bench-praxisbeispiel-2"
HOT_NEWS_SLUG = "bench-meldung"
USER_EMAIL = "bench-{n:05d}@example.org"

FULL = {
    "networks": 50,
    "users": 20_000,
    "solutions": 100_000,
    "events": 10_000,
    "registrations": 100_000,
    "news": 20_000,
    "comments": 1_000_000,
    "hot_comments": 20_000,  # on the hot solution and on the hot news item each
}
CONGRESS_REGISTRATIONS = 300
CONGRESS_SEATS = 60
RUSH_SEATS = 150
UTC = datetime.UTC

FIRST_NAMES = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Elena",
    "Felix",
    "Greta",
    "Hannah",
    "Jonas",
    "Julia",
    "Karl",
    "Katharina",
    "Lea",
    "Lukas",
    "Marie",
    "Martin",
    "Mia",
    "Moritz",
    "Nina",
    "Noah",
    "Paul",
    "Petra",
    "Sabine",
    "Sarah",
    "Simon",
    "Sophie",
    "Stefan",
    "Thomas",
    "Ursula",
    "Werner",
    "Yusuf",
    "Zeynep",
    "Frank",
    "Heike",
    "Jürgen",
    "Monika",
    "Andreas",
    "Birgit",
    "Dieter",
    "Ingrid",
]
LAST_NAMES = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Krause",
    "Meier",
    "Lehmann",
    "Demir",
    "Yılmaz",
    "Kowalski",
    "Nowak",
    "Schmid",
    "Graf",
    "Roth",
]
POSITIONS = (
    "Bürgermeisterin",
    "Bürgermeister",
    "Digitallotse",
    "Sachbearbeiterin IT",
    "Leiter Bürgerbüro",
    "Hauptamtsleiterin",
    "Ortsbürgermeister",
    "Beigeordnete",
    "Smart-City-Managerin",
    "Wirtschaftsförderer",
)
NETWORK_TOPICS = (
    "Verwaltung digital",
    "Mobilität",
    "Bildung",
    "Ehrenamt",
    "Gesundheit",
    "Daseinsvorsorge",
    "Tourismus",
    "Energie",
    "Bürgerbeteiligung",
)
RLP_NETWORKS = (
    ("Digitale Dörfer Rheinland-Pfalz", "DD RLP"),
    ("Smart-City-Netzwerk Rheinland-Pfalz", "Smart RLP"),
    ("Verwaltung digital Rheinland-Pfalz", "VD RLP"),
    ("Kommunale Datenräume Rheinland-Pfalz", "Daten RLP"),
    ("Ehrenamt digital Rheinland-Pfalz", "Ehrenamt RLP"),
)
STATE_PREFIXES = (
    ("Digitale Kommunen", "DK"),
    ("Smart Region", "SR"),
    ("Verwaltung 4.0", "V4"),
    ("Land digital", "LD"),
)
EVENT_TITLES = (
    "Netzwerktreffen",
    "Digitaler Stammtisch",
    "Arbeitsgruppe",
    "Praxiswerkstatt",
    "Vor-Ort-Besuch",
    "Online-Sprechstunde",
    "Fachtag",
    "Austauschrunde",
)
FUNDING = ("", "Landesmittel", "Eigenmittel", "Förderprogramm Digitale Dörfer")
NEWS_PREFIXES = ("Neu im Netzwerk:", "Rückblick:", "Förderaufruf:", "Praxisbericht:", "Termin:")


# --- Writing rows ------------------------------------------------------------------------


def insert(model, fields: list[str], rows) -> int:
    """Write rows (tuples in the order of `fields`; foreign keys as ids) without the ORM.

    COPY on PostgreSQL; `executemany` of the fields' database values elsewhere.
    """
    from django.db import connection, models

    meta_fields = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in meta_fields)
    table = quote(model._meta.db_table)
    count = 0
    if connection.vendor == "postgresql":
        json_columns = [
            index for index, field in enumerate(meta_fields) if isinstance(field, models.JSONField)
        ]
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                if json_columns:
                    row = list(row)
                    for index in json_columns:
                        row[index] = json.dumps(row[index])
                copy.write_row(row)
                count += 1
        return count
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from _meta
    with connection.cursor() as cursor:
        iterator = iter(rows)
        while chunk := list(itertools.islice(iterator, 5000)):
            cursor.executemany(
                sql,
                [
                    [
                        field.get_db_prep_save(value, connection)
                        for field, value in zip(meta_fields, row, strict=True)
                    ]
                    for row in chunk
                ],
            )
            count += len(chunk)
    return count


def next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def reset_sequences(models_) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


# --- The generator ----------------------------------------------------------------------


class Progress:
    def __init__(self, out):
        self.out = out
        self.timings: dict[str, tuple[int, float]] = {}
        self.started = time.perf_counter()

    def step(self, name: str, function):
        start = time.perf_counter()
        rows = function()
        seconds = time.perf_counter() - start
        self.timings[name] = (rows, seconds)
        self.out(f"  {name:<28} {rows:>10,} rows {seconds:8.1f} s")
        return rows


def counts_for(scale: float) -> dict[str, int]:
    counts = {name: round(value * scale) for name, value in FULL.items()}
    counts["networks"] = max(3, counts["networks"])
    counts["users"] = max(40, counts["users"])
    counts["hot_comments"] = max(5, counts["hot_comments"])
    return counts


class Generator:
    def __init__(self, *, seed: int, scale: float, anchor: datetime.date, out=print):
        self.seed = seed
        self.scale = scale
        self.rng = random.Random(seed)
        self.counts = counts_for(scale)
        self.now = datetime.datetime.combine(anchor, datetime.time(6, 0), tzinfo=UTC)
        self.progress = Progress(out)
        self.out = out

    def days_ago(self, low: int, high: int) -> datetime.datetime:
        return self.now - datetime.timedelta(
            days=self.rng.randint(low, high), minutes=self.rng.randrange(24 * 60)
        )

    # -- text --
    def _prepare_text(self) -> None:
        from bench.search import _corpus

        sentences, titles, words = _corpus()
        self.sentences, self.titles, self.words = sentences, titles, words

    def title(self) -> str:
        rng = self.rng
        title_words = rng.choice(self.titles).split()
        rng.shuffle(title_words)
        return " ".join(title_words[: rng.randint(2, 6)] + rng.sample(self.words, 1))[:200]

    def text(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(self.sentences) for _ in range(self.rng.randint(low, high)))

    # -- steps --
    def municipalities(self) -> int:
        from voneinander.municipalities.models import Municipality
        from voneinander.municipalities.places import PLACES_DE, open_rows
        from voneinander.municipalities.services import import_geonames_places

        rows = list(open_rows(PLACES_DE))
        if self.scale < 1:
            keep = max(60, round(len(rows) * self.scale))
            rows = [rows[i] for i in sorted(self.rng.sample(range(len(rows)), keep))]
        before = Municipality.objects.count()
        import_geonames_places(rows=rows, create_missing=True)
        # The import skips a place whose name is taken in its state (a namesake or a
        # district of it); the bench data wants every place, so these get a qualifier.
        known = set(Municipality.objects.values_list("geonames_id", flat=True))
        extra = []
        for row in rows:
            if int(row["geonames_id"]) not in known:
                extra.append(
                    Municipality(
                        name=f"{row['name']} ({row['geonames_id']})",
                        kind="ortsgemeinde" if row["state"] == "RP" else "verbandsfreie_gemeinde",
                        state=row["state"],
                        population=int(row["population"] or 0) or None,
                        latitude=float(row["latitude"]),
                        longitude=float(row["longitude"]),
                        geonames_id=int(row["geonames_id"]),
                        import_source="Benchmark data",
                    )
                )
        Municipality.objects.bulk_create(extra, batch_size=2000)
        places = [int(row["geonames_id"]) for row in rows]
        by_geonames = dict(
            Municipality.objects.filter(geonames_id__in=places).values_list("geonames_id", "pk")
        )
        states = dict(
            Municipality.objects.filter(geonames_id__in=places).values_list("pk", "state")
        )
        # Ordered by GeoNames id: the same places get the same roles, whatever the pks.
        self.municipality_ids = [by_geonames[g] for g in sorted(places)]
        self.state_of = states
        return Municipality.objects.count() - before

    def networks(self) -> int:
        from voneinander.municipalities.gv100ad import STATE_CODES
        from voneinander.networks.models import Membership, Network

        rng = self.rng
        state_names = {code: name for name, code in STATE_CODES.items()}
        by_state: dict[str, list[int]] = defaultdict(list)
        for pk in self.municipality_ids:
            by_state[self.state_of[pk]].append(pk)
        total = self.counts["networks"]
        rlp = max(1, round(total * len(RLP_NETWORKS) / FULL["networks"]))
        others = total - rlp
        other_states = sorted((s for s in by_state if s != "RP"), key=lambda s: -len(by_state[s]))
        weights = {s: len(by_state[s]) for s in other_states}
        whole = sum(weights.values())
        shares = {s: others * w / whole for s, w in weights.items()}
        per_state = {s: int(v) for s, v in shares.items()}
        for state in sorted(shares, key=lambda s: per_state[s] - shares[s])[
            : others - sum(per_state.values())
        ]:
            per_state[state] += 1
        plan: list[tuple[str, str, str, list[int]]] = []
        for number in range(rlp):
            name, short = RLP_NETWORKS[number % len(RLP_NETWORKS)]
            if number >= len(RLP_NETWORKS):
                name, short = f"{name} {number + 1}", f"{short} {number + 1}"
            members = by_state["RP"]
            plan.append(
                (name, short, "RP", rng.sample(members, int(len(members) * rng.uniform(0.93, 1.0))))
            )
        for state in other_states:
            for number in range(per_state[state]):
                prefix, short = STATE_PREFIXES[number % len(STATE_PREFIXES)]
                name = f"{prefix} {state_names.get(state, state)}"
                if number >= len(STATE_PREFIXES):
                    name = f"{name} {number + 1}"
                members = by_state[state]
                size = max(1, int(len(members) * rng.uniform(0.3, 0.8)))
                plan.append(
                    (name, f"{short} {state} {number + 1}"[:40], state, rng.sample(members, size))
                )

        first_network = next_id(Network)
        first_membership = next_id(Membership)
        self.network_ids, self.network_slugs, self.members = [], [], []
        network_rows, membership_rows = [], []
        membership_id = first_membership
        self.memberships: list[tuple[int, int, int]] = []  # (membership, network, municipality)
        for offset, (name, short, state, members) in enumerate(plan):
            pk = first_network + offset
            slug = "bench-" + "-".join(short.lower().replace(".", "").split())
            slug = f"{slug}-{offset + 1}"[:60]
            self.network_ids.append(pk)
            self.network_slugs.append(slug)
            self.members.append(sorted(members))
            topics = rng.sample(NETWORK_TOPICS, 3)
            network_rows.append(
                (
                    pk,
                    name,
                    short,
                    slug,
                    f"{name}: Kommunen lernen voneinander. " + self.text(2, 4),
                    "Ministerium des Innern" if state == "RP" else f"Landesverwaltung {state}",
                    [],
                    "",
                    topics,
                    f"kontakt@{slug}.example.org",
                    "",
                    "",
                    False,
                    self.days_ago(400, 2000),
                )
            )
            for municipality in sorted(members):
                roles = ["member"] * 18 + ["transfer", "mentor"]
                membership_rows.append(
                    (
                        membership_id,
                        pk,
                        municipality,
                        rng.choice(roles),
                        "active",
                        (self.now - datetime.timedelta(days=rng.randint(30, 2500))).date(),
                        None,
                        rng.sample(topics, rng.randint(0, 2)),
                        "",
                    )
                )
                self.memberships.append((membership_id, pk, municipality))
                membership_id += 1
        self.progress.step(
            "networks",
            lambda: insert(
                Network,
                [
                    "id", "name", "short_name", "slug", "description", "operator",
                    "target_kinds", "target_group", "topics", "contact_email", "website",
                    "postal_address", "comments_premoderated", "created_at",
                ],
                network_rows,
            ),
        )  # fmt: skip
        return insert(
            Membership,
            [
                "id", "network", "municipality", "role", "status", "member_since",
                "left_on", "topic_focuses", "news_draft",
            ],
            membership_rows,
        )  # fmt: skip

    def users(self) -> int:
        from allauth.account.models import EmailAddress
        from django.contrib.auth.hashers import make_password

        from voneinander.accounts.models import User

        rng = self.rng
        password = make_password(BENCH_PASSWORD, salt="benchdata")
        first = next_id(User)
        member_municipalities = [m for _id, _network, m in self.memberships]
        self.user_ids: list[int] = []
        self.users_of: dict[int, list[int]] = defaultdict(list)  # confirmed, per municipality
        self.user_email: dict[int, str] = {}
        rows = []
        home = self.memberships[0][2]  # bench-member's municipality: in the first network
        stable = [
            (STABLE["member"], home, True),
            (STABLE["coordinator"], None, False),
            (STABLE["user"], None, False),
        ]
        for number in range(self.counts["users"]):
            pk = first + number
            if number < len(stable):
                email, municipality, confirmed = stable[number]
            else:
                email = USER_EMAIL.format(n=number - len(stable))
                municipality = rng.choice(member_municipalities) if rng.random() < 0.85 else None
                confirmed = municipality is not None and rng.random() < 0.8
            joined = self.days_ago(1, 900)
            rows.append(
                (
                    pk,
                    password,
                    None,
                    False,
                    rng.choice(FIRST_NAMES),
                    rng.choice(LAST_NAMES),
                    False,
                    True,
                    joined,
                    email,
                    rng.choice(POSITIONS) if municipality else "",
                    "" if municipality else rng.choice(("", "Landesverwaltung", "Kreisverwaltung")),
                    municipality,
                    joined if confirmed else None,
                    None,
                    f"+49 6{rng.randint(100, 999)} {rng.randint(10000, 999999)}"
                    if municipality
                    else "",
                    rng.choice(("public", "network", "network", "nobody")),
                )
            )
            self.user_ids.append(pk)
            self.user_email[pk] = email
            if confirmed:
                self.users_of[municipality].append(pk)
        count = insert(
            User,
            [
                "id", "password", "last_login", "is_superuser", "first_name", "last_name",
                "is_staff", "is_active", "date_joined", "email", "position", "organisation",
                "municipality", "municipality_confirmed_at", "municipality_confirmed_by",
                "phone", "contact_visibility",
            ],
            rows,
        )  # fmt: skip
        self.progress.step(
            "email addresses",
            lambda: insert(
                EmailAddress,
                ["user", "email", "verified", "primary"],
                ((row[0], row[9], True, True) for row in rows),
            ),
        )
        return count

    def roles(self) -> int:
        from voneinander.networks.models import ContactPerson, NetworkCoordinator

        rng = self.rng
        coordinator = self.user_ids[1]
        plain = self.user_ids[3:]
        coordinators = []
        for index, network in enumerate(self.network_ids):
            people = rng.sample(plain, 2)
            if index == 0:
                people = [coordinator, *people]
            coordinators += [(network, user, self.days_ago(10, 700)) for user in people]
        self.coordinators_of = defaultdict(list)
        for network, user, _since in coordinators:
            self.coordinators_of[network].append(user)
        insert(NetworkCoordinator, ["network", "user", "since"], coordinators)
        contacts = []
        member = self.user_ids[0]
        for index, (membership, _network, municipality) in enumerate(self.memberships):
            people = self.users_of.get(municipality, [])
            if index == 0:
                contacts.append((membership, member, True))
            elif people and rng.random() < 0.3:
                for position, user in enumerate(
                    rng.sample(people, min(len(people), rng.randint(1, 2)))
                ):
                    contacts.append((membership, user, position == 0))
        return len(coordinators) + insert(
            ContactPerson, ["membership", "user", "is_primary"], contacts
        )

    def solutions(self) -> int:
        from django.utils.text import slugify

        from voneinander.knowledge.models import Adoption, Solution, Topic

        rng = self.rng
        topics = list(Topic.objects.order_by("pk").values_list("pk", flat=True))
        first = next_id(Solution)
        weights = list(itertools.accumulate(len(m) for m in self.members))
        statuses = [
            "idea",
            "planning",
            "pilot",
            "operation",
            "operation",
            "operation",
            "discontinued",
        ]
        self.solution_ids, self.solution_network, self.solution_created = [], [], []
        self.solution_slugs = []
        through = Solution.topics.through
        topic_rows, adoption_rows = [], []

        def rows():
            for number in range(self.counts["solutions"]):
                pk = first + number
                network_index = (
                    0 if number < 2 else bisect.bisect(weights, rng.randrange(weights[-1]))
                )
                members = self.members[network_index]
                owner = members[0] if number < 2 else rng.choice(members)
                title = self.title()
                if number < 2:
                    slug = HOT_SOLUTION_SLUG if number == 0 else SOLUTION_SLUG
                else:
                    slug = f"{slugify(title)[:100].strip('-') or 'praxisbeispiel'}-{pk}"
                status = rng.choice(statuses)
                text = [rng.choice(self.sentences) for _ in range(rng.randint(5, 10))]
                created = self.days_ago(5, 1500)
                one_off = (
                    sorted(rng.sample(range(0, 50_000, 500), 2))
                    if rng.random() < 0.5
                    else [None, None]
                )
                yearly = (
                    sorted(rng.sample(range(0, 10_000, 100), 2))
                    if rng.random() < 0.4
                    else [None, None]
                )
                contacts = self.users_of.get(owner)
                contact = rng.choice(contacts) if contacts else None
                self.solution_ids.append(pk)
                self.solution_network.append(self.network_ids[network_index])
                self.solution_created.append(created)
                self.solution_slugs.append(slug)
                for topic in rng.sample(topics, rng.randint(1, 3)):
                    topic_rows.append((pk, topic))
                if rng.random() < 0.3:
                    adopters = rng.sample(members, min(len(members), rng.randint(1, 5)))
                    for municipality in adopters:
                        if municipality != owner:
                            adoption_rows.append(
                                (
                                    pk, municipality,
                                    rng.choice(("interested", "adopting", "in_use", "in_use")),
                                    (created + datetime.timedelta(days=rng.randint(1, 300))).date(),
                                    None,
                                    self.text(1, 3) if rng.random() < 0.5 else "",
                                    None, None, created, created,
                                )
                            )  # fmt: skip
                yield (
                    pk, title, slug, text[0][:400], " ".join(text[1:3]), " ".join(text[3:5]),
                    self.text(1, 2), " ".join(text[5:]), self.text(1, 2),
                    "## Umsetzung\n\n" + self.text(2, 5),
                    status, self.text(1, 1) if status == "discontinued" else "",
                    self.network_ids[network_index], owner,
                    "network" if number >= 2 and rng.random() < 0.1 else "public",
                    one_off[0], one_off[1], yearly[0], yearly[1],
                    rng.choice(FUNDING),
                    rng.choice(("", "3 Monate", "6 Monate bis zum Pilot", "1 Jahr")),
                    rng.choice(("", "2 Tage im Monat", "eine halbe Stelle")),
                    self.text(0, 2), contact, "", rng.random() < 0.01, None, None, contact,
                    created, created + datetime.timedelta(days=rng.randint(0, 100)),
                )  # fmt: skip

        count = insert(
            Solution,
            [
                "id", "title", "slug", "summary", "problem", "what_it_is", "benefits",
                "how_it_works", "suits", "description", "status", "discontinued_reason",
                "network", "owner", "visibility", "costs_one_off_min", "costs_one_off_max",
                "costs_yearly_min", "costs_yearly_max", "funding_source", "duration",
                "staff_effort", "lessons_learned", "contact", "website", "featured",
                "archived_at", "merged_into", "created_by", "created_at", "updated_at",
            ],
            rows(),
        )  # fmt: skip
        self.progress.step(
            "solution topics", lambda: insert(through, ["solution", "topic"], topic_rows)
        )
        self.progress.step(
            "adoptions",
            lambda: insert(
                Adoption,
                [
                    "solution", "municipality", "status", "started_on", "ended_on", "report",
                    "contact", "created_by", "created_at", "updated_at",
                ],
                adoption_rows,
            ),
        )  # fmt: skip
        return count

    def events(self) -> int:
        from django.utils.text import slugify

        from voneinander.events.models import Event, Round, Session

        rng = self.rng
        first, first_round, first_session = next_id(Event), next_id(Round), next_id(Session)
        event_rows, network_rows, round_rows, session_rows = [], [], [], []
        self.event_ids, self.event_start, self.event_sessions = [], {}, {}
        round_id, session_id = first_round, first_session
        kinds = (
            ["meeting"] * 4 + ["stammtisch"] * 2 + ["working_group", "site_visit", "seminar_date"]
        )
        for number in range(self.counts["events"] + 2):
            pk = first + number
            if number < 2:  # the benchmark congress and the rush event
                kind = "congress"
                title = (
                    "Benchmark-Kongress Digitale Kommunen" if number == 0 else "Benchmark-Ansturm"
                )
                slug = CONGRESS_SLUG if number == 0 else RUSH_SLUG
                day = (self.now + datetime.timedelta(days=30 + number)).replace(hour=8, minute=0)
                network_indexes = [0]
                visibility = "public"
            else:
                kind = "congress" if rng.random() < 0.05 else rng.choice(kinds)
                base = rng.choice(EVENT_TITLES) if kind != "congress" else "Kongress"
                title = f"{base}: {self.title()}"[:200]
                slug = f"{slugify(title)[:60].strip('-')}-{pk}"
                day = (self.now + datetime.timedelta(days=rng.randint(-730, 365))).replace(
                    hour=rng.randint(8, 18), minute=rng.choice((0, 30))
                )
                network_indexes = rng.sample(
                    range(len(self.network_ids)), 1 if rng.random() < 0.9 else 2
                )
                visibility = "public" if rng.random() < 0.85 else "members"
            ends = day + datetime.timedelta(hours=8 if kind == "congress" else 2)
            created = min(day, self.now) - datetime.timedelta(days=rng.randint(20, 120))
            congress_rules = kind == "congress"
            event_rows.append(
                (
                    pk, None, kind, title, slug, self.text(1, 1)[:300], self.text(2, 6), visibility,
                    day, ends, rng.choice(("online", "onsite", "hybrid")),
                    "" if kind == "meeting" else f"Bürgerhaus {rng.choice(LAST_NAMES)}", "", 30, "",
                    True, None, None, None, None, 2 if congress_rules else None, congress_rules,
                    number < 2, False, "first_come", None, [], "organisers", False, None, None,
                    {}, None, None, None, created, created, None,
                )
            )  # fmt: skip
            for index in network_indexes:
                network_rows.append((pk, self.network_ids[index]))
            self.event_ids.append(pk)
            self.event_start[pk] = day
            sessions: list[tuple[int, int | None, int | None]] = []  # (session, round, capacity)
            if kind == "congress":
                for round_number in range(2):
                    begins = day + datetime.timedelta(hours=2 + 3 * round_number)
                    round_rows.append(
                        (
                            round_id,
                            pk,
                            f"Workshop-Runde {round_number + 1}",
                            begins,
                            begins + datetime.timedelta(hours=2),
                        )
                    )
                    for index in range(6):
                        capacity = (
                            CONGRESS_SEATS
                            if number == 0
                            else RUSH_SEATS
                            if number == 1
                            else rng.choice((30, 60, 120))
                        )
                        session_rows.append(
                            (
                                session_id, pk, round_id, "workshop",
                                f"Workshop {round_number + 1}.{index + 1}: {self.title()}"[:200],
                                f"Thema {(index + round_number) % 9}", self.text(1, 3), begins,
                                begins + datetime.timedelta(hours=2), capacity, f"Raum {index + 1}",
                            )
                        )  # fmt: skip
                        sessions.append((session_id, round_id, capacity))
                        session_id += 1
                    round_id += 1
            elif rng.random() < 0.3:
                for index in range(rng.randint(1, 3)):
                    begins = day + datetime.timedelta(minutes=40 * index)
                    session_rows.append(
                        (
                            session_id, pk, None,
                            rng.choice(("talk", "workshop", "member_contribution")),
                            self.title(), "", self.text(1, 2), begins,
                            begins + datetime.timedelta(minutes=40), None, "",
                        )
                    )  # fmt: skip
                    sessions.append((session_id, None, None))
                    session_id += 1
            self.event_sessions[pk] = sessions
        count = insert(
            Event,
            [
                "id", "series", "kind", "title", "slug", "summary", "description", "visibility",
                "starts_at", "ends_at", "format", "location", "meeting_url",
                "meeting_link_opens_minutes", "bbb_meeting_id", "registration_enabled",
                "registration_opens_at", "registration_closes_at", "cancellation_deadline",
                "capacity", "max_sessions_per_person", "one_session_per_round",
                "one_session_per_topic", "requires_approval", "allocation_mode",
                "preferences_close_at", "reminder_hours", "participant_list_visibility",
                "self_check_in", "retention_days", "personal_data_purged_at", "retained_figures",
                "working_group", "seminar_module", "created_by", "created_at", "updated_at",
                "cancelled_at",
            ],
            event_rows,
        )  # fmt: skip
        insert(Event.networks.through, ["event", "network"], network_rows)
        insert(Round, ["id", "event", "title", "starts_at", "ends_at"], round_rows)
        self.progress.step(
            "sessions",
            lambda: insert(
                Session,
                [
                    "id", "event", "round", "kind", "title", "topic", "description",
                    "starts_at", "ends_at", "capacity", "room",
                ],
                session_rows,
            ),
        )  # fmt: skip
        return count

    def registrations(self) -> int:
        from voneinander.events.models import Registration, SessionBooking

        rng = self.rng
        first = next_id(Registration)
        # The rush event (event_ids[1]) starts empty: the load benchmark fills it.
        congress = self.event_ids[0]
        people = self.user_ids[3:]
        pool = [
            e
            for e in self.event_ids[2:]
            for _ in range(3 if len(self.event_sessions[e]) == 12 else 1)
        ]
        taken: set[tuple[int, int]] = set()
        booked: Counter = Counter()
        registration_rows, booking_rows = [], []
        total = self.counts["registrations"]
        pk = first
        congress_people = people[: min(CONGRESS_REGISTRATIONS, len(people))]
        plan = [(congress, user) for user in congress_people]
        attempts = 0
        while len(plan) < total and pool and attempts < total * 3:
            attempts += 1
            pair = (rng.choice(pool), rng.choice(people))
            if pair not in taken and pair[0] != congress:
                taken.add(pair)
                plan.append(pair)
        for index, (event, user) in enumerate(plan):
            start = self.event_start[event]
            created = min(start, self.now) - datetime.timedelta(
                days=rng.randint(1, 60), minutes=rng.randrange(1440)
            )
            status = "confirmed" if event == congress or rng.random() < 0.95 else "cancelled"
            registration_rows.append(
                (pk, event, user, status, {}, rng.random() < 0.4, created, created, None)
            )
            sessions = self.event_sessions[event]
            if sessions and status == "confirmed":
                if event == congress:
                    choices = [sessions[index % 6], sessions[6 + (index + 1) % 6]]
                elif sessions[0][1] is not None:  # rounds: one session per round
                    rounds = defaultdict(list)
                    for session in sessions:
                        rounds[session[1]].append(session)
                    choices = [rng.choice(group) for group in rounds.values()]
                else:
                    choices = [rng.choice(sessions)]
                for session, _round, capacity in choices:
                    if capacity is None or booked[session] < capacity:
                        booked[session] += 1
                        booking_rows.append(
                            (
                                pk,
                                session,
                                "confirmed",
                                created,
                                created,
                                start < self.now and rng.random() < 0.8,
                            )
                        )
            pk += 1
        count = insert(
            Registration,
            [
                "id", "event", "user", "status", "answers", "list_consent", "created_at",
                "updated_at", "checked_in_at",
            ],
            registration_rows,
        )  # fmt: skip
        self.progress.step(
            "session bookings",
            lambda: insert(
                SessionBooking,
                ["registration", "session", "status", "created_at", "updated_at", "attended"],
                booking_rows,
            ),
        )
        return count

    def news(self) -> int:
        from django.utils.text import slugify

        from voneinander.news.models import NewsItem

        rng = self.rng
        first = next_id(NewsItem)
        self.news_ids, self.news_network, self.news_created, self.news_slugs = [], [], [], []

        def rows():
            for number in range(self.counts["news"] + 1):
                pk = first + number
                network_index = 0 if number == 0 else rng.randrange(len(self.network_ids))
                network = None if number and rng.random() < 0.1 else self.network_ids[network_index]
                title = f"{rng.choice(NEWS_PREFIXES)} {self.title()}"[:200]
                slug = HOT_NEWS_SLUG if number == 0 else f"{slugify(title)[:200].strip('-')}-{pk}"
                created = self.days_ago(3, 1200)
                draw = rng.random()
                if number == 0 or draw < 0.95:
                    published = created + datetime.timedelta(hours=rng.randint(0, 48))
                    published = min(published, self.now - datetime.timedelta(hours=1))
                elif draw < 0.98:
                    published = self.now + datetime.timedelta(days=rng.randint(1, 30))
                else:
                    published = None
                if published is not None and published <= self.now:
                    self.news_ids.append(pk)
                    self.news_network.append(network)
                    self.news_created.append(published)
                    self.news_slugs.append(slug)
                author = rng.choice(self.coordinators_of[self.network_ids[network_index]])
                yield (
                    pk, network, title, slug, self.text(1, 2)[:600], self.text(4, 12), author,
                    published, "", True, None, created if published else None, created, created,
                )  # fmt: skip

        return insert(
            NewsItem,
            [
                "id", "network", "title", "slug", "teaser", "text", "author", "published_at",
                "video_url", "comments_enabled", "membership", "notified_at", "created_at",
                "updated_at",
            ],
            rows(),
        )  # fmt: skip

    def comments(self) -> int:
        from voneinander.comments.models import Comment

        rng = self.rng
        first = next_id(Comment)
        texts = [
            self.text(1, 3)[:3000]
            for _ in range(min(5000, max(100, self.counts["comments"] // 50)))
        ]
        moderator = self.user_ids[1]
        people = self.user_ids
        hot = self.counts["hot_comments"]
        total = self.counts["comments"]
        solutions, news = len(self.solution_ids), len(self.news_ids)

        def rows():
            for number in range(total):
                if number < hot:
                    target, on_news = 0, False
                elif number < 2 * hot:
                    target, on_news = 0, True
                else:
                    on_news = number % 2 == 1
                    # Skewed: a few targets get many comments, most get a few.
                    target = 2 + int(((news if on_news else solutions) - 2) * rng.random() ** 2)
                if on_news:
                    news_id, solution_id = self.news_ids[target], None
                    network, since = self.news_network[target], self.news_created[target]
                else:
                    news_id, solution_id = None, self.solution_ids[target]
                    network, since = self.solution_network[target], self.solution_created[target]
                span = max(60, int((self.now - since).total_seconds()) - 60)
                created = since + datetime.timedelta(seconds=rng.randrange(span))
                draw = rng.random()
                if draw < 0.97:
                    status, reason, by, at = "visible", "", None, None
                elif draw < 0.99:
                    status, reason, by, at = "pending", "", None, None
                else:
                    status, reason, by, at = (
                        "hidden",
                        "Verstößt gegen die Netiquette.",
                        moderator,
                        created,
                    )
                yield (
                    first + number, news_id, solution_id, network, rng.choice(people),
                    rng.choice(texts), status, reason, by, at, created, None,
                )  # fmt: skip

        return insert(
            Comment,
            [
                "id", "news", "solution", "network", "author", "text", "status",
                "hidden_reason", "moderated_by", "moderated_at", "created_at", "edited_at",
            ],
            rows(),
        )  # fmt: skip

    def search_index(self) -> int:
        from voneinander.search.services import rebuild

        return sum(rebuild(batch_size=2000).values())

    def run(self, *, search_index: bool = True) -> dict:
        from django.apps import apps
        from django.db import transaction

        self._prepare_text()
        step = self.progress.step
        with transaction.atomic():
            step("municipalities", self.municipalities)
            step("memberships", self.networks)
            step("users", self.users)
            step("coordinators and contacts", self.roles)
        with transaction.atomic():
            step("solutions", self.solutions)
        with transaction.atomic():
            step("events", self.events)
            step("registrations", self.registrations)
        with transaction.atomic():
            step("news items", self.news)
            step("comments", self.comments)
        reset_sequences(list(apps.get_models(include_auto_created=True)))
        if search_index:
            step("search index", self.search_index)
        self.out(
            f"  {'total':<28} {'':>10}      {time.perf_counter() - self.progress.started:8.1f} s"
        )
        return self.stable_names()

    def stable_names(self) -> dict:
        network = self.network_slugs[0]
        return {
            "seed": self.seed,
            "scale": self.scale,
            "anchor": self.now.date().isoformat(),
            "password": BENCH_PASSWORD,
            "users": {**STABLE, "pattern": USER_EMAIL, "count": len(self.user_ids) - 3},
            "network": network,
            "networks": self.network_slugs,
            "congress": CONGRESS_SLUG,
            "congress_registrations": min(CONGRESS_REGISTRATIONS, len(self.user_ids) - 3),
            "rush_event": RUSH_SLUG,
            "rush_seats": RUSH_SEATS * 12,
            "solution": SOLUTION_SLUG,
            "hot_solution": HOT_SOLUTION_SLUG,
            "hot_news": HOT_NEWS_SLUG,
            "hot_comments": self.counts["hot_comments"],
            "search_queries": ["Mitfahrbank", "Dorfladen", "Glasfaser", "Ehrenamt"],
            "timings": {
                name: round(seconds, 2) for name, (_rows, seconds) in self.progress.timings.items()
            },
        }


# --- Checks ------------------------------------------------------------------------------


BENCH_MODELS = (
    "networks.Network",
    "accounts.User",
    "knowledge.Solution",
    "events.Event",
    "news.NewsItem",
    "comments.Comment",
)


def existing_data() -> dict[str, int]:
    """Rows the database holds already in the tables the generator fills (migrations fill none)."""
    from django.apps import apps

    counts = {label: apps.get_model(label).objects.count() for label in BENCH_MODELS}
    return {label: count for label, count in counts.items() if count}


def content_digest() -> str:
    """A hash of the generated content by natural keys (not by primary keys)."""
    from voneinander.accounts.models import User
    from voneinander.comments.models import Comment
    from voneinander.events.models import Registration, SessionBooking
    from voneinander.knowledge.models import Adoption, Solution
    from voneinander.networks.models import Membership

    digest = hashlib.sha256()
    parts = [
        (User, ["email"], ["first_name", "last_name", "municipality__geonames_id"]),
        (Membership, ["network__slug", "municipality__geonames_id"], ["role"]),
        (Solution, ["slug"], ["title", "owner__geonames_id", "network__slug", "status"]),
        (Adoption, ["solution__slug", "municipality__geonames_id"], ["status"]),
        (Registration, ["event__slug", "user__email"], ["status", "event__starts_at"]),
        (
            SessionBooking,
            ["registration__event__slug", "registration__user__email", "session__title"],
            ["status"],
        ),
        (Comment, ["created_at", "text", "author__email"], ["solution__slug", "news__slug"]),
    ]
    for model, keys, values in parts:
        query = model.objects.order_by(*keys).values_list(*keys, *values)
        for row in query.iterator(chunk_size=5000):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def generate(
    *,
    seed: int = 1,
    scale: float = 1.0,
    anchor: datetime.date | None = None,
    force: bool = False,
    search_index: bool = True,
    out=print,
) -> dict:
    """Fill the database; return the stable names (see the module docstring)."""
    if not 0 < scale <= 1:
        raise ValueError("scale must be above 0 and at most 1")
    found = existing_data()
    if found and not force:
        listing = ", ".join(f"{count:,} {label}" for label, count in found.items())
        raise RuntimeError(
            f"The database already holds data ({listing}). bench.data fills an empty "
            "database; point DATABASE_URL at a fresh one, or pass --force to add the bench "
            "data anyway (it then fails if the bench data was loaded before)."
        )
    anchor = anchor or datetime.datetime.now(UTC).date()
    generator = Generator(seed=seed, scale=scale, anchor=anchor, out=out)
    return generator.run(search_index=search_index)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voneinander.settings")
    os.environ.setdefault("EMAIL_URL", "dummy://")
    import django

    django.setup()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.data", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = Germany scale; 0.01 = small")
    parser.add_argument(
        "--anchor", type=datetime.date.fromisoformat, help="'today' of the data (YYYY-MM-DD)"
    )
    parser.add_argument("--force", action="store_true", help="add to a database that holds data")
    parser.add_argument("--no-search-index", action="store_true", help="skip rebuilding the index")
    parser.add_argument("--output", type=Path, help="where to write the stable names (JSON)")
    args = parser.parse_args(argv)
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    print(f"Database: {connection.vendor} {settings.DATABASES['default'].get('NAME')}")
    call_command("migrate", verbosity=0)
    print(f"Generating bench data (seed {args.seed}, scale {args.scale}) …")
    try:
        names = generate(
            seed=args.seed,
            scale=args.scale,
            anchor=args.anchor,
            force=args.force,
            search_index=not args.no_search_index,
        )
    except (RuntimeError, ValueError) as error:
        print(f"Refused: {error}", file=sys.stderr)
        return 2
    if connection.vendor == "postgresql":
        # Fresh statistics and visibility maps: the planner and index-only scans need them.
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"  {'vacuum analyze':<28} {'':>10}      {time.perf_counter() - start:8.1f} s")
    output = args.output or Path(settings.VAR_DIR) / "bench-data.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(names, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"Benchmark event: /veranstaltungen/{CONGRESS_SLUG}/ (slug {CONGRESS_SLUG!r}, 12 sessions)"
    )
    print(f"Rush event: {RUSH_SLUG!r}; network {names['network']!r}")
    print(f"Sign in as {STABLE['member']}, {STABLE['coordinator']}, {STABLE['user']} or")
    print(f"  {USER_EMAIL.format(n=0)} … with the password {BENCH_PASSWORD!r}")
    print(f"Stable names written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
