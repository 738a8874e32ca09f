"""Factories for follows of networks, topics and working groups (questions: tests/questions)."""

import factory

from tests.factories import NetworkFactory, UserFactory
from voneinander.questions.models import Follow


class NetworkFollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)
    network = factory.SubFactory(NetworkFactory)


class TopicFollowFactory(factory.django.DjangoModelFactory):
    """A topic everywhere unless `network=` is given."""

    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)
    topic = None
    network = None


class GroupFollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)
    working_group = factory.SubFactory("tests.workinggroups.factories.WorkingGroupFactory")
