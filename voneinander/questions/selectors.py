"""Reads for questions and notifications: what a person may see.

`questions_visible_to(user)` is the single gate for questions (pages, search,
feeds). It agrees with `permissions.can_see_question`: the members of the
question's network and platform admins.

`networks_accessible_to(user)` and `people_with_access(network)` state the same
rule in SQL, for places that must not spend queries on the person's roles: the
unread count in the page header, and choosing who is notified at send time.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from voneinander.knowledge.models import Topic
from voneinander.networks.models import MembershipStatus, Network
from voneinander.networks.roles import MEMBER, network_roles
from voneinander.networks.roles import is_platform_admin as _is_admin
from voneinander.questions.models import Answer, Follow, Notification, Question
from voneinander.questions.permissions import sees_network

_ACTIVE = MembershipStatus.ACTIVE


# --- Who may see which network's questions -------------------------------------------------


def network_ids_for(user) -> set[int] | None:
    """The networks whose questions `user` may see; None means all (admins)."""
    if _is_admin(user):
        return None
    if not user.is_authenticated or not user.is_active:
        return set()
    return {nid for nid, held in network_roles(user).by_network.items() if MEMBER in held}


def networks_accessible_to(user) -> QuerySet[Network]:
    """The same networks as `network_ids_for`, as a lazy queryset (for subqueries)."""
    if not user.is_authenticated or not user.is_active:
        return Network.objects.none()
    if user.is_superuser:
        return Network.objects.all()
    return _member_networks(user)


def _member_networks(user) -> QuerySet[Network]:
    """The networks where `user` holds the member role, as `network_roles` (admins too)."""
    condition = Q(coordinator_roles__user=user) | Q(
        memberships__status=_ACTIVE, memberships__contact_persons__user=user
    )
    if user.municipality_id and user.municipality_confirmed_at:
        condition |= Q(memberships__status=_ACTIVE, memberships__municipality=user.municipality_id)
    return Network.objects.filter(condition)


def group_spaces_readable_by(user) -> QuerySet:
    """The working groups whose space `user` may read, as a lazy queryset (for subqueries).

    The rule of `workinggroups.selectors.space_visible_to` in SQL, for places
    that must not spend queries on the person's roles: public groups, and
    private ones the person is an active member of while still belonging to
    one of the group's networks. Platform admins get no exception.
    """
    from voneinander.workinggroups.models import GroupMember, MemberStatus, WorkingGroup

    public = WorkingGroup.objects.filter(is_private=False)
    if not user.is_authenticated or not user.is_active:
        return public
    networks = _member_networks(user).values("pk")
    active = GroupMember.objects.filter(user=user, status=MemberStatus.ACTIVE).filter(
        Q(group__network__in=networks) | Q(group__shared_with__in=networks)
    )
    return WorkingGroup.objects.filter(Q(is_private=False) | Q(pk__in=active.values("group_id")))


def network_members(network: Network) -> QuerySet:
    """Active people who are members of `network` (coordinators and contacts included)."""
    people = get_user_model().objects
    member = (
        Q(coordinator_roles__network=network)
        | Q(contact_roles__membership__network=network, contact_roles__membership__status=_ACTIVE)
        | Q(
            municipality_confirmed_at__isnull=False,
            municipality__memberships__network=network,
            municipality__memberships__status=_ACTIVE,
        )
    )
    return people.filter(is_active=True, pk__in=people.filter(member).values("pk"))


def people_with_access(network: Network) -> QuerySet:
    """Everyone who may see the network's questions now: its members and platform admins."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(pk__in=network_members(network).values("pk")))
    )


def questions_visible_to(user) -> QuerySet[Question]:
    ids = network_ids_for(user)
    questions = Question.objects.all()
    return questions if ids is None else questions.filter(network_id__in=ids)


# --- Objects for the access rules (404 for what the person may not know) -----------------
# Anonymous visitors get None, so that the rule sends them to the login page
# (links in e-mails lead there) without telling whether the object exists.


def network_for_questions(request, slug: str, **_ignored) -> Network | None:
    if not request.user.is_authenticated:
        return None
    network = Network.objects.filter(slug=slug).first()
    if network is None or not sees_network(request.user, network.pk):
        raise Http404
    return network


def question_for_viewer(request, pk: int, **_ignored) -> Question | None:
    if not request.user.is_authenticated:
        return None
    question = (
        questions_visible_to(request.user)
        .select_related("network", "author", "accepted_answer")
        .annotate(answer_count=Count("answers"))
        .filter(pk=pk)
        .first()
    )
    if question is None:
        raise Http404
    return question


def answer_for_viewer(request, pk: int, **_ignored) -> Answer | None:
    if not request.user.is_authenticated:
        return None
    answer = (
        Answer.objects.filter(question__in=questions_visible_to(request.user))
        .select_related("question__network", "author")
        .filter(pk=pk)
        .first()
    )
    if answer is None:
        raise Http404
    return answer


# --- Lists and pages ---------------------------------------------------------------------

UNANSWERED = "offen"
ACCEPTED = "geloest"


def question_list(network: Network, *, topic: Topic | None = None, status: str = ""):
    questions = (
        Question.objects.filter(network=network)
        .select_related("author")
        .annotate(answer_count=Count("answers"))
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("position", "name")))
        .order_by("-last_activity_at", "-pk")
    )
    if topic is not None:
        questions = questions.filter(topics=topic)
    if status == UNANSWERED:
        questions = questions.filter(answer_count=0)
    elif status == ACCEPTED:
        questions = questions.filter(accepted_answer__isnull=False)
    return questions


def topics_for_filter():
    return Topic.objects.filter(active=True).order_by("position", "name")


def question_topics(question: Question):
    return question.topics.order_by("position", "name")


def answers_for(question: Question) -> list[Answer]:
    """The answers, the accepted one first, each with its author and mentioned people."""
    answers = list(
        question.answers.select_related("author")
        .prefetch_related("mentioned")
        .order_by("created_at", "pk")
    )
    answers.sort(key=lambda answer: answer.pk != question.accepted_answer_id)
    return answers


def follows_question(user, question: Question) -> bool:
    return Follow.objects.filter(user=user, question=question).exists()


def followed_topics(user, network: Network) -> list[Topic]:
    return list(
        Topic.objects.filter(
            Exists(
                Follow.objects.filter(
                    user=user, network=network, topic=OuterRef("pk"), question__isnull=True
                )
            )
        ).order_by("position", "name")
    )


# --- Notifications -----------------------------------------------------------------------


def notifications_for(user) -> QuerySet[Notification]:
    """The person's notifications about content they may still see, newest first."""
    return visible_notifications(Notification.objects.filter(user=user), user).order_by(
        "-created_at", "-pk"
    )


def visible_notifications(notifications: QuerySet[Notification], user) -> QuerySet[Notification]:
    """Leave out notifications of networks and group spaces `user` can no longer see.

    Subqueries only: no query of its own (the page header counts with it).
    """
    return notifications.filter(
        Q(network__isnull=True) | Q(network__in=networks_accessible_to(user)),
        Q(working_group__isnull=True) | Q(working_group__in=group_spaces_readable_by(user)),
    )


def unread_count(user) -> int:
    """One query (for the page header)."""
    if not user.is_authenticated:
        return 0
    return notifications_for(user).filter(read_at__isnull=True).count()


def notification_of(request, pk: int, **_ignored) -> Notification:
    notification = Notification.objects.filter(user=request.user, pk=pk).first()
    if notification is None:
        raise Http404
    return notification
