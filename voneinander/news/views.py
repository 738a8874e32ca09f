"""News pages: lists and feeds, one item, writing and publishing, pictures and attachments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import PUBLIC, Perm, access
from voneinander.core.forms import add_service_errors, posted, posted_files
from voneinander.core.http import sandboxed
from voneinander.networks.roles import is_platform_admin
from voneinander.news import feeds, files, selectors, services
from voneinander.news.forms import (
    AttachmentForm,
    ImageForm,
    ImageTextForm,
    NewsFilterForm,
    NewsForm,
    ScheduleForm,
)

PAGE_SIZE = 10

VIEW = Perm("news.view_news", obj=selectors.news_for_viewer, login=False)
CHANGE = Perm("news.change_news", obj=selectors.news_for_viewer)
WRITE_ANY = Perm("news.add_any_news")
ANNOUNCE = Perm("news.announce_admission", obj=selectors.membership_by_pk)


# --- Lists and feeds -----------------------------------------------------------------------


def _page(request, items):
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("seite"))
    return page, page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


@access(PUBLIC)
def news_list(request):
    form = NewsFilterForm(
        request.GET or None,
        networks=list(selectors.networks_for_filter()),
        topics=list(selectors.topics_for_filter()),
    )
    chosen = form.chosen()
    page, page_links = _page(request, selectors.news_list(**chosen))
    return render(
        request,
        "news/list.html",
        {
            "form": form,
            "page": page,
            "page_links": page_links,
            "filtered": any(chosen.values()),
            "can_write": request.user.has_perm("news.add_any_news"),
        },
    )


@access(PUBLIC)
def network_news(request, slug):
    network = selectors.network_for_news(request, slug)
    page, page_links = _page(request, selectors.news_list(network=network))
    return render(
        request,
        "news/network_list.html",
        {
            "network": network,
            "page": page,
            "page_links": page_links,
            "can_write": request.user.has_perm("news.add_news", network),
        },
    )


feed_rss = access(PUBLIC)(feeds.NewsRssFeed())
feed_atom = access(PUBLIC)(feeds.NewsAtomFeed())


@access(WRITE_ANY)
def drafts(request):
    return render(request, "news/drafts.html", {"items": selectors.drafts_for(request.user)})


# --- One item ------------------------------------------------------------------------------


@access(VIEW)
def detail(request, slug):
    item = request.access_object
    user = request.user
    return render(
        request,
        "news/detail.html",
        {
            "item": item,
            "network": item.network,
            "parts": selectors.parts_of(item),
            "links": selectors.linked_objects(item, user),
            "can_edit": user.has_perm("news.change_news", item),
        },
    )


def _form_page(request, form, *, item=None, status=200):
    return render(request, "news/form.html", {"form": form, "item": item}, status=status)


@access(WRITE_ANY)
def create(request):
    user = request.user
    form = NewsForm(
        posted(request),
        user=user,
        networks=list(selectors.networks_for_writing(user)),
        is_admin=is_platform_admin(user),
    )
    if request.GET.get("netzwerk") and request.method != "POST":
        form.initial["network"] = request.GET["netzwerk"]
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_news(
                by=user, network=form.cleaned_data["network"], data=form.values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The draft “%(title)s” has been saved. Add pictures or publish it.")
                % {"title": item.title},
            )
            return redirect("news:detail", slug=item.slug)
    return _form_page(request, form)


@access(CHANGE)
def edit(request, slug):
    item = request.access_object
    form = NewsForm(posted(request), user=request.user, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_news(item=item, by=request.user, data=form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect("news:detail", slug=item.slug)
    return _form_page(request, form, item=item)


@access(CHANGE)
def publication(request, slug):
    """Publish now, schedule, or withdraw (back to a draft)."""
    item = request.access_object
    user = request.user
    schedule_form = ScheduleForm(
        request.POST if request.POST.get("action") == "schedule" else None,
        initial={"published_at": item.published_at} if item.is_scheduled else None,
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "publish":
            services.publish_news(item=item, by=user)
            messages.success(request, _("“%(title)s” is published.") % {"title": item.title})
            return redirect("news:detail", slug=item.slug)
        if action == "unpublish":
            services.unpublish_news(item=item, by=user)
            messages.success(request, _("“%(title)s” is a draft again.") % {"title": item.title})
            return redirect("news:detail", slug=item.slug)
        if action == "schedule" and schedule_form.is_valid():
            try:
                services.schedule_news(
                    item=item, by=user, at=schedule_form.cleaned_data["published_at"]
                )
            except ValidationError as error:
                add_service_errors(schedule_form, error)
            else:
                messages.success(
                    request,
                    _("“%(title)s” will be published at the chosen time.") % {"title": item.title},
                )
                return redirect("news:detail", slug=item.slug)
    return render(
        request,
        "news/publication.html",
        {"item": item, "network": item.network, "form": schedule_form},
        status=400 if schedule_form.errors else 200,
    )


@access(CHANGE)
def delete(request, slug):
    item = request.access_object
    if request.method == "POST":
        services.delete_news(item=item, by=request.user)
        messages.success(request, _("“%(title)s” has been deleted.") % {"title": item.title})
        return redirect("news:drafts")
    return render(request, "news/delete.html", {"item": item, "network": item.network})


@access(ANNOUNCE)
@require_POST
def from_membership(request, pk):
    """The admission's prepared text becomes a draft (once); then its edit page."""
    item, created = services.draft_from_membership(
        membership=request.access_object, by=request.user
    )
    if created:
        messages.success(request, _("The draft has been created. Check it, then publish it."))
    return redirect("news:edit", slug=item.slug)


# --- Pictures ------------------------------------------------------------------------------


@access(CHANGE)
def images(request, slug):
    item = request.access_object
    form = ImageForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_image(
                item=item,
                by=request.user,
                upload=data["file"],
                alt_text=data["alt_text"],
                caption=data["caption"],
                credit=data["credit"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The picture has been added."))
            return redirect("news:images", slug=item.slug)
    return render(
        request,
        "news/images.html",
        {"item": item, "network": item.network, "parts": selectors.parts_of(item), "form": form},
        status=400 if form.errors else 200,
    )


@access(CHANGE)
def image_edit(request, slug, pk):
    item = request.access_object
    image = selectors.image_of(item, pk)
    form = ImageTextForm(
        posted(request),
        initial={"alt_text": image.alt_text, "caption": image.caption, "credit": image.credit},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_image(image=image, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The picture's texts have been saved."))
            return redirect("news:images", slug=item.slug)
    return render(
        request,
        "news/image_edit.html",
        {"item": item, "network": item.network, "image": image, "form": form},
        status=400 if form.errors else 200,
    )


@access(CHANGE)
@require_POST
def image_move(request, slug, pk):
    item = request.access_object
    image = selectors.image_of(item, pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        raise Http404
    services.move_image(image=image, by=request.user, direction=direction)
    return redirect("news:images", slug=item.slug)


@access(CHANGE)
def image_delete(request, slug, pk):
    item = request.access_object
    image = selectors.image_of(item, pk)
    if request.method == "POST":
        services.delete_image(image=image, by=request.user)
        messages.success(request, _("The picture has been removed."))
        return redirect("news:images", slug=item.slug)
    return render(
        request, "news/image_delete.html", {"item": item, "network": item.network, "image": image}
    )


@access(VIEW)
@sandboxed
def image_file(request, slug, pk):
    item = request.access_object
    image = selectors.image_of(item, pk)
    return files.file_response(
        image.file,
        content_type=image.content_type,
        filename=files.download_name("", f"bild-{image.pk}", image.content_type),
        inline=True,
    )


# --- Attachments ---------------------------------------------------------------------------


@access(CHANGE)
def attachments(request, slug):
    item = request.access_object
    form = AttachmentForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        try:
            attachment = services.add_attachment(
                item=item,
                by=request.user,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("“%(title)s” has been added.") % {"title": attachment.title}
            )
            return redirect("news:attachments", slug=item.slug)
    return render(
        request,
        "news/attachments.html",
        {"item": item, "network": item.network, "parts": selectors.parts_of(item), "form": form},
        status=400 if form.errors else 200,
    )


@access(CHANGE)
def attachment_delete(request, slug, pk):
    item = request.access_object
    attachment = selectors.attachment_of(item, pk)
    if request.method == "POST":
        services.delete_attachment(attachment=attachment, by=request.user)
        messages.success(request, _("“%(title)s” has been removed.") % {"title": attachment.title})
        return redirect("news:attachments", slug=item.slug)
    return render(
        request,
        "news/attachment_delete.html",
        {"item": item, "network": item.network, "attachment": attachment},
    )


@access(VIEW)
@sandboxed
def attachment_file(request, slug, pk):
    item = request.access_object
    attachment = selectors.attachment_of(item, pk)
    return files.file_response(
        attachment.file,
        content_type=attachment.content_type,
        filename=files.download_name(
            attachment.original_name, attachment.title, attachment.content_type
        ),
        inline=False,
    )
