"""Rows of the permission matrix (tests/test_access_matrix.py) for this area.

Same format as MATRIX there: "url-name[variant]" → (kwargs, statuses per role
in the order anonymous, user, member, contact, coordinator, admin). kwargs may
be a callable taking the `world` fixture and returning the URL kwargs (it may
create the objects the URL needs).

The rows for the older networks:* views (list, detail, internal, manage,
remove_coordinator) are in tests/test_access_matrix.py.
"""

OWN = {"slug": "alpha"}
OTHER = {"slug": "beta"}


def own_membership(world):
    """The membership whose contact person is the "contact" role."""
    return {"slug": "alpha", "pk": world.membership.pk}


def other_membership(world):
    return {"slug": "beta", "pk": world.other_membership.pk}


def mismatched_membership(world):
    """Beta's membership under alpha's address: no such page."""
    return {"slug": "alpha", "pk": world.other_membership.pk}


ROWS: dict = {
    # Network details and the members list: coordinators of that network, admins.
    "networks:edit": (OWN, "302 403 403 403 200 200"),
    "networks:edit[other]": (OTHER, "302 403 403 403 403 200"),
    "networks:members": (OWN, "302 403 403 403 200 200"),
    "networks:members[other]": (OTHER, "302 403 403 403 403 200"),
    # A membership's page: its own contact persons, the network's coordinators, admins.
    "networks:membership": (own_membership, "302 403 403 200 200 200"),
    "networks:membership[other]": (other_membership, "302 403 403 403 403 200"),
    "networks:membership[mismatch]": (mismatched_membership, "404 404 404 404 404 404"),
    # Ending a membership: coordinators and admins only, not the contact persons.
    "networks:membership_end": (own_membership, "302 403 403 403 200 200"),
    "networks:membership_end[other]": (other_membership, "302 403 403 403 403 200"),
    # POST only: the rule is checked first, then the method.
    "networks:membership_edit": (own_membership, "302 403 403 405 405 405"),
    "networks:membership_edit[other]": (other_membership, "302 403 403 403 403 405"),
    "networks:contact_add": (own_membership, "302 403 403 405 405 405"),
    "networks:contact_add[other]": (other_membership, "302 403 403 403 403 405"),
    "networks:contact_remove": (own_membership, "302 403 403 405 405 405"),
    "networks:contact_remove[other]": (other_membership, "302 403 403 403 403 405"),
    "networks:contact_primary": (own_membership, "302 403 403 405 405 405"),
    "networks:contact_primary[other]": (other_membership, "302 403 403 403 403 405"),
    "networks:claim_decide": (own_membership, "302 403 403 405 405 405"),
    "networks:claim_decide[other]": (other_membership, "302 403 403 403 403 405"),
}
