"""Rows of the permission matrix (tests/test_access_matrix.py) for challenge matching.

Format as in tests/events/access_rows.py. The page is public; contact persons
appear for signed-in members only (tests/knowledge/test_matching_views.py).
"""

ROWS: dict = {
    "knowledge:who_has_done_this": ({}, "200 200 200 200 200 200"),
}
