"""Every catalogue page is CSP-clean and sends the security headers, with forms in error too."""

from django.urls import reverse

from tests.core.test_security_headers import _assert_csp_clean, _assert_headers
from tests.knowledge.catalogue_factories import SolutionFileFactory, solution_in
from tests.knowledge.factories import SoftwareFactory, topic
from voneinander.knowledge import services


def test_catalogue_pages_are_csp_clean(world, client_as):
    coordinator = world.user("coordinator")
    solution = solution_in(world, topics=[topic("mobilitaet")], description="**fett**")
    SoftwareFactory(solution=solution)
    item = SolutionFileFactory(solution=solution)
    services.set_featured(solution=solution, by=coordinator, featured=True)
    slug = {"slug": solution.slug}
    client = client_as(coordinator)
    urls = [
        reverse("knowledge:catalogue"),
        reverse("knowledge:catalogue") + "?thema=gibt-es-nicht",
        reverse("knowledge:solution_create", kwargs={"network": "alpha"}),
        reverse("knowledge:topics"),
        reverse("knowledge:topic_edit", kwargs={"pk": topic("mobilitaet").pk}),
        reverse("knowledge:solution", kwargs=slug),
        reverse("knowledge:solution_edit", kwargs=slug),
        reverse("knowledge:solution_history", kwargs=slug),
        reverse("knowledge:solution_files", kwargs=slug),
        reverse("knowledge:solution_file_delete", kwargs={**slug, "pk": item.pk}),
        reverse("knowledge:solution_curate", kwargs=slug),
    ]
    responses = [(url, client.get(url)) for url in urls]
    posted = {
        "knowledge:solution_create": client.post(
            reverse("knowledge:solution_create", kwargs={"network": "alpha"}),
            {"title": "", "software-TOTAL_FORMS": "1", "software-INITIAL_FORMS": "0"},
        ),
        "knowledge:solution_files": client.post(reverse("knowledge:solution_files", kwargs=slug)),
        "knowledge:solution_merge": client.post(reverse("knowledge:solution_merge", kwargs=slug)),
    }
    responses += list(posted.items())

    for url, response in responses:
        assert response.status_code == 200, url
        _assert_headers(url, response)
        _assert_csp_clean(url, response)
    for response in posted.values():
        assert "data-error-summary" in response.content.decode()
