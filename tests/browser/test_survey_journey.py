"""A member survey in a real browser: the coordinator creates a survey with a
single-choice question and opens it, a member answers for her municipality, the
coordinator closes it and sees the results as a chart drawn on the server (SVG)
with the same figures in a table.

Each page on the way is checked by axe-core, for CSP violations, console errors
and requests to other hosts (see conftest.py). Button and link names come from
the German catalogue (see tests/browser/i18n.py).
"""

import datetime
import re
import time

import time_machine
from allauth.mfa import app_settings as mfa_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from tests.browser.i18n import de
from tests.browser.signin import activate_totp, sign_in, sign_in_with_totp, sign_out
from tests.browser.support import arrived
from tests.factories import CoordinatorFactory, MembershipFactory, NetworkFactory, UserFactory
from voneinander.surveys import services
from voneinander.surveys.models import QuestionKind, RespondentMode, Response, Survey, SurveyState

TITLE = "Welche Themen soll das Netzwerk 2026 angehen?"
QUESTION = "Welches Handlungsfeld ist Ihrer Kommune am wichtigsten?"
OPTIONS = ["Mobilität", "Bildung", "Ehrenamt"]


def de_format(msgid: str, **values) -> re.Pattern:
    """`de()` for a msgid with named placeholders, filled in."""
    with override("de"):
        translated = gettext(msgid)
    assert translated != msgid, f"no German for {msgid!r}"
    return re.compile(rf"^\s*{re.escape(translated % values)}\s*$")


def _person_of(network, name: str, email: str):
    municipality = MembershipFactory(network=network, municipality__name=name).municipality
    return UserFactory(
        email=email, municipality=municipality, municipality_confirmed_at=timezone.now()
    )


def test_create_open_answer_close_and_see_the_chart(page, visit):
    network = NetworkFactory(name="Netzwerk Digitale Dörfer", short_name="DD", slug="dd")
    coordinator = CoordinatorFactory(network=network, user__email="orga@example.org").user
    secret = activate_totp(coordinator)
    member = _person_of(network, "Göllheim", "digital@goellheim.example.org")
    others = [
        _person_of(network, "Eisenberg", "rathaus@eisenberg.example.org"),
        _person_of(network, "Kirchheimbolanden", "rathaus@kibo.example.org"),
    ]
    closes = timezone.localtime(timezone.now() + datetime.timedelta(days=14)).replace(
        second=0, microsecond=0
    )

    # 1. The coordinator creates the survey with one single-choice question and opens it.
    sign_in_with_totp(page, coordinator.email, secret)
    page.wait_for_load_state("load")
    visit(reverse("surveys:list"))
    page.get_by_role("link", name=de_format("New survey in %(network)s", network="DD")).click()
    arrived(page, re.compile(rf"{reverse('surveys:create', args=['dd'])}$"))
    page.locator("input[name='title']").fill(TITLE)
    page.locator("textarea[name='introduction']").fill(
        "Das Ergebnis fließt in die **Themenliste** des Netzwerks ein."
    )
    page.locator(f"input[name='respondent_mode'][value='{RespondentMode.MUNICIPALITY}']").check()
    page.locator("input[name='closes_at']").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name=de("Create survey")).click()

    arrived(page, re.compile(r"/umfragen/\d+/verwalten/$"))
    survey = Survey.objects.get(title=TITLE)
    expect(page).to_have_url(re.compile(rf"{reverse('surveys:manage', args=[survey.pk])}$"))
    assert survey.network == network
    assert survey.state == SurveyState.DRAFT
    assert survey.closes_at == closes
    page.get_by_role("main").get_by_role("link", name=de("Add a question")).click()
    arrived(page, re.compile(rf"{reverse('surveys:question_add', args=[survey.pk])}$"))
    page.get_by_role("radio", name=de("Single choice")).check()
    page.locator("input[name='text']").fill(QUESTION)
    page.locator("textarea[name='options']").fill("\n".join(OPTIONS))
    page.get_by_role("button", name=de("Save question")).click()

    arrived(page, re.compile(rf"{reverse('surveys:manage', args=[survey.pk])}$"))
    question = survey.questions.get()
    assert question.kind == QuestionKind.SINGLE
    assert question.text == QUESTION
    assert [option.text for option in question.options.order_by("position")] == OPTIONS
    page.get_by_role("button", name=de("Open the survey")).click()
    expect(page.get_by_role("button", name=de("Close the survey now"))).to_be_visible()
    survey.refresh_from_db()
    assert survey.state == SurveyState.OPEN
    sign_out(page)

    # 2. A member finds the survey in her list and answers for her municipality.
    sign_in(page, member.email)
    visit(reverse("surveys:list"))
    page.get_by_role("table").get_by_role("link", name=TITLE).click()
    arrived(page, re.compile(rf"{reverse('surveys:detail', args=[survey.pk])}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("radio", name="Mobilität").check()
    page.get_by_role("button", name=de("Submit answers")).click()
    expect(page.get_by_role("button", name=de("Submit answers"))).to_have_count(0)
    expect(page.get_by_role("main")).to_contain_text("Mobilität")
    response = Response.objects.get(survey=survey)
    assert response.municipality == member.municipality
    assert response.user == member
    assert [answer.option.text for answer in response.answers.all()] == ["Mobilität"]
    # Results are for the coordination while the survey is open.
    expect(page.get_by_role("link", name=de("Results"))).to_have_count(0)
    sign_out(page)

    # Two more municipalities answer (through the same service the page uses).
    options = {option.text: option.pk for option in question.options.all()}
    for person, choice in zip(others, ["Mobilität", "Bildung"], strict=True):
        services.submit_response(survey=survey, user=person, answers={question.pk: options[choice]})

    # 3. The coordinator closes the survey and sees the chart and its table. A minute
    # later, so that a new one-time code is due.
    with time_machine.travel(time.time() + mfa_settings.TOTP_PERIOD, tick=True):
        sign_in_with_totp(page, coordinator.email, secret)
        page.wait_for_load_state("load")
        visit(reverse("surveys:manage", kwargs={"pk": survey.pk}))
        page.get_by_role("button", name=de("Close the survey now")).click()
        expect(page.get_by_role("button", name=de("Close the survey now"))).to_have_count(0)
        survey.refresh_from_db()
        assert survey.state == SurveyState.CLOSED
        page.wait_for_load_state("load")
        page.get_by_role("navigation", name=de("Survey tasks")).get_by_role(
            "link", name=de("Results")
        ).click()

        arrived(page, re.compile(rf"{reverse('surveys:results', args=[survey.pk])}$"))
        chart = page.locator("svg.vn-chart")
        expect(chart).to_have_count(1)
        expect(page.get_by_role("img", name=re.compile(re.escape(QUESTION)))).to_be_visible()
        for option in OPTIONS:
            expect(chart).to_contain_text(option)
        table = page.get_by_role(
            "table", name=de_format("Results of question %(number)s", number=1)
        )
        rows = table.locator("tbody tr")
        expect(rows).to_have_count(3)
        # Option, chosen, share (then a link for the topic backlog).
        cells = [
            [cell.strip() for cell in row.locator("th, td").all_inner_texts()[:3]]
            for row in rows.all()
        ]
        assert cells == [
            ["Mobilität", "2", "67 %"],
            ["Bildung", "1", "33 %"],
            ["Ehrenamt", "0", "0 %"],
        ]
