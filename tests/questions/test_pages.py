"""Every questions page renders CSP-clean, with one h1, for a member with real content."""

import pytest
from django.urls import reverse

from tests.core.test_security_headers import INLINE_HANDLER, INLINE_SCRIPT, INLINE_STYLE
from tests.knowledge.factories import topic
from tests.questions.factories import AnswerFactory, NotificationFactory, QuestionFactory


@pytest.fixture
def pages(world):
    member, contact = world.user("member"), world.user("contact")
    question = QuestionFactory(
        network=world.network,
        author=member,
        text='Text mit <b onclick="x()">HTML</b> und <span style="color:red">Stil</span>',
        topics=[topic("mobilitaet")],
    )
    answer = AnswerFactory(question=question, author=member, text="Antwort <script>x</script>")
    AnswerFactory(question=question, author=contact)
    question.accepted_answer = answer
    question.save()
    NotificationFactory(user=member, network=world.network, text="<i onmouseover=x>Hallo</i>")
    return [
        reverse("questions:list", kwargs={"slug": "alpha"}),
        reverse("questions:list", kwargs={"slug": "alpha"}) + "?thema=mobilitaet",
        reverse("questions:ask", kwargs={"slug": "alpha"}),
        question.get_absolute_url(),
        reverse("questions:edit", kwargs={"pk": question.pk}),
        reverse("questions:answer_edit", kwargs={"pk": answer.pk}),
        reverse("notifications:list"),
        reverse("notifications:settings"),
    ]


def test_question_pages_are_csp_clean_with_one_h1(world, client_as, pages):
    client = client_as(world.user("member"))
    for url in pages:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_STYLE.search(html), url
        assert not INLINE_HANDLER.search(html), url
        assert html.count("<h1") == 1, url


def test_delete_pages_render_for_a_coordinator(world, client_as, pages):
    question = QuestionFactory(network=world.network)
    answer = AnswerFactory(question=question)
    client = client_as(world.user("coordinator"))

    for url in [
        reverse("questions:delete", kwargs={"pk": question.pk}),
        reverse("questions:answer_delete", kwargs={"pk": answer.pk}),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert 'name="reason"' in response.content.decode()


def test_english_pages_work(world, client_as):
    question = QuestionFactory(network=world.network)

    response = client_as(world.user("member")).get(f"/en{question.get_absolute_url()}")

    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()
