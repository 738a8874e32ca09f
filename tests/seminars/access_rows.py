"""Rows of the permission matrix (tests/test_access_matrix.py) for seminars.

Format as in tests/events/access_rows.py: "url-name[variant]" → (kwargs, statuses
per role in the order anonymous, user, member, contact, coordinator, admin).
"""

from tests.seminars.core_access_rows import ROWS as CORE_ROWS
from tests.seminars.feedback_access_rows import ROWS as FEEDBACK_ROWS

ROWS: dict = {}

# Programmes, modules, materials, enrolment and organising (seminars core).
ROWS.update(CORE_ROWS)

# Module feedback and programme versions (feedback helper).
ROWS.update(FEEDBACK_ROWS)
