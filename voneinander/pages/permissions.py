"""Permission predicates for pages; PERMISSIONS is merged into voneinander/policy.py."""

import rules  # noqa: F401

PERMISSIONS: dict = {}
