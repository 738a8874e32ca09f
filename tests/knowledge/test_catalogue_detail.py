"""A solution's page: its sections, the contact person, merged and archived solutions, history."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tests.factories import MembershipFactory, UserFactory
from tests.knowledge.catalogue_factories import (
    SolutionFileFactory,
    internal_solution_in,
    solution_in,
)
from tests.knowledge.factories import SoftwareFactory, topic
from voneinander.accounts.models import ContactVisibility
from voneinander.knowledge import services
from voneinander.knowledge.models import Solution, SolutionFileKind, SolutionStatus


def _page(client, solution, status=200) -> str:
    response = client.get(solution.get_absolute_url())
    assert response.status_code == status
    return response.content.decode()


def _de(message: str, **params) -> str:
    with translation.override("de"):
        return _(message) % params if params else _(message)


# --- The sections ------------------------------------------------------------------------------


def test_solution_page_shows_all_sections(world, client):
    partner = MembershipFactory(network=world.network, municipality__name="Nachbarort")
    solution = solution_in(
        world,
        title="Dorf-App",
        summary="Alles aus dem Dorf in einer App.",
        problem="Aushänge erreichen niemanden.",
        what_it_is="Eine App.",
        benefits="Mehr Beteiligung.",
        how_it_works="Vereine schreiben Beiträge.",
        suits="Ortsgemeinden ab 500 Einwohnern.",
        description="## Einführung\n\nMit **Schulung** für [Vereine](https://example.org).",
        lessons_learned="Früh die Vereine einbinden.",
        costs_one_off_min=5000,
        costs_one_off_max=12000,
        costs_yearly_min=1200,
        funding_source="LEADER",
        duration="6 Monate",
        staff_effort="2 Tage im Monat",
        topics=[topic("kommunikation")],
        partners=[partner.municipality],
        website="https://dorf-app.example.org",
    )
    SoftwareFactory(solution=solution, name="Dorf-Funk", vendor="Fraunhofer IESE")
    image = SolutionFileFactory(solution=solution, alt_text="Startseite mit Terminen")
    attachment = SolutionFileFactory(
        solution=solution,
        kind=SolutionFileKind.ATTACHMENT,
        title="Konzept",
        content_type="application/pdf",
        alt_text="",
    )

    page = _page(client, solution)

    for text in (
        "Alles aus dem Dorf in einer App.",
        "Aushänge erreichen niemanden.",
        "Eine App.",
        "Mehr Beteiligung.",
        "Vereine schreiben Beiträge.",
        "Ortsgemeinden ab 500 Einwohnern.",
        "Früh die Vereine einbinden.",
        "LEADER",
        "6 Monate",
        "2 Tage im Monat",
        "Kommunikation",
        "Dorf-Funk",
        "Fraunhofer IESE",
        "EUPL-1.2",
        'href="https://gitlab.opencode.de/beispiel/dorf-app"',
        'href="https://dorf-app.example.org"',
    ):
        assert text in page, text
    # Markdown, with headings shifted below the page's own.
    assert "<h3>Einführung</h3>" in page
    assert "<strong>Schulung</strong>" in page
    assert 'href="https://example.org" rel="noopener noreferrer nofollow"' in page
    # Costs in German number format.
    assert "5.000 € – 12.000 €" in page
    assert _de("from %(amount)s", amount="1.200 €") in page
    # Owner and partners link to their pages.
    owner = world.membership.municipality
    assert f'href="/kommunen/{owner.pk}/">Altstadt</a>' in page
    assert f'href="/kommunen/{partner.municipality.pk}/">Nachbarort</a>' in page
    # Images through the checked view, with their alternative text; attachments for download.
    image_url = reverse("knowledge:solution_file", kwargs={"slug": solution.slug, "pk": image.pk})
    assert f'<img src="{image_url}" alt="Startseite mit Terminen"' in page
    attachment_url = reverse(
        "knowledge:solution_file", kwargs={"slug": solution.slug, "pk": attachment.pk}
    )
    assert f'href="{attachment_url}" download>Konzept</a>' in page
    assert reverse("knowledge:solution_history", kwargs={"slug": solution.slug}) in page


def test_solution_page_cleans_markup_out_of_the_description(world, client):
    solution = solution_in(
        world,
        description='<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror="a()">',
        problem="<b>fett</b>",
    )

    page = _page(client, solution)

    assert "<script>alert(1)" not in page
    assert 'href="javascript:' not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text
    assert "&lt;b&gt;fett&lt;/b&gt;" in page


def test_discontinued_solution_shows_the_reason(world, client):
    solution = solution_in(
        world,
        status=SolutionStatus.DISCONTINUED,
        discontinued_reason="Der Anbieter hat aufgegeben.",
    )

    page = _page(client, solution)

    with translation.override("de"):
        assert str(SolutionStatus.DISCONTINUED.label) in page
    assert "Der Anbieter hat aufgegeben." in page


def test_solution_page_shows_edit_and_curate_links_by_role(world, client_as):
    solution = solution_in(world)
    edit = reverse("knowledge:solution_edit", kwargs={"slug": solution.slug})
    curate = reverse("knowledge:solution_curate", kwargs={"slug": solution.slug})

    anonymous = _page(client_as(None), solution)
    member = _page(client_as(world.user("member")), solution)
    coordinator = _page(client_as(world.user("coordinator")), solution)

    assert edit not in anonymous and curate not in anonymous
    assert edit in member and curate not in member
    assert edit in coordinator and curate in coordinator


# --- The contact person ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("visibility", "shown_to"),
    [
        (ContactVisibility.PUBLIC, {"anonymous", "user", "member", "coordinator", "admin"}),
        (ContactVisibility.NETWORK, {"member", "coordinator", "admin"}),
        (ContactVisibility.NOBODY, {"coordinator", "admin"}),
    ],
)
def test_contact_person_is_shown_as_they_chose(world, client_as, visibility, shown_to):
    person = UserFactory(
        email="ansprechperson@example.org",
        municipality=world.membership.municipality,
        municipality_confirmed_at=timezone.now(),
        contact_visibility=visibility,
        phone="06131 123",
    )
    solution = solution_in(world, contact=person)

    for role in ("anonymous", "user", "member", "coordinator", "admin"):
        page = _page(client_as(world.user(role)), solution)
        assert ("ansprechperson@example.org" in page) == (role in shown_to), role
        assert (person.last_name in page) == (role in shown_to), role
        if role not in shown_to:
            assert _de("The contact person's details are not visible to you.") in page


def test_contact_person_always_sees_themselves(world, client_as):
    person = world.user("member")
    person.contact_visibility = ContactVisibility.NOBODY
    person.save()
    solution = solution_in(world, network="beta", contact=person)

    page = _page(client_as(person), solution)

    assert person.email in page


# --- Merged and archived ------------------------------------------------------------------


def test_merged_solution_leads_to_its_target(world, client):
    target = solution_in(world, title="Ziel")
    duplicate = solution_in(world, title="Doppelt")
    services.merge_solution(duplicate=duplicate, into=target, by=world.user("coordinator"))

    response = client.get(duplicate.get_absolute_url())

    assert response.status_code == 301
    assert response["Location"] == target.get_absolute_url()


def test_internal_merged_solution_does_not_lead_outsiders_to_its_target(world, client_as):
    target = solution_in(world, title="Ziel")
    duplicate = internal_solution_in(world, title="Intern doppelt", merged_into=target)

    for person in (None, world.user("user")):
        response = client_as(person).get(duplicate.get_absolute_url())
        assert response.status_code == 404
        assert target.get_absolute_url().encode() not in response.content
    # Members of the network knew the duplicate: they are led on.
    response = client_as(world.user("member")).get(duplicate.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == target.get_absolute_url()


def test_merged_solution_follows_a_chain_of_merges(world, client):
    final = solution_in(world, title="Endgültig")
    middle = solution_in(world, title="Mitte", merged_into=final)
    first = solution_in(world, title="Erster", merged_into=middle)

    response = client.get(first.get_absolute_url())

    assert response["Location"] == final.get_absolute_url()


def test_merged_into_an_invisible_target_is_not_found(world, client_as):
    target = internal_solution_in(world, network="beta")
    duplicate = solution_in(world, merged_into=target)

    assert client_as(None).get(duplicate.get_absolute_url()).status_code == 404
    # The coordinator of alpha may still see alpha's duplicate, with a notice.
    page = _page(client_as(world.user("coordinator")), duplicate)
    assert _de("This solution has been merged into another entry of the catalogue.") in page
    assert target.title not in page


def test_archived_solution_shows_a_notice_to_those_who_still_see_it(world, client_as):
    solution = solution_in(world, archived_at=timezone.now())

    assert client_as(None).get(solution.get_absolute_url()).status_code == 404
    for role in ("member", "coordinator", "admin"):
        page = _page(client_as(world.user(role)), solution)
        assert _de("This solution is archived.") in page


def test_internal_solution_is_not_found_for_outsiders(world, client_as):
    solution = internal_solution_in(world, title="Geheim")

    beta_member = UserFactory(
        municipality=world.other_membership.municipality, municipality_confirmed_at=timezone.now()
    )
    for person in (None, world.user("user"), beta_member):
        response = client_as(person).get(solution.get_absolute_url())
        assert response.status_code == 404
        assert b"Geheim" not in response.content
    page = _page(client_as(world.user("member")), solution)
    with translation.override("de"):
        assert (
            _("Only members of %(network)s see this solution.") % {"network": "Netzwerk Alpha"}
            in page
        )


# --- History -------------------------------------------------------------------------------


def test_history_lists_revisions_with_author_time_and_changed_fields(world, client_as):
    member = world.user("member")
    member.contact_visibility = ContactVisibility.PUBLIC
    member.save()
    solution = services.create_solution(
        by=member,
        network=world.network,
        owner=world.membership.municipality,
        data={"title": "Dorf-App", "summary": "Kurz", "costs_yearly_max": 1500},
    )
    services.update_solution(
        solution=solution,
        by=member,
        changes={"status": SolutionStatus.PILOT, "costs_yearly_max": 2500, "contact": member},
        note="Pilot gestartet",
    )

    # The member of the owning municipality may edit it, so sees the values.
    response = client_as(member).get(
        reverse("knowledge:solution_history", kwargs={"slug": solution.slug})
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count(member.display_name) == 2
    assert "Pilot gestartet" in page
    with translation.override("de"):
        assert str(SolutionStatus.PILOT.label) in page
        assert str(SolutionStatus.IDEA.label) in page
    assert "1.500" in page and "2.500" in page
    # The contact person is named as changed, without the value.
    with translation.override("de"):
        label = str(Solution._meta.get_field("contact").verbose_name)
    row = page[page.index(label[0].upper() + label[1:]) :]
    assert " ".join(row[: row.index("</tr>")].split()) == (
        f"{label[0].upper() + label[1:]}</th> "
        f'<td class="kern-table__cell" colspan="2">{_de("changed")}</td>'
    )
    assert member.email not in page


def test_history_shows_values_only_to_those_who_may_edit(world, client_as):
    member = world.user("member")
    member.contact_visibility = ContactVisibility.PUBLIC
    member.save()
    solution = services.create_solution(
        by=member,
        network=world.network,
        owner=world.membership.municipality,
        data={
            "title": "Dorf-App",
            "summary": "Kurz",
            "visibility": "network",
            "description": "Kostet intern 48.000 Euro aus dem Sonderhaushalt.",
            "costs_yearly_max": 48000,
        },
    )
    services.update_solution(
        solution=solution,
        by=member,
        changes={"description": "Eine App für das Dorf.", "visibility": "public"},
        note="Haushaltszahlen entfernt",
    )
    url = reverse("knowledge:solution_history", kwargs={"slug": solution.slug})

    outsider = client_as(world.user("user")).get(url).content.decode()
    editor = client_as(member).get(url).content.decode()

    for secret in ("Sonderhaushalt", "48.000", "Haushaltszahlen entfernt"):
        assert secret not in outsider
        assert secret in editor
    assert member.display_name in outsider  # who and when stay visible
    with translation.override("de"):
        label = str(Solution._meta.get_field("description").verbose_name)
    assert label[0].upper() + label[1:] in outsider  # which fields changed
    assert (
        _de("The old and new values are shown only to the people who may edit the solution.")
        in outsider
    )
    assert "kern-table__cell vn-history-value" not in outsider


def test_history_hides_authors_who_do_not_share_their_name(world, client_as):
    member = world.user("member")
    member.contact_visibility = ContactVisibility.NOBODY
    member.save()
    solution = services.create_solution(
        by=member,
        network=world.network,
        owner=world.membership.municipality,
        data={"title": "Dorf-App", "summary": "Kurz"},
    )
    url = reverse("knowledge:solution_history", kwargs={"slug": solution.slug})

    anonymous = client_as(None).get(url).content.decode()
    coordinator = client_as(world.user("coordinator")).get(url).content.decode()

    assert member.display_name not in anonymous
    assert _de("a member of the network") in anonymous
    assert member.display_name in coordinator


def test_history_query_count_does_not_grow(world, client, django_assert_max_num_queries):
    solution = solution_in(world)
    coordinator = world.user("coordinator")
    services.set_featured(solution=solution, by=coordinator, featured=True)
    url = reverse("knowledge:solution_history", kwargs={"slug": solution.slug})
    with django_assert_max_num_queries(50) as one:
        client.get(url)
    for number in range(10):
        services.update_solution(
            solution=solution, by=coordinator, changes={"summary": f"{number}"}
        )

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)

    assert response.content.decode().count("<caption") == 11
