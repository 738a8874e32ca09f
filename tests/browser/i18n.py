"""German labels for browser tests, looked up in the catalogue.

A test names buttons by their English msgid; `de()` returns the German text as
an exact accessible-name pattern, so a reworded translation does not break the
test while a missing one does (German is what a visitor sees).
"""

import re

from django.utils.translation import gettext, override


def de(text: str) -> re.Pattern:
    with override("de"):
        translated = gettext(text)
    assert translated != text, f"no German for {text!r}"
    return re.compile(rf"^\s*{re.escape(translated)}\s*$")


def de_text(text: str) -> str:
    with override("de"):
        return gettext(text)
