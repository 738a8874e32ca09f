"""Results: figures per kind of question, charts with tables, who sees what, CSV, query counts."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from tests.factories import MembershipFactory
from tests.surveys.factories import (
    SurveyFactory,
    closed_survey,
    person_of,
    question,
    respond,
)
from voneinander.surveys.models import QuestionKind, RespondentMode, Survey
from voneinander.surveys.results import survey_results


def _build(world, survey=None):
    survey = survey or closed_survey(network=world.network, title="Themen 2026")
    single = question(survey, QuestionKind.SINGLE, ["Ja", "Nein"], text="Machen Sie mit?")
    ranking = question(survey, QuestionKind.RANKING, ["A", "B", "C"], text="Reihenfolge?")
    scale = question(
        survey, QuestionKind.SCALE, text="Wie wichtig?", label_min="gar nicht", label_max="sehr"
    )
    text = question(survey, QuestionKind.TEXT, text="Ihre Idee?", required=False)
    yes, no = single.options.all()
    a, b, c = ranking.options.all()
    municipalities = [world.membership.municipality] + [
        MembershipFactory(network=world.network, municipality__name=name).municipality
        for name in ("Bachdorf", "Celle am See", "Dorfen")
    ]
    plans = [
        (yes, [(a, 1), (b, 2), (c, 3)], 4, "=HYPERLINK(1)"),
        (yes, [(a, 1), (b, 2), (c, 3)], 5, "Gemeinsamer Rufbus"),
        (yes, [(b, 1), (a, 2), (c, 3)], 3, ""),
        (no, [(c, 1), (b, 2), (a, 3)], 4, ""),
    ]
    for municipality, (choice, ranked, value, idea) in zip(municipalities, plans, strict=True):
        answers = {single: choice, ranking: ranked, scale: value}
        if idea:
            answers[text] = idea
        respond(survey, municipality, answers, user=person_of(municipality))
    return survey


def test_results_count_choices_borda_scores_and_scale_values(world):
    survey = _build(world)
    results = survey_results(survey, with_texts=True)
    single, ranking, scale, text = results.questions
    assert results.responses == 4
    assert [(r.label, r.count, r.share, r.place) for r in single.rows] == [
        ("Ja", 3, 75.0, 1),
        ("Nein", 1, 25.0, 2),
    ]
    # Three options: a first place earns 2 points, a second 1, a third 0.
    assert [(r.label, r.score, r.mean_place, r.firsts, r.place) for r in ranking.rows] == [
        ("A", 5, 1.75, 2, 1),
        ("B", 5, 1.75, 1, 1),
        ("C", 2, 2.5, 1, 3),
    ]
    assert ranking.answered == 4
    assert [(r.label, r.count) for r in scale.rows] == [
        ("1 – gar nicht", 0),
        ("2", 0),
        ("3", 1),
        ("4", 2),
        ("5 – sehr", 1),
    ]
    assert scale.mean == 4.0
    assert [(t.text, t.municipality) for t in text.texts] == [
        ("=HYPERLINK(1)", "Altstadt"),
        ("Gemeinsamer Rufbus", "Bachdorf"),
    ]
    assert text.answered == 2


def test_member_sees_charts_with_tables_but_not_the_free_text(world, client_as):
    survey = _build(world)
    response = client_as(world.user("member")).get(
        reverse("surveys:results", kwargs={"pk": survey.pk})
    )
    page = response.content.decode()
    assert page.count('role="img"') == 3  # choice, ranking, scale
    assert '<title id="chart-q' in page and ">Machen Sie mit?</title>" in page
    assert '<th class="kern-table__header" scope="row">Ja</th>' in page
    assert "75 %" in page
    assert "Gemeinsamer Rufbus" not in page and "HYPERLINK" not in page
    assert gettext("Free-text answers are read by the coordination only.") in page
    assert reverse("surveys:export", kwargs={"pk": survey.pk}) not in page
    assert "?option=" not in page  # no backlog links for members


def test_coordinator_sees_free_text_with_municipality_and_backlog_links(world, client_as):
    survey = _build(world)
    page = (
        client_as(world.user("coordinator"))
        .get(reverse("surveys:results", kwargs={"pk": survey.pk}))
        .content.decode()
    )
    assert "Gemeinsamer Rufbus" in page and "Bachdorf" in page
    assert reverse("surveys:export", kwargs={"pk": survey.pk}) in page
    backlog = reverse("surveys:backlog_add", kwargs={"slug": "alpha"})
    assert f"{backlog}?option=" in page and f"{backlog}?antwort=" in page


def test_free_text_of_a_per_person_survey_is_anonymous_for_coordinators(world, client_as):
    survey = closed_survey(network=world.network, respondent_mode=RespondentMode.PERSON)
    text = question(survey, QuestionKind.TEXT, text="Idee?")
    respond(
        survey, world.membership.municipality, {text: "Vereinsplattform"}, user=world.user("member")
    )
    results = survey_results(survey, with_texts=True)
    assert [(t.text, t.municipality) for t in results.questions[0].texts] == [
        ("Vereinsplattform", None)
    ]
    page = (
        client_as(world.user("coordinator"))
        .get(reverse("surveys:results", kwargs={"pk": survey.pk}))
        .content.decode()
    )
    assert "Vereinsplattform" in page and "Altstadt" not in page


def test_members_see_results_only_once_the_survey_has_closed(world, client_as):
    survey = SurveyFactory(network=world.network)
    url = reverse("surveys:results", kwargs={"pk": survey.pk})
    client = client_as(world.user("member"))
    assert client.get(url).status_code == 403
    # The closing date passes: the survey counts as closed without anyone closing it.
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now())
    assert client.get(url).status_code == 200
    assert client_as(world.user("coordinator")).get(url).status_code == 200


def _csv(response) -> list[list[str]]:
    text = b"".join(response).decode() if response.streaming else response.content.decode()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_export_has_one_row_per_response_and_no_personal_data(world, client_as):
    survey = _build(world)
    response = client_as(world.user("coordinator")).get(
        reverse("surveys:export", kwargs={"pk": survey.pk})
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="themen-2026-')
    rows = _csv(response)
    day = timezone.localdate().isoformat()
    assert rows[0] == [
        gettext("Response"),
        gettext("Municipality"),
        gettext("Submitted on"),
        "1. Machen Sie mit?",
        "2. Reihenfolge?",
        "3. Wie wichtig?",
        "4. Ihre Idee?",
    ]
    assert rows[1:] == [
        ["1", "Altstadt", day, "Ja", "A > B > C", "4", "'=HYPERLINK(1)"],
        ["2", "Bachdorf", day, "Ja", "A > B > C", "5", "Gemeinsamer Rufbus"],
        ["3", "Celle am See", day, "Ja", "B > A > C", "3", ""],
        ["4", "Dorfen", day, "Nein", "C > B > A", "4", ""],
    ]
    text = response.content.decode()
    assert "@" not in text  # no e-mail addresses
    for person in survey.responses.values_list("user__last_name", flat=True):
        assert person not in text


def test_csv_of_a_per_person_survey_names_no_municipality(world, client_as):
    survey = closed_survey(network=world.network, respondent_mode=RespondentMode.PERSON)
    asked = question(survey, QuestionKind.MULTIPLE, ["Rufbus", "Mitfahrbank", "Carsharing"])
    rufbus, _bank, carsharing = asked.options.all()
    respond(
        survey,
        world.membership.municipality,
        {asked: [carsharing, rufbus]},
        user=world.user("member"),
    )
    rows = _csv(
        client_as(world.user("coordinator")).get(
            reverse("surveys:export", kwargs={"pk": survey.pk})
        )
    )
    assert rows == [[gettext("Response"), f"1. {asked.text}"], ["1", "Rufbus; Carsharing"]]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_results_and_export_take_as_many_queries_for_one_as_for_many_responses(world, client_as):
    client = client_as(world.user("coordinator"))
    small, big = closed_survey(network=world.network), closed_survey(network=world.network)
    for survey, people in ((small, 1), (big, 8)):
        single = question(survey, QuestionKind.SINGLE, ["Ja", "Nein"])
        ranking = question(survey, QuestionKind.RANKING, ["A", "B"])
        text = question(survey, QuestionKind.TEXT)
        first, second = ranking.options.all()
        for _n in range(people):
            municipality = MembershipFactory(network=world.network).municipality
            respond(
                survey,
                municipality,
                {single: single.options.first(), ranking: [(first, 2), (second, 1)], text: "Idee"},
                user=person_of(municipality),
            )
    for name in ("results", "export", "manage"):
        assert _queries(client, reverse(f"surveys:{name}", kwargs={"pk": small.pk})) == _queries(
            client, reverse(f"surveys:{name}", kwargs={"pk": big.pk})
        ), name


@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_survey_list_query_count_does_not_grow(world, client_as, role):
    client = client_as(world.user(role))
    SurveyFactory(network=world.network)
    one = _queries(client, reverse("surveys:list"))
    for _n in range(5):
        survey = SurveyFactory(network=world.network)
        respond(survey, world.membership.municipality, {})
    closed_survey(network=world.network)
    assert _queries(client, reverse("surveys:list")) == one


def test_survey_pages_are_csp_clean(world, client_as):
    """No inline script, style attribute or event handler on any survey page."""
    from tests.core.test_security_headers import _assert_csp_clean

    survey = _build(world)
    draft = SurveyFactory(network=world.network, state="draft")
    asked = question(draft, QuestionKind.RANKING, ["A", "B"])
    running = SurveyFactory(network=world.network)
    question(running, QuestionKind.RANKING, ["A", "B"])
    urls = [
        reverse("surveys:list"),
        reverse("surveys:detail", kwargs={"pk": survey.pk}),
        reverse("surveys:detail", kwargs={"pk": running.pk}),
        reverse("surveys:detail", kwargs={"pk": draft.pk}),
        reverse("surveys:manage", kwargs={"pk": survey.pk}),
        reverse("surveys:manage", kwargs={"pk": draft.pk}),
        reverse("surveys:edit", kwargs={"pk": draft.pk}),
        reverse("surveys:question_add", kwargs={"pk": draft.pk}),
        reverse("surveys:question_edit", kwargs={"pk": draft.pk, "question": asked.pk}),
        reverse("surveys:results", kwargs={"pk": survey.pk}),
        reverse("surveys:create", kwargs={"slug": "alpha"}),
        reverse("surveys:backlog", kwargs={"slug": "alpha"}),
        reverse("surveys:backlog_add", kwargs={"slug": "alpha"}),
    ]
    for role in ("member", "coordinator"):
        client = client_as(world.user(role))
        for url in urls:
            response = client.get(url)
            if response.status_code == 200:
                _assert_csp_clean(url, response)
