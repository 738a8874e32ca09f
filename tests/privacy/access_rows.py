"""Rows of the permission matrix (tests/test_access_matrix.py) for the privacy pages.

Format as in tests/events/access_rows.py: "url-name[variant]" → (kwargs, statuses
per role in the order anonymous, user, member, contact, coordinator, admin).
Every signed-in person reaches their own "Download my data" and "Delete account"
pages; there is nothing of anyone else to address.
"""

OWN_PAGE = "302 200 200 200 200 200"

ROWS = {
    "accounts:data_export": ({}, OWN_PAGE),
    "accounts:delete_account": ({}, OWN_PAGE),
}
