import pytest
from django.core.cache import cache

from voneinander.pages import legal_texts
from voneinander.pages.models import Page


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Footer links and the barrier-report rate limit live in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def legal_pages(db):
    """The legal pages the data migration seeds (transactional tests may have emptied them)."""
    legal_texts.seed(Page)
    return {page.kind: page for page in Page.objects.exclude(kind="free")}
