"""Findings of the security review of seminars: who enrols, admin, networks, dates, input."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext

from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.seminars.factories import ModuleFactory, ProgrammeFactory
from voneinander.seminars import selectors, services
from voneinander.seminars.models import (
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    Material,
    ModuleFeedback,
    Programme,
)

pytestmark = pytest.mark.django_db

NOT_A_MEMBER = gettext(
    "Only people of a member municipality can enrol in this programme. Name your "
    "municipality in your profile; a contact person or coordinator confirms it."
)
NOT_YOURS = gettext("You can only link events that you organise.")
PUBLISH_FIRST = gettext(
    "Publish the programme first: its dates are public events. Until then you "
    "can link events that you organise."
)


def _programme(world, **extra):
    programme = ProgrammeFactory(**extra)
    programme.organisers.add(world.user("coordinator"))
    return programme


def _enrol_url(programme):
    return reverse("seminars:enrol", kwargs={"slug": programme.slug})


# --- 3: open programmes are for people of member municipalities ----------------------------


def test_open_enrol_refused_without_membership(world, client_as):
    programme = _programme(world)
    client = client_as(world.user("user"))
    assert client.get(_enrol_url(programme)).status_code == 403
    assert client.post(_enrol_url(programme), {}).status_code == 403
    assert not Enrolment.objects.filter(programme=programme).exists()
    with pytest.raises(ValidationError) as caught:
        services.enrol(programme=programme, user=world.user("user"))
    assert caught.value.messages == [NOT_A_MEMBER]


def test_open_enrol_refused_for_unconfirmed_municipality(world):
    programme = _programme(world)
    person = UserFactory(municipality=world.membership.municipality)
    assert not person.has_perm("seminars.enrol", programme)
    with pytest.raises(ValidationError) as caught:
        services.enrol(programme=programme, user=person)
    assert caught.value.messages == [NOT_A_MEMBER]


@pytest.mark.parametrize("role", ["member", "contact", "coordinator"])
def test_open_enrol_allowed_for_network_roles(world, role):
    programme = _programme(world)
    person = world.user(role)
    assert person.has_perm("seminars.enrol", programme)
    assert services.enrol(programme=programme, user=person).status == EnrolmentStatus.ACTIVE


def test_approval_enrol_open_to_every_signed_in_person(world, client_as):
    programme = _programme(world, enrolment_mode=EnrolmentMode.APPROVAL)
    client = client_as(world.user("user"))
    page = client.get(reverse("seminars:programme", kwargs={"slug": programme.slug}))
    assert (
        gettext(
            "Everyone with an account may ask to take part. The organisers admit each person; "
            "after your request you get an e-mail with their decision."
        )
        in page.content.decode()
    )
    assert client.post(_enrol_url(programme), {}).status_code == 302
    assert Enrolment.objects.get(programme=programme).status == EnrolmentStatus.REQUESTED


def test_open_programme_page_says_who_may_enrol(world, client_as):
    programme = _programme(world)
    page = client_as(world.user("user")).get(
        reverse("seminars:programme", kwargs={"slug": programme.slug})
    )
    html = page.content.decode()
    assert (
        gettext(
            "Open to people of member municipalities: every signed-in person whose "
            "affiliation to a member municipality is confirmed, and the contact persons and "
            "coordinators of the networks, can enrol at once."
        )
        in html
    )
    assert _enrol_url(programme) not in html


# --- 4: the admin does not show who rated -------------------------------------------------


def test_admin_module_feedback_is_read_only_and_names_nobody(world, client_as):
    module = ModuleFactory()
    person = UserFactory(first_name="Gisela", last_name="Geheim", email="gisela@example.org")
    feedback = ModuleFeedback.objects.create(
        module=module, user=person, version_label="Beta", rating=4, comment="Hilfreich"
    )
    client = client_as(world.user("admin"))
    listing = client.get(reverse("admin:seminars_modulefeedback_changelist")).content
    assert b"Geheim" not in listing and b"gisela@" not in listing
    page = client.get(reverse("admin:seminars_modulefeedback_change", args=[feedback.pk]))
    assert page.status_code == 200
    assert b"Hilfreich" in page.content
    assert b"Geheim" not in page.content and b"gisela@" not in page.content
    assert b'name="rating"' not in page.content
    changed = client.post(
        reverse("admin:seminars_modulefeedback_change", args=[feedback.pk]),
        {"module": module.pk, "user": person.pk, "version_label": "Beta", "rating": 1},
    )
    assert changed.status_code == 403
    feedback.refresh_from_db()
    assert feedback.rating == 4
    with pytest.raises(NoReverseMatch):
        reverse("admin:seminars_modulefeedback_add")
    delete = reverse("admin:seminars_modulefeedback_delete", args=[feedback.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not ModuleFeedback.objects.exists()


# --- 6: programmes only in networks one coordinates ---------------------------------------


def _programme_post(**extra):
    return {
        "title": "Digitale Kommune",
        "slug": "dk",
        "summary": "Kurz",
        "version_label": "Beta",
        "enrolment_mode": "open",
        **extra,
    }


def test_programme_form_offers_only_coordinated_networks(world, client_as):
    client = client_as(world.user("coordinator"))
    html = client.get(reverse("seminars:create")).content.decode()
    assert f'value="{world.network.pk}"' in html
    assert f'value="{world.other_network.pk}"' not in html
    response = client.post(
        reverse("seminars:create"), _programme_post(network=world.other_network.pk)
    )
    assert response.status_code == 400
    assert not Programme.objects.filter(slug="dk").exists()


def test_programme_form_offers_all_networks_to_admins(world, client_as):
    client = client_as(world.user("admin"))
    response = client.post(
        reverse("seminars:create"), _programme_post(network=world.other_network.pk)
    )
    assert response.status_code == 302
    assert Programme.objects.get(slug="dk").network == world.other_network


def test_create_programme_in_foreign_network_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        services.create_programme(
            by=world.user("coordinator"),
            values={"title": "X", "slug": "x", "summary": "K", "network": world.other_network},
        )
    assert "network" in caught.value.message_dict
    assert not Programme.objects.filter(slug="x").exists()


def test_update_programme_network_change_is_checked(world, client_as):
    programme = _programme(world, network=world.network)
    organiser = world.user("member")
    programme.organisers.add(organiser)
    # Keeping a network one does not coordinate is fine; moving it elsewhere is not.
    services.update_programme(programme=programme, by=organiser, values={"title": "Neu"})
    with pytest.raises(ValidationError) as caught:
        services.update_programme(
            programme=programme, by=organiser, values={"network": world.other_network}
        )
    assert "network" in caught.value.message_dict
    programme.refresh_from_db()
    assert programme.network == world.network
    client = client_as(organiser)
    html = client.get(reverse("seminars:edit", kwargs={"slug": programme.slug})).content.decode()
    assert f'value="{world.network.pk}"' in html
    assert f'value="{world.other_network.pk}"' not in html


# --- 7: only one's own events become module dates -----------------------------------------


def test_linkable_events_are_only_the_users_own(world):
    ModuleFactory(programme=_programme(world))
    coordinator = world.user("coordinator")
    named = EventFactory(networks=[world.other_network], organisers=[coordinator])
    of_network = EventFactory(networks=[world.network])
    foreign = EventFactory(networks=[world.other_network])
    offered = set(selectors.linkable_events(coordinator))
    assert offered == {named, of_network}
    assert foreign not in offered


def test_link_foreign_event_is_refused(world, client_as):
    module = ModuleFactory(programme=_programme(world))
    foreign = EventFactory(networks=[world.other_network])
    client = client_as(world.user("coordinator"))
    url = reverse("seminars:dates", kwargs={"slug": module.programme.slug, "pk": module.pk})
    assert client.post(url, {"action": "link", "event": foreign.pk}).status_code == 400
    foreign.refresh_from_db()
    assert foreign.seminar_module is None
    with pytest.raises(ValidationError) as caught:
        services.link_event(module=module, event=foreign, by=world.user("coordinator"))
    assert caught.value.message_dict == {"event": [NOT_YOURS]}
    foreign.refresh_from_db()
    assert foreign.seminar_module is None


# --- 10: only a confirmed municipality goes into the enrolment ----------------------------


def test_enrolment_keeps_only_confirmed_municipality(world):
    programme = _programme(world, enrolment_mode=EnrolmentMode.APPROVAL)
    unconfirmed = UserFactory(municipality=world.membership.municipality)
    assert services.enrol(programme=programme, user=unconfirmed).municipality_id is None
    confirmed = UserFactory(
        municipality=world.membership.municipality, municipality_confirmed_at=timezone.now()
    )
    enrolment = services.enrol(programme=programme, user=confirmed)
    assert enrolment.municipality == world.membership.municipality


# --- 11: no public dates for an unpublished programme -------------------------------------


def test_add_date_to_unpublished_programme_is_refused(world, client_as):
    module = ModuleFactory(programme=_programme(world, is_published=False))
    client = client_as(world.user("coordinator"))
    url = reverse("seminars:dates", kwargs={"slug": module.programme.slug, "pk": module.pk})
    response = client.post(
        url,
        {
            "action": "create",
            "title": "Startworkshop",
            "starts_at": "2030-05-04T09:00",
            "ends_at": "2030-05-04T16:00",
            "format": "online",
        },
    )
    assert response.status_code == 400
    assert response.content.decode().count(PUBLISH_FIRST) == 2  # note and form error
    assert not module.dates.exists()


# --- 12: a bad material number is not a server error ---------------------------------------


@pytest.mark.parametrize("value", ["abc", "1.5", ""])
def test_delete_material_with_bad_number_is_404(world, client_as, value):
    module = ModuleFactory(programme=_programme(world))
    client = client_as(world.user("coordinator"))
    url = reverse("seminars:materials", kwargs={"slug": module.programme.slug, "pk": module.pk})
    response = client.post(url, {"action": "delete", "material": value})
    assert response.status_code == 404
    assert not Material.objects.exists()
