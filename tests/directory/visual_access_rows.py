"""Permission-matrix rows for the map and figures pages (see access_rows.py)."""

ROWS: dict = {
    # Public: the map of all members (filters are query parameters).
    "directory:map": ({}, "200 200 200 200 200 200"),
    "directory:figures": ({"slug": "alpha"}, "200 200 200 200 200 200"),
    "directory:figures[other]": ({"slug": "beta"}, "200 200 200 200 200 200"),
    "directory:figures[unknown]": ({"slug": "gibt-es-nicht"}, "404 404 404 404 404 404"),
}
