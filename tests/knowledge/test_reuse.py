"""Reuse: recording, editing and removing adoptions, and the adopters box on a solution."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from tests.knowledge.factories import AdoptionFactory, SolutionFactory
from voneinander.accounts.models import ContactVisibility
from voneinander.audit.models import AuditEvent
from voneinander.knowledge import adoption_services as services
from voneinander.knowledge.models import Adoption, AdoptionStatus, SolutionVisibility

D = datetime.date


def _person(municipality, **extra):
    return UserFactory(municipality=municipality, municipality_confirmed_at=timezone.now(), **extra)


@pytest.fixture
def solution(world):
    """A public solution of Burgdorf (member of alpha); Altstadt may adopt it."""
    owner = MembershipFactory(
        network=world.network,
        municipality__name="Burgdorf",
        municipality__latitude=49.9,
        municipality__longitude=7.5,
    ).municipality
    return SolutionFactory(network=world.network, owner=owner, title="Dorf-App")


def _create_url(solution):
    return reverse("knowledge:adoption_create", kwargs={"slug": solution.slug})


def _form(municipality, **extra):
    data = {
        "municipality": municipality.pk,
        "status": AdoptionStatus.IN_USE,
        "started_on": "2024-03-01",
        "ended_on": "",
        "report": "Die Einführung dauerte **drei Monate**.",
        "contact": "",
    }
    data.update(extra)
    return data


# --- Recording --------------------------------------------------------------------------


def test_record_adoption_saves_the_reuse_of_the_own_municipality(world, client_as, solution):
    member = world.user("member")
    altstadt = world.membership.municipality
    response = client_as(member).post(_create_url(solution), _form(altstadt, contact=member.pk))
    assert response.status_code == 302
    assert response["Location"] == solution.get_absolute_url()
    adoption = Adoption.objects.get(solution=solution)
    assert adoption.municipality == altstadt
    assert adoption.status == AdoptionStatus.IN_USE
    assert adoption.started_on == D(2024, 3, 1)
    assert adoption.ended_on is None
    assert adoption.report == "Die Einführung dauerte **drei Monate**."
    assert adoption.contact == member
    assert adoption.created_by == member


def test_record_adoption_form_names_the_person_as_contact_by_default(world, client_as, solution):
    response = client_as(world.user("member")).get(_create_url(solution))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["contact"].value() == world.user("member").pk
    assert form["municipality"].value() == world.membership.municipality.pk
    assert form.fields["municipality"].widget.is_hidden
    assert "Altstadt" in response.content.decode()


def test_record_adoption_twice_for_one_municipality_sends_to_the_existing_record(
    world, client_as, solution
):
    existing = AdoptionFactory(solution=solution, municipality=world.membership.municipality)
    response = client_as(world.user("member")).get(_create_url(solution))
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge:adoption_edit", kwargs={"pk": existing.pk})


def test_record_adoption_twice_offers_to_edit_the_existing_record(world, client_as, solution):
    """A coordinator speaks for several members; the second record is refused with a link."""
    existing = AdoptionFactory(solution=solution, municipality=world.membership.municipality)
    MembershipFactory(network=world.network, municipality__name="Neudorf")
    response = client_as(world.user("coordinator")).post(
        _create_url(solution), _form(world.membership.municipality, report="Zweiter Bericht")
    )
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("de"):
        message = gettext(
            "%(municipality)s has already recorded reuse of this solution. "
            "You can edit that record instead."
        ) % {"municipality": "Altstadt"}
    assert message in html
    assert reverse("knowledge:adoption_edit", kwargs={"pk": existing.pk}) in html
    assert "Zweiter Bericht" in html  # what was typed is not lost
    assert Adoption.objects.filter(solution=solution).count() == 1


def test_record_adoption_service_refuses_a_duplicate(world, solution):
    AdoptionFactory(solution=solution, municipality=world.membership.municipality)
    with pytest.raises(services.DuplicateAdoptionError) as caught:
        services.record_adoption(
            solution=solution, municipality=world.membership.municipality, by=world.user("member")
        )
    assert caught.value.existing.municipality == world.membership.municipality


def test_record_adoption_refuses_the_owner_municipality(world, solution):
    with pytest.raises(ValidationError) as caught:
        services.record_adoption(
            solution=solution, municipality=solution.owner, by=world.user("admin")
        )
    assert caught.value.code == "own_solution"
    assert not Adoption.objects.exists()


def test_record_adoption_page_tells_the_owner_why_not(world, client_as):
    solution = SolutionFactory(network=world.network, owner=world.membership.municipality)
    client = client_as(world.user("member"))
    response = client.get(_create_url(solution))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert response.context["is_owner_only"]
    response = client.post(_create_url(solution), _form(world.membership.municipality))
    assert response.status_code == 200
    assert not Adoption.objects.exists()


def test_record_adoption_for_a_municipality_not_offered_is_refused(world, client_as, solution):
    stranger = MunicipalityFactory(name="Fremdstadt")
    response = client_as(world.user("member")).post(_create_url(solution), _form(stranger))
    assert response.status_code == 200
    with translation.override("de"):
        assert gettext("You cannot record reuse for this municipality.") in (
            response.content.decode()
        )
    assert not Adoption.objects.exists()


def test_record_adoption_with_dates_in_the_wrong_order_keeps_the_input(world, client_as, solution):
    response = client_as(world.user("member")).post(
        _create_url(solution),
        _form(
            world.membership.municipality,
            started_on="2024-05-01",
            ended_on="2024-04-01",
            report="Mein langer Bericht",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("de"):
        assert gettext("The end date lies before the start date. Please check both dates.") in html
    assert "Mein langer Bericht" in html
    assert not Adoption.objects.exists()


def test_record_adoption_with_a_broken_date_says_how_to_write_it(world, client_as, solution):
    response = client_as(world.user("member")).post(
        _create_url(solution), _form(world.membership.municipality, started_on="32.13.2024")
    )
    assert response.status_code == 200
    with translation.override("de"):
        assert gettext("Please enter the date as DD.MM.YYYY.") in response.content.decode()


def test_record_adoption_on_an_archived_solution_is_refused(world, client_as, solution):
    solution.archived_at = timezone.now()
    solution.save()
    with pytest.raises(ValidationError) as caught:
        services.record_adoption(
            solution=solution,
            municipality=world.membership.municipality,
            by=world.user("member"),
        )
    assert caught.value.code == "inactive"
    response = client_as(world.user("coordinator")).get(_create_url(solution))
    assert response.status_code == 200
    assert response.context["form"] is None


def test_record_adoption_refuses_a_contact_of_another_municipality(world, solution):
    outsider = _person(MunicipalityFactory())
    with pytest.raises(ValidationError) as caught:
        services.record_adoption(
            solution=solution,
            municipality=world.membership.municipality,
            by=world.user("member"),
            contact=outsider,
        )
    assert "contact" in caught.value.message_dict
    assert not Adoption.objects.exists()


def test_record_adoption_names_a_colleague_as_contact(world, solution):
    colleague = _person(world.membership.municipality)
    adoption = services.record_adoption(
        solution=solution,
        municipality=world.membership.municipality,
        by=world.user("member"),
        contact=colleague,
    )
    assert adoption.contact == colleague


def test_record_adoption_coordinator_chooses_among_members(world, client_as, solution):
    neudorf = MembershipFactory(network=world.network, municipality__name="Neudorf").municipality
    client = client_as(world.user("coordinator"))
    choices = list(
        client.get(_create_url(solution)).context["form"].fields["municipality"].queryset
    )
    assert choices == [world.membership.municipality, neudorf]  # the owner is not offered
    response = client.post(_create_url(solution), _form(neudorf))
    assert response.status_code == 302
    assert Adoption.objects.get().municipality == neudorf


# --- Editing and removing ---------------------------------------------------------------


def test_update_adoption_changes_only_what_differs(world, solution):
    adoption = AdoptionFactory(
        solution=solution, municipality=world.membership.municipality, status="adopting"
    )
    changed = services.update_adoption(
        adoption=adoption,
        by=world.user("member"),
        status=AdoptionStatus.STOPPED,
        started_on=None,
        ended_on=D(2025, 1, 31),
        report=adoption.report,
        contact=None,
    )
    assert changed == ["status", "ended_on"]
    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.STOPPED
    assert adoption.ended_on == D(2025, 1, 31)


def test_edit_adoption_saves_the_report(world, client_as, solution):
    adoption = AdoptionFactory(solution=solution, municipality=world.membership.municipality)
    url = reverse("knowledge:adoption_edit", kwargs={"pk": adoption.pk})
    client = client_as(world.user("member"))
    assert client.get(url).context["form"]["report"].value() == adoption.report
    response = client.post(
        url,
        {"status": "in_use", "started_on": "2023-01-15", "report": "Neuer Bericht", "contact": ""},
    )
    assert response.status_code == 302
    adoption.refresh_from_db()
    assert adoption.report == "Neuer Bericht"
    assert adoption.started_on == D(2023, 1, 15)


def test_edit_adoption_with_bad_input_changes_nothing(world, client_as, solution):
    adoption = AdoptionFactory(
        solution=solution, municipality=world.membership.municipality, report="Alt"
    )
    url = reverse("knowledge:adoption_edit", kwargs={"pk": adoption.pk})
    response = client_as(world.user("member")).post(
        url, {"status": "gibt-es-nicht", "report": "Neu und länger", "contact": ""}
    )
    assert response.status_code == 200
    assert "Neu und länger" in response.content.decode()
    adoption.refresh_from_db()
    assert adoption.report == "Alt"


def test_delete_adoption_removes_it_and_keeps_an_audit_entry(world, client_as, solution):
    adoption = AdoptionFactory(solution=solution, municipality=world.membership.municipality)
    url = reverse("knowledge:adoption_delete", kwargs={"pk": adoption.pk})
    client = client_as(world.user("coordinator"))
    assert client.get(url).status_code == 200
    assert Adoption.objects.filter(pk=adoption.pk).exists()  # GET only asks
    response = client.post(url)
    assert response.status_code == 302
    assert not Adoption.objects.filter(pk=adoption.pk).exists()
    event = AuditEvent.objects.get(action="knowledge.adoption_removed")
    assert event.actor == world.user("coordinator")
    assert event.data["municipality"] == "Altstadt"


# --- The adopters box ---------------------------------------------------------------------


def _box(solution, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load knowledge_reuse %}{% adopters_box solution %}")
    return template.render(Context({"request": request, "solution": solution}))


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _adopters(solution, count, *, start=0):
    adoptions = []
    for i in range(count):
        municipality = MembershipFactory(
            network=solution.network,
            municipality__name=f"Nachnutzer {start + i}",
            municipality__latitude=49.5 + i * 0.01,
            municipality__longitude=7.0 + i * 0.01,
        ).municipality
        contact = _person(municipality, contact_visibility=ContactVisibility.PUBLIC)
        adoptions.append(
            AdoptionFactory(
                solution=solution,
                municipality=municipality,
                contact=contact,
                started_on=D(2024, 1 + i % 12, 1),
            )
        )
    return adoptions


def test_adopters_box_lists_adopters_with_status_since_and_report(world, solution):
    AdoptionFactory(
        solution=solution,
        municipality=world.membership.municipality,
        status=AdoptionStatus.IN_USE,
        started_on=D(2024, 3, 1),
        report="**Gut** gelaufen <script>alert(1)</script>",
    )
    html = _box(solution, _anonymous())
    with translation.override("de"):
        assert gettext("We use this too") in html
    assert "Altstadt" in html
    assert "März 2024" in html
    assert "<strong>Gut</strong> gelaufen" in html
    assert "<script>" not in html
    assert reverse("municipalities:detail", kwargs={"pk": world.membership.municipality.pk}) in html


def test_adopters_box_draws_owner_and_adopters_on_the_map(world, solution):
    altstadt = world.membership.municipality
    altstadt.latitude, altstadt.longitude = 50.0, 7.6
    altstadt.save()
    AdoptionFactory(solution=solution, municipality=altstadt)
    html = _box(solution, _anonymous())
    svg = re.search(r'<svg [^>]*class="vn-map__svg".*?</svg>', html, re.DOTALL).group(0)
    assert svg.count('class="vn-map__marker vn-map__marker--transfer"') == 1  # the owner
    assert svg.count('class="vn-map__marker vn-map__marker--member"') == 1  # Altstadt
    assert "Burgdorf" in svg and "Altstadt" in svg


def test_adopters_box_without_adopters_has_no_map(world, solution):
    html = _box(solution, _anonymous())
    assert "vn-map__svg" not in html
    with translation.override("de"):
        assert gettext("No other municipality has recorded reuse of this solution yet.") in html


def test_adopters_box_offers_recording_to_members_only(world, solution):
    button = _create_url(solution)
    assert f'href="{button}"' in _box(solution, world.user("member"))
    assert f'href="{button}"' not in _box(solution, world.user("user"))
    assert "next=" in _box(solution, _anonymous())  # a sign-in link instead


def test_adopters_box_offers_editing_to_a_municipality_that_has_recorded(world, solution):
    adoption = AdoptionFactory(solution=solution, municipality=world.membership.municipality)
    html = _box(solution, world.user("member"))
    assert f'href="{_create_url(solution)}"' not in html
    assert reverse("knowledge:adoption_edit", kwargs={"pk": adoption.pk}) in html
    assert reverse("knowledge:adoption_edit", kwargs={"pk": adoption.pk}) not in _box(
        solution, world.user("user")
    )


def test_adopters_box_shows_contacts_as_they_chose(world, solution):
    altstadt = world.membership.municipality
    hidden = _person(altstadt, email="versteckt@example.org", contact_visibility="nobody")
    AdoptionFactory(solution=solution, municipality=altstadt, contact=hidden)
    assert "versteckt@example.org" not in _box(solution, _anonymous())
    assert "versteckt@example.org" not in _box(solution, world.user("member"))
    assert "versteckt@example.org" in _box(solution, world.user("coordinator"))
    hidden.contact_visibility = ContactVisibility.NETWORK
    hidden.save()
    assert "versteckt@example.org" not in _box(solution, _anonymous())
    assert "versteckt@example.org" in _box(solution, world.user("member"))


def test_adopters_box_query_count_does_not_grow_with_adopters(world, solution):
    _adopters(solution, 1)
    user = world.user("member")
    _box(solution, user)  # the person's roles are computed once per request
    with CaptureQueriesContext(connection) as one:
        _box(solution, user)
    _adopters(solution, 15, start=10)
    with CaptureQueriesContext(connection) as many:
        html = _box(solution, user)
    assert html.count('class="vn-adopters__item"') == 16
    assert len(many) == len(one)
    assert len(one) <= 4


def test_solution_page_shows_the_adopters(world, client, solution):
    AdoptionFactory(solution=solution, municipality=world.membership.municipality)
    response = client.get(solution.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="adopters-heading"' in html
    assert "Altstadt" in html


def test_adopters_of_an_internal_solution_stay_hidden(world, client):
    solution = SolutionFactory(network=world.other_network, visibility=SolutionVisibility.NETWORK)
    adoption = AdoptionFactory(solution=solution, municipality=world.other_membership.municipality)
    assert (
        client.get(reverse("knowledge:adoption_edit", kwargs={"pk": adoption.pk})).status_code
        == 404
    )
