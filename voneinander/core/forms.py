"""Form rendering in the KERN UX design system.

`KernFormRenderer` makes `{{ form }}` and `{{ form.field.as_field_group }}`
use the project's templates in `voneinander/templates/forms/`: labels linked
to their inputs, help text and errors referenced by `aria-describedby`,
`aria-invalid` on invalid fields, and an error summary above an invalid form.
Activated by ``FORM_RENDERER`` in settings.

It looks templates up through the project's `TEMPLATES` setting, which finds
Django's own widget templates because `django.forms` is an installed app.
Widgets keep Django's templates (the admin relies on them); the KERN classes
are added by the `kern_forms` template tags.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


class KernFormRenderer(TemplatesSetting):
    form_template_name = "forms/kern.html"
    field_template_name = "forms/field.html"


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its fields where it names them."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def date_input():
    """A native date picker; the value format is the one browsers send and expect."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def posted(request):
    """The form data of a POST (even an empty one, so that it is validated), else None."""
    return request.POST if request.method == "POST" else None


def posted_files(request):
    """The uploaded files of a POST, else None."""
    return request.FILES if request.method == "POST" else None
