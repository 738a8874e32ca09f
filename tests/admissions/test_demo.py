from io import StringIO

import pytest
from django.core.management import call_command

from tests.admissions import pdfs
from voneinander.admissions.models import Application, ApplicationState


@pytest.mark.django_db
def test_demo_applications_are_open_have_a_letter_and_load_once(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo_data", stdout=StringIO())
    applications = {
        (a.network.slug, a.municipality.name): a
        for a in Application.objects.select_related("network", "municipality")
    }
    assert set(applications) == {
        ("digitale-doerfer-rlp", "Aar-Einrich"),
        ("ikone-ds", "Frankenthal (Pfalz)"),
    }
    assert {a.state for a in applications.values()} == {
        ApplicationState.SUBMITTED,
        ApplicationState.IN_REVIEW,
    }
    for application in applications.values():
        with application.letter.open("rb") as letter:
            text = pdfs.pdf_text(letter.read())
        assert application.network.name in text
        assert application.applicant.municipality == application.municipality
        assert application.applicant.municipality_confirmed_at is None
    letters = sorted(p.name for p in (settings.MEDIA_ROOT / "admissions" / "letters").iterdir())
    call_command("load_demo_data", stdout=StringIO())
    assert Application.objects.count() == 2
    assert sorted(p.name for p in (settings.MEDIA_ROOT / "admissions" / "letters").iterdir()) == (
        letters
    )
