"""Writes for pages and barrier reports."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from voneinander.audit.services import record_event
from voneinander.pages import legal_texts, selectors
from voneinander.pages.models import BarrierReport, Page, PageKind

# Addresses the URL patterns use themselves (see urls.py), and the legal pages'.
RESERVED_PLATFORM_SLUGS = frozenset(
    {
        "neu",
        "netzwerk",
        "barriere-melden",
        "barrieren",
        "bearbeiten",
        "loeschen",
        legal_texts.IMPRINT_SLUG,
        legal_texts.PRIVACY_SLUG,
        legal_texts.ACCESSIBILITY_SLUG,
    }
)
RESERVED_NETWORK_SLUGS = frozenset({"neu", "bearbeiten", "loeschen"})


def _check_slug(*, network, slug: str, exclude_pk: int | None = None) -> None:
    reserved = RESERVED_NETWORK_SLUGS if network else RESERVED_PLATFORM_SLUGS
    if slug in reserved:
        raise ValidationError(
            {
                "slug": _(
                    "The address “%(slug)s” is reserved for the platform. "
                    "Please choose another one."
                )
                % {"slug": slug}
            }
        )
    taken = Page.objects.filter(network=network, slug=slug).exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {"slug": _("There is already a page with this address. Please choose another one.")}
        )


def _check_footer(page: Page) -> None:
    if page.show_in_footer and (page.network_id or page.is_legal):
        raise ValidationError(
            {"show_in_footer": _("Only free pages of the platform can be linked in the footer.")}
        )


def create_page(
    *, network=None, slug: str, title: str, body: str, show_in_footer: bool = False, by
) -> Page:
    """A new free page of the platform (`network=None`) or of a network."""
    with transaction.atomic():
        _check_slug(network=network, slug=slug)
        page = Page(
            network=network,
            kind=PageKind.FREE,
            slug=slug,
            title=title,
            body=body,
            show_in_footer=show_in_footer,
            updated_by=by,
        )
        _check_footer(page)
        page.full_clean()
        page.save()
        record_event(
            actor=by,
            action="page.created",
            target=page,
            data={"network_id": network.pk if network else None, "slug": slug},
        )
    selectors.forget_footer_links()
    return page


PAGE_FIELDS = ("title", "body", "show_in_footer")


def update_page(*, page: Page, values: dict, by) -> bool:
    """Change title, text and footer link; returns whether anything changed.

    The address (slug) stays, so that links to the page keep working.
    """
    changed = [
        name for name in PAGE_FIELDS if name in values and getattr(page, name) != values[name]
    ]
    if not changed:
        return False
    with transaction.atomic():
        for name in changed:
            setattr(page, name, values[name])
        page.updated_by = by
        _check_footer(page)
        page.full_clean()
        page.save(update_fields=[*changed, "updated_by", "updated_at"])
        record_event(actor=by, action="page.changed", target=page, data={"fields": changed})
    selectors.forget_footer_links()
    return True


def delete_page(*, page: Page, by) -> None:
    if page.is_legal:
        raise ValidationError(_("The legal pages cannot be deleted; you can change their text."))
    with transaction.atomic():
        record_event(
            actor=by,
            action="page.deleted",
            target=page,
            data={"network_id": page.network_id, "slug": page.slug, "title": page.title},
        )
        page.delete()
    selectors.forget_footer_links()


# --- Barrier reports -------------------------------------------------------------------


def same_site_path(value: str, *, hosts: set[str]) -> str:
    """The path (with query) of an address on this platform; raises for any other.

    Accepts a path ("/veranstaltungen/") or a full address whose host is one of
    `hosts` (the platform's own); anything else - other sites, other schemes,
    protocol-relative "//host" addresses - is refused.
    """
    value = (value or "").strip()
    if not value:
        return ""
    refused = ValidationError(
        _(
            "Please enter the address of a page on this platform, for example "
            "/veranstaltungen/, or leave the field empty."
        ),
        code="foreign_url",
    )
    if "\\" in value or any(ord(char) < 32 for char in value):
        raise refused
    parts = urlsplit(value)
    foreign = parts.scheme not in {"http", "https"} or parts.hostname not in hosts
    if (parts.scheme or parts.netloc) and foreign:
        raise refused
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        raise refused
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path[:500]


def platform_hosts() -> set[str]:
    hosts = {urlsplit(settings.SITE_URL).hostname or ""}
    return {host for host in hosts if host}


def _mail_context(report: BarrierReport) -> dict:
    return {
        "report": report,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "report_url": settings.SITE_URL + report.get_absolute_url(),
        "page_address": settings.SITE_URL + report.page_url if report.page_url else "",
    }


def _send_report_mails(report: BarrierReport) -> None:
    context = _mail_context(report)
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"[{settings.SITE_NAME}] " + _("Barrier reported (#%(number)s)") % {
            "number": report.pk
        }
        body = render_to_string("pages/email/barrier_report.txt", context)
        recipients = selectors.barrier_report_recipients(
            [settings.ACCESSIBILITY_CONTACT_EMAIL] if settings.ACCESSIBILITY_CONTACT_EMAIL else []
        )
        # One message per person: nobody sees who else was told.
        for address in recipients:
            EmailMessage(
                subject=subject,
                body=body,
                to=[address],
                reply_to=[report.email] if report.email else None,
            ).send()
        if report.email:
            # The address is not verified: the confirmation repeats nothing the
            # sender typed, so the form cannot mail chosen text to a stranger.
            EmailMessage(
                subject=f"[{settings.SITE_NAME}] " + _("We have received your report"),
                body=render_to_string("pages/email/barrier_report_confirmation.txt", context),
                to=[report.email],
            ).send()


def report_barrier(
    *, description: str, page_url: str = "", name: str = "", email: str = "", reporter=None
) -> BarrierReport:
    """A *Barriere melden* ticket; tells those who handle it and confirms to the sender."""
    with transaction.atomic():
        report = BarrierReport(
            description=description.strip(),
            page_url=page_url,
            name=name.strip(),
            email=email.strip(),
            reporter=reporter if reporter is not None and reporter.is_authenticated else None,
        )
        report.full_clean()
        report.save()
        _send_report_mails(report)
    return report


def update_barrier_report(*, report: BarrierReport, status: str, note: str, by) -> bool:
    """Set the status and the internal note; returns whether anything changed."""
    changed = {}
    if report.status != status:
        changed["status"] = [report.status, status]
    if report.note != note:
        changed["note"] = True
    if not changed:
        return False
    with transaction.atomic():
        report.status = status
        report.note = note
        report.handled_by = by
        report.full_clean()
        report.save(update_fields=["status", "note", "handled_by", "updated_at"])
        record_event(actor=by, action="barrier_report.changed", target=report, data=changed)
    return True
