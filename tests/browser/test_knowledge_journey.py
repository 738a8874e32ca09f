"""The knowledge exchange in a real browser: a member describes her municipality's
solution, a person of another member municipality records that they use it too
(with an experience report), and a third municipality describing its challenge on
"Wer hat das schon gemacht?" finds the solution first, with both municipalities
that run it.

Each page on the way is checked by axe-core, for CSP violations, console errors
and requests to other hosts (see conftest.py). Button and link names come from
the German catalogue (see tests/browser/i18n.py).
"""

import datetime
import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.i18n import de
from tests.browser.signin import sign_in, sign_out
from tests.browser.support import arrived
from tests.factories import MembershipFactory, NetworkFactory, UserFactory
from tests.knowledge.factories import SolutionFactory, topic
from voneinander.knowledge.models import Adoption, AdoptionStatus, Solution, SolutionStatus
from voneinander.municipalities.models import MunicipalityKind

TITLE = "Bürgerbus mit ehrenamtlichen Fahrern"
SUMMARY = (
    "Ehrenamtliche fahren ältere Menschen aus den Ortsgemeinden mit dem Bürgerbus zum Arzt, "
    "zur Apotheke und zum Einkaufen."
)
PROBLEM = (
    "Seit der Linienbus nachmittags nicht mehr fährt, kommen ältere Menschen ohne Auto "
    "nicht mehr zum Arzt."
)
REPORT = "Wir nutzen das auch: 14 Fahrerinnen und Fahrer, gebucht wird per Telefon im Rathaus."
CHALLENGE = (
    "Ältere Menschen in unseren Dörfern kommen nachmittags nicht mehr zum Arzt, "
    "seit der Bus nicht mehr fährt."
)


def _member_of(network, name: str, email: str):
    membership = MembershipFactory(
        network=network,
        municipality__name=name,
        municipality__kind=MunicipalityKind.VERBANDSGEMEINDE,
        municipality__population=9000,
    )
    person = UserFactory(
        email=email,
        municipality=membership.municipality,
        municipality_confirmed_at=timezone.now(),
    )
    return membership.municipality, person


def test_create_a_solution_record_reuse_and_find_it_from_a_challenge(page, visit):
    network = NetworkFactory(name="Netzwerk Digitale Dörfer", short_name="DD", slug="dd")
    goellheim, author = _member_of(network, "Göllheim", "digital@goellheim.example.org")
    eisenberg, adopter = _member_of(network, "Eisenberg", "digital@eisenberg.example.org")
    # Other solutions of the catalogue, which the challenge must not put first.
    SolutionFactory(
        network=network,
        title="Digitaler Bauantrag",
        summary="Bauanträge werden online gestellt und digital geprüft.",
    )
    SolutionFactory(
        network=network,
        title="Dorf-App für Vereine",
        summary="Vereine kündigen ihre Termine in einer gemeinsamen App an.",
    )

    # 1. The member describes her municipality's solution and saves it.
    sign_in(page, author.email)
    visit(reverse("knowledge:catalogue"))
    page.get_by_role("main").get_by_role("link", name=de("Describe a solution")).click()
    arrived(page, re.compile(r"/praxisbeispiele/neu/dd/$"))
    page.locator("input[name='title']").fill(TITLE)
    page.locator("textarea[name='summary']").fill(SUMMARY)
    page.get_by_role("checkbox", name="Mobilität").check()
    page.locator("select[name='status']").select_option(SolutionStatus.OPERATION)
    page.locator("textarea[name='problem']").fill(PROBLEM)
    page.locator("textarea[name='description']").fill(
        "## So fängt man an\n\n- Fahrzeug über den Landkreis leasen\n- Fahrdienst im Amtsblatt "
        "ankündigen"
    )
    page.locator("input[name='software-0-name']").fill("Fahrdienst-Planer")
    page.locator("input[name='software-0-licence']").fill("EUPL-1.2")
    page.get_by_role("button", name=de("Add to the catalogue")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    solution = Solution.objects.get(title=TITLE)
    arrived(page, re.compile(rf"{re.escape(solution.get_absolute_url())}$"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=3, name="So fängt man an")).to_be_visible()
    expect(main).to_contain_text("Fahrdienst-Planer")
    assert solution.owner == goellheim
    assert solution.network == network
    assert solution.status == SolutionStatus.OPERATION
    assert list(solution.topics.values_list("slug", flat=True)) == [topic("mobilitaet").slug]
    assert list(solution.software.values_list("name", "licence")) == [
        ("Fahrdienst-Planer", "EUPL-1.2")
    ]
    sign_out(page)

    # 2. A person of another member municipality records that they use it too.
    sign_in(page, adopter.email)
    visit(solution.get_absolute_url())
    page.get_by_role("link", name=de("We use this too")).click()
    arrived(page, re.compile(r"/nachnutzung/[\w-]+/neu/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(de("We use this too"))
    page.locator(f"input[name='status'][value='{AdoptionStatus.IN_USE}']").check()
    page.locator("input[name='started_on']").fill("2024-03-01")
    page.locator("textarea[name='report']").fill(REPORT)
    page.get_by_role("button", name=de("Record reuse")).click()

    arrived(page, re.compile(rf"{re.escape(solution.get_absolute_url())}$"))
    adoption = Adoption.objects.get(solution=solution)
    assert adoption.municipality == eisenberg
    assert adoption.status == AdoptionStatus.IN_USE
    assert adoption.started_on == datetime.date(2024, 3, 1)
    assert adoption.report == REPORT
    reuse = page.locator("section[aria-labelledby='adopters-heading']")
    entry = reuse.get_by_role("article", name="VG Eisenberg")
    expect(entry).to_contain_text(REPORT)
    expect(entry.locator("[data-adoption-status]")).to_have_text(de("We use this too"))
    sign_out(page)

    # 3. A third municipality describes its challenge and finds the solution first.
    _, asking = _member_of(network, "Lautersheim", "rathaus@lautersheim.example.org")
    sign_in(page, asking.email)
    visit(reverse("knowledge:who_has_done_this"))
    page.locator("textarea[name='herausforderung']").fill(CHALLENGE)
    page.get_by_role("main").get_by_role("button", name=de("Find solutions")).click()
    arrived(page, re.compile(r"/praxisbeispiele/wer-hat-das-schon/\?"))
    matches = page.locator("ol.vn-matches > li")
    expect(matches.first).to_be_visible()
    best = matches.first
    expect(best.get_by_role("heading", level=3)).to_have_text(TITLE)
    # It names the municipality that runs it and the one that reuses it.
    expect(best.get_by_role("link", name="VG Göllheim")).to_be_visible()
    expect(best.get_by_role("link", name="VG Eisenberg")).to_be_visible()
    best.get_by_role("link", name=TITLE).click()
    arrived(page, re.compile(rf"{re.escape(solution.get_absolute_url())}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
