"""Rows of the permission matrix (tests/test_access_matrix.py) for working groups.

Format as in tests/events/access_rows.py. The groups below belong to network
alpha; the "contact" role leads them (and is therefore their only active
member); "member" and "coordinator" belong to alpha but not to the groups.
A private group is unknown (404) to those outside its networks; its space
does not exist (404) for anybody who has not joined — coordinators and platform
admins included (admins read it in the Django admin). Platform admins pass
every permission check (Django's superuser rule): they see the forms of a public
group's space and of joining, but the services refuse what they would send,
because they are not members (tested in test_space.py and test_membership.py).
Variants: [public] a public group, [private] a private one, [other] a private
group of network beta, [archived] an archived public group.
"""

from django.utils import timezone

from tests.workinggroups.factories import (
    DiscussionFactory,
    DocumentFactory,
    DocumentVersionFactory,
    FolderFactory,
    GroupMemberFactory,
    WorkingGroupFactory,
    person_in,
)
from voneinander.workinggroups.models import MemberStatus


def _group(world, *, private=False, network="alpha", archived=False):
    if network == "alpha":
        return WorkingGroupFactory(
            network=world.network,
            is_private=private,
            lead=world.user("contact"),
            archived_at=timezone.now() if archived else None,
        )
    return WorkingGroupFactory(network=world.other_network, is_private=private)


def public(world):
    return {"slug": _group(world).slug}


def private(world):
    return {"slug": _group(world, private=True).slug}


def other(world):
    return {"slug": _group(world, private=True, network="beta").slug}


def archived(world):
    return {"slug": _group(world, archived=True).slug}


def _with(make, **options):
    """URL kwargs for an object of a group: `make(group)` returns the extra kwargs."""

    def kwargs(world):
        group = _group(world, **options)
        return {"slug": group.slug, **make(world, group)}

    return kwargs


def _request(world, group):
    requester = person_in(group.network)
    member = GroupMemberFactory(group=group, user=requester, status=MemberStatus.REQUESTED)
    return {"pk": member.pk}


def _lead_row(world, group):
    return {"pk": group.members.get().pk}


def _discussion(world, group):
    return {"pk": DiscussionFactory(group=group).pk}


def _folder(world, group):
    return {"pk": FolderFactory(group=group).pk}


def _document(world, group):
    return {"pk": DocumentVersionFactory(document=DocumentFactory(group=group)).document_id}


def _version(world, group):
    version = DocumentVersionFactory(document=DocumentFactory(group=group), number=1)
    return {"pk": version.document_id, "number": 1}


UNKNOWN = {"slug": "gibt-es-nicht"}

# Reading the space: everyone for a public group; only the group's members for a private one.
SPACE_PUBLIC = "200 200 200 200 200 200"
SPACE_PRIVATE = "404 404 404 200 404 404"
SPACE_OTHER = "404 404 404 404 404 404"
# Writing in the space: the group's members (here: the contact person, its lead).
WRITE_PUBLIC = "302 403 403 200 403 200"
WRITE_PRIVATE = "404 404 404 200 404 404"
# POST-only views: the rule is checked first, then the method.
POST_PUBLIC = "302 403 403 405 403 405"
POST_PRIVATE = "404 404 404 405 404 404"

ROWS = {
    "workinggroups:list": ({}, "200 200 200 200 200 200"),
    # Coordinators of some network, and admins.
    "workinggroups:create": ({}, "302 403 403 403 200 200"),
    "workinggroups:detail[public]": (public, "200 200 200 200 200 200"),
    # A private group's title and description: for members of its networks (and admins).
    "workinggroups:detail[private]": (private, "404 404 200 200 200 200"),
    "workinggroups:detail[other]": (other, "404 404 404 404 404 200"),
    "workinggroups:detail[unknown]": (UNKNOWN, "404 404 404 404 404 404"),
    "workinggroups:edit[public]": (public, "302 403 403 403 200 200"),
    "workinggroups:edit[private]": (private, "404 404 403 403 200 200"),
    "workinggroups:edit[other]": (other, "404 404 404 404 404 200"),
    "workinggroups:archive[public]": (public, "302 403 403 403 200 200"),
    "workinggroups:archive[archived]": (archived, "302 403 403 403 200 200"),
    # The member list: the group's members, coordinators of its network, admins.
    "workinggroups:members[public]": (public, "302 403 403 200 200 200"),
    "workinggroups:members[private]": (private, "404 404 403 200 200 200"),
    "workinggroups:members[other]": (other, "404 404 404 404 404 200"),
    # Members of the group's networks who have not joined yet (the lead already has).
    "workinggroups:join[public]": (public, "302 403 200 403 200 200"),
    "workinggroups:join[private]": (private, "404 404 200 403 200 200"),
    "workinggroups:join[archived]": (archived, "302 403 403 403 403 200"),
    "workinggroups:leave[public]": (public, "302 403 403 200 403 200"),
    "workinggroups:leave[private]": (private, "404 404 403 200 403 200"),
    # Leads, coordinators and admins decide requests and change members (POST only).
    "workinggroups:decide": (_with(_request), "302 403 403 405 405 405"),
    "workinggroups:decide[private]": (_with(_request, private=True), "404 404 403 405 405 405"),
    "workinggroups:member_change": (_with(_lead_row), "302 403 403 405 405 405"),
    # Naming a lead by e-mail: coordinators and admins; GET goes back to the member list.
    "workinggroups:add_lead": (public, "302 403 403 403 302 302"),
    "workinggroups:add_lead[private]": (private, "404 404 403 403 302 302"),
    "workinggroups:handover": (public, "302 403 403 302 302 302"),
    "workinggroups:handover[private]": (private, "404 404 403 302 302 302"),
    # The space
    "workinggroups:discussions[public]": (public, SPACE_PUBLIC),
    "workinggroups:discussions[private]": (private, SPACE_PRIVATE),
    "workinggroups:discussions[other]": (other, SPACE_OTHER),
    "workinggroups:discussion_create[public]": (public, WRITE_PUBLIC),
    "workinggroups:discussion_create[private]": (private, WRITE_PRIVATE),
    "workinggroups:discussion_create[archived]": (archived, "302 403 403 403 403 200"),
    "workinggroups:discussion[public]": (_with(_discussion), SPACE_PUBLIC),
    "workinggroups:discussion[private]": (_with(_discussion, private=True), SPACE_PRIVATE),
    "workinggroups:discussion[other]": (
        _with(_discussion, private=True, network="beta"),
        SPACE_OTHER,
    ),
    "workinggroups:post_create[public]": (_with(_discussion), POST_PUBLIC),
    "workinggroups:post_create[private]": (_with(_discussion, private=True), POST_PRIVATE),
    "workinggroups:documents[public]": (public, SPACE_PUBLIC),
    "workinggroups:documents[private]": (private, SPACE_PRIVATE),
    "workinggroups:documents[other]": (other, SPACE_OTHER),
    "workinggroups:document_upload[public]": (public, WRITE_PUBLIC),
    "workinggroups:document_upload[private]": (private, WRITE_PRIVATE),
    "workinggroups:folder_create[public]": (public, WRITE_PUBLIC),
    "workinggroups:folder_create[private]": (private, WRITE_PRIVATE),
    "workinggroups:folder[public]": (_with(_folder), SPACE_PUBLIC),
    "workinggroups:folder[private]": (_with(_folder, private=True), SPACE_PRIVATE),
    "workinggroups:folder_rename[public]": (_with(_folder), WRITE_PUBLIC),
    "workinggroups:folder_rename[private]": (_with(_folder, private=True), WRITE_PRIVATE),
    "workinggroups:folder_delete[public]": (_with(_folder), WRITE_PUBLIC),
    "workinggroups:folder_delete[private]": (_with(_folder, private=True), WRITE_PRIVATE),
    "workinggroups:document[public]": (_with(_document), SPACE_PUBLIC),
    "workinggroups:document[private]": (_with(_document, private=True), SPACE_PRIVATE),
    "workinggroups:document[other]": (_with(_document, private=True, network="beta"), SPACE_OTHER),
    "workinggroups:version_upload[public]": (_with(_document), POST_PUBLIC),
    "workinggroups:version_upload[private]": (_with(_document, private=True), POST_PRIVATE),
    "workinggroups:version_download[public]": (_with(_version), SPACE_PUBLIC),
    "workinggroups:version_download[private]": (_with(_version, private=True), SPACE_PRIVATE),
    "workinggroups:version_download[other]": (
        _with(_version, private=True, network="beta"),
        SPACE_OTHER,
    ),
    "workinggroups:meetings[public]": (public, SPACE_PUBLIC),
    "workinggroups:meetings[private]": (private, SPACE_PRIVATE),
    # Leads schedule meetings.
    "workinggroups:meeting_create[public]": (public, WRITE_PUBLIC),
    "workinggroups:meeting_create[private]": (private, WRITE_PRIVATE),
    "workinggroups:meeting_create[archived]": (archived, "302 403 403 403 403 200"),
    "workinggroups:results[public]": (public, SPACE_PUBLIC),
    "workinggroups:results[private]": (private, SPACE_PRIVATE),
    "workinggroups:result_create[public]": (public, WRITE_PUBLIC),
    "workinggroups:result_create[private]": (private, WRITE_PRIVATE),
}
