"""The module feedback of a programme as CSV, the same figures the feedback page shows.

One row per module and version with the number of ratings, the average and
the distribution, followed by one row per comment. Withheld groups (fewer than
the minimum number of ratings) appear without figures or comments. No names.
`;`-separated with a BOM, every cell through `no_formula`, like the other exports.
"""

from __future__ import annotations

import csv

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from voneinander.core.spreadsheets import BOM, no_formula
from voneinander.seminars.feedback_selectors import RATINGS, FeedbackSummary


def write_feedback_csv(summary: FeedbackSummary, out) -> None:
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    header = [_("No."), _("Module"), _("Version"), _("Ratings"), _("Average")]
    header += [_("Rated %(rating)s") % {"rating": rating} for rating in reversed(RATINGS)]
    header.append(_("Comment"))
    writer.writerow([no_formula(str(cell)) for cell in header])
    blanks = [""] * len(RATINGS)
    for number, item in enumerate(summary.modules, start=1):
        for version in item.versions:
            start = [str(number), item.module.title, version.label]
            if version.withheld:
                note = _("fewer than %(minimum)s ratings, not shown") % {
                    "minimum": summary.min_ratings
                }
                row = [*start, note, "", *blanks, ""]
            elif version.count:
                row = [
                    *start,
                    str(version.count),
                    number_format(version.average, 2),
                    *(str(entry.count) for entry in version.distribution),
                    "",
                ]
            else:
                continue
            writer.writerow([no_formula(cell) for cell in row])
            for comment in version.comments:
                writer.writerow([no_formula(cell) for cell in [*start, "", "", *blanks, comment]])
