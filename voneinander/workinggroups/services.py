"""Writes for working groups: groups, membership and the lead role, and the group's space.

Rules live here and nowhere else: a group is shared only with sister networks of
its network; only members of the group's networks join; a group always keeps at
least one lead (the group row is locked while leads change); an archived group
takes no new members or contributions. Who may call which function is decided
by the permissions (`permissions.py`); the services check what depends on the
data.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voneinander.audit.services import record_event
from voneinander.core.uploads import accept_upload
from voneinander.events import services as event_services
from voneinander.events.models import Event, EventKind, Visibility
from voneinander.networks.roles import is_platform_admin as _is_admin
from voneinander.networks.roles import network_roles
from voneinander.questions.notifications import in_mail_language, notify_followers, site_path
from voneinander.workinggroups import documents
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
from voneinander.workinggroups.permissions import belongs_to_group_networks
from voneinander.workinggroups.roles import forget_group_roles, group_roles

RESERVED_SLUGS = {"neu"}
MAX_POST_LENGTH = 10_000
MAX_FOLDER_DEPTH = 5
GROUP_FIELDS = ("title", "description", "topic", "is_private")
MEETING_FIELDS = (
    "title",
    "summary",
    "description",
    "starts_at",
    "ends_at",
    "format",
    "location",
    "meeting_url",
)


def _site_context() -> dict:
    return {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}


def _mail(*, to: list[str], subject: str, template: str, context: dict) -> None:
    """One message per recipient, in the platform's language; queued with the transaction."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, _site_context() | context)
        subject_line = f"[{settings.SITE_NAME}] {subject}"
    for address in to:
        send_mail(subject=subject_line, message=body, from_email=None, recipient_list=[address])


def _group_url(group: WorkingGroup) -> str:
    return settings.SITE_URL + group.get_absolute_url()


# Notifications to the group's followers (texts in the default language, see
# questions/notifications.py); a private group's reach only who may read its space.
NEW_DOCUMENT = gettext_lazy("New document in the working group “%(group)s”: %(title)s")
NEW_MEETING = gettext_lazy("New meeting of the working group “%(group)s”: %(title)s")
NEW_RESULT = gettext_lazy("New result of the working group “%(group)s”: %(title)s")


def _tell_followers(group: WorkingGroup, *, kind: str, message, title: str, url: str, by):
    notify_followers(
        network=None,
        working_group=group,
        kind=kind,
        text=in_mail_language(lambda: str(message) % {"group": group.title, "title": title}),
        url=url,
        exclude_user_ids=[by.pk],
    )


# --- Groups ----------------------------------------------------------------------------


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:100].strip("-") or "arbeitsgruppe"
    slug, number = base, 1
    taken = WorkingGroup.objects.exclude(pk=exclude_pk) if exclude_pk else WorkingGroup.objects
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _check_may_organise(network, by) -> None:
    if not (_is_admin(by) or network.pk in network_roles(by).coordinated):
        raise ValidationError(
            {"network": _("You can only create working groups for networks you coordinate.")}
        )


def _check_sisters(network, shared_with) -> None:
    sisters = set(network.sister_networks.values_list("pk", flat=True))
    others = [other.name for other in shared_with if other.pk not in sisters]
    if others:
        raise ValidationError(
            {
                "shared_with": _(
                    "A group can only be shared with sister networks of %(network)s, "
                    "not with %(others)s."
                )
                % {"network": network.name, "others": ", ".join(others)}
            }
        )


def _forget_networks(group: WorkingGroup) -> None:
    group.__dict__.pop("_network_ids", None)
    group.__dict__.get("_prefetched_objects_cache", {}).pop("shared_with", None)


def create_group(
    *,
    network,
    title: str,
    lead,
    by,
    description: str = "",
    topic=None,
    is_private: bool = False,
    shared_with=(),
) -> WorkingGroup:
    """A new group of `network`, with `lead` as its first lead."""
    shared_with = list(shared_with)
    _check_may_organise(network, by)
    _check_sisters(network, shared_with)
    group = WorkingGroup(
        network=network,
        title=title.strip(),
        description=description.strip(),
        topic=topic,
        is_private=is_private,
        created_by=by,
    )
    group.slug = unique_slug(group.title)
    with transaction.atomic():
        group.full_clean()
        group.save()
        group.shared_with.set(shared_with)
        _forget_networks(group)
        if not belongs_to_group_networks(lead, group):
            raise ValidationError(
                {
                    "lead": _(
                        "The lead must belong to a member municipality of the group's networks."
                    )
                }
            )
        GroupMember.objects.create(
            group=group,
            user=lead,
            role=GroupRole.LEAD,
            status=MemberStatus.ACTIVE,
            decided_by=by,
            joined_at=timezone.now(),
        )
        record_event(
            actor=by,
            action="workinggroup.created",
            target=group,
            data={
                "network": network.pk,
                "shared_with": [other.pk for other in shared_with],
                "private": is_private,
                "lead": lead.pk,
            },
        )
    forget_group_roles(lead)
    return group


def _meeting_visibility(group: WorkingGroup) -> str:
    return Visibility.INVITED if group.is_private else Visibility.PUBLIC


def update_group(*, group: WorkingGroup, values: dict, by, shared_with=None) -> list[str]:
    """Change the group's details; return the changed fields.

    Turning a group private (or public) also changes the visibility of its
    meetings, which the events app shows accordingly.
    """
    unknown = set(values) - set(GROUP_FIELDS)
    if unknown:
        raise ValueError(f"Not a field of a working group: {sorted(unknown)}")
    changed = []
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(group, name) != value:
            setattr(group, name, value)
            changed.append(name)
    with transaction.atomic():
        group.full_clean()
        if changed:
            group.save(update_fields=changed)
        if shared_with is not None:
            shared_with = list(shared_with)
            _check_sisters(group.network, shared_with)
            before = set(group.shared_with.values_list("pk", flat=True))
            if before != {other.pk for other in shared_with}:
                group.shared_with.set(shared_with)
                _forget_networks(group)
                changed.append("shared_with")
        if "is_private" in changed:
            Event.objects.filter(working_group=group).update(visibility=_meeting_visibility(group))
        if changed:
            record_event(
                actor=by, action="workinggroup.updated", target=group, data={"fields": changed}
            )
    return changed


def archive_group(*, group: WorkingGroup, by) -> WorkingGroup:
    """An archived group stays readable; it takes no members or contributions."""
    if group.archived_at is not None:
        raise ValidationError(_("The group is archived already."))
    with transaction.atomic():
        group.archived_at = timezone.now()
        group.save(update_fields=["archived_at"])
        record_event(actor=by, action="workinggroup.archived", target=group)
    return group


def reactivate_group(*, group: WorkingGroup, by) -> WorkingGroup:
    if group.archived_at is None:
        raise ValidationError(_("The group is not archived."))
    with transaction.atomic():
        group.archived_at = None
        group.save(update_fields=["archived_at"])
        record_event(actor=by, action="workinggroup.reactivated", target=group)
    return group


def _check_open(group: WorkingGroup) -> None:
    if group.archived_at is not None:
        raise ValidationError(_("The group is archived; nothing can be added or changed."))


def _check_contributor(group: WorkingGroup, by) -> None:
    """Only active members write in the space (platform admins included: they are not members)."""
    _check_open(group)
    if by is None or not group_roles(by).is_member(group.pk):
        raise ValidationError(_("Only members of the group can contribute to it."))


# --- Membership --------------------------------------------------------------------------


def _locked(group: WorkingGroup) -> WorkingGroup:
    """Lock the group's row: changes of the lead role are serialised per group."""
    return WorkingGroup.objects.select_for_update().get(pk=group.pk)


def _active_leads(group: WorkingGroup):
    return GroupMember.objects.filter(group=group, role=GroupRole.LEAD, status=MemberStatus.ACTIVE)


def _coming_meetings(group_id: int):
    """The group's meetings that have not ended yet; past ones keep their organisers as a record."""
    return Event.objects.filter(working_group_id=group_id, ends_at__gte=timezone.now())


def _stop_organising(group_id: int, user) -> None:
    """Whoever stops leading (or leaves) is no longer a named organiser of coming meetings.

    Named organisers manage a meeting; of a private group's meeting they see it
    only while they are members (events/permissions.py), but they should not
    keep managing it either.
    """
    for event in _coming_meetings(group_id).filter(organisers=user):
        event.organisers.remove(user)  # one by one: m2m_changed keeps the search index current


def _start_organising(group_id: int, user) -> None:
    """A new lead organises the coming meetings, as the leads do who scheduled them."""
    for event in _coming_meetings(group_id).exclude(organisers=user):
        event.organisers.add(user)


def _check_not_last_lead(member: GroupMember, message: str) -> None:
    if member.role != GroupRole.LEAD or member.status != MemberStatus.ACTIVE:
        return
    if not _active_leads(member.group_id).exclude(pk=member.pk).exists():
        raise ValidationError(message)


def request_to_join(*, group: WorkingGroup, user, message: str = "") -> GroupMember:
    """Ask to join; the group's leads are told by e-mail. Joining always needs an approval."""
    _check_open(group)
    if not belongs_to_group_networks(user, group):
        raise ValidationError(
            _("Only people of member municipalities of the group's networks can join it.")
        )
    with transaction.atomic():
        member = GroupMember.objects.select_for_update().filter(group=group, user=user).first()
        if member is not None and member.status == MemberStatus.ACTIVE:
            raise ValidationError(_("You are a member of this group already."))
        if member is not None and member.status == MemberStatus.REQUESTED:
            raise ValidationError(_("You have asked to join already; the leads will decide."))
        if member is None:
            member = GroupMember(group=group, user=user)
        member.role = GroupRole.MEMBER
        member.status = MemberStatus.REQUESTED
        member.message = message.strip()
        member.decided_by = None
        member.requested_at = timezone.now()
        member.full_clean()
        member.save()
        leads = [lead.user for lead in _active_leads(group).select_related("user")]
        _mail(
            to=[lead.email for lead in leads],
            subject=_("%(person)s asks to join %(group)s")
            % {"person": user.display_name, "group": group.title},
            template="workinggroups/email/join_requested.txt",
            context={
                "group": group,
                "person": user,
                "message": member.message,
                "members_url": settings.SITE_URL + _members_path(group),
            },
        )
    return member


def _members_path(group: WorkingGroup) -> str:
    return reverse("workinggroups:members", kwargs={"slug": group.slug})


def decide_request(*, member: GroupMember, approve: bool, by, note: str = "") -> GroupMember:
    """Admit or decline a request to join; the person is told by e-mail."""
    group = member.group
    with transaction.atomic():
        member = GroupMember.objects.select_for_update().get(pk=member.pk)
        if member.status != MemberStatus.REQUESTED:
            raise ValidationError(_("This request has been decided already."))
        if approve:
            _check_open(group)
            if not belongs_to_group_networks(member.user, group):
                raise ValidationError(
                    _(
                        "%(person)s no longer belongs to a member municipality of the "
                        "group's networks and cannot be admitted."
                    )
                    % {"person": member.user.display_name}
                )
            member.status = MemberStatus.ACTIVE
            member.joined_at = timezone.now()
        else:
            member.status = MemberStatus.DECLINED
        member.decided_by = by
        member.save(update_fields=["status", "joined_at", "decided_by"])
        record_event(
            actor=by,
            action="workinggroup.member_admitted" if approve else "workinggroup.request_declined",
            target=group,
            data={"member": member.user_id},
        )
        _mail(
            to=[member.user.email],
            subject=(_("Welcome to %(group)s") if approve else _("Your request to join %(group)s"))
            % {"group": group.title},
            template=(
                "workinggroups/email/request_approved.txt"
                if approve
                else "workinggroups/email/request_declined.txt"
            ),
            context={
                "group": group,
                "person": member.user,
                "note": note.strip(),
                "group_url": _group_url(group),
            },
        )
    forget_group_roles(member.user)
    return member


def _end_membership(member: GroupMember, *, action: str, by, refusal: str) -> GroupMember:
    with transaction.atomic():
        _locked(member.group)
        member = GroupMember.objects.select_related("group", "user").get(pk=member.pk)
        if member.status != MemberStatus.ACTIVE:
            raise ValidationError(_("This person is not a member of the group."))
        _check_not_last_lead(member, refusal)
        member.status = MemberStatus.LEFT
        member.role = GroupRole.MEMBER
        member.left_at = timezone.now()
        member.save(update_fields=["status", "role", "left_at"])
        _stop_organising(member.group_id, member.user)
        record_event(actor=by, action=action, target=member.group, data={"member": member.user_id})
    forget_group_roles(member.user)
    return member


def leave_group(*, group: WorkingGroup, user) -> GroupMember:
    member = GroupMember.objects.filter(group=group, user=user).first()
    if member is None:
        raise ValidationError(_("You are not a member of this group."))
    return _end_membership(
        member,
        action="workinggroup.member_left",
        by=user,
        refusal=_(
            "You are the group's only lead. Please hand over the lead role to another "
            "member before you leave."
        ),
    )


def remove_member(*, member: GroupMember, by) -> GroupMember:
    return _end_membership(
        member,
        action="workinggroup.member_removed",
        by=by,
        refusal=_("%(person)s is the group's only lead. Please name another lead first.")
        % {"person": member.user.display_name},
    )


def make_lead(*, member: GroupMember, by) -> GroupMember:
    """An active member becomes a (further) lead."""
    with transaction.atomic():
        _locked(member.group)
        member = GroupMember.objects.select_related("group", "user").get(pk=member.pk)
        if member.status != MemberStatus.ACTIVE:
            raise ValidationError(_("Only active members can lead the group."))
        if member.role == GroupRole.LEAD:
            raise ValidationError(
                _("%(person)s leads the group already.") % {"person": member.user.display_name}
            )
        member.role = GroupRole.LEAD
        member.save(update_fields=["role"])
        _start_organising(member.group_id, member.user)
        record_event(
            actor=by,
            action="workinggroup.lead_added",
            target=member.group,
            data={"member": member.user_id},
        )
    forget_group_roles(member.user)
    return member


def add_lead(*, group: WorkingGroup, user, by) -> GroupMember:
    """A coordinator names a lead, who need not have been a member (e.g. a successor)."""
    _check_open(group)
    if not belongs_to_group_networks(user, group):
        raise ValidationError(
            {
                "email": _(
                    "%(person)s does not belong to a member municipality of the group's networks."
                )
                % {"person": user.display_name}
            }
        )
    with transaction.atomic():
        _locked(group)
        member = GroupMember.objects.filter(group=group, user=user).first()
        if (
            member is not None
            and member.status == MemberStatus.ACTIVE
            and member.role == GroupRole.LEAD
        ):
            raise ValidationError(
                {"email": _("%(person)s leads the group already.") % {"person": user.display_name}}
            )
        if member is None:
            member = GroupMember(group=group, user=user)
        if member.status != MemberStatus.ACTIVE:
            member.joined_at = timezone.now()
            member.left_at = None
        member.status = MemberStatus.ACTIVE
        member.role = GroupRole.LEAD
        member.decided_by = by
        member.full_clean()
        member.save()
        _start_organising(group.pk, user)
        record_event(
            actor=by, action="workinggroup.lead_added", target=group, data={"member": user.pk}
        )
    forget_group_roles(user)
    return member


def step_down(*, member: GroupMember, by) -> GroupMember:
    """A lead becomes an ordinary member again; refused for the last lead."""
    with transaction.atomic():
        _locked(member.group)
        member = GroupMember.objects.select_related("group", "user").get(pk=member.pk)
        if member.role != GroupRole.LEAD or member.status != MemberStatus.ACTIVE:
            raise ValidationError(
                _("%(person)s does not lead the group.") % {"person": member.user.display_name}
            )
        _check_not_last_lead(
            member,
            _("A group always needs a lead. Please name another lead first."),
        )
        member.role = GroupRole.MEMBER
        member.save(update_fields=["role"])
        _stop_organising(member.group_id, member.user)
        record_event(
            actor=by,
            action="workinggroup.lead_removed",
            target=member.group,
            data={"member": member.user_id},
        )
    forget_group_roles(member.user)
    return member


def hand_over_lead(
    *,
    group: WorkingGroup,
    from_member: GroupMember,
    to_member: GroupMember,
    by,
    leave: bool = False,
) -> GroupMember:
    """`to_member` takes over the lead role of `from_member`, who stays a member or leaves.

    A lead hands over their own role (e.g. when changing jobs); a coordinator
    hands over the role of a lead who is gone.
    """
    with transaction.atomic():
        _locked(group)
        from_member = GroupMember.objects.select_related("user").get(pk=from_member.pk)
        to_member = GroupMember.objects.select_related("user").get(pk=to_member.pk)
        if from_member.group_id != group.pk or to_member.group_id != group.pk:
            raise ValueError("Both people must belong to the group.")
        if from_member.role != GroupRole.LEAD or from_member.status != MemberStatus.ACTIVE:
            raise ValidationError(
                {
                    "from_member": _("%(person)s does not lead the group.")
                    % {"person": from_member.user.display_name}
                }
            )
        if to_member.pk == from_member.pk:
            raise ValidationError({"to_member": _("Please choose another member.")})
        if to_member.status != MemberStatus.ACTIVE:
            raise ValidationError({"to_member": _("Only active members can lead the group.")})
        if not belongs_to_group_networks(to_member.user, group):
            raise ValidationError(
                {
                    "to_member": _(
                        "%(person)s no longer belongs to a member municipality of the "
                        "group's networks."
                    )
                    % {"person": to_member.user.display_name}
                }
            )
        to_member.role = GroupRole.LEAD
        to_member.save(update_fields=["role"])
        from_member.role = GroupRole.MEMBER
        fields = ["role"]
        if leave:
            from_member.status = MemberStatus.LEFT
            from_member.left_at = timezone.now()
            fields += ["status", "left_at"]
        from_member.save(update_fields=fields)
        _stop_organising(group.pk, from_member.user)
        _start_organising(group.pk, to_member.user)
        record_event(
            actor=by,
            action="workinggroup.lead_handed_over",
            target=group,
            data={"from": from_member.user_id, "to": to_member.user_id, "left": leave},
        )
        _mail(
            to=[to_member.user.email],
            subject=_("You now lead %(group)s") % {"group": group.title},
            template="workinggroups/email/lead_handed_over.txt",
            context={
                "group": group,
                "person": to_member.user,
                "previous": from_member.user,
                "group_url": _group_url(group),
            },
        )
    forget_group_roles(from_member.user)
    forget_group_roles(to_member.user)
    return to_member


# --- Discussions --------------------------------------------------------------------------


def _check_text(text: str, field: str = "text") -> str:
    text = text.strip()
    if not text:
        raise ValidationError({field: _("Please write something.")})
    if len(text) > MAX_POST_LENGTH:
        raise ValidationError(
            {
                field: _("Please keep a post under %(limit)s characters (it has %(length)s).")
                % {"limit": MAX_POST_LENGTH, "length": len(text)}
            }
        )
    return text


def start_discussion(*, group: WorkingGroup, title: str, text: str, by) -> Discussion:
    _check_contributor(group, by)
    text = _check_text(text)
    now = timezone.now()
    discussion = Discussion(group=group, title=title.strip(), author=by, last_post_at=now)
    with transaction.atomic():
        discussion.full_clean()
        discussion.save()
        Post.objects.create(discussion=discussion, author=by, text=text)
    return discussion


def add_post(*, discussion: Discussion, text: str, by) -> Post:
    _check_contributor(discussion.group, by)
    post = Post(discussion=discussion, author=by, text=_check_text(text))
    with transaction.atomic():
        post.full_clean()
        post.save()
        Discussion.objects.filter(pk=discussion.pk).update(last_post_at=post.created_at)
    return post


# --- Folders -----------------------------------------------------------------------------


def _check_folder_name(group: WorkingGroup, parent: Folder | None, name: str, exclude=None):
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Please give the folder a name.")})
    if "/" in name or "\\" in name:
        raise ValidationError({"name": _("A folder name cannot contain “/” or “\\”.")})
    siblings = Folder.objects.filter(group=group, parent=parent, name__iexact=name)
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude.pk)
    if siblings.exists():
        raise ValidationError({"name": _("There is a folder of this name here already.")})
    return name


def create_folder(*, group: WorkingGroup, name: str, by, parent: Folder | None = None) -> Folder:
    _check_contributor(group, by)
    if parent is not None:
        if parent.group_id != group.pk:
            raise ValueError("The parent folder belongs to another group.")
        depth, above = 1, parent
        while above is not None:
            depth += 1
            above = above.parent
        if depth > MAX_FOLDER_DEPTH:
            raise ValidationError(
                {
                    "name": _("Folders can be nested %(depth)s levels deep at most.")
                    % {"depth": MAX_FOLDER_DEPTH}
                }
            )
    with transaction.atomic():
        folder = Folder(group=group, parent=parent, name=_check_folder_name(group, parent, name))
        folder.full_clean()
        folder.save()
    return folder


def rename_folder(*, folder: Folder, name: str, by) -> Folder:
    _check_contributor(folder.group, by)
    with transaction.atomic():
        folder.name = _check_folder_name(folder.group, folder.parent, name, exclude=folder)
        folder.full_clean()
        folder.save(update_fields=["name"])
    return folder


def delete_folder(*, folder: Folder, by) -> None:
    """Only an empty folder is deleted, so that no document gets lost by accident."""
    _check_contributor(folder.group, by)
    with transaction.atomic():
        if folder.documents.exists() or folder.children.exists():
            raise ValidationError(
                _("The folder is not empty. Please move or delete what it contains first.")
            )
        folder.delete()


# --- Documents ------------------------------------------------------------------------------


def _checked(upload, by):
    try:
        return accept_upload(
            upload, documents.check_document, by=by, purpose="workinggroups.document"
        )
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from None


def _original_name(upload) -> str:
    return (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:200]


def _store_version(document: Document, upload, checked, *, number: int, comment: str, by):
    text = documents.extract_text(upload, checked)
    original = _original_name(upload)
    size = upload.size
    upload.name = f"document.{checked.extension}"
    version = DocumentVersion(
        document=document,
        number=number,
        file=upload,
        original_name=original,
        content_type=checked.content_type,
        size=size,
        comment=comment.strip(),
        text=text,
        uploaded_by=by,
    )
    version.full_clean()
    version.save()
    return version


def add_document(
    *,
    group: WorkingGroup,
    upload,
    by,
    title: str = "",
    description: str = "",
    folder: Folder | None = None,
    comment: str = "",
) -> Document:
    """A new document with its first version; the file is checked by its content."""
    _check_contributor(group, by)
    if folder is not None and folder.group_id != group.pk:
        raise ValueError("The folder belongs to another group.")
    checked = _checked(upload, by)
    title = title.strip() or _original_name(upload).rsplit(".", 1)[0].strip() or _("Document")
    document = Document(
        group=group, folder=folder, title=title, description=description.strip(), created_by=by
    )
    with transaction.atomic():
        document.full_clean()
        document.save()
        _store_version(document, upload, checked, number=1, comment=comment, by=by)
        _tell_followers(
            group,
            kind="workinggroups.document",
            message=NEW_DOCUMENT,
            title=document.title,
            url=site_path("workinggroups:document", slug=group.slug, pk=document.pk),
            by=by,
        )
    return document


def add_version(*, document: Document, upload, by, comment: str = "") -> DocumentVersion:
    """A new version; the older ones stay downloadable."""
    _check_contributor(document.group, by)
    checked = _checked(upload, by)
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        latest = DocumentVersion.objects.filter(document=document).aggregate(n=Max("number"))["n"]
        version = _store_version(
            document, upload, checked, number=(latest or 0) + 1, comment=comment, by=by
        )
        Document.objects.filter(pk=document.pk).update(updated_at=timezone.now())
    return version


def download_name(version: DocumentVersion) -> str:
    """The uploaded file's name with the extension that the content check found."""
    extension = version.file.name.rsplit(".", 1)[-1] if "." in version.file.name else ""
    name = version.original_name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if name else ""
    try:
        stem = get_valid_filename(stem or version.document.title)[:80]
    except Exception:  # Django refuses names like ".." — fall back to the title
        stem = slugify(version.document.title)[:80] or "dokument"
    return f"{stem}.{extension}" if extension else stem


# --- Meetings and results -------------------------------------------------------------------


def schedule_meeting(*, group: WorkingGroup, by, values: dict) -> Event:
    """A meeting of the group: an event of kind working-group meeting, organised by its leads.

    The group's network organises it; the leads are its named organisers (they
    manage it in the events app) while they lead: whoever stops leading or
    leaves is taken off the coming meetings, a new lead is added. A private
    group's meeting is visible to the group's members only.
    """
    _check_open(group)
    if not group_roles(by).is_lead(group.pk):
        raise ValidationError(_("Only the group's leads schedule its meetings."))
    unknown = set(values) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"Not a field of a meeting: {sorted(unknown)}")
    event = Event(
        **values,
        kind=EventKind.WORKING_GROUP,
        visibility=_meeting_visibility(group),
        working_group=group,
        created_by=by,
    )
    event_services.check_event_times(event)
    event.slug = event_services.unique_slug(event.title, event.starts_at)
    leads = [member.user for member in _active_leads(group).select_related("user")]
    with transaction.atomic():
        event.full_clean()
        event.save()
        event.networks.set([group.network])
        event.organisers.set({*leads, by})
        record_event(
            actor=by,
            action="event.created",
            target=event,
            data={"networks": [group.network_id], "working_group": group.pk},
        )
        _tell_followers(
            group,
            kind="workinggroups.meeting",
            message=NEW_MEETING,
            title=event.title,
            url=site_path("events:detail", slug=event.slug),
            by=by,
        )
    return event


def add_result(
    *,
    group: WorkingGroup,
    title: str,
    by,
    text: str = "",
    published_on: datetime.date | None = None,
    document: Document | None = None,
) -> Result:
    _check_contributor(group, by)
    if document is not None and document.group_id != group.pk:
        raise ValidationError({"document": _("Please choose a document of this group.")})
    result = Result(
        group=group,
        title=title.strip(),
        text=text.strip(),
        published_on=published_on or timezone.localdate(),
        document=document,
        created_by=by,
    )
    with transaction.atomic():
        result.full_clean()
        result.save()
        _tell_followers(
            group,
            kind="workinggroups.result",
            message=NEW_RESULT,
            title=result.title,
            url=site_path("workinggroups:results", slug=group.slug),
            by=by,
        )
    return result
