"""Rows of the permission matrix (tests/test_access_matrix.py) for this area.

Same format as MATRIX there: "url-name[variant]" → (kwargs, statuses per role
in the order anonymous, user, member, contact, coordinator, admin). kwargs may
be a callable taking the `world` fixture and returning the URL kwargs (it may
create the objects the URL needs).
"""

ROWS: dict = {
    # The member directory and its exports are public.
    "directory:index": ({}, "200 200 200 200 200 200"),
    "directory:export_csv": ({}, "200 200 200 200 200 200"),
    "directory:export_json": ({}, "200 200 200 200 200 200"),
}
