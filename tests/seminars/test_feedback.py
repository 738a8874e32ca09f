"""Module feedback: rating once per programme version, changing it, who may rate, the summary."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import UserFactory
from tests.seminars.factories import EnrolmentFactory, ModuleFactory, ProgrammeFactory
from voneinander.seminars.feedback_selectors import feedback_summary, own_feedback
from voneinander.seminars.feedback_services import create_programme_version, rate_module
from voneinander.seminars.models import EnrolmentStatus, ModuleFeedback

pytestmark = pytest.mark.django_db


def participant(programme, **kwargs):
    return EnrolmentFactory(programme=programme, user=UserFactory(), **kwargs).user


def rate_by_many(module, ratings, comments=None):
    comments = comments or {}
    for index, rating in enumerate(ratings):
        person = participant(module.programme)
        rate_module(module=module, user=person, rating=rating, comment=comments.get(index, ""))


def test_rate_module_records_rating_on_current_version():
    module = ModuleFactory(programme__version_label="Beta")
    person = participant(module.programme)

    feedback = rate_module(module=module, user=person, rating=4, comment="  Sehr hilfreich. ")

    stored = ModuleFeedback.objects.get()
    assert stored == feedback
    assert (stored.module, stored.user, stored.version_label) == (module, person, "Beta")
    assert (stored.rating, stored.comment) == (4, "Sehr hilfreich.")


def test_rate_module_twice_changes_the_rating_instead_of_adding_one():
    module = ModuleFactory()
    person = participant(module.programme)
    rate_module(module=module, user=person, rating=2, comment="Zu lang.")

    rate_module(module=module, user=person, rating=5, comment="")

    assert list(ModuleFeedback.objects.values_list("rating", "comment")) == [(5, "")]


def test_rate_module_after_new_version_keeps_the_earlier_rating():
    module = ModuleFactory(programme__version_label="Beta")
    person = participant(module.programme)
    rate_module(module=module, user=person, rating=2)
    create_programme_version(
        programme=module.programme, by=UserFactory(), label="2026", changes="Kürzer."
    )
    module.programme.refresh_from_db()

    rate_module(module=module, user=person, rating=5)

    assert sorted(ModuleFeedback.objects.values_list("version_label", "rating")) == [
        ("2026", 5),
        ("Beta", 2),
    ]
    assert own_feedback(module, person, "Beta").rating == 2


def test_rate_module_uses_the_version_in_the_database_not_a_stale_object():
    module = ModuleFactory(programme__version_label="Beta")
    person = participant(module.programme)
    create_programme_version(
        programme=module.programme, by=UserFactory(), label="2026", changes="Neu."
    )

    rate_module(module=module, user=person, rating=3)  # module.programme still says "Beta"

    assert ModuleFeedback.objects.get().version_label == "2026"


@pytest.mark.parametrize(
    "status", [EnrolmentStatus.REQUESTED, EnrolmentStatus.DECLINED, EnrolmentStatus.WITHDRAWN]
)
def test_rate_module_without_active_enrolment_is_refused(status):
    module = ModuleFactory()
    person = participant(module.programme, status=status)

    with pytest.raises(ValidationError) as raised:
        rate_module(module=module, user=person, rating=4)

    assert raised.value.code == "not_enrolled"
    assert not ModuleFeedback.objects.exists()


def test_rate_module_by_participant_of_another_programme_is_refused():
    module = ModuleFactory()
    person = participant(ProgrammeFactory())

    with pytest.raises(ValidationError):
        rate_module(module=module, user=person, rating=4)

    assert not ModuleFeedback.objects.exists()


def test_rate_module_by_admin_without_enrolment_is_refused():
    module = ModuleFactory()
    admin = UserFactory(is_staff=True, is_superuser=True)

    with pytest.raises(ValidationError):
        rate_module(module=module, user=admin, rating=4)

    assert not ModuleFeedback.objects.exists()


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_rate_module_with_rating_out_of_range_is_refused(rating):
    module = ModuleFactory()
    person = participant(module.programme)

    with pytest.raises(ValidationError) as raised:
        rate_module(module=module, user=person, rating=rating)

    assert "rating" in raised.value.error_dict
    assert not ModuleFeedback.objects.exists()


def test_rate_module_with_too_long_comment_is_refused_and_keeps_earlier_rating():
    module = ModuleFactory()
    person = participant(module.programme)
    rate_module(module=module, user=person, rating=3, comment="Gut.")

    with pytest.raises(ValidationError) as raised:
        rate_module(module=module, user=person, rating=1, comment="x" * 3001)

    assert "comment" in raised.value.error_dict
    assert list(ModuleFeedback.objects.values_list("rating", "comment")) == [(3, "Gut.")]


def test_feedback_summary_with_enough_ratings_shows_figures_and_comments():
    module = ModuleFactory(programme__version_label="Beta")
    rate_by_many(module, [5, 4, 4, 1], comments={0: "Zu kurz.", 2: "Alles klar."})

    summary = feedback_summary(module.programme)

    assert summary.labels == ["Beta"]
    (item,) = summary.modules
    (beta,) = item.versions
    assert (beta.count, beta.average, beta.withheld) == (4, 3.5, False)
    assert [(row.rating, row.count, row.percent) for row in beta.distribution] == [
        (5, 1, 25),
        (4, 2, 50),
        (3, 0, 0),
        (2, 0, 0),
        (1, 1, 25),
    ]
    assert beta.comments == ["Alles klar.", "Zu kurz."]  # by text, not by who or when


def test_feedback_summary_with_fewer_than_three_ratings_withholds_everything():
    module = ModuleFactory()
    rate_by_many(module, [1, 5], comments={0: "Verräterischer Kommentar"})

    (item,) = feedback_summary(module.programme).modules

    (version,) = item.versions
    assert version.withheld
    assert (version.count, version.average, version.distribution, version.comments) == (
        0,
        None,
        [],
        [],
    )


def test_feedback_summary_minimum_follows_the_setting(settings):
    settings.SEMINARS_FEEDBACK_MIN_RATINGS = 1
    module = ModuleFactory()
    rate_by_many(module, [2])

    summary = feedback_summary(module.programme)

    assert summary.min_ratings == 1
    assert summary.modules[0].versions[0].average == 2


def test_feedback_summary_compares_versions_oldest_first():
    module = ModuleFactory(programme__version_label="Beta")
    other = ModuleFactory(programme=module.programme)
    rate_by_many(module, [2, 2, 3])
    create_programme_version(
        programme=module.programme, by=UserFactory(), label="2026", changes="Überarbeitet."
    )
    module.programme.refresh_from_db()
    rate_by_many(module, [5, 4, 5])

    summary = feedback_summary(module.programme)

    assert summary.labels == ["Beta", "2026"]
    first, second = summary.modules
    assert [(v.label, v.count, v.average) for v in first.versions] == [
        ("Beta", 3, pytest.approx(7 / 3)),
        ("2026", 3, pytest.approx(14 / 3)),
    ]
    assert [v.label for v in first.given] == ["2026", "Beta"]
    assert second.module == other
    assert [v.count for v in second.versions] == [0, 0]
    assert second.given == []


def test_feedback_summary_of_programme_without_modules_is_empty():
    programme = ProgrammeFactory()

    summary = feedback_summary(programme)

    assert summary.modules == []
    assert not summary.any_feedback
