"""The rendered programme of an event page, shared by every viewer and app process.

The programme (plenary items, rounds, sessions with speakers and free places)
is the same for everybody who may see the event, and rendering it is the
largest part of the event page's CPU time (about a dozen session partials).
Its data is still read on every request (four queries, so free places are
never stale); only the rendering is reused, under a fingerprint of everything
the template can read: every field and annotation of the rows, the language,
the time zone and the template sources. Whatever changed the rows (a booking, an
edit in the admin, a bulk insert) changes the fingerprint, so no service has
to remember to invalidate anything.
"""

from __future__ import annotations

import hashlib

from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from voneinander.core.caching import memoized_drawing

TEMPLATE = "events/_event_programme.html"
# Everything TEMPLATE includes: their sources are part of the fingerprint, so a
# changed template never meets markup cached by the previous release.
TEMPLATES = (TEMPLATE, "events/_event_session.html", "events/_event_when.html")


def _templates_digest() -> str:
    digest = hashlib.sha256()
    for name in TEMPLATES:
        digest.update(get_template(name).template.source.encode())
    return digest.hexdigest()


def _row(obj) -> tuple:
    """Every field and annotation of a model instance (not its caches)."""
    return tuple(sorted((k, v) for k, v in vars(obj).items() if not k.startswith("_")))


def _session(session) -> tuple:
    return (_row(session), tuple(_row(speaker) for speaker in session.speakers.all()))


def fingerprint(programme) -> tuple:
    return (
        translation.get_language(),
        timezone.get_current_timezone_name(),
        _templates_digest(),
        tuple(_row(part) for part in programme.parts),
        tuple(
            (_row(block.round), tuple(_session(s) for s in block.sessions))
            for block in programme.rounds
        ),
        tuple(_session(s) for s in programme.loose_sessions),
    )


def render(programme) -> str:
    """The programme section's HTML, rendered once per distinct content."""
    html = memoized_drawing(
        "event-programme",
        fingerprint(programme),
        lambda: render_to_string(TEMPLATE, {"programme": programme}),
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own template with autoescaping
