"""Measures of the strategy workbook: adding, editing, status history, ordering,
deleting, linked solutions and partner municipalities."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from tests.knowledge.factories import SolutionFactory
from tests.strategies.factories import MeasureFactory, field, strategy_of
from voneinander.knowledge.models import SolutionVisibility
from voneinander.strategies import measure_services
from voneinander.strategies.models import (
    Measure,
    MeasureStatus,
    MeasureStatusChange,
    StrategyChange,
)


@pytest.fixture
def strategy(world):
    return strategy_of(world.membership.municipality, lead=world.user("member"))


@pytest.fixture
def team(client_as, world):
    return client_as(world.user("member"))


def _url(name, strategy, **kwargs):
    return reverse(f"strategies:{name}", kwargs={"pk": strategy.pk, **kwargs})


def _form(**overrides):
    data = {
        "title": "Bürgerbus mit App",
        "field": field("mobilitaet").pk,
        "goal": "Ältere Menschen kommen ohne Auto zum Arzt.",
        "priority": "high",
        "responsible": "Ortsbürgermeisterin",
        "starts_on": "03/2026",
        "ends_on": "15.09.2026",
        "budget_eur": "15.000 €",
        "status": "planned",
    }
    data.update(overrides)
    return data


# --- Adding -------------------------------------------------------------------------------


def test_measure_add_saves_all_fields_and_first_status(team, strategy, world):
    response = team.post(_url("measure_add", strategy), _form())

    measure = Measure.objects.get(strategy=strategy)
    assert response.status_code == 302
    assert response["Location"] == _url("measure_edit", strategy, measure_pk=measure.pk)
    assert measure.title == "Bürgerbus mit App"
    assert measure.field == field("mobilitaet")
    assert measure.priority == "high"
    assert measure.responsible == "Ortsbürgermeisterin"
    assert measure.starts_on == datetime.date(2026, 3, 1)
    assert measure.ends_on == datetime.date(2026, 9, 15)
    assert measure.budget_eur == 15000
    assert measure.status == MeasureStatus.PLANNED
    history = list(MeasureStatusChange.objects.filter(measure=measure))
    assert [(c.status, c.changed_by) for c in history] == [("planned", world.user("member"))]
    assert strategy.changes.first().data == {"measure": measure.pk, "field": "Mobilität"}


def test_measure_add_end_month_means_last_day(team, strategy):
    team.post(_url("measure_add", strategy), _form(starts_on="2026-02", ends_on="02/2026"))

    measure = Measure.objects.get(strategy=strategy)
    assert (measure.starts_on, measure.ends_on) == (
        datetime.date(2026, 2, 1),
        datetime.date(2026, 2, 28),
    )


def test_measure_add_end_before_start_shows_message(team, strategy):
    response = team.post(
        _url("measure_add", strategy), _form(starts_on="15.06.2026", ends_on="05/2026")
    )

    assert response.status_code == 200
    assert not Measure.objects.exists()
    errors = response.context["form"].errors
    assert list(errors) == ["ends_on"]
    assert errors["ends_on"] == [
        str(_("The end cannot be before the start. Please check both dates."))
    ]
    assert errors["ends_on"][0] in response.content.decode()


def test_measure_add_negative_budget_shows_message(team, strategy):
    response = team.post(_url("measure_add", strategy), _form(budget_eur="-500"))

    assert response.status_code == 200
    assert not Measure.objects.exists()
    errors = response.context["form"].errors
    assert errors == {
        "budget_eur": [str(_("The budget cannot be negative. Please enter 0 euros or more."))]
    }


@pytest.mark.parametrize("value", ["zehn Euro", "12,5"])
def test_measure_add_unreadable_budget_shows_message(team, strategy, value):
    response = team.post(_url("measure_add", strategy), _form(budget_eur=value))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["budget_eur"]
    assert not Measure.objects.exists()


@pytest.mark.parametrize("value", ["März", "13/2026", "31.02.2026"])
def test_measure_add_unreadable_date_shows_message(team, strategy, value):
    response = team.post(_url("measure_add", strategy), _form(starts_on=value))

    assert list(response.context["form"].errors) == ["starts_on"]
    assert not Measure.objects.exists()


def test_measure_add_keeps_input_after_error(team, strategy):
    response = team.post(_url("measure_add", strategy), _form(title="Dorf-WLAN", budget_eur="-1"))

    assert 'value="Dorf-WLAN"' in response.content.decode()


def test_measure_add_preselects_field_from_address(team, strategy):
    response = team.get(_url("measure_add", strategy) + "?feld=bildung")

    assert response.context["form"].initial["field"] == field("bildung")


def test_measure_add_offers_only_active_fields(team, strategy):
    retired = field("bildung")
    retired.is_active = False
    retired.save()

    response = team.post(_url("measure_add", strategy), _form(field=retired.pk))

    assert list(response.context["form"].errors) == ["field"]


def test_service_refuses_end_before_start(strategy, world):
    with pytest.raises(ValidationError) as raised:
        measure_services.add_measure(
            strategy=strategy,
            by=world.user("member"),
            title="Rufbus",
            field=field("mobilitaet"),
            starts_on=datetime.date(2026, 5, 1),
            ends_on=datetime.date(2026, 4, 1),
        )
    assert list(raised.value.error_dict) == ["ends_on"]


# --- Editing and status history -----------------------------------------------------------


def test_measure_edit_records_each_status_change(team, strategy, world):
    measure = measure_services.add_measure(
        strategy=strategy, by=world.user("member"), title="Rufbus", field=field("mobilitaet")
    )
    url = _url("measure_edit", strategy, measure_pk=measure.pk)

    team.post(url, _form(title="Rufbus", status="in_progress"))
    team.post(url, _form(title="Rufbus", status="done"))

    statuses = list(
        MeasureStatusChange.objects.filter(measure=measure).values_list("status", flat=True)
    )
    assert statuses == ["idea", "in_progress", "done"]
    measure.refresh_from_db()
    assert measure.status == "done"
    change = strategy.changes.first()
    assert change.data["changed"] == {"status": ["in_progress", "done"]}


def test_measure_edit_without_changes_records_nothing(team, strategy, world):
    measure = measure_services.add_measure(
        strategy=strategy, by=world.user("member"), **_service_values()
    )
    before = StrategyChange.objects.count()

    response = team.post(
        _url("measure_edit", strategy, measure_pk=measure.pk),
        _form(starts_on="03/2026", ends_on="15.09.2026", budget_eur="15000"),
    )

    assert response.status_code == 302
    assert StrategyChange.objects.count() == before
    assert MeasureStatusChange.objects.filter(measure=measure).count() == 1


def _service_values():
    return {
        "title": "Bürgerbus mit App",
        "field": field("mobilitaet"),
        "goal": "Ältere Menschen kommen ohne Auto zum Arzt.",
        "priority": "high",
        "responsible": "Ortsbürgermeisterin",
        "starts_on": datetime.date(2026, 3, 1),
        "ends_on": datetime.date(2026, 9, 15),
        "budget_eur": 15000,
        "status": "planned",
    }


def test_measure_edit_shows_month_and_day_as_entered(team, strategy, world):
    measure = measure_services.add_measure(
        strategy=strategy, by=world.user("member"), **_service_values()
    )

    content = team.get(_url("measure_edit", strategy, measure_pk=measure.pk)).content.decode()

    assert 'value="03/2026"' in content
    assert 'value="15.09.2026"' in content


def test_measure_edit_error_keeps_saved_measure(team, strategy, world):
    measure = measure_services.add_measure(
        strategy=strategy, by=world.user("member"), **_service_values()
    )

    response = team.post(
        _url("measure_edit", strategy, measure_pk=measure.pk), _form(ends_on="01/2026")
    )

    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors
    measure.refresh_from_db()
    assert measure.ends_on == datetime.date(2026, 9, 15)


# --- Deleting and ordering ----------------------------------------------------------------


def test_measure_delete_asks_then_deletes(team, strategy):
    measure = MeasureFactory(strategy=strategy, title="Dorf-WLAN")
    url = _url("measure_delete", strategy, measure_pk=measure.pk)

    confirm = team.get(url)
    assert "Dorf-WLAN" in confirm.content.decode()
    assert Measure.objects.filter(pk=measure.pk).exists()

    response = team.post(url)

    assert response["Location"] == _url("measures", strategy)
    assert not Measure.objects.filter(pk=measure.pk).exists()
    assert strategy.changes.first().data == {"measure": measure.pk}


def test_measure_move_swaps_within_its_field(team, strategy):
    first = MeasureFactory(strategy=strategy, field=field("mobilitaet"), position=0)
    other_field = MeasureFactory(strategy=strategy, field=field("bildung"), position=1)
    second = MeasureFactory(strategy=strategy, field=field("mobilitaet"), position=2)

    team.post(_url("measure_move", strategy, measure_pk=second.pk), {"richtung": "up"})

    order = list(Measure.objects.filter(strategy=strategy).values_list("pk", flat=True))
    assert order == [second.pk, other_field.pk, first.pk]


def test_measure_move_at_the_edge_changes_nothing(team, strategy):
    only = MeasureFactory(strategy=strategy, position=0)
    before = StrategyChange.objects.count()

    team.post(_url("measure_move", strategy, measure_pk=only.pk), {"richtung": "up"})

    assert StrategyChange.objects.count() == before


# --- The list -------------------------------------------------------------------------------


def test_measures_list_groups_by_field_chosen_first(team, strategy):
    strategy.fields.set([field("bildung")])
    MeasureFactory(strategy=strategy, field=field("mobilitaet"), title="Rufbus")
    MeasureFactory(strategy=strategy, field=field("bildung"), title="Tablet-Kurs")

    response = team.get(_url("measures", strategy))

    groups = response.context["groups"]
    assert [(g.field.slug, g.chosen, [m.title for m in g.measures]) for g in groups] == [
        ("bildung", True, ["Tablet-Kurs"]),
        ("mobilitaet", False, ["Rufbus"]),
    ]


def test_measures_list_shows_priority_status_timeline_budget(team, strategy, world):
    measure_services.add_measure(strategy=strategy, by=world.user("member"), **_service_values())

    content = team.get(_url("measures", strategy)).content.decode()

    assert "Bürgerbus mit App" in content
    assert "März 2026 – 15.09.2026" in content
    assert "15.000 €" in content
    assert str(MeasureStatus.PLANNED.label) in content


def _fill(strategy, count):
    municipality = MembershipFactory().municipality
    for n in range(count):
        measure = MeasureFactory(
            strategy=strategy, field=field(["mobilitaet", "bildung"][n % 2]), position=n
        )
        measure.solutions.add(
            SolutionFactory(owner=municipality, visibility=SolutionVisibility.PUBLIC)
        )
        measure.partners.add(municipality)


def test_measures_list_queries_do_not_grow_with_measures(
    team, strategy, django_assert_max_num_queries
):
    strategy.fields.set([field("mobilitaet"), field("bildung")])
    _fill(strategy, 1)
    team.get(_url("measures", strategy))  # warm caches (roles, footer)
    with django_assert_max_num_queries(100) as few:
        team.get(_url("measures", strategy))
    _fill(strategy, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = team.get(_url("measures", strategy))
    assert response.context["count"] == 13


def test_measures_list_for_readers_has_no_edit_controls(client_as, world):
    strategy = strategy_of(
        world.membership.municipality, lead=world.user("member"), shared_with=world.network
    )
    MeasureFactory(strategy=strategy, title="Rufbus")

    response = client_as(world.user("contact")).get(_url("measures", strategy))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Rufbus" in content
    assert _url("measure_add", strategy) not in content
    assert response.context["groups"][0].recommendations == []


def test_measures_list_shows_readers_only_solutions_they_may_see(client_as, world):
    strategy = strategy_of(
        world.membership.municipality, lead=world.user("member"), shared_with=world.network
    )
    measure = MeasureFactory(strategy=strategy, title="Rufbus")
    public = SolutionFactory(title="Offene Rufbus-App", visibility=SolutionVisibility.PUBLIC)
    hidden = SolutionFactory(
        title="Beta-Rufbus intern",
        network=world.other_network,
        visibility=SolutionVisibility.NETWORK,
        owner=MembershipFactory(
            network=world.other_network, municipality__name="Betaheim"
        ).municipality,
    )
    measure.solutions.set([public, hidden])

    response = client_as(world.user("contact")).get(_url("measures", strategy))

    content = response.content.decode()
    assert "Offene Rufbus-App" in content
    assert "Beta-Rufbus intern" not in content
    assert hidden.get_absolute_url() not in content
    assert "Betaheim" not in content
    listed = response.context["groups"][0].measures[0]
    assert [s.title for s in listed.solutions.all()] == ["Offene Rufbus-App"]


def test_measures_list_for_readers_queries_do_not_grow(
    client_as, world, django_assert_max_num_queries
):
    strategy = strategy_of(
        world.membership.municipality, lead=world.user("member"), shared_with=world.network
    )
    reader = client_as(world.user("contact"))
    _fill(strategy, 1)
    reader.get(_url("measures", strategy))  # warm caches (roles, footer)
    with django_assert_max_num_queries(100) as few:
        reader.get(_url("measures", strategy))
    _fill(strategy, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = reader.get(_url("measures", strategy))
    assert response.context["count"] == 13


# --- Linked solutions ------------------------------------------------------------------------


def test_solution_search_plain_get_lists_visible_hits(team, strategy, world):
    measure = MeasureFactory(strategy=strategy)
    SolutionFactory(title="Dorf-App Altstadt", network=world.network)
    SolutionFactory(
        title="Dorf-App geheim", network=world.other_network, visibility=SolutionVisibility.NETWORK
    )

    response = team.get(
        _url("measure_edit", strategy, measure_pk=measure.pk), {"suche": "dorf-app"}
    )

    assert [s.title for s in response.context["hits"]] == ["Dorf-App Altstadt"]
    assert "<html" in response.content.decode()


def test_solution_search_htmx_answers_results_only(team, strategy, world):
    measure = MeasureFactory(strategy=strategy)
    SolutionFactory(title="Dorf-App Altstadt", network=world.network)

    response = team.get(
        _url("measure_edit", strategy, measure_pk=measure.pk),
        {"suche": "Dorf"},
        headers={"HX-Request": "true", "HX-Target": "solution-results"},
    )

    content = response.content.decode()
    assert "<html" not in content
    assert "Dorf-App Altstadt" in content
    assert _url("measure_link_solution", strategy, measure_pk=measure.pk) in content


def test_link_solution_links_and_records(team, strategy, world):
    measure = MeasureFactory(strategy=strategy)
    solution = SolutionFactory(title="Mitfahrbank", network=world.network)

    response = team.post(
        _url("measure_link_solution", strategy, measure_pk=measure.pk), {"loesung": solution.pk}
    )

    assert response.status_code == 302
    assert list(measure.solutions.all()) == [solution]
    assert strategy.changes.first().data == {"measure": measure.pk, "solution": solution.pk}
    page = team.get(_url("measure_edit", strategy, measure_pk=measure.pk)).content.decode()
    assert f"Mitfahrbank</a> ({solution.owner})" in page


def test_link_invisible_solution_refused(team, strategy, world):
    measure = MeasureFactory(strategy=strategy)
    hidden = SolutionFactory(
        network=world.other_network, visibility=SolutionVisibility.NETWORK, title="Nur Beta"
    )

    response = team.post(
        _url("measure_link_solution", strategy, measure_pk=measure.pk),
        {"loesung": hidden.pk},
        follow=True,
    )

    assert measure.solutions.count() == 0
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    with pytest.raises(ValidationError):
        measure_services.link_solution(measure=measure, solution=hidden, by=world.user("member"))
    assert measure.solutions.count() == 0


def test_unlink_solution(team, strategy, world):
    measure = MeasureFactory(strategy=strategy)
    solution = SolutionFactory(network=world.network)
    measure.solutions.add(solution)

    team.post(
        _url("measure_unlink_solution", strategy, measure_pk=measure.pk, solution_pk=solution.pk)
    )

    assert measure.solutions.count() == 0


# --- Partner municipalities --------------------------------------------------------------


def test_add_partner_member_municipality(team, strategy, world):
    measure = MeasureFactory(strategy=strategy)
    partner = MembershipFactory(network=world.network, municipality__name="Bachdorf").municipality

    response = team.post(
        _url("measure_add_partner", strategy, measure_pk=measure.pk),
        {"kommune": "Bachdorf", "kommune_pick": partner.pk},
    )

    assert response.status_code == 302
    assert list(measure.partners.all()) == [partner]


def test_add_partner_refuses_non_member(team, strategy):
    measure = MeasureFactory(strategy=strategy)
    outsider = MunicipalityFactory(name="Fernweiler")

    response = team.post(
        _url("measure_add_partner", strategy, measure_pk=measure.pk),
        {"kommune": "Fernweiler", "kommune_pick": outsider.pk},
    )

    assert response.status_code == 200
    assert list(response.context["partner_form"].errors) == ["kommune"]
    assert measure.partners.count() == 0


def test_add_partner_refuses_own_municipality(team, strategy, world):
    measure = MeasureFactory(strategy=strategy)
    own = world.membership.municipality

    response = team.post(
        _url("measure_add_partner", strategy, measure_pk=measure.pk),
        {"kommune": own.name, "kommune_pick": own.pk},
    )

    assert list(response.context["partner_form"].errors) == ["kommune"]
    assert measure.partners.count() == 0


def test_remove_partner(team, strategy, world):
    measure = MeasureFactory(strategy=strategy)
    partner = MembershipFactory(network=world.network).municipality
    measure.partners.add(partner)

    team.post(
        _url("measure_remove_partner", strategy, measure_pk=measure.pk, municipality_pk=partner.pk)
    )

    assert measure.partners.count() == 0


def test_measure_pages_refuse_other_teams(client_as, strategy):
    measure = MeasureFactory(strategy=strategy)
    stranger = client_as(UserFactory())

    assert stranger.get(_url("measure_edit", strategy, measure_pk=measure.pk)).status_code == 404
    assert stranger.post(_url("measure_delete", strategy, measure_pk=measure.pk)).status_code == 404
    assert Measure.objects.filter(pk=measure.pk).exists()
