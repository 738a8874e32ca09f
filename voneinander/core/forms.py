"""Form rendering in the KERN UX design system.

`KernFormRenderer` makes `{{ form }}` and `{{ form.field.as_field_group }}`
use the project's templates in `voneinander/templates/forms/`: labels linked
to their inputs, help text and errors referenced by `aria-describedby`,
`aria-invalid` on invalid fields, and an error summary above an invalid form.
Activate it with ``FORM_RENDERER = "voneinander.core.forms.KernFormRenderer"``.

Templates are looked up through the project's `TEMPLATES` setting first (so
`voneinander/templates/forms/` and app templates such as the admin's are
found), then in Django's built-in form templates, so `django.forms` need not
be an installed app. Widgets keep Django's templates (the admin relies on
them); the KERN classes are added by the `kern_forms` template tags.
"""

from functools import cached_property

from django.forms.renderers import DjangoTemplates, TemplatesSetting
from django.template import TemplateDoesNotExist


class KernFormRenderer(TemplatesSetting):
    form_template_name = "forms/kern.html"
    field_template_name = "forms/field.html"

    @cached_property
    def _builtin(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._builtin.get_template(template_name)
