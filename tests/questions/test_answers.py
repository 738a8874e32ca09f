"""Answers: writing, the accepted answer, editing and deleting; the question page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from tests.questions.factories import (
    AnswerFactory,
    NotificationFactory,
    QuestionFactory,
    member_of,
)
from voneinander.audit.models import AuditEvent
from voneinander.questions.models import Answer, Follow, Notification


def _url(name, obj):
    return reverse(f"questions:{name}", kwargs={"pk": obj.pk})


def test_answer_is_published_and_answerer_follows(world, client_as):
    question = QuestionFactory(network=world.network)
    contact = world.user("contact")

    response = client_as(contact).post(_url("answer", question), {"text": "Wir nutzen *X*."})

    answer = Answer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{question.get_absolute_url()}#antwort-{answer.pk}"
    assert (answer.question, answer.author, answer.text) == (question, contact, "Wir nutzen *X*.")
    assert Follow.objects.filter(user=contact, question=question).exists()
    question.refresh_from_db()
    assert question.last_activity_at == answer.created_at


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Dieses Feld ist zwingend erforderlich."),
        ("x" * 10001, "höchstens 10000 Zeichen"),
    ],
)
def test_answer_with_bad_input_is_refused_and_text_kept(world, client_as, text, message):
    question = QuestionFactory(network=world.network)

    response = client_as(world.user("member")).post(_url("answer", question), {"text": text})

    assert response.status_code == 200
    form = response.context["answer_form"]
    assert message in " ".join(form.errors["text"])
    assert not Answer.objects.exists()
    assert response.context["question"] == question


def test_answer_with_script_is_shown_as_text(world, client_as):
    question = QuestionFactory(network=world.network)
    client = client_as(world.user("member"))
    client.post(_url("answer", question), {"text": "<img src=x onerror=alert(1)> Hallo"})

    page = client.get(question.get_absolute_url()).content.decode()

    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; Hallo" in page


def test_author_accepts_and_changes_the_accepted_answer(world, client_as):
    author = world.user("member")
    question = QuestionFactory(network=world.network, author=author)
    first, second = AnswerFactory.create_batch(2, question=question)
    client = client_as(author)

    client.post(_url("accept", question), {"answer": first.pk})
    question.refresh_from_db()
    assert question.accepted_answer == first

    client.post(_url("accept", question), {"answer": second.pk})
    question.refresh_from_db()
    assert question.accepted_answer == second

    client.post(_url("accept", question), {"answer": ""})
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_coordinator_may_accept_an_answer(world, client_as):
    question = QuestionFactory(network=world.network)
    answer = AnswerFactory(question=question)

    client_as(world.user("coordinator")).post(_url("accept", question), {"answer": answer.pk})

    question.refresh_from_db()
    assert question.accepted_answer == answer


def test_answer_of_another_question_cannot_be_accepted(world, client_as):
    author = world.user("member")
    question = QuestionFactory(network=world.network, author=author)
    foreign = AnswerFactory(question=QuestionFactory(network=world.network))

    response = client_as(author).post(_url("accept", question), {"answer": foreign.pk})

    question.refresh_from_db()
    assert response.status_code == 302
    assert question.accepted_answer is None


def test_accepted_answer_is_shown_first_and_marked(world, client_as):
    question = QuestionFactory(network=world.network, author=world.user("member"))
    early = AnswerFactory(question=question, text="Frühe Antwort")
    late = AnswerFactory(question=question, text="Späte, aber beste Antwort")
    question.accepted_answer = late
    question.save()

    response = client_as(world.user("member")).get(question.get_absolute_url())

    assert response.context["answers"] == [late, early]
    page = response.content.decode()
    assert f'class="vn-answer vn-answer--accepted" id="antwort-{late.pk}"' in page


def test_author_edits_answer(world, client_as):
    answer = AnswerFactory(
        question=QuestionFactory(network=world.network), author=world.user("contact")
    )

    response = client_as(world.user("contact")).post(
        _url("answer_edit", answer), {"text": "Korrigiert."}
    )

    answer.refresh_from_db()
    assert response.status_code == 302
    assert answer.text == "Korrigiert."
    assert answer.edited_at is not None


def test_edit_answer_with_empty_text_keeps_the_saved_one(world, client_as):
    answer = AnswerFactory(
        question=QuestionFactory(network=world.network), author=world.user("contact"), text="Alt"
    )

    response = client_as(world.user("contact")).post(_url("answer_edit", answer), {"text": ""})

    answer.refresh_from_db()
    assert response.status_code == 200
    assert answer.text == "Alt"


def test_author_deletes_own_answer(world, client_as):
    answer = AnswerFactory(
        question=QuestionFactory(network=world.network), author=world.user("contact")
    )

    response = client_as(world.user("contact")).post(_url("answer_delete", answer))

    assert response.status_code == 302
    assert not Answer.objects.exists()
    assert not AuditEvent.objects.filter(action="answer.removed").exists()


def test_coordinator_removes_accepted_answer_with_reason(world, client_as):
    question = QuestionFactory(network=world.network)
    answer = AnswerFactory(question=question, author=world.user("contact"))
    question.accepted_answer = answer
    question.save()
    client = client_as(world.user("coordinator"))

    refused = client.post(_url("answer_delete", answer), {"reason": ""})
    assert refused.status_code == 200
    assert Answer.objects.filter(pk=answer.pk).exists()

    client.post(_url("answer_delete", answer), {"reason": "Enthielt Telefonnummern."})

    question.refresh_from_db()
    assert question.accepted_answer is None
    assert not Answer.objects.filter(pk=answer.pk).exists()
    event = AuditEvent.objects.get(action="answer.removed")
    assert event.data == {
        "network": "alpha",
        "answer": answer.pk,
        "reason": "Enthielt Telefonnummern.",
    }
    told = Notification.objects.get(user=world.user("contact"))
    assert "Enthielt Telefonnummern." in told.text


def test_delete_answer_page_asks_for_a_reason_only_from_others(world, client_as):
    answer = AnswerFactory(
        question=QuestionFactory(network=world.network), author=world.user("contact")
    )

    own = client_as(world.user("contact")).get(_url("answer_delete", answer))
    other = client_as(world.user("coordinator")).get(_url("answer_delete", answer))

    assert "reason" not in own.context["form"].fields
    assert "reason" in other.context["form"].fields
    assert _("Reason for the author") in other.content.decode()


# --- The question page ---------------------------------------------------------------------


def test_question_page_marks_its_notifications_read(world, client_as):
    member = world.user("member")
    question = QuestionFactory(network=world.network)
    other = QuestionFactory(network=world.network)
    about = NotificationFactory(
        user=member, network=world.network, url=f"{question.get_absolute_url()}#antwort-3"
    )
    elsewhere = NotificationFactory(
        user=member, network=world.network, url=other.get_absolute_url()
    )

    client_as(member).get(f"/en{question.get_absolute_url()}")

    about.refresh_from_db()
    elsewhere.refresh_from_db()
    assert about.read_at is not None
    assert elsewhere.read_at is None


def test_follow_and_unfollow_question(world, client_as):
    question = QuestionFactory(network=world.network)
    member = world.user("member")
    client = client_as(member)

    client.post(_url("follow", question), {"action": "folgen"})
    assert Follow.objects.filter(user=member, question=question).count() == 1
    client.post(_url("follow", question), {"action": "folgen"})
    assert Follow.objects.filter(user=member, question=question).count() == 1
    client.post(_url("follow", question), {"action": "entfolgen"})
    assert not Follow.objects.filter(user=member, question=question).exists()


def _detail_queries(client, question) -> int:
    client.get(question.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    return len(captured)


def test_question_page_query_count_is_constant(world, client_as):
    question = QuestionFactory(network=world.network, author=world.user("member"))
    mentioned = world.user("contact")
    mentioned.first_name, mentioned.last_name = "Jonas", "Becker"
    mentioned.save()
    client = client_as(world.user("coordinator"))

    def add_answer():
        answer = AnswerFactory(question=question, text="Frag @Jonas.Becker")
        answer.mentioned.add(mentioned)

    add_answer()
    one = _detail_queries(client, question)
    for _i in range(6):
        add_answer()
    many = _detail_queries(client, question)

    assert one == many
    assert one <= 20


def test_answerer_from_other_network_is_not_possible(world, client_as):
    outsider = member_of(world.other_network)
    question = QuestionFactory(network=world.network)

    response = client_as(outsider).post(_url("answer", question), {"text": "Hallo"})

    assert response.status_code == 404
    assert not Answer.objects.exists()
