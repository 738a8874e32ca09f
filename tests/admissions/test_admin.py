import pytest
from django.urls import NoReverseMatch, reverse

from tests.admissions.factories import ApplicationFactory
from voneinander.admissions.models import Application
from voneinander.audit.models import AuditEvent


def test_admin_lists_applications_read_only(world, client_as):
    application = ApplicationFactory(network=world.network)
    client = client_as(world.user("admin"))
    listing = client.get(reverse("admin:admissions_application_changelist"))
    assert str(application.municipality) in listing.content.decode()
    change = client.get(reverse("admin:admissions_application_change", args=[application.pk]))
    assert change.status_code == 200
    assert 'name="state"' not in change.content.decode()  # shown, not editable
    with pytest.raises(NoReverseMatch):
        reverse("admin:admissions_application_add")


def test_admin_deletion_is_audited_and_removes_the_letter(
    world, client_as, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(network=world.network)
    storage, name = application.letter.storage, application.letter.name
    assert storage.exists(name)
    client = client_as(world.user("admin"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:admissions_application_delete", args=[application.pk]),
            {"post": "yes"},
        )
    assert response.status_code == 302
    assert not storage.exists(name)
    assert not Application.objects.exists()
    event = AuditEvent.objects.get(action="object.deleted")
    assert (event.actor, event.target_id) == (world.user("admin"), str(application.pk))
