from io import StringIO

import pytest
from django.core.management import CommandError, call_command, load_command_class
from django.utils import translation

from tests.municipalities.gv100ad_lines import SAMPLE, sample_text
from voneinander.municipalities.models import Municipality

pytestmark = pytest.mark.django_db

PLACES_SAMPLE = SAMPLE.parent / "places-sample.tsv"


def run(*args):
    stdout, stderr = StringIO(), StringIO()
    with translation.override("en"):
        call_command(*args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_import_gv100ad_command_prints_the_summary():
    stdout, stderr = run("import_gv100ad", str(SAMPLE))

    assert stdout == (
        "Created: 8, updated: 0, unchanged: 0, missing from the file: 0, skipped: 3, errors: 0.\n"
    )
    assert stderr == ""
    assert Municipality.objects.get(ags="07333026").import_source == "GV100AD gv100ad-sample.txt"


def test_import_gv100ad_command_latin_1_file_with_error(tmp_path):
    path = tmp_path / "GV100AD_311224.txt"
    path.write_bytes((sample_text() + "60kaputt\r\n").encode("latin-1"))

    stdout, stderr = run("import_gv100ad", str(path), "--encoding", "latin-1", "--verbosity", "2")

    assert Municipality.objects.get(ags="07333026").name == "Göllheim"
    assert stderr == "Line 12: The record has 8 characters; a GV100AD record has 220.\n"
    assert stdout.splitlines()[0] == "Created: Rheinland-Pfalz (07)"
    assert stdout.splitlines()[-1] == (
        "Created: 8, updated: 0, unchanged: 0, missing from the file: 0, skipped: 3, errors: 1."
    )


def test_import_gv100ad_command_auto_encoding_reads_latin_1(tmp_path):
    path = tmp_path / "GV100AD_311224.txt"
    path.write_bytes(sample_text().encode("latin-1"))

    run("import_gv100ad", str(path))

    assert Municipality.objects.filter(name="Göllheim").count() == 2


def test_import_gv100ad_command_wrong_encoding_is_an_error(tmp_path):
    path = tmp_path / "GV100AD_311224.txt"
    path.write_bytes(sample_text().encode("latin-1"))

    with pytest.raises(CommandError, match="The file is not valid utf-8"):
        run("import_gv100ad", str(path), "--encoding", "utf-8")


def test_import_gv100ad_command_missing_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_gv100ad", str(tmp_path / "nothing.txt"))


def test_import_places_command_reports_changes(tmp_path):
    run("import_gv100ad", str(SAMPLE))

    stdout, stderr = run("import_places", str(PLACES_SAMPLE), "--verbosity", "2")

    assert stderr == "Line 8: geonames_id must be a whole number, found “zwei”.\n"
    assert stdout.splitlines() == [
        "Updated Eisenberg (Pfalz) (073335001017): geonames_id – → 2931522",
        "Updated Eisenberg (Pfalz) (073335001017): latitude – → 49.55859",
        "Updated Eisenberg (Pfalz) (073335001017): longitude – → 8.07199",
        "Updated Göllheim (073335002026): geonames_id – → 2919232",
        "Updated Göllheim (073335002026): latitude – → 49.595",
        "Updated Göllheim (073335002026): longitude – → 8.05083",
        "Updated Kaiserslautern (073120000000): geonames_id – → 2894003",
        "Updated Kaiserslautern (073120000000): latitude – → 49.443",
        "Updated Kaiserslautern (073120000000): longitude – → 7.77161",
        "Created: 0, updated: 3, unchanged: 0, missing from the file: 0, skipped: 4, errors: 1.",
    ]


def test_import_places_command_create_missing():
    stdout, _stderr = run("import_places", str(PLACES_SAMPLE), "--create-missing")

    assert stdout == (
        "Created: 7, updated: 0, unchanged: 0, missing from the file: 0, skipped: 0, errors: 1.\n"
    )
    assert Municipality.objects.count() == 7


@pytest.mark.parametrize(
    ("name", "text"), [("import_gv100ad", "GV100AD file"), ("import_places", "CC BY 4.0")]
)
def test_command_help_renders(name, text):
    command = load_command_class("voneinander.municipalities", name)

    with translation.override("en"):
        assert text in command.create_parser("manage.py", name).format_help()
