"""Forms for news: the item, publication time, pictures, attachments, the list filter."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voneinander.events.models import Event
from voneinander.events.selectors import events_visible_to
from voneinander.knowledge.selectors import solutions_visible_to, topics_for_form
from voneinander.municipalities.models import Municipality
from voneinander.networks.models import MembershipStatus
from voneinander.news.models import NewsItem
from voneinander.news.services import FIELDS

PLATFORM_WIDE = "platform"
EVENTS_PAST_DAYS = 400


def _datetime_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _solution_slug(line: str) -> str:
    """The last part of a solution's address: “…/praxisbeispiele/dorf-app/” → “dorf-app”."""
    path = line.strip().split("?", 1)[0].split("#", 1)[0]
    parts = [part for part in path.split("/") if part]
    return parts[-1] if parts else ""


class NewsForm(forms.Form):
    network = forms.ChoiceField(
        label=_("Network"),
        help_text=_("Whose news this is. Platform-wide news can only be written by admins."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    teaser = forms.CharField(
        label=_("Teaser"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences for lists, feeds and e-mails (at most 600 characters)."),
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=50000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Markdown: a blank line starts a new paragraph, “## ” a heading, “- ” a list "
            "item, **bold**, [link text](https://example.org)."
        ),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Member municipalities concerned"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    events = forms.ModelMultipleChoiceField(
        label=_("Events concerned"),
        queryset=Event.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    solutions = forms.CharField(
        label=_("Solutions concerned"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The address of each solution's page on a line of its own, "
            "e.g. /praxisbeispiele/dorf-app/."
        ),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder and topics"),
        queryset=topics_for_form(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People following these topics are notified when the item is published."),
    )
    video_url = forms.URLField(
        label=_("Video address"),
        required=False,
        assume_scheme="https",
        help_text=_("YouTube, Vimeo or PeerTube; shown only after the reader agrees."),
    )
    comments_enabled = forms.BooleanField(label=_("Allow comments"), required=False, initial=True)

    def __init__(self, data=None, *, user, networks=None, is_admin=False, item=None, **kwargs):
        self.user, self.item = user, item
        if item is not None and data is None:
            kwargs.setdefault("initial", self._initial(item))
        super().__init__(data, **kwargs)
        if item is not None:
            del self.fields["network"]
        else:
            choices = [(network.slug, network.name) for network in networks or []]
            if is_admin:
                choices.append((PLATFORM_WIDE, _("Platform-wide (no network)")))
            self.fields["network"].choices = [("", _("Please choose")), *choices]
            self.networks = {network.slug: network for network in networks or []}
        keep = list(item.municipalities.all()) if item is not None else []
        self.fields["municipalities"].queryset = (
            Municipality.objects.filter(
                Q(memberships__status=MembershipStatus.ACTIVE) | Q(pk__in=[m.pk for m in keep])
            )
            .distinct()
            .order_by("name")
        )
        since = timezone.now() - datetime.timedelta(days=EVENTS_PAST_DAYS)
        linked = list(item.events.values_list("pk", flat=True)) if item is not None else []
        self.fields["events"].queryset = (
            events_visible_to(user)
            .filter(Q(starts_at__gte=since) | Q(pk__in=linked))
            .order_by("-starts_at")
        )
        self.fields["events"].label_from_instance = lambda event: (
            f"{event.title} ({timezone.localtime(event.starts_at):%d.%m.%Y})"
        )
        keep_topics = list(item.topics.all()) if item is not None else []
        self.fields["topics"].queryset = topics_for_form(keep=keep_topics)

    @staticmethod
    def _initial(item: NewsItem) -> dict:
        initial = {name: getattr(item, name) for name in FIELDS}
        initial["municipalities"] = [m.pk for m in item.municipalities.all()]
        initial["events"] = list(item.events.values_list("pk", flat=True))
        initial["topics"] = [t.pk for t in item.topics.all()]
        initial["solutions"] = "\n".join(
            s.get_absolute_url() for s in item.solutions.order_by("title")
        )
        return initial

    def clean_network(self):
        value = self.cleaned_data.get("network")
        if value == PLATFORM_WIDE:
            return None
        return self.networks[value]

    def clean_solutions(self):
        visible = solutions_visible_to(self.user)
        found, unknown = [], []
        for line in (self.cleaned_data.get("solutions") or "").splitlines():
            if not line.strip():
                continue
            slug = _solution_slug(line)
            solution = visible.filter(slug=slug).first() if slug else None
            if solution is None:
                unknown.append(line.strip()[:100])
            elif solution not in found:
                found.append(solution)
        if unknown:
            raise forms.ValidationError(
                _("No solution found at: %(addresses)s"),
                code="unknown_solution",
                params={"addresses": ", ".join(unknown)},
            )
        if self.item is not None:
            # Links someone else could see stay, even if this editor cannot see them.
            hidden = self.item.solutions.exclude(pk__in=visible.values("pk"))
            found += list(hidden)
        return found

    def values(self) -> dict:
        data = {name: self.cleaned_data[name] for name in FIELDS}
        for name in ("municipalities", "events", "solutions", "topics"):
            data[name] = list(self.cleaned_data[name])
        return data


class ScheduleForm(forms.Form):
    published_at = forms.DateTimeField(
        label=_("Publish at"),
        widget=_datetime_input(),
        help_text=_("The item appears by itself at this time."),
    )

    def clean_published_at(self):
        value = self.cleaned_data["published_at"]
        if value <= timezone.now():
            raise forms.ValidationError(
                _("Please choose a time in the future, or publish now."), code="past"
            )
        return value


class ImageForm(forms.Form):
    file = forms.FileField(
        label=_("Picture"),
        help_text=_("PNG, JPEG, GIF or WebP, at most 10 MB."),
    )
    alt_text = forms.CharField(
        label=_("Alternative text"),
        max_length=300,
        help_text=_(
            "What the picture shows, for people who cannot see it, e.g. “The minister hands "
            "over the certificate to the mayor”."
        ),
        error_messages={
            "required": _(
                "Please describe the picture for people who cannot see it (alternative text)."
            )
        },
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    credit = forms.CharField(label=_("Photo credit"), max_length=200, required=False)


class ImageTextForm(forms.Form):
    alt_text = ImageForm.base_fields["alt_text"]
    caption = ImageForm.base_fields["caption"]
    credit = ImageForm.base_fields["credit"]


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF or office document (Word, Excel, PowerPoint, OpenDocument), at most 20 MB."
        ),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("The name of the download; empty: the file name."),
    )


class NewsFilterForm(forms.Form):
    netzwerk = forms.ChoiceField(label=_("Network"), required=False)
    thema = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, data=None, *, networks, topics, **kwargs):
        super().__init__(data, **kwargs)
        self.networks = {network.slug: network for network in networks}
        self.topics = {topic.slug: topic for topic in topics}
        self.fields["netzwerk"].choices = [("", _("all networks"))] + [
            (network.slug, network.name) for network in networks
        ]
        self.fields["thema"].choices = [("", _("all topics"))] + [
            (topic.slug, topic.name) for topic in topics
        ]

    def chosen(self) -> dict:
        if not self.is_valid():
            return {"network": None, "topic": None}
        return {
            "network": self.networks.get(self.cleaned_data.get("netzwerk") or ""),
            "topic": self.topics.get(self.cleaned_data.get("thema") or ""),
        }
