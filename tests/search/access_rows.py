"""Rows of the permission matrix (tests/test_access_matrix.py) for the search page.

Format as in tests/events/access_rows.py. The page is public; what it finds
depends on the person (tests/search/test_permissions.py).
"""

ROWS: dict = {
    "search:search": ({}, "200 200 200 200 200 200"),
}
