"""Rows of the permission matrix (tests/test_access_matrix.py) for the solutions catalogue.

Format as in tests/events/access_rows.py. Roles: anonymous, user, member
(confirmed for Altstadt, a member of alpha), contact (contact person of
Altstadt's membership, no confirmed affiliation), coordinator (of alpha), admin.
Solutions the person may not see answer 404 before any login redirect.
"""

from tests.factories import MembershipFactory
from tests.knowledge.catalogue_factories import (
    SolutionFileFactory,
    internal_solution_in,
    solution_in,
)
from tests.knowledge.factories import TopicFactory
from voneinander.knowledge.models import SolutionFileKind


def _slug(solution):
    return {"slug": solution.slug}


def own_public(world):
    return _slug(solution_in(world))


def alpha_other_owner(world):
    """A public solution of alpha owned by another member municipality than Altstadt."""
    owner = MembershipFactory(network=world.network).municipality
    return _slug(solution_in(world, owner=owner))


def alpha_internal_other_owner(world):
    owner = MembershipFactory(network=world.network).municipality
    return _slug(internal_solution_in(world, owner=owner))


def alpha_internal(world):
    return _slug(internal_solution_in(world))


def beta_public(world):
    return _slug(solution_in(world, network="beta"))


def beta_internal(world):
    return _slug(internal_solution_in(world, network="beta"))


def own_archived(world):
    from django.utils import timezone

    return _slug(solution_in(world, archived_at=timezone.now()))


def merged(world):
    target = solution_in(world)
    return _slug(solution_in(world, merged_into=target))


def _file(world, solution, **fields):
    item = SolutionFileFactory(solution=solution, **fields)
    return {"slug": solution.slug, "pk": item.pk}


def public_file(world):
    return _file(world, solution_in(world))


def internal_file(world):
    return _file(world, internal_solution_in(world), kind=SolutionFileKind.IMAGE)


def mismatched_file(world):
    """A file of another solution under this solution's address: no such file."""
    item = SolutionFileFactory(solution=solution_in(world))
    return {"slug": solution_in(world).slug, "pk": item.pk}


def topic(world):
    return {"pk": TopicFactory().pk}


UNKNOWN = {"slug": "gibt-es-nicht"}

ROWS = {
    "knowledge:catalogue": ({}, "200 200 200 200 200 200"),
    # One network (alpha) → straight to its form; the admin chooses among all.
    "knowledge:solution_create_start": ({}, "302 200 302 302 302 200"),
    # The contact person has no confirmed affiliation: a page that says so.
    "knowledge:solution_create": ({"network": "alpha"}, "302 403 200 200 200 200"),
    "knowledge:solution_create[other]": ({"network": "beta"}, "302 403 403 403 403 200"),
    "knowledge:solution_create[unknown]": ({"network": "gibt-es-nicht"}, "404 404 404 404 404 404"),
    "knowledge:topics": ({}, "302 403 403 403 200 200"),
    "knowledge:topic_edit": (topic, "302 403 403 403 200 200"),
    "knowledge:topic_edit[unknown]": ({"pk": 999999}, "404 404 404 404 404 404"),
    "knowledge:solution": (own_public, "200 200 200 200 200 200"),
    "knowledge:solution[internal]": (alpha_internal, "404 404 200 200 200 200"),
    "knowledge:solution[other-internal]": (beta_internal, "404 404 404 404 404 200"),
    "knowledge:solution[archived]": (own_archived, "404 404 200 404 200 200"),
    # A merged duplicate leads to the solution it was merged into, for good.
    "knowledge:solution[merged]": (merged, "301 301 301 301 301 301"),
    "knowledge:solution[unknown]": (UNKNOWN, "404 404 404 404 404 404"),
    "knowledge:solution_edit": (own_public, "302 403 200 403 200 200"),
    "knowledge:solution_edit[other-owner]": (alpha_other_owner, "302 403 403 403 200 200"),
    "knowledge:solution_edit[internal]": (alpha_internal_other_owner, "404 404 403 403 200 200"),
    "knowledge:solution_edit[other]": (beta_public, "302 403 403 403 403 200"),
    "knowledge:solution_history": (own_public, "200 200 200 200 200 200"),
    "knowledge:solution_history[other-internal]": (beta_internal, "404 404 404 404 404 200"),
    "knowledge:solution_files": (own_public, "302 403 200 403 200 200"),
    "knowledge:solution_files[other]": (beta_public, "302 403 403 403 403 200"),
    "knowledge:solution_file": (public_file, "200 200 200 200 200 200"),
    "knowledge:solution_file[internal]": (internal_file, "404 404 200 200 200 200"),
    "knowledge:solution_file[mismatched]": (mismatched_file, "404 404 404 404 404 404"),
    "knowledge:solution_file_delete": (public_file, "302 403 200 403 200 200"),
    "knowledge:solution_curate": (own_public, "302 403 403 403 200 200"),
    "knowledge:solution_curate[other]": (beta_public, "302 403 403 403 403 200"),
    # POST only: the rule is checked first, then the method.
    "knowledge:solution_feature": (own_public, "302 403 403 403 405 405"),
    "knowledge:solution_feature[other]": (beta_public, "302 403 403 403 403 405"),
    "knowledge:solution_archive": (own_public, "302 403 403 403 405 405"),
    "knowledge:solution_merge": (own_public, "302 403 403 403 405 405"),
}
