"""Render form widgets with the KERN UX classes and accessible attributes.

Used by `templates/forms/field.html`; works with or without the project's
`FORM_RENDERER`. Django itself adds `required`, `aria-invalid="true"` (when the
field has errors) and `aria-describedby` pointing to `<id>_helptext` and
`<id>_error`; the templates render help text and errors with exactly those ids.
"""

from django import forms, template
from django.forms.boundfield import BoundWidget

register = template.Library()

_INPUT = "kern-form-input__input"
_SELECT = "kern-form-input__select"
_CHECKBOX = "kern-form-check__checkbox"
_RADIO = "kern-form-check__radio"


def widget_kind(bound_field) -> str:
    """One of: hidden, checkboxes, radios, group, checkbox, select, file, input.

    "group" is any other widget made of several controls (MultiWidget,
    SelectDateWidget): shown as a fieldset with a legend, like the lists.
    """
    widget = bound_field.field.widget
    if widget.is_hidden:
        return "hidden"
    # CheckboxSelectMultiple is a subclass of RadioSelect: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if widget.use_fieldset:
        return "group"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):  # also SelectMultiple, NullBooleanSelect
        return "select"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


register.filter("widget_kind", widget_kind)


def _with_class(attrs: dict, *classes: str) -> dict:
    existing = attrs.get("class", "")
    attrs["class"] = " ".join(filter(None, [existing, *classes]))
    return attrs


@register.simple_tag
def kern_widget(bound_field):
    """The field's widget with KERN classes (for single-control widgets)."""
    kind = widget_kind(bound_field)
    if kind == "hidden":
        return bound_field.as_widget()
    errors = bool(bound_field.errors)
    attrs: dict = {}
    if kind == "checkbox":
        _with_class(attrs, _CHECKBOX, f"{_CHECKBOX}--error" if errors else "")
    elif kind == "select":
        _with_class(attrs, _SELECT, f"{_SELECT}--error" if errors else "")
    else:
        _with_class(attrs, _INPUT, f"{_INPUT}--error" if errors else "")
    existing = bound_field.field.widget.attrs.get("class")
    if existing:
        _with_class(attrs, existing)
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag
def kern_option(bound_field, option):
    """One radio button or checkbox of a multiple-choice field, with KERN classes."""
    kind = widget_kind(bound_field)
    base = _RADIO if kind == "radios" else _CHECKBOX
    data = dict(option.data)
    attrs = dict(data.get("attrs", {}))
    _with_class(attrs, base, f"{base}--error" if bound_field.errors else "")
    data["attrs"] = attrs
    return BoundWidget(option.parent_widget, data, option.renderer).tag(wrap_label=False)


@register.filter
def first_control_id(bound_field) -> str:
    """The id to link to from the error summary: the first control of a group."""
    kind = widget_kind(bound_field)
    if kind in {"radios", "checkboxes"} or isinstance(bound_field.field.widget, forms.MultiWidget):
        subwidgets = bound_field.subwidgets
        if subwidgets and subwidgets[0].id_for_label:
            return subwidgets[0].id_for_label
    return bound_field.id_for_label or bound_field.auto_id or ""
