"""The language switch: a link to the current page in another language.

German has no URL prefix, English lives under `/en/` (`i18n_patterns` with
`prefix_default_language=False`). Switching is a plain link, so it needs
neither a cookie nor JavaScript.
"""

from django import template
from django.urls import translate_url as _translate_url

register = template.Library()


@register.simple_tag
def translated_url(request, lang_code: str) -> str:
    """The current page's address (with its query string) in `lang_code`.

    Falls back to the unchanged address for paths that do not resolve
    (e.g. a 404 page); `translate_url` does that itself.
    """
    if request is None:
        return ""
    return _translate_url(request.get_full_path(), lang_code)
