"""The "Download my data" page: a ZIP for the person, audited and rate-limited."""

import datetime
import io
import json
import zipfile

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from tests.events.factories import RegistrationFactory
from tests.factories import UserFactory
from voneinander.accounts.privacy import EXPORTS_PER_HOUR, collect, take_export_slot
from voneinander.audit.models import AuditEvent
from voneinander.audit.services import record_event
from voneinander.core import ratelimits

pytestmark = [pytest.mark.trust("Data export"), pytest.mark.django_db]

URL = reverse("accounts:data_export")


def _download(client):
    response = client.post(URL)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_export_page_offers_the_download(client, record_property):
    record_property("pages", 1)
    client.force_login(UserFactory())

    response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert f'action="{URL}"' in page
    assert escape(_("Download my data (ZIP)")) in page


def test_profile_links_the_privacy_pages(client):
    client.force_login(UserFactory())

    page = client.get(reverse("accounts:profile")).content.decode()

    assert f'href="{URL}"' in page
    assert f'href="{reverse("accounts:delete_account")}"' in page


def test_export_download_is_a_private_zip_of_the_persons_data(client):
    person = UserFactory(first_name="Erika", last_name="Mustermann")
    RegistrationFactory(user=person, answers={"1": "vegetarisch"})
    client.force_login(person)

    response, body = _download(client)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    document = json.loads(zipfile.ZipFile(io.BytesIO(body)).read("personal-data.json"))
    records = {(r["model"], r["relation"]): r["rows"] for r in document["records"]}
    [account] = records[("accounts.User", "pk")]
    assert (account["email"], account["last_name"]) == (person.email, "Mustermann")
    [registration] = records[("events.Registration", "user")]
    assert registration["answers"] == {"1": "vegetarisch"}
    entry = AuditEvent.objects.get(action="privacy.export")
    assert entry.actor == person
    assert entry.data["records"] >= 2


def test_export_is_limited_per_hour_and_allowed_again_later(client):
    person = UserFactory()
    client.force_login(person)
    start = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)

    with time_machine.travel(start, tick=False):
        for _attempt in range(EXPORTS_PER_HOUR):
            assert _download(client)[0].status_code == 200
        refused, body = _download(client)
    with time_machine.travel(start + datetime.timedelta(hours=1, minutes=1), tick=False):
        again, _body = _download(client)

    assert refused.status_code == 429
    assert escape(_("Please try again later")) in body.decode()
    assert again.status_code == 200
    assert AuditEvent.objects.filter(action="privacy.export").count() == EXPORTS_PER_HOUR + 1


def test_export_slot_is_counted_and_checked_in_one_step():
    person = UserFactory()
    start = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)

    with time_machine.travel(start, tick=False):
        taken = [take_export_slot(person) for _attempt in range(EXPORTS_PER_HOUR + 2)]
        counted = ratelimits.peek(f"privacy:exports:{person.pk}", 60 * 60)

    assert taken == [True] * EXPORTS_PER_HOUR + [False, False]
    assert counted == EXPORTS_PER_HOUR + 2  # refused attempts count too


def test_export_of_audit_entries_names_others_only_when_about_the_person():
    coordinator = UserFactory(email="koordination@example.org")
    applicant = UserFactory(email="bewerberin@example.org", last_name="Beispiel")
    record_event(actor=coordinator, action="auth.login", target=coordinator, data={"ok": 1})
    record_event(
        actor=coordinator,
        action="role.staff_changed",
        target=applicant,
        data={"email": applicant.email},
    )

    document, _files = collect(coordinator)

    text = json.dumps(document, cls=DjangoJSONEncoder)
    assert applicant.email not in text
    assert "Beispiel" not in text
    [audit] = [r["rows"] for r in document["records"] if r["model"] == "audit.AuditEvent"]
    by_action = {row["action"]: row for row in audit}
    own = by_action["auth.login"]
    assert (own["target_label"], own["data"]) == (str(coordinator), {"ok": 1})
    other = by_action["role.staff_changed"]
    assert set(other) == {"id", "created_at", "actor_label", "action", "target_type"}
    assert other["target_type"] == ContentType.objects.get_for_model(applicant).pk
