"""The admin of the knowledge exchange: every model opens; changes to solutions are recorded."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.knowledge.catalogue_factories import SolutionFileFactory, solution_in
from tests.knowledge.factories import (
    AdoptionFactory,
    AllianceFactory,
    AlliancePartnerFactory,
    IntroductionFactory,
    SoftwareFactory,
)
from voneinander.knowledge import services
from voneinander.knowledge.models import (
    Adoption,
    Alliance,
    AlliancePartner,
    ContactRequest,
    Introduction,
    Software,
    Solution,
    SolutionFile,
    SolutionRevision,
    Topic,
)

MODELS = [
    Topic,
    Solution,
    Software,
    SolutionFile,
    SolutionRevision,
    Adoption,
    Alliance,
    AlliancePartner,
    ContactRequest,
    Introduction,
]


def test_every_knowledge_model_is_registered():
    assert all(model in admin.site._registry for model in MODELS)


@pytest.fixture
def objects(world):
    solution = solution_in(world)
    SoftwareFactory(solution=solution)
    SolutionFileFactory(solution=solution)
    services.set_featured(solution=solution, by=world.user("coordinator"), featured=True)
    AdoptionFactory(solution=solution)
    AlliancePartnerFactory(alliance=AllianceFactory(network=world.network, solution=solution))
    IntroductionFactory(solution=solution)
    return solution


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_admin_lists_searches_and_opens_each_model(world, client_as, objects, model):
    client = client_as(world.user("admin"))
    prefix = f"admin:knowledge_{model._meta.model_name}"
    obj = model.objects.order_by("pk").first()

    listing = client.get(reverse(f"{prefix}_changelist"), {"q": "a"})
    change = client.get(reverse(f"{prefix}_change", args=[obj.pk]))

    assert listing.status_code == 200
    assert change.status_code == 200


def test_uploads_and_history_cannot_be_added_or_changed_in_the_admin():
    for model in (SolutionFile, SolutionRevision):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(None)
        assert not model_admin.has_change_permission(None)
        assert not any(url.name and url.name.endswith("_add") for url in model_admin.get_urls())


def test_changing_a_solution_in_the_admin_is_recorded_in_its_history(world, client_as):
    solution = solution_in(world, title="Dorf-App", summary="Alt")
    client = client_as(world.user("admin"))
    url = reverse("admin:knowledge_solution_change", args=[solution.pk])
    data = {
        "title": "Dorf-App",
        "slug": solution.slug,
        "summary": "Neu",
        "status": solution.status,
        "network": solution.network_id,
        "owner": solution.owner_id,
        "visibility": solution.visibility,
        "software-TOTAL_FORMS": "0",
        "software-INITIAL_FORMS": "0",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
    }

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    revision = solution.revisions.get()
    assert revision.changed == {"summary": ["Alt", "Neu"]}
    assert revision.author == world.user("admin")
