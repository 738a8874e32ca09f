"""Rows of the permission matrix (tests/test_access_matrix.py) for seminars.

Format as in tests/events/access_rows.py: "url-name[variant]" → (kwargs, statuses
per role in the order anonymous, user, member, contact, coordinator, admin).
"""

ROWS: dict = {}
