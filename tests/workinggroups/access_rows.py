"""Rows of the permission matrix (tests/test_access_matrix.py).

Format as in tests/events/access_rows.py.
"""

ROWS: dict = {}
