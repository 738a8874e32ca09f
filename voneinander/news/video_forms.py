from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from voneinander.core.video import max_video_bytes


def _file_help() -> str:
    return _("MP4 (H.264) or WebM, at most %(limit)s.") % {
        "limit": filesizeformat(max_video_bytes())
    }


def _language_choices():
    return list(settings.LANGUAGES)


class NewsVideoForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("Video file"),
        help_text=lazy(_file_help, str)(),
        error_messages={"required": _("Please choose a video file.")},
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"}),
    )
    captions_file = forms.FileField(
        label=_("Captions (WebVTT file)"),
        help_text=_(
            "Required: a .vtt file with the spoken words, so that people who cannot hear "
            "the video can follow it."
        ),
        error_messages={
            "required": _(
                "Please add captions (a WebVTT file): videos need captions to be accessible."
            )
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )
    captions_language = forms.ChoiceField(
        label=_("Language of the captions"), choices=_language_choices
    )
