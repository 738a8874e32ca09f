"""What an import did: the report both importers return and the commands print."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class LineError:
    """A line of the input that could not be imported, with a message for people."""

    line_number: int
    message: str
    # The key of the record (ARS) when the line got far enough to have one; such a
    # municipality is then not also reported as missing from the file.
    key: str = ""


@dataclass(frozen=True)
class Entry:
    """A municipality named in a report: its key (ARS, AGS or GeoNames id) and name."""

    key: str
    name: str


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class Update:
    entry: Entry
    changes: tuple[FieldChange, ...]


@dataclass
class ImportReport:
    source: str
    created: list[Entry] = field(default_factory=list)
    updated: list[Update] = field(default_factory=list)
    unchanged: int = 0
    # Municipalities with an official key that the file no longer lists. They are kept.
    missing: list[Entry] = field(default_factory=list)
    # Records that are no municipality of ours (Regierungsbezirke, placeholders, …) or
    # places that could not be matched.
    skipped: int = 0
    errors: list[LineError] = field(default_factory=list)

    def summary(self) -> str:
        return _(
            "Created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s, "
            "missing from the file: %(missing)s, skipped: %(skipped)s, errors: %(errors)s."
        ) % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "missing": len(self.missing),
            "skipped": self.skipped,
            "errors": len(self.errors),
        }

    def error_lines(self) -> list[str]:
        return [
            _("Line %(line)s: %(message)s") % {"line": e.line_number, "message": e.message}
            for e in self.errors
        ]

    def details(self, *, changes: bool) -> list[str]:
        """Lines for people: missing municipalities, and what changed if asked for."""
        lines = [
            _("Missing from the file (kept): %(name)s (%(key)s)")
            % {"name": entry.name, "key": entry.key}
            for entry in self.missing
        ]
        if changes:
            lines += [
                _("Created: %(name)s (%(key)s)") % {"name": entry.name, "key": entry.key}
                for entry in self.created
            ]
            for update in self.updated:
                lines += [
                    _("Updated %(name)s (%(key)s): %(field)s %(old)s → %(new)s")
                    % {
                        "name": update.entry.name,
                        "key": update.entry.key,
                        "field": change.field,
                        "old": _display(change.old),
                        "new": _display(change.new),
                    }
                    for change in update.changes
                ]
        return lines


def _display(value: object) -> str:
    return "–" if value is None or value == "" else str(value)
