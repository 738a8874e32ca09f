"""Forms for rating a module and for a new programme version."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

RATING_CHOICES = [
    (5, _("5 – very good")),
    (4, _("4 – good")),
    (3, _("3 – fair")),
    (2, _("2 – poor")),
    (1, _("1 – very poor")),
]
COMMENT_MAX = 3000


class ModuleFeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How would you rate this module?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a rating from 1 to 5."),
            "invalid_choice": _("Please choose a rating from 1 to 5."),
        },
    )
    comment = forms.CharField(
        label=_("Comment"),
        help_text=_(
            "What helped you, what could be better? Organisers see your comment without "
            "your name. At most 3000 characters."
        ),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, module=None, **kwargs):
        if module is not None:
            # Unique ids, should a page show the box of more than one module.
            kwargs.setdefault("auto_id", f"feedback-{module.pk}-%s")
        super().__init__(*args, **kwargs)


class ProgrammeVersionForm(forms.Form):
    label = forms.CharField(
        label=_("Name of the new version"),
        help_text=_("E.g. “2026” or “Revised after the pilot”."),
        max_length=40,
    )
    changes = forms.CharField(
        label=_("What changed and why"),
        help_text=_(
            "Shown to everyone in the programme's version history. From now on, "
            "participants rate the modules of the new version; earlier feedback stays "
            "with the earlier version."
        ),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
