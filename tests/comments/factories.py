"""Factories for comments, their reports and blocks (and a small news item to comment on)."""

import factory

from tests.factories import NetworkFactory, UserFactory
from tests.knowledge.factories import SolutionFactory
from tests.news import factories as news_factories
from voneinander.comments.models import Comment, CommentBlock, CommentReport


class NewsItemFactory(news_factories.NewsItemFactory):
    """A published news item of a network (pass network=None for platform news)."""

    network = factory.SubFactory(NetworkFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    """A visible comment on a solution (pass news=... for a news item)."""

    class Meta:
        model = Comment

    solution = factory.LazyAttribute(lambda o: None if o.news else SolutionFactory())
    news = None
    network = factory.LazyAttribute(lambda o: (o.news or o.solution).network)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Ein hilfreicher Kommentar Nummer {n}.")


class CommentReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommentReport

    comment = factory.SubFactory(CommentFactory)
    reporter = factory.SubFactory(UserFactory)
    reason = "Beleidigend."


class CommentBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommentBlock

    user = factory.SubFactory(UserFactory)
    network = factory.SubFactory(NetworkFactory)
    reason = "Wiederholt beleidigend."
