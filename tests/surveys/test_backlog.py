"""The topic backlog: topics from survey results, their status, links, and why they were chosen."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from tests.events.factories import EventFactory
from tests.factories import MembershipFactory
from tests.surveys.factories import (
    BacklogTopicFactory,
    SurveyFactory,
    closed_survey,
    person_of,
    question,
    respond,
)
from voneinander.audit.models import AuditEvent
from voneinander.events.models import Visibility
from voneinander.knowledge.models import Topic
from voneinander.surveys import services
from voneinander.surveys.models import BacklogStatus, BacklogTopic, QuestionKind
from voneinander.workinggroups.models import GroupMember, MemberStatus, WorkingGroup

ADD = reverse("surveys:backlog_add", kwargs={"slug": "alpha"})
BACKLOG = reverse("surveys:backlog", kwargs={"slug": "alpha"})


@pytest.fixture
def result(world):
    """A closed survey: 3 of 4 municipalities chose Mobilität, 1 Bildung; one idea in free text."""
    survey = closed_survey(network=world.network, title="Themen 2026")
    choice = question(survey, QuestionKind.SINGLE, ["Mobilität", "Bildung"], text="Welches Thema?")
    mobility, education = choice.options.all()
    mobility.topic = Topic.objects.get(slug="mobilitaet")
    mobility.save()
    idea = question(survey, QuestionKind.TEXT, text="Ihre Idee?", required=False)
    municipalities = [world.membership.municipality] + [
        MembershipFactory(network=world.network).municipality for _n in range(3)
    ]
    for number, municipality in enumerate(municipalities):
        answers = {choice: education if number == 3 else mobility}
        if number == 0:
            answers[idea] = "Eine Plattform für Vereine im Kreis"
        respond(survey, municipality, answers, user=person_of(municipality))
    return survey


def _data(**changes):
    data = {
        "title": "Mobilität auf dem Land",
        "topic": "",
        "description": "",
        "status": "proposed",
        "reason": "",
        "working_group": "",
        "event": "",
    }
    data.update(changes)
    return data


def _group(network, *, private=False, **extra):
    return WorkingGroup.objects.create(
        network=network,
        title=extra.pop("title", "AG Mobilität"),
        slug=extra.pop("slug", "ag-mobilitaet"),
        is_private=private,
        **extra,
    )


def test_topic_from_an_option_keeps_the_figures_of_the_result(world, client_as, result):
    mobility = result.questions.first().options.get(text="Mobilität")
    client = client_as(world.user("coordinator"))
    form = client.get(f"{ADD}?option={mobility.pk}").context["form"]
    assert form["title"].value() == "Mobilität"
    assert form["topic"].value() == Topic.objects.get(slug="mobilitaet").pk
    response = client.post(
        ADD,
        _data(
            source_option=mobility.pk,
            topic=mobility.topic.pk,
            status="planned",
            reason="Drei von vier Kommunen wünschen es sich.",
        ),
    )
    assert response.status_code == 302
    item = BacklogTopic.objects.get()
    assert (item.survey, item.question, item.option) == (result, mobility.question, mobility)
    assert (item.votes, item.base, item.place, item.share) == (3, 4, 1, 75.0)
    assert item.status == BacklogStatus.PLANNED and item.created_by == world.user("coordinator")
    assert AuditEvent.objects.filter(action="backlog.topic_added").exists()


def test_members_see_why_a_topic_was_chosen(world, client_as, result):
    mobility = result.questions.first().options.get(text="Mobilität")
    client_as(world.user("coordinator")).post(
        ADD, _data(source_option=mobility.pk, reason="Wunsch der Mehrheit.")
    )
    page = client_as(world.user("member")).get(BACKLOG).content.decode()
    assert "Mobilität auf dem Land" in page
    assert "Wunsch der Mehrheit." in page
    assert "Themen 2026" in page and "Welches Thema?" in page
    assert "3" in page and "75 %" in page
    assert reverse("surveys:results", kwargs={"pk": result.pk}) in page
    assert reverse("surveys:backlog_add", kwargs={"slug": "alpha"}) not in page


def test_topic_from_a_ranking_shows_its_borda_score(world, client_as):
    survey = closed_survey(network=world.network)
    ranking = question(survey, QuestionKind.RANKING, ["Rufbus", "Dorfladen"])
    rufbus, shop = ranking.options.all()
    respond(survey, world.membership.municipality, {ranking: [(shop, 1), (rufbus, 2)]})
    other = MembershipFactory(network=world.network).municipality
    respond(survey, other, {ranking: [(shop, 1), (rufbus, 2)]})
    client_as(world.user("coordinator")).post(ADD, _data(source_option=shop.pk, title="Dorfladen"))
    item = BacklogTopic.objects.get()
    assert (item.votes, item.base, item.place, item.share) == (2, 2, 1, None)
    page = client_as(world.user("member")).get(BACKLOG).content.decode()
    assert "Borda" in page


def test_topic_from_a_free_text_idea_does_not_name_who_had_it(world, client_as, result):
    answer = result.questions.get(kind=QuestionKind.TEXT).answers.get()
    client = client_as(world.user("coordinator"))
    form = client.get(f"{ADD}?antwort={answer.pk}").context["form"]
    assert form["description"].value() == "Eine Plattform für Vereine im Kreis"
    client.post(
        ADD,
        _data(
            source_answer=answer.pk,
            title="Vereinsplattform",
            description="Eine Plattform für Vereine im Kreis",
        ),
    )
    item = BacklogTopic.objects.get()
    assert (item.survey, item.answer, item.votes) == (result, answer, None)
    page = client_as(world.user("member")).get(BACKLOG).content.decode()
    assert "Vereinsplattform" in page and "Ihre Idee?" in page
    assert "Altstadt" not in page


def test_result_of_another_network_cannot_become_a_topic_here(world, client_as):
    survey = closed_survey(network=world.other_network)
    foreign = question(survey, options=["Ja", "Nein"]).options.first()
    client = client_as(world.user("coordinator"))
    assert client.get(f"{ADD}?option={foreign.pk}").status_code == 404
    assert client.post(ADD, _data(source_option=foreign.pk)).status_code == 404
    assert client.get(f"{ADD}?antwort=abc").status_code == 404
    assert not BacklogTopic.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"status": "working_group"},
            "working_group",
            "Name the working group that takes the topic up.",
        ),
        ({"status": "agenda"}, "event", "Name the meeting on whose agenda the topic is."),
        ({"status": "declined"}, "reason", "Give the reason why the topic was declined."),
        ({"title": ""}, "title", None),
    ],
)
def test_status_needs_its_link_or_reason(world, client_as, changes, field, message):
    response = client_as(world.user("coordinator")).post(ADD, _data(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    if message:
        assert errors[field] == [gettext(message)]
    assert "Mobilität auf dem Land" in response.content.decode() or field == "title"
    assert not BacklogTopic.objects.exists()


def test_working_group_and_event_must_belong_to_the_network(world, client_as):
    foreign_group = _group(world.other_network)
    foreign_event = EventFactory(networks=[world.other_network])
    response = client_as(world.user("coordinator")).post(
        ADD,
        _data(status="agenda", working_group=foreign_group.pk, event=foreign_event.pk),
    )
    assert set(response.context["form"].errors) == {"working_group", "event"}
    assert not BacklogTopic.objects.exists()


def test_topic_is_taken_up_by_a_working_group_and_put_on_an_agenda(world, client_as):
    item = BacklogTopicFactory(network=world.network, title="Open Data")
    group = _group(world.network)
    meeting = EventFactory(networks=[world.network], title="Netzwerktreffen Herbst")
    client = client_as(world.user("coordinator"))
    url = reverse("surveys:backlog_edit", kwargs={"slug": "alpha", "pk": item.pk})
    client.post(url, _data(title="Open Data", status="working_group", working_group=group.pk))
    client.post(
        url,
        _data(title="Open Data", status="agenda", working_group=group.pk, event=meeting.pk),
    )
    item.refresh_from_db()
    assert (item.status, item.working_group, item.event) == ("agenda", group, meeting)
    assert AuditEvent.objects.filter(action="backlog.topic_changed").count() == 2
    page = client_as(world.user("member")).get(BACKLOG).content.decode()
    assert "AG Mobilität" in page
    assert meeting.get_absolute_url() in page and "Netzwerktreffen Herbst" in page


def test_private_working_group_and_hidden_meeting_are_not_named_to_outsiders(world, client_as):
    group = _group(world.network, private=True, title="AG Geheim", slug="ag-geheim")
    meeting = EventFactory(
        networks=[world.network], title="Nur für Eingeladene", visibility=Visibility.INVITED
    )
    BacklogTopicFactory(
        network=world.network,
        title="Vertrauliches Thema",
        status=BacklogStatus.AGENDA,
        working_group=group,
        event=meeting,
    )
    page = client_as(world.user("member")).get(BACKLOG).content.decode()
    assert "Vertrauliches Thema" in page
    assert "AG Geheim" not in page and "Nur für Eingeladene" not in page
    assert gettext("Taken up by a private working group.") in page
    GroupMember.objects.create(group=group, user=world.user("member"), status=MemberStatus.ACTIVE)
    page = client_as(world.user("member")).get(BACKLOG).content.decode()
    assert "AG Geheim" in page
    page = client_as(world.user("coordinator")).get(BACKLOG).content.decode()
    assert "AG Geheim" in page and "Nur für Eingeladene" in page


def test_backlog_lists_active_work_first(world, client_as):
    for title, status, votes in [
        ("Abgelehnt", BacklogStatus.DECLINED, 9),
        ("Vorschlag klein", BacklogStatus.PROPOSED, 1),
        ("Vorschlag groß", BacklogStatus.PROPOSED, 5),
        ("In der AG", BacklogStatus.WORKING_GROUP, 2),
    ]:
        BacklogTopicFactory(network=world.network, title=title, status=status, votes=votes)
    BacklogTopicFactory(network=world.other_network, title="Fremd")
    topics = client_as(world.user("member")).get(BACKLOG).context["topics"]
    assert [item.title for item in topics] == [
        "In der AG",
        "Vorschlag groß",
        "Vorschlag klein",
        "Abgelehnt",
    ]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_backlog_query_count_does_not_grow(world, client_as, role):
    survey = closed_survey(network=world.network)
    options = question(survey, options=[f"Thema {n}" for n in range(8)]).options.all()
    group = _group(world.network, private=True)
    client = client_as(world.user(role))

    def add(option):
        BacklogTopicFactory(
            network=world.network,
            survey=survey,
            question=option.question,
            option=option,
            votes=1,
            base=2,
            place=1,
            topic=Topic.objects.get(slug="bildung"),
            working_group=group,
            status=BacklogStatus.AGENDA,
            event=EventFactory(networks=[world.network]),
        )

    add(options[0])
    one = _queries(client, BACKLOG)
    for option in options[1:]:
        add(option)
    assert _queries(client, BACKLOG) == one


def test_survey_page_and_backlog_are_linked_from_the_survey_list(world, client_as):
    SurveyFactory(network=world.network)
    page = client_as(world.user("member")).get(reverse("surveys:list")).content.decode()
    assert BACKLOG in page
    assert reverse("surveys:backlog", kwargs={"slug": "beta"}) not in page


# --- Only meetings the coordinator may see ---------------------------------------------------


def _private_meeting(world, title="Geheimes AG-Treffen"):
    """A meeting of alpha's private working group; alpha's coordinator is no member of it."""
    group = _group(world.network, private=True, title="AG Verschlossen", slug="ag-verschlossen")
    return EventFactory(
        networks=[world.network],
        working_group=group,
        visibility=Visibility.INVITED,
        title=title,
    )


def test_backlog_form_offers_only_meetings_the_coordinator_can_see(world, client_as):
    hidden = _private_meeting(world)
    shown = EventFactory(networks=[world.network], title="Netzwerktreffen Winter")
    client = client_as(world.user("coordinator"))

    response = client.get(ADD)

    assert list(response.context["form"].fields["event"].queryset) == [shown]
    page = response.content.decode()
    assert "Netzwerktreffen Winter" in page
    assert "Geheimes AG-Treffen" not in page
    response = client.post(ADD, _data(status="agenda", event=hidden.pk))
    assert list(response.context["form"].errors) == ["event"]
    assert "Geheimes AG-Treffen" not in response.content.decode()
    assert not BacklogTopic.objects.exists()


def test_service_refuses_a_meeting_the_coordinator_cannot_see(world):
    hidden = _private_meeting(world)
    with pytest.raises(ValidationError) as raised:
        services.create_backlog_topic(
            network=world.network,
            by=world.user("coordinator"),
            values={"title": "Thema", "status": BacklogStatus.AGENDA, "event": hidden},
        )
    assert list(raised.value.error_dict) == ["event"]
    assert not BacklogTopic.objects.exists()


def test_a_linked_meeting_the_editor_cannot_see_is_neither_named_nor_lost(world, client_as):
    hidden = _private_meeting(world)
    item = BacklogTopicFactory(
        network=world.network, title="Open Data", status=BacklogStatus.AGENDA, event=hidden
    )
    client = client_as(world.user("coordinator"))
    url = reverse("surveys:backlog_edit", kwargs={"slug": "alpha", "pk": item.pk})

    page = client.get(url)

    assert "event" not in page.context["form"].fields
    assert "Geheimes AG-Treffen" not in page.content.decode()
    response = client.post(url, _data(title="Open Data II", status="agenda"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.event) == ("Open Data II", hidden)


# --- Only final results become topics --------------------------------------------------------


@pytest.fixture
def running(world):
    """An open survey with interim figures: 1 of 1 chose Rufbus; one idea in free text."""
    survey = SurveyFactory(network=world.network, title="Laufende Umfrage")
    choice = question(survey, QuestionKind.SINGLE, ["Rufbus", "Dorfladen"], text="Was fehlt?")
    idea = question(survey, QuestionKind.TEXT, text="Idee?", required=False)
    respond(
        survey,
        world.membership.municipality,
        {choice: choice.options.get(text="Rufbus"), idea: "Mitfahrbank"},
    )
    return survey


def test_results_of_an_open_survey_offer_no_backlog_links(world, client_as, running):
    page = (
        client_as(world.user("coordinator"))
        .get(reverse("surveys:results", kwargs={"pk": running.pk}))
        .content.decode()
    )
    assert "Rufbus" in page  # the coordination sees the interim figures
    assert "?option=" not in page and "?antwort=" not in page


@pytest.mark.parametrize("source", ["option", "antwort"])
def test_an_open_surveys_result_cannot_become_a_topic(world, client_as, running, source):
    if source == "option":
        pk = running.questions.get(kind=QuestionKind.SINGLE).options.get(text="Rufbus").pk
        post = {"source_option": pk}
    else:
        pk = running.questions.get(kind=QuestionKind.TEXT).answers.get().pk
        post = {"source_answer": pk}
    client = client_as(world.user("coordinator"))
    results = reverse("surveys:results", kwargs={"pk": running.pk})

    response = client.get(f"{ADD}?{source}={pk}", follow=True)

    assert response.redirect_chain == [(results, 302)]
    assert services.source_closed_message() in response.content.decode()
    assert client.post(ADD, _data(**post))["Location"] == results
    assert not BacklogTopic.objects.exists()


def test_service_refuses_topics_from_an_open_survey(world, running):
    option = running.questions.get(kind=QuestionKind.SINGLE).options.first()
    answer = running.questions.get(kind=QuestionKind.TEXT).answers.get()
    for source in ({"option": option}, {"answer": answer}):
        with pytest.raises(ValidationError) as raised:
            services.create_backlog_topic(
                network=world.network,
                by=world.user("coordinator"),
                values={"title": "Rufbus", "status": BacklogStatus.PROPOSED},
                **source,
            )
        assert raised.value.code == "survey_open"
    assert not BacklogTopic.objects.exists()


def test_backlog_shows_no_figures_of_a_survey_still_open(world, client_as, running):
    option = running.questions.get(kind=QuestionKind.SINGLE).options.get(text="Rufbus")
    BacklogTopicFactory(  # made before the rule, with the interim figures
        network=world.network,
        title="Rufbus fürs Dorf",
        survey=running,
        question=option.question,
        option=option,
        votes=1,
        base=1,
        place=1,
    )
    page = client_as(world.user("member")).get(BACKLOG).content.decode()
    assert "Rufbus fürs Dorf" in page and "Laufende Umfrage" in page
    assert "1 of 1" not in page and "100 %" not in page and "place 1" not in page
