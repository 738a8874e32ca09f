"""German text for the search: words, stems, the query language and snippets.

PostgreSQL does all of this itself (`to_tsvector('german', …)`,
`websearch_to_tsquery`, `ts_headline`). For SQLite the same happens here in
Python with the same Snowball German stemmer and the same stop-word list
(`data/german_stopwords.txt` is PostgreSQL's `german.stop`), so that both
engines find the same things. Titles are highlighted here for both engines.

The query language is PostgreSQL's web-search syntax: words are all required,
`"a phrase"` must appear as such, `-word` must not appear, `or` between two
terms allows either.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path

import snowballstemmer
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+")
STOPWORDS = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "data" / "german_stopwords.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
)
MAX_QUERY_TERMS = 32

_local = threading.local()


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("german")
    return stemmer


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Snowball German stem of a lower-case word ("Häusern" → "haus")."""
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    return [match.group().lower() for match in WORD.finditer(text or "")]


def stems(text: str) -> list[str]:
    """The stems of the words of `text`, stop words left out, in order."""
    return [stem(word) for word in words(text) if word not in STOPWORDS]


def stemmed_text(text: str) -> str:
    """What the SQLite index stores: the stems separated by spaces."""
    return " ".join(stems(text))


# --- The query ---------------------------------------------------------------------

Term = tuple[str, ...]  # one stem, or several for a phrase

_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass
class ParsedQuery:
    """AND of clauses; each clause is an OR of terms. `excluded` terms must not appear."""

    clauses: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    @property
    def positive_stems(self) -> set[str]:
        return {s for clause in self.clauses for term in clause for s in term}


def parse_query(text: str) -> ParsedQuery:
    """Parse the web-search syntax into stemmed terms (stop words dropped, as PostgreSQL does)."""
    parsed = ParsedQuery()
    join_with_previous = False
    count = 0
    for match in _QUERY_TOKEN.finditer(text or ""):
        negated, phrase, plain = match.group(1), match.group(2), match.group(3)
        if plain is not None:
            if plain.lower() == "or":
                join_with_previous = bool(parsed.clauses)
                continue
            if plain.startswith("-") and len(plain) > 1:
                negated, plain = "-", plain[1:]
            term = tuple(stems(plain))
        else:
            term = tuple(stems(phrase))
        if not term or count >= MAX_QUERY_TERMS:
            join_with_previous = False
            continue
        count += 1
        # A hyphenated word ("Online-Termin") is a phrase of its parts.
        if negated:
            parsed.excluded.append(term)
        elif join_with_previous:
            parsed.clauses[-1].append(term)
        else:
            parsed.clauses.append([term])
        join_with_previous = False
    return parsed


def _fts5_term(term: Term) -> str:
    # Stems are \w+ only, so they need no escaping inside the quotes.
    return '"' + " ".join(term) + '"'


def fts5_query(parsed: ParsedQuery) -> str | None:
    """The FTS5 MATCH expression for a parsed query, or None if nothing is left to find."""
    if parsed.is_empty:
        return None
    clauses = ["(" + " OR ".join(_fts5_term(t) for t in clause) + ")" for clause in parsed.clauses]
    expression = " AND ".join(clauses)
    for term in parsed.excluded:
        expression = f"({expression}) NOT {_fts5_term(term)}"
    return expression


def fts5_any(stem_list: list[str]) -> str | None:
    """An FTS5 expression matching any of the stems (for challenge matching)."""
    unique = [s for s in dict.fromkeys(stem_list) if WORD.fullmatch(s)]
    return " OR ".join(f'"{s}"' for s in unique) or None


# --- Highlighting --------------------------------------------------------------------


def highlight(text: str, wanted: set[str]) -> SafeString:
    """`text` escaped, with the words whose stem is wanted in <mark>."""
    parts = []
    position = 0
    for match in WORD.finditer(text or ""):
        word = match.group()
        if word.lower() not in STOPWORDS and stem(word.lower()) in wanted:
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(word)}</mark>")
            position = match.end()
    parts.append(escape((text or "")[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped


def snippet(text: str, wanted: set[str], *, words_around: int = 30) -> SafeString:
    """The passage of `text` with the most wanted words, escaped and highlighted.

    About `words_around` words long, with "…" where it is cut.
    """
    text = text or ""
    matches = list(WORD.finditer(text))
    if not matches:
        return mark_safe("")
    hits = [
        index
        for index, match in enumerate(matches)
        if match.group().lower() not in STOPWORDS and stem(match.group().lower()) in wanted
    ]
    start_word = 0
    if hits:
        # The window of `words_around` words that holds the most hits, starting a few
        # words before its first hit.
        best, best_count = hits[0], 0
        for first in hits:
            count = sum(1 for hit in hits if first <= hit < first + words_around)
            if count > best_count:
                best, best_count = first, count
        start_word = max(0, best - 5)
    end_word = min(len(matches), start_word + words_around)
    begin = 0 if start_word == 0 else matches[start_word].start()
    end = len(text) if end_word == len(matches) else matches[end_word - 1].end()
    passage = highlight(" ".join(text[begin:end].split()), wanted)
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{passage}{suffix}")  # noqa: S308 - passage is escaped


# ts_headline marks matches with these; they are stripped from indexed text.
HEADLINE_START = "\u27e6"
HEADLINE_STOP = "\u27e7"


def clean_for_index(text: str) -> str:
    return (text or "").replace(HEADLINE_START, "").replace(HEADLINE_STOP, "")


def headline_to_html(headline: str) -> SafeString:
    """A ts_headline result (marked with ⟦ ⟧) as escaped HTML with <mark>."""
    html = escape(" ".join((headline or "").split()))
    html = html.replace(HEADLINE_START, "<mark>").replace(HEADLINE_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped before the marks went in
