"""Writes to the search index: bring entries up to date, or rebuild them all."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import connection
from django.utils import translation

from voneinander.search.backends import get_backend
from voneinander.search.indexers import REGISTRY

BATCH = 500


def reindex(*, kind: str, ids: Iterable[int]) -> int:
    """Index the objects `ids` of `kind` again; drop entries of those that are gone.

    Returns the number of entries written.
    """
    ids = sorted({int(pk) for pk in ids})
    indexer = REGISTRY[kind]
    backend = get_backend()
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        objects = list(indexer.queryset().filter(pk__in=chunk))
        # Labels in the text (kinds of municipality, event kinds) in the platform's language.
        with translation.override(settings.LANGUAGE_CODE):
            entries = list(indexer.entries(objects))
        backend.index(entries)
        backend.remove(kind, set(chunk) - {entry.object_id for entry in entries})
        written += len(entries)
    return written


def rebuild(
    *, kinds: Iterable[str] | None = None, batch_size: int = 500, progress: Callable | None = None
) -> dict[str, int]:
    """Index every object of `kinds` (all by default) in batches; drop stale entries.

    The old entries stay findable while it runs. Returns entries per kind.
    """
    from voneinander.search.models import SearchEntry

    counts = {}
    backend = get_backend()
    for kind in kinds or list(REGISTRY):
        indexer = REGISTRY[kind]
        written = 0
        last = 0
        seen: set[int] = set()
        while True:
            batch = list(
                indexer.queryset()
                .filter(pk__gt=last)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not batch:
                break
            written += reindex(kind=kind, ids=batch)
            seen.update(batch)
            last = batch[-1]
            if progress:
                progress(kind, written)
        stale = set(SearchEntry.objects.filter(kind=kind).values_list("object_id", flat=True))
        backend.remove(kind, stale - seen)
        counts[kind] = written
    if connection.vendor == "postgresql":
        # Fresh statistics of the most common words (used to pick matching candidates).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
    return counts
