"""Keeping the search index current: model signals, applied after the commit.

Why signals here, although the house rules keep business logic out of them:
the index is a derived copy of many apps' data, written by none of their
services. Dozens of services (and the admin, imports, demo data, cascading
deletes) change what is findable; calling the index from each would be easy
to forget, and a forgotten call would leave private content findable after a
group turned private. A signal sees every ORM write in one place. Nothing is
decided here: changed ids are collected, and after the transaction commits
(never for a rolled-back one) `services.reindex` reads the objects again and
applies the indexers' rules. A failure is logged, not raised into the write
that caused it; `manage.py rebuild_search_index` repairs anything missed.
Queryset `.update()` sends no signal: code that changes indexed fields that
way must save the object or call `services.reindex`.
"""

from __future__ import annotations

import logging
import threading

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete

from voneinander.search.indexers import REGISTRY, M2MWatch, Watch

logger = logging.getLogger(__name__)
_state = threading.local()


def _pending() -> dict[str, set[int]]:
    if not hasattr(_state, "pending"):
        _state.pending = {}
    return _state.pending


def queue(kind: str, ids) -> None:
    """Index these objects again once the current transaction commits."""
    ids = {int(pk) for pk in ids if pk is not None}
    if not ids:
        return
    _pending().setdefault(kind, set()).update(ids)
    # Every change registers a callback; the first one to run takes all pending ids.
    transaction.on_commit(flush, robust=True)


def discard_pending() -> None:
    """Forget queued changes (after a rebuild that covered them)."""
    _pending().clear()


def flush() -> None:
    from voneinander.search.services import reindex

    pending = _pending()
    while pending:
        kind, ids = pending.popitem()
        try:
            reindex(kind=kind, ids=ids)
        except Exception:
            logger.exception("Search index: could not index %s %s", kind, sorted(ids)[:20])


def _connect_watch(kind: str, watch: Watch, index: int) -> None:
    model = apps.get_model(watch.model) if isinstance(watch.model, str) else watch.model

    def changed(sender, instance, **kwargs):
        if kwargs.get("raw"):  # loading fixtures
            return
        queue(kind, watch.ids(instance))

    uid = f"search:{kind}:{index}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":save")
    # Before the delete, while related rows can still be found; indexed after the commit.
    pre_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":delete")


def _linked(through, instance) -> set[int]:
    """The ids on the other side of `instance` in an m2m table."""
    own = other = None
    for field in through._meta.get_fields():
        if not field.many_to_one:
            continue
        if own is None and isinstance(instance, field.related_model):
            own = field
        else:
            other = field
    rows = through.objects.filter(**{own.attname: instance.pk})
    return set(rows.values_list(other.attname, flat=True))


def _connect_m2m(kind: str, watch: M2MWatch, index: int) -> None:
    def changed(sender, instance, action, reverse, pk_set, **kwargs):
        if reverse and action == "pre_clear":
            # Cleared from the other side: which objects lose it is known only now.
            pk_set = _linked(sender, instance)
        elif action not in ("post_add", "post_remove", "post_clear") or (
            reverse and action == "post_clear"
        ):
            return
        queue(kind, watch.ids(instance, pk_set, reverse))

    m2m_changed.connect(
        changed, sender=watch.through(), weak=False, dispatch_uid=f"search:{kind}:m2m:{index}"
    )


def connect() -> None:
    for kind, indexer in REGISTRY.items():
        for index, watch in enumerate(indexer.watches()):
            if isinstance(watch, M2MWatch):
                _connect_m2m(kind, watch, index)
            else:
                _connect_watch(kind, watch, index)
