"""Rows of the permission matrix (tests/test_access_matrix.py) for this area.

Same format as MATRIX there: "url-name[variant]" → (kwargs, statuses per role
in the order anonymous, user, member, contact, coordinator, admin). kwargs may
be a callable taking the `world` fixture and returning the URL kwargs (it may
create the objects the URL needs).
"""

ROWS: dict = {
    # Every municipality of the registry has a public profile page.
    "municipalities:detail": (
        lambda world: {"pk": world.membership.municipality_id},
        "200 200 200 200 200 200",
    ),
    "municipalities:detail[unknown]": ({"pk": 999999}, "404 404 404 404 404 404"),
}
