"""Asking, listing, reading, editing and deleting questions."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from tests.knowledge.factories import topic
from tests.questions.factories import (
    AnswerFactory,
    NotificationFactory,
    QuestionFactory,
    member_of,
)
from voneinander.audit.models import AuditEvent
from voneinander.questions import selectors
from voneinander.questions.models import Follow, Notification, Question


def _list(slug="alpha", **params):
    url = reverse("questions:list", kwargs={"slug": slug})
    return f"{url}?{urlencode(params)}" if params else url


# --- Visibility --------------------------------------------------------------------------


def test_question_list_shows_only_the_networks_questions(world, client_as):
    own = QuestionFactory(network=world.network, title="Wer nutzt eine Dorf-App?")
    QuestionFactory(network=world.other_network, title="Geheime Beta-Frage")

    response = client_as(world.user("member")).get(_list())

    page = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [own]
    assert "Wer nutzt eine Dorf-App?" in page
    assert "Geheime Beta-Frage" not in page


@pytest.mark.parametrize("role", ["member", "contact", "coordinator"])
def test_question_of_other_network_is_404_for_members_of_alpha(world, client_as, role):
    planted = QuestionFactory(network=world.other_network)
    answer = AnswerFactory(question=planted)
    client = client_as(world.user(role))

    for url in [
        planted.get_absolute_url(),
        reverse("questions:edit", kwargs={"pk": planted.pk}),
        reverse("questions:answer_edit", kwargs={"pk": answer.pk}),
    ]:
        assert client.get(url).status_code == 404
    response = client.post(reverse("questions:answer", kwargs={"pk": planted.pk}), {"text": "x"})
    assert response.status_code == 404
    assert planted.answers.count() == 1


def test_questions_visible_to_agrees_with_the_permission(world):
    alpha = QuestionFactory(network=world.network)
    beta = QuestionFactory(network=world.other_network)
    for role in ["anonymous", "user", "member", "contact", "coordinator", "admin"]:
        user = world.user(role) or AnonymousUser()
        visible = set(selectors.questions_visible_to(user))
        for question in (alpha, beta):
            assert (question in visible) == user.has_perm("questions.view_question", question)


def test_networks_accessible_to_agrees_with_the_roles(world):
    left = member_of(world.network)
    left.municipality.memberships.update(status="left")
    unconfirmed = member_of(world.network, municipality_confirmed_at=None)
    people = [AnonymousUser(), left, unconfirmed] + [
        world.user(role) for role in ["user", "member", "contact", "coordinator", "admin"]
    ]
    for person in people:
        expected = selectors.network_ids_for(person)
        found = set(selectors.networks_accessible_to(person).values_list("pk", flat=True))
        if expected is None:
            expected = {world.network.pk, world.other_network.pk}
        assert found == expected, person


def test_people_with_access_are_members_and_admins(world):
    outsider = member_of(world.other_network)

    people = set(selectors.people_with_access(world.network))

    assert people >= {world.user(r) for r in ["member", "contact", "coordinator", "admin"]}
    assert world.user("user") not in people
    assert outsider not in people


# --- The list --------------------------------------------------------------------------------


def test_question_list_filters_by_topic_and_status(world, client_as):
    mobility = topic("mobilitaet")
    open_mobility = QuestionFactory(network=world.network, topics=[mobility])
    answered = QuestionFactory(network=world.network, topics=[mobility])
    AnswerFactory(question=answered)
    solved = QuestionFactory(network=world.network)
    solved.accepted_answer = AnswerFactory(question=solved)
    solved.save()
    client = client_as(world.user("member"))

    def shown(**params):
        return set(client.get(_list(**params)).context["page"].object_list)

    assert shown() == {open_mobility, answered, solved}
    assert shown(thema="mobilitaet") == {open_mobility, answered}
    assert shown(status="offen") == {open_mobility}
    assert shown(status="geloest") == {solved}
    assert shown(thema="mobilitaet", status="offen") == {open_mobility}
    assert shown(thema="gibt-es-nicht") == {open_mobility, answered, solved}


def test_question_list_paginates(world, client_as):
    QuestionFactory.create_batch(21, network=world.network)
    client = client_as(world.user("member"))

    first = client.get(_list())
    second = client.get(_list(seite=2))

    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 1
    assert 'rel="next"' in first.content.decode()


# user, MFA check, network, roles (3), followed topics, count, filter topics, switcher,
# unread count, Django permissions (2), the page of questions, their topics
LIST_QUERIES = 10


def _list_queries(client) -> int:
    client.get(_list())  # warm the session and the roles
    with CaptureQueriesContext(connection) as captured:
        response = client.get(_list())
    assert response.status_code == 200
    return len(captured)


def test_question_list_query_count_is_constant(world, client_as):
    client = client_as(world.user("member"))

    def add_question():
        question = QuestionFactory(
            network=world.network, topics=[topic("mobilitaet"), topic("bildung")]
        )
        AnswerFactory(question=question)

    add_question()
    one = _list_queries(client)
    for _i in range(7):
        add_question()
    many = _list_queries(client)

    assert (one, many) == (LIST_QUERIES, LIST_QUERIES)


# --- Asking ------------------------------------------------------------------------------


def test_ask_question_creates_it_and_author_follows(world, client_as):
    member = world.user("member")
    response = client_as(member).post(
        reverse("questions:ask", kwargs={"slug": "alpha"}),
        {
            "title": "  Wer hat   eine Mitfahrbank? ",
            "text": "Wir planen *drei* Bänke.",
            "topics": [topic("mobilitaet").pk],
        },
    )

    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert question.title == "Wer hat eine Mitfahrbank?"
    assert question.network == world.network
    assert question.author == member
    assert list(question.topics.all()) == [topic("mobilitaet")]
    assert Follow.objects.filter(user=member, question=question).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "   "}, "title", "Dieses Feld ist zwingend erforderlich."),
        ({"title": "x" * 201}, "title", "höchstens 200 Zeichen"),
        ({"title": "Frage", "text": "x" * 10001}, "text", "höchstens 10000 Zeichen"),
    ],
)
def test_ask_question_rejects_bad_input(world, client_as, data, field, message):
    response = client_as(world.user("member")).post(
        reverse("questions:ask", kwargs={"slug": "alpha"}), data
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Question.objects.count() == 0


def test_ask_question_allows_at_most_five_topics(world, client_as):
    slugs = ["mobilitaet", "bildung", "ehrenamt", "open-data", "smart-city", "beteiligung"]
    response = client_as(world.user("member")).post(
        reverse("questions:ask", kwargs={"slug": "alpha"}),
        {"title": "Frage", "topics": [topic(slug).pk for slug in slugs]},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["topics"] == [
        _("Please choose at most %(count)d topics.") % {"count": 5}
    ]
    assert Question.objects.count() == 0


def test_question_text_is_sanitized(world, client_as):
    question = QuestionFactory(
        network=world.network,
        text="<script>alert(1)</script>\n\n[klick](javascript:alert(2)) **fett**",
    )

    page = client_as(world.user("member")).get(question.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert "<strong>fett</strong>" in page


# --- Editing and deleting ----------------------------------------------------------------


def test_author_edits_question(world, client_as):
    question = QuestionFactory(network=world.network, author=world.user("member"))

    response = client_as(world.user("member")).post(
        reverse("questions:edit", kwargs={"pk": question.pk}),
        {"title": "Neuer Titel", "text": "Neuer Text", "topics": [topic("bildung").pk]},
    )

    question.refresh_from_db()
    assert response.status_code == 302
    assert (question.title, question.text) == ("Neuer Titel", "Neuer Text")
    assert question.edited_at is not None
    assert list(question.topics.all()) == [topic("bildung")]


def test_edit_question_with_empty_title_keeps_the_saved_one(world, client_as):
    question = QuestionFactory(network=world.network, author=world.user("member"), title="Alt")

    response = client_as(world.user("member")).post(
        reverse("questions:edit", kwargs={"pk": question.pk}), {"title": ""}
    )

    question.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert question.title == "Alt"


def test_author_deletes_unanswered_question_without_reason(world, client_as):
    question = QuestionFactory(network=world.network, author=world.user("member"))
    client = client_as(world.user("member"))

    page = client.get(reverse("questions:delete", kwargs={"pk": question.pk}))
    response = client.post(reverse("questions:delete", kwargs={"pk": question.pk}))

    assert "reason" not in page.context["form"].fields
    assert response.status_code == 302
    assert response["Location"] == _list()
    assert not Question.objects.exists()
    assert not AuditEvent.objects.filter(action="question.removed").exists()


def test_coordinator_deletes_question_only_with_reason_and_it_is_audited(world, client_as):
    author = world.user("member")
    question = QuestionFactory(network=world.network, author=author, title="Werbung")
    AnswerFactory(question=question)
    stale = NotificationFactory(user=world.user("contact"), url=question.get_absolute_url())
    client = client_as(world.user("coordinator"))
    url = reverse("questions:delete", kwargs={"pk": question.pk})

    without = client.post(url, {"reason": "  "})
    assert without.status_code == 200
    assert without.context["form"].errors["reason"]
    assert Question.objects.filter(pk=question.pk).exists()

    response = client.post(url, {"reason": "Werbung ist hier nicht erlaubt."})

    assert response.status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()
    event = AuditEvent.objects.get(action="question.removed")
    assert event.actor == world.user("coordinator")
    assert event.data == {"network": "alpha", "reason": "Werbung ist hier nicht erlaubt."}
    assert event.target_label == "Werbung"
    assert not Notification.objects.filter(pk=stale.pk).exists()
    told = Notification.objects.get(user=author)
    assert told.kind == "questions.removed"
    assert "Werbung ist hier nicht erlaubt." in told.text
    assert told.url == _list()


def test_author_cannot_delete_answered_question(world, client_as):
    question = QuestionFactory(network=world.network, author=world.user("member"))
    AnswerFactory(question=question)

    response = client_as(world.user("member")).post(
        reverse("questions:delete", kwargs={"pk": question.pk})
    )

    assert response.status_code == 403
    assert Question.objects.filter(pk=question.pk).exists()


def test_coordinator_deletes_own_answered_question_as_moderator(world, client_as):
    coordinator = world.user("coordinator")
    question = QuestionFactory(network=world.network, author=coordinator)
    question.accepted_answer = AnswerFactory(question=question)
    question.save()
    client = client_as(coordinator)
    url = reverse("questions:delete", kwargs={"pk": question.pk})

    assert "reason" in client.get(url).context["form"].fields
    response = client.post(url, {"reason": "Doppelt gestellt."})

    assert response.status_code == 302
    assert not Question.objects.exists()
    assert AuditEvent.objects.filter(action="question.removed").count() == 1
    assert not Notification.objects.filter(user=coordinator).exists()
