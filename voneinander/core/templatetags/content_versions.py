"""`{% content_version "network" network.pk as version %}` for keys of `{% cache %}` fragments.

The version changes when a service changes the data behind the fragment
(voneinander/core/caching.py), in every app process at once.
"""

from django import template

from voneinander.core.caching import content_version as _content_version

register = template.Library()


@register.simple_tag
def content_version(scope: str, *parts) -> str:
    return _content_version(":".join([scope, *(str(part) for part in parts)]))
