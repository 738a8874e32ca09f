"""Mentions: `@Vorname.Nachname`, matched against the members of a network.

A person's handle is their first and last name joined by a dot, with spaces
inside a name written as hyphens: Anna Lena Schmidt → `@Anna-Lena.Schmidt`.
Matching ignores case, accents and the German transliteration (`@Juergen.Mueller`
finds Jürgen Müller). A handle that fits nobody, or several people, mentions
nobody. Only members of the question's network can be mentioned, and people
without a first or last name cannot be.

Rendering highlights the mentions stored with a post (`render_post`); text inside
code and any other `@…` stays as it was written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from html import escape
from html.parser import HTMLParser

from django.utils.safestring import SafeString, mark_safe

from voneinander.core.markdown import render_markdown

# "@" not preceded by a letter, digit, "@" or "." (so e-mail addresses are no mentions),
# then at least two dot-separated name parts that start with a letter.
MENTION = re.compile(r"(?<![\w@.])@([^\W\d_][\w-]*(?:\.[^\W\d_][\w-]*)+)")
MAX_MENTIONS = 20

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: str) -> str:
    """The form in which handles are compared."""
    text = text.casefold().translate(_TRANSLITERATION)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _part(name: str) -> str:
    return "-".join(name.split())


def handle_of(user) -> str:
    """`Vorname.Nachname`, or "" for someone without both names."""
    first, last = _part(user.first_name or ""), _part(user.last_name or "")
    return f"{first}.{last}" if first and last else ""


def _candidates(handle: str) -> list[str]:
    """The handle and its shorter dot-prefixes ("Jonas.Becker.Danke" → "Jonas.Becker")."""
    parts = handle.split(".")
    return [".".join(parts[:n]) for n in range(len(parts), 1, -1)]


def handles_in(text: str) -> list[str]:
    """The handles written in `text`, in order, each once (at most MAX_MENTIONS)."""
    seen: dict[str, None] = {}
    for match in MENTION.finditer(text or ""):
        seen.setdefault(match.group(1), None)
        if len(seen) >= MAX_MENTIONS:
            break
    return list(seen)


def resolve(text: str, people) -> tuple[list, list[str]]:
    """(people mentioned in `text`, handles that matched nobody or several people).

    `people` is an iterable (or queryset) of those who may be mentioned; it is
    only evaluated when the text contains a mention.
    """
    handles = handles_in(text)
    if not handles:
        return [], []
    by_handle: dict[str, list] = {}
    for person in people:
        key = handle_of(person)
        if key:
            by_handle.setdefault(fold(key), []).append(person)
    found: dict[int, object] = {}
    unmatched = []
    for handle in handles:
        matches = next(
            (by_handle[fold(c)] for c in _candidates(handle) if fold(c) in by_handle), None
        )
        if matches is not None and len(matches) == 1:
            found.setdefault(matches[0].pk, matches[0])
        else:
            unmatched.append(handle)
    return list(found.values()), unmatched


# --- Rendering ---------------------------------------------------------------------------


class _Highlighter(HTMLParser):
    """Re-emits sanitized HTML, wrapping known mentions in text outside code."""

    def __init__(self, people: dict[str, object]):
        super().__init__(convert_charrefs=True)
        self.people = people
        self.out: list[str] = []
        self.in_code = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"code", "pre"}:
            self.in_code += 1
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in {"code", "pre"} and self.in_code:
            self.in_code -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.in_code:
            self.out.append(escape(data, quote=False))
            return
        position = 0
        for match in MENTION.finditer(data):
            handle = match.group(1)
            person, used = None, ""
            for candidate in _candidates(handle):
                person = self.people.get(fold(candidate))
                if person is not None:
                    used = candidate
                    break
            if person is None:
                continue
            start = match.start()
            self.out.append(escape(data[position:start], quote=False))
            self.out.append(
                f'<span class="vn-mention">@{escape(person.display_name, quote=False)}</span>'
            )
            position = start + 1 + len(used)
        self.out.append(escape(data[position:], quote=False))


def render_post(text: str | None, mentioned: Iterable = ()) -> SafeString:
    """The post's Markdown as safe HTML, with the stored mentions highlighted."""
    html = render_markdown(text)
    people = {fold(handle_of(person)): person for person in mentioned if handle_of(person)}
    if not people or "@" not in html:
        return html
    highlighter = _Highlighter(people)
    highlighter.feed(str(html))
    highlighter.close()
    return mark_safe("".join(highlighter.out))  # noqa: S308 - sanitized by nh3, text re-escaped
