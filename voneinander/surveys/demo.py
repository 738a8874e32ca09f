"""Demo surveys of the network Digitale Dörfer and the topic backlog they fed.

- "Themen für das Netzwerkjahr 2026": closed, answered by the member
  municipalities (per municipality), so that the charts look real;
- "Schulungsbedarf 2026": open for a month from the day of loading, per person;
- a backlog of four topics made from the closed survey's results: one taken up by
  a working group (the working-group demo's "ag-dorf-app", if it exists), one on the
  agenda of the network's next meeting (if the events demo has one), one idea from
  a free-text answer, one declined. Without the group or the meeting the topic is
  simply "planned".

A survey or backlog topic whose title exists is left alone: a second run changes
nothing. Rows are written directly, not through the services, so loading leaves
no audit trail of its own. The answers come from a seeded random generator.
"""

from __future__ import annotations

import datetime
import random

from django.db.models import Q
from django.utils import timezone

from voneinander.accounts.models import User
from voneinander.events.models import Event, Visibility
from voneinander.knowledge.models import Topic
from voneinander.networks.models import ContactPerson, Membership, MembershipStatus, Network
from voneinander.surveys.models import (
    Answer,
    BacklogStatus,
    BacklogTopic,
    Option,
    Question,
    QuestionKind,
    RespondentMode,
    Response,
    Survey,
    SurveyState,
)
from voneinander.surveys.results import option_standing
from voneinander.workinggroups.models import WorkingGroup

NETWORK = "digitale-doerfer-rlp"
MINISTRY_EMAIL = "koordination@mdi-rlp.example.org"
CLOSED_TITLE = "Themen für das Netzwerkjahr 2026"
OPEN_TITLE = "Schulungsbedarf 2026"
# The working-group demo's group on Dorf-App and Nahversorgung (used if it exists).
SUPPLY_GROUP = "ag-dorf-app"

FIELDS = ["Mobilität", "Nahversorgung", "Ehrenamt", "Bürgerservice", "Bildung", "Open Data"]
FIELD_WEIGHTS = [12, 7, 5, 4, 3, 1]
FORMATS = ["Netzwerktreffen vor Ort", "Online-Stammtisch", "Werkstatttag", "Exkursion"]
IDEAS = [
    "Vereinsverwaltung digital: Mitgliederlisten, Beiträge und Termine an einem Ort.",
    "Ein gemeinsamer Rufbus für die Ortsgemeinden einer Verbandsgemeinde.",
    "Digitale Sprechstunde der Ortsbürgermeister.",
    "Leerstandsmelder für Ladenlokale im Ortskern.",
]


def _questions_closed(survey: Survey) -> list[Question]:
    specs = [
        (
            QuestionKind.SINGLE,
            "Soll das Netzwerk 2026 eine Arbeitsgruppe zur Mobilität gründen?",
            ["Ja", "Nein", "Weiß nicht"],
            {},
        ),
        (
            QuestionKind.MULTIPLE,
            "Welche Handlungsfelder sollen 2026 im Mittelpunkt stehen?",
            FIELDS,
            {"max_choices": 3, "help_text": "Höchstens drei."},
        ),
        (QuestionKind.RANKING, "Welche Formate sind Ihnen am liebsten?", FORMATS, {}),
        (
            QuestionKind.SCALE,
            "Wie zufrieden sind Sie mit dem Austausch im Netzwerk?",
            [],
            {"label_min": "gar nicht zufrieden", "label_max": "sehr zufrieden"},
        ),
        (QuestionKind.TEXT, "Welches Thema fehlt Ihnen?", [], {"required": False}),
    ]
    return [_question(survey, position, *spec) for position, spec in enumerate(specs)]


def _question(survey, position, kind, text, options, extra) -> Question:
    topics = {topic.name: topic for topic in Topic.objects.filter(name__in=options)}
    question = Question.objects.create(
        survey=survey, position=position, kind=kind, text=text, **extra
    )
    Option.objects.bulk_create(
        Option(question=question, position=n, text=option, topic=topics.get(option))
        for n, option in enumerate(options)
    )
    return question


def _respondent(membership: Membership) -> User | None:
    contact = (
        ContactPerson.objects.filter(membership=membership)
        .select_related("user")
        .order_by("-is_primary", "pk")
        .first()
    )
    return contact.user if contact else None


def _answers(questions, rng: random.Random, number: int, response: Response) -> list[Answer]:
    single, multiple, ranking, scale, text = questions
    rows = []
    choice = rng.choices(list(single.options.all()), [7, 2, 1])[0]
    rows.append(Answer(response=response, question=single, option=choice))
    fields = list(multiple.options.all())
    chosen: set[Option] = set()
    wanted = rng.choice([2, 3, 3])
    while len(chosen) < wanted:
        chosen.add(rng.choices(fields, FIELD_WEIGHTS)[0])
    rows += [Answer(response=response, question=multiple, option=option) for option in chosen]
    formats = list(ranking.options.all())
    order = sorted(formats, key=lambda option: rng.random() * (1 + option.position))
    rows += [
        Answer(response=response, question=ranking, option=option, rank=place)
        for place, option in enumerate(order, start=1)
    ]
    value = rng.choices([2, 3, 4, 5], [1, 3, 6, 3])[0]
    rows.append(Answer(response=response, question=scale, value=value))
    if number < len(IDEAS):
        rows.append(Answer(response=response, question=text, text=IDEAS[number]))
    return rows


def _closed_survey(network: Network, ministry: User | None) -> Survey:
    survey = Survey.objects.filter(network=network, title=CLOSED_TITLE).first()
    if survey is not None:
        return survey
    now = timezone.now()
    survey = Survey.objects.create(
        network=network,
        title=CLOSED_TITLE,
        introduction=(
            "Wir planen das Netzwerkjahr 2026 und möchten wissen, was Ihre Kommune "
            "beschäftigt. Jede Mitgliedskommune antwortet einmal; es zählt die erste Antwort."
        ),
        respondent_mode=RespondentMode.MUNICIPALITY,
        state=SurveyState.CLOSED,
        closes_at=(now - datetime.timedelta(days=45)).replace(second=0, microsecond=0),
        opened_at=now - datetime.timedelta(days=75),
        created_by=ministry,
    )
    questions = _questions_closed(survey)
    rng = random.Random(2026)  # noqa: S311 - made-up demo answers, not secrets
    memberships = (
        Membership.objects.filter(network=network, status=MembershipStatus.ACTIVE)
        .select_related("municipality")
        .order_by("municipality__name")
    )
    rows = []
    for number, membership in enumerate(memberships):
        if number % 7 == 6:
            continue  # not everyone answers
        response = Response.objects.create(
            survey=survey,
            per_municipality=True,
            municipality=membership.municipality,
            user=_respondent(membership),
            submitted_at=now - datetime.timedelta(days=70 - number % 20, hours=number),
        )
        rows += _answers(questions, rng, number, response)
    Answer.objects.bulk_create(rows)
    return survey


def _open_survey(network: Network, ministry: User | None) -> None:
    if Survey.objects.filter(network=network, title=OPEN_TITLE).exists():
        return
    now = timezone.now()
    survey = Survey.objects.create(
        network=network,
        title=OPEN_TITLE,
        introduction="Welche Schulungen braucht Ihr Team? Bitte antworten Sie persönlich.",
        respondent_mode=RespondentMode.PERSON,
        state=SurveyState.OPEN,
        closes_at=(now + datetime.timedelta(days=30)).replace(second=0, microsecond=0),
        opened_at=now,
        created_by=ministry,
    )
    specs = [
        (
            QuestionKind.MULTIPLE,
            "Zu welchen Themen wünschen Sie sich eine Schulung?",
            ["Datenschutz", "Barrierefreie Website", "Social Media", "E-Akte", "Open Data"],
            {},
        ),
        (
            QuestionKind.SINGLE,
            "Welches Format passt Ihnen am besten?",
            ["Online, 90 Minuten", "Halber Tag vor Ort", "Ganzer Tag vor Ort"],
            {},
        ),
        (
            QuestionKind.SCALE,
            "Wie sicher fühlen Sie sich im Umgang mit digitalen Werkzeugen?",
            [],
            {"label_min": "unsicher", "label_max": "sehr sicher"},
        ),
        (QuestionKind.TEXT, "Was möchten Sie uns noch sagen?", [], {"required": False}),
    ]
    for position, spec in enumerate(specs):
        _question(survey, position, *spec)


def _next_meeting(network: Network) -> Event | None:
    """The network's next meeting that its members may see (none of a private group)."""
    return (
        Event.objects.filter(
            networks=network,
            starts_at__gte=timezone.now(),
            cancelled_at__isnull=True,
            working_group__isnull=True,
            visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS],
        )
        .order_by("starts_at")
        .first()
    )


def _backlog(network: Network, survey: Survey, ministry: User | None) -> None:
    existing = set(BacklogTopic.objects.filter(network=network).values_list("title", flat=True))
    fields = {
        option.text: option
        for option in Option.objects.filter(
            question__survey=survey, question__kind=QuestionKind.MULTIPLE
        ).select_related("question__survey", "topic")
    }
    idea = (
        Answer.objects.filter(question__survey=survey, question__kind=QuestionKind.TEXT)
        .select_related("question")
        .order_by("pk")
        .first()
    )
    group = (
        WorkingGroup.objects.filter(Q(network=network) | Q(shared_with=network))
        .filter(slug=SUPPLY_GROUP, archived_at__isnull=True)
        .first()
    )
    meeting = _next_meeting(network)
    specs = [
        (
            "Mobilität im ländlichen Raum",
            fields.get("Mobilität"),
            None,
            BacklogStatus.AGENDA if meeting else BacklogStatus.PLANNED,
            "Das meistgewählte Handlungsfeld; Mitfahrbank, Rufbus und Carsharing aus den "
            "Mitgliedskommunen kommen auf die Tagesordnung des nächsten Netzwerktreffens.",
            {"event": meeting},
        ),
        (
            "Nahversorgung: Dorfläden und Dorf-App",
            fields.get("Nahversorgung"),
            None,
            BacklogStatus.WORKING_GROUP if group else BacklogStatus.PLANNED,
            "Viele Kommunen haben es gewählt; die Arbeitsgruppe Dorf-App nimmt das Thema auf.",
            {"working_group": group},
        ),
        (
            "Vereinsverwaltung digital",
            None,
            idea,
            BacklogStatus.PROPOSED,
            "",
            {"description": IDEAS[0]},
        ),
        (
            "Open Data in kleinen Gemeinden",
            fields.get("Open Data"),
            None,
            BacklogStatus.DECLINED,
            "Nur wenige Kommunen haben es gewählt; das Thema bearbeitet das Netzwerk IKONE-DS.",
            {},
        ),
    ]
    for title, option, answer, status, reason, extra in specs:
        if title in existing:
            continue
        item = BacklogTopic(
            network=network,
            title=title,
            status=status,
            reason=reason,
            created_by=ministry,
            **{key: value for key, value in extra.items() if value is not None},
        )
        if option is not None:
            item.survey, item.question, item.option = survey, option.question, option
            item.topic = option.topic
            item.votes, item.base, item.place = option_standing(option)
        elif answer is not None:
            item.survey, item.question, item.answer = survey, answer.question, answer
        item.save()


def load(report) -> None:
    """Idempotent."""
    network = Network.objects.filter(slug=NETWORK).first()
    if network is None:
        return
    ministry = User.objects.filter(email=MINISTRY_EMAIL).first()
    survey = _closed_survey(network, ministry)
    _open_survey(network, ministry)
    _backlog(network, survey, ministry)
