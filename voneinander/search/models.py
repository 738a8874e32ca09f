"""The search index: one row per findable object, whatever app it comes from.

A row keeps the text (for snippets), what it links to, the facet values and
the audience: tokens that say who may see the object (`audience.py`). The
engine-specific full-text structures hang off this table and are created by
migration 0002 only on their engine:
- PostgreSQL: a generated `vector` tsvector column (german; title weight A,
  body B) with a GIN index;
- SQLite: the FTS5 table `search_fts` (rowid = this row's id) holding the
  German-stemmed text, and `search_fts_vocab` for term statistics.
Rows are written only by `voneinander.search.backends`.
"""

from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    subtitle = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    # {"name": url name, "kwargs": {...}, "anchor": "..."}; reversed when shown,
    # so that the link follows the viewer's language.
    link = models.JSONField(default=dict)
    status = models.CharField(max_length=20, blank=True)
    # "k:<kind>", "n:<network id>", "t:<topic id>", "s:<status>"
    facets = models.JSONField(default=list)
    # Who may see it: "public", "n:<network id>", "c:<network id>", "g:<group id>",
    # "u:<user id>", "m:<municipality id>", "admin" (see audience.py).
    audience = models.JSONField(default=list)
    date = models.DateTimeField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_search_entry")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"
