"""The German demo catalogue: its data (no database) and what loading it creates."""

import datetime
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser

from voneinander.knowledge import demo
from voneinander.knowledge.demo_catalogue import ADOPTIONS, ALLIANCES, SOLUTIONS
from voneinander.knowledge.models import (
    Adoption,
    AdoptionStatus,
    Alliance,
    AlliancePartner,
    Software,
    Solution,
    SolutionStatus,
)
from voneinander.knowledge.selectors import solutions_visible_to
from voneinander.knowledge.vocabulary import FIELDS, TOPICS
from voneinander.municipalities import demo as municipalities_demo
from voneinander.networks import demo as networks_demo
from voneinander.networks.models import Membership, MembershipStatus

TODAY = datetime.date(2026, 11, 21)


def _members() -> dict[str, set[str]]:
    """Network slug → names of its members that have not left."""
    return {
        spec["slug"]: {m.name for m in spec["members"] if m.left_on is None}
        for spec in networks_demo.NETWORKS
    }


def _all_members() -> set[str]:
    return set().union(*_members().values())


def test_demo_catalogue_has_fifty_solutions_with_unique_addresses():
    slugs = [spec["slug"] for spec in SOLUTIONS]
    assert len(slugs) >= 50
    assert len(set(slugs)) == len(slugs)
    networks = Counter(spec["network"] for spec in SOLUTIONS)
    assert set(networks) == {"digitale-doerfer-rlp", "ikone-ds"}
    assert min(networks.values()) >= 20


def test_demo_catalogue_covers_every_field_of_action_with_known_topics():
    known = {slug for slug, _n, _d in FIELDS + TOPICS}
    used = Counter(topic for spec in SOLUTIONS for topic in spec["topics"])
    assert set(used) <= known
    assert {slug for slug, _n, _d in FIELDS} <= set(used)
    for spec in SOLUTIONS:
        assert spec["topics"], spec["slug"]
        assert len(set(spec["topics"])) == len(spec["topics"]), spec["slug"]


def test_demo_catalogue_covers_every_status_and_explains_discontinuation():
    statuses = Counter(spec["status"] for spec in SOLUTIONS)
    assert set(statuses) == set(SolutionStatus.values)
    assert 1 <= statuses[SolutionStatus.DISCONTINUED] <= 2
    for spec in SOLUTIONS:
        has_reason = bool(spec.get("discontinued_reason"))
        assert has_reason == (spec["status"] == SolutionStatus.DISCONTINUED), spec["slug"]


def test_demo_catalogue_owners_are_current_members_of_their_network():
    members = _members()
    for spec in SOLUTIONS:
        assert spec["owner"] in members[spec["network"]], spec["slug"]
    owners = {spec["owner"] for spec in SOLUTIONS}
    assert len(owners) >= 40


def test_demo_catalogue_contacts_work_for_the_owning_municipality():
    works_for = {p.email: p.municipality[0] for p in networks_demo.PEOPLE if p.municipality}
    contacts = [spec for spec in SOLUTIONS if spec.get("contact")]
    assert len(contacts) >= 10
    for spec in contacts:
        assert works_for[spec["contact"]] == spec["owner"], spec["slug"]


def test_demo_catalogue_texts_are_complete_for_running_solutions():
    for spec in SOLUTIONS:
        for field in ("title", "summary", "problem", "what_it_is", "benefits", "how_it_works"):
            assert spec[field].strip(), (spec["slug"], field)
        assert "\n" in spec["description"], spec["slug"]  # Markdown with several lines
        if spec["status"] in (SolutionStatus.OPERATION, SolutionStatus.PILOT):
            assert spec["lessons_learned"].strip(), spec["slug"]
        datetime.date.fromisoformat(spec["documented_on"])
        assert spec["documented_on"] <= TODAY.isoformat(), spec["slug"]


def test_demo_catalogue_open_source_software_names_licence_and_repository():
    software = [entry for spec in SOLUTIONS for entry in spec["software"]]
    open_source = [entry for entry in software if entry["is_open_source"]]
    assert len(open_source) >= 20
    for entry in open_source:
        assert entry["licence"], entry["name"]
        assert entry["repository_url"].startswith("https://"), entry["name"]
    for entry in software:
        if not entry["is_open_source"]:
            assert not entry.get("repository_url"), entry["name"]
            assert not entry.get("licence"), entry["name"]
    repositories = {entry["repository_url"] for entry in open_source}
    assert any("opencode.de" in url for url in repositories)
    assert any("github.com" in url for url in repositories)


def test_demo_catalogue_has_three_featured_solutions_and_similar_pairs():
    assert sum(1 for spec in SOLUTIONS if spec.get("featured")) == 3
    slugs = {spec["slug"] for spec in SOLUTIONS}
    # Matching has to rank between solutions to the same problem in different places.
    assert {"maengelmelder-otterbach-otterberg", "maengelmelder-andernach"} <= slugs
    assert {"e-akte-vg-goellheim", "e-akte-landau"} <= slugs


def test_demo_adoptions_spread_over_many_solutions_by_other_members():
    owners = {spec["slug"]: spec["owner"] for spec in SOLUTIONS}
    members = _all_members()
    pairs = [(slug, name) for slug, name, *_rest in ADOPTIONS]
    assert len(pairs) >= 40
    assert len(set(pairs)) == len(pairs)
    assert len({slug for slug, _name in pairs}) >= 20
    statuses = Counter(status for _s, _n, status, *_rest in ADOPTIONS)
    assert set(statuses) == set(AdoptionStatus.values)
    for slug, name, status, since, until, _report in ADOPTIONS:
        assert name in members and name != owners[slug], (slug, name)
        if since and until:
            assert since <= until, (slug, name)
        assert (until is not None) == (status == AdoptionStatus.STOPPED), (slug, name)
        if status != AdoptionStatus.INTERESTED:
            assert since and since <= TODAY.isoformat(), (slug, name)
    assert sum(1 for *_rest, report in ADOPTIONS if report) >= 5


def test_demo_alliances_have_partners_and_one_is_linked_to_a_solution():
    slugs = {spec["slug"] for spec in SOLUTIONS}
    members = _all_members()
    assert len(ALLIANCES) == 3
    assert sum(1 for spec in ALLIANCES if spec["solution"]) == 1
    for spec in ALLIANCES:
        assert spec["solution"] is None or spec["solution"] in slugs
        assert len(spec["partners"]) >= 3
        assert {name for name, _role in spec["partners"]} <= members


@pytest.fixture
def demo_catalogue(db, settings, tmp_path):
    """The registry, the networks and the catalogue (the other demo modules are not needed)."""
    settings.VAR_DIR = tmp_path
    report = type("Report", (), {"account": lambda *args: None})()
    municipalities_demo.load(report)
    networks_demo.load(report)
    demo.load(report)
    return report


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Solution, Software, Adoption, Alliance, AlliancePartner)
    } | {
        "topics": Solution.topics.through.objects.count(),
        "partners": Solution.partners.through.objects.count(),
    }


def test_demo_catalogue_loading_twice_changes_nothing(demo_catalogue):
    counts = _counts()
    demo.load(demo_catalogue)
    assert _counts() == counts
    assert counts["Solution"] == len(SOLUTIONS)
    assert counts["Adoption"] == len(ADOPTIONS)
    assert counts["Alliance"] == 3
    assert counts["Software"] == sum(len(spec["software"]) for spec in SOLUTIONS)


def test_demo_catalogue_keeps_what_people_changed(demo_catalogue):
    solution = Solution.objects.get(slug="dorffunk-vg-eisenberg")
    solution.title = "DorfFunk überall"
    solution.save(update_fields=["title"])
    Adoption.objects.filter(solution=solution, municipality__name="Göllheim").delete()
    demo.load(demo_catalogue)
    solution.refresh_from_db()
    assert solution.title == "DorfFunk überall"
    # A reuse that was removed comes back; nothing is duplicated.
    assert solution.adoptions.filter(municipality__name="Göllheim").count() == 1


def test_demo_solutions_are_valid_and_owned_by_active_members(demo_catalogue):
    solutions = Solution.objects.select_related("owner", "network", "contact").prefetch_related(
        "topics"
    )
    assert solutions.count() >= 50
    for solution in solutions:
        solution.full_clean()
        assert Membership.objects.filter(
            network=solution.network,
            municipality=solution.owner,
            status=MembershipStatus.ACTIVE,
        ).exists(), solution.slug
        assert solution.topics.all(), solution.slug
        assert solution.status in SolutionStatus.values
        if solution.contact is not None:
            assert solution.contact.municipality_id == solution.owner_id
    for adoption in Adoption.objects.select_related("solution"):
        adoption.full_clean()
        assert adoption.municipality_id != adoption.solution.owner_id
        assert adoption.created_at >= adoption.solution.created_at
    for alliance in Alliance.objects.all():
        alliance.full_clean()


def test_demo_catalogue_has_a_history_for_the_figures(demo_catalogue):
    years = Counter(Solution.objects.values_list("created_at__year", flat=True))
    assert min(years) == 2019
    assert len(years) == 8  # 2019 … 2026
    mitfahrbank = Solution.objects.get(slug="mitfahrbaenke-vg-goellheim")
    assert mitfahrbank.created_at.date() == datetime.date(2021, 8, 20)
    adoption = mitfahrbank.adoptions.get(municipality__name="Kirchheimbolanden")
    assert adoption.created_at.date() == adoption.started_on == datetime.date(2022, 4, 1)


def test_demo_catalogue_links_people_partners_and_software(demo_catalogue):
    dorffunk = Solution.objects.get(slug="dorffunk-vg-eisenberg")
    assert dorffunk.contact.email == "digital@vg-eisenberg.example.org"
    assert sorted(str(m) for m in dorffunk.partners.all()) == ["Ramsen", "VG Göllheim"]
    assert list(dorffunk.topics.values_list("slug", flat=True)) == [
        "kommunikation",
        "ehrenamt",
        "senioren",
    ]
    ckan = Solution.objects.get(slug="open-data-portal-kaiserslautern").software.get(name="CKAN")
    assert (ckan.licence, ckan.is_open_source) == ("AGPL-3.0-only", True)
    assert ckan.repository_url == "https://github.com/ckan/ckan"
    goellheim = dorffunk.adoptions.get(municipality__name="Göllheim")
    assert goellheim.contact.email == "digitales@vg-goellheim.example.org"
    assert goellheim.report.startswith("Wir haben das Vorgehen aus Eisenberg")
    alliance = Alliance.objects.get(slug="mitfahrbaenke-donnersbergkreis")
    assert alliance.solution.slug == "mitfahrbaenke-vg-goellheim"
    lead = alliance.partner_links.get(role="Federführung")
    assert lead.municipality.name == "Göllheim"
    assert alliance.partners.count() == 5


def test_demo_catalogue_internal_solutions_are_hidden_from_the_public(demo_catalogue):
    internal = {"it-notfallhandbuch-vg-eisenberg", "cloud-mustervertraege-speyer"}
    public = set(solutions_visible_to(AnonymousUser()).values_list("slug", flat=True))
    assert public == {spec["slug"] for spec in SOLUTIONS} - internal
    assert set(Solution.objects.filter(featured=True).values_list("slug", flat=True)) == {
        "mitfahrbaenke-vg-goellheim",
        "dorfladen-rund-um-die-uhr-dreisen",
        "open-data-portal-kaiserslautern",
    }


def test_demo_has_one_brokering_request_awaiting_both_answers(demo_catalogue):
    from voneinander.knowledge.models import ConsentState, ContactRequest, Introduction

    demo.load(demo_catalogue)  # a second run adds nothing

    request = ContactRequest.objects.get()
    introduction = Introduction.objects.get()
    assert introduction.request == request
    assert introduction.contact != request.requester
    assert introduction.solution.network == request.network
    assert introduction.requester_consent == introduction.contact_consent == ConsentState.ASKED
    assert introduction.introduced_at is None
