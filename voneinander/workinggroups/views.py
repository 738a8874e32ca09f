"""Working-group pages: the list, a group's page and members, and its space.

Every page of a group fetches it through `selectors.group_for_viewer` (404
for a group the person may not know); the space's pages through
`selectors.space_for_viewer` (404 for a private group's space unless one is an
active member — platform admins too, who pass every permission check). Every
object inside is looked up within the group.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from voneinander.core.access import PUBLIC, Perm, access
from voneinander.core.forms import add_service_errors as _add_errors
from voneinander.core.forms import posted, posted_files
from voneinander.core.http import sandboxed
from voneinander.workinggroups import selectors, services
from voneinander.workinggroups.forms import (
    AddLeadForm,
    CreateGroupForm,
    DecisionForm,
    DiscussionForm,
    DocumentForm,
    FolderForm,
    GroupFilterForm,
    GroupForm,
    HandOverForm,
    JoinForm,
    MeetingForm,
    PostForm,
    ResultForm,
    VersionForm,
)
from voneinander.workinggroups.models import MemberStatus
from voneinander.workinggroups.permissions import PERMISSIONS

PAGE_SIZE = 30
PREVIEW = 5

GET = selectors.group_for_viewer
VIEW = Perm("workinggroups.view_group", obj=GET, login=False)
MANAGE = Perm("workinggroups.manage_group", obj=GET)
MEMBERS = Perm("workinggroups.view_members", obj=GET)
LEAD = Perm("workinggroups.lead_group", obj=GET)
SPACE = Perm("workinggroups.view_space", obj=selectors.space_for_viewer, login=False)
CONTRIBUTE = Perm("workinggroups.contribute", obj=selectors.space_for_viewer)


_PERMS = (
    "manage_group",
    "join_group",
    "leave_group",
    "view_members",
    "lead_group",
    "view_space",
    "contribute",
    "schedule_meeting",
)


def _can(request, group) -> dict[str, bool]:
    """What the page offers. The predicates are asked directly, not `has_perm`: Django lets
    superusers pass every `has_perm`, but a platform admin is no member of the group."""
    return {name: PERMISSIONS[f"workinggroups.{name}"].test(request.user, group) for name in _PERMS}


def _page(request, template: str, group, **context):
    return render(request, template, {"group": group, "can": _can(request, group), **context})


# --- The list and a group's page -------------------------------------------------------------


@access(PUBLIC)
def group_list(request):
    form = GroupFilterForm(request.GET or None)
    network, topic = form.values()
    archived = request.GET.get("archiv") == "1"
    groups = selectors.group_list(request.user, network=network, topic=topic, archived=archived)
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "workinggroups/group_list.html",
        {
            "form": form,
            "page": page,
            "page_links": page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            ),
            "archived": archived,
            "network": network,
            "can_create": request.user.has_perm("workinggroups.create_group"),
        },
    )


@access(Perm("workinggroups.create_group"))
def group_create(request):
    form = CreateGroupForm(posted(request), user=request.user, initial={"lead": ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = services.create_group(
                network=data["network"],
                title=data["title"],
                description=data["description"],
                topic=data["topic"],
                is_private=data["is_private"],
                shared_with=data.get("shared_with") or (),
                lead=data["lead"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The working group has been created."))
            return redirect(group)
    return render(request, "workinggroups/group_form.html", {"form": form, "group": None})


@access(VIEW)
def group_detail(request, slug):
    group = request.access_object
    can = _can(request, group)
    context = {
        "leads": selectors.leads_of(group),
        "membership": selectors.membership_of(group, request.user),
        "networks": [group.network, *group.shared_with.all()],
    }
    if can["view_space"]:
        context |= {
            "discussions": selectors.discussions_of(group)[:PREVIEW],
            "meetings": selectors.meetings_of(group, request.user)[:PREVIEW],
            "results": selectors.results_of(group)[:PREVIEW],
        }
    if can["lead_group"]:
        context["open_requests"] = selectors.requests_of(group).count()
    return render(
        request, "workinggroups/group_detail.html", {"group": group, "can": can, **context}
    )


@access(MANAGE)
def group_edit(request, slug):
    group = request.access_object
    initial = {
        "title": group.title,
        "topic": group.topic,
        "description": group.description,
        "is_private": group.is_private,
        "shared_with": list(group.shared_with.all()),
    }
    form = GroupForm(posted(request), network=group.network, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.update_group(
                group=group,
                values={name: data[name] for name in services.GROUP_FIELDS},
                shared_with=data.get("shared_with") if "shared_with" in form.fields else None,
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if changed:
                messages.success(request, _("The working group has been saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect(group)
    return _page(request, "workinggroups/group_form.html", group, form=form)


@access(MANAGE)
def group_archive(request, slug):
    """Archive a group, or make an archived one active again (a confirmation page, then POST)."""
    group = request.access_object
    if request.method == "POST":
        try:
            if group.archived_at is None:
                services.archive_group(group=group, by=request.user)
                messages.success(request, _("The working group has been archived."))
            else:
                services.reactivate_group(group=group, by=request.user)
                messages.success(request, _("The working group is active again."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(group)
    return _page(request, "workinggroups/group_archive.html", group)


# --- Members ----------------------------------------------------------------------------------


@access(MEMBERS)
def members(request, slug):
    return _members_page(request, request.access_object)


def _members_page(request, group, *, handover_form=None, lead_form=None):
    """The member list; a lead or coordinator form with errors is shown as it was sent."""
    can = _can(request, group)
    manager = can["manage_group"]
    if handover_form is None and can["lead_group"]:
        handover_form = HandOverForm(group=group, user=request.user, manager=manager)
    return render(
        request,
        "workinggroups/members.html",
        {
            "group": group,
            "can": can,
            "members": selectors.members_of(group),
            "requests": selectors.requests_of(group) if can["lead_group"] else [],
            "decision_form": DecisionForm(),
            "handover_form": handover_form,
            "lead_form": lead_form or (AddLeadForm() if manager else None),
        },
    )


@access(Perm("workinggroups.join_group", obj=GET))
def join(request, slug):
    group = request.access_object
    membership = selectors.membership_of(group, request.user)
    if membership is not None and membership.status == MemberStatus.REQUESTED:
        messages.info(request, _("You have asked to join already; the leads will decide."))
        return redirect(group)
    form = JoinForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.request_to_join(
                group=group, user=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your request has been sent. The group's leads decide and tell you by e-mail."),
            )
            return redirect(group)
    return _page(request, "workinggroups/join.html", group, form=form)


@access(Perm("workinggroups.leave_group", obj=GET))
def leave(request, slug):
    group = request.access_object
    if request.method == "POST":
        try:
            services.leave_group(group=group, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("workinggroups:members", slug=group.slug)
        messages.success(request, _("You have left the group."))
        return redirect(group)
    return _page(request, "workinggroups/leave.html", group)


@access(LEAD)
@require_POST
def decide(request, slug, pk):
    group = request.access_object
    member = selectors.member_in_group(group, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose whether to admit or decline."))
        return redirect("workinggroups:members", slug=group.slug)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.decide_request(
            member=member, approve=approve, by=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        person = member.user.display_name
        if approve:
            messages.success(request, _("%(person)s is now a member.") % {"person": person})
        else:
            messages.success(
                request, _("The request of %(person)s was declined.") % {"person": person}
            )
    return redirect("workinggroups:members", slug=group.slug)


_MEMBER_ACTIONS = {
    "make_lead": (services.make_lead, _lazy("%(person)s now leads the group as well.")),
    "step_down": (services.step_down, _lazy("%(person)s no longer leads the group.")),
    "remove": (services.remove_member, _lazy("%(person)s has been removed from the group.")),
}


@access(LEAD)
@require_POST
def member_change(request, slug, pk):
    group = request.access_object
    member = selectors.member_in_group(group, pk)
    action = _MEMBER_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action."))
        return redirect("workinggroups:members", slug=group.slug)
    service, done = action
    try:
        service(member=member, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(done) % {"person": member.user.display_name})
    return redirect("workinggroups:members", slug=group.slug)


@access(MANAGE)
def add_lead(request, slug):
    group = request.access_object
    form = AddLeadForm(posted(request))
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["email"]
        try:
            services.add_lead(group=group, user=person, by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("%(person)s now leads the group.") % {"person": person.display_name}
            )
            return redirect("workinggroups:members", slug=group.slug)
    if request.method == "POST":
        return _members_page(request, group, lead_form=form)
    return redirect("workinggroups:members", slug=group.slug)


@access(LEAD)
def handover(request, slug):
    group = request.access_object
    manager = PERMISSIONS["workinggroups.manage_group"].test(request.user, group)
    form = HandOverForm(posted(request), group=group, user=request.user, manager=manager)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.hand_over_lead(
                group=group,
                from_member=data["from_member"],
                to_member=data["to_member"],
                leave=data["leave"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s now leads the group.")
                % {"person": data["to_member"].user.display_name},
            )
            if data["leave"] and data["from_member"].user_id == request.user.pk:
                return redirect(group)
            return redirect("workinggroups:members", slug=group.slug)
    if request.method == "POST":
        return _members_page(request, group, handover_form=form)
    return redirect("workinggroups:members", slug=group.slug)


# --- Discussions -------------------------------------------------------------------------------


@access(SPACE)
def discussions(request, slug):
    group = request.access_object
    page = Paginator(selectors.discussions_of(group), PAGE_SIZE).get_page(request.GET.get("seite"))
    return _page(
        request,
        "workinggroups/discussions.html",
        group,
        page=page,
        page_links=page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
    )


@access(CONTRIBUTE)
def discussion_create(request, slug):
    group = request.access_object
    form = DiscussionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            discussion = services.start_discussion(
                group=group,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The discussion has been started."))
            return redirect("workinggroups:discussion", slug=group.slug, pk=discussion.pk)
    return _page(request, "workinggroups/discussion_form.html", group, form=form)


def _discussion_page(request, group, discussion, form=None):
    return _page(
        request,
        "workinggroups/discussion.html",
        group,
        discussion=discussion,
        posts=selectors.posts_of(discussion),
        form=form or PostForm(),
    )


@access(SPACE)
def discussion(request, slug, pk):
    group = request.access_object
    return _discussion_page(request, group, selectors.discussion_in_group(group, pk))


@access(CONTRIBUTE)
@require_POST
def post_create(request, slug, pk):
    group = request.access_object
    discussion = selectors.discussion_in_group(group, pk)
    form = PostForm(request.POST)
    if form.is_valid():
        try:
            post = services.add_post(
                discussion=discussion, text=form.cleaned_data["text"], by=request.user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your reply has been posted."))
            url = reverse(
                "workinggroups:discussion", kwargs={"slug": group.slug, "pk": discussion.pk}
            )
            return redirect(f"{url}#beitrag-{post.pk}")
    return _discussion_page(request, group, discussion, form=form)


# --- Documents -----------------------------------------------------------------------------------


def _folder_param(request, group, name: str):
    value = request.GET.get(name, "")
    return selectors.folder_in_group(group, value) if value.isdigit() else None


def _folder_page(request, group, folder):
    return _page(
        request,
        "workinggroups/documents.html",
        group,
        folder=folder,
        path=selectors.folder_path(folder),
        folders=selectors.subfolders(group, folder),
        documents=selectors.documents_in(group, folder),
    )


@access(SPACE)
def documents(request, slug):
    group = request.access_object
    return _folder_page(request, group, None)


@access(SPACE)
def folder(request, slug, pk):
    group = request.access_object
    return _folder_page(request, group, selectors.folder_in_group(group, pk))


def _back_to_folder(group, folder):
    if folder is None:
        return redirect("workinggroups:documents", slug=group.slug)
    return redirect("workinggroups:folder", slug=group.slug, pk=folder.pk)


@access(CONTRIBUTE)
def folder_create(request, slug):
    group = request.access_object
    parent = _folder_param(request, group, "in")
    form = FolderForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_folder(
                group=group, parent=parent, name=form.cleaned_data["name"], by=request.user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The folder has been created."))
            return _back_to_folder(group, created)
    return _page(
        request, "workinggroups/folder_form.html", group, form=form, parent=parent, folder=None
    )


@access(CONTRIBUTE)
def folder_rename(request, slug, pk):
    group = request.access_object
    folder = selectors.folder_in_group(group, pk)
    form = FolderForm(posted(request), initial={"name": folder.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.rename_folder(folder=folder, name=form.cleaned_data["name"], by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The folder has been renamed."))
            return _back_to_folder(group, folder)
    return _page(
        request,
        "workinggroups/folder_form.html",
        group,
        form=form,
        parent=folder.parent,
        folder=folder,
    )


@access(CONTRIBUTE)
def folder_delete(request, slug, pk):
    group = request.access_object
    folder = selectors.folder_in_group(group, pk)
    if request.method == "POST":
        try:
            services.delete_folder(folder=folder, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _back_to_folder(group, folder)
        messages.success(request, _("The folder “%(name)s” has been deleted.") % {"name": folder})
        return _back_to_folder(group, folder.parent)
    return _page(request, "workinggroups/folder_delete.html", group, folder=folder)


@access(CONTRIBUTE)
def document_upload(request, slug):
    group = request.access_object
    folder = _folder_param(request, group, "ordner")
    form = DocumentForm(
        posted(request), posted_files(request), group=group, initial={"folder": folder}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.add_document(
                group=group,
                folder=data["folder"],
                title=data["title"],
                description=data["description"],
                upload=data["file"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The document has been uploaded."))
            return redirect("workinggroups:document", slug=group.slug, pk=document.pk)
    return _page(request, "workinggroups/document_form.html", group, form=form, folder=folder)


def _document_page(request, group, document, form=None):
    return _page(
        request,
        "workinggroups/document.html",
        group,
        document=document,
        path=selectors.folder_path(document.folder),
        versions=selectors.versions_of(document),
        form=form or VersionForm(),
    )


@access(SPACE)
def document(request, slug, pk):
    group = request.access_object
    return _document_page(request, group, selectors.document_in_group(group, pk))


@access(CONTRIBUTE)
@require_POST
def version_upload(request, slug, pk):
    group = request.access_object
    document = selectors.document_in_group(group, pk)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.add_version(
                document=document,
                upload=form.cleaned_data["file"],
                comment=form.cleaned_data["comment"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(number)s has been uploaded.") % {"number": version.number},
            )
            return redirect("workinggroups:document", slug=group.slug, pk=document.pk)
    return _document_page(request, group, document, form=form)


@access(SPACE)
@sandboxed
def version_download(request, slug, pk, number):
    group = request.access_object
    version = selectors.version_of(selectors.document_in_group(group, pk), number)
    try:
        with version.file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    response = HttpResponse(content, content_type=version.content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, services.download_name(version)
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=0)
    return response


# --- Meetings and results ----------------------------------------------------------------------


@access(SPACE)
def meetings(request, slug):
    group = request.access_object
    return _page(
        request,
        "workinggroups/meetings.html",
        group,
        upcoming=selectors.meetings_of(group, request.user),
        past=selectors.meetings_of(group, request.user, past=True)[:PAGE_SIZE],
    )


@access(Perm("workinggroups.schedule_meeting", obj=selectors.space_for_viewer))
def meeting_create(request, slug):
    group = request.access_object
    form = MeetingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.MEETING_FIELDS}
        try:
            event = services.schedule_meeting(group=group, values=values, by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The meeting has been scheduled. As its organiser you can change it and "
                    "see who registered on the event's page."
                ),
            )
            return redirect(event)
    return _page(request, "workinggroups/meeting_form.html", group, form=form)


@access(SPACE)
def results(request, slug):
    group = request.access_object
    return _page(request, "workinggroups/results.html", group, results=selectors.results_of(group))


@access(CONTRIBUTE)
def result_create(request, slug):
    group = request.access_object
    form = ResultForm(posted(request), documents=selectors.all_documents(group))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_result(
                group=group,
                title=data["title"],
                text=data["text"],
                published_on=data["published_on"],
                document=data["document"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The result has been added."))
            return redirect("workinggroups:results", slug=group.slug)
    return _page(request, "workinggroups/result_form.html", group, form=form)
