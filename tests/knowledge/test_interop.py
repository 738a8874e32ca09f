"""publiccode.yml export and import, and the DCAT-AP / ADMS-AP catalogue."""

import json

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.factories import MembershipFactory, UserFactory
from tests.knowledge.factories import (
    AdoptionFactory,
    SoftwareFactory,
    SolutionFactory,
    topic,
)
from voneinander.accounts.models import ContactVisibility
from voneinander.knowledge import interop
from voneinander.knowledge.models import (
    AdoptionStatus,
    Solution,
    SolutionRevision,
    SolutionStatus,
    SolutionVisibility,
)

# The standard's controlled vocabularies (docs/standard/categories-list, scope-list).
CATEGORIES = {
    "appointment-scheduling", "collaboration", "communications", "content-management",
    "data-analytics", "data-collection", "data-visualization", "digital-citizenship",
    "document-management", "e-commerce", "educational-content", "event-management",
    "learning-management-system", "marketing", "network-management", "online-booking",
    "online-community", "survey", "workflow-management",
}  # fmt: skip
SCOPES = {
    "culture", "education", "energy", "environment", "finance-and-economic-development",
    "healthcare", "infrastructures", "local-authorities", "society", "tourism",
    "transportation", "welfare",
}  # fmt: skip


def _export(client, solution) -> dict:
    response = client.get(reverse("knowledge:export_publiccode", kwargs={"slug": solution.slug}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    return yaml.safe_load(response.content.decode())


@pytest.fixture
def solution(world):
    owner = MembershipFactory(network=world.network, municipality__name="Burgdorf").municipality
    solution = SolutionFactory(
        network=world.network,
        owner=owner,
        title="Dorf-App Burgdorf",
        summary="Eine App für Nachrichten, Termine und Nachbarschaftshilfe im Dorf.",
        benefits="- Nachrichten aus dem Rathaus\n- Nachbarschaftshilfe\n- Vereinstermine",
        website="https://dorf-app.example.org",
        topics=[topic("kommunikation"), topic("ehrenamt")],
    )
    SoftwareFactory(
        solution=solution,
        name="Dorf-App",
        licence="EUPL-1.2",
        repository_url="https://gitlab.opencode.de/beispiel/dorf-app",
    )
    return solution


# --- Export -------------------------------------------------------------------------------


def test_publiccode_export_follows_the_standard(world, client, solution):
    document = _export(client, solution)
    assert document["publiccodeYmlVersion"] == "0.4"
    assert document["name"] == "Dorf-App Burgdorf"
    assert document["url"] == "https://gitlab.opencode.de/beispiel/dorf-app"
    assert document["landingURL"] == "https://dorf-app.example.org"
    assert document["platforms"] == ["web"]
    assert set(document["categories"]) <= CATEGORIES
    assert "communications" in document["categories"]
    assert set(document["intendedAudience"]["scope"]) <= SCOPES
    assert document["developmentStatus"] == "stable"
    assert document["softwareType"] == "standalone/web"
    description = document["description"]["de"]
    assert description["shortDescription"] == solution.summary
    assert 150 <= len(description["longDescription"]) <= 10_000
    assert description["features"] == [
        "Nachrichten aus dem Rathaus",
        "Nachbarschaftshilfe",
        "Vereinstermine",
    ]
    assert document["legal"]["license"] == "EUPL-1.2"
    assert document["maintenance"]["type"] == "internal"
    assert document["localisation"] == {"localisationReady": False, "availableLanguages": ["de"]}
    assert document["usedBy"] == ["Burgdorf"]
    assert "it" not in document


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (SolutionStatus.IDEA, "concept"),
        (SolutionStatus.PLANNING, "concept"),
        (SolutionStatus.PILOT, "beta"),
        (SolutionStatus.OPERATION, "stable"),
        (SolutionStatus.DISCONTINUED, "obsolete"),
    ],
)
def test_publiccode_export_maps_the_status(world, client, status, expected):
    solution = SolutionFactory(network=world.network, status=status)
    document = _export(client, solution)
    assert document["developmentStatus"] == expected
    if status == SolutionStatus.DISCONTINUED:
        assert document["maintenance"] == {"type": "none"}


def test_publiccode_export_without_open_source_points_to_the_solution_page(world, client):
    solution = SolutionFactory(network=world.network, description="", benefits="")
    SoftwareFactory(solution=solution, is_open_source=False, licence="", repository_url="")
    document = _export(client, solution)
    page = settings.SITE_URL + solution.get_absolute_url()
    assert document["url"] == page
    assert document["landingURL"] == page
    assert document["legal"]["license"] == "LicenseRef-unspecified"
    long = document["description"]["de"]["longDescription"]
    assert len(long) >= 150  # padded from the other fields
    assert page in long
    assert document["description"]["de"]["features"] == [solution.summary]


def test_publiccode_export_shortens_a_long_summary(world, client):
    solution = SolutionFactory(network=world.network, summary="Wort " * 70)
    short = _export(client, solution)["description"]["de"]["shortDescription"]
    assert len(short) <= 150
    assert short.endswith("…")


def test_publiccode_export_names_the_contact_only_for_those_who_may_see_them(
    world, client_as, solution
):
    contact = UserFactory(
        first_name="Erika",
        last_name="Muster",
        email="erika@example.org",
        municipality=solution.owner,
        municipality_confirmed_at=timezone.now(),
        contact_visibility=ContactVisibility.NETWORK,
    )
    solution.contact = contact
    solution.save()
    assert "contacts" not in _export(client_as(None), solution)["maintenance"]
    contacts = _export(client_as(world.user("member")), solution)["maintenance"]["contacts"]
    assert contacts == [
        {"name": "Erika Muster", "email": "erika@example.org", "affiliation": "Burgdorf"}
    ]


def test_publiccode_export_lists_municipalities_that_use_it(world, client, solution):
    AdoptionFactory(solution=solution, municipality=world.membership.municipality)
    AdoptionFactory(solution=solution, status=AdoptionStatus.INTERESTED)
    assert _export(client, solution)["usedBy"] == ["Burgdorf", "Altstadt"]


def test_publiccode_export_escapes_nothing_it_should_not(world, client):
    solution = SolutionFactory(network=world.network, title='Straße: "Ümläute" & #Zeichen')
    assert _export(client, solution)["name"] == 'Straße: "Ümläute" & #Zeichen'


# --- Import: parsing ------------------------------------------------------------------------


MINIMAL = """\
publiccodeYmlVersion: "0.4"
name: Mitfahrbank digital
url: "https://github.com/beispiel/mitfahrbank"
developmentStatus: beta
categories: [online-booking]
intendedAudience:
  scope: [transportation]
description:
  de:
    shortDescription: Mitfahrbänke mit App-Anbindung.
    longDescription: Ein langer Text.
    features:
      - Fahrten anbieten
      - Fahrten suchen
legal:
  license: AGPL-3.0-or-later
maintenance:
  type: contract
  contractors:
    - name: Beispiel GmbH
      until: "2026-01-01"
"""


def test_parse_publiccode_reads_the_fields(db):
    imported = interop.parse_publiccode(MINIMAL.encode())
    assert imported.title == "Mitfahrbank digital"
    assert imported.summary == "Mitfahrbänke mit App-Anbindung."
    assert imported.description == "Ein langer Text."
    assert imported.benefits == "- Fahrten anbieten\n- Fahrten suchen"
    assert imported.status == SolutionStatus.PILOT
    assert [t.slug for t in imported.topics] == ["mobilitaet"]
    assert imported.software == {
        "name": "Mitfahrbank digital",
        "licence": "AGPL-3.0-or-later",
        "is_open_source": True,
        "repository_url": "https://github.com/beispiel/mitfahrbank",
        "website": "",
        "vendor": "Beispiel GmbH",
    }


def test_parse_publiccode_takes_english_when_there_is_no_german(db):
    text = MINIMAL.replace("  de:", "  en:")
    assert interop.parse_publiccode(text.encode()).summary == "Mitfahrbänke mit App-Anbindung."


def test_parse_publiccode_accepts_a_byte_order_mark(db):
    assert interop.parse_publiccode(b"\xef\xbb\xbf" + MINIMAL.encode()).title


def _problems(data: bytes) -> list[str]:
    with pytest.raises(ValidationError) as caught, translation.override("de"):
        interop.parse_publiccode(data)
    return caught.value.messages


def _de(message: str, **params) -> str:
    with translation.override("de"):
        return gettext(message) % params if params else gettext(message)


def test_parse_publiccode_refuses_broken_yaml_naming_the_line():
    messages = _problems(b'publiccodeYmlVersion: "0.4"\nname: [unclosed\nurl: x\n')
    assert messages == [
        _de(
            "The file is not valid YAML: %(problem)s (line %(line)s).",
            problem="expected ',' or ']', but got ':'",
            line=3,
        )
    ]


def test_parse_publiccode_refuses_a_billion_laughs_bomb():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for name in "bcdefghij":
        previous = chr(ord(name) - 1)
        bomb += f"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}]\n"
    messages = _problems(bomb.encode())
    assert messages == [
        _de(
            "The file uses YAML aliases (“*name”, line %(line)s), which are not accepted. "
            "Please write the values out.",
            line=2,
        )
    ]


def test_parse_publiccode_refuses_python_tags():
    messages = _problems(b'name: !!python/object/apply:os.system ["echo boom"]\n')
    assert "YAML" in messages[0]


def test_parse_publiccode_refuses_a_file_that_is_too_large():
    data = MINIMAL.encode() + b"# " + b"x" * (100 * 1024) + b"\n"
    assert _problems(data) == [
        _de("The file is larger than %(size)s KB; a publiccode.yml is much smaller.", size=100)
    ]


def test_parse_publiccode_refuses_text_that_is_not_utf8():
    assert _problems(MINIMAL.replace("ä", "ae").encode() + "Größe: ä\n".encode("latin-1")) == [
        _de("The file is not UTF-8 text. Please save it with the encoding UTF-8.")
    ]


def test_parse_publiccode_refuses_an_empty_file():
    assert _problems(b"  \n") == [_de("The file is empty.")]
    assert _problems(b"# nur ein Kommentar\n") == [_de("The file is empty.")]


def test_parse_publiccode_refuses_a_list():
    messages = _problems(b"- name: eins\n- name: zwei\n")
    assert messages == [
        _de(
            "The file does not describe software in the publiccode.yml format: it must "
            "consist of keys such as “name” and “description”."
        )
    ]


def test_parse_publiccode_refuses_deep_nesting():
    assert _problems(b"name: " + b"[" * 5000 + b"]" * 5000 + b"\n") == [
        _de("The file is nested too deeply to be read.")
    ]


@pytest.mark.parametrize(
    "value",
    [
        "9" * 5000,  # beyond Python's 4300 digits for int()
        "0x" + "f" * 5000,  # read, but str() of it fails
        ":".join(["59"] * 2000),  # a YAML 1.1 sexagesimal number
    ],
    ids=["decimal", "hexadecimal", "sexagesimal"],
)
def test_parse_publiccode_refuses_a_huge_number(value):
    data = f'publiccodeYmlVersion: "0.4"\nname: {value}\n'.encode()
    with pytest.raises(ValidationError) as caught, translation.override("de"):
        interop.parse_publiccode(data)
    assert caught.value.code == "yaml"
    assert caught.value.messages == [
        _de("The file contains a number that is too large (line %(line)s).", line=2)
    ]


def test_parse_publiccode_refuses_an_impossible_date():
    with pytest.raises(ValidationError) as caught, translation.override("de"):
        interop.parse_publiccode(b'publiccodeYmlVersion: "0.4"\nreleaseDate: 0000-01-01\n')
    assert caught.value.code == "yaml"
    assert caught.value.messages == [
        _de(
            "The file is not valid YAML: %(problem)s (line %(line)s).",
            problem="year 0 is out of range",
            line=2,
        )
    ]


def test_parse_publiccode_names_every_problem():
    text = """\
name: [keine, Zeichenkette]
url: "ftp://example.org/code"
developmentStatus: fertig
categories: {a: b}
description:
  de:
    shortDescription: Kurz.
    features: {a: b}
legal:
  license: [EUPL]
"""
    messages = _problems(text.encode())
    assert messages == [
        _de("“publiccodeYmlVersion” is missing; is this a publiccode.yml file?"),
        _de("“%(key)s” must be text.", key="name"),
        _de(
            "“%(key)s” is not a web address (http:// or https://): %(value)s",
            key="url",
            value="ftp://example.org/code",
        ),
        _de(
            "“developmentStatus” must be one of %(allowed)s, not “%(value)s”.",
            allowed="concept, development, beta, stable, obsolete",
            value="fertig",
        ),
        _de("“%(key)s” must be a list of texts.", key="categories"),
        _de("“%(key)s” must be a list of texts.", key="description.de.features"),
        _de("“%(key)s” must be text.", key="legal.license"),
    ]


def test_parse_publiccode_requires_name_and_description():
    messages = _problems(b'publiccodeYmlVersion: "0.4"\n')
    assert messages == [
        _de("“%(key)s” is missing.", key="name"),
        _de("The section “%(key)s” is missing.", key="description"),
    ]


def test_parse_publiccode_refuses_an_unknown_version():
    messages = _problems(MINIMAL.replace('"0.4"', '"2.0"').encode())
    assert messages == [
        _de(
            "publiccode.yml version %(version)s is not supported (supported: 0.2 to 0.4).",
            version="2.0",
        )
    ]


def test_parse_publiccode_refuses_a_too_long_summary():
    text = MINIMAL.replace("Mitfahrbänke mit App-Anbindung.", "x" * 401)
    assert _problems(text.encode()) == [
        _de(
            "“%(key)s” is too long: at most %(max)s characters, the file has %(length)s.",
            key="description.de.shortDescription",
            max=400,
            length=401,
        )
    ]


# --- Import: the page ---------------------------------------------------------------------


def _import_url(network="alpha"):
    return reverse("knowledge:import_publiccode", kwargs={"network": network})


def _upload(data: bytes, name="publiccode.yml"):
    return SimpleUploadedFile(name, data, content_type="application/yaml")


def test_import_creates_a_draft_of_the_own_municipality(world, client_as):
    member = world.user("member")
    response = client_as(member).post(
        _import_url(),
        {"file": _upload(MINIMAL.encode()), "owner": world.membership.municipality.pk},
    )
    solution = Solution.objects.get(title="Mitfahrbank digital")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "knowledge:solution_edit", kwargs={"slug": solution.slug}
    )
    assert solution.owner == world.membership.municipality
    assert solution.network == world.network
    assert solution.visibility == SolutionVisibility.NETWORK
    assert solution.created_by == member
    software = solution.software.get()
    assert software.licence == "AGPL-3.0-or-later"
    assert software.repository_url == "https://github.com/beispiel/mitfahrbank"
    assert SolutionRevision.objects.filter(solution=solution).count() == 1


def test_import_lets_a_coordinator_choose_the_owner(world, client_as):
    neudorf = MembershipFactory(network=world.network, municipality__name="Neudorf").municipality
    response = client_as(world.user("coordinator")).post(
        _import_url(), {"file": _upload(MINIMAL.encode()), "owner": neudorf.pk}
    )
    assert response.status_code == 302
    assert Solution.objects.get().owner == neudorf


def test_import_refuses_an_owner_the_person_does_not_speak_for(world, client_as):
    neudorf = MembershipFactory(network=world.network, municipality__name="Neudorf").municipality
    response = client_as(world.user("member")).post(
        _import_url(), {"file": _upload(MINIMAL.encode()), "owner": neudorf.pk}
    )
    assert response.status_code == 200
    assert not Solution.objects.exists()


def test_import_shows_the_problems_of_a_bad_file_and_creates_nothing(world, client_as):
    response = client_as(world.user("member")).post(
        _import_url(),
        {"file": _upload(b"name: [kaputt\n"), "owner": world.membership.municipality.pk},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "YAML" in html
    assert 'aria-invalid="true"' in html
    assert not Solution.objects.exists()


def test_import_of_a_huge_number_is_a_form_error(world, client_as):
    response = client_as(world.user("member")).post(
        _import_url(),
        {
            "file": _upload(MINIMAL.encode() + b"x-nummer: " + b"9" * 5000 + b"\n"),
            "owner": world.membership.municipality.pk,
        },
    )
    assert response.status_code == 200
    assert (
        _de(
            "The file contains a number that is too large (line %(line)s).",
            line=MINIMAL.count("\n") + 1,
        )
        in response.content.decode()
    )
    assert not Solution.objects.exists()


def test_import_refuses_an_oversized_upload(world, client_as):
    response = client_as(world.user("member")).post(
        _import_url(),
        {
            "file": _upload(b"# " + b"x" * (101 * 1024)),
            "owner": world.membership.municipality.pk,
        },
    )
    assert response.status_code == 200
    assert (
        _de("The file is larger than %(size)s KB; a publiccode.yml is much smaller.", size=100)
        in response.content.decode()
    )


def test_import_page_without_a_municipality_explains(world, client_as):
    response = client_as(world.user("contact")).get(_import_url())
    assert response.status_code == 200
    assert not response.context["has_owner"]
    assert 'enctype="multipart/form-data"' not in response.content.decode()


def test_publiccode_round_trip_keeps_title_summary_licence_and_repository(
    world, client_as, solution
):
    client = client_as(world.user("coordinator"))
    exported = client.get(
        reverse("knowledge:export_publiccode", kwargs={"slug": solution.slug})
    ).content
    response = client.post(
        _import_url(), {"file": _upload(exported), "owner": world.membership.municipality.pk}
    )
    assert response.status_code == 302
    copy = Solution.objects.exclude(pk=solution.pk).get()
    assert copy.title == solution.title
    assert copy.summary == solution.summary
    assert copy.website == solution.website
    assert copy.status == solution.status
    assert copy.benefits == solution.benefits
    original, imported = solution.software.get(), copy.software.get()
    assert imported.licence == original.licence
    assert imported.repository_url == original.repository_url
    assert {"kommunikation", "ehrenamt"} <= set(copy.topics.values_list("slug", flat=True))


# --- DCAT-AP catalogue ----------------------------------------------------------------------


def _catalogue(client) -> dict:
    response = client.get(reverse("knowledge:export_catalogue"))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    return json.loads(b"".join(response.streaming_content))


def test_catalogue_is_json_ld_with_the_vocabularies(world, client, solution):
    catalogue = _catalogue(client)
    assert set(catalogue["@context"]) >= {"dcat", "dct", "adms", "foaf", "vcard", "spdx"}
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["dct:title"]["@language"] == "de"
    assert catalogue["dct:publisher"]["foaf:name"] == settings.OPERATOR_NAME
    assert catalogue["dct:license"]["@id"].startswith("https://")


def test_catalogue_describes_each_public_solution_as_an_asset(world, client, solution):
    solution.owner.ags = "07131001"
    solution.owner.save()
    [asset] = _catalogue(client)["dcat:dataset"]
    page = settings.SITE_URL + solution.get_absolute_url()
    assert asset["@id"] == page
    assert asset["@type"] == ["dcat:Dataset", "adms:Asset"]
    assert asset["dct:identifier"] == page
    assert asset["dct:title"] == {"@value": "Dorf-App Burgdorf", "@language": "de"}
    assert asset["dct:description"]["@value"] == solution.summary
    assert {k["@value"] for k in asset["dcat:keyword"]} == {"Kommunikation", "Ehrenamt"}
    assert asset["dcat:landingPage"] == {"@id": page}
    assert asset["dct:modified"]["@type"] == "xsd:dateTime"
    assert asset["dct:publisher"] == {
        "@type": "foaf:Agent",
        "foaf:name": "Burgdorf",
        "dct:identifier": "07131001",
    }
    [distribution] = asset["dcat:distribution"]
    publiccode = settings.SITE_URL + reverse(
        "knowledge:export_publiccode", kwargs={"slug": solution.slug}
    )
    assert distribution["dcat:downloadURL"] == {"@id": publiccode}
    assert distribution["dct:license"] == {"@id": "http://spdx.org/licenses/EUPL-1.2"}


def test_catalogue_leaves_out_internal_archived_and_merged_solutions(world, client, solution):
    SolutionFactory(network=world.network, visibility=SolutionVisibility.NETWORK, title="Intern")
    SolutionFactory(network=world.network, title="Archiviert", archived_at=timezone.now())
    SolutionFactory(network=world.network, title="Doppelt", merged_into=solution)
    titles = [a["dct:title"]["@value"] for a in _catalogue(client)["dcat:dataset"]]
    assert titles == ["Dorf-App Burgdorf"]


def test_catalogue_for_a_signed_in_member_is_the_same_public_one(world, client_as, solution):
    SolutionFactory(network=world.network, visibility=SolutionVisibility.NETWORK, title="Intern")
    titles = [
        a["dct:title"]["@value"]
        for a in _catalogue(client_as(world.user("member")))["dcat:dataset"]
    ]
    assert titles == ["Dorf-App Burgdorf"]


def test_catalogue_without_solutions_is_valid(db, client):
    assert _catalogue(client)["dcat:dataset"] == []


def test_catalogue_query_count_does_not_grow_with_solutions(world, client, solution):
    with CaptureQueriesContext(connection) as one:
        _catalogue(client)
    for i in range(30):
        extra = SolutionFactory(network=world.network, topics=[topic("mobilitaet")])
        if i % 2:
            SoftwareFactory(solution=extra)
    with CaptureQueriesContext(connection) as many:
        assert len(_catalogue(client)["dcat:dataset"]) == 31
    assert len(many) == len(one)
