"""Reads for surveys and the topic backlog.

`surveys_visible_to(user)` is the gate for surveys: members of a network see its
surveys once they are open; drafts only its coordinators (and admins).
Anonymous people get no object from the selectors (None) rather than a 404, so
that the access rule sends them to the login page: every survey page needs a
login, and a link from an e-mail should lead there.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from voneinander.events.models import Event
from voneinander.events.selectors import events_visible_to
from voneinander.municipalities.models import Municipality
from voneinander.networks.models import Membership, MembershipStatus, Network
from voneinander.networks.roles import COORDINATOR, MEMBER, network_roles
from voneinander.networks.roles import is_platform_admin as _is_admin
from voneinander.surveys.models import (
    Answer,
    BacklogStatus,
    BacklogTopic,
    Option,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyState,
)
from voneinander.workinggroups.models import WorkingGroup
from voneinander.workinggroups.roles import group_roles


def surveys_visible_to(user) -> QuerySet[Survey]:
    surveys = Survey.objects.all()
    if _is_admin(user):
        return surveys
    if not user.is_authenticated or not user.is_active:
        return surveys.none()
    roles = network_roles(user)
    member_of = [nid for nid, held in roles.by_network.items() if MEMBER in held]
    condition = Q(network_id__in=member_of) & ~Q(state=SurveyState.DRAFT)
    if roles.coordinated:
        condition |= Q(network_id__in=roles.coordinated)
    return surveys.filter(condition)


def survey_for_viewer(request, pk: int, **_ignored) -> Survey | None:
    """The survey at `pk` if the person may see it; otherwise 404 (None when signed out)."""
    if not request.user.is_authenticated:
        return None
    return get_object_or_404(surveys_visible_to(request.user).select_related("network"), pk=pk)


def question_for_viewer(request, pk: int, question: int, **_ignored) -> Question | None:
    """A question of a survey the person may see; 404 for a question of another survey."""
    survey = survey_for_viewer(request, pk)
    if survey is None:
        return None
    found = get_object_or_404(Question, survey=survey, pk=question)
    found.survey = survey
    return found


def network_for_member(request, slug: str, **_ignored) -> Network | None:
    """Any network by its address (networks are public); None when signed out."""
    if not request.user.is_authenticated:
        return None
    return get_object_or_404(Network, slug=slug)


def backlog_topic_for_viewer(request, slug: str, pk: int, **_ignored) -> BacklogTopic | None:
    network = network_for_member(request, slug)
    if network is None:
        return None
    found = get_object_or_404(BacklogTopic, network=network, pk=pk)
    found.network = network
    return found


# --- Surveys for a person ------------------------------------------------------------


def respondent_municipalities(user, network) -> list[Municipality]:
    """The member municipalities of `network` the person may answer for.

    Their own municipality (confirmed affiliation) first, then those they are a
    contact person for. Coordinators of the network answer only if they belong
    to a member municipality themselves.
    """
    if not user.is_authenticated or not user.is_active:
        return []
    via = Q(memberships__contact_persons__user=user)
    own_id = user.municipality_id if user.municipality_confirmed_at else None
    if own_id:
        via |= Q(pk=own_id)
    found = list(
        Municipality.objects.filter(
            Q(memberships__network=network, memberships__status=MembershipStatus.ACTIVE) & via
        )
        .distinct()
        .order_by("name", "pk")
    )
    found.sort(key=lambda municipality: municipality.pk != own_id)
    return found


def _answered_by(user) -> Q:
    """Responses that count as this person's: their own, or for a municipality they speak for."""
    condition = Q(user=user)
    speaks_for = Membership.objects.filter(
        status=MembershipStatus.ACTIVE, contact_persons__user=user
    ).values("municipality_id")
    condition |= Q(per_municipality=True, municipality_id__in=speaks_for)
    if user.municipality_id and user.municipality_confirmed_at:
        condition |= Q(per_municipality=True, municipality_id=user.municipality_id)
    return condition


def surveys_for_list(user) -> QuerySet[Survey]:
    """Visible surveys with their number of responses and whether the person has answered."""
    answered = Response.objects.filter(Q(survey=OuterRef("pk")) & _answered_by(user))
    return (
        surveys_visible_to(user)
        .select_related("network")
        .annotate(
            response_count=Count("responses", distinct=True),
            question_count=Count("questions", distinct=True),
            answered=Exists(answered),
        )
        .order_by("network__name", "-closes_at", "-pk")
    )


def backlog_networks(user) -> QuerySet[Network]:
    """The networks whose topic backlog the person may see."""
    if _is_admin(user):
        return Network.objects.order_by("name")
    roles = network_roles(user)
    member_of = [nid for nid, held in roles.by_network.items() if MEMBER in held]
    return Network.objects.filter(pk__in=member_of).order_by("name")


def networks_to_create_in(user) -> QuerySet[Network]:
    """The networks in which the person may create surveys."""
    if _is_admin(user):
        return Network.objects.order_by("name")
    return Network.objects.filter(pk__in=network_roles(user).coordinated).order_by("name")


def questions_of(survey: Survey) -> list[Question]:
    return list(survey.questions.prefetch_related("options"))


def existing_response(survey: Survey, *, user, municipality) -> Response | None:
    """The response that already stands for this person or municipality, if any."""
    responses = Response.objects.filter(survey=survey).select_related("user", "municipality")
    if survey.per_municipality:
        if municipality is None:
            return None
        return responses.filter(municipality=municipality, per_municipality=True).first()
    return responses.filter(user=user, per_municipality=False).first()


def answers_of(response: Response) -> list[Answer]:
    return list(
        response.answers.select_related("option").order_by(
            "question__position", "question_id", "rank", "option__position", "pk"
        )
    )


def given_answers(response: Response, questions: list[Question]) -> list[tuple[Question, str]]:
    """A response as text per question, for the people who gave it."""
    by_question: dict[int, list[Answer]] = {}
    for answer in answers_of(response):
        by_question.setdefault(answer.question_id, []).append(answer)
    shown = []
    for question in questions:
        answers = by_question.get(question.pk, [])
        if question.kind == QuestionKind.RANKING:
            text = "\n".join(f"{answer.rank}. {answer.option.text}" for answer in answers)
        elif question.has_options:
            text = "\n".join(answer.option.text for answer in answers)
        elif question.kind == QuestionKind.SCALE:
            text = str(answers[0].value) if answers else ""
        else:
            text = answers[0].text if answers else ""
        shown.append((question, text))
    return shown


def has_responses(survey: Survey) -> bool:
    return Response.objects.filter(survey=survey).exists()


def responses_overview(survey: Survey) -> QuerySet[Response]:
    """Who answered: for the coordinators' page."""
    return (
        Response.objects.filter(survey=survey)
        .select_related("municipality", "user")
        .order_by("municipality__name", "submitted_at")
    )


def municipalities_without_response(survey: Survey) -> QuerySet[Municipality]:
    """Active member municipalities that have not answered yet."""
    answered = Response.objects.filter(survey=survey).values("municipality_id")
    return (
        Municipality.objects.filter(
            memberships__network_id=survey.network_id,
            memberships__status=MembershipStatus.ACTIVE,
        )
        .exclude(pk__in=answered)
        .distinct()
        .order_by("name")
    )


# --- The topic backlog -------------------------------------------------------------

STATUS_ORDER = [
    BacklogStatus.WORKING_GROUP,
    BacklogStatus.AGENDA,
    BacklogStatus.PLANNED,
    BacklogStatus.PROPOSED,
    BacklogStatus.DONE,
    BacklogStatus.DECLINED,
]


def backlog_of(network: Network) -> list[BacklogTopic]:
    """The network's backlog grouped by status (active work first), best-voted first."""
    topics = list(
        BacklogTopic.objects.filter(network=network).select_related(
            "topic", "survey", "question", "option", "working_group", "event"
        )
    )
    topics.sort(key=lambda item: STATUS_ORDER.index(item.status))
    return topics


def visible_links(user, topics: list[BacklogTopic]) -> tuple[set[int], set[int]]:
    """Which linked events and working groups the person may be shown (ids).

    An event only if the person may see it; a private working group only for its
    members, the network's coordinators and admins. Others see that the topic is
    with a working group or on an agenda, without the name.
    """
    event_ids = {item.event_id for item in topics if item.event_id}
    visible_events = (
        set(events_visible_to(user).filter(pk__in=event_ids).values_list("pk", flat=True))
        if event_ids
        else set()
    )
    visible_groups = set()
    roles = network_roles(user)
    for item in topics:
        group = item.working_group
        if group is None:
            continue
        if (
            not group.is_private
            or _is_admin(user)
            or roles.has(item.network_id, COORDINATOR)
            or group_roles(user).is_member(group.pk)
        ):
            visible_groups.add(group.pk)
    return visible_events, visible_groups


def working_groups_for(network: Network) -> QuerySet[WorkingGroup]:
    return (
        WorkingGroup.objects.filter(Q(network=network) | Q(shared_with=network))
        .filter(archived_at__isnull=True)
        .distinct()
        .order_by("title")
    )


def events_for(network: Network, user) -> QuerySet[Event]:
    """The network's events that `user` may see: the meetings a backlog topic can name."""
    return events_visible_to(user).filter(networks=network).order_by("-starts_at", "pk")


def option_of_network(network: Network, pk) -> Option:
    try:
        return Option.objects.select_related("question__survey").get(
            pk=pk, question__survey__network=network
        )
    except (Option.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def text_answer_of_network(network: Network, pk) -> Answer:
    try:
        return Answer.objects.select_related("question__survey", "response__municipality").get(
            pk=pk, question__kind=QuestionKind.TEXT, question__survey__network=network
        )
    except (Answer.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
