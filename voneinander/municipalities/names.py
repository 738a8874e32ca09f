"""Matching names that different sources spell differently.

The register writes "Eisenberg (Pfalz)", "Frankenthal (Pfalz)" and "St. Goar"; GeoNames
writes "Eisenberg", "Frankenthal" and "Sankt Goar", sometimes "Neustadt/Westerwald" for
"Neustadt (Westerwald)", and other sources write "Zweibruecken" for "Zweibrücken".
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SANKT = re.compile(r"\bst\.\s*")
_QUALIFIER = re.compile(r"\([^)]*\)|/.*$")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case, umlauts spelt out, accents and punctuation dropped, "St." as "Sankt"."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_UMLAUTS)
    text = _SANKT.sub("sankt ", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NOT_ALNUM.sub(" ", text).strip()


def name_keys(name: str) -> tuple[str, str]:
    """(full key, base key): the base key drops a qualifier such as "(Pfalz)" or "/Westerwald".

    A designation after a comma ("…, Stadt") is no part of either.
    """
    name = name.split(",", 1)[0]
    return fold(name), fold(_QUALIFIER.sub(" ", name))


class NameIndex:
    """Items by (scope, name); scope is e.g. the state, so that names match within it."""

    def __init__(self) -> None:
        self._full: dict[tuple, list] = defaultdict(list)
        self._base: dict[tuple, list[tuple[object, bool]]] = defaultdict(list)

    def add(self, scope: Hashable, name: str, item: object) -> None:
        full, base = name_keys(name)
        self._full[(scope, full)].append(item)
        self._base[(scope, base)].append((item, full != base))

    def find(self, scope: Hashable, name: str) -> list:
        """Items with the same full name; else the same base name, if the qualifiers agree.

        "Eisenberg" finds "Eisenberg (Pfalz)" and the other way round, but
        "Neustadt/Westerwald" does not find "Neustadt (Wied)".
        """
        full, base = name_keys(name)
        if found := self._full.get((scope, full)):
            return list(found)
        qualified = full != base
        return [
            item
            for item, item_qualified in self._base.get((scope, base), ())
            if not (qualified and item_qualified)
        ]

    def contains_base(self, scope: Hashable, name: str) -> bool:
        return (scope, name_keys(name)[1]) in self._base
