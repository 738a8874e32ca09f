"""No upload bypasses the scan: one gate (core.uploads.accept_upload) and guards for it.

- the content checks are called only through the gate (or by each other);
- every file field of a form is known here and has a case in test_surfaces.py;
- the admin site offers no file input (its forms would skip checks and scan).
"""

import ast
from pathlib import Path

import pytest
from django.contrib import admin
from django.db import models
from django.test import RequestFactory

from tests.factories import UserFactory
from tests.scanning.test_surfaces import SURFACES

pytestmark = pytest.mark.trust("Upload scanning")

ROOT = Path(__file__).resolve().parents[2] / "voneinander"

# The content checks; only these modules call them directly: where they are
# defined, the checks that build on another check, and the gate itself.
CHECKS = {
    "check_material",
    "check_captions",
    "check_video",
    "check_letter",
    "check_document",
    "check_upload",
}
MAY_CALL_CHECKS = {
    "events/uploads.py",
    "knowledge/files.py",
    "workinggroups/documents.py",
    "core/video.py",
    "admissions/letters.py",
    "core/uploads.py",
}

# Every forms.FileField in the project → the surface that test_surfaces.py tests.
FORM_FILE_FIELDS = {
    "admissions/forms.py:ApplicationForm.letter": "admissions.letter",
    "events/followup_forms.py:MaterialForm.file": "events.material",
    "events/followup_forms.py:RecordingForm.captions_file": "events.captions",
    "knowledge/forms.py:SolutionFileForm.file": "knowledge.solution_file",
    "knowledge/interop_views.py:PublicCodeImportForm.file": "knowledge.publiccode_import",
    "news/forms.py:AttachmentForm.file": "news.attachment",
    "news/forms.py:ImageForm.file": "news.image",
    "news/video_forms.py:NewsVideoForm.captions_file": "news.captions",
    "news/video_forms.py:NewsVideoForm.file": "news.video",
    "seminars/forms.py:MaterialForm.upload": "seminars.material",
    "workinggroups/forms.py:_UploadForm.file": "workinggroups.document",
}
# Tested through their forms in test_surfaces.py rather than in SURFACES.
FORM_TESTED = {"admissions.letter", "knowledge.publiccode_import"}


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(), str(path))


def _called_name(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


def test_content_checks_are_called_only_through_the_gate():
    direct = [
        f"{module}:{node.lineno} {_called_name(node)}()"
        for module, tree in _modules()
        if module not in MAY_CALL_CHECKS
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _called_name(node) in CHECKS
    ]

    assert direct == [], "call these through voneinander.core.uploads.accept_upload"


def _is_file_field(value) -> bool:
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute | ast.Name)
        and _called_name(value) in {"FileField", "ImageField"}
        and not (isinstance(value.func, ast.Attribute) and _dotted(value.func) == "models")
    )


def _dotted(attribute: ast.Attribute) -> str:
    return attribute.value.id if isinstance(attribute.value, ast.Name) else ""


def test_every_form_file_field_is_a_tested_surface():
    found = {
        f"{module}:{node.name}.{target.id}"
        for module, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for statement in node.body
        if isinstance(statement, ast.Assign) and _is_file_field(statement.value)
        for target in statement.targets
        if isinstance(target, ast.Name)
    }

    assert sorted(found) == sorted(FORM_FILE_FIELDS)
    assert set(FORM_FILE_FIELDS.values()) == set(SURFACES) | FORM_TESTED


def _file_fields(form_class) -> list[str]:
    from django import forms

    return [
        name for name, field in form_class.base_fields.items() if isinstance(field, forms.FileField)
    ]


def test_admin_offers_no_file_upload(db):
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    offered = []
    for model, model_admin in admin.site._registry.items():
        if not any(isinstance(f, models.FileField) for f in model._meta.get_fields()):
            pass
        elif model_admin.has_add_permission(request) or model_admin.has_change_permission(request):
            fields = _file_fields(model_admin.get_form(request))
            offered += [f"{model.__name__}.{name}" for name in fields]
        for inline in model_admin.get_inline_instances(request):
            if not (
                inline.has_add_permission(request, None) or inline.has_change_permission(request)
            ):
                continue
            fields = _file_fields(inline.get_formset(request).form)
            offered += [f"{inline.model.__name__}.{name}" for name in fields]

    assert offered == []
