"""Creating and editing solutions through the pages: choices, messages, nothing lost."""

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tests.factories import ContactPersonFactory, MembershipFactory, UserFactory
from tests.knowledge.catalogue_factories import solution_in
from tests.knowledge.factories import SoftwareFactory, TopicFactory, topic
from voneinander.knowledge.models import Solution, SolutionStatus

START = reverse("knowledge:solution_create_start")
CREATE_ALPHA = reverse("knowledge:solution_create", kwargs={"network": "alpha"})


def _de(message: str, **params) -> str:
    with translation.override("de"):
        return _(message) % params if params else _(message)


def _form_data(**values) -> dict:
    data = {
        "title": "Dorf-App",
        "summary": "Alles aus dem Dorf in einer App.",
        "status": "operation",
        "visibility": "public",
        "software-TOTAL_FORMS": "2",
        "software-INITIAL_FORMS": "0",
        "software-MIN_NUM_FORMS": "0",
        "software-MAX_NUM_FORMS": "30",
    }
    data.update(values)
    return {key: value for key, value in data.items() if value is not None}


# --- The first step ----------------------------------------------------------------------


def test_create_start_goes_straight_to_the_only_network(world, client_as):
    response = client_as(world.user("member")).get(START)

    assert response.status_code == 302
    assert response["Location"] == CREATE_ALPHA


def test_create_start_lets_the_admin_choose_and_takes_the_network_parameter(world, client_as):
    client = client_as(world.user("admin"))

    page = client.get(START).content.decode()
    chosen = client.get(START, {"netzwerk": "beta"})

    assert CREATE_ALPHA in page
    assert reverse("knowledge:solution_create", kwargs={"network": "beta"}) in page
    assert chosen["Location"] == reverse("knowledge:solution_create", kwargs={"network": "beta"})


def test_create_start_explains_how_to_take_part_without_a_network(world, client_as):
    page = client_as(world.user("user")).get(START).content.decode()

    assert reverse("networks:list") in page
    assert reverse("accounts:profile") in page
    assert CREATE_ALPHA not in page


def test_contact_person_without_affiliation_is_told_why_they_cannot_create(world, client_as):
    response = client_as(world.user("contact")).get(CREATE_ALPHA)

    assert response.status_code == 200
    assert 'name="title"' not in response.content.decode()
    assert reverse("accounts:profile") in response.content.decode()


# --- Creating ------------------------------------------------------------------------------


def test_member_creates_a_solution_of_their_municipality(world, client_as):
    client = client_as(world.user("member"))
    form_page = client.get(CREATE_ALPHA).content.decode()
    assert 'name="owner"' not in form_page  # the member's own municipality, shown as text
    assert "Altstadt" in form_page

    response = client.post(
        CREATE_ALPHA,
        _form_data(
            topics=[topic("mobilitaet").pk],
            costs_one_off_min="1000",
            costs_one_off_max="2000",
            **{
                "software-0-name": "Dorf-Funk",
                "software-0-licence": "Apache-2.0",
                "software-0-is_open_source": "on",
                "software-0-repository_url": "https://github.com/beispiel/dorf-funk",
            },
        ),
    )

    solution = Solution.objects.get()
    assert response.status_code == 302
    assert response["Location"] == solution.get_absolute_url()
    assert solution.owner == world.membership.municipality
    assert solution.network == world.network
    assert solution.created_by == world.user("member")
    assert [t.slug for t in solution.topics.all()] == ["mobilitaet"]
    assert (solution.costs_one_off_min, solution.costs_one_off_max) == (1000, 2000)
    assert list(solution.software.values_list("name", "is_open_source")) == [("Dorf-Funk", True)]


def test_member_cannot_slip_in_another_owner(world, client_as):
    other = MembershipFactory(network=world.network).municipality

    client_as(world.user("member")).post(CREATE_ALPHA, _form_data(owner=str(other.pk)))

    assert Solution.objects.get().owner == world.membership.municipality


def test_coordinator_chooses_among_the_members(world, client_as):
    other = MembershipFactory(network=world.network, municipality__name="Zweitstadt").municipality
    outsider = MembershipFactory(network=world.other_network).municipality
    client = client_as(world.user("coordinator"))

    page = client.get(CREATE_ALPHA).content.decode()
    response = client.post(CREATE_ALPHA, _form_data(owner=str(other.pk)))
    refused = client.post(CREATE_ALPHA, _form_data(owner=str(outsider.pk), title="Fremd"))

    assert 'name="owner"' in page and "Zweitstadt" in page and outsider.name not in page
    assert response.status_code == 302
    assert Solution.objects.get(title="Dorf-App").owner == other
    assert refused.status_code == 200
    assert not Solution.objects.filter(title="Fremd").exists()


def test_bad_input_gets_clear_messages_and_nothing_is_lost(world, client_as):
    client = client_as(world.user("member"))

    response = client.post(
        CREATE_ALPHA,
        _form_data(
            status="discontinued",
            costs_yearly_min="500",
            costs_yearly_max="100",
            lessons_learned="Wichtige Erfahrung, die nicht verloren gehen darf.",
            costs_one_off_min="viel",
            **{"software-0-name": "Dorf-Funk", "software-0-repository_url": "ftp://x"},
        ),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert not Solution.objects.exists()
    assert _de("Please enter a whole number of euros, without a point.") in page
    assert _de("Please enter a web address starting with https://.") in page
    assert "Wichtige Erfahrung, die nicht verloren gehen darf." in page
    assert 'value="Dorf-Funk"' in page
    assert 'value="Dorf-App"' in page
    assert "data-error-summary" in page

    # Once the form is in order, the service's rules answer on their fields.
    response = client.post(
        CREATE_ALPHA,
        _form_data(status="discontinued", costs_yearly_min="500", costs_yearly_max="100"),
    )
    page = response.content.decode()
    assert _de("The upper end of the range must not be below the lower end.") in page
    assert _de("Please say why the solution was discontinued.") in page
    assert 'value="500"' in page and 'value="100"' in page
    assert not Solution.objects.exists()


def test_required_fields_are_named(world, client_as):
    response = client_as(world.user("member")).post(CREATE_ALPHA, _form_data(title="", summary=""))

    page = response.content.decode()
    with translation.override("de"):
        required = str(Solution._meta.get_field("title").verbose_name)
    assert required in page
    assert page.count("kern-form-input--error") == 2


def test_deactivated_topics_are_not_offered_but_stay_on_solutions(world, client_as):
    retired = TopicFactory(name="Altes Thema", active=False)
    solution = solution_in(world, topics=[retired])
    client = client_as(world.user("member"))

    create_page = client.get(CREATE_ALPHA).content.decode()
    edit_url = reverse("knowledge:solution_edit", kwargs={"slug": solution.slug})
    edit_page = client.get(edit_url).content.decode()

    assert "Altes Thema" not in create_page
    assert "Altes Thema" in edit_page


# --- Editing -------------------------------------------------------------------------------


def _edit_data(solution, **values) -> dict:
    software = list(solution.software.all())
    data = _form_data(
        title=solution.title,
        summary=solution.summary,
        status=solution.status,
        visibility=solution.visibility,
        **{
            "software-TOTAL_FORMS": str(len(software) + 2),
            "software-INITIAL_FORMS": str(len(software)),
        },
    )
    for number, item in enumerate(software):
        data[f"software-{number}-id"] = str(item.pk)
        data[f"software-{number}-name"] = item.name
        data[f"software-{number}-licence"] = item.licence
    data.update(values)
    return data


def test_edit_saves_changes_with_a_revision(world, client_as):
    solution = solution_in(world, title="Dorf-App")
    kept = SoftwareFactory(solution=solution, name="Dorf-Funk", repository_url="")
    removed = SoftwareFactory(solution=solution, name="Alt", repository_url="")
    url = reverse("knowledge:solution_edit", kwargs={"slug": solution.slug})
    data = _edit_data(
        solution,
        summary="Neu beschrieben",
        note="Zusammenfassung geschärft",
        **{"software-0-DELETE": "on", "software-2-name": "Terminbuchung"},
    )
    # Rows in order of name: "Alt" first.
    assert data["software-0-id"] == str(removed.pk) and data["software-1-id"] == str(kept.pk)

    response = client_as(world.user("member")).post(url, data)

    solution.refresh_from_db()
    assert response.status_code == 302
    assert solution.summary == "Neu beschrieben"
    assert sorted(solution.software.values_list("name", flat=True)) == [
        "Dorf-Funk",
        "Terminbuchung",
    ]
    revision = solution.revisions.get()
    assert revision.note == "Zusammenfassung geschärft"
    assert revision.changed["summary"][1] == "Neu beschrieben"


def test_edit_without_changes_says_so(world, client_as):
    solution = solution_in(world)
    url = reverse("knowledge:solution_edit", kwargs={"slug": solution.slug})
    client = client_as(world.user("member"))

    response = client.post(url, _edit_data(solution), follow=True)

    assert _de("Nothing was changed.") in response.content.decode()
    assert not solution.revisions.exists()


def test_edit_form_shows_the_current_values(world, client_as):
    contact = ContactPersonFactory(membership=world.membership, is_primary=False).user
    solution = solution_in(
        world,
        title="Dorf-App",
        costs_yearly_max=750,
        contact=contact,
        status=SolutionStatus.PILOT,
    )
    SoftwareFactory(solution=solution, name="Dorf-Funk")

    page = (
        client_as(world.user("member"))
        .get(reverse("knowledge:solution_edit", kwargs={"slug": solution.slug}))
        .content.decode()
    )

    assert 'value="Dorf-App"' in page
    assert 'value="750"' in page
    assert 'value="Dorf-Funk"' in page
    assert f'<option value="{contact.pk}" selected>' in page
    assert '<option value="pilot" selected>' in page


def test_contact_choices_are_people_of_the_owner(world, client_as):
    colleague = UserFactory(
        last_name="Kollegin",
        municipality=world.membership.municipality,
        municipality_confirmed_at=timezone.now(),
    )
    unconfirmed = UserFactory(last_name="Unbestätigt", municipality=world.membership.municipality)
    stranger = UserFactory(last_name="Fremder")

    page = client_as(world.user("member")).get(CREATE_ALPHA).content.decode()

    assert f'<option value="{colleague.pk}">' in page
    assert f'<option value="{world.user("contact").pk}">' in page
    assert f'<option value="{unconfirmed.pk}"' not in page
    assert f'<option value="{stranger.pk}"' not in page


def test_edit_page_query_count_does_not_grow_with_software(
    world, client_as, django_assert_max_num_queries
):
    solution = solution_in(world)
    SoftwareFactory(solution=solution, name="Programm")
    url = reverse("knowledge:solution_edit", kwargs={"slug": solution.slug})
    client = client_as(world.user("member"))
    with django_assert_max_num_queries(30) as one:
        client.get(url)
    for number in range(12):
        SoftwareFactory(solution=solution, name=f"Programm {number}")

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)

    assert response.content.decode().count('name="software-') > 13 * 7
