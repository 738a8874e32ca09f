"""Programme versions: organisers revise the programme ("Beta" → revised); the history is public."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import UserFactory
from tests.seminars.factories import EnrolmentFactory, ModuleFactory, ProgrammeFactory
from voneinander.audit.models import AuditEvent
from voneinander.seminars.feedback_selectors import version_history, version_labels
from voneinander.seminars.feedback_services import create_programme_version, rate_module
from voneinander.seminars.models import ModuleFeedback, ProgrammeVersion

pytestmark = pytest.mark.django_db


def organised_programme(world, **kwargs):
    programme = ProgrammeFactory(**kwargs)
    programme.organisers.add(world.user("coordinator"))
    return programme


def test_create_programme_version_records_history_label_and_audit():
    programme = ProgrammeFactory(version_label="Beta")
    organiser = UserFactory()

    version = create_programme_version(
        programme=programme, by=organiser, label=" 2026 ", changes=" Kürzere Module. "
    )

    programme.refresh_from_db()
    assert programme.version_label == "2026"
    assert (version.label, version.changes, version.created_by) == (
        "2026",
        "Kürzere Module.",
        organiser,
    )
    history = version_history(programme)
    assert [v.label for v in history] == ["2026", "Beta"]
    assert history[1].changes  # "First version of the programme." in the default language
    assert history[1].created_by is None
    event = AuditEvent.objects.get(action="seminar.version_created")
    assert (event.actor, event.target_id, event.data) == (
        organiser,
        str(programme.pk),
        {"label": "2026", "previous": "Beta"},
    )


def test_create_programme_version_twice_adds_only_the_new_version():
    programme = ProgrammeFactory(version_label="Beta")
    create_programme_version(programme=programme, by=UserFactory(), label="2026", changes="Eins.")

    create_programme_version(programme=programme, by=UserFactory(), label="2027", changes="Zwei.")

    assert [v.label for v in version_history(programme)] == ["2027", "2026", "Beta"]
    assert version_labels(programme) == ["Beta", "2026", "2027"]


@pytest.mark.parametrize("label", ["Beta", "beta", "2026", "  2026 "])
def test_create_programme_version_with_known_label_is_refused(label):
    programme = ProgrammeFactory(version_label="Beta")
    create_programme_version(programme=programme, by=UserFactory(), label="2026", changes="Eins.")
    programme.refresh_from_db()

    with pytest.raises(ValidationError) as raised:
        create_programme_version(
            programme=programme, by=UserFactory(), label=label, changes="Nochmal."
        )

    assert raised.value.error_dict["label"][0].code == "taken"
    programme.refresh_from_db()
    assert programme.version_label == "2026"
    assert ProgrammeVersion.objects.count() == 2


def test_create_programme_version_with_label_only_feedback_knows_is_refused():
    module = ModuleFactory(programme__version_label="Pilot")
    person = EnrolmentFactory(programme=module.programme, user=UserFactory()).user
    rate_module(module=module, user=person, rating=4)
    module.programme.version_label = "Beta"  # changed without the service: no history
    module.programme.save()

    with pytest.raises(ValidationError):
        create_programme_version(
            programme=module.programme, by=UserFactory(), label="pilot", changes="Zurück."
        )

    assert version_labels(module.programme) == ["Pilot", "Beta"]


def test_create_programme_version_without_label_or_changes_is_refused():
    programme = ProgrammeFactory(version_label="Beta")

    with pytest.raises(ValidationError) as raised:
        create_programme_version(programme=programme, by=UserFactory(), label="  ", changes="")

    assert set(raised.value.error_dict) == {"label", "changes"}
    assert not ProgrammeVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="seminar.version_created").exists()


def test_create_programme_version_keeps_feedback_of_older_version():
    module = ModuleFactory(programme__version_label="Beta")
    person = EnrolmentFactory(programme=module.programme, user=UserFactory()).user
    rate_module(module=module, user=person, rating=2, comment="Zu theoretisch.")

    create_programme_version(
        programme=module.programme, by=UserFactory(), label="2026", changes="Praxis."
    )

    assert list(ModuleFeedback.objects.values_list("version_label", "rating", "comment")) == [
        ("Beta", 2, "Zu theoretisch.")
    ]


def test_version_create_view_creates_version_and_redirects_to_history(world, client_as):
    programme = organised_programme(world, version_label="Beta")
    client = client_as(world.user("coordinator"))

    response = client.post(
        reverse("seminars:version_create", kwargs={"slug": programme.slug}),
        {"label": "Überarbeitet 2026", "changes": "Module 2 und 3 zusammengelegt."},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("seminars:versions", kwargs={"slug": programme.slug})
    programme.refresh_from_db()
    assert programme.version_label == "Überarbeitet 2026"
    page = client.get(response["Location"]).content.decode()
    assert "Module 2 und 3 zusammengelegt." in page
    assert 'data-version="Beta"' in page
    assert "Überarbeitet 2026" in page


def test_version_create_view_with_taken_label_shows_error_and_keeps_input(world, client_as):
    programme = organised_programme(world, version_label="Beta")
    client = client_as(world.user("coordinator"))

    response = client.post(
        reverse("seminars:version_create", kwargs={"slug": programme.slug}),
        {"label": "beta", "changes": "Mein langer Text, der nicht verloren gehen soll."},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "kern-form-input--error" in page
    assert "Mein langer Text, der nicht verloren gehen soll." in page
    assert not ProgrammeVersion.objects.exists()


def test_version_create_view_with_overlong_label_shows_error(world, client_as):
    programme = organised_programme(world)
    client = client_as(world.user("coordinator"))

    response = client.post(
        reverse("seminars:version_create", kwargs={"slug": programme.slug}),
        {"label": "x" * 41, "changes": "Text."},
    )

    assert response.status_code == 200
    assert "kern-form-input--error" in response.content.decode()
    assert not ProgrammeVersion.objects.exists()


def test_versions_page_is_public_for_published_programme(world, client_as):
    programme = ProgrammeFactory(version_label="Beta")
    create_programme_version(
        programme=programme, by=UserFactory(), label="2026", changes="Mehr Beispiele aus Dörfern."
    )

    page = client_as(None).get(reverse("seminars:versions", kwargs={"slug": programme.slug}))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Mehr Beispiele aus Dörfern." in text
    assert text.index('data-version="2026"') < text.index('data-version="Beta"')
    assert reverse("seminars:version_create", kwargs={"slug": programme.slug}) not in text


def test_versions_page_without_history_says_so(world, client_as):
    programme = ProgrammeFactory()

    page = client_as(world.user("member")).get(
        reverse("seminars:versions", kwargs={"slug": programme.slug})
    )

    assert page.status_code == 200
    assert "data-version=" not in page.content.decode()


@pytest.mark.parametrize("count", [1, 6])
def test_versions_page_queries_do_not_grow(world, client_as, django_assert_num_queries, count):
    programme = ProgrammeFactory(version_label="v0")
    for number in range(1, count + 1):
        create_programme_version(
            programme=programme, by=UserFactory(), label=f"v{number}", changes="Änderung."
        )
    client = client_as(world.user("coordinator"))
    programme.organisers.add(world.user("coordinator"))
    url = reverse("seminars:versions", kwargs={"slug": programme.slug})
    client.get(url)  # warm the per-request caches that do not depend on the rows

    with django_assert_num_queries(QUERIES) as captured:
        response = client.get(url)

    assert response.content.decode().count("data-version=") == count + 1
    assert len(captured) == QUERIES


QUERIES = 8
