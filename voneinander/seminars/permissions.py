"""Permission predicates for seminars; PERMISSIONS is merged into voneinander/policy.py."""

import rules  # noqa: F401

PERMISSIONS: dict = {}
