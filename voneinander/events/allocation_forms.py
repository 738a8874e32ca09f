"""Forms of preference mode: the ranking, running, adjusting and publishing an allocation."""

from __future__ import annotations

import re
from collections import defaultdict

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voneinander.events.booking_rules import names

RANK_FIELD = "rang-{}"
RANK_FIELD_PATTERN = re.compile(r"^rang-(.+)$")


def _session_facts(session) -> str:
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    parts = [
        f"{formats.date_format(start, 'SHORT_DATE_FORMAT')}, "
        f"{formats.time_format(start, 'TIME_FORMAT')}–{formats.time_format(end, 'TIME_FORMAT')}"
    ]
    if session.round_id:
        parts.insert(0, session.round.title)
    if session.topic.strip():
        parts.append(_("Topic: %(topic)s") % {"topic": session.topic.strip()})
    return " · ".join(parts)


class RankingForm(forms.Form):
    """One rank select per session ("not ranked", 1, 2, …); works without JavaScript."""

    def __init__(self, data=None, *, sessions, ranks: dict[int, int] | None = None):
        super().__init__(data)
        self.sessions = list(sessions)
        ranks = ranks or {}
        choices = [("", _("not ranked"))] + [
            (str(n), str(n)) for n in range(1, len(self.sessions) + 1)
        ]
        for session in self.sessions:
            self.fields[RANK_FIELD.format(session.pk)] = forms.TypedChoiceField(
                label=session.title,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=ranks.get(session.pk),
                help_text=_session_facts(session),
            )

    def clean(self):
        cleaned = super().clean()
        known = {RANK_FIELD.format(s.pk) for s in self.sessions}
        if self.data and any(
            RANK_FIELD_PATTERN.match(key) and key not in known for key in self.data
        ):
            raise forms.ValidationError(
                _(
                    "One of the ranked sessions is not part of this event. "
                    "Please rank only the sessions listed here."
                ),
                code="unknown_session",
            )
        by_rank = defaultdict(list)
        for session in self.sessions:
            rank = cleaned.get(RANK_FIELD.format(session.pk))
            if rank is not None:
                by_rank[rank].append(session)
        for rank, group in sorted(by_rank.items()):
            if len(group) < 2:
                continue
            for session in group:
                others = [s.title for s in group if s.pk != session.pk]
                self.add_error(
                    RANK_FIELD.format(session.pk),
                    _("You gave rank %(rank)d to %(others)s as well. Each rank once, please.")
                    % {"rank": rank, "others": names(others)},
                )
        return cleaned

    def ranking(self) -> dict[int, int]:
        """{session id: rank} of the ranked sessions."""
        return {
            s.pk: self.cleaned_data[RANK_FIELD.format(s.pk)]
            for s in self.sessions
            if self.cleaned_data.get(RANK_FIELD.format(s.pk)) is not None
        }


class RunForm(forms.Form):
    seed = forms.IntegerField(
        label=gettext_lazy("Random seed"),
        required=False,
        min_value=0,
        max_value=2**63 - 1,
        help_text=gettext_lazy(
            "Leave empty for a new random seed. The seed decides only between equally good "
            "allocations; the seed of an earlier run gives its allocation again, as long as "
            "the rankings are the same."
        ),
    )


class AdjustForm(forms.Form):
    """Move a person: take them out of one session and/or put them into another."""

    remove = forms.TypedChoiceField(
        label=gettext_lazy("Take out of"), coerce=int, empty_value=None, required=False
    )
    add = forms.TypedChoiceField(
        label=gettext_lazy("Put into"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, data=None, *, seats, sessions):
        super().__init__(data)
        self.fields["remove"].choices = [("", _("– no session –"))] + [
            (str(s.pk), s.title) for s in seats
        ]
        self.fields["add"].choices = [("", _("– no session –"))] + [
            (str(s.pk), f"{s.title} ({_session_facts(s)})") for s in sessions
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("remove") is None and cleaned.get("add") is None and not self.errors:
            raise forms.ValidationError(
                _(
                    "Choose a session to take the person out of, one to put them into, "
                    "or both to move them."
                ),
                code="nothing",
            )
        return cleaned


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I have checked the allocation. Book the places and inform every participant by e-mail."
        ),
        required=True,
        error_messages={
            "required": gettext_lazy("Please confirm that the allocation should be published.")
        },
    )
