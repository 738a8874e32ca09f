"""German demo data for comments (idempotent): a few comments on demo solutions, one
of them reported so that the moderation queue has something to show.

A comment is created only if its author has none with the same text on that
solution; nothing already there is changed. Rows are written directly (no
notifications), with dates in the past.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from voneinander.accounts.models import User
from voneinander.comments.models import Comment, CommentReport
from voneinander.knowledge.models import Solution

BECKER = "digital@vg-eisenberg.example.org"
SCHNEIDER = "digitales@vg-goellheim.example.org"
WEBER = "digitalisierung@vg-betzdorf-gebhardshain.example.org"
HOFFMANN = "buergerservice@vg-eisenberg.example.org"

# (solution slug, author, days ago, text, reported by or None)
COMMENTS = [
    (
        "dorffunk-vg-eisenberg",
        SCHNEIDER,
        9,
        "Danke für die ausführliche Beschreibung! Wie habt ihr die Ortsbürgermeister "
        "überzeugt, selbst Beiträge im DorfFunk zu schreiben?",
        None,
    ),
    (
        "dorffunk-vg-eisenberg",
        BECKER,
        8,
        "Mit einer kurzen Schulung vor der Ratssitzung und einer Vorlage für die ersten "
        "Beiträge. Die Anleitung liegt hier: https://www.digitale-doerfer.de",
        None,
    ),
    (
        "mitfahrbaenke-vg-goellheim",
        WEBER,
        5,
        "Die Idee gefällt uns. Habt ihr die Schilder selbst gestaltet oder gibt es "
        "eine Vorlage, die wir übernehmen dürfen?",
        None,
    ),
    (
        "online-terminvergabe-vg-eisenberg",
        SCHNEIDER,
        2,
        "Bei uns hat die Einführung nur drei Wochen gedauert – meldet euch gern!\n"
        "Telefonisch bin ich dienstags am besten zu erreichen.",
        HOFFMANN,
    ),
]


def load(report) -> None:
    """Idempotent."""
    now = timezone.now().replace(second=0, microsecond=0)
    emails = {spec[1] for spec in COMMENTS} | {spec[4] for spec in COMMENTS if spec[4]}
    people = {user.email: user for user in User.objects.filter(email__in=emails)}
    solutions = {
        solution.slug: solution
        for solution in Solution.objects.filter(slug__in={spec[0] for spec in COMMENTS})
    }
    for slug, email, days_ago, text, reporter in COMMENTS:
        solution, author = solutions.get(slug), people.get(email)
        if solution is None or author is None:
            continue
        comment = Comment.objects.filter(solution=solution, author=author, text=text).first()
        if comment is None:
            comment = Comment.objects.create(
                solution=solution, network_id=solution.network_id, author=author, text=text
            )
            Comment.objects.filter(pk=comment.pk).update(
                created_at=now - datetime.timedelta(days=days_ago)
            )
        if reporter and reporter in people:
            CommentReport.objects.get_or_create(
                comment=comment,
                reporter=people[reporter],
                defaults={"reason": "Enthält eine private Telefonzeit – bitte prüfen."},
            )
