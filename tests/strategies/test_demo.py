"""The demo strategies: loaded on top of the demo networks and catalogue, idempotent."""

import pytest

from voneinander.core.management.commands.load_demo_data import Report
from voneinander.knowledge import demo as knowledge_demo
from voneinander.municipalities import demo as municipalities_demo
from voneinander.networks import demo as networks_demo
from voneinander.strategies import demo
from voneinander.strategies.exports import strategy_document
from voneinander.strategies.exports_pdf import render_pdf
from voneinander.strategies.models import (
    CollaboratorRole,
    Measure,
    MeasureStatusChange,
    Strategy,
    StrategyChange,
)
from voneinander.strategies.selectors import readable_strategies, shared_strategies


@pytest.fixture
def loaded(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    report = Report()
    municipalities_demo.load(report)
    networks_demo.load(report)
    knowledge_demo.load(report)
    demo.load(report)
    return report


def _strategies():
    return {
        s.municipality.name: s
        for s in Strategy.objects.select_related("municipality", "shared_with")
    }


def test_demo_has_two_strategies_of_verbandsgemeinden_one_shared(loaded):
    strategies = _strategies()
    assert sorted(strategies) == ["Eisenberg (Pfalz)", "Göllheim"]
    assert {s.municipality.kind for s in strategies.values()} == {"verbandsgemeinde"}
    assert strategies["Eisenberg (Pfalz)"].shared_with.slug == "digitale-doerfer-rlp"
    assert strategies["Eisenberg (Pfalz)"].shared_at is not None
    assert strategies["Göllheim"].shared_with is None


def test_demo_strategies_have_teams_fields_and_measures(loaded):
    for strategy in _strategies().values():
        roles = {c.user.email: c.role for c in strategy.collaborators.select_related("user")}
        assert CollaboratorRole.OWNER in roles.values()
        assert 4 <= strategy.fields.count() <= 6
        measures = list(strategy.measures.all())
        assert 5 <= len(measures) <= 8
        assert any(m.starts_on and m.ends_on for m in measures)
        assert any(m.starts_on is None and m.ends_on is None for m in measures)
        assert any(m.budget_eur for m in measures)
        assert len({m.status for m in measures}) >= 2
        assert any(m.solutions.exists() for m in measures)
        assert strategy.vision and strategy.goals and strategy.strengths
        assert StrategyChange.objects.filter(strategy=strategy).exists()
    eisenberg = _strategies()["Eisenberg (Pfalz)"]
    roles = {c.user.email: c.role for c in eisenberg.collaborators.select_related("user")}
    assert roles == {
        "digital@vg-eisenberg.example.org": CollaboratorRole.OWNER,
        "buergerservice@vg-eisenberg.example.org": CollaboratorRole.EDITOR,
    }


def test_demo_status_history_matches_the_current_status(loaded):
    for measure in Measure.objects.all():
        history = list(measure.status_changes.all())
        assert history, measure
        assert history[-1].status == measure.status
        assert [c.changed_at for c in history] == sorted(c.changed_at for c in history)


def test_demo_shared_strategy_is_readable_in_the_network_the_private_one_is_not(loaded):
    from voneinander.accounts.models import User

    goellheim = User.objects.get(email="digitales@vg-goellheim.example.org")
    eisenberg = User.objects.get(email="digital@vg-eisenberg.example.org")
    assert [s.municipality.name for s in shared_strategies(goellheim)] == ["Eisenberg (Pfalz)"]
    assert [s.municipality.name for s in readable_strategies(eisenberg)] == ["Eisenberg (Pfalz)"]


def test_demo_strategy_exports(loaded):
    strategy = _strategies()["Eisenberg (Pfalz)"]
    lead = strategy.collaborators.get(role=CollaboratorRole.OWNER).user
    document = strategy_document(strategy, viewer=lead)
    assert len(document.measures) == 6
    assert any(m.solutions for m in document.measures)
    assert render_pdf(document).startswith(b"%PDF-")


def test_demo_is_idempotent(loaded):
    counts = (
        Strategy.objects.count(),
        Measure.objects.count(),
        MeasureStatusChange.objects.count(),
        StrategyChange.objects.count(),
    )
    demo.load(Report())
    assert (
        Strategy.objects.count(),
        Measure.objects.count(),
        MeasureStatusChange.objects.count(),
        StrategyChange.objects.count(),
    ) == counts
