"""Factories for surveys and the topic backlog.

`SurveyFactory` makes an open survey of a new network, answered per municipality,
closing in two weeks. `question(survey, kind, [options])` adds a question with its
options. `respond(survey, municipality, {question: value})` stores a response
directly (no rules checked), for result and query-count tests; behaviour tests go
through `services.submit_response`.
"""

import datetime

import factory
from django.utils import timezone

from tests.factories import MembershipFactory, NetworkFactory, UserFactory
from voneinander.surveys.models import (
    Answer,
    BacklogTopic,
    Option,
    Question,
    QuestionKind,
    RespondentMode,
    Response,
    Survey,
    SurveyState,
)


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Umfrage {n}")
    introduction = "Was ist Ihrer Kommune **wichtig**?"
    respondent_mode = RespondentMode.MUNICIPALITY
    state = SurveyState.OPEN
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    position = factory.Sequence(lambda n: n)
    kind = QuestionKind.SINGLE
    text = factory.Sequence(lambda n: f"Frage {n}?")


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option

    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Antwort {n}")


def question(survey, kind=QuestionKind.SINGLE, options=(), **extra) -> Question:
    found = QuestionFactory(survey=survey, kind=kind, **extra)
    for position, text in enumerate(options):
        OptionFactory(question=found, position=position, text=text)
    return found


def closed_survey(**extra) -> Survey:
    return SurveyFactory(state=SurveyState.CLOSED, closed_at=timezone.now(), **extra)


def member_municipality(network, **extra):
    return MembershipFactory(network=network, **extra).municipality


def person_of(municipality, **extra):
    extra.setdefault("municipality_confirmed_at", timezone.now())
    return UserFactory(municipality=municipality, **extra)


def respond(survey, municipality, answers: dict, *, user=None) -> Response:
    """answers: {question: option | [options] | [(option, rank)] | int | str}."""
    response = Response.objects.create(
        survey=survey,
        per_municipality=survey.per_municipality,
        municipality=municipality,
        user=user,
    )
    rows = []
    for asked, value in answers.items():
        if asked.kind == QuestionKind.SINGLE:
            rows.append(Answer(response=response, question=asked, option=value))
        elif asked.kind == QuestionKind.MULTIPLE:
            rows += [Answer(response=response, question=asked, option=item) for item in value]
        elif asked.kind == QuestionKind.RANKING:
            rows += [
                Answer(response=response, question=asked, option=item, rank=rank)
                for item, rank in value
            ]
        elif asked.kind == QuestionKind.SCALE:
            rows.append(Answer(response=response, question=asked, value=value))
        else:
            rows.append(Answer(response=response, question=asked, text=value))
    Answer.objects.bulk_create(rows)
    return response


class BacklogTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BacklogTopic

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Thema aus der Umfrage {n}")
