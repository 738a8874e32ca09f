"""Rows of the permission matrix (tests/test_access_matrix.py) for strategies.

Format as in tests/events/access_rows.py: "url-name[variant]" → (kwargs, statuses
per role in the order anonymous, user, member, contact, coordinator, admin).
"""

ROWS: dict = {}

# Sharing, comparing, copying, progress and network figures (sharing helper).
from tests.strategies.sharing_access_rows import ROWS as SHARING_ROWS  # noqa: E402

ROWS.update(SHARING_ROWS)

# Measures and recommendations (measures helper).
from tests.strategies.measures_access_rows import ROWS as MEASURES_ROWS  # noqa: E402

ROWS.update(MEASURES_ROWS)

# Start, overview, steps, autosave, team and history (workbook editor).
from tests.strategies.workbook_access_rows import ROWS as WORKBOOK_ROWS  # noqa: E402

ROWS.update(WORKBOOK_ROWS)

# The export page and the PDF, DOCX and ODT downloads (exports helper).
from tests.strategies.exports_access_rows import ROWS as EXPORTS_ROWS  # noqa: E402

ROWS.update(EXPORTS_ROWS)
