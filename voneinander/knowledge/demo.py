"""Demo data for knowledge (part of load_demo_data): the German demo catalogue.

The data lives in demo_catalogue.py. A solution or alliance whose address exists
is left alone, so a second run changes nothing and what people changed in the
demo stays; a reuse is added only where the municipality has none for that
solution. Rows are written directly and in bulk, not through the services, so
that loading sends no e-mail and records no audit events. Creation dates are set
to the documented dates, so that the programme figures have a history.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

from voneinander.accounts.models import User
from voneinander.knowledge.demo_catalogue import ADOPTIONS, ALLIANCES, SOLUTIONS
from voneinander.knowledge.models import (
    Adoption,
    Alliance,
    AlliancePartner,
    ConsentState,
    ContactRequest,
    Introduction,
    RequestKind,
    RequestStatus,
    Software,
    Solution,
    Topic,
)
from voneinander.municipalities.demo import find
from voneinander.municipalities.models import Municipality
from voneinander.networks.models import Membership, Network

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
MINISTRY_EMAIL = "koordination@mdi-rlp.example.org"

_SOLUTION_FIELDS = [
    "title",
    "summary",
    "problem",
    "what_it_is",
    "benefits",
    "how_it_works",
    "suits",
    "description",
    "status",
    "discontinued_reason",
    "funding_source",
    "duration",
    "staff_effort",
    "lessons_learned",
    "website",
    "featured",
    "visibility",
]
_SOFTWARE_FIELDS = ["name", "licence", "is_open_source", "repository_url", "website", "vendor"]


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _moment(day: datetime.date) -> datetime.datetime:
    """Ten in the morning of `day`, but never later than now."""
    moment = datetime.datetime(day.year, day.month, day.day, 10, tzinfo=BERLIN)
    return min(moment, timezone.now())


def _members(networks: dict[str, Network]) -> dict[str, Municipality]:
    """Member name → municipality, over both demo networks (names are unique there)."""
    memberships = Membership.objects.filter(network__in=networks.values()).select_related(
        "municipality"
    )
    return {m.municipality.name: m.municipality for m in memberships}


def _municipality(ref, members: dict[str, Municipality]) -> Municipality:
    if isinstance(ref, str):
        return members[ref]
    return find(*ref)


def _solution(spec: dict, networks, members, people) -> Solution:
    values = {field: spec[field] for field in _SOLUTION_FIELDS if field in spec}
    for kind in ("one_off", "yearly"):
        low, high = spec.get(f"costs_{kind}") or (None, None)
        values[f"costs_{kind}_min"] = low
        values[f"costs_{kind}_max"] = high
    contact = people.get(spec["contact"]) if spec.get("contact") else None
    return Solution(
        slug=spec["slug"],
        network=networks[spec["network"]],
        owner=members[spec["owner"]],
        contact=contact,
        created_by=contact,
        **values,
    )


def _create_solutions(specs, networks, members, people, topics) -> None:
    Solution.objects.bulk_create(_solution(spec, networks, members, people) for spec in specs)
    created = Solution.objects.in_bulk([spec["slug"] for spec in specs], field_name="slug")
    software, topic_links, partner_links = [], [], []
    for spec in specs:
        solution = created[spec["slug"]]
        solution.created_at = _moment(_date(spec["documented_on"]))
        for entry in spec.get("software", []):
            values = {field: entry[field] for field in _SOFTWARE_FIELDS if field in entry}
            software.append(Software(solution=solution, **values))
        topic_links += [
            Solution.topics.through(solution=solution, topic=topics[slug])
            for slug in spec["topics"]
        ]
        partner_links += [
            Solution.partners.through(solution=solution, municipality=_municipality(ref, members))
            for ref in spec.get("partners", [])
        ]
    Solution.objects.bulk_update(created.values(), ["created_at"])
    Software.objects.bulk_create(software)
    Solution.topics.through.objects.bulk_create(topic_links)
    Solution.partners.through.objects.bulk_create(partner_links)


def _contacts_by_municipality() -> dict[int, User]:
    """The first confirmed demo account of each municipality."""
    contacts: dict[int, User] = {}
    users = User.objects.filter(
        municipality__isnull=False, municipality_confirmed_at__isnull=False
    ).order_by("pk")
    for user in users:
        contacts.setdefault(user.municipality_id, user)
    return contacts


def _create_adoptions(solutions: dict[str, Solution], members, ministry: User | None) -> None:
    """Recorded by the municipality's demo account, else by the Transferstelle (ministry)."""
    recorded = set(
        Adoption.objects.filter(solution__in=solutions.values()).values_list(
            "solution_id", "municipality_id"
        )
    )
    contacts = _contacts_by_municipality()
    new, dates = [], {}
    for slug, name, status, since, until, report in ADOPTIONS:
        solution, municipality = solutions[slug], members[name]
        key = (solution.pk, municipality.pk)
        if key in recorded:
            continue
        recorded.add(key)
        started_on = _date(since)
        # Recorded when it started, or a few months after the solution was documented.
        later = solution.created_at + datetime.timedelta(days=90)
        dates[key] = min(
            max(solution.created_at, _moment(started_on or later.date())), timezone.now()
        )
        contact = contacts.get(municipality.pk)
        new.append(
            Adoption(
                solution=solution,
                municipality=municipality,
                status=status,
                started_on=started_on,
                ended_on=_date(until),
                report=report,
                contact=contact,
                created_by=contact or ministry,
            )
        )
    if not new:
        return
    Adoption.objects.bulk_create(new)
    # auto_now_add stamps the rows with today; give them their dates afterwards.
    rows = [
        adoption
        for adoption in Adoption.objects.filter(solution__in=solutions.values())
        if (adoption.solution_id, adoption.municipality_id) in dates
    ]
    for adoption in rows:
        adoption.created_at = dates[(adoption.solution_id, adoption.municipality_id)]
    Adoption.objects.bulk_update(rows, ["created_at"])


def _create_alliances(networks, solutions, members, ministry: User | None) -> None:
    existing = set(
        Alliance.objects.filter(slug__in=[spec["slug"] for spec in ALLIANCES]).values_list(
            "slug", flat=True
        )
    )
    for spec in ALLIANCES:
        if spec["slug"] in existing:
            continue
        formed_on = _date(spec["formed_on"])
        alliance = Alliance.objects.create(
            slug=spec["slug"],
            title=spec["title"],
            description=spec["description"],
            network=networks[spec["network"]],
            status=spec["status"],
            solution=solutions[spec["solution"]] if spec["solution"] else None,
            formed_on=formed_on,
            created_by=ministry,
        )
        AlliancePartner.objects.bulk_create(
            AlliancePartner(
                alliance=alliance, municipality=members[name], role=role, joined_on=formed_on
            )
            for name, role in spec["partners"]
        )


def load(report) -> None:
    networks = Network.objects.in_bulk(
        list({spec["network"] for spec in SOLUTIONS}), field_name="slug"
    )
    members = _members(networks)
    emails = {spec["contact"] for spec in SOLUTIONS if spec.get("contact")}
    people = {user.email: user for user in User.objects.filter(email__in=emails)}
    topics = Topic.objects.in_bulk(field_name="slug")
    slugs = [spec["slug"] for spec in SOLUTIONS]
    existing = set(Solution.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    missing = [spec for spec in SOLUTIONS if spec["slug"] not in existing]
    if missing:
        _create_solutions(missing, networks, members, people, topics)
    solutions = Solution.objects.in_bulk(slugs, field_name="slug")
    ministry = User.objects.filter(email=MINISTRY_EMAIL).first()
    _create_adoptions(solutions, members, ministry)
    _create_alliances(networks, solutions, members, ministry)
    _create_brokering(solutions, ministry)


DEMO_REQUEST = (
    "Unsere Ortsgemeinden verlieren ihre letzten Einkaufsmöglichkeiten. Wir suchen eine "
    "Kommune, die Bestellung und Lieferung bei örtlichen Händlern organisiert hat, und "
    "möchten wissen, wie Betrieb und Finanzierung dort geregelt sind."
)


def _create_brokering(solutions, ministry) -> None:
    """One open request to the Transferstelle with a suggestion that awaits both answers."""
    solution = solutions.get("bestellplattform-lieferdienst-betzdorf-gebhardshain")
    requester = User.objects.filter(email="digital@vg-eisenberg.example.org").first()
    if solution is None or requester is None or not requester.municipality_id:
        return
    request, created = ContactRequest.objects.get_or_create(
        requester=requester,
        challenge=DEMO_REQUEST,
        defaults={
            "network": solution.network,
            "municipality_id": requester.municipality_id,
            "kind": RequestKind.CONTACT,
            "status": RequestStatus.SUGGESTED,
        },
    )
    if created:
        request.topics.set(Topic.objects.filter(slug="nahversorgung"))
    contact = (
        solution.contact
        or User.objects.filter(
            municipality=solution.owner, municipality_confirmed_at__isnull=False
        ).first()
    )
    if contact is None or contact == requester:
        return
    Introduction.objects.get_or_create(
        request=request,
        contact=contact,
        defaults={
            "solution": solution,
            "municipality": solution.owner,
            "note": "Betzdorf-Gebhardshain betreibt eine Bestellplattform mit Lieferdienst.",
            "requester_consent": ConsentState.ASKED,
            "contact_consent": ConsentState.ASKED,
            "suggested_by": ministry,
        },
    )
