"""The demo surveys: a closed one with real-looking results, an open one, and a backlog."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from voneinander.accounts.models import User
from voneinander.surveys import demo
from voneinander.surveys.models import BacklogTopic, Response, Survey, SurveyState
from voneinander.surveys.results import survey_results
from voneinander.workinggroups.models import WorkingGroup


@pytest.fixture
def loaded(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo_data", stdout=StringIO())


def test_demo_has_a_closed_survey_with_answers_and_an_open_one(loaded):
    closed = Survey.objects.get(title=demo.CLOSED_TITLE)
    assert closed.phase == SurveyState.CLOSED
    responses = closed.responses.count()
    members = closed.network.memberships.filter(status="active").count()
    assert 10 <= responses < members
    results = survey_results(closed, with_texts=True)
    single, multiple, ranking, scale, text = results.questions
    assert multiple.rows[0].label == "Mobilität"  # the most chosen field
    assert sum(row.count for row in single.rows) == responses
    assert all(row.score is not None for row in ranking.rows)
    assert 3 <= scale.mean <= 5
    assert len(text.texts) == len(demo.IDEAS)
    opened = Survey.objects.get(title=demo.OPEN_TITLE)
    assert opened.phase == SurveyState.OPEN
    assert opened.questions.count() == 4
    assert not opened.responses.exists()


def test_demo_backlog_has_four_topics_with_their_sources(loaded):
    topics = {item.title: item for item in BacklogTopic.objects.select_related("option")}
    assert len(topics) == 4
    mobility = topics["Mobilität im ländlichen Raum"]
    assert mobility.option.text == "Mobilität" and mobility.place == 1
    assert mobility.votes > topics["Open Data in kleinen Gemeinden"].votes
    assert topics["Open Data in kleinen Gemeinden"].status == "declined"
    assert topics["Vereinsverwaltung digital"].answer is not None
    # Linked to the other demos' working group and next meeting where they exist.
    supply = topics["Nahversorgung: Dorfläden und Dorf-App"]
    group = WorkingGroup.objects.filter(slug=demo.SUPPLY_GROUP).first()
    assert supply.working_group == group
    assert supply.status == ("working_group" if group else "planned")
    meeting = demo._next_meeting(mobility.network)
    assert mobility.event == meeting
    assert mobility.status == ("agenda" if meeting else "planned")


def test_demo_loads_twice_without_changes(loaded):
    before = (Survey.objects.count(), Response.objects.count(), BacklogTopic.objects.count())
    call_command("load_demo_data", stdout=StringIO())
    assert (Survey.objects.count(), Response.objects.count(), BacklogTopic.objects.count()) == (
        before
    )


def test_demo_results_and_backlog_pages_render_for_a_member(loaded, client):
    client.force_login(User.objects.get(email="digital@vg-eisenberg.example.org"))
    closed = Survey.objects.get(title=demo.CLOSED_TITLE)
    page = client.get(reverse("surveys:results", kwargs={"pk": closed.pk})).content.decode()
    assert page.count('role="img"') == 4  # single, multiple, ranking, scale
    page = client.get(reverse("surveys:backlog", kwargs={"slug": demo.NETWORK})).content.decode()
    assert "Mobilität im ländlichen Raum" in page
