"""Interoperability: publiccode.yml (one solution per file) and a DCAT-AP / ADMS-AP catalogue.

publiccode.yml (standard 0.4, https://yml.publiccode.tools): `publiccode_document`
builds the document of one solution, `parse_publiccode` reads an uploaded file
into the fields of a new solution (every problem named in a message),
`import_solution` creates the draft through the catalogue's `create_solution`.

The catalogue (`stream_catalogue`) is JSON-LD: a dcat:Catalog whose
dcat:dataset entries are ADMS-AP assets (adms:Asset, a kind of dcat:Dataset),
one per public solution, each with a distribution pointing to its
publiccode.yml. It is written piece by piece from a database iterator, so
memory stays flat however many solutions there are.

Status mapping (ours → developmentStatus): idea, planning → concept; pilot →
beta; in operation → stable; discontinued → obsolete. Back: concept →
planning; development, beta → pilot; stable → operation; obsolete → discontinued.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from voneinander.core.markdown import plain_text
from voneinander.knowledge.models import (
    AdoptionStatus,
    Software,
    Solution,
    SolutionStatus,
    SolutionVisibility,
    Topic,
)
from voneinander.knowledge.services import create_solution

PUBLICCODE_VERSION = "0.4"
MAX_IMPORT_SIZE = 100 * 1024
SHORT_DESCRIPTION_MAX = 150
LONG_DESCRIPTION_MIN, LONG_DESCRIPTION_MAX = 150, 10_000
MAX_FEATURES = 20

TO_DEVELOPMENT_STATUS = {
    SolutionStatus.IDEA: "concept",
    SolutionStatus.PLANNING: "concept",
    SolutionStatus.PILOT: "beta",
    SolutionStatus.OPERATION: "stable",
    SolutionStatus.DISCONTINUED: "obsolete",
}
FROM_DEVELOPMENT_STATUS = {
    "concept": SolutionStatus.PLANNING,
    "development": SolutionStatus.PILOT,
    "beta": SolutionStatus.PILOT,
    "stable": SolutionStatus.OPERATION,
    "obsolete": SolutionStatus.DISCONTINUED,
}

# Our topics (by slug) → publiccode.yml categories and intendedAudience/scope
# tags (both controlled vocabularies of the standard). On import a topic is
# chosen when all of its tags are present.
TOPIC_TAGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "verwaltung-intern": (("document-management", "workflow-management"), ()),
    "buergerservice": (("appointment-scheduling", "digital-citizenship"), ()),
    "beteiligung": (("survey", "digital-citizenship"), ("society",)),
    "kommunikation": (("communications", "content-management"), ()),
    "nahversorgung": (("e-commerce",), ("welfare",)),
    "mobilitaet": (("online-booking",), ("transportation",)),
    "bildung": (("learning-management-system", "educational-content"), ("education",)),
    "wirtschaft-online-handel": (
        ("e-commerce", "marketing"),
        ("finance-and-economic-development",),
    ),
    "kreativwirtschaft": (("collaboration",), ("culture",)),
    "ehrenamt": (("online-community", "event-management"), ("society",)),
    "smart-city": (("data-collection", "data-analytics"), ("infrastructures",)),
    "open-data": (("data-visualization", "data-analytics"), ()),
    "gesundheit-pflege": ((), ("healthcare",)),
    "tourismus-kultur": (("event-management",), ("tourism", "culture")),
    "infrastruktur": (("network-management",), ("infrastructures",)),
    "senioren": (("digital-citizenship",), ("welfare",)),
    "jugend": (("online-community",), ("society", "education")),
    "klima-umwelt": (("data-collection",), ("environment", "energy")),
}
DEFAULT_CATEGORY = "digital-citizenship"
DEFAULT_SCOPE = "local-authorities"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def solution_url(slug: str) -> str:
    """The solution's page in the default language: a stable identifier."""
    with translation.override(settings.LANGUAGE_CODE):
        return absolute(reverse("knowledge:solution", kwargs={"slug": slug}))


def publiccode_url(slug: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return absolute(reverse("knowledge:export_publiccode", kwargs={"slug": slug}))


def main_software(software: Iterable[Software]) -> Software | None:
    """The software a publiccode.yml describes: the first open-source one with a
    repository, else the first open-source one, else the first with a licence."""
    items = list(software)
    for test in (
        lambda item: item.is_open_source and item.repository_url,
        lambda item: item.is_open_source,
        lambda item: item.licence,
    ):
        for item in items:
            if test(item):
                return item
    return None


# --- publiccode.yml: export ----------------------------------------------------------------


def _tags(topic_slugs: Iterable[str]) -> tuple[list[str], list[str]]:
    categories: list[str] = []
    scopes: list[str] = [DEFAULT_SCOPE]
    for slug in topic_slugs:
        cats, scope = TOPIC_TAGS.get(slug, ((), ()))
        categories += [c for c in cats if c not in categories]
        scopes += [s for s in scope if s not in scopes]
    return categories or [DEFAULT_CATEGORY], scopes


def _features(solution: Solution) -> list[str]:
    """List items of "what a municipality gains" (Markdown), else the summary."""
    items = []
    for line in solution.benefits.splitlines():
        match = re.match(r"^\s*(?:[-*•+]|\d+[.)])\s+(.+)$", line)
        if match:
            items.append(plain_text(match.group(1))[:300])
    if not items and solution.benefits.strip():
        items = [plain_text(solution.benefits)[:300]]
    return (items or [solution.summary])[:MAX_FEATURES]


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SHORT_DESCRIPTION_MAX:
        return text
    cut = text[: SHORT_DESCRIPTION_MAX - 1].rsplit(" ", 1)[0]
    return cut + "…"


def long_description(solution: Solution, *, page_url: str) -> str:
    """The full description, or (if shorter than 150 characters) composed from the
    other sections, ending with where the solution is documented."""
    text = solution.description.strip()
    if len(text) >= LONG_DESCRIPTION_MIN:
        return text[:LONG_DESCRIPTION_MAX]
    sections = [
        ("", text),
        (_("The problem it solves"), solution.problem),
        (_("What it is"), solution.what_it_is),
        (_("How it works"), solution.how_it_works),
        (_("What a municipality gains"), solution.benefits),
        (_("Which municipalities it suits"), solution.suits),
    ]
    parts = [solution.summary.strip()] if solution.summary.strip() not in text else []
    for heading, body in sections:
        if body.strip():
            parts.append(f"**{heading}**\n\n{body.strip()}" if heading else body.strip())
    parts.append(
        _(
            "%(title)s is a solution of %(owner)s, documented in the catalogue of "
            "%(network)s on %(site)s: %(url)s"
        )
        % {
            "title": solution.title,
            "owner": solution.owner,
            "network": solution.network.name,
            "site": settings.SITE_NAME,
            "url": page_url,
        }
    )
    return "\n\n".join(parts)[:LONG_DESCRIPTION_MAX]


def publiccode_document(
    solution: Solution,
    *,
    software: list[Software],
    topic_slugs: list[str],
    users_of: list[str],
    contact=None,
) -> dict:
    """The publiccode.yml of a solution as a dict (keys in the standard's order).

    `contact` is the solution's contact person as far as the reader may see
    them (see selectors.solution_contact_for); `users_of` names the
    municipalities that run it (the owner and those that use it too). Texts
    the platform adds are in German, the language the description is keyed by.
    """
    with translation.override("de"):
        return _publiccode_document(
            solution, software=software, topic_slugs=topic_slugs, users_of=users_of, contact=contact
        )


def _publiccode_document(
    solution: Solution,
    *,
    software: list[Software],
    topic_slugs: list[str],
    users_of: list[str],
    contact=None,
) -> dict:
    page_url = solution_url(solution.slug)
    main = main_software(software)
    repository = main.repository_url if main and main.is_open_source else ""
    categories, scopes = _tags(topic_slugs)
    document: dict = {
        "publiccodeYmlVersion": PUBLICCODE_VERSION,
        "name": solution.title,
        "url": repository or page_url,
        "landingURL": solution.website or page_url,
        "platforms": ["web"],
        "categories": categories,
        "usedBy": users_of,
        "developmentStatus": TO_DEVELOPMENT_STATUS.get(solution.status, "concept"),
        "softwareType": "standalone/web",
        "intendedAudience": {"countries": ["de"], "scope": scopes},
        "description": {
            "de": {
                "shortDescription": _short(solution.summary or solution.title),
                "longDescription": long_description(solution, page_url=page_url),
                "features": _features(solution),
            }
        },
        "legal": {
            "license": (main.licence if main and main.licence else "LicenseRef-unspecified"),
            "repoOwner": str(solution.owner),
        },
        "maintenance": {"type": "internal"},
        "localisation": {"localisationReady": False, "availableLanguages": ["de"]},
    }
    if main and main.website:
        document["description"]["de"]["documentation"] = main.website
    maintenance = document["maintenance"]
    if solution.status == SolutionStatus.DISCONTINUED:
        maintenance["type"] = "none"
    elif contact is not None:
        person = {"name": str(contact), "email": contact.email, "affiliation": str(solution.owner)}
        if contact.phone:
            person["phone"] = contact.phone
        maintenance["contacts"] = [person]
    return document


def publiccode_yaml(document: dict) -> str:
    header = _("# publiccode.yml exported from %(site)s on %(date)s\n") % {
        "site": settings.SITE_NAME,
        "date": timezone.localdate().isoformat(),
    }
    body = yaml.safe_dump(
        document, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    return header + body


def users_of(solution: Solution) -> list[str]:
    """The owner and the municipalities that use the solution too (for `usedBy`)."""
    names = [str(solution.owner)]
    for adoption in solution.adoptions.filter(status=AdoptionStatus.IN_USE).select_related(
        "municipality"
    ):
        names.append(str(adoption.municipality))
    return names


# --- publiccode.yml: import ----------------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """safe_load, but documents with aliases (*name) are refused: they are how
    "billion laughs" bombs blow up, and publiccode.yml files do not need them."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases are not accepted", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_object(self, node, deep=False):
        """Values Python cannot hold or print (a number with thousands of digits, the
        date 0000-01-01) are a problem of the file, named with its line."""
        try:
            data = super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as error:
            problem = _TOO_LARGE if "integer string conversion" in str(error) else str(error)
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None
        if isinstance(data, int) and data.bit_length() > _MAX_INT_BITS:
            # 0x… and 1:2:3 forms are not limited by Python's 4300 digits; str() would fail.
            raise yaml.constructor.ConstructorError(None, None, _TOO_LARGE, node.start_mark)
        return data


# A number beyond this has no place in a publiccode.yml (about 1200 decimal digits).
_MAX_INT_BITS = 4000
_TOO_LARGE = "number too large"


@dataclass
class ImportedSolution:
    """What a publiccode.yml gives a new solution (the fields of create_solution)."""

    title: str
    summary: str
    description: str = ""
    benefits: str = ""
    status: str = SolutionStatus.PLANNING
    discontinued_reason: str = ""
    website: str = ""
    topics: list[Topic] = field(default_factory=list)
    software: dict | None = None

    def data(self) -> dict:
        data = {
            "title": self.title,
            "summary": self.summary,
            "description": self.description,
            "benefits": self.benefits,
            "status": self.status,
            "discontinued_reason": self.discontinued_reason,
            "website": self.website,
            # A draft: members of the network see it until the owner publishes it.
            "visibility": SolutionVisibility.NETWORK,
            "topics": self.topics,
        }
        if self.software:
            data["software"] = [self.software]
        return data


class _Problems:
    """Collects the problems of a file, each as a message for the person importing it."""

    def __init__(self):
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        self.messages.append(message)

    def text(self, data: dict, key: str, *, path: str, required=False, max_length=None) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.add(_("“%(key)s” is missing.") % {"key": path})
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.add(_("“%(key)s” must be text.") % {"key": path})
            return ""
        value = str(value).strip()
        if max_length and len(value) > max_length:
            self.add(
                _("“%(key)s” is too long: at most %(max)s characters, the file has %(length)s.")
                % {"key": path, "max": max_length, "length": len(value)}
            )
            return ""
        return value

    def mapping(self, data: dict, key: str, *, path: str, required=False) -> dict:
        value = data.get(key)
        if value is None:
            if required:
                self.add(_("The section “%(key)s” is missing.") % {"key": path})
            return {}
        if not isinstance(value, dict):
            self.add(_("“%(key)s” must be a section with keys.") % {"key": path})
            return {}
        return value

    def texts(self, data: dict, key: str, *, path: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(
            isinstance(item, str | int | float) and not isinstance(item, bool) for item in value
        ):
            self.add(_("“%(key)s” must be a list of texts.") % {"key": path})
            return []
        return [str(item).strip() for item in value if str(item).strip()]

    def url(self, data: dict, key: str, *, path: str) -> str:
        value = self.text(data, key, path=path, max_length=200)
        if not value:
            return ""
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            self.add(
                _("“%(key)s” is not a web address (http:// or https://): %(value)s")
                % {"key": path, "value": value[:100]}
            )
            return ""
        return value


def _decode(data: bytes) -> str:
    if not data.strip():
        raise ValidationError(_("The file is empty."), code="empty")
    if len(data) > MAX_IMPORT_SIZE:
        raise ValidationError(
            _("The file is larger than %(size)s KB; a publiccode.yml is much smaller.")
            % {"size": MAX_IMPORT_SIZE // 1024},
            code="too_large",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The file is not UTF-8 text. Please save it with the encoding UTF-8."),
            code="encoding",
        ) from None
    if "\0" in text:
        raise ValidationError(_("The file is not a text file."), code="encoding")
    return text.removeprefix("\ufeff")


def load_yaml(data: bytes):
    """The YAML document in `data`; ValidationError with a message saying what is wrong."""
    text = _decode(data)
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or ""
        if problem == "aliases are not accepted":
            raise ValidationError(
                _(
                    "The file uses YAML aliases (“*name”, line %(line)s), which are not "
                    "accepted. Please write the values out."
                )
                % {"line": mark.line + 1 if mark else "?"},
                code="alias",
            ) from None
        if problem == _TOO_LARGE:
            raise ValidationError(
                _("The file contains a number that is too large (line %(line)s).")
                % {"line": mark.line + 1 if mark else "?"},
                code="yaml",
            ) from None
        raise ValidationError(
            _("The file is not valid YAML: %(problem)s (line %(line)s).")
            % {"problem": problem, "line": mark.line + 1 if mark else "?"},
            code="yaml",
        ) from None
    except (yaml.YAMLError, ValueError, OverflowError):
        raise ValidationError(_("The file is not valid YAML."), code="yaml") from None
    except RecursionError:
        raise ValidationError(
            _("The file is nested too deeply to be read."), code="too_deep"
        ) from None


def _language_section(description: dict) -> tuple[str, object]:
    for wanted in ("de", "de-DE", "de-de"):
        if wanted in description:
            return wanted, description[wanted]
    for key, value in description.items():
        if str(key).lower().startswith("de"):
            return str(key), value
    if "en" in description:
        return "en", description["en"]
    key = next(iter(description))
    return str(key), description[key]


def _topics_for(categories: list[str], scopes: list[str]) -> list[Topic]:
    present = set(categories) | set(scopes)
    slugs = [
        slug
        for slug, (cats, scope) in TOPIC_TAGS.items()
        if (cats or scope) and set(cats) | set(scope) <= present
    ]
    return list(Topic.objects.filter(slug__in=slugs, active=True).order_by("position", "name"))


def _is_ours(url: str) -> bool:
    return bool(url) and url.startswith(settings.SITE_URL + "/")


def parse_publiccode(data: bytes) -> ImportedSolution:
    """Read a publiccode.yml; ValidationError listing every problem found."""
    document = load_yaml(data)
    if document is None:
        raise ValidationError(_("The file is empty."), code="empty")
    if not isinstance(document, dict):
        raise ValidationError(
            _(
                "The file does not describe software in the publiccode.yml format: it must "
                "consist of keys such as “name” and “description”."
            ),
            code="not_publiccode",
        )
    problems = _Problems()
    version = problems.text(document, "publiccodeYmlVersion", path="publiccodeYmlVersion")
    if not version:
        problems.add(_("“publiccodeYmlVersion” is missing; is this a publiccode.yml file?"))
    elif not re.match(r"^0\.\d+(\.\d+)?$", version):
        problems.add(
            _("publiccode.yml version %(version)s is not supported (supported: 0.2 to 0.4).")
            % {"version": version[:20]}
        )
    title = problems.text(document, "name", path="name", required=True, max_length=200)
    url = problems.url(document, "url", path="url")
    landing = problems.url(document, "landingURL", path="landingURL")
    status = SolutionStatus.PLANNING
    development = problems.text(document, "developmentStatus", path="developmentStatus")
    if development:
        if development in FROM_DEVELOPMENT_STATUS:
            status = FROM_DEVELOPMENT_STATUS[development]
        else:
            problems.add(
                _("“developmentStatus” must be one of %(allowed)s, not “%(value)s”.")
                % {"allowed": ", ".join(FROM_DEVELOPMENT_STATUS), "value": development[:40]}
            )
    categories = problems.texts(document, "categories", path="categories")
    audience = problems.mapping(document, "intendedAudience", path="intendedAudience")
    scopes = problems.texts(audience, "scope", path="intendedAudience.scope")

    summary = long_text = ""
    features: list[str] = []
    description = problems.mapping(document, "description", path="description", required=True)
    if (
        description == {}
        and "description" in document
        and isinstance(document["description"], dict)
    ):
        problems.add(_("“description” must contain at least one language, e.g. “de”."))
    elif description:
        language, section = _language_section(description)
        path = f"description.{language}"
        if not isinstance(section, dict):
            problems.add(_("“%(key)s” must be a section with keys.") % {"key": path})
        else:
            summary = problems.text(
                section,
                "shortDescription",
                path=f"{path}.shortDescription",
                required=True,
                max_length=400,
            )
            long_text = problems.text(
                section, "longDescription", path=f"{path}.longDescription", max_length=20_000
            )
            features = problems.texts(section, "features", path=f"{path}.features")

    legal = problems.mapping(document, "legal", path="legal")
    licence = problems.text(legal, "license", path="legal.license", max_length=80)
    maintenance = problems.mapping(document, "maintenance", path="maintenance")
    vendor = ""
    contractors = maintenance.get("contractors")
    if contractors is not None:
        if not isinstance(contractors, list) or not all(
            isinstance(item, dict) for item in contractors
        ):
            problems.add(_("“maintenance.contractors” must be a list of sections."))
        elif contractors:
            vendor = problems.text(
                contractors[0], "name", path="maintenance.contractors.name", max_length=150
            )

    if problems.messages:
        raise ValidationError(problems.messages, code="invalid")

    if licence.startswith("LicenseRef-"):
        licence = ""
    repository = "" if _is_ours(url) else url
    website = "" if _is_ours(landing) else landing
    software = None
    if repository or licence or vendor:
        software = {
            "name": title[:150],
            "licence": licence,
            "is_open_source": bool(licence or repository),
            "repository_url": repository,
            "website": "",
            "vendor": vendor,
        }
    return ImportedSolution(
        title=title,
        summary=summary,
        description=long_text,
        benefits="\n".join(f"- {item}" for item in features),
        status=status,
        discontinued_reason=(
            _("Marked as obsolete in the imported publiccode.yml.")
            if status == SolutionStatus.DISCONTINUED
            else ""
        ),
        website=website,
        topics=_topics_for(categories, scopes),
        software=software,
    )


def import_solution(*, imported: ImportedSolution, network, owner, by) -> Solution:
    """Create the draft solution of an import (through the catalogue's rules)."""
    return create_solution(by=by, network=network, owner=owner, data=imported.data())


# --- DCAT-AP / ADMS-AP catalogue ----------------------------------------------------------

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "adms": "http://www.w3.org/ns/adms#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
ADMS_STATUS = {
    SolutionStatus.IDEA: "http://purl.org/adms/status/UnderDevelopment",
    SolutionStatus.PLANNING: "http://purl.org/adms/status/UnderDevelopment",
    SolutionStatus.PILOT: "http://purl.org/adms/status/UnderDevelopment",
    SolutionStatus.OPERATION: "http://purl.org/adms/status/Completed",
    SolutionStatus.DISCONTINUED: "http://purl.org/adms/status/Deprecated",
}
YAML_FORMAT = "http://publications.europa.eu/resource/authority/file-type/YAML"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/application/yaml"
# A single SPDX identifier (not an expression such as "MIT OR Apache-2.0") has an IRI.
SPDX_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")
CATALOGUE_CHUNK = 500


def _de(text: str) -> dict:
    return {"@value": text, "@language": "de"}


def _datetime(moment: datetime.datetime) -> dict:
    return {"@value": moment.isoformat(), "@type": "xsd:dateTime"}


def catalogue_header(*, url: str, modified: datetime.datetime | None) -> dict:
    with translation.override("de"):
        return _catalogue_header(url=url, modified=modified)


def _catalogue_header(*, url: str, modified: datetime.datetime | None) -> dict:
    licence = getattr(
        settings, "KNOWLEDGE_CATALOGUE_LICENCE", "https://creativecommons.org/licenses/by/4.0/"
    )
    header = {
        "@context": CONTEXT,
        "@id": url,
        "@type": "dcat:Catalog",
        "dct:title": _de(_("Solutions catalogue of %(site)s") % {"site": settings.SITE_NAME}),
        "dct:description": _de(
            _(
                "Solutions (Praxisbeispiele) that municipalities run and others can reuse, "
                "documented in the networks of %(site)s."
            )
            % {"site": settings.SITE_NAME}
        ),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": settings.OPERATOR_NAME},
        "dct:license": {"@id": licence},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/DEU"},
        "foaf:homepage": {"@id": absolute("/")},
    }
    if modified is not None:
        header["dct:modified"] = _datetime(modified)
    return header


def asset(solution: Solution) -> dict:
    """One solution as an ADMS-AP asset; `solution` carries `topics_list`, `open_software`
    (prefetched) and its owner."""
    page = solution_url(solution.slug)
    publisher: dict = {"@type": "foaf:Agent", "foaf:name": str(solution.owner)}
    if solution.owner.ags:
        publisher["dct:identifier"] = solution.owner.ags
    distribution: dict = {
        "@id": publiccode_url(solution.slug),
        "@type": ["dcat:Distribution", "adms:AssetDistribution"],
        "dct:title": "publiccode.yml",
        "dcat:accessURL": {"@id": publiccode_url(solution.slug)},
        "dcat:downloadURL": {"@id": publiccode_url(solution.slug)},
        "dct:format": {"@id": YAML_FORMAT},
        "dcat:mediaType": {"@id": MEDIA_TYPE},
    }
    main = main_software(solution.open_software)
    if main is not None and SPDX_ID.match(main.licence):
        licence = {"@id": f"http://spdx.org/licenses/{main.licence}"}
        distribution["dct:license"] = licence
        distribution["spdx:licenseDeclared"] = licence
    entry = {
        "@id": page,
        "@type": ["dcat:Dataset", "adms:Asset"],
        "dct:identifier": page,
        "dct:title": _de(solution.title),
        "dct:description": _de(solution.summary),
        "dcat:keyword": [_de(topic.name) for topic in solution.topics_list],
        "dcat:landingPage": {"@id": page},
        "dct:issued": _datetime(solution.created_at),
        "dct:modified": _datetime(solution.updated_at),
        "dct:publisher": publisher,
        "adms:status": {"@id": ADMS_STATUS.get(solution.status, ADMS_STATUS["idea"])},
        "dcat:distribution": [distribution],
    }
    if main is not None and main.repository_url:
        entry["foaf:page"] = {"@id": main.repository_url}
    return entry


def stream_catalogue(solutions, *, url: str, modified=None) -> Iterator[str]:
    """The catalogue as JSON text in pieces: header, one asset at a time, footer.

    `solutions` is an unevaluated queryset (see interop_views); it is read with
    iterator() in chunks, topics and software fetched per chunk.
    """
    header = json.dumps(catalogue_header(url=url, modified=modified), ensure_ascii=False)
    yield header[:-1] + ', "dcat:dataset": ['
    rows = solutions.select_related("owner").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("name"), to_attr="topics_list"),
        Prefetch(
            "software",
            queryset=Software.objects.filter(is_open_source=True).order_by("name", "pk"),
            to_attr="open_software",
        ),
    )
    first = True
    for solution in rows.iterator(chunk_size=CATALOGUE_CHUNK):
        piece = json.dumps(asset(solution), ensure_ascii=False)
        yield piece if first else "," + piece
        first = False
    yield "]}"
