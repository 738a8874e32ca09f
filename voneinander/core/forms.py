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

from django.forms.renderers import TemplatesSetting


class KernFormRenderer(TemplatesSetting):
    form_template_name = "forms/kern.html"
    field_template_name = "forms/field.html"
