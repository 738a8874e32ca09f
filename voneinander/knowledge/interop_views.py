"""Export and import: publiccode.yml of one solution, the DCAT-AP catalogue, the import page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voneinander.core.access import PUBLIC, Perm, access
from voneinander.core.uploads import accept_upload
from voneinander.knowledge import interop
from voneinander.knowledge.selectors import (
    network_for_creating,
    owner_choices,
    solution_contact_for,
    solution_for_viewer,
    solutions_visible_to,
)


@access(Perm("knowledge.view_solution", obj=solution_for_viewer))
def export_publiccode(request, slug):
    solution = request.access_object
    document = interop.publiccode_document(
        solution,
        software=list(solution.software.order_by("name", "pk")),
        topic_slugs=list(solution.topics.values_list("slug", flat=True)),
        users_of=interop.users_of(solution),
        contact=solution_contact_for(request.user, solution),
    )
    response = HttpResponse(
        interop.publiccode_yaml(document), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{solution.slug}-publiccode.yml"'
    return response


@access(PUBLIC)
def export_catalogue(request):
    """The DCAT-AP / ADMS-AP catalogue of the public solutions (for national catalogues)."""
    solutions = solutions_visible_to(AnonymousUser()).order_by("pk")
    modified = solutions.aggregate(latest=Max("updated_at"))["latest"]
    response = StreamingHttpResponse(
        interop.stream_catalogue(solutions, url=interop.absolute(request.path), modified=modified),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="katalog.jsonld"'
    return response


# --- Import ------------------------------------------------------------------------------


def _parse_publiccode(upload):
    upload.seek(0)
    return interop.parse_publiccode(upload.read(interop.MAX_IMPORT_SIZE + 1))


class PublicCodeImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("publiccode.yml file"),
        help_text=gettext_lazy(
            "A publiccode.yml (standard 0.2 to 0.4) of at most 100 KB, for example from the "
            "code repository of the software."
        ),
        error_messages={
            "required": gettext_lazy("Please choose a publiccode.yml file."),
            "empty": gettext_lazy("The file is empty."),
        },
    )
    owner = forms.ModelChoiceField(
        label=gettext_lazy("Municipality that runs the solution"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Please choose the municipality that runs the solution."),
            "invalid_choice": gettext_lazy("You cannot document solutions for this municipality."),
        },
    )

    def __init__(self, data=None, files=None, *, owners, by=None):
        super().__init__(data, files)
        self.by = by
        self.fields["owner"].queryset = owners
        owners = list(owners)
        if len(owners) == 1:
            self.fields["owner"].initial = owners[0].pk
            self.fields["owner"].widget = forms.HiddenInput()
        self.owner_list = owners

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > interop.MAX_IMPORT_SIZE:
            raise ValidationError(
                _("The file is larger than %(size)s KB; a publiccode.yml is much smaller.")
                % {"size": interop.MAX_IMPORT_SIZE // 1024}
            )
        self.imported = accept_upload(
            upload, _parse_publiccode, by=self.by, purpose="knowledge.publiccode_import"
        )
        return upload


@access(Perm("knowledge.create_solution", obj=network_for_creating))
def import_publiccode(request, network):
    network = request.access_object
    owners = owner_choices(request.user, network)
    form = PublicCodeImportForm(
        request.POST or None, request.FILES or None, owners=owners, by=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            solution = interop.import_solution(
                imported=form.imported,
                network=network,
                owner=form.cleaned_data["owner"],
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            messages.success(
                request,
                _(
                    "“%(title)s” has been imported as a draft that only members of the network "
                    "see. Please check and complete it, then make it public."
                )
                % {"title": solution.title},
            )
            return redirect("knowledge:solution_edit", slug=solution.slug)
    return render(
        request,
        "knowledge/interop/import.html",
        {"network": network, "form": form, "has_owner": bool(form.owner_list)},
    )
