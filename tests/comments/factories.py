"""Factories for comments, their reports and blocks (and a small news item to comment on)."""

import datetime

import factory
from django.utils import timezone

from tests.factories import NetworkFactory, UserFactory
from tests.knowledge.factories import SolutionFactory
from voneinander.comments.models import Comment, CommentBlock, CommentReport
from voneinander.news.models import NewsItem


class NewsItemFactory(factory.django.DjangoModelFactory):
    """A published news item of a network (pass network=None for platform news)."""

    class Meta:
        model = NewsItem

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Neuigkeit {n}")
    slug = factory.Sequence(lambda n: f"neuigkeit-{n}")
    teaser = "Was es Neues gibt."
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))


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
