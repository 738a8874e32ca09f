"""Rows of the permission matrix (tests/test_access_matrix.py) for events.

Same format as MATRIX there: "url-name[variant]" → (kwargs, statuses per role
in the order anonymous, user, member, contact, coordinator, admin). kwargs may
be a callable taking the `world` fixture and returning the URL kwargs.
"""

ROWS: dict = {}
