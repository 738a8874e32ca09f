"""One small interface to the search index, with a PostgreSQL and a SQLite engine.

    backend = get_backend()
    backend.index(entries)              # add or replace entries
    backend.remove(kind, object_ids)    # drop entries
    backend.query(text, user, kinds=…, networks=…, topics=…, statuses=…, page=…)
        → Results(hits with highlighted title and snippet, total, facet counts)
    backend.match_candidates(text, user, kinds=…, limit=…)
        → the best `limit` entries matching any word of a longer text, with the
          term counts that challenge matching scores (knowledge/matching.py)

Permissions: every query adds the condition "the entry's audience shares a
token with the user's" (audience.py), so nothing a person may not see is
ever counted, ranked or shown.

Facets (kind, network, topic, status) are counted over the matches. Values of
one group are alternatives (OR); groups narrow each other (AND). A group's own
counts ignore its own selection, so that further values stay choosable.
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction
from django.utils.safestring import SafeString

from voneinander.search import audience, text
from voneinander.search.models import SearchEntry

PAGE_SIZE = 20
MAX_BODY = 100_000  # characters of body text that are indexed (PostgreSQL's tsvector limit is 1 MB)
FACET_GROUPS = {"k": "kind", "n": "network", "t": "topic", "s": "status"}


@dataclass
class Entry:
    """What an indexer hands to `index()` for one object."""

    kind: str
    object_id: int
    title: str
    body: str = ""
    subtitle: str = ""
    link: dict = field(default_factory=dict)
    status: str = ""
    networks: list[int] = field(default_factory=list)
    topics: list[int] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    date: datetime | None = None

    def facet_tokens(self) -> list[str]:
        tokens = [f"k:{self.kind}"]
        tokens += [f"n:{pk}" for pk in sorted(set(self.networks))]
        tokens += [f"t:{pk}" for pk in sorted(set(self.topics))]
        if self.status:
            tokens.append(f"s:{self.status}")
        return tokens


@dataclass
class Hit:
    id: int
    kind: str
    object_id: int
    title: SafeString
    subtitle: str
    snippet: SafeString
    link: dict
    status: str
    facets: list[str]
    date: datetime | None
    score: float


@dataclass
class Results:
    query: str
    hits: list[Hit]
    total: int
    page: int
    page_size: int
    # group ("kind", "network", "topic", "status") → value → count
    facets: dict[str, dict[str, int]]
    # True if the engine stopped counting (PostgreSQL, very broad queries): the
    # counts and `total` are then lower bounds, the ranking is over those examined.
    more: bool = False

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))


@dataclass
class Candidate:
    """An entry found for a challenge text, with what scoring needs."""

    object_id: int
    title_terms: Counter  # the challenge's terms found in the title, with counts
    body_terms: Counter
    title_length: int  # words (stems) in the title
    body_length: int


@dataclass
class CandidateSet:
    candidates: list[Candidate]
    query_terms: Counter  # stem → how often the text uses it
    documents: int  # entries in the index (for inverse document frequencies)
    frequencies: dict[str, int]  # stem → entries containing it (estimated on large indexes)


def _empty_facets() -> dict[str, dict[str, int]]:
    return {group: {} for group in FACET_GROUPS.values()}


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


class SearchBackend:
    vendor = ""
    # Challenge matching: terms used to select candidates are the rarest ones, as
    # long as the entries containing them (estimated) stay within this budget.
    candidate_budget = 4000
    common_share = 0.25  # terms in more entries than this share never select

    # --- Writing ---------------------------------------------------------------

    def index(self, entries: list[Entry]) -> None:
        """Add the entries, replacing any earlier entry for the same object."""
        if not entries:
            return
        by_kind: dict[str, list[int]] = {}
        for entry in entries:
            by_kind.setdefault(entry.kind, []).append(entry.object_id)
        rows = [
            SearchEntry(
                kind=entry.kind,
                object_id=entry.object_id,
                title=text.clean_for_index(entry.title)[:300],
                subtitle=entry.subtitle[:300],
                body=text.clean_for_index(entry.body)[:MAX_BODY],
                link=entry.link,
                status=entry.status,
                facets=entry.facet_tokens(),
                audience=sorted(set(entry.audience)),
                date=entry.date,
            )
            for entry in entries
        ]
        with transaction.atomic():
            for kind, object_ids in by_kind.items():
                self.remove(kind, object_ids)
            created = SearchEntry.objects.bulk_create(rows)
            self._after_insert(created)

    def remove(self, kind: str, object_ids) -> None:
        object_ids = list(object_ids)
        if not object_ids:
            return
        with transaction.atomic():
            stale = SearchEntry.objects.filter(kind=kind, object_id__in=object_ids)
            self._before_delete(list(stale.values_list("pk", flat=True)))
            stale.delete()

    def _after_insert(self, rows: list[SearchEntry]) -> None:
        """Engine structures for new rows (SQLite: the FTS table)."""

    def _before_delete(self, pks: list[int] | None) -> None:
        """Engine structures of rows about to go (None: all of them)."""

    # --- Reading ---------------------------------------------------------------

    def query(
        self,
        query_text: str,
        user,
        *,
        kinds=(),
        networks=(),
        topics=(),
        statuses=(),
        page: int = 1,
        page_size: int = PAGE_SIZE,
    ) -> Results:
        query_text = " ".join((query_text or "").split())[:500]
        selected = {
            "k": [str(v) for v in kinds],
            "n": [str(v) for v in networks],
            "t": [str(v) for v in topics],
            "s": [str(v) for v in statuses],
        }
        match = self._match(query_text)
        if match is None:
            return Results(query_text, [], 0, 1, page_size, _empty_facets())
        tokens = audience.tokens_of(user)
        facets = _empty_facets()
        # Groups without a selection are counted in one pass over the matches
        # (with every selection applied); each group with a selection once more
        # without its own.
        plain_groups = [prefix for prefix, values in selected.items() if not values]
        offset = (max(1, page) - 1) * page_size
        counted, hits = self._first_pass(
            match, tokens, selected, only=plain_groups, offset=offset, limit=page_size
        )
        for prefix in [p for p, values in selected.items() if values]:
            others = {p: (v if p != prefix else []) for p, v in selected.items()}
            counted.update(self._facet_counts(match, tokens, others, only=[prefix]))
        more = bool(counted.pop("#more", 0))
        for token, count in counted.items():
            prefix, _, value = token.partition(":")
            if prefix in FACET_GROUPS:
                facets[FACET_GROUPS[prefix]][value] = count
        kind_counts = facets["kind"]
        total = sum(
            count for kind, count in kind_counts.items() if not kinds or kind in selected["k"]
        )
        pages = max(1, math.ceil(total / page_size))
        page = min(max(1, page), pages)
        if not total:
            hits = []
        elif hits is None or (page - 1) * page_size != offset:
            hits = self._hits(match, tokens, selected, (page - 1) * page_size, page_size)
        return Results(query_text, hits, total, page, page_size, facets, more)

    def _match(self, query_text: str):
        """The engine's form of the query, or None if it finds nothing by definition."""
        raise NotImplementedError

    def _first_pass(self, match, tokens, selected, *, only, offset, limit):
        """(facet counts of the groups `only`, the hits of the page or None if not fetched)."""
        return self._facet_counts(match, tokens, selected, only=only), None

    def _facet_counts(self, match, tokens, selected, *, only) -> Counter:
        raise NotImplementedError

    def _hits(self, match, tokens, selected, offset: int, limit: int) -> list[Hit]:
        raise NotImplementedError

    # --- Challenge matching ----------------------------------------------------

    def match_candidates(self, challenge: str, user, *, kinds, limit: int = 200) -> CandidateSet:
        """Entries of `kinds` that share rare words with `challenge`, best `limit` first."""
        terms = self.lexemes(challenge[:5000])
        if not terms:
            return CandidateSet([], terms, 0, {})
        documents, frequencies = self.document_frequencies(list(terms), kinds)
        selecting = self.selecting_terms(terms, documents, frequencies)
        candidates = (
            self._candidates(selecting, terms, documents, frequencies, user, kinds, limit)
            if selecting
            else []
        )
        return CandidateSet(candidates, terms, documents, frequencies)

    def selecting_terms(self, terms, documents: int, frequencies: dict[str, int]) -> list[str]:
        """The rarest terms whose entries together stay within the candidate budget."""
        chosen: list[str] = []
        covered = 0
        for term in sorted(terms, key=lambda t: (frequencies.get(t, 0), t)):
            frequency = frequencies.get(term, 0)
            if not frequency:  # in no entry: selects nothing
                continue
            if documents > self.candidate_budget and frequency > self.common_share * documents:
                break
            if chosen and covered + frequency > self.candidate_budget:
                break
            chosen.append(term)
            covered += frequency
        return chosen

    def lexemes(self, challenge: str) -> Counter:
        raise NotImplementedError

    def document_frequencies(self, terms: list[str], kinds) -> tuple[int, dict[str, int]]:
        raise NotImplementedError

    def _candidates(self, selecting, terms, documents, frequencies, user, kinds, limit):
        raise NotImplementedError


# --- SQLite: FTS5 over text stemmed in Python --------------------------------------------


class SqliteBackend(SearchBackend):
    vendor = "sqlite"

    def _after_insert(self, rows):
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [
                    (row.pk, text.stemmed_text(row.title), text.stemmed_text(row.body))
                    for row in rows
                ],
            )

    def _before_delete(self, pks):
        with connection.cursor() as cursor:
            if pks is None:
                cursor.execute("DELETE FROM search_fts")
                return
            for start in range(0, len(pks), 500):
                chunk = pks[start : start + 500]
                cursor.execute(
                    f"DELETE FROM search_fts WHERE rowid IN ({_placeholders(chunk)})",  # noqa: S608
                    chunk,
                )

    @dataclass
    class _Match:
        expression: str
        parsed: text.ParsedQuery

    def _match(self, query_text):
        parsed = text.parse_query(query_text)
        expression = text.fts5_query(parsed)
        return None if expression is None else self._Match(expression, parsed)

    @staticmethod
    def _any_of(column: str, values) -> tuple[str, list]:
        return (
            f"EXISTS (SELECT 1 FROM json_each(e.{column}) "  # noqa: S608 - column is ours
            f"WHERE json_each.value IN ({_placeholders(values)}))",
            list(values),
        )

    def _where(self, match, tokens, selected) -> tuple[str, list]:
        conditions, params = ["search_fts MATCH %s"], [match.expression]
        sql, values = self._any_of("audience", tokens)
        conditions.append(sql)
        params += values
        for prefix, values in selected.items():
            if values:
                sql, values = self._any_of("facets", [f"{prefix}:{v}" for v in values])
                conditions.append(sql)
                params += values
        return " AND ".join(conditions), params

    _FROM = "search_fts JOIN search_searchentry e ON e.id = search_fts.rowid"

    def _facet_counts(self, match, tokens, selected, *, only):
        if not only:
            return Counter()
        where, params = self._where(match, tokens, selected)
        wanted = " OR ".join(["f.value LIKE %s"] * len(only))
        sql = (
            f"SELECT f.value, count(*) FROM {self._FROM}, json_each(e.facets) AS f "  # noqa: S608
            f"WHERE {where} AND ({wanted}) GROUP BY f.value"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params + [f"{prefix}:%" for prefix in only])
            return Counter(dict(cursor.fetchall()))

    def _hits(self, match, tokens, selected, offset, limit):
        where, params = self._where(match, tokens, selected)
        sql = (
            f"SELECT e.id, bm25(search_fts, 5.0, 1.0) AS score FROM {self._FROM} "  # noqa: S608
            f"WHERE {where} ORDER BY score, e.id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            ranked = cursor.fetchall()
        rows = SearchEntry.objects.in_bulk([pk for pk, _score in ranked])
        wanted = match.parsed.positive_stems
        hits = []
        for pk, score in ranked:
            row = rows[pk]
            hits.append(
                Hit(
                    id=row.pk,
                    kind=row.kind,
                    object_id=row.object_id,
                    title=text.highlight(row.title, wanted),
                    subtitle=row.subtitle,
                    snippet=text.snippet(row.body, wanted),
                    link=row.link,
                    status=row.status,
                    facets=row.facets,
                    date=row.date,
                    score=-score,
                )
            )
        return hits

    # Challenge matching

    def lexemes(self, challenge):
        return Counter(text.stems(challenge))

    def document_frequencies(self, terms, kinds):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM search_searchentry WHERE kind IN ({_placeholders(kinds)})",  # noqa: S608
                list(kinds),
            )
            documents = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT term, doc FROM search_fts_vocab WHERE term IN ({_placeholders(terms)})",  # noqa: S608
                terms,
            )
            return documents, dict(cursor.fetchall())

    def _candidates(self, selecting, terms, documents, frequencies, user, kinds, limit):
        expression = text.fts5_any(selecting)
        if expression is None:
            return []
        tokens = audience.tokens_of(user)
        audience_sql, audience_params = self._any_of("audience", tokens)
        sql = (
            f"SELECT e.object_id, search_fts.title, search_fts.body FROM {self._FROM} "  # noqa: S608
            f"WHERE search_fts MATCH %s AND e.kind IN ({_placeholders(kinds)}) "
            f"AND {audience_sql} ORDER BY bm25(search_fts, 5.0, 1.0), e.id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, *kinds, *audience_params, limit])
            rows = cursor.fetchall()
        wanted = set(terms)
        candidates = []
        for object_id, title, body in rows:
            title_words, body_words = title.split(), body.split()
            candidates.append(
                Candidate(
                    object_id,
                    Counter(word for word in title_words if word in wanted),
                    Counter(word for word in body_words if word in wanted),
                    len(title_words),
                    len(body_words),
                )
            )
        return candidates


# --- PostgreSQL: tsvector with the german configuration -------------------------------------

HEADLINE_OPTIONS = (
    f"StartSel={text.HEADLINE_START}, StopSel={text.HEADLINE_STOP}, MaxWords=30, MinWords=15, "
    'ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "'
)


_TITLE_POSITION = re.compile(r"[0-9]A")


def count_terms(value: str, terms) -> Candidate:
    """What scoring needs from a tsvector's text form, without parsing all of it:
    the positions of `terms` in title (weight A) and body, and both lengths."""
    value = value or ""
    title_length = len(_TITLE_POSITION.findall(value))
    length = value.count(",") + value.count("':")
    title, body = Counter(), Counter()
    for term in terms:
        key = "'" + term.replace("'", "''") + "':"
        start = value.find(key)
        if start < 0 or (start > 0 and value[start - 1] != " "):
            continue
        start += len(key)
        end = value.find(" ", start)
        positions = value[start : end if end >= 0 else len(value)].split(",")
        in_title = sum(1 for position in positions if position.endswith("A"))
        if in_title:
            title[term] = in_title
        if len(positions) > in_title:
            body[term] = len(positions) - in_title
    return Candidate(0, title, body, title_length, max(0, length - title_length))


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    examined = 1000  # body matches examined per query at most (title matches always)
    candidate_budget = 1500
    small_index = 5000  # up to this many entries, term frequencies are counted exactly
    counted_exactly = 50  # beyond, rarer lexemes than the most common ones are estimated
    statistics_ttl = 300.0

    def __init__(self):
        self._statistics: tuple[float, int, dict[str, float], float] | None = None

    def _match(self, query_text):
        parsed = text.parse_query(query_text)
        # websearch_to_tsquery does the parsing; the Python parse only tells
        # whether anything searchable is left and what to mark in titles.
        return None if parsed.is_empty else (query_text, parsed)

    def _where(self, match, tokens, selected) -> tuple[str, list]:
        conditions = ["e.vector @@ q.query", "e.audience ?| %s::text[]"]
        params: list = [list(tokens)]
        for prefix, values in selected.items():
            if values:
                conditions.append("e.facets ?| %s::text[]")
                params.append([f"{prefix}:{v}" for v in values])
        return " AND ".join(conditions), params

    def _found(self, match, tokens, selected) -> tuple[str, list]:
        """The CTEs `q` (the query) and `found` (the entries examined: id, facets, vector).

        Entries whose title matches are always examined; of the others, at most
        `examined`, so that a query matching half the index stays fast. When
        that many were found, counts are lower bounds (Results.more) and the
        ranking is over those examined.
        """
        where, params = self._where(match, tokens, selected)
        in_title = where.replace("e.vector @@", "e.title_vector @@", 1)
        columns = "e.id, e.facets, e.vector"
        sql = (
            "WITH q AS (SELECT websearch_to_tsquery('german', %s) AS query), "  # noqa: S608
            "found AS MATERIALIZED (SELECT DISTINCT ON (id) * FROM ("
            f" (SELECT {columns} FROM search_searchentry e CROSS JOIN q WHERE {in_title} LIMIT %s)"
            " UNION ALL "
            f" (SELECT {columns} FROM search_searchentry e CROSS JOIN q WHERE {where} LIMIT %s)"
            ") AS both_ ORDER BY id) "
        )
        return sql, [match[0], *params, self.examined, *params, self.examined]

    def _counted(self, rows) -> Counter:
        counts = Counter()
        for part, value, number in rows:
            if part == "f":
                counts[value] = int(number)
            elif part == "#" and number >= self.examined:
                counts["#more"] = 1
        return counts

    def _facet_sql(self, only) -> tuple[str, list]:
        wanted = " OR ".join(["f.value LIKE %s"] * len(only)) or "false"
        sql = (
            "SELECT 'f' AS part, f.value, count(*)::float8 AS number FROM found "  # noqa: S608
            "CROSS JOIN LATERAL jsonb_array_elements_text(found.facets) AS f(value) "
            f"WHERE {wanted} GROUP BY f.value "
            "UNION ALL SELECT '#', NULL, count(*)::float8 FROM found"
        )
        return sql, [f"{prefix}:%" for prefix in only]

    def _facet_counts(self, match, tokens, selected, *, only):
        found, params = self._found(match, tokens, selected)
        facets, facet_params = self._facet_sql(only)
        with connection.cursor() as cursor:
            cursor.execute(f"{found} {facets}", [*params, *facet_params])
            return self._counted(cursor.fetchall())

    def _first_pass(self, match, tokens, selected, *, only, offset, limit):
        """Facet counts and the page's ranking from one examination of the matches."""
        found, params = self._found(match, tokens, selected)
        facets, facet_params = self._facet_sql(only)
        sql = (
            f"{found} {facets} UNION ALL ("  # noqa: S608
            "SELECT 'h', found.id::text, ts_rank_cd(found.vector, q.query, 1) FROM found "
            "CROSS JOIN q ORDER BY 3 DESC, found.id LIMIT %s OFFSET %s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *facet_params, limit, offset])
            rows = cursor.fetchall()
        ranked = [(int(value), number) for part, value, number in rows if part == "h"]
        return self._counted(rows), self._rows(match, ranked)

    def _hits(self, match, tokens, selected, offset, limit):
        found, params = self._found(match, tokens, selected)
        sql = (
            f"{found} SELECT found.id, ts_rank_cd(found.vector, q.query, 1) AS score "  # noqa: S608
            "FROM found CROSS JOIN q ORDER BY score DESC, found.id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            return self._rows(match, cursor.fetchall())

    def _rows(self, match, ranked: list[tuple[int, float]]) -> list[Hit]:
        """The page's entries with their snippets, in the ranked order."""
        if not ranked:
            return []
        sql = (
            "SELECT e.id, e.kind, e.object_id, e.title, e.subtitle, "
            "ts_headline('german', e.body, websearch_to_tsquery('german', %s), %s), "
            "e.link, e.status, e.facets, e.date FROM search_searchentry e WHERE e.id = ANY(%s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match[0], HEADLINE_OPTIONS, [pk for pk, _score in ranked]])
            rows = {row[0]: row for row in cursor.fetchall()}
        wanted = match[1].positive_stems
        hits = []
        for pk, score in ranked:
            _pk, kind, object_id, title, subtitle, headline, link, status, facets, date = rows[pk]
            hits.append(
                Hit(
                    id=pk,
                    kind=kind,
                    object_id=object_id,
                    title=text.highlight(title, wanted),
                    subtitle=subtitle,
                    snippet=text.headline_to_html(headline),
                    link=_json(link),
                    status=status,
                    facets=_json(facets),
                    date=date,
                    score=score,
                )
            )
        return hits

    # Challenge matching

    def lexemes(self, challenge):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT lexeme, array_length(positions, 1) FROM unnest(to_tsvector('german', %s))",
                [challenge],
            )
            return Counter({lexeme: count or 1 for lexeme, count in cursor.fetchall()})

    def _table_statistics(self) -> tuple[int, dict[str, float], float]:
        """(estimated rows, lexeme → share of rows, share below which lexemes are not listed).

        PostgreSQL's ANALYZE keeps the most common lexemes of the vector
        column with their frequencies (pg_stats.most_common_elems); the
        planner uses them, and so do we, for free. Cached for a few minutes.
        """
        now = time.monotonic()
        if self._statistics and now - self._statistics[0] < self.statistics_ttl:
            return self._statistics[1:]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = 'search_searchentry'::regclass"
            )
            rows = max(0, cursor.fetchone()[0])
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = 'search_searchentry' AND attname = 'vector'"
            )
            found = cursor.fetchone()
        shares: dict[str, float] = {}
        floor = 0.0
        if found and found[0]:
            elements, frequencies = found
            shares = dict(zip(elements, frequencies, strict=False))
            # After the per-element frequencies come the minimum, the maximum
            # and the share of empty vectors.
            floor = frequencies[len(elements)] if len(frequencies) > len(elements) else 0.0
        self._statistics = (now, rows, shares, floor)
        return rows, shares, floor

    def document_frequencies(self, terms, kinds):
        rows, shares, floor = self._table_statistics()
        if rows > self.small_index and shares:
            frequencies = {t: round(shares[t] * rows) for t in terms if t in shares}
            # Lexemes not among the most common: counted through the index, up
            # to a few dozen (absent ones must not be taken for rare ones).
            rest = [t for t in terms if t not in shares]
            if rest:
                one = (
                    "(SELECT count(*) FROM (SELECT 1 FROM search_searchentry "
                    "WHERE vector @@ %s::tsquery LIMIT %s) AS found)"
                )
                params = [v for t in rest for v in (_tsquery_literal(t), self.counted_exactly)]
                with connection.cursor() as cursor:
                    cursor.execute("SELECT " + ", ".join([one] * len(rest)), params)
                    found = cursor.fetchone()
                for term, count in zip(rest, found, strict=True):
                    frequencies[term] = (
                        count
                        if count < self.counted_exactly
                        else max(count, round(floor / 2 * rows))
                    )
            return rows, frequencies
        counts = ", ".join(["count(*) FILTER (WHERE vector @@ %s::tsquery)"] * len(terms))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*), {counts} FROM search_searchentry WHERE kind = ANY(%s)",  # noqa: S608
                [*[_tsquery_literal(term) for term in terms], list(kinds)],
            )
            documents, *found = cursor.fetchone()
        return documents, dict(zip(terms, found, strict=True))

    def _candidates(self, selecting, terms, documents, frequencies, user, kinds, limit):
        tokens = audience.tokens_of(user)
        selector = " | ".join(_tsquery_literal(term) for term in selecting)
        # A first, cheap score: the inverse document frequency of each term the
        # entry contains; matching.py scores the result properly.
        scored = [t for t in terms if _LEXEME.fullmatch(t)]
        score_params: list = []
        for term in scored:
            score_params += [_tsquery_literal(term), idf(documents, frequencies.get(term, 0))]
        score_sql = (
            " + ".join(["(CASE WHEN s.vector @@ %s::tsquery THEN %s ELSE 0 END)"] * len(scored))
            or "0"
        )
        # The statistics are estimates: `examined` bounds the entries scored.
        sql = (
            "SELECT top.object_id, e.vector::text FROM ("  # noqa: S608
            f"  SELECT s.id, s.object_id, {score_sql} AS score FROM ("
            "    SELECT e.id, e.object_id, e.vector FROM search_searchentry e"
            "    WHERE e.vector @@ %s::tsquery AND e.kind = ANY(%s) AND e.audience ?| %s::text[]"
            "    LIMIT %s"
            "  ) AS s ORDER BY score DESC, s.id LIMIT %s"
            ") AS top JOIN search_searchentry e ON e.id = top.id ORDER BY top.score DESC, e.id"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    *score_params,
                    selector,
                    list(kinds),
                    list(tokens),
                    self.candidate_budget,
                    limit,
                ],
            )
            rows = cursor.fetchall()
        candidates = []
        for object_id, vector in rows:
            candidate = count_terms(vector, terms)
            candidate.object_id = object_id
            candidates.append(candidate)
        return candidates


_LEXEME = re.compile(r"[\w-]+")


def _tsquery_literal(lexeme: str) -> str:
    return "'" + lexeme.replace("'", "''").replace("\\", "\\\\") + "'"


def idf(documents: int, frequency: int) -> float:
    """BM25 inverse document frequency (with the +1 that keeps it positive)."""
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))


def _json(value):
    if isinstance(value, str):
        import json

        return json.loads(value)
    return value


_BACKENDS: dict[str, SearchBackend] = {}


def get_backend() -> SearchBackend:
    vendor = connection.vendor
    if vendor not in _BACKENDS:
        classes = {"sqlite": SqliteBackend, "postgresql": PostgresBackend}
        if vendor not in classes:
            raise NotImplementedError(f"No search engine for {vendor}.")
        _BACKENDS[vendor] = classes[vendor]()
    return _BACKENDS[vendor]
