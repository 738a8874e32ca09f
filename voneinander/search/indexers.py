"""What goes into the search index, one indexer per kind of result.

An indexer reads its app's models and turns objects into `Entry`s: the text,
the link, the facet values and the audience (who may see it, `audience.py`),
following the app's own visibility rules (its selectors). Objects that must
not be found (archived solutions, municipalities that left every network) give
no entry and are removed from the index.

`watches` lists the models whose changes affect the kind's entries, with a
function from a changed instance to the ids of the objects to index again;
`signals.py` connects them. Adding a kind (news in issue 6) is one subclass and
one `register()` call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Model, OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from voneinander.core.markdown import plain_text
from voneinander.search import audience
from voneinander.search.backends import Entry


@dataclass(frozen=True)
class Watch:
    """Changes of `model` (saved or deleted) affect the objects `ids(instance)` returns."""

    model: type[Model] | str
    ids: Callable[[Model], Iterable[int]]


@dataclass(frozen=True)
class M2MWatch:
    """Changes of the many-to-many relation `through` affect the objects `ids(instance, pks)`."""

    through: Callable[[], type[Model]]
    ids: Callable[[Model, set | None, bool], Iterable[int]]


class Indexer:
    kind = ""
    label = ""  # plural, for the facet ("Solutions")
    status_labels: dict = {}

    def queryset(self) -> QuerySet:
        """Every object of the kind, with what `entries` needs fetched alongside."""
        raise NotImplementedError

    def entries(self, objects: Iterable) -> Iterable[Entry]:
        raise NotImplementedError

    def watches(self) -> list[Watch | M2MWatch]:
        return []


REGISTRY: dict[str, Indexer] = {}


def register(indexer: Indexer) -> Indexer:
    REGISTRY[indexer.kind] = indexer
    return indexer


def _join(*parts) -> str:
    return "\n".join(str(part) for part in parts if part)


def _same(instance) -> list[int]:
    return [instance.pk]


def _forward_m2m(instance, pks, reverse: bool) -> list[int]:
    """For an m2m declared on the indexed model: the changed objects."""
    if reverse:  # changed from the other side: `pks` are the indexed objects
        return sorted(pks or [])
    return [instance.pk]


# --- Solutions ---------------------------------------------------------------------------------


class SolutionIndexer(Indexer):
    """Active solutions, seen as `knowledge.selectors.solutions_visible_to` decides."""

    kind = "solution"
    label = _("Solutions")

    @property
    def status_labels(self):
        from voneinander.knowledge.models import SolutionStatus

        return dict(SolutionStatus.choices)

    def queryset(self):
        from voneinander.knowledge.models import Solution, Topic

        return Solution.objects.select_related("network", "owner").prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("position", "name")),
            "software",
            "partners",
        )

    def entries(self, objects):
        from voneinander.knowledge.models import SolutionVisibility

        for solution in objects:
            if not solution.is_active:
                continue
            if solution.visibility == SolutionVisibility.PUBLIC:
                who = [audience.PUBLIC]
            else:
                who = [
                    audience.network_members(solution.network_id),
                    audience.municipality(solution.owner_id),
                    audience.ADMIN,
                ]
            topics = list(solution.topics.all())
            body = _join(
                solution.summary,
                solution.problem,
                solution.what_it_is,
                solution.benefits,
                solution.how_it_works,
                solution.suits,
                plain_text(solution.description),
                solution.lessons_learned,
                ", ".join(topic.name for topic in topics),
                ", ".join(software.name for software in solution.software.all()),
                solution.owner.name,
                ", ".join(partner.name for partner in solution.partners.all()),
            )
            yield Entry(
                kind=self.kind,
                object_id=solution.pk,
                title=solution.title,
                subtitle=f"{solution.owner} · {solution.network.name}",
                body=body,
                link={"name": "knowledge:solution", "kwargs": {"slug": solution.slug}},
                status=solution.status,
                networks=[solution.network_id],
                topics=[topic.pk for topic in topics],
                audience=who,
                date=solution.updated_at,
            )

    def watches(self):
        from voneinander.knowledge.models import Solution

        return [
            Watch("knowledge.Solution", _same),
            Watch("knowledge.Software", lambda software: [software.solution_id]),
            M2MWatch(lambda: Solution.topics.through, _forward_m2m),
            M2MWatch(lambda: Solution.partners.through, _forward_m2m),
            Watch(
                "municipalities.Municipality",
                lambda m: Solution.objects.filter(owner=m).values_list("pk", flat=True),
            ),
        ]


# --- Member municipalities -----------------------------------------------------------------------


class MemberIndexer(Indexer):
    """Municipalities with an active membership: public, as the member directory is."""

    kind = "member"
    label = _("Members")

    def queryset(self):
        from voneinander.municipalities.models import Municipality
        from voneinander.networks.models import Membership, MembershipStatus

        return Municipality.objects.select_related("parent__parent").prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(status=MembershipStatus.ACTIVE)
                .select_related("network")
                .order_by("network__name"),
                to_attr="active_memberships",
            )
        )

    def entries(self, objects):
        from voneinander.knowledge.models import Topic

        topic_ids = {name.casefold(): pk for pk, name in Topic.objects.values_list("pk", "name")}
        for municipality in objects:
            memberships = municipality.active_memberships
            if not memberships:
                continue
            focuses = sorted(
                {
                    focus
                    for membership in memberships
                    for focus in membership.topic_focuses or []
                    if isinstance(focus, str)
                }
            )
            # The Verbandsgemeinde and the Landkreis (fetched with select_related).
            parent = municipality.parent
            parents = [str(p) for p in (parent, parent.parent if parent else None) if p]
            body = _join(
                municipality.official_name,
                municipality.get_kind_display(),
                ", ".join(parents),
                ", ".join(m.network.name for m in memberships),
                ", ".join(m.get_role_display() for m in memberships if m.role != "member"),
                ", ".join(focuses),
            )
            yield Entry(
                kind=self.kind,
                object_id=municipality.pk,
                title=str(municipality),
                subtitle=", ".join([municipality.get_kind_display(), *parents[:1]]),
                body=body,
                link={"name": "municipalities:detail", "kwargs": {"pk": municipality.pk}},
                networks=[m.network_id for m in memberships],
                topics=[topic_ids[f.casefold()] for f in focuses if f.casefold() in topic_ids],
                audience=[audience.PUBLIC],
            )

    def watches(self):
        return [
            Watch("municipalities.Municipality", _same),
            Watch("networks.Membership", lambda membership: [membership.municipality_id]),
        ]


# --- Events and sessions -------------------------------------------------------------------


def event_audience(event) -> list[str]:
    """Who may see an event, as `events.selectors.visibility_filter` decides.

    A meeting of a private working group: its active members and admins only
    (named organisers see it only while they are members, so they get no token
    of their own). Otherwise: public or members of the organising networks by
    the event's visibility; always its coordinators, named organisers, invited
    people, members of its working group, admins.
    """
    from voneinander.events.models import Visibility

    if event.working_group_id and event.working_group.is_private:
        return [audience.group_members(event.working_group_id), audience.ADMIN]
    organisers = [audience.person(user.pk) for user in event.organisers.all()]
    networks = [network.pk for network in event.networks.all()]
    who = [audience.ADMIN, *organisers]
    who += [audience.person(user.pk) for user in event.invited.all()]
    who += [audience.coordinators(pk) for pk in networks]
    if event.working_group_id:
        who.append(audience.group_members(event.working_group_id))
    if event.visibility == Visibility.PUBLIC:
        who.append(audience.PUBLIC)
    elif event.visibility == Visibility.MEMBERS:
        who += [audience.network_members(pk) for pk in networks]
    return who


def _event_prefetches(prefix: str = "") -> list:
    from django.contrib.auth import get_user_model

    from voneinander.networks.models import Network

    people = get_user_model().objects.only("pk")
    return [
        Prefetch(f"{prefix}networks", queryset=Network.objects.only("pk", "name")),
        Prefetch(f"{prefix}organisers", queryset=people),
        Prefetch(f"{prefix}invited", queryset=people),
    ]


def _event_watches(ids_of_event: Callable[[list[int]], Iterable[int]]) -> list:
    from voneinander.events.models import Event

    return [
        M2MWatch(
            lambda: Event.networks.through,
            lambda instance, pks, reverse: ids_of_event(_forward_m2m(instance, pks, reverse)),
        ),
        M2MWatch(
            lambda: Event.organisers.through,
            lambda instance, pks, reverse: ids_of_event(_forward_m2m(instance, pks, reverse)),
        ),
        M2MWatch(
            lambda: Event.invited.through,
            lambda instance, pks, reverse: ids_of_event(_forward_m2m(instance, pks, reverse)),
        ),
        Watch(
            "workinggroups.WorkingGroup",
            lambda group: ids_of_event(
                list(Event.objects.filter(working_group=group).values_list("pk", flat=True))
            ),
        ),
    ]


class EventIndexer(Indexer):
    kind = "event"
    label = _("Events")

    def queryset(self):
        from voneinander.events.models import Event

        return Event.objects.select_related("working_group").prefetch_related(*_event_prefetches())

    def entries(self, objects):
        for event in objects:
            yield Entry(
                kind=self.kind,
                object_id=event.pk,
                title=event.title,
                subtitle=", ".join(network.name for network in event.networks.all()),
                body=_join(
                    event.summary,
                    plain_text(event.description),
                    event.location,
                    event.get_kind_display(),
                ),
                link={"name": "events:detail", "kwargs": {"slug": event.slug}},
                networks=[network.pk for network in event.networks.all()],
                topics=[event.working_group.topic_id]
                if event.working_group_id and event.working_group.topic_id
                else [],
                audience=event_audience(event),
                date=event.starts_at,
            )

    def watches(self):
        return [Watch("events.Event", _same), *_event_watches(lambda ids: ids)]


class SessionIndexer(Indexer):
    kind = "session"
    label = _("Sessions")

    def queryset(self):
        from voneinander.events.models import Session

        return Session.objects.select_related("event__working_group").prefetch_related(
            *_event_prefetches("event__")
        )

    def entries(self, objects):
        for session in objects:
            event = session.event
            yield Entry(
                kind=self.kind,
                object_id=session.pk,
                title=session.title,
                subtitle=event.title,
                body=_join(session.topic, plain_text(session.description), event.title),
                link={
                    "name": "events:detail",
                    "kwargs": {"slug": event.slug},
                    "anchor": f"sitzung-{session.pk}",
                },
                networks=[network.pk for network in event.networks.all()],
                audience=event_audience(event),
                date=session.starts_at,
            )

    def watches(self):
        from voneinander.events.models import Session

        def sessions_of(event_ids):
            return Session.objects.filter(event_id__in=list(event_ids)).values_list("pk", flat=True)

        return [
            Watch("events.Session", _same),
            Watch("events.Event", lambda event: sessions_of([event.pk])),
            *_event_watches(sessions_of),
        ]


# --- Questions ------------------------------------------------------------------------------


class QuestionIndexer(Indexer):
    """Questions: for the members of their network and admins (`questions_visible_to`)."""

    kind = "question"
    label = _("Questions")
    status_labels = {"answered": _("Answered"), "open": _("Not answered yet")}
    answers_text = 20_000

    def queryset(self):
        from voneinander.knowledge.models import Topic
        from voneinander.questions.models import Answer, Question

        return Question.objects.select_related("network").prefetch_related(
            Prefetch("topics", queryset=Topic.objects.only("pk", "name")),
            Prefetch("answers", queryset=Answer.objects.only("pk", "question_id", "text")),
        )

    def entries(self, objects):
        for question in objects:
            topics = list(question.topics.all())
            answers = "\n".join(answer.text for answer in question.answers.all())
            yield Entry(
                kind=self.kind,
                object_id=question.pk,
                title=question.title,
                subtitle=question.network.name,
                body=_join(
                    question.text,
                    ", ".join(t.name for t in topics),
                    answers[: self.answers_text],
                ),
                link={"name": "questions:detail", "kwargs": {"pk": question.pk}},
                status="answered" if question.accepted_answer_id else "open",
                networks=[question.network_id],
                topics=[t.pk for t in topics],
                audience=[audience.network_members(question.network_id), audience.ADMIN],
                date=question.last_activity_at,
            )

    def watches(self):
        from voneinander.questions.models import Question

        return [
            Watch("questions.Question", _same),
            Watch("questions.Answer", lambda answer: [answer.question_id]),
            M2MWatch(lambda: Question.topics.through, _forward_m2m),
        ]


# --- Working-group documents --------------------------------------------------------------------


class DocumentIndexer(Indexer):
    """A document's title, description and the text of its latest version.

    Documents of a private group: its active members only (`space_visible_to`;
    admins get no exception there either). Of a public group: everyone.
    """

    kind = "document"
    label = _("Documents")

    def queryset(self):
        from voneinander.workinggroups.models import Document, DocumentVersion

        latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
        return (
            Document.objects.select_related("group")
            .prefetch_related("group__shared_with")
            .annotate(
                latest_text=Subquery(latest.values("text")[:1]),
                latest_number=Subquery(latest.values("number")[:1]),
            )
        )

    def entries(self, objects):
        for document in objects:
            group = document.group
            who = [audience.group_members(group.pk)] if group.is_private else [audience.PUBLIC]
            yield Entry(
                kind=self.kind,
                object_id=document.pk,
                title=document.title,
                subtitle=group.title,
                body=_join(document.description, document.latest_text),
                link={
                    "name": "workinggroups:document",
                    "kwargs": {"slug": group.slug, "pk": document.pk},
                    "fallback": {"name": "workinggroups:detail", "kwargs": {"slug": group.slug}},
                },
                networks=[group.network_id, *(n.pk for n in group.shared_with.all())],
                topics=[group.topic_id] if group.topic_id else [],
                audience=who,
                date=document.updated_at,
            )

    def watches(self):
        from voneinander.workinggroups.models import Document

        return [
            Watch("workinggroups.Document", _same),
            Watch("workinggroups.DocumentVersion", lambda version: [version.document_id]),
            Watch(
                "workinggroups.WorkingGroup",
                lambda group: Document.objects.filter(group=group).values_list("pk", flat=True),
            ),
        ]


# --- Alliances --------------------------------------------------------------------------------


class AllianceIndexer(Indexer):
    """Alliances are public (knowledge/alliance_selectors.py)."""

    kind = "alliance"
    label = _("Alliances")

    @property
    def status_labels(self):
        from voneinander.knowledge.models import AllianceStatus

        return dict(AllianceStatus.choices)

    def queryset(self):
        from voneinander.knowledge.models import Alliance, AlliancePartner

        return Alliance.objects.select_related("network", "solution").prefetch_related(
            Prefetch(
                "partner_links",
                queryset=AlliancePartner.objects.select_related("municipality").order_by(
                    "municipality__name"
                ),
            )
        )

    def entries(self, objects):
        from voneinander.knowledge.models import SolutionVisibility

        for alliance in objects:
            solution = alliance.solution
            # The alliance is public; the name of a members-only solution is not.
            solution_title = (
                solution.title
                if solution is not None
                and solution.is_active
                and solution.visibility == SolutionVisibility.PUBLIC
                else ""
            )
            partners = [str(link.municipality) for link in alliance.partner_links.all()]
            yield Entry(
                kind=self.kind,
                object_id=alliance.pk,
                title=alliance.title,
                subtitle=alliance.network.name,
                body=_join(plain_text(alliance.description), ", ".join(partners), solution_title),
                link={"name": "knowledge:alliance", "kwargs": {"slug": alliance.slug}},
                status=alliance.status,
                networks=[alliance.network_id],
                audience=[audience.PUBLIC],
                date=alliance.created_at,
            )

    def watches(self):
        from voneinander.knowledge.models import Alliance

        return [
            Watch("knowledge.Alliance", _same),
            Watch("knowledge.AlliancePartner", lambda link: [link.alliance_id]),
            Watch(
                "knowledge.Solution",
                lambda s: Alliance.objects.filter(solution=s).values_list("pk", flat=True),
            ),
        ]


for _indexer in (
    SolutionIndexer(),
    MemberIndexer(),
    EventIndexer(),
    SessionIndexer(),
    QuestionIndexer(),
    DocumentIndexer(),
    AllianceIndexer(),
):
    register(_indexer)
