import datetime

import factory
from django.utils import timezone

from tests.factories import UserFactory
from tests.news import factories as news_factories
from voneinander.api.models import ApiToken, hash_token, new_raw_token


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """`ApiTokenFactory()` makes a token; its raw key is on `token.raw` (tests only)."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Token {n}")
    raw = factory.LazyFunction(new_raw_token)
    prefix = factory.LazyAttribute(lambda o: o.raw[:12])
    key_hash = factory.LazyAttribute(lambda o: hash_token(o.raw))
    can_write = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        raw = kwargs.pop("raw", None)
        token = super()._create(model_class, *args, **kwargs)
        token.raw = raw
        return token


class PublishedNewsFactory(news_factories.NewsItemFactory):
    """A news item published an hour ago (platform-wide unless a network is given)."""

    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
