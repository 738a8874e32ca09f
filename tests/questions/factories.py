"""Factories for questions and notifications.

`member_of(network)` makes a person with a confirmed affiliation to a new member
municipality of `network` (a member in the sense of networks/roles.py).
"""

import factory
from django.utils import timezone

from tests.factories import MembershipFactory, NetworkFactory, UserFactory
from voneinander.questions.models import Answer, Follow, Notification, Question


def member_of(network, **fields):
    membership = MembershipFactory(network=network)
    fields.setdefault("municipality_confirmed_at", timezone.now())
    return UserFactory(municipality=membership.municipality, **fields)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    author = factory.LazyAttribute(lambda o: member_of(o.network))
    title = factory.Sequence(lambda n: f"Wie macht ihr das mit Thema {n}?")
    text = "Wir suchen Erfahrungen anderer Kommunen."

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    author = factory.LazyAttribute(lambda o: member_of(o.question.network))
    text = "Bei uns hat das gut funktioniert."


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)
    question = factory.SubFactory(QuestionFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "questions.answer"
    text = factory.Sequence(lambda n: f"Neue Antwort Nr. {n}")
    url = "/fragen/frage/1/"
    network = None
