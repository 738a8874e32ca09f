import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory
from tests.knowledge.factories import SolutionFactory
from tests.strategies.factories import MeasureFactory, field, strategy_of
from voneinander.audit.models import AuditEvent
from voneinander.knowledge.models import SolutionVisibility
from voneinander.strategies.models import (
    Measure,
    MeasureStatus,
    MeasureStatusChange,
    Priority,
    StrategyChange,
)
from voneinander.strategies.sharing_services import copy_measure, share_strategy, stop_sharing

pytestmark = pytest.mark.django_db


def peer(world, name, *, shared=True, network=None, population=12000, **extra):
    """A strategy of another member municipality of alpha (or `network`)."""
    network = network or world.network
    municipality = MembershipFactory(
        network=network, municipality__name=name, municipality__population=population
    ).municipality
    return strategy_of(
        municipality, lead=UserFactory(), shared_with=network if shared else None, **extra
    )


def team(world, **extra):
    """Altstadt's strategy, led by the contact person."""
    return strategy_of(world.membership.municipality, lead=world.user("contact"), **extra)


# --- Sharing ------------------------------------------------------------------------------


def test_share_strategy_sets_network_and_records(world):
    strategy = team(world)

    share_strategy(strategy=strategy, network=world.network, by=world.user("contact"))

    strategy.refresh_from_db()
    assert strategy.shared_with == world.network
    assert strategy.shared_at is not None
    assert StrategyChange.objects.filter(strategy=strategy, data={"shared_with": world.network.pk})
    event = AuditEvent.objects.get(action="strategy.shared")
    assert (event.target_id, event.target_label) == (str(strategy.pk), f"#{strategy.pk}")
    assert event.data == {"network": world.network.pk}


def test_share_strategy_refuses_network_the_municipality_is_not_member_of(world):
    strategy = team(world)

    with pytest.raises(ValidationError) as caught:
        share_strategy(strategy=strategy, network=world.other_network, by=world.user("contact"))

    assert "network" in caught.value.error_dict
    strategy.refresh_from_db()
    assert strategy.shared_with is None


def test_share_strategy_refuses_editor_who_does_not_lead(world):
    editor = UserFactory()
    strategy = team(world, editors=[editor])

    with pytest.raises(ValidationError):
        share_strategy(strategy=strategy, network=world.network, by=editor)

    strategy.refresh_from_db()
    assert strategy.shared_with is None


def test_share_view_shares_and_stop_sharing_hides_at_once(world, client_as):
    strategy = team(world)
    MeasureFactory(strategy=strategy, title="Rufbus")
    url = reverse("strategies:share", kwargs={"pk": strategy.pk})
    detail = reverse("strategies:shared_detail", kwargs={"pk": strategy.pk})
    reader = MembershipFactory(network=world.network).municipality
    peer_user = UserFactory(municipality=reader, municipality_confirmed_at=timezone.now())
    assert client_as(peer_user).get(detail).status_code == 404

    response = client_as(world.user("contact")).post(url, {"network": world.network.pk})
    assert response.status_code == 302
    page = client_as(world.user("contact")).get(url)
    assert 'data-sharing-state="shared"' in page.content.decode()
    assert client_as(peer_user).get(detail).status_code == 200
    assert "Altstadt" in client_as(peer_user).get(reverse("strategies:shared")).content.decode()

    client_as(world.user("contact")).post(url, {"action": "stop"})

    strategy.refresh_from_db()
    assert strategy.shared_with is None
    assert client_as(peer_user).get(detail).status_code == 404
    assert "Altstadt" not in client_as(peer_user).get(reverse("strategies:shared")).content.decode()
    assert AuditEvent.objects.filter(action="strategy.sharing_stopped").count() == 1


def test_share_view_without_choice_shows_error(world, client_as):
    strategy = team(world)

    response = client_as(world.user("contact")).post(
        reverse("strategies:share", kwargs={"pk": strategy.pk}), {}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["network"]
    strategy.refresh_from_db()
    assert strategy.shared_with is None


def test_stop_sharing_refuses_editor(world):
    editor = UserFactory()
    strategy = team(world, editors=[editor], shared_with=world.network)

    with pytest.raises(ValidationError):
        stop_sharing(strategy=strategy, by=editor)


# --- Browsing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees"),
    [("user", False), ("member", True), ("contact", True), ("coordinator", True), ("admin", False)],
)
def test_browse_shows_only_strategies_shared_with_my_networks(world, client_as, role, sees):
    peer(world, "Geteiltdorf")
    peer(world, "Privatdorf", shared=False)
    peer(world, "Betadorf", network=world.other_network)

    content = client_as(world.user(role)).get(reverse("strategies:shared")).content.decode()

    assert ("Geteiltdorf" in content) is sees
    assert "Privatdorf" not in content
    assert "Betadorf" not in content


def test_browse_filters_by_size_class(world, client_as):
    peer(world, "Kleindorf", population=800)
    peer(world, "Mitteldorf", population=3500)
    peer(world, "Grossstadt", population=40000)
    peer(world, "Ohnezahl", population=None)
    client = client_as(world.user("member"))

    def names(size):
        response = client.get(reverse("strategies:shared"), {"groesse": size})
        return sorted(s.municipality.name for s in response.context["page"].object_list)

    assert names("unter-2000") == ["Kleindorf"]
    assert names("2000-5000") == ["Mitteldorf"]
    assert names("ueber-20000") == ["Grossstadt"]
    assert names("unbekannt") == ["Ohnezahl"]
    assert len(names("")) == 4


def test_browse_filters_by_field_and_network(world, client_as):
    mobile = peer(world, "Mobildorf")
    MeasureFactory(strategy=mobile, field=field("mobilitaet"))
    learning = peer(world, "Lerndorf")
    MeasureFactory(strategy=learning, field=field("bildung"))
    client = client_as(world.user("coordinator"))

    response = client.get(reverse("strategies:shared"), {"feld": "mobilitaet", "netzwerk": "alpha"})

    assert [s.municipality.name for s in response.context["page"].object_list] == ["Mobildorf"]
    assert "Mobilität: 1" in response.content.decode()


def test_browse_query_count_does_not_grow(world, client_as, django_assert_max_num_queries):
    client = client_as(world.user("member"))
    first = peer(world, "Dorf 0")
    MeasureFactory(strategy=first)
    client.get(reverse("strategies:shared"))  # warm caches (footer, roles on the session)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("strategies:shared"))
    for n in range(1, 8):
        strategy = peer(world, f"Dorf {n}")
        MeasureFactory(strategy=strategy, field=field("bildung"))
        MeasureFactory(strategy=strategy)

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("strategies:shared"))

    assert len(response.context["page"].object_list) == 8


# --- Comparing ----------------------------------------------------------------------------


def test_compare_table_has_fields_as_rows_and_strategies_as_columns(world, client_as):
    first = peer(world, "Erstdorf")
    MeasureFactory(strategy=first, field=field("mobilitaet"), title="Rufbus")
    second = peer(world, "Zweitdorf")
    MeasureFactory(
        strategy=second, field=field("bildung"), title="Tablet-Kurs", status=MeasureStatus.DONE
    )

    response = client_as(world.user("member")).get(
        reverse("strategies:compare"), {"s": [first.pk, second.pk]}
    )

    rows = response.context["rows"]
    assert [row.field.slug for row in rows] == ["mobilitaet", "bildung"]
    assert [[m.title for m in cell] for cell in rows[0].cells] == [["Rufbus"], []]
    assert [[m.title for m in cell] for cell in rows[1].cells] == [[], ["Tablet-Kurs"]]
    content = response.content.decode()
    assert 'scope="col"' in content and 'scope="row"' in content
    assert 'role="region"' in content


def test_compare_refuses_private_strategy_and_hides_it(world, client_as):
    shared = peer(world, "Geteiltdorf")
    private = peer(world, "Privatdorf", shared=False)
    MeasureFactory(strategy=private, title="Geheime Maßnahme")

    response = client_as(world.user("member")).get(
        reverse("strategies:compare"), {"s": [shared.pk, private.pk]}
    )

    assert response.context["form"].errors
    assert response.context["rows"] == []
    content = response.content.decode()
    assert "Privatdorf" not in content
    assert "Geheime Maßnahme" not in content


@pytest.mark.parametrize("count", [1, 5])
def test_compare_needs_two_to_four_strategies(world, client_as, count):
    strategies = [peer(world, f"Dorf {n}") for n in range(count)]

    response = client_as(world.user("member")).get(
        reverse("strategies:compare"), {"s": [s.pk for s in strategies]}
    )

    assert "s" in response.context["form"].errors
    assert response.context["strategies"] == []


def test_compare_query_count_does_not_grow(world, client_as, django_assert_max_num_queries):
    client = client_as(world.user("member"))
    first, second = peer(world, "Erstdorf"), peer(world, "Zweitdorf")
    MeasureFactory(strategy=first)
    url = reverse("strategies:compare")
    client.get(url, {"s": [first.pk, second.pk]})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url, {"s": [first.pk, second.pk]})
    for slug in ("bildung", "infrastruktur", "tourismus-kultur"):
        MeasureFactory.create_batch(3, strategy=first, field=field(slug))
        MeasureFactory.create_batch(2, strategy=second, field=field(slug))

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url, {"s": [first.pk, second.pk]})

    assert len(response.context["rows"]) == 4


def test_strategy_no_longer_read_once_its_municipality_left_the_network(world, client_as):
    from voneinander.networks.models import Membership, MembershipStatus
    from voneinander.strategies.permissions import reads_strategy
    from voneinander.strategies.selectors import readable_strategies, shared_strategies

    strategy = peer(world, "Austrittsdorf")
    measure = MeasureFactory(strategy=strategy, title="Dorf-WLAN")
    reader = world.user("member")
    client = client_as(reader)
    detail = reverse("strategies:shared_detail", kwargs={"pk": strategy.pk})
    assert client.get(detail).status_code == 200

    Membership.objects.filter(municipality=strategy.municipality, network=world.network).update(
        status=MembershipStatus.LEFT, left_on=timezone.localdate()
    )

    assert client.get(detail).status_code == 404
    assert "Austrittsdorf" not in client.get(reverse("strategies:shared")).content.decode()
    measures = reverse("strategies:measures", kwargs={"pk": strategy.pk})
    assert client.get(measures).status_code == 404
    copy = reverse("strategies:copy_measure", kwargs={"pk": strategy.pk, "measure_pk": measure.pk})
    assert client.get(copy).status_code == 404
    assert not readable_strategies(reader).filter(pk=strategy.pk).exists()
    assert not shared_strategies(reader).filter(pk=strategy.pk).exists()
    assert not reads_strategy(reader, strategy)
    # The team still reads its own strategy.
    lead = strategy.collaborators.get().user
    assert readable_strategies(lead).filter(pk=strategy.pk).exists()


def test_readable_strategies_is_one_query(world, django_assert_num_queries):
    from voneinander.strategies.selectors import readable_strategies, shared_strategies

    peer(world, "Einsdorf")
    peer(world, "Zweidorf")
    reader = world.user("member")
    readable_strategies(reader)  # warm the cached network roles
    with django_assert_num_queries(1):
        assert len(list(readable_strategies(reader))) == 2
    with django_assert_num_queries(1):
        assert len(list(shared_strategies(reader))) == 2


# --- Reading and copying ------------------------------------------------------------------


def test_shared_detail_shows_only_solutions_visible_to_reader(world, client_as):
    strategy = peer(world, "Lösungsdorf")
    measure = MeasureFactory(strategy=strategy, title="Mitfahrbank")
    public = SolutionFactory(title="Offene Mitfahrbank", visibility=SolutionVisibility.PUBLIC)
    hidden = SolutionFactory(title="Interne Lösung", visibility=SolutionVisibility.NETWORK)
    measure.solutions.set([public, hidden])

    content = (
        client_as(world.user("member"))
        .get(reverse("strategies:shared_detail", kwargs={"pk": strategy.pk}))
        .content.decode()
    )

    assert "Mitfahrbank" in content
    assert "Offene Mitfahrbank" in content
    assert "Interne Lösung" not in content


def test_copy_measure_copies_plan_not_progress(world):
    source = peer(world, "Vorbilddorf")
    visible = SolutionFactory(visibility=SolutionVisibility.PUBLIC)
    invisible = SolutionFactory(visibility=SolutionVisibility.NETWORK)
    measure = MeasureFactory(
        strategy=source,
        title="Rufbus",
        field=field("mobilitaet"),
        goal="Jeder kommt zum Arzt.",
        priority=Priority.HIGH,
        budget_eur=5000,
        status=MeasureStatus.DONE,
        responsible="Frau Maier",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
    )
    measure.solutions.set([visible, invisible])
    mine = team(world)
    MeasureFactory(strategy=mine, position=4)

    copy = copy_measure(measure=measure, into=mine, by=world.user("contact"))

    assert (copy.strategy, copy.title, copy.field.slug, copy.goal) == (
        mine,
        "Rufbus",
        "mobilitaet",
        "Jeder kommt zum Arzt.",
    )
    assert (copy.priority, copy.budget_eur, copy.status) == (Priority.HIGH, 5000, "idea")
    assert (copy.starts_on, copy.ends_on, copy.responsible) == (None, None, "")
    assert copy.copied_from == measure
    assert copy.position == 5
    assert list(copy.solutions.all()) == [visible]
    assert list(
        MeasureStatusChange.objects.filter(measure=copy).values_list("status", flat=True)
    ) == ["idea"]
    assert StrategyChange.objects.filter(strategy=mine, data__copied_from=measure.pk).exists()
    assert StrategyChange.objects.filter(strategy=source).count() == 0


def test_copy_measure_refuses_private_strategy(world):
    source = peer(world, "Privatdorf", shared=False)
    measure = MeasureFactory(strategy=source)
    mine = team(world)

    with pytest.raises(ValidationError):
        copy_measure(measure=measure, into=mine, by=world.user("contact"))

    assert not Measure.objects.filter(strategy=mine).exists()


def test_copy_measure_refuses_strategy_not_on_my_team(world):
    source = peer(world, "Vorbilddorf")
    measure = MeasureFactory(strategy=source)
    someone_elses = peer(world, "Fremddorf", shared=False)

    with pytest.raises(ValidationError) as caught:
        copy_measure(measure=measure, into=someone_elses, by=world.user("member"))

    assert "into" in caught.value.error_dict
    assert someone_elses.measures.count() == 0


def test_copy_view_lets_me_choose_among_my_team_strategies(world, client_as):
    source = peer(world, "Vorbilddorf")
    measure = MeasureFactory(strategy=source, title="Dorf-App")
    contact = world.user("contact")
    mine = team(world)
    other_mine = peer(world, "Zweitgemeinde", shared=False)
    other_mine.collaborators.create(user=contact)
    url = reverse("strategies:copy_measure", kwargs={"pk": source.pk, "measure_pk": measure.pk})
    client = client_as(contact)

    assert len(client.get(url).context["form"].fields["into"].queryset) == 2
    refused = client.post(url, {})
    assert refused.status_code == 200 and refused.context["form"].errors
    response = client.post(url, {"into": other_mine.pk}, follow=True)

    assert other_mine.measures.get().title == "Dorf-App"
    assert not mine.measures.exists()
    copied = other_mine.measures.get()
    edit = reverse("strategies:measure_edit", kwargs={"pk": other_mine.pk, "measure_pk": copied.pk})
    assert f'href="{edit}"' in response.content.decode()


def test_copy_view_without_own_strategy_explains(world, client_as):
    source = peer(world, "Vorbilddorf")
    measure = MeasureFactory(strategy=source)
    url = reverse("strategies:copy_measure", kwargs={"pk": source.pk, "measure_pk": measure.pk})

    response = client_as(world.user("member")).get(url)

    assert response.context["has_targets"] is False
    assert client_as(world.user("member")).post(url, {"into": source.pk}).status_code == 200
    assert Measure.objects.count() == 1


def test_copy_view_unknown_measure_of_other_strategy_is_404(world, client_as):
    source = peer(world, "Vorbilddorf")
    private = peer(world, "Privatdorf", shared=False)
    hidden = MeasureFactory(strategy=private)
    url = reverse("strategies:copy_measure", kwargs={"pk": source.pk, "measure_pk": hidden.pk})

    assert client_as(world.user("member")).get(url).status_code == 404


@pytest.mark.parametrize(
    ("population", "slug"),
    [
        (0, "unter-2000"),
        (1999, "unter-2000"),
        (2000, "2000-5000"),
        (4999, "2000-5000"),
        (5000, "5000-20000"),
        (20000, "ueber-20000"),
        (None, "unbekannt"),
    ],
)
def test_size_class_of_population_boundaries(population, slug):
    from voneinander.strategies.sharing_selectors import size_class_of

    assert size_class_of(population).slug == slug
