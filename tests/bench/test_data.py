"""The Germany-scale generator (bench/data.py) at a tiny scale: counts, invariants, seeds."""

import datetime

import pytest
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse

from bench.data import (
    BENCH_PASSWORD,
    CONGRESS_SLUG,
    HOT_SOLUTION_SLUG,
    STABLE,
    content_digest,
    counts_for,
    generate,
)
from voneinander.accounts.models import User
from voneinander.comments.models import Comment
from voneinander.events.models import Event, Registration, Session, SessionBooking
from voneinander.knowledge.models import Adoption, Solution
from voneinander.municipalities.models import Municipality
from voneinander.networks.models import Membership, Network, NetworkCoordinator
from voneinander.news.models import NewsItem

pytestmark = pytest.mark.django_db
SCALE = 0.002
ANCHOR = datetime.date(2026, 6, 1)


def _generate(seed: int, **options) -> dict:
    return generate(seed=seed, scale=SCALE, anchor=ANCHOR, out=lambda line: None, **options)


def test_generate_tiny_scale_fills_every_table_with_the_scaled_counts():
    names = _generate(4, search_index=False)

    counts = counts_for(SCALE)
    assert Municipality.objects.count() == 60
    assert Network.objects.count() == counts["networks"] == 3
    assert User.objects.count() == counts["users"] == 40
    assert Solution.objects.count() == counts["solutions"] == 200
    assert Event.objects.count() == counts["events"] + 2 == 22
    assert Registration.objects.count() == counts["registrations"] == 200
    assert NewsItem.objects.count() == counts["news"] + 1 == 41
    assert Comment.objects.count() == counts["comments"] == 2000
    assert Membership.objects.filter(network__slug=names["network"]).exists()
    assert set(names["networks"]) == set(Network.objects.values_list("slug", flat=True))


def test_generate_keeps_the_model_invariants():
    _generate(5, search_index=False)

    not_member = ~Exists(
        Membership.objects.filter(
            network=OuterRef("network"), municipality=OuterRef("owner"), status="active"
        )
    )
    assert not Solution.objects.filter(not_member).exists()
    assert not Solution.objects.filter(contact__isnull=False).exclude(
        contact__municipality=F("owner")
    )
    assert not Solution.objects.filter(status="discontinued", discontinued_reason="").exists()
    assert not Adoption.objects.filter(municipality=F("solution__owner")).exists()
    assert not Comment.objects.filter(solution__isnull=False).exclude(
        network=F("solution__network")
    )
    for comment in Comment.objects.filter(news__isnull=False).select_related("news"):
        assert comment.network_id == comment.news.network_id
        assert comment.news.is_published
    overbooked = Session.objects.annotate(
        taken=Count("bookings", filter=Q(bookings__status="confirmed"))
    ).filter(capacity__isnull=False, taken__gt=F("capacity"))
    assert not overbooked.exists()
    assert not SessionBooking.objects.exclude(registration__status="confirmed").exists()
    assert not NewsItem.objects.filter(published_at__isnull=False, notified_at__isnull=True)
    # What the services check with full_clean holds for every generated row.
    for model in (User, Network, Membership, Solution, Event, Session, Registration, Comment):
        for item in model.objects.order_by("pk")[:60]:
            item.full_clean()


def test_generate_makes_the_benchmark_event_and_stable_people(client):
    names = _generate(6, search_index=False)

    congress = Event.objects.get(slug=CONGRESS_SLUG)
    assert congress.sessions.count() == 12
    assert congress.rounds.count() == 2
    assert congress.registrations.count() == names["congress_registrations"] == 37
    bookings = SessionBooking.objects.filter(registration__event=congress)
    assert bookings.count() == 2 * 37
    assert Event.objects.get(slug=names["rush_event"]).registrations.count() == 0
    member = User.objects.get(email=STABLE["member"])
    assert member.contact_roles.filter(membership__network__slug=names["network"]).exists()
    assert NetworkCoordinator.objects.filter(
        user__email=STABLE["coordinator"], network__slug=names["network"]
    ).exists()
    assert client.login(email=STABLE["member"], password=BENCH_PASSWORD)
    response = client.get(congress.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("Workshop 1.") == 6
    hot = Solution.objects.get(slug=HOT_SOLUTION_SLUG)
    assert hot.comments.count() == names["hot_comments"] == 40
    assert client.get(hot.get_absolute_url()).status_code == 200


def test_generate_builds_a_search_index_the_search_page_finds(client):
    _generate(7)
    word = Solution.objects.filter(visibility="public").order_by("pk").last().title.split()[-1]

    response = client.get(reverse("search:search"), {"q": word})

    assert response.status_code == 200
    assert response.context["results"].total > 0


def test_generate_same_seed_same_content_other_seed_other_content():
    savepoint = transaction.savepoint()
    _generate(8, search_index=False)
    first = content_digest()
    transaction.savepoint_rollback(savepoint)
    savepoint = transaction.savepoint()
    _generate(8, search_index=False)
    again = content_digest()
    transaction.savepoint_rollback(savepoint)
    _generate(9, search_index=False)
    other = content_digest()

    assert first == again
    assert other != first


def test_generate_refuses_a_database_with_data_unless_forced():
    Network.objects.create(name="Echtes Netzwerk", short_name="Echt", slug="echt", operator="x")

    with pytest.raises(RuntimeError, match="--force"):
        _generate(1, search_index=False)
    assert not User.objects.exists()


def test_generate_leaves_sequences_after_the_generated_ids():
    _generate(10, search_index=False)

    comment = Comment.objects.create(
        solution=Solution.objects.first(),
        network=Solution.objects.first().network,
        author=User.objects.first(),
        text="Danke!",
    )
    network = Network.objects.create(name="Neu", short_name="Neu", slug="neu", operator="x")

    assert comment.pk == Comment.objects.count()
    assert network.pk == Network.objects.count()
