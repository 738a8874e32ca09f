import contextlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from voneinander.core.access import PUBLIC, Perm, access
from voneinander.core.forms import add_service_errors
from voneinander.pages import selectors, services, throttling
from voneinander.pages.a11y_texts import SIGN_LANGUAGE_SLUG
from voneinander.pages.forms import (
    BarrierReportFilterForm,
    BarrierReportForm,
    BarrierReportUpdateForm,
    PageForm,
)
from voneinander.pages.models import BarrierReportStatus, PageKind

REPORTS_PER_PAGE = 50


def render_page(request, page, *, fallback_title: str = ""):
    """One page (legal, platform or network); editors see who changed it last."""
    can_edit = page is not None and request.user.has_perm("pages.edit_page", page)
    context = {
        "page": page,
        "title": page.title if page else fallback_title,
        "can_edit": can_edit,
        "network": page.network if page is not None and page.network_id else None,
    }
    if page is None or page.kind == PageKind.ACCESSIBILITY:
        context["report_form"] = BarrierReportForm(request=request)
    if page is not None and not page.network_id and page.slug == SIGN_LANGUAGE_SLUG:
        context["sign_language"] = {"video": selectors.sign_language_video()}
    return render(request, "pages/page.html", context)


# --- Showing pages ---------------------------------------------------------------------


@access(PUBLIC)
def page_detail(request, slug):
    page = selectors.platform_page(request, slug)
    if page.is_legal:  # the legal pages keep their own addresses
        return redirect(page.get_absolute_url())
    return render_page(request, page)


@access(PUBLIC)
def network_page(request, network_slug, slug):
    return render_page(request, selectors.network_page(request, network_slug, slug))


# --- Lists -----------------------------------------------------------------------------


@access(Perm("pages.manage_platform_pages"))
def platform_page_list(request):
    return render(request, "pages/page_list.html", {"pages": selectors.platform_pages()})


@access(Perm("pages.manage_network_pages", obj=selectors.network_for_pages))
def network_page_list(request, network_slug):
    network = request.access_object
    return render(
        request,
        "pages/page_list.html",
        {"pages": selectors.pages_of_network(network), "network": network},
    )


# --- Creating, editing, deleting -------------------------------------------------------


def _wants_preview(request) -> bool:
    """The form was sent with the preview button: show the text, save nothing."""
    return request.method == "POST" and "preview" in request.POST


def _create(request, *, network):
    form = PageForm(request.POST or None, footer=network is None)
    preview = _wants_preview(request)
    if request.method == "POST" and not preview and form.is_valid():
        data = form.cleaned_data
        try:
            page = services.create_page(
                network=network,
                slug=data["slug"],
                title=data["title"],
                body=data["body"],
                show_in_footer=data.get("show_in_footer", False),
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The page has been created."))
            return redirect(page.get_absolute_url())
    return render(
        request,
        "pages/page_form.html",
        {"form": form, "network": network, "preview": preview, "page": None},
    )


@access(Perm("pages.manage_platform_pages"))
def platform_page_create(request):
    return _create(request, network=None)


@access(Perm("pages.manage_network_pages", obj=selectors.network_for_pages))
def network_page_create(request, network_slug):
    return _create(request, network=request.access_object)


def _edit(request, page):
    footer = page.network_id is None and not page.is_legal
    form = PageForm(request.POST or None, page=page, footer=footer)
    preview = _wants_preview(request)
    if request.method == "POST" and not preview and form.is_valid():
        try:
            changed = services.update_page(page=page, values=form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if changed:
                messages.success(request, _("The page has been saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect(page.get_absolute_url())
    return render(
        request,
        "pages/page_form.html",
        {"form": form, "page": page, "network": page.network, "preview": preview},
    )


@access(Perm("pages.edit_page", obj=selectors.platform_page))
def platform_page_edit(request, slug):
    return _edit(request, request.access_object)


@access(Perm("pages.edit_page", obj=selectors.network_page))
def network_page_edit(request, network_slug, slug):
    return _edit(request, request.access_object)


def _delete(request, page, *, back: str):
    if request.method == "POST":
        try:
            services.delete_page(page=page, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(page.get_absolute_url())
        messages.success(
            request, _("The page “%(title)s” has been deleted.") % {"title": page.title}
        )
        return redirect(back)
    return render(
        request,
        "pages/page_delete.html",
        {"page": page, "network": page.network, "back": back},
    )


@access(Perm("pages.edit_page", obj=selectors.platform_page))
def platform_page_delete(request, slug):
    page = request.access_object
    if page.is_legal:
        return redirect(page.get_absolute_url())
    return _delete(request, page, back=reverse("pages:list"))


@access(Perm("pages.edit_page", obj=selectors.network_page))
def network_page_delete(request, network_slug, slug):
    page = request.access_object
    return _delete(
        request, page, back=reverse("pages:network_list", kwargs={"network_slug": network_slug})
    )


# --- Barrier reports -------------------------------------------------------------------


@access(PUBLIC)
def report_barrier(request):
    """*Barriere melden*: anyone may send it, signed in or not."""
    if request.method == "POST":
        form = BarrierReportForm(request.POST, request=request)
        if form.is_valid():
            if not throttling.take_barrier_report_slot(request):
                form.add_error(
                    None,
                    _(
                        "You have sent several reports within a short time. To protect the "
                        "platform from misuse, please try again in an hour. Your text is still "
                        "in the form below."
                    ),
                )
                return render(request, "pages/report_barrier.html", {"form": form}, status=429)
            if not form.is_spam:
                data = form.cleaned_data
                services.report_barrier(
                    description=data["description"],
                    page_url=data["page_url"],
                    name=data["name"],
                    email=data["email"],
                    reporter=request.user,
                )
            # No flash message: it would need a session, hence a cookie, for anonymous visitors.
            return redirect(reverse("pages:report_barrier") + "?gesendet=1")
    else:
        form = BarrierReportForm(initial=_initial_report(request), request=request)
    return render(
        request,
        "pages/report_barrier.html",
        {"form": form, "sent": request.method == "GET" and "gesendet" in request.GET},
    )


def _initial_report(request) -> dict:
    initial = {}
    with contextlib.suppress(ValidationError):  # a foreign address is not offered
        initial["page_url"] = services.same_site_path(
            request.GET.get("seite", ""),
            hosts=services.platform_hosts() | {request.get_host().split(":")[0]},
        )
    if request.user.is_authenticated:
        initial["name"] = request.user.get_full_name()
        initial["email"] = request.user.email
    return initial


@access(Perm("pages.view_barrier_reports"))
def report_list(request):
    filter_form = BarrierReportFilterForm(request.GET or None)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    paginator = Paginator(selectors.barrier_reports(status=status or None), REPORTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("seite"))
    return render(
        request,
        "pages/report_list.html",
        {
            "filter_form": filter_form,
            "status": status,
            "reports": page.object_list,
            "page": page,
            "page_links": paginator.get_elided_page_range(page.number),
            "counts": selectors.barrier_report_counts(),
            "statuses": BarrierReportStatus,
        },
    )


@access(Perm("pages.handle_barrier_report", obj=selectors.barrier_report))
def report_detail(request, pk):
    report = request.access_object
    form = BarrierReportUpdateForm(
        request.POST or None, initial={"status": report.status, "note": report.note}
    )
    if request.method == "POST" and form.is_valid():
        changed = services.update_barrier_report(
            report=report,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        if changed:
            messages.success(request, _("The report has been updated."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect(report.get_absolute_url())
    return render(request, "pages/report_detail.html", {"report": report, "form": form})
