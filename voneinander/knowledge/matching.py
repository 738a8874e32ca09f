"""“Who has done this already?” — matching a challenge text to solutions.

Seam for helpers: the search/matching helper replaces the body of
`match_challenge`; the brokering views call it with the same signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Match:
    solution: object  # knowledge.models.Solution
    score: float
    municipalities: list = field(default_factory=list)  # owner first, then adopters
    contacts: list = field(default_factory=list)  # users the viewer may contact
    reasons: list[str] = field(default_factory=list)  # e.g. "similar size", "reused 3 times"


def match_challenge(*, text: str, user, municipality=None, limit: int = 10) -> list[Match]:
    """Solutions that answer `text`, best first, as far as `user` may see them."""
    return []
