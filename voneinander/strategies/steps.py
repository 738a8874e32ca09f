"""The guided steps of the workbook and the strategy fields each one writes.

Steps 4 (measures) and 5 (sharing and export) have pages of their own; the
steps here are the texts the team writes, saved by `services.save_step`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str
    fields: tuple[str, ...]

    def is_done(self, strategy) -> bool:
        if "fields" in self.fields:
            return bool(strategy.fields.all())
        return all((getattr(strategy, name) or "").strip() for name in self.fields)


STARTING_POINT = Step(
    1, "ausgangslage", _("Starting point"), ("strengths", "weaknesses", "existing_projects")
)
VISION = Step(2, "vision-und-ziele", _("Vision and goals"), ("vision", "goals"))
FIELDS = Step(3, "handlungsfelder", _("Fields of action"), ("fields",))
STEPS = (STARTING_POINT, VISION, FIELDS)
# The title is saved like a step (versioned, recorded), from the overview page.
TITLE = Step(0, "titel", _("Title"), ("title",))
