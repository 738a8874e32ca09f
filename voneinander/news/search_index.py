"""News in the search: published items only, for everyone (news are public press).

A scheduled item gives no entry until its time; `services.notify_due_news`
(run every few minutes) queues it for indexing when it is announced.
Registered by `NewsConfig.ready()`.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from voneinander.core.markdown import plain_text
from voneinander.search import audience
from voneinander.search.backends import Entry
from voneinander.search.indexers import Indexer, M2MWatch, Watch


def _same(instance) -> list[int]:
    return [instance.pk]


def _forward_m2m(instance, pks, reverse: bool) -> list[int]:
    if reverse:
        return sorted(pks or [])
    return [instance.pk]


class NewsIndexer(Indexer):
    kind = "news"
    label = _("News")

    def queryset(self):
        from voneinander.knowledge.models import Topic
        from voneinander.news.models import NewsItem

        return NewsItem.objects.select_related("network").prefetch_related(
            Prefetch("topics", queryset=Topic.objects.only("pk", "name")),
            "municipalities",
        )

    def entries(self, objects):
        for item in objects:
            if not item.is_published:
                continue
            topics = list(item.topics.all())
            yield Entry(
                kind=self.kind,
                object_id=item.pk,
                title=item.title,
                subtitle=item.network.name if item.network_id else "",
                body="\n".join(
                    part
                    for part in (
                        item.teaser,
                        plain_text(item.text),
                        ", ".join(topic.name for topic in topics),
                        ", ".join(m.name for m in item.municipalities.all()),
                    )
                    if part
                ),
                link={"name": "news:detail", "kwargs": {"slug": item.slug}},
                networks=[item.network_id] if item.network_id else [],
                topics=[topic.pk for topic in topics],
                audience=[audience.PUBLIC],
                date=item.published_at,
            )

    def watches(self):
        from voneinander.news.models import NewsItem

        return [
            Watch("news.NewsItem", _same),
            M2MWatch(lambda: NewsItem.topics.through, _forward_m2m),
            M2MWatch(lambda: NewsItem.municipalities.through, _forward_m2m),
        ]
