"""Rows of the permission matrix (tests/test_access_matrix.py) for the API, API
tokens and open data.

Format as in tests/events/access_rows.py: "url-name[variant]" → (kwargs, statuses
per role in the order anonymous, user, member, contact, coordinator, admin).
API operations authenticate on their own (token or session); the rows show
what a signed-in browser session gets.
"""

ROWS: dict = {
    "api:openapi-json": ({}, "200 200 200 200 200 200"),
    "api:openapi-view": ({}, "200 200 200 200 200 200"),
}
