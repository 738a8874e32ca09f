"""Reads for working groups: which groups and spaces a person may see, and their contents.

Two gates, agreeing with `permissions.can_see_group` and `can_read_space`:
- `groups_visible_to(user)`: groups whose title and description the person may
  see (lists, the group page, search results for groups);
- `space_visible_to(user)`: groups whose space — discussions, posts, documents
  and their versions, meetings, results — the person may read. Search and any
  export filter space content with `group__in=space_visible_to(user)`.
Every lookup below takes a group that already passed one of these gates and
answers 404 for objects of another group.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from voneinander.events.models import Event
from voneinander.events.selectors import events_visible_to
from voneinander.networks.models import Network
from voneinander.networks.roles import is_platform_admin as _is_admin
from voneinander.workinggroups.models import (
    Discussion,
    Document,
    DocumentVersion,
    Folder,
    GroupMember,
    GroupRole,
    MemberStatus,
    Post,
    Result,
    WorkingGroup,
)
from voneinander.workinggroups.roles import group_roles, member_networks


def _in_networks(network_ids) -> Q:
    shared = WorkingGroup.shared_with.through.objects.filter(network_id__in=network_ids)
    return Q(network_id__in=network_ids) | Q(pk__in=shared.values("workinggroup_id"))


def groups_visible_to(user) -> QuerySet[WorkingGroup]:
    """Public groups for everyone; private ones for members of their networks and admins."""
    groups = WorkingGroup.objects.all()
    if _is_admin(user):
        return groups
    condition = Q(is_private=False)
    if user.is_authenticated and user.is_active:
        networks = member_networks(user)
        if networks:
            condition |= _in_networks(networks)
    return groups.filter(condition)


def space_visible_to(user) -> QuerySet[WorkingGroup]:
    """Groups whose space `user` may read: public ones, and private ones they are active in.

    Platform admins get no exception here; they use the Django admin.
    """
    condition = Q(is_private=False)
    groups = group_roles(user).groups
    if groups:
        condition |= Q(pk__in=sorted(groups))
    return WorkingGroup.objects.filter(condition)


def group_for_viewer(request, slug: str, **_ignored) -> WorkingGroup:
    """The group at `slug` if the person may see it; otherwise 404, whether it exists or not."""
    return get_object_or_404(
        groups_visible_to(request.user)
        .select_related("network", "topic")
        .prefetch_related("shared_with"),
        slug=slug,
    )


def space_for_viewer(request, slug: str, **_ignored) -> WorkingGroup:
    """The group at `slug` if the person may read its space; otherwise 404.

    For every page of the space. Platform admins pass every permission check
    (Django's superuser rule), so the gate is here: a private group's space
    does not exist for anyone but its active members.
    """
    return get_object_or_404(
        space_visible_to(request.user)
        .select_related("network", "topic")
        .prefetch_related("shared_with"),
        slug=slug,
    )


# --- Lists ---------------------------------------------------------------------------


def _leads_prefetch() -> Prefetch:
    return Prefetch(
        "members",
        queryset=GroupMember.objects.filter(role=GroupRole.LEAD, status=MemberStatus.ACTIVE)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk"),
        to_attr="leads",
    )


def group_list(
    user, *, network: Network | None = None, topic=None, archived: bool = False
) -> QuerySet[WorkingGroup]:
    """Visible groups with their leads and member counts; open ones, or archived ones."""
    groups = groups_visible_to(user).filter(archived_at__isnull=not archived)
    if network is not None:
        groups = groups.filter(_in_networks([network.pk]))
    if topic is not None:
        groups = groups.filter(topic=topic)
    return (
        groups.select_related("network", "topic")
        .prefetch_related("shared_with", _leads_prefetch())
        .annotate(
            member_count=Count("members", filter=Q(members__status=MemberStatus.ACTIVE)),
        )
        .order_by("title", "pk")
    )


def leads_of(group: WorkingGroup) -> list[GroupMember]:
    return list(
        GroupMember.objects.filter(group=group, role=GroupRole.LEAD, status=MemberStatus.ACTIVE)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def membership_of(group: WorkingGroup, user) -> GroupMember | None:
    """The person's row in the group (any status), if any."""
    if not user.is_authenticated:
        return None
    return GroupMember.objects.filter(group=group, user=user).first()


def members_of(group: WorkingGroup) -> QuerySet[GroupMember]:
    """Active members, leads first."""
    return (
        GroupMember.objects.filter(group=group, status=MemberStatus.ACTIVE)
        .select_related("user__municipality")
        .order_by("role", "user__last_name", "user__first_name", "pk")
    )


def requests_of(group: WorkingGroup) -> QuerySet[GroupMember]:
    return (
        GroupMember.objects.filter(group=group, status=MemberStatus.REQUESTED)
        .select_related("user__municipality")
        .order_by("requested_at", "pk")
    )


def member_in_group(group: WorkingGroup, pk) -> GroupMember:
    return get_object_or_404(GroupMember.objects.select_related("user"), group=group, pk=pk)


# --- Discussions -----------------------------------------------------------------------


def discussions_of(group: WorkingGroup) -> QuerySet[Discussion]:
    return (
        Discussion.objects.filter(group=group)
        .select_related("author")
        .annotate(post_count=Count("posts"))
        .order_by("-last_post_at", "-created_at", "-pk")
    )


def discussion_in_group(group: WorkingGroup, pk) -> Discussion:
    discussion = get_object_or_404(Discussion.objects.select_related("author"), group=group, pk=pk)
    discussion.group = group
    return discussion


def posts_of(discussion: Discussion) -> QuerySet[Post]:
    return (
        Post.objects.filter(discussion=discussion)
        .select_related("author")
        .order_by("created_at", "pk")
    )


# --- Documents ---------------------------------------------------------------------------


def folder_in_group(group: WorkingGroup, pk) -> Folder:
    folder = get_object_or_404(Folder.objects.select_related("parent"), group=group, pk=pk)
    folder.group = group
    return folder


def folder_path(folder: Folder | None) -> list[Folder]:
    """The folders from the top down to `folder` (for breadcrumbs); one query per level."""
    path = []
    while folder is not None:
        path.append(folder)
        folder = folder.parent
    return list(reversed(path))


def subfolders(group: WorkingGroup, folder: Folder | None) -> QuerySet[Folder]:
    return (
        Folder.objects.filter(group=group, parent=folder)
        .annotate(
            document_count=Count("documents", distinct=True),
            folder_count=Count("children", distinct=True),
        )
        .order_by("name", "pk")
    )


def _versions_prefetch() -> Prefetch:
    return Prefetch(
        "versions",
        queryset=DocumentVersion.objects.select_related("uploaded_by").order_by("-number"),
    )


def documents_in(group: WorkingGroup, folder: Folder | None) -> list[Document]:
    """The folder's documents, each with `latest` (its newest version)."""
    documents = list(
        Document.objects.filter(group=group, folder=folder)
        .prefetch_related(_versions_prefetch())
        .order_by("title", "pk")
    )
    for document in documents:
        versions = list(document.versions.all())
        document.latest = versions[0] if versions else None
        document.version_count = len(versions)
    return documents


def all_documents(group: WorkingGroup) -> QuerySet[Document]:
    """Every document of the group (for choosing one, e.g. as a result's document)."""
    return Document.objects.filter(group=group).select_related("folder").order_by("title", "pk")


def document_in_group(group: WorkingGroup, pk) -> Document:
    document = get_object_or_404(
        Document.objects.select_related("folder", "created_by"), group=group, pk=pk
    )
    document.group = group
    return document


def versions_of(document: Document) -> QuerySet[DocumentVersion]:
    return (
        DocumentVersion.objects.filter(document=document)
        .select_related("uploaded_by")
        .order_by("-number")
    )


def version_of(document: Document, number) -> DocumentVersion:
    version = get_object_or_404(DocumentVersion, document=document, number=number)
    version.document = document
    return version


# --- Meetings and results ------------------------------------------------------------------


def meetings_of(group: WorkingGroup, user, *, past: bool = False) -> QuerySet[Event]:
    """The group's meetings the person may see: upcoming (soonest first) or past (newest first)."""
    meetings = (
        events_visible_to(user)
        .filter(working_group=group)
        .prefetch_related(
            Prefetch("networks", queryset=Network.objects.only("name", "short_name", "slug"))
        )
    )
    now = timezone.now()
    if past:
        return meetings.filter(ends_at__lt=now).order_by("-starts_at", "pk")
    return meetings.filter(ends_at__gte=now).order_by("starts_at", "pk")


def results_of(group: WorkingGroup) -> QuerySet[Result]:
    return (
        Result.objects.filter(group=group)
        .select_related("document", "created_by")
        .order_by("-published_on", "-pk")
    )
