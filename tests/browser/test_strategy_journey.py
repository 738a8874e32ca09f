"""The digital-strategy workbook in a real browser, from the first step to a copied measure.

A person of a member municipality starts its strategy, writes the starting point
and the vision and goals, chooses Handlungsfelder and adds three measures, one of
them linked to a catalogue solution found with the search on the measure page.
She exports the PDF (its text is checked) and shares the strategy with the
network. A peer of another member municipality of the same network, who writes
her own strategy, browses the shared strategies, opens this one and copies a
measure into her own; the copy appears on her measures page. The workbook's step
and measures pages also fit a phone's screen (no horizontal scrolling).

Each page on the way is checked by axe-core (also after the htmx swap of the
solution search), for CSP violations, console errors and requests to other hosts
(see conftest.py). Labels come from the German catalogue where it has them,
otherwise the English msgid is what a visitor sees (`label()`).
"""

import io
import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.i18n import label, label_text, starts_with
from tests.browser.signin import sign_in, sign_out
from tests.browser.support import arrived, check_a11y
from tests.factories import MembershipFactory, NetworkFactory, UserFactory
from tests.knowledge.factories import SolutionFactory, topic
from tests.strategies.factories import MeasureFactory, field, strategy_of
from voneinander.municipalities.models import MunicipalityKind
from voneinander.strategies.models import Measure, MeasureStatus, Priority, Strategy

STRENGTHS = "Aktive Vereine und eine Feuerwehr, die sich schon über Messenger organisiert."
WEAKNESSES = "Kein Laden mehr im Dorf, der Bus fährt nur zweimal am Tag."
PROJECTS = "Mitfahrbank an der Kirche; die Verbandsgemeinde plant Online-Termine."
VISION = "2035 muss niemand wegziehen, um versorgt zu werden: Digitales bringt es ins Dorf."
GOALS = "Bis 2027 Termine im Bürgerbüro online buchbar.\nDie Hälfte der Vereine im Dorfkalender."
SOLUTION = "Rufbus Zellertal"
MEASURES = [
    # (title, Handlungsfeld slug, goal, priority, start, end, budget as typed)
    ("Rufbus für die Ortsgemeinden", "mobilitaet", "Ohne Auto zum Arzt.", Priority.HIGH,
     "03/2026", "12/2026", "15.000"),
    ("Digitaler Dorfladen", "nahversorgung-wirtschaft", "Einkaufen im Dorf, rund um die Uhr.",
     Priority.MEDIUM, "01/2027", "06/2027", "40000"),
    ("Gemeinde-App für alle", "kommunikation-beteiligung", "Neuigkeiten aus einer Hand.",
     Priority.LOW, "", "", ""),
]  # fmt: skip
PHONE = {"width": 375, "height": 740}


def _member_of(network, name: str, email: str, population: int):
    membership = MembershipFactory(
        network=network,
        municipality__name=name,
        municipality__kind=MunicipalityKind.VERBANDSGEMEINDE,
        municipality__population=population,
    )
    person = UserFactory(
        email=email, municipality=membership.municipality, municipality_confirmed_at=timezone.now()
    )
    return membership.municipality, person


def saved_prefix() -> str:
    """The start of the autosave status "Saved at 14:05" in German."""
    return label_text("Saved at %(time)s").split("%(time)s")[0].strip()


def _autosaved(page) -> None:
    """Wait until autosave has sent the last input and has no request under way.

    The live server's in-memory SQLite answers a second concurrent writer with
    "table is locked" (a file database waits, see settings.py), so the test lets
    autosave finish before it submits the step. After the pause that triggers a
    save (1.5 s), "Saved at …" shows only once no save is under way or due.
    """
    page.wait_for_timeout(1700)
    status = page.get_by_role("main").locator("[data-autosave-status]")
    expect(status).to_contain_text(saved_prefix())


def _no_horizontal_scroll(page, what: str) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{what} scrolls sideways on a phone: {widths}"


def _pdf_text(page, href: str) -> str:
    response = page.request.get(href)
    assert response.ok, href
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = "\n".join(pdf_page.extract_text() or "" for pdf_page in reader.pages)
    return " ".join(text.split())


def test_write_export_share_a_strategy_and_copy_a_measure(page, visit):
    network = NetworkFactory(name="Netzwerk Digitale Dörfer", short_name="DD", slug="dd")
    goellheim, author = _member_of(network, "Göllheim", "digital@goellheim.example.org", 11000)
    eisenberg, peer = _member_of(network, "Eisenberg", "digital@eisenberg.example.org", 9000)
    peer_strategy = strategy_of(eisenberg, lead=peer, title="Digitales Eisenberg")
    MeasureFactory(strategy=peer_strategy, title="Mitfahrbank mit App", field=field("mobilitaet"))
    solution = SolutionFactory(
        network=network,
        title=SOLUTION,
        summary="Ein Rufbus fährt auf Bestellung per Telefon oder App durch das Zellertal.",
        topics=[topic("mobilitaet")],
    )

    # 1. The member starts her municipality's strategy.
    sign_in(page, author.email)
    visit(reverse("strategies:index"))
    start = label_text("Start the strategy of %(name)s") % {"name": goellheim.name}
    page.get_by_role("main").get_by_role("button", name=start).click()
    strategy = Strategy.objects.get(municipality=goellheim)
    overview_url = reverse("strategies:overview", kwargs={"pk": strategy.pk})
    arrived(page, re.compile(rf"{overview_url}$"))
    expect(page.get_by_role("status")).to_contain_text(
        label_text("Your strategy has been started.")
    )
    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_have_text(strategy.title)

    # 2. Starting point, then vision and goals, then the Handlungsfelder.
    steps_nav = page.get_by_role("navigation", name=label("Steps of the workbook"))
    steps_nav.get_by_role("link", name=re.compile(re.escape(label_text("Starting point")))).click()
    step_url = reverse("strategies:step", kwargs={"pk": strategy.pk, "step": "ausgangslage"})
    arrived(page, re.compile(rf"{step_url}$"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(label("Starting point"))
    main.locator("textarea[name='strengths']").fill(STRENGTHS)
    main.locator("textarea[name='weaknesses']").fill(WEAKNESSES)
    main.locator("textarea[name='existing_projects']").fill(PROJECTS)
    _autosaved(page)
    main.get_by_role("button", name=label("Save and go to the next step")).click()

    vision_url = reverse("strategies:step", kwargs={"pk": strategy.pk, "step": "vision-und-ziele"})
    arrived(page, re.compile(rf"{vision_url}$"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(label("Vision and goals"))
    main.locator("textarea[name='vision']").fill(VISION)
    main.locator("textarea[name='goals']").fill(GOALS)
    _autosaved(page)
    main.get_by_role("button", name=label("Save and go to the next step")).click()

    fields_url = reverse("strategies:step", kwargs={"pk": strategy.pk, "step": "handlungsfelder"})
    arrived(page, re.compile(rf"{fields_url}$"))
    main = page.get_by_role("main")
    for slug in ("mobilitaet", "nahversorgung-wirtschaft", "kommunikation-beteiligung"):
        main.get_by_role("checkbox", name=field(slug).name, exact=True).check()
    _autosaved(page)
    main.get_by_role("button", name=label("Save and go to the overview")).click()

    arrived(page, re.compile(rf"{overview_url}$"))
    strategy.refresh_from_db()
    assert (strategy.strengths, strategy.weaknesses, strategy.existing_projects) == (
        STRENGTHS,
        WEAKNESSES,
        PROJECTS,
    )
    assert (strategy.vision, strategy.goals) == (VISION, GOALS)
    assert sorted(strategy.fields.values_list("slug", flat=True)) == [
        "kommunikation-beteiligung",
        "mobilitaet",
        "nahversorgung-wirtschaft",
    ]
    main = page.get_by_role("main")
    expect(main.locator(".vn-wb-overview .kern-badge--success")).to_have_count(3)

    # 3. Three measures.
    measures_url = reverse("strategies:measures", kwargs={"pk": strategy.pk})
    for title, slug, goal, priority, starts, ends, budget in MEASURES:
        visit(measures_url)
        page.get_by_role("main").get_by_role("link", name=label("Add a measure")).click()
        arrived(
            page, re.compile(rf"{reverse('strategies:measure_add', kwargs={'pk': strategy.pk})}$")
        )
        form = page.get_by_role("main").locator("form.vn-measure-form")
        form.locator("input[name='title']").fill(title)
        form.locator("select[name='field']").select_option(label=field(slug).name)
        form.locator("textarea[name='goal']").fill(goal)
        form.locator("select[name='priority']").select_option(priority)
        form.locator("input[name='responsible']").fill("Bürgermeisterin")
        form.locator("input[name='starts_on']").fill(starts)
        form.locator("input[name='ends_on']").fill(ends)
        form.locator("input[name='budget_eur']").fill(budget)
        form.locator("select[name='status']").select_option(MeasureStatus.PLANNED)
        form.get_by_role("button", name=label("Save measure")).click()

        measure = Measure.objects.get(strategy=strategy, title=title)
        measure_url = reverse(
            "strategies:measure_edit", kwargs={"pk": strategy.pk, "measure_pk": measure.pk}
        )
        arrived(page, re.compile(rf"{measure_url}$"))
        expect(page.get_by_role("main").get_by_role("heading", level=1)).to_have_text(title)
        assert (measure.field.slug, measure.goal, measure.priority, measure.status) == (
            slug,
            goal,
            priority,
            MeasureStatus.PLANNED,
        )

    first = Measure.objects.get(strategy=strategy, title=MEASURES[0][0])
    assert (str(first.starts_on), str(first.ends_on), first.budget_eur) == (
        "2026-03-01",
        "2026-12-31",
        15000,
    )

    # 4. The first measure links the catalogue solution found with the search (htmx).
    first_url = reverse(
        "strategies:measure_edit", kwargs={"pk": strategy.pk, "measure_pk": first.pk}
    )
    visit(first_url)
    main = page.get_by_role("main")
    main.locator("input[name='suche']").fill("Rufbus")
    results = main.locator("#solution-results")
    hit = results.get_by_role("listitem").filter(has_text=SOLUTION)
    expect(hit).to_be_visible()
    check_a11y(page, "solution search results")
    hit.get_by_role("button", name=starts_with("Link", "verb")).click()

    arrived(page, re.compile(rf"{first_url}#solutions-heading$"))
    expect(page.locator(".kern-alert[role='status']")).to_contain_text(SOLUTION)
    linked = page.get_by_role("main").locator("section[aria-labelledby='solutions-heading']")
    expect(linked.get_by_role("link", name=SOLUTION)).to_be_visible()
    assert list(first.solutions.all()) == [solution]

    # The measures page lists all three, grouped by Handlungsfeld.
    visit(measures_url)
    main = page.get_by_role("main")
    for title, slug, *_rest in MEASURES:
        group = main.locator(f"section[aria-labelledby='field-{slug}']")
        expect(group.get_by_role("heading", level=3, name=title)).to_be_visible()
    expect(main.locator(f"#measure-{first.pk}").get_by_role("link", name=SOLUTION)).to_be_visible()

    # 5. On a phone, the step and the measures pages do not scroll sideways.
    page.set_viewport_size(PHONE)
    visit(vision_url)
    expect(page.get_by_role("main").locator("textarea[name='vision']")).to_have_value(VISION)
    _no_horizontal_scroll(page, "the step page")
    visit(measures_url)
    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_be_visible()
    _no_horizontal_scroll(page, "the measures page")
    visit(first_url)
    _no_horizontal_scroll(page, "the measure page")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 6. The PDF export names the municipality, the measures and the linked solution.
    visit(overview_url)
    page.get_by_role("main").get_by_role("link", name=label("Export")).click()
    arrived(page, re.compile(rf"{reverse('strategies:export', kwargs={'pk': strategy.pk})}$"))
    pdf_link = page.get_by_role("main").get_by_role("link", name=label("PDF"))
    href = pdf_link.get_attribute("href")
    assert href == reverse("strategies:export_file", kwargs={"pk": strategy.pk, "format": "pdf"})
    text = _pdf_text(page, href)
    assert goellheim.name in text
    assert strategy.title in text
    for title, *_rest in MEASURES:
        assert title in text, title
    assert SOLUTION in text
    assert STRENGTHS in text

    # 7. She shares the strategy with the network.
    visit(overview_url)
    page.get_by_role("main").get_by_role("link", name=label("Sharing")).click()
    share_url = reverse("strategies:share", kwargs={"pk": strategy.pk})
    arrived(page, re.compile(rf"{share_url}$"))
    main = page.get_by_role("main")
    expect(main.locator("[data-sharing-state]")).to_have_attribute("data-sharing-state", "private")
    main.get_by_role("radio", name=network.name).check()
    main.get_by_role("button", name=label("Share", "strategy")).click()

    arrived(page, re.compile(rf"{share_url}$"))
    shared = label_text("The strategy is now shared with %(network)s.") % {"network": network.name}
    expect(page.get_by_role("status")).to_contain_text(shared)
    expect(page.get_by_role("main").locator("[data-sharing-state]")).to_have_attribute(
        "data-sharing-state", "shared"
    )
    strategy.refresh_from_db()
    assert strategy.shared_with == network
    sign_out(page)

    # 8. A peer of the network browses the shared strategies and copies a measure.
    sign_in(page, peer.email)
    visit(reverse("strategies:shared"))
    main = page.get_by_role("main")
    card = main.get_by_role("article").filter(has_text=strategy.title)
    expect(card).to_contain_text(str(goellheim))
    card.get_by_role("link", name=str(goellheim)).click()

    detail_url = reverse("strategies:shared_detail", kwargs={"pk": strategy.pk})
    arrived(page, re.compile(rf"{detail_url}$"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(strategy.title)
    expect(main).to_contain_text(STRENGTHS)
    expect(main).to_contain_text(VISION)
    linked_item = main.locator(f"#massnahme-{first.pk}")
    expect(linked_item.get_by_role("link", name=SOLUTION)).to_be_visible()
    wanted = MEASURES[1][0]
    item = main.get_by_role("listitem").filter(
        has=page.get_by_role("heading", level=4, name=wanted)
    )
    item.get_by_role("link", name=starts_with("Copy into my strategy")).click()

    source = Measure.objects.get(strategy=strategy, title=wanted)
    copy_url = reverse(
        "strategies:copy_measure", kwargs={"pk": strategy.pk, "measure_pk": source.pk}
    )
    arrived(page, re.compile(rf"{copy_url}$"))
    main = page.get_by_role("main")
    expect(main.get_by_role("radio")).to_have_count(1)
    expect(main.get_by_role("radio")).to_be_checked()
    main.get_by_role("button", name=label("Copy the measure")).click()

    arrived(page, re.compile(rf"{detail_url}$"))
    copied = Measure.objects.get(strategy=peer_strategy, title=wanted)
    assert (copied.copied_from, copied.status, copied.field.slug) == (
        source,
        MeasureStatus.IDEA,
        "nahversorgung-wirtschaft",
    )
    assert copied.goal == MEASURES[1][2]
    status = page.get_by_role("status")
    expect(status).to_contain_text(peer_strategy.title)
    status.get_by_role("link", name=label("Show the copy")).click()

    copied_url = reverse(
        "strategies:measure_edit", kwargs={"pk": peer_strategy.pk, "measure_pk": copied.pk}
    )
    arrived(page, re.compile(rf"{copied_url}$"))
    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_have_text(wanted)

    # The copy is on her measures page, next to her own measure.
    visit(reverse("strategies:measures", kwargs={"pk": peer_strategy.pk}))
    main = page.get_by_role("main")
    mine = main.locator(f"#measure-{copied.pk}")
    expect(mine.get_by_role("heading", level=3)).to_have_text(wanted)
    expect(mine).to_contain_text(label_text("Idea"))
    expect(main.get_by_role("heading", level=3, name="Mitfahrbank mit App")).to_be_visible()
    # The source strategy stays unchanged.
    assert strategy.measures.count() == 3
    sign_out(page)
