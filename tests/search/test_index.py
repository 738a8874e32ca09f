"""The index follows the data: signals after the commit, the rebuild command, facets, pages."""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from tests.events.factories import EventFactory, SessionFactory
from tests.factories import MembershipFactory, MunicipalityFactory, NetworkFactory
from tests.knowledge.factories import AllianceFactory, SoftwareFactory, SolutionFactory, topic
from tests.questions.factories import AnswerFactory, QuestionFactory
from tests.workinggroups.factories import (
    DocumentFactory,
    DocumentVersionFactory,
    WorkingGroupFactory,
)
from voneinander.events.models import Visibility
from voneinander.search.backends import count_terms, get_backend
from voneinander.search.models import SearchEntry
from voneinander.search.services import rebuild

ANONYMOUS = AnonymousUser()


def _titles(query: str, user=ANONYMOUS, **filters) -> list[str]:
    results = get_backend().query(query, user, **filters)
    return [str(hit.title).replace("<mark>", "").replace("</mark>", "") for hit in results.hits]


def test_saved_solution_is_found_after_the_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        solution = SolutionFactory(title="Digitaler Bauhof", summary="Aufträge für den Bauhof")

    assert _titles("Bauhöfe") == ["Digitaler Bauhof"]
    assert SearchEntry.objects.get(kind="solution").object_id == solution.pk


def test_nothing_is_indexed_before_the_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        SolutionFactory(title="Digitaler Bauhof")

        assert not SearchEntry.objects.exists()


def test_changed_solution_is_found_by_its_new_words(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        solution = SolutionFactory(title="Digitaler Bauhof")
    with django_capture_on_commit_callbacks(execute=True):
        solution.title = "Smarter Wertstoffhof"
        solution.save()
        solution.topics.set([topic("mobilitaet")])
        SoftwareFactory(solution=solution, name="Kehrmaschinenplaner")

    assert _titles("Bauhof") == []
    assert _titles("Wertstoffhof Kehrmaschinenplaner") == ["Smarter Wertstoffhof"]
    assert get_backend().query("Wertstoffhof", ANONYMOUS).facets["topic"] == {
        str(topic("mobilitaet").pk): 1
    }


def test_archived_and_deleted_solutions_leave_the_index(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        archived = SolutionFactory(title="Alte Lösung Bauhof")
        deleted = SolutionFactory(title="Falsche Lösung Bauhof")
    with django_capture_on_commit_callbacks(execute=True):
        archived.archived_at = timezone.now()
        archived.save()
        deleted.delete()

    assert _titles("Bauhof") == []
    assert not SearchEntry.objects.filter(kind="solution").exists()


def test_topic_removed_from_the_topic_side_is_reindexed(db, django_capture_on_commit_callbacks):
    mobility = topic("mobilitaet")
    with django_capture_on_commit_callbacks(execute=True):
        SolutionFactory(title="Rufbus", topics=[mobility])
    with django_capture_on_commit_callbacks(execute=True):
        mobility.solutions.clear()

    assert get_backend().query("Rufbus", ANONYMOUS).facets["topic"] == {}


def test_group_turning_private_hides_its_documents_and_meetings(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        group = WorkingGroupFactory(is_private=False)
        DocumentVersionFactory(
            document=DocumentFactory(group=group, title="Protokoll Glasfaser"), text="Glasfaser"
        )
        EventFactory(title="Treffen Glasfaser", working_group=group, networks=[group.network])
    assert sorted(_titles("Glasfaser")) == ["Protokoll Glasfaser", "Treffen Glasfaser"]

    with django_capture_on_commit_callbacks(execute=True):
        group.is_private = True
        group.save(update_fields=["is_private"])

    assert _titles("Glasfaser") == []


def test_new_document_version_replaces_the_text(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = DocumentFactory(group=WorkingGroupFactory(), title="Konzept")
        DocumentVersionFactory(document=document, number=1, text="Straßenbeleuchtung")
    with django_capture_on_commit_callbacks(execute=True):
        DocumentVersionFactory(document=document, number=2, text="Parkraumbewirtschaftung")

    assert _titles("Straßenbeleuchtung") == []
    assert _titles("Parkraumbewirtschaftung") == ["Konzept"]


def test_event_visibility_and_sessions_follow_the_event(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = EventFactory(title="Kongress Ehrenamt", description="Ehrenamt")
        SessionFactory(event=event, title="Workshop Ehrenamt", description="Ehrenamt")
    assert sorted(_titles("Ehrenamt")) == ["Kongress Ehrenamt", "Workshop Ehrenamt"]

    with django_capture_on_commit_callbacks(execute=True):
        event.visibility = Visibility.MEMBERS
        event.save()

    assert _titles("Ehrenamt") == []


def test_member_municipalities_are_found_by_name_network_and_focus(
    db, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="Digitale Dörfer")
    with django_capture_on_commit_callbacks(execute=True):
        membership = MembershipFactory(
            network=network,
            municipality=MunicipalityFactory(name="Kirchheimbolanden"),
            topic_focuses=["Mobilität"],
        )
    results = get_backend().query("Kirchheimbolanden Mobilität", ANONYMOUS)
    assert [hit.object_id for hit in results.hits] == [membership.municipality_id]
    assert results.facets["network"] == {str(network.pk): 1}
    assert results.facets["topic"] == {str(topic("mobilitaet").pk): 1}

    with django_capture_on_commit_callbacks(execute=True):
        membership.status = "left"
        membership.save()

    assert _titles("Kirchheimbolanden") == []


def test_questions_are_found_by_their_answers(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        question = QuestionFactory(network=world.network, title="Wer nutzt Förderprogramme?")
        AnswerFactory(question=question, text="Wir nutzen LEADER für den Dorfladen.")

    assert _titles("Dorfladen", world.user("member")) == ["Wer nutzt Förderprogramme?"]
    assert _titles("Dorfladen") == []


def test_alliances_are_public_and_hide_an_internal_solutions_title(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        internal = SolutionFactory(title="Geheimprojekt", visibility="network")
        AllianceFactory(title="Allianz Glasfaser", solution=internal)

    assert _titles("Glasfaser") == ["Allianz Glasfaser"]
    assert _titles("Geheimprojekt") == []


def test_rebuild_command_indexes_everything_and_drops_stale_entries(db):
    solution = SolutionFactory(title="Mängelmelder")
    SearchEntry.objects.create(kind="solution", object_id=999999, title="Verwaist")
    out = StringIO()

    call_command("rebuild_search_index", stdout=out)

    assert set(SearchEntry.objects.filter(kind="solution").values_list("object_id", flat=True)) == {
        solution.pk
    }
    assert "solution: 1" in out.getvalue()
    assert _titles("Mängelmeldern") == ["Mängelmelder"]


def test_rebuild_of_one_kind_in_small_batches(db):
    for number in range(5):
        SolutionFactory(title=f"Bauhof {number}")

    counts = rebuild(kinds=["solution"], batch_size=2)

    assert counts == {"solution": 5}
    assert get_backend().query("Bauhof", ANONYMOUS).total == 5


def test_facets_count_the_other_values_of_a_chosen_group(db):
    alpha, beta = NetworkFactory(), NetworkFactory()
    SolutionFactory(network=alpha, title="Bauhof A", status="pilot")
    SolutionFactory(network=alpha, title="Bauhof B", status="operation")
    SolutionFactory(network=beta, title="Bauhof C", status="operation")
    rebuild()

    results = get_backend().query("Bauhof", ANONYMOUS, networks=[alpha.pk])

    assert results.total == 2
    assert sorted(_titles("Bauhof", networks=[alpha.pk])) == ["Bauhof A", "Bauhof B"]
    # The network group still offers beta; the status group counts within alpha.
    assert results.facets["network"] == {str(alpha.pk): 2, str(beta.pk): 1}
    assert results.facets["status"] == {"pilot": 1, "operation": 1}
    assert results.facets["kind"] == {"solution": 2}


def test_results_come_in_pages(db):
    for number in range(5):
        SolutionFactory(title=f"Bauhof {number}")
    rebuild()

    first = get_backend().query("Bauhof", ANONYMOUS, page_size=2)
    last = get_backend().query("Bauhof", ANONYMOUS, page_size=2, page=99)

    assert (first.total, first.pages, len(first.hits)) == (5, 3, 2)
    assert (last.page, len(last.hits)) == (3, 1)
    seen = {
        hit.object_id
        for p in (1, 2, 3)
        for hit in get_backend().query("Bauhof", ANONYMOUS, page_size=2, page=p).hits
    }
    assert len(seen) == 5


def test_title_matches_rank_before_body_matches(db):
    SolutionFactory(title="Allgemeines", summary="Nebenbei auch Glasfaser erwähnt")
    SolutionFactory(title="Glasfaser für alle", summary="Ausbau")
    rebuild()

    assert _titles("Glasfaser") == ["Glasfaser für alle", "Allgemeines"]


def test_snippets_are_escaped_and_highlighted(db):
    SolutionFactory(title="Bauhof", summary="Der Bauhof plant Touren <script>alert(1)</script>")
    rebuild()

    hit = get_backend().query("Touren", ANONYMOUS).hits[0]

    # SQLite shows the tag as text; PostgreSQL's ts_headline leaves tags out.
    assert "<script>" not in hit.snippet
    assert "<mark>Touren</mark>" in hit.snippet
    assert "&lt;script&gt;" in hit.snippet or "alert(1)" in hit.snippet


def test_query_of_stop_words_finds_nothing(db):
    SolutionFactory(title="Die Lösung")
    rebuild()

    results = get_backend().query("die und", ANONYMOUS)

    assert (results.total, results.hits) == (0, [])


def test_query_of_exclusions_only_finds_nothing(db):
    SolutionFactory(title="Bauhof")
    rebuild()

    assert get_backend().query("-Bauhof", ANONYMOUS).total == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL caps what it examines")
def test_broad_query_examines_title_matches_and_a_capped_sample(db, monkeypatch):
    for number in range(6):
        SolutionFactory(title=f"Lösung {number}", summary="Rathaus")
    SolutionFactory(title="Rathaus digital", summary="Eine Lösung")
    rebuild()
    monkeypatch.setattr(get_backend(), "examined", 3)

    results = get_backend().query("Rathaus", ANONYMOUS)

    assert results.more
    assert results.total == 4  # three examined body matches and the title match
    assert results.hits[0].object_id == SearchEntry.objects.get(title="Rathaus digital").object_id


def test_term_counts_come_from_the_text_form_of_a_tsvector():
    candidate = count_terms("'abc':1A,5 'bus':2,7,9A 'o''neil':3 'x':4", ["bus", "o'neil", "zz"])

    assert candidate.title_terms == {"bus": 1}
    assert candidate.body_terms == {"bus": 2, "o'neil": 1}
    assert (candidate.title_length, candidate.body_length) == (2, 5)
