"""German labels for browser tests, looked up in the catalogue.

A test names buttons by their English msgid (with `context` for a pgettext
one); the helpers return what a German visitor reads, so a reworded
translation does not break the test:

- `label_text()`: the German text (or the msgid itself if there is none);
- `label()`: that text as an exact accessible-name pattern;
- `starts_with()`: a pattern for a name that begins with it (links and buttons
  that add their object for screen readers);
- `de()` / `de_text()`: like `label()` / `label_text()`, but `de()` fails when
  the German translation is missing (German is what a visitor sees).
"""

import re

from django.utils.translation import gettext, override, pgettext


def label_text(msgid: str, context: str | None = None) -> str:
    """What a German visitor reads for `msgid`: the translation, or the msgid itself."""
    with override("de"):
        return pgettext(context, msgid) if context else gettext(msgid)


def label(msgid: str, context: str | None = None) -> re.Pattern:
    """The exact accessible name for `msgid` (surrounding white space allowed)."""
    return re.compile(rf"^\s*{re.escape(label_text(msgid, context))}\s*$")


def starts_with(msgid: str, context: str | None = None, *, word: bool = False) -> re.Pattern:
    """A name that begins with `msgid` (links and buttons that add their object
    for screen readers); with `word`, the text must end at a word boundary there."""
    boundary = r"\b" if word else ""
    return re.compile(rf"^\s*{re.escape(label_text(msgid, context))}{boundary}")


def de(text: str, context: str | None = None) -> re.Pattern:
    """`label()`, failing when there is no German translation."""
    assert label_text(text, context) != text, f"no German for {text!r}"
    return label(text, context)


def de_text(text: str, context: str | None = None) -> str:
    return label_text(text, context)
