"""The seminar series in a real browser: enrolment on approval, progress and feedback.

A mayor of a member municipality asks to take part in the pilot programme (it
admits each person), an organiser admits her, and she then sees the module's
members-only materials, ticks a checklist item, marks the module as done and sees
her progress. She rates the module (radio buttons, htmx swap of the feedback box)
with a comment; the organiser reads the rating and the comment on the feedback
page, which shows a module's figures only from three ratings on (two more are
given in the database first).

Each page on the way is checked by axe-core (also after the htmx swap), for CSP
violations, console errors and requests to other hosts (see conftest.py). Labels
come from the German catalogue where it has them, otherwise the English msgid is
what a visitor sees (`label()`), so the test keeps working once the lead adds the
translations.
"""

import re

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext, override
from playwright.sync_api import expect

from tests.browser.i18n import label, label_text, starts_with
from tests.browser.signin import sign_in, sign_out
from tests.browser.support import arrived, check_a11y
from tests.factories import MembershipFactory, NetworkFactory, UserFactory
from tests.seminars.factories import (
    EnrolmentFactory,
    MaterialFactory,
    ModuleFactory,
    PartnerFactory,
    ProgrammeFactory,
)
from voneinander.seminars.models import (
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    MaterialKind,
    ModuleFeedback,
    ModuleProgress,
)

ROLE = "Hauptamtliche Bürgermeisterin"
MESSAGE = "Wir wollen 2026 eine Digitalstrategie im Gemeinderat beschließen."
COMMENT = "Die Checkliste hat uns geholfen, die Ausgangslage ehrlich aufzuschreiben."
CHECKLIST = "Stärken sammeln\nSchwächen sammeln\nProjekte auflisten"


def _person_of(network, name: str, email: str, **names):
    municipality = MembershipFactory(network=network, municipality__name=name).municipality
    return UserFactory(
        email=email,
        municipality=municipality,
        municipality_confirmed_at=timezone.now(),
        **names,
    )


def test_enrol_on_approval_track_progress_and_rate_a_module(page, visit):
    network = NetworkFactory(name="Netzwerk Digitale Dörfer", short_name="DD", slug="dd")
    mayor = _person_of(
        network, "Göllheim", "buergermeisterin@goellheim.example.org", first_name="Berta"
    )
    organiser = UserFactory(
        email="orga@kommunal-akademie.example.org", first_name="Otto", last_name="Organisator"
    )
    programme = ProgrammeFactory(
        title="Digitale Kommune – Pilot",
        slug="digitale-kommune-pilot",
        network=network,
        enrolment_mode=EnrolmentMode.APPROVAL,
        audience="Hauptamtliche Bürgermeisterinnen und Bürgermeister der Pilotkommunen",
        version_label="Beta",
    )
    programme.organisers.add(organiser)
    programme.partners.add(PartnerFactory(name="Kommunal-Akademie Rheinland-Pfalz"))
    module = ModuleFactory(
        programme=programme,
        title="Auftaktworkshop: Wo stehen wir?",
        learning_goals="Die eigene Ausgangslage einschätzen.",
    )
    checklist = MaterialFactory(
        module=module,
        kind=MaterialKind.CHECKLIST,
        title="Checkliste Ausgangslage",
        checklist=CHECKLIST,
        members_only=True,
    )
    # Two earlier participants rated the module already: with hers, the figures show.
    for number, rating in enumerate((5, 3), start=1):
        other = UserFactory(email=f"teilnehmer{number}@example.org")
        EnrolmentFactory(programme=programme, user=other, status=EnrolmentStatus.ACTIVE)
        ModuleFeedback.objects.create(
            module=module, user=other, version_label="Beta", rating=rating
        )
    programme_url = reverse("seminars:programme", kwargs={"slug": programme.slug})
    module_url = module.get_absolute_url()

    # 1. The mayor asks to take part; the members-only checklist is not hers yet.
    sign_in(page, mayor.email)
    visit(reverse("seminars:list"))
    page.get_by_role("main").get_by_role("link", name=programme.title).click()
    arrived(page, re.compile(rf"{programme_url}$"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(programme.title)
    expect(main).to_contain_text(programme.audience)
    main.get_by_role("link", name=label("Ask to take part")).click()

    arrived(page, re.compile(rf"{reverse('seminars:enrol', kwargs={'slug': programme.slug})}$"))
    main = page.get_by_role("main")
    main.locator("input[name='role']").fill(ROLE)
    main.locator("textarea[name='message']").fill(MESSAGE)
    main.get_by_role("button", name=label("Send request")).click()

    arrived(page, re.compile(rf"{programme_url}$"))
    expect(page.get_by_role("status")).to_contain_text(
        label_text("Your request has been sent. The organisers will let you know by e-mail.")
    )
    expect(page.get_by_role("main")).to_contain_text(
        label_text("You have asked to take part. The organisers will let you know.")
    )
    enrolment = Enrolment.objects.get(programme=programme, user=mayor)
    assert (enrolment.status, enrolment.role, enrolment.message) == (
        EnrolmentStatus.REQUESTED,
        ROLE,
        MESSAGE,
    )
    assert enrolment.municipality == mayor.municipality
    page.get_by_role("main").get_by_role("link", name=module.title).click()
    arrived(page, re.compile(rf"{module_url}$"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(module.title)
    expect(main.get_by_role("checkbox")).to_have_count(0)
    expect(main).not_to_contain_text(checklist.title)
    sign_out(page)

    # 2. The organiser admits her from the requests.
    sign_in(page, organiser.email)
    visit(programme_url)
    requests_link = label_text("Requests (%(count)s)") % {"count": 1}
    page.get_by_role("main").get_by_role("link", name=requests_link, exact=True).click()
    requests_url = reverse("seminars:requests", kwargs={"slug": programme.slug})
    arrived(page, re.compile(rf"{requests_url}$"))
    row = page.get_by_role("main").get_by_role("row").filter(has_text=mayor.email)
    expect(row).to_contain_text(ROLE)
    expect(row).to_contain_text(MESSAGE)
    row.get_by_role("link", name=starts_with("Decide")).click()

    decide_url = reverse("seminars:decide", kwargs={"slug": programme.slug, "pk": enrolment.pk})
    arrived(page, re.compile(rf"{decide_url}$"))
    page.get_by_role("main").get_by_role("button", name=label("Admit")).click()

    arrived(page, re.compile(rf"{requests_url}$"))
    expect(page.get_by_role("main")).to_contain_text(label_text("There are no open requests."))
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.decided_by) == (EnrolmentStatus.ACTIVE, organiser)
    sign_out(page)

    # 3. Admitted, she ticks a checklist item and marks the module as done.
    sign_in(page, mayor.email)
    visit(module_url)
    main = page.get_by_role("main")
    group = main.get_by_role("group", name=checklist.title)
    expect(group.get_by_role("checkbox")).to_have_count(3)
    group.get_by_role("checkbox", name="Schwächen sammeln").check()
    main.get_by_role("button", name=starts_with("Save checklist")).click()

    arrived(page, re.compile(rf"{module_url}$"))
    expect(page.get_by_role("status")).to_contain_text(label_text("Your checklist has been saved."))
    group = page.get_by_role("main").get_by_role("group", name=checklist.title)
    expect(group.get_by_role("checkbox", name="Schwächen sammeln")).to_be_checked()
    expect(group.get_by_role("checkbox", name="Stärken sammeln")).not_to_be_checked()
    progress = ModuleProgress.objects.get(enrolment=enrolment, module=module)
    assert len(progress.checked_items) == 1
    assert progress.completed_at is None

    page.get_by_role("main").get_by_role("button", name=label("Mark module as done")).click()
    arrived(page, re.compile(rf"{module_url}$"))
    expect(page.get_by_role("status")).to_contain_text(label_text("The module is marked as done."))
    expect(page.get_by_role("main")).to_contain_text(label_text("You have completed this module."))
    progress.refresh_from_db()
    assert progress.completed_at is not None

    # Her progress on the programme page.
    visit(programme_url)
    main = page.get_by_role("main")
    expect(main).to_contain_text(label_text("You are enrolled."))
    with override("de"):
        done_text = ngettext(
            "%(done)s of %(total)s module completed",
            "%(done)s of %(total)s modules completed",
            1,
        ) % {"done": 1, "total": 1}
    expect(main.locator(".vn-seminar-progress")).to_contain_text(done_text)
    expect(main.locator("progress")).to_have_attribute("value", "1")

    # 4. She rates the module (htmx swaps the feedback box).
    visit(module_url)
    box = page.get_by_role("main").locator(f"#module-feedback-{module.pk}")
    expect(box.get_by_role("heading")).to_have_text(label("Your feedback on this module"))
    box.get_by_role("radio", name=label("4 – good")).check()
    box.locator("textarea[name='comment']").fill(COMMENT)
    box.get_by_role("button", name=label("Send rating")).click()

    box = page.get_by_role("main").locator(f"#module-feedback-{module.pk}")
    expect(box.get_by_role("status")).to_contain_text(label_text("Thank you for your rating."))
    expect(box.locator("[data-feedback-given]")).to_have_attribute("data-feedback-given", "4")
    expect(box.get_by_role("radio", name=label("4 – good"))).to_be_checked()
    expect(page).to_have_url(re.compile(rf"{module_url}$"))
    check_a11y(page, "feedback box after rating")
    feedback = ModuleFeedback.objects.get(module=module, user=mayor)
    assert (feedback.rating, feedback.comment, feedback.version_label) == (4, COMMENT, "Beta")
    sign_out(page)

    # 5. The organiser reads the feedback: three ratings, the average and the comment.
    sign_in(page, organiser.email)
    visit(programme_url)
    page.get_by_role("main").get_by_role("link", name=label("Feedback")).click()
    arrived(page, re.compile(rf"{reverse('seminars:feedback', kwargs={'slug': programme.slug})}$"))
    section = page.get_by_role("main").locator(f"[data-feedback-module='{module.pk}']")
    expect(section.get_by_role("heading", level=2)).to_have_text(module.title)
    beta = section.locator("[data-feedback-version='Beta']")
    with override("de"):
        figures = ngettext(
            "%(counter)s rating, average %(average)s",
            "%(counter)s ratings, average %(average)s",
            3,
        ) % {
            "counter": 3,
            "average": "4,0",
        }
    expect(beta).to_contain_text(figures)
    expect(beta.locator("[data-feedback-withheld]")).to_have_count(0)
    expect(beta.locator(".vn-feedback-comments")).to_contain_text(COMMENT)
    # Nobody sees who rated.
    expect(page.get_by_role("main")).not_to_contain_text(mayor.email)
    expect(page.get_by_role("main")).not_to_contain_text(mayor.first_name)
    sign_out(page)
