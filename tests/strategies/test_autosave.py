"""The autosave endpoint: JSON with the new version, 409 with the other's text on a conflict."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.strategies.factories import field, strategy_of
from voneinander.strategies.models import CollaboratorRole


@pytest.fixture
def strategy(world):
    return strategy_of(
        world.membership.municipality, lead=world.user("member"), strengths="", vision=""
    )


@pytest.fixture
def editor(strategy):
    person = UserFactory(first_name="Erika", last_name="Beispiel")
    strategy.collaborators.create(user=person, role=CollaboratorRole.EDITOR)
    return person


def _url(strategy, step="ausgangslage"):
    return reverse("strategies:autosave", kwargs={"pk": strategy.pk, "step": step})


def test_autosave_saves_and_answers_new_version(world, client_as, strategy):
    response = client_as(world.user("member")).post(
        _url(strategy), {"version": 1, "strengths": "Vereine", "weaknesses": ""}
    )

    strategy.refresh_from_db()
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == 2 == strategy.version
    assert len(data["saved_at"]) == 5  # "14:02"
    assert strategy.strengths == "Vereine"
    assert strategy.changes.first().data["autosave"] is True


def test_autosave_versions_grow_and_history_merges(world, client_as, strategy):
    client = client_as(world.user("member"))
    before = strategy.changes.count()

    versions = [
        client.post(
            _url(strategy), {"version": version, "strengths": text, "weaknesses": ""}
        ).json()["version"]
        for version, text in [(1, "V"), (2, "Ve"), (3, "Vereine")]
    ]

    assert versions == [2, 3, 4]
    assert strategy.changes.count() == before + 1


def test_autosave_unchanged_keeps_version(world, client_as, strategy):
    response = client_as(world.user("member")).post(
        _url(strategy), {"version": 1, "strengths": "", "weaknesses": ""}
    )

    assert response.json()["version"] == 1


def test_autosave_conflict_answers_409_with_theirs_and_saves_nothing(
    world, client_as, strategy, editor
):
    client_as(editor).post(_url(strategy), {"version": 1, "strengths": "Ihr Text"})

    response = client_as(world.user("member")).post(
        _url(strategy), {"version": 1, "strengths": "Mein Text"}
    )

    strategy.refresh_from_db()
    assert response.status_code == 409
    data = response.json()
    assert data["conflict"] is True
    assert data["version"] == 2
    assert data["fields"] == ["strengths"]
    assert data["theirs"]["strengths"] == "Ihr Text"
    assert "Erika Beispiel" in data["message"]
    assert strategy.strengths == "Ihr Text"
    assert strategy.version == 2


def test_autosave_keep_mine_after_conflict_saves_with_current_version(
    world, client_as, strategy, editor
):
    client_as(editor).post(_url(strategy), {"version": 1, "strengths": "Ihr Text"})
    client = client_as(world.user("member"))
    conflict = client.post(_url(strategy), {"version": 1, "strengths": "Mein Text"}).json()

    response = client.post(
        _url(strategy), {"version": conflict["version"], "strengths": "Mein Text"}
    )

    strategy.refresh_from_db()
    assert response.status_code == 200
    assert strategy.strengths == "Mein Text"
    assert strategy.version == 3


def test_autosave_after_change_in_another_step_is_no_conflict(world, client_as, strategy, editor):
    client_as(editor).post(
        _url(strategy, "vision-und-ziele"), {"version": 1, "vision": "Ein Dorf mit Zukunft"}
    )

    response = client_as(world.user("member")).post(
        _url(strategy), {"version": 1, "strengths": "Vereine"}
    )

    strategy.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["version"] == 3
    assert (strategy.strengths, strategy.vision) == ("Vereine", "Ein Dorf mit Zukunft")


def test_autosave_of_fields_step_conflicts_on_the_choice(world, client_as, strategy, editor):
    client_as(editor).post(
        _url(strategy, "handlungsfelder"), {"version": 1, "fields": [field("bildung").pk]}
    )

    response = client_as(world.user("member")).post(
        _url(strategy, "handlungsfelder"), {"version": 1, "fields": [field("mobilitaet").pk]}
    )

    assert response.status_code == 409
    assert response.json()["theirs"]["fields"] == [field("bildung").pk]
    assert list(strategy.fields.values_list("slug", flat=True)) == ["bildung"]


def test_autosave_invalid_input_answers_400_and_saves_nothing(world, client_as, strategy):
    response = client_as(world.user("member")).post(
        _url(strategy), {"version": 1, "strengths": "x" * 10001}
    )

    strategy.refresh_from_db()
    assert response.status_code == 400
    assert "strengths" in response.json()["errors"]
    assert strategy.version == 1


def test_autosave_without_version_answers_400(world, client_as, strategy):
    response = client_as(world.user("member")).post(_url(strategy), {"strengths": "Vereine"})

    assert response.status_code == 400
    assert "version" in response.json()["errors"]


def test_autosave_outside_the_team_answers_404(world, client_as, strategy):
    response = client_as(world.user("contact")).post(
        _url(strategy), {"version": 1, "strengths": "Fremd"}
    )

    strategy.refresh_from_db()
    assert response.status_code == 404
    assert strategy.strengths == ""


def test_own_newer_save_is_no_conflict_and_the_latest_input_wins(world, client_as, strategy):
    # The form is sent while the person's own autosave (from the same version) landed first.
    client = client_as(world.user("member"))
    client.post(_url(strategy), {"version": 1, "strengths": "Verei", "weaknesses": ""})

    response = client.post(_url(strategy), {"version": 1, "strengths": "Vereine", "weaknesses": ""})

    strategy.refresh_from_db()
    assert response.status_code == 200
    assert strategy.strengths == "Vereine"
    assert strategy.version == 3
