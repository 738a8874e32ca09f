"""Members answer: validation per kind of question, once per municipality or person, closing."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from tests.factories import ContactPersonFactory, MembershipFactory
from tests.surveys.factories import (
    SurveyFactory,
    closed_survey,
    person_of,
    question,
    respond,
)
from voneinander.surveys import services
from voneinander.surveys.models import (
    Answer,
    QuestionKind,
    RespondentMode,
    Response,
    SurveyState,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def survey(world):
    """One question of each kind; all required except the free text."""
    found = SurveyFactory(network=world.network, title="Themen 2026")
    question(found, QuestionKind.SINGLE, ["Ja", "Nein"], text="Machen Sie mit?")
    question(found, QuestionKind.MULTIPLE, ["Rufbus", "Mitfahrbank", "Carsharing"], max_choices=2)
    question(found, QuestionKind.RANKING, ["Mobilität", "Bildung", "Ehrenamt"])
    question(
        found,
        QuestionKind.SCALE,
        text="Wie wichtig ist Open Data?",
        label_min="unwichtig",
        label_max="sehr wichtig",
    )
    question(found, QuestionKind.TEXT, text="Ihre Idee?", required=False)
    return found


def _parts(survey):
    single, multiple, ranking, scale, text = survey.questions.all()
    return single, multiple, ranking, scale, text


def _valid(survey, **changes):
    single, multiple, ranking, scale, text = _parts(survey)
    first, second, third = ranking.options.all()
    data = {
        f"q{single.pk}": str(single.options.first().pk),
        f"q{multiple.pk}": [str(o.pk) for o in multiple.options.all()[:2]],
        f"q{ranking.pk}_o{first.pk}": "2",
        f"q{ranking.pk}_o{second.pk}": "1",
        f"q{ranking.pk}_o{third.pk}": "3",
        f"q{scale.pk}": "4",
        f"q{text.pk}": "Ein gemeinsamer Rufbus",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _url(survey):
    return reverse("surveys:detail", kwargs={"pk": survey.pk})


def test_member_answers_every_kind_of_question(world, client_as, survey):
    single, multiple, ranking, scale, text = _parts(survey)
    response = client_as(world.user("member")).post(_url(survey), _valid(survey))
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.municipality == world.membership.municipality
    assert stored.user == world.user("member")
    assert stored.per_municipality is True
    rows = {
        (a.question_id, a.option.text if a.option else None, a.rank, a.value, a.text)
        for a in Answer.objects.select_related("option")
    }
    assert rows == {
        (single.pk, "Ja", None, None, ""),
        (multiple.pk, "Rufbus", None, None, ""),
        (multiple.pk, "Mitfahrbank", None, None, ""),
        (ranking.pk, "Bildung", 1, None, ""),
        (ranking.pk, "Mobilität", 2, None, ""),
        (ranking.pk, "Ehrenamt", 3, None, ""),
        (scale.pk, None, None, 4, ""),
        (text.pk, None, None, None, "Ein gemeinsamer Rufbus"),
    }


def test_optional_questions_may_be_left_out(world, client_as, survey):
    _single, _multiple, ranking, scale, text = _parts(survey)
    scale.required = False
    scale.save()
    data = _valid(survey, **{f"q{text.pk}": "", f"q{scale.pk}": None})
    client_as(world.user("member")).post(_url(survey), data)
    assert not Answer.objects.filter(question__in=[text, scale]).exists()
    assert Answer.objects.filter(question=ranking).count() == 3


def _ranking_changes(survey, places):
    ranking = _parts(survey)[2]
    return {
        f"q{ranking.pk}_o{option.pk}": place
        for option, place in zip(ranking.options.all(), places, strict=True)
    }


def _required():
    return gettext("Please answer this question.")


def _invalid():
    return gettext("Please choose one of the options shown.")


def _every_place():
    return gettext("Please give every option a place from 1 to %(count)s.") % {"count": 3}


BAD_INPUT = [
    # (which question, how to change the input, the message expected at it)
    ("single", lambda s, q: {f"q{q.pk}": None}, _required),
    ("single", lambda s, q: {f"q{q.pk}": "999999"}, _invalid),
    ("single", lambda s, q: {f"q{q.pk}": "abc"}, _invalid),
    (
        "multiple",
        lambda s, q: {f"q{q.pk}": [str(o.pk) for o in q.options.all()]},
        lambda: (
            ngettext(
                "Please choose at most %(limit)s option.",
                "Please choose at most %(limit)s options.",
                2,
            )
            % {"limit": 2}
        ),
    ),
    ("multiple", lambda s, q: {f"q{q.pk}": []}, _required),
    ("multiple", lambda s, q: {f"q{q.pk}": ["999999"]}, _invalid),
    (
        "ranking",
        lambda s, q: _ranking_changes(s, ["1", "1", "2"]),
        lambda: gettext("Each place from 1 to %(count)s may be given only once.") % {"count": 3},
    ),
    ("ranking", lambda s, q: _ranking_changes(s, ["1", "", "2"]), _every_place),
    ("ranking", lambda s, q: _ranking_changes(s, ["", "", ""]), _every_place),
    ("ranking", lambda s, q: _ranking_changes(s, ["1", "2", "7"]), _invalid),
    ("scale", lambda s, q: {f"q{q.pk}": "9"}, _invalid),
    ("scale", lambda s, q: {f"q{q.pk}": None}, _required),
    (
        "text",
        lambda s, q: {f"q{q.pk}": "x" * 5001},
        lambda: (
            gettext("Please keep the answer to %(limit)s characters; it has %(length)s.")
            % {"limit": 5000, "length": 5001}
        ),
    ),
]


@pytest.mark.parametrize(
    ("kind", "change", "message"),
    BAD_INPUT,
    ids=[f"{kind}-{n}" for n, (kind, _c, _m) in enumerate(BAD_INPUT)],
)
def test_bad_input_gets_a_message_at_its_question_and_nothing_is_lost(
    world, client_as, survey, kind, change, message
):
    asked = survey.questions.get(kind=kind)
    text = survey.questions.get(kind=QuestionKind.TEXT)
    data = _valid(survey, **change(survey, asked))
    response = client_as(world.user("member")).post(_url(survey), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {f"q{asked.pk}": [message()]}
    assert not Response.objects.exists()
    page = response.content.decode()
    if kind != "text":
        assert "Ein gemeinsamer Rufbus</textarea>" in page  # what was typed stays
    assert f'href="#id_q{asked.pk}' in page  # the error summary links to the question
    assert text.text in page


def test_ranking_on_the_page_has_a_labelled_select_per_option(world, client_as, survey):
    ranking = _parts(survey)[2]
    page = client_as(world.user("member")).get(_url(survey)).content.decode()
    for index, option in enumerate(ranking.options.all()):
        control = f"id_q{ranking.pk}_{index}"
        assert f'<label class="kern-label" for="{control}">{option.text}</label>' in page
        assert f'name="q{ranking.pk}_o{option.pk}"' in page
    assert "surveys/ranking.js" in page


def test_second_person_of_a_municipality_sees_who_answered_and_cannot_answer(
    world, client_as, survey
):
    member = world.user("member")
    client_as(member).post(_url(survey), _valid(survey))
    client = client_as(world.user("contact"))  # contact person of the same municipality
    page = client.get(_url(survey))
    assert page.context["may_answer"] is False
    assert page.context["existing"].user == member
    html = page.content.decode()
    assert member.display_name in html
    assert "Ein gemeinsamer Rufbus" in html  # the municipality's answers, read-only
    response = client.post(_url(survey), _valid(survey), follow=True)
    assert Response.objects.count() == 1
    message = services.already_answered_message(Response.objects.get())
    assert [str(item) for item in response.context["messages"]] == [message]
    assert member.display_name in message and "Altstadt" in message


def test_second_submission_for_a_municipality_is_refused_by_the_service(world, survey):
    single = _parts(survey)[0]
    answers = {q.pk: None for q in survey.questions.all()}
    answers[single.pk] = single.options.first().pk
    for asked in survey.questions.exclude(pk=single.pk):
        asked.required = False
        asked.save()
    services.submit_response(survey=survey, user=world.user("member"), answers=answers)
    with pytest.raises(ValidationError) as error:
        services.submit_response(survey=survey, user=world.user("contact"), answers=answers)
    assert error.value.code == "already_answered"
    assert world.user("member").display_name in error.value.message
    assert Response.objects.count() == 1


def test_database_refuses_a_second_response_for_a_municipality(world, survey):
    municipality = world.membership.municipality
    respond(survey, municipality, {})
    with pytest.raises(IntegrityError), transaction.atomic():
        respond(survey, municipality, {})


def test_per_person_survey_is_answered_by_each_person_once(world, client_as):
    survey = SurveyFactory(network=world.network, respondent_mode=RespondentMode.PERSON)
    asked = question(survey, options=["Ja", "Nein"])
    data = {f"q{asked.pk}": str(asked.options.first().pk)}
    colleague = person_of(world.membership.municipality)
    for user in (world.user("member"), colleague, world.user("member")):
        client_as(user).post(_url(survey), data)
    assert sorted(Response.objects.values_list("user__email", "per_municipality")) == sorted(
        [(world.user("member").email, False), (colleague.email, False)]
    )
    page = client_as(world.user("member")).get(_url(survey))
    assert page.context["may_answer"] is False
    with pytest.raises(IntegrityError), transaction.atomic():
        respond(survey, world.membership.municipality, {}, user=colleague)


def test_answers_are_accepted_until_the_closing_minute_in_german_time(world, client_as):
    closes = datetime.datetime(2025, 6, 30, 23, 59, tzinfo=BERLIN)
    with time_machine.travel(datetime.datetime(2025, 6, 1, tzinfo=BERLIN), tick=False):
        survey = SurveyFactory(network=world.network, closes_at=closes)
        asked = question(survey, options=["Ja", "Nein"])
    data = {f"q{asked.pk}": str(asked.options.first().pk)}
    with time_machine.travel(closes, tick=False):
        response = client_as(world.user("member")).post(_url(survey), data, follow=True)
        assert survey.phase == SurveyState.CLOSED
        assert gettext("This survey is closed; answers are no longer accepted.") in (
            response.content.decode()
        )
        assert "form" not in response.context or not response.context["may_answer"]
    assert not Response.objects.exists()
    with time_machine.travel(closes - datetime.timedelta(minutes=1), tick=False):
        assert survey.phase == SurveyState.OPEN
        client_as(world.user("member")).post(_url(survey), data)
    assert Response.objects.count() == 1


def test_service_refuses_answers_after_closing(world):
    survey = closed_survey(network=world.network)
    with pytest.raises(ValidationError) as error:
        services.submit_response(survey=survey, user=world.user("member"), answers={})
    assert error.value.code == "closed"


def test_coordinator_without_a_member_municipality_sees_a_preview_but_cannot_answer(
    world, client_as, survey
):
    client = client_as(world.user("coordinator"))
    page = client.get(_url(survey))
    assert page.context["may_answer"] is False
    html = page.content.decode()
    assert (
        gettext("Only people of the network's member municipalities can answer this survey.")
        in html
    )
    assert "Machen Sie mit?" in html  # the preview of the questions
    client.post(_url(survey), _valid(survey))
    assert not Response.objects.exists()
    with pytest.raises(ValidationError) as error:
        services.submit_response(survey=survey, user=world.user("coordinator"), answers={})
    assert error.value.code == "not_respondent"


def test_contact_for_two_municipalities_chooses_whom_to_answer_for(world, client_as):
    survey = SurveyFactory(network=world.network)
    asked = question(survey, options=["Ja", "Nein"])
    second = MembershipFactory(network=world.network, municipality__name="Zweitdorf")
    contact = world.user("contact")
    ContactPersonFactory(membership=second, user=contact, is_primary=True)
    client = client_as(contact)
    form = client.get(_url(survey)).context["form"]
    assert [label for _pk, label in form.fields["municipality"].choices] == [
        "Altstadt",
        "Zweitdorf",
    ]
    data = {
        f"q{asked.pk}": str(asked.options.first().pk),
        "municipality": str(second.municipality.pk),
    }
    client.post(_url(survey), data)
    assert Response.objects.get().municipality == second.municipality
    page = client.get(_url(survey))
    assert page.context["may_answer"] is True
    assert "municipality" not in page.context["form"].fields  # only Altstadt is left
    assert list(page.context["form"].municipalities.values()) == [world.membership.municipality]


def test_person_cannot_answer_for_a_municipality_they_do_not_belong_to(world, survey):
    other = MembershipFactory(network=world.network).municipality
    with pytest.raises(ValidationError) as error:
        services.submit_response(
            survey=survey, user=world.user("member"), municipality=other, answers={}
        )
    assert error.value.code == "not_respondent"


def test_unconfirmed_person_of_a_member_municipality_does_not_see_the_survey(world, client_as):
    survey = SurveyFactory(network=world.network)
    unconfirmed = person_of(world.membership.municipality, municipality_confirmed_at=None)
    assert client_as(unconfirmed).get(_url(survey)).status_code == 404


def test_draft_is_hidden_from_members_and_listed_for_coordinators(world, client_as):
    draft = SurveyFactory(network=world.network, state=SurveyState.DRAFT, title="Entwurf X")
    assert client_as(world.user("member")).get(_url(draft)).status_code == 404
    listed = client_as(world.user("member")).get(reverse("surveys:list")).context["surveys"]
    assert draft not in listed
    listed = client_as(world.user("coordinator")).get(reverse("surveys:list")).context["surveys"]
    assert draft in listed


def test_survey_list_says_whether_ones_municipality_has_answered(world, client_as):
    answered = SurveyFactory(network=world.network, title="Beantwortet")
    waiting = SurveyFactory(network=world.network, title="Offen")
    SurveyFactory(network=world.other_network, title="Fremd")
    respond(answered, world.membership.municipality, {}, user=world.user("member"))
    surveys = client_as(world.user("contact")).get(reverse("surveys:list")).context["surveys"]
    assert {survey.title: survey.answered for survey in surveys} == {
        "Beantwortet": True,
        "Offen": False,
    }
    assert waiting.pk in {survey.pk for survey in surveys}
