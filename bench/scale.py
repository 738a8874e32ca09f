"""A network with thousands of members, for directory and map benchmarks.

The issue's scale: 2,300 member municipalities in one network. Members are
places of Germany from the shipped GeoNames extract (coordinates and
population), with roles, topics and member-since dates spread like a real
network's; bulk-created so that setting up takes a second or two.
"""

import csv
import datetime
import random
from pathlib import Path

SLUG = "bench-netzwerk"
PLACES = Path(__file__).resolve().parent.parent / "voneinander/municipalities/data/places-de.tsv"
TOPICS = ["Verwaltungsorganisation", "Kreativwirtschaft", "Online-Handel", "Mobilität", "Bildung"]


def populate(members: int = 2300, seed: int = 7):
    """Create (once) the bench network with `members` members; return it."""
    from voneinander.municipalities.models import Municipality, MunicipalityKind
    from voneinander.networks.models import Membership, MembershipRole, Network

    network, created = Network.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Benchmark-Netzwerk",
            "short_name": "Bench",
            "operator": "Benchmark",
            "topics": TOPICS,
        },
    )
    if not created:
        return network
    rng = random.Random(seed)
    with PLACES.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    rows = rng.sample(rows, members)
    kinds = [
        MunicipalityKind.ORTSGEMEINDE,
        MunicipalityKind.STADT,
        MunicipalityKind.VERBANDSGEMEINDE,
    ]
    municipalities = Municipality.objects.bulk_create(
        Municipality(
            name=f"{row['name']} (Bench {index})",
            kind=rng.choice(kinds),
            state=row["state"],
            population=int(row["population"]) or None,
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
        )
        for index, row in enumerate(rows)
    )
    if municipalities[0].pk is None:  # backends without RETURNING on bulk insert
        municipalities = list(Municipality.objects.filter(name__contains="(Bench "))
    roles = [MembershipRole.MEMBER] * 18 + [MembershipRole.TRANSFER, MembershipRole.MENTOR]
    Membership.objects.bulk_create(
        Membership(
            network=network,
            municipality=municipality,
            role=rng.choice(roles),
            member_since=datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(2800)),
            topic_focuses=rng.sample(TOPICS, rng.randrange(0, 3)),
        )
        for municipality in municipalities
    )
    return network
