from django import template

from voneinander.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(value):
    """`{{ solution.description|markdown }}`: sanitized HTML from Markdown."""
    return render_markdown(value)
