"""Views that serve uploaded files: permission-checked, downloads, never sniffed, sandboxed.

The views are found by what their code does (reading a stored file or stored
captions), so a new one fails `test_file_views_are_known` until it is listed
here. Each is then requested as a role the access matrix lets in, with the
objects the matrix rows create.
"""

import inspect
import re

import pytest
from django.urls import reverse

from tests.conftest import ROLES
from tests.coverage import walk_patterns
from tests.test_access_matrix import MATRIX
from voneinander.core.access import rule_of

pytestmark = pytest.mark.trust("File serving")

SERVES_FILES = re.compile(
    r"\.open\(\"rb\"\)|file_response\(|_serve_pdf\(|ranged_file_response\(|captions\.encode\(\)"
)
FILE_VIEWS = {
    "admissions:letter",
    "admissions:notice",
    "events:material_file",
    "events:recording_captions",
    "knowledge:solution_file",
    "news:attachment_file",
    "news:image_file",
    "news:video_captions",
    "news:video_file",
    "seminars:material_file",
    "workinggroups:version_download",
}
# What a browser must display in place (an <img>, a <video>, the PDF viewer);
# everything else is a download.
INLINE_TYPES = ("image/", "video/", "application/pdf")


def _source(callback) -> str:
    view = inspect.unwrap(callback)
    view = getattr(view, "view_class", None) or view
    if not inspect.isfunction(view) and not inspect.isclass(view):
        view = type(view)  # a callable instance such as a feed
    return inspect.getsource(view)


def _detected_file_views() -> set[str]:
    return {
        name
        for name, pattern in walk_patterns()
        if not name.startswith("admin:") and SERVES_FILES.search(_source(pattern.callback))
    }


def test_file_views_are_known():
    assert sorted(_detected_file_views()) == sorted(FILE_VIEWS)


@pytest.mark.parametrize("name", sorted(FILE_VIEWS))
def test_file_view_checks_permissions(name):
    assert rule_of(dict(walk_patterns())[name].callback) is not None
    rows = [key for key, (_kwargs, row) in MATRIX.items() if key.split("[")[0] == name]
    # Somebody is kept out of each: anonymous visitors at least are sent to log in or
    # get 404 for what they may not know.
    assert any(set(MATRIX[key][1].split()) - {"200"} for key in rows), rows


def _allowed_request(name):
    """(kwargs, role) of the first matrix row of `name` that lets somebody in."""
    for key, (kwargs, row) in MATRIX.items():
        if key.split("[")[0] != name:
            continue
        statuses = row.split()
        for role in reversed(ROLES):
            if statuses[ROLES.index(role)] == "200":
                return kwargs, role
    raise AssertionError(f"no matrix row of {name} lets anybody in")


@pytest.mark.parametrize("name", sorted(FILE_VIEWS))
def test_file_view_sends_a_sandboxed_unsniffed_download(world, client_as, name, record_property):
    kwargs, role = _allowed_request(name)
    if callable(kwargs):
        kwargs = kwargs(world)

    response = client_as(world.user(role)).get(reverse(name, kwargs=kwargs))

    assert response.status_code == 200
    content_type = response["Content-Type"]
    disposition = response["Content-Disposition"]
    if content_type.startswith(INLINE_TYPES):
        assert disposition.startswith(("inline", "attachment")), disposition
    else:
        assert disposition.startswith("attachment"), (content_type, disposition)
    assert "filename" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert re.search(r"(^|;)\s*sandbox\s*(;|$)", policy), policy
    assert "private" in response["Cache-Control"]
    record_property("pages", 1)
