"""Reads of module feedback and programme versions.

Feedback is given per module and programme version (`ModuleFeedback.version_label`
is the programme's `version_label` when the rating was given), so that the
organisers can compare the beta with the revised programme. Organisers never
see who rated: the summary carries no names, and a module's feedback on a
version with fewer than `min_ratings()` ratings is withheld (no figures, no
comments), as with event feedback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Min

from voneinander.seminars.models import (
    Enrolment,
    EnrolmentStatus,
    Module,
    ModuleFeedback,
    Programme,
    ProgrammeVersion,
)

RATINGS = range(1, 6)


def min_ratings() -> int:
    """Fewer ratings than this could reveal who rated what (settings.py)."""
    return settings.SEMINARS_FEEDBACK_MIN_RATINGS


def takes_part(user, programme: Programme) -> bool:
    """An active enrolment in the programme (read fresh, not from a permission cache)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return Enrolment.objects.filter(
        programme_id=programme.pk, user=user, status=EnrolmentStatus.ACTIVE
    ).exists()


def own_feedback(module: Module, user, version_label: str) -> ModuleFeedback | None:
    """The person's rating of the module on the given programme version."""
    if not user.is_authenticated:
        return None
    return ModuleFeedback.objects.filter(
        module=module, user=user, version_label=version_label
    ).first()


# --- Versions ---------------------------------------------------------------------------------


def version_history(programme: Programme) -> list[ProgrammeVersion]:
    """The programme's versions, newest first (one query)."""
    return list(
        ProgrammeVersion.objects.filter(programme=programme)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )


def version_labels(programme: Programme, *, used: dict[str, object] | None = None) -> list[str]:
    """Every version label of the programme, oldest first, the current one last.

    Labels come from the version history; labels that only feedback knows (given
    before the history was kept) come first, ordered by their first rating.
    `used` maps such labels to the time of their first rating (else one query).
    """
    history = list(
        ProgrammeVersion.objects.filter(programme=programme)
        .order_by("created_at", "pk")
        .values_list("label", flat=True)
    )
    if used is None:
        used = dict(
            ModuleFeedback.objects.filter(module__programme=programme)
            .order_by()
            .values("version_label")
            .annotate(first=Min("created_at"))
            .values_list("version_label", "first")
        )
    known = {*history, programme.version_label}
    older = sorted((label for label in used if label not in known), key=lambda lb: used[lb])
    labels = older + [label for label in history if label != programme.version_label]
    return [*labels, programme.version_label]


def label_taken(programme: Programme, label: str) -> bool:
    """Whether the label (in any case) is the current one, in the history, or on feedback."""
    wanted = label.casefold()
    known = {programme.version_label}
    known.update(
        ProgrammeVersion.objects.filter(programme=programme).values_list("label", flat=True)
    )
    known.update(
        ModuleFeedback.objects.filter(module__programme=programme)
        .values_list("version_label", flat=True)
        .distinct()
    )
    return wanted in {item.casefold() for item in known}


# --- The organisers' summary ------------------------------------------------------------------


@dataclass
class RatingRow:
    rating: int
    count: int
    percent: int


@dataclass
class VersionFeedback:
    """The feedback on one module in one programme version."""

    label: str
    count: int = 0
    average: float | None = None
    distribution: list[RatingRow] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    withheld: bool = False  # some, but too few ratings to show (anonymity)


@dataclass
class ModuleSummary:
    module: Module
    versions: list[VersionFeedback]  # one per label of the summary, oldest first

    @property
    def given(self) -> list[VersionFeedback]:
        """Versions on which the module got feedback, newest first."""
        return [item for item in reversed(self.versions) if item.count or item.withheld]


@dataclass
class FeedbackSummary:
    labels: list[str]
    modules: list[ModuleSummary]
    min_ratings: int

    @property
    def any_feedback(self) -> bool:
        return any(summary.given for summary in self.modules)


def _version_feedback(label: str, counts: dict[int, int], comments: list[str], minimum: int):
    total = sum(counts.values())
    if total == 0:
        return VersionFeedback(label)
    if total < minimum:
        return VersionFeedback(label, withheld=True)
    average = sum(rating * number for rating, number in counts.items()) / total
    distribution = [
        RatingRow(rating, counts.get(rating, 0), round(100 * counts.get(rating, 0) / total))
        for rating in reversed(RATINGS)
    ]
    return VersionFeedback(
        label, count=total, average=average, distribution=distribution, comments=comments
    )


def feedback_summary(programme: Programme) -> FeedbackSummary:
    """Per module and version: count, average, distribution and comments. Four queries.

    Comments are sorted by their text: their order tells nothing about who wrote them.
    """
    minimum = min_ratings()
    modules = list(Module.objects.filter(programme=programme).order_by("position", "pk"))
    counts: dict[tuple[int, str], dict[int, int]] = {}
    first_use: dict[str, object] = {}
    for module_id, label, rating, number, first in (
        ModuleFeedback.objects.filter(module__programme=programme)
        .order_by()
        .values("module_id", "version_label", "rating")
        .annotate(number=Count("pk"), first=Min("created_at"))
        .values_list("module_id", "version_label", "rating", "number", "first")
    ):
        counts.setdefault((module_id, label), {})[rating] = number
        if label not in first_use or first < first_use[label]:
            first_use[label] = first
    comments: dict[tuple[int, str], list[str]] = {}
    for module_id, label, comment in (
        ModuleFeedback.objects.filter(module__programme=programme)
        .exclude(comment="")
        .order_by("comment", "pk")
        .values_list("module_id", "version_label", "comment")
    ):
        comments.setdefault((module_id, label), []).append(comment)
    labels = version_labels(programme, used=first_use)
    summaries = []
    for module in modules:
        module.programme = programme
        summaries.append(
            ModuleSummary(
                module,
                [
                    _version_feedback(
                        label,
                        counts.get((module.pk, label), {}),
                        comments.get((module.pk, label), []),
                        minimum,
                    )
                    for label in labels
                ],
            )
        )
    return FeedbackSummary(labels, summaries, minimum)
