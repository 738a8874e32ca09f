"""The workbook editor: starting a strategy, the overview, the guided steps, the history."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from tests.strategies.factories import field, strategy_of
from voneinander.strategies import services, steps
from voneinander.strategies.models import CollaboratorRole, Strategy, StrategyChange


@pytest.fixture
def altstadt(world):
    return world.membership.municipality


@pytest.fixture
def strategy(world, altstadt):
    return strategy_of(altstadt, lead=world.user("member"), strengths="", weaknesses="", vision="")


def _step_url(strategy, slug="ausgangslage"):
    return reverse("strategies:step", kwargs={"pk": strategy.pk, "step": slug})


# --- Start -------------------------------------------------------------------------


def test_index_lists_my_strategies_and_municipalities_to_start(world, client_as):
    other = MembershipFactory(network=world.network, municipality__name="Neudorf").municipality
    strategy_of(other, lead=world.user("contact"))

    response = client_as(world.user("contact")).get(reverse("strategies:index"))

    assert response.status_code == 200
    assert [s.municipality.name for s in response.context["strategies"]] == ["Neudorf"]
    assert [m.name for m in response.context["startable"]] == ["Altstadt"]
    assert "Altstadt" in response.content.decode()


def test_index_query_count_does_not_grow_with_strategies(
    world, client_as, django_assert_max_num_queries
):
    contact = world.user("contact")
    strategy_of(MembershipFactory(network=world.network).municipality, lead=contact)
    client = client_as(contact)
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("strategies:index"))
    for _ in range(4):
        strategy_of(MembershipFactory(network=world.network).municipality, lead=contact)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("strategies:index"))
    assert len(response.context["strategies"]) == 5


def test_start_creates_strategy_with_starter_as_lead(world, client_as, altstadt):
    member = world.user("member")

    response = client_as(member).post(reverse("strategies:start"), {"municipality": altstadt.pk})

    strategy = Strategy.objects.get(municipality=altstadt)
    assert response.status_code == 302
    assert response["Location"] == strategy.get_absolute_url()
    assert strategy.title.endswith("Altstadt")
    assert list(strategy.collaborators.values_list("user", "role")) == [
        (member.pk, CollaboratorRole.OWNER)
    ]
    assert strategy.changes.count() == 1


def test_start_records_the_strategy_by_id_in_the_audit_log(world, altstadt):
    from voneinander.audit.models import AuditEvent

    strategy = services.start_strategy(
        municipality=altstadt, by=world.user("member"), title="Geheimplan Altstadt"
    )

    event = AuditEvent.objects.get(action="strategy.started")
    assert (event.target_id, event.target_label) == (str(strategy.pk), f"#{strategy.pk}")
    assert "Geheimplan" not in str(event.data)


def test_start_refused_when_municipality_has_a_strategy(world, client_as, strategy, altstadt):
    response = client_as(world.user("contact")).post(
        reverse("strategies:start"), {"municipality": altstadt.pk}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["municipality"]
    assert Strategy.objects.count() == 1


def test_start_refused_for_municipality_not_spoken_for(world, client_as):
    foreign = world.other_membership.municipality

    response = client_as(world.user("member")).post(
        reverse("strategies:start"), {"municipality": foreign.pk}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["municipality"]
    assert not Strategy.objects.filter(municipality=foreign).exists()


def test_start_service_refuses_second_strategy(world, strategy, altstadt):
    with pytest.raises(services.ValidationError):
        services.start_strategy(municipality=altstadt, by=world.user("contact"))


# --- Overview ----------------------------------------------------------------------


def test_overview_shows_steps_with_completion(world, client_as, strategy):
    strategy.strengths = "Vereine"
    strategy.weaknesses = "Kein Laden"
    strategy.existing_projects = "Dorf-Website"
    strategy.save()
    strategy.fields.set([field("mobilitaet")])

    response = client_as(world.user("member")).get(strategy.get_absolute_url())

    states = [(step.slug, done) for step, done in response.context["steps"]]
    assert states == [
        ("ausgangslage", True),
        ("vision-und-ziele", False),
        ("handlungsfelder", True),
    ]
    assert "Mobilität" in response.content.decode()


def test_overview_title_saved_as_a_new_version(world, client_as, strategy):
    response = client_as(world.user("member")).post(
        strategy.get_absolute_url(),
        {"title-title": "Digitales Altstadt 2030", "title-version": strategy.version},
    )

    strategy.refresh_from_db()
    assert response.status_code == 302
    assert strategy.title == "Digitales Altstadt 2030"
    assert strategy.version == 2
    assert strategy.changes.first().data["fields"] == ["title"]


def test_overview_empty_title_shows_error_and_keeps_old(world, client_as, strategy):
    old = strategy.title

    response = client_as(world.user("member")).post(
        strategy.get_absolute_url(), {"title-title": "", "title-version": strategy.version}
    )

    strategy.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert strategy.title == old


# --- Steps -------------------------------------------------------------------------


def test_step_page_shows_guidance_and_autosave_hooks(world, client_as, strategy):
    response = client_as(world.user("member")).get(_step_url(strategy))

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        'data-autosave="'
        + reverse("strategies:autosave", kwargs={"pk": strategy.pk, "step": "ausgangslage"})
        in html
    )
    user = world.user("member")
    assert f'data-draft-key="voneinander-strategy-u{user.pk}-{strategy.pk}-ausgangslage"' in html
    assert f'data-draft-user="{user.pk}"' in html
    assert f'data-signout="{reverse("account_logout")}"' in html
    assert 'aria-live="polite"' in html
    assert 'name="version" value="1"' in html
    assert "strategies/workbook.js" in html


def test_step_post_saves_texts_and_records_change(world, client_as, strategy):
    response = client_as(world.user("member")).post(
        _step_url(strategy),
        {
            "version": 1,
            "strengths": "Aktive Vereine",
            "weaknesses": "Bus nur zweimal am Tag",
            "existing_projects": "",
        },
    )

    strategy.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == _step_url(strategy)
    assert (strategy.strengths, strategy.weaknesses) == ("Aktive Vereine", "Bus nur zweimal am Tag")
    assert strategy.version == 2
    change = strategy.changes.first()
    assert change.author == world.user("member")
    assert change.data["step"] == "ausgangslage"
    assert change.data["fields"] == ["strengths", "weaknesses"]
    assert change.data["version"] == 2


def test_step_post_with_next_goes_to_following_step(world, client_as, strategy):
    response = client_as(world.user("member")).post(
        _step_url(strategy, "vision-und-ziele"),
        {"version": 1, "vision": "Ein lebendiges Dorf", "goals": "", "weiter": "1"},
    )

    assert response["Location"] == _step_url(strategy, "handlungsfelder")


def test_step_post_unchanged_keeps_version_and_history(world, client_as, strategy):
    before = strategy.changes.count()

    client_as(world.user("member")).post(
        _step_url(strategy, "vision-und-ziele"), {"version": 1, "vision": "", "goals": ""}
    )

    strategy.refresh_from_db()
    assert strategy.version == 1
    assert strategy.changes.count() == before


def test_step_fields_lists_descriptions_and_saves_choice(world, client_as, strategy):
    client = client_as(world.user("member"))
    page = client.get(_step_url(strategy, "handlungsfelder")).content.decode()
    assert "Wege ohne eigenes Auto." in page
    assert "Mitfahrbank mit App" in page

    client.post(
        _step_url(strategy, "handlungsfelder"),
        {"version": 1, "fields": [field("mobilitaet").pk, field("bildung").pk]},
    )

    assert set(strategy.fields.values_list("slug", flat=True)) == {"mobilitaet", "bildung"}
    strategy.refresh_from_db()
    assert strategy.version == 2


def test_step_fields_offers_only_active_fields(world, client_as, strategy):
    inactive = field("tourismus-kultur")
    inactive.is_active = False
    inactive.save()

    response = client_as(world.user("member")).post(
        _step_url(strategy, "handlungsfelder"), {"version": 1, "fields": [inactive.pk]}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["fields"]
    assert not strategy.fields.exists()


def test_step_too_long_text_shows_error_and_keeps_input(world, client_as, strategy):
    response = client_as(world.user("member")).post(
        _step_url(strategy), {"version": 1, "strengths": "x" * 10001, "weaknesses": "Behalten"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["strengths"]
    assert "Behalten" in response.content.decode()
    strategy.refresh_from_db()
    assert strategy.version == 1


def test_step_conflict_without_js_keeps_input_and_shows_theirs(world, client_as, strategy):
    editor = UserFactory(first_name="Erika", last_name="Beispiel")
    strategy.collaborators.create(user=editor, role=CollaboratorRole.EDITOR)
    services.save_step(
        strategy=strategy,
        step=steps.STARTING_POINT,
        values={"strengths": "Ihr Text", "weaknesses": "", "existing_projects": ""},
        by=editor,
        base_version=1,
    )

    response = client_as(world.user("member")).post(
        _step_url(strategy), {"version": 1, "strengths": "Mein Text", "weaknesses": ""}
    )

    html = response.content.decode()
    strategy.refresh_from_db()
    assert response.status_code == 200
    assert strategy.strengths == "Ihr Text"
    assert "Mein Text" in html and "Ihr Text" in html
    assert "Erika Beispiel" in html
    # Saving again from this page keeps the person's own text.
    assert 'name="version" value="2"' in html
    client_as(world.user("member")).post(
        _step_url(strategy), {"version": 2, "strengths": "Mein Text", "weaknesses": ""}
    )
    strategy.refresh_from_db()
    assert strategy.strengths == "Mein Text"
    assert strategy.version == 3


def test_step_of_unknown_slug_answers_404(world, client_as, strategy):
    response = client_as(world.user("member")).get(_step_url(strategy, "titel"))

    assert response.status_code == 404


# --- History -----------------------------------------------------------------------


def _save(strategy, by, base, **values):
    texts = {"strengths": "", "weaknesses": "", "existing_projects": ""}
    current = Strategy.objects.get(pk=strategy.pk)
    texts.update({name: getattr(current, name) for name in texts})
    texts.update(values)
    return services.save_step(
        strategy=strategy, step=steps.STARTING_POINT, values=texts, by=by, base_version=base
    )


def test_history_merges_consecutive_saves_of_one_person_in_one_step(world, strategy):
    member = world.user("member")
    before = StrategyChange.objects.count()

    _save(strategy, member, 1, strengths="V")
    _save(strategy, member, 2, strengths="Vereine")
    saved = _save(strategy, member, 3, weaknesses="Kein Laden")

    assert saved.version == 4
    assert StrategyChange.objects.count() == before + 1
    change = strategy.changes.first()
    assert change.data["fields"] == ["strengths", "weaknesses"]
    assert change.data["saves"] == 3
    assert change.data["version"] == 4


def test_history_starts_new_entry_after_the_merge_window(world, strategy):
    member = world.user("member")
    _save(strategy, member, 1, strengths="V")
    StrategyChange.objects.filter(strategy=strategy).update(
        created_at=StrategyChange.objects.get(data__version=2).created_at
        - datetime.timedelta(minutes=11)
    )

    _save(strategy, member, 2, strengths="Vereine")

    assert strategy.changes.filter(data__step="ausgangslage").count() == 2


def test_history_starts_new_entry_for_another_person(world, strategy):
    editor = UserFactory()
    strategy.collaborators.create(user=editor, role=CollaboratorRole.EDITOR)
    _save(strategy, world.user("member"), 1, strengths="V")

    _save(strategy, editor, 2, weaknesses="W")

    assert strategy.changes.filter(data__step="ausgangslage").count() == 2


def test_history_page_lists_changes_newest_first(world, client_as, strategy):
    _save(strategy, world.user("member"), 1, strengths="V")

    response = client_as(world.user("member")).get(
        reverse("strategies:history", kwargs={"pk": strategy.pk})
    )

    summaries = [change.summary for change in response.context["page"].object_list]
    assert summaries[0] == services._summary(steps.STARTING_POINT, ["strengths"])
    assert response.context["page"].object_list[0].author == world.user("member")
    assert len(summaries) == 1


def test_history_page_query_count_does_not_grow(
    world, client_as, strategy, django_assert_max_num_queries
):
    client = client_as(world.user("member"))
    url = reverse("strategies:history", kwargs={"pk": strategy.pk})
    services.record_change(strategy=strategy, author=world.user("member"), summary="Erste")
    with django_assert_max_num_queries(15) as one:
        client.get(url)
    for number in range(30):
        services.record_change(
            strategy=strategy, author=UserFactory(), summary=f"Änderung {number}"
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 25
    assert response.context["page"].paginator.num_pages == 2
