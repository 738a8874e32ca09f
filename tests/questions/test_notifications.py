"""Notifications: who is told what, the list page, the header count, e-mail choices."""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.knowledge.factories import topic
from tests.questions.factories import (
    AnswerFactory,
    FollowFactory,
    NotificationFactory,
    QuestionFactory,
    member_of,
)
from voneinander.questions import services
from voneinander.questions.models import (
    EmailFrequency,
    Follow,
    Notification,
    NotificationSettings,
)


def _kinds(user):
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


def _immediately(user):
    NotificationSettings.objects.create(user=user, email=EmailFrequency.IMMEDIATELY)


# --- Fan-out -------------------------------------------------------------------------------


def test_new_answer_notifies_followers_but_not_the_answerer(world):
    question = QuestionFactory(network=world.network)
    follower = member_of(world.network)
    FollowFactory(user=follower, question=question)
    FollowFactory(user=question.author, question=question)
    answerer = world.user("contact")
    FollowFactory(user=answerer, question=question)

    answer = services.answer_question(question=question, author=answerer, text="Antwort")

    assert _kinds(follower) == ["questions.answer"]
    assert _kinds(question.author) == ["questions.answer"]
    assert _kinds(answerer) == []
    note = Notification.objects.get(user=follower)
    assert note.url == f"{question.get_absolute_url()}#antwort-{answer.pk}"
    assert note.network == world.network
    assert question.title in note.text


def test_mentioned_follower_gets_one_notification(world):
    question = QuestionFactory(network=world.network)
    jonas = member_of(world.network, first_name="Jonas", last_name="Becker")
    FollowFactory(user=jonas, question=question)

    services.answer_question(question=question, author=world.user("contact"), text="@Jonas.Becker?")

    assert _kinds(jonas) == ["questions.mention"]


def test_new_question_notifies_topic_followers_of_that_network_once(world):
    mobility, education = topic("mobilitaet"), topic("bildung")
    follower = member_of(world.network)
    Follow.objects.create(user=follower, topic=mobility, network=world.network)
    Follow.objects.create(user=follower, topic=education, network=world.network)
    beta_follower = member_of(world.other_network)
    Follow.objects.create(user=beta_follower, topic=mobility, network=world.other_network)

    question = services.ask_question(
        network=world.network,
        author=world.user("member"),
        title="Rufbus?",
        topics=[mobility, education],
    )

    assert _kinds(follower) == ["questions.topic"]
    assert _kinds(beta_follower) == []
    assert Notification.objects.get(user=follower).url == question.get_absolute_url()


def test_accepted_answer_notifies_the_answerer(world):
    author = world.user("member")
    question = QuestionFactory(network=world.network, author=author)
    answer = AnswerFactory(question=question, author=world.user("contact"))

    services.accept_answer(question=question, answer=answer, by=author)
    services.accept_answer(question=question, answer=answer, by=author)  # no change

    assert _kinds(world.user("contact")) == ["questions.accepted"]


def test_people_who_lost_access_are_not_notified(world):
    question = QuestionFactory(network=world.network)
    FollowFactory(user=question.author, question=question)
    former = member_of(world.network)
    FollowFactory(user=former, question=question)
    former.municipality.memberships.update(status="left")
    deactivated = member_of(world.network, is_active=False)
    FollowFactory(user=deactivated, question=question)
    Follow.objects.create(user=UserFactory(), topic=topic("bildung"), network=world.network)

    services.answer_question(question=question, author=world.user("contact"), text="Antwort")
    services.ask_question(
        network=world.network, author=world.user("contact"), title="?", topics=[topic("bildung")]
    )

    assert list(Notification.objects.values_list("user", flat=True)) == [question.author.pk]


def test_immediate_choice_sends_one_mail(world, settings):
    question = QuestionFactory(network=world.network)
    FollowFactory(user=question.author, question=question)
    _immediately(question.author)

    services.answer_question(question=question, author=world.user("contact"), text="Antwort")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [question.author.email]
    assert question.title in message.subject
    answer = question.answers.get()
    assert f"{settings.SITE_URL}/fragen/frage/{question.pk}/#antwort-{answer.pk}" in message.body
    assert f"{settings.SITE_URL}/benachrichtigungen/einstellungen/" in message.body
    assert Notification.objects.get().emailed_at is not None


def test_daily_choice_sends_no_mail_at_once(world):
    question = QuestionFactory(network=world.network)
    FollowFactory(user=question.author, question=question)

    services.answer_question(question=question, author=world.user("contact"), text="Antwort")

    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is None


# --- Pages ---------------------------------------------------------------------------------


def test_notification_list_shows_own_notifications_newest_first(world, client_as):
    member = world.user("member")
    older = NotificationFactory(user=member, text="Ältere")
    newer = NotificationFactory(user=member, text="Neuere")
    NotificationFactory(user=world.user("contact"), text="Fremde")

    response = client_as(member).get(reverse("notifications:list"))

    assert list(response.context["page"].object_list) == [newer, older]
    assert response.context["unread"] == 2
    assert "Fremde" not in response.content.decode()


def test_notification_list_hides_networks_the_person_left(world, client_as):
    person = member_of(world.network)
    NotificationFactory(user=person, network=world.network, text="Aus Alpha")
    person.municipality.memberships.update(status="left")

    response = client_as(person).get(reverse("notifications:list"))

    assert list(response.context["page"].object_list) == []
    assert response.context["unread"] == 0


def test_mark_one_notification_read(world, client_as):
    member = world.user("member")
    note = NotificationFactory(user=member)
    other = NotificationFactory(user=member)

    response = client_as(member).post(reverse("notifications:read", kwargs={"pk": note.pk}))

    note.refresh_from_db()
    other.refresh_from_db()
    assert response.status_code == 302
    assert note.read_at is not None
    assert other.read_at is None


def test_someone_elses_notification_is_404(world, client_as):
    note = NotificationFactory(user=world.user("contact"))

    response = client_as(world.user("member")).post(
        reverse("notifications:read", kwargs={"pk": note.pk})
    )

    note.refresh_from_db()
    assert response.status_code == 404
    assert note.read_at is None


def test_mark_all_read(world, client_as):
    member = world.user("member")
    NotificationFactory.create_batch(3, user=member)
    foreign = NotificationFactory(user=world.user("contact"))

    client_as(member).post(reverse("notifications:read_all"))

    assert not Notification.objects.filter(user=member, read_at__isnull=True).exists()
    foreign.refresh_from_db()
    assert foreign.read_at is None


def _list_queries(client) -> int:
    url = reverse("notifications:list")
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_notification_list_query_count_is_constant(world, client_as):
    member = world.user("member")
    client = client_as(member)
    NotificationFactory(user=member, network=world.network)
    one = _list_queries(client)
    NotificationFactory.create_batch(9, user=member, network=world.network)
    many = _list_queries(client)

    assert one == many
    assert one <= 12


def test_header_shows_unread_count_with_one_query(world, client_as):
    member = world.user("member")
    NotificationFactory.create_batch(2, user=member)
    NotificationFactory(user=member, read_at=timezone.now())
    client = client_as(member)

    page = client.get(reverse("core:home")).content.decode()

    assert reverse("notifications:list") in page
    assert 'data-unread-notifications><span class="kern-label">2<' in page


def test_header_has_no_notifications_for_visitors(client, db):
    client.get(reverse("core:home"))
    page = client.get(reverse("core:home")).content.decode()

    assert reverse("notifications:list") not in page


def test_header_count_costs_exactly_one_query(world, client_as):
    member = world.user("member")
    client = client_as(member)
    client.get(reverse("core:home"))
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("core:home"))

    counts = [q["sql"] for q in captured if "questions_notification" in q["sql"]]
    assert len(counts) == 1


def test_notification_settings_default_daily_and_can_be_changed(world, client_as):
    member = world.user("member")
    client = client_as(member)
    url = reverse("notifications:settings")

    assert client.get(url).context["form"].initial == {"email": EmailFrequency.DAILY}
    bad = client.post(url, {"email": "stuendlich"})
    assert bad.status_code == 200
    assert bad.context["form"].errors["email"]
    assert not NotificationSettings.objects.exists()

    client.post(url, {"email": EmailFrequency.OFF})

    assert NotificationSettings.objects.get(user=member).email == EmailFrequency.OFF
