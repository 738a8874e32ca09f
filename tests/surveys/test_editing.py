"""Coordinators create surveys, edit their questions and move them through their states."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from tests.surveys.factories import (
    SurveyFactory,
    member_municipality,
    person_of,
    question,
    respond,
)
from voneinander.audit.models import AuditEvent
from voneinander.surveys import services
from voneinander.surveys.models import (
    Question,
    QuestionKind,
    RespondentMode,
    Survey,
    SurveyState,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _draft(world, **extra):
    return SurveyFactory(network=world.network, state=SurveyState.DRAFT, **extra)


def _question_data(**changes):
    data = {
        "kind": "single",
        "text": "Welches Thema ist Ihnen am wichtigsten?",
        "help_text": "",
        "required": "on",
        "options": "Mobilität\nBildung\nEhrenamt",
        "max_choices": "",
        "scale_min": "1",
        "scale_max": "5",
        "label_min": "",
        "label_max": "",
    }
    data.update(changes)
    return data


def test_coordinator_creates_a_survey_with_a_closing_date_in_german_time(world, client_as):
    client = client_as(world.user("coordinator"))
    with time_machine.travel(datetime.datetime(2025, 5, 1, 9, tzinfo=BERLIN), tick=False):
        response = client.post(
            reverse("surveys:create", kwargs={"slug": "alpha"}),
            {
                "title": "Themen für 2026",
                "introduction": "Bitte **bis Ende Juni** antworten.",
                "respondent_mode": "municipality",
                "closes_at": "2025-06-30T23:59",
            },
        )
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:manage", kwargs={"pk": survey.pk})
    assert survey.network == world.network
    assert survey.state == SurveyState.DRAFT
    assert survey.closes_at == datetime.datetime(2025, 6, 30, 23, 59, tzinfo=BERLIN)
    assert survey.created_by == world.user("coordinator")
    assert AuditEvent.objects.filter(action="survey.created", target_id=str(survey.pk)).exists()


def test_survey_with_a_closing_date_in_the_past_is_refused_with_a_message(world, client_as):
    response = client_as(world.user("coordinator")).post(
        reverse("surveys:create", kwargs={"slug": "alpha"}),
        {"title": "Zu spät", "respondent_mode": "person", "closes_at": "2001-01-01T10:00"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "closes_at": [gettext("The closing date must lie in the future.")]
    }
    assert 'value="Zu spät"' in response.content.decode()
    assert not Survey.objects.exists()


def test_each_kind_of_question_is_added_and_shown(world, client_as):
    survey = _draft(world)
    client = client_as(world.user("coordinator"))
    url = reverse("surveys:question_add", kwargs={"pk": survey.pk})
    client.post(url, _question_data())
    client.post(url, _question_data(kind="multiple", text="Was nutzen Sie?", max_choices="2"))
    client.post(url, _question_data(kind="ranking", text="Reihenfolge?"))
    client.post(
        url,
        _question_data(
            kind="scale",
            text="Wie wichtig?",
            options="wird ignoriert",
            scale_min="1",
            scale_max="5",
            label_min="unwichtig",
            label_max="sehr wichtig",
        ),
    )
    client.post(url, _question_data(kind="text", text="Ihre Idee?", required="", options=""))
    questions = list(survey.questions.all())
    assert [(q.kind, q.position) for q in questions] == [
        ("single", 0),
        ("multiple", 1),
        ("ranking", 2),
        ("scale", 3),
        ("text", 4),
    ]
    assert [o.text for o in questions[0].options.all()] == ["Mobilität", "Bildung", "Ehrenamt"]
    # An option named like a topic of the vocabulary is linked to it.
    assert questions[0].options.first().topic.slug == "mobilitaet"
    assert questions[1].max_choices == 2
    assert questions[0].max_choices is None  # only for multiple choice
    assert list(questions[3].options.all()) == []
    assert (questions[3].label_min, questions[3].label_max) == ("unwichtig", "sehr wichtig")
    assert questions[4].required is False
    page = client.get(reverse("surveys:manage", kwargs={"pk": survey.pk})).content.decode()
    assert "Reihenfolge?" in page and "Ihre Idee?" in page


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"options": "Nur eine"}, "options", "too_few"),
        ({"options": "Ja\nja"}, "options", "duplicate"),
        ({"kind": "ranking", "options": "\n".join(f"O{n}" for n in range(11))}, "options", "x"),
        ({"kind": "multiple", "max_choices": "4"}, "max_choices", "x"),
        ({"kind": "scale", "scale_min": "5", "scale_max": "1"}, "scale_max", "x"),
        ({"kind": "scale", "scale_min": "0", "scale_max": "10"}, None, None),  # 11 values: fine
        ({"kind": "scale", "scale_min": "-5", "scale_max": "10"}, "scale_max", "x"),
        ({"text": ""}, "text", "x"),
    ],
)
def test_bad_question_definitions_get_a_message_at_the_field(
    world, client_as, changes, field, code
):
    survey = _draft(world)
    response = client_as(world.user("coordinator")).post(
        reverse("surveys:question_add", kwargs={"pk": survey.pk}), _question_data(**changes)
    )
    if field is None:
        assert response.status_code == 302
        assert survey.questions.count() == 1
        return
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not survey.questions.exists()
    # Nothing typed is lost.
    assert changes.get("options", "Mobilität\nBildung") in response.content.decode()


def test_question_is_edited_and_its_options_keep_their_ids(world, client_as):
    survey = _draft(world)
    asked = question(survey, options=["A", "B", "C"])
    first, second, _third = asked.options.all()
    response = client_as(world.user("coordinator")).post(
        reverse("surveys:question_edit", kwargs={"pk": survey.pk, "question": asked.pk}),
        _question_data(text="Neu?", options="A1\nB"),
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.text == "Neu?"
    assert [(o.pk, o.text) for o in asked.options.all()] == [(first.pk, "A1"), (second.pk, "B")]


def test_question_edit_form_shows_the_current_definition(world, client_as):
    survey = _draft(world)
    asked = question(survey, QuestionKind.MULTIPLE, ["Rufbus", "Mitfahrbank"], max_choices=1)
    response = client_as(world.user("coordinator")).get(
        reverse("surveys:question_edit", kwargs={"pk": survey.pk, "question": asked.pk})
    )
    form = response.context["form"]
    assert form["options"].value() == "Rufbus\nMitfahrbank"
    assert form["kind"].value() == "multiple"
    assert form["max_choices"].value() == 1


def test_questions_are_moved_and_deleted_and_stay_numbered(world, client_as):
    survey = _draft(world)
    first, second, third = (question(survey, options=["Ja", "Nein"]) for _n in range(3))
    client = client_as(world.user("coordinator"))

    def url(name, asked):
        return reverse(f"surveys:{name}", kwargs={"pk": survey.pk, "question": asked.pk})

    response = client.post(url("question_move", third), {"direction": "up"})
    assert response["Location"].endswith(f"#question-{third.pk}")
    assert list(survey.questions.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    client.post(url("question_move", first), {"direction": "up"})  # already first: no change
    client.post(url("question_delete", first), {})
    assert list(survey.questions.values_list("pk", "position")) == [(third.pk, 0), (second.pk, 1)]


def test_survey_opens_only_with_a_question(world, client_as):
    survey = _draft(world)
    client = client_as(world.user("coordinator"))
    url = reverse("surveys:transition", kwargs={"pk": survey.pk})
    response = client.post(url, {"action": "open"}, follow=True)
    survey.refresh_from_db()
    assert survey.state == SurveyState.DRAFT
    assert gettext("Add at least one question before opening the survey.") in (
        response.content.decode()
    )
    question(survey, options=["Ja", "Nein"])
    client.post(url, {"action": "open"})
    survey.refresh_from_db()
    assert survey.state == SurveyState.OPEN
    assert survey.opened_at is not None


def test_survey_does_not_open_after_its_closing_date(world):
    survey = _draft(world, closes_at=timezone.now() - datetime.timedelta(minutes=1))
    question(survey, options=["Ja", "Nein"])
    with pytest.raises(ValidationError) as error:
        services.open_survey(survey=survey, by=world.user("coordinator"))
    assert error.value.code == "past"


def test_coordinator_closes_early_and_it_stays_closed(world, client_as):
    survey = SurveyFactory(network=world.network)
    client = client_as(world.user("coordinator"))
    client.post(reverse("surveys:transition", kwargs={"pk": survey.pk}), {"action": "close"})
    survey.refresh_from_db()
    assert survey.state == SurveyState.CLOSED and survey.closed_at is not None
    # A new closing date does not reopen it.
    with pytest.raises(ValidationError) as error:
        services.update_survey(
            survey=survey,
            by=world.user("coordinator"),
            values={"closes_at": timezone.now() + datetime.timedelta(days=3)},
        )
    assert error.value.message_dict == {
        "closes_at": [gettext("A closed survey cannot be reopened.")]
    }
    with pytest.raises(ValidationError):
        services.open_survey(survey=survey, by=world.user("coordinator"))


def test_questions_and_who_answers_are_fixed_after_the_first_response(world, client_as):
    survey = SurveyFactory(network=world.network)
    asked = question(survey, options=["Ja", "Nein"])
    respond(survey, world.membership.municipality, {asked: asked.options.first()})
    client = client_as(world.user("coordinator"))
    response = client.post(
        reverse("surveys:question_edit", kwargs={"pk": survey.pk, "question": asked.pk}),
        _question_data(text="Geändert?"),
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    asked.refresh_from_db()
    assert asked.text != "Geändert?"
    for name in ("question_delete", "question_move"):
        client.post(
            reverse(f"surveys:{name}", kwargs={"pk": survey.pk, "question": asked.pk}),
            {"direction": "down"},
        )
    assert survey.questions.count() == 1
    with pytest.raises(ValidationError) as error:
        services.update_survey(
            survey=survey,
            by=world.user("coordinator"),
            values={"respondent_mode": RespondentMode.PERSON},
        )
    assert "respondent_mode" in error.value.message_dict
    manage = client.get(reverse("surveys:manage", kwargs={"pk": survey.pk})).content.decode()
    assert reverse("surveys:question_add", kwargs={"pk": survey.pk}) not in manage


def test_survey_details_are_edited_and_audited(world, client_as):
    survey = SurveyFactory(network=world.network, title="Alt")
    closes = timezone.localtime(survey.closes_at).strftime("%Y-%m-%dT%H:%M")
    response = client_as(world.user("coordinator")).post(
        reverse("surveys:edit", kwargs={"pk": survey.pk}),
        {
            "title": "Neu",
            "introduction": survey.introduction,
            "respondent_mode": survey.respondent_mode,
            "closes_at": closes,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    survey.refresh_from_db()
    assert survey.title == "Neu"
    event = AuditEvent.objects.get(action="survey.changed")
    assert event.data == {"fields": ["title"]}


def test_draft_is_deleted_but_an_open_survey_is_not(world, client_as):
    draft, running = _draft(world), SurveyFactory(network=world.network)
    client = client_as(world.user("coordinator"))
    client.post(reverse("surveys:transition", kwargs={"pk": draft.pk}), {"action": "delete"})
    client.post(reverse("surveys:transition", kwargs={"pk": running.pk}), {"action": "delete"})
    assert list(Survey.objects.all()) == [running]


def test_manage_page_shows_who_answered_and_who_has_not(world, client_as):
    survey = SurveyFactory(network=world.network)
    asked = question(survey, options=["Ja", "Nein"])
    later = member_municipality(world.network, municipality__name="Neudorf")
    respond(
        survey,
        world.membership.municipality,
        {asked: asked.options.first()},
        user=person_of(world.membership.municipality, first_name="Erika", last_name="Muster"),
    )
    page = (
        client_as(world.user("coordinator"))
        .get(reverse("surveys:manage", kwargs={"pk": survey.pk}))
        .content.decode()
    )
    assert "Altstadt" in page and "Erika Muster" in page
    assert later.name in page  # has not answered yet


def test_question_of_another_survey_cannot_be_edited_through_this_one(world, client_as):
    survey, other = _draft(world), _draft(world)
    asked = question(other, options=["Ja", "Nein"])
    response = client_as(world.user("coordinator")).post(
        reverse("surveys:question_delete", kwargs={"pk": survey.pk, "question": asked.pk})
    )
    assert response.status_code == 404
    assert Question.objects.filter(pk=asked.pk).exists()
