from django import forms
from django.utils.translation import gettext_lazy as _

from voneinander.comments import services

REASON_REQUIRED = {"required": _("Please give a reason.")}


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=services.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Plain text, up to 3000 characters. Web addresses become links; "
            "HTML is shown as typed, not interpreted."
        ),
        error_messages={"required": _("Please write your comment.")},
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should the moderators look at this comment?"),
        max_length=services.REPORT_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The moderators see your reason and your name; the author does not."),
        error_messages=REASON_REQUIRED,
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=services.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The author is told this reason; it is also kept in the audit log."),
        error_messages=REASON_REQUIRED,
    )


class BlockForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for blocking"),
        max_length=services.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit log and shown to the other moderators."),
        error_messages=REASON_REQUIRED,
    )
    everywhere = forms.BooleanField(
        label=_("Block everywhere on the platform, not only in this network"),
        required=False,
    )

    def __init__(self, *args, may_block_everywhere: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_block_everywhere:
            del self.fields["everywhere"]


class SettingsForm(forms.Form):
    premoderated = forms.BooleanField(
        label=_("Check comments before they appear"),
        required=False,
        help_text=_(
            "New comments on this network's news and solutions wait in the moderation queue "
            "until a coordinator approves them. Comments of coordinators appear at once."
        ),
    )
