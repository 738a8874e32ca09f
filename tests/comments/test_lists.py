from io import StringIO

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from tests.comments.factories import CommentFactory, CommentReportFactory, NewsItemFactory
from tests.factories import UserFactory
from tests.knowledge.factories import SolutionFactory
from voneinander.comments.models import Comment, CommentReport, CommentStatus
from voneinander.knowledge.models import SolutionVisibility

# --- The newest comments -------------------------------------------------------------------


def test_newest_lists_visible_comments_on_visible_targets_newest_first(world, client_as, solution):
    first = CommentFactory(solution=solution, text="Erster")
    news_comment = CommentFactory(news=NewsItemFactory(network=world.network), text="Zur News")
    CommentFactory(solution=solution, status=CommentStatus.PENDING, text="Wartet")
    CommentFactory(solution=solution, status=CommentStatus.HIDDEN, text="Verborgen")
    members_only = SolutionFactory(
        network=world.network,
        owner=world.membership.municipality,
        visibility=SolutionVisibility.NETWORK,
    )
    internal = CommentFactory(solution=members_only, text="Intern")
    CommentFactory(news=NewsItemFactory(network=world.network, published_at=None), text="Entwurf")

    anonymous = client_as(None).get(reverse("comments:newest"))
    member = client_as(world.user("member")).get(reverse("comments:newest"))

    assert [c.pk for c in anonymous.context["comments"]] == [news_comment.pk, first.pk]
    assert [c.pk for c in member.context["comments"]] == [internal.pk, news_comment.pk, first.pk]
    content = anonymous.content.decode()
    assert f"{solution.get_absolute_url()}#kommentar-{first.pk}" in content
    assert "Intern" not in content
    assert "Wartet" not in content


def test_newest_escapes_markup(world, client_as, solution):
    CommentFactory(solution=solution, text="<script>alert(1)</script>")

    content = client_as(None).get(reverse("comments:newest")).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)" not in content


@pytest.mark.parametrize("count", [1, 10])
def test_newest_queries_do_not_grow_with_comments(
    world, client_as, django_assert_num_queries, count
):
    for _number in range(count):
        solution = SolutionFactory(network=world.network, owner=world.membership.municipality)
        CommentFactory(solution=solution, author=UserFactory())
        CommentFactory(news=NewsItemFactory(network=world.network), author=UserFactory())
    client = client_as(world.user("member"))
    client.get(reverse("comments:newest"))

    with django_assert_num_queries(5):
        response = client.get(reverse("comments:newest"))

    assert len(response.context["comments"]) == 2 * count


# --- The tag on a solution page ------------------------------------------------------------


def test_solution_page_shows_comments_and_form(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("member"), text="Prima")

    page = client_as(world.user("user")).get(solution.get_absolute_url()).content.decode()

    assert 'id="kommentare"' in page
    assert f'id="kommentar-{comment.pk}"' in page
    assert "Prima" in page
    action = reverse("comments:create", kwargs={"kind": "loesung", "slug": solution.slug})
    assert f'hx-post="{action}"' in page
    assert f'action="{action}"' in page
    assert 'name="comment-text"' in page


def test_solution_page_asks_anonymous_to_sign_in(world, client_as, solution):
    page = client_as(None).get(solution.get_absolute_url()).content.decode()

    assert 'id="kommentare"' in page
    assert 'name="comment-text"' not in page
    assert f"{reverse('account_login')}?next=" in page


def _render_tag(target, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load comments %}{% comments_for target %}")
    return template.render(Context({"request": request, "target": target, "user": user}))


@pytest.mark.parametrize("count", [1, 10])
def test_comments_tag_queries_do_not_grow_with_comments(
    world, solution, django_assert_num_queries, count
):
    reader = world.user("member")
    for _number in range(count):
        comment = CommentFactory(solution=solution, author=UserFactory())
        CommentReportFactory(comment=comment, reporter=reader)
    CommentFactory(solution=solution, author=reader, status=CommentStatus.PENDING)
    solution = SolutionFactory._meta.model.objects.select_related("network").get(pk=solution.pk)
    _render_tag(solution, reader)  # the person's roles and blocks are cached on the user

    with django_assert_num_queries(2):
        html = _render_tag(solution, reader)

    assert html.count('<article class="vn-comment') == count + 1


def test_comments_tag_on_news_item(world):
    item = NewsItemFactory(network=world.network)
    CommentFactory(news=item, text="Zur Nachricht")

    html = _render_tag(item, world.user("user"))

    assert "Zur Nachricht" in html
    assert reverse("comments:create", kwargs={"kind": "aktuelles", "slug": item.slug}) in html


def test_comments_tag_on_news_with_comments_closed(world):
    item = NewsItemFactory(network=world.network, comments_enabled=False)

    html = _render_tag(item, world.user("user"))

    assert 'name="comment-text"' not in html


def test_comments_tag_tells_about_premoderation(world, solution):
    world.network.comments_premoderated = True
    world.network.save(update_fields=["comments_premoderated"])
    solution.network.refresh_from_db()

    for_user = _render_tag(solution, world.user("user"))
    for_coordinator = _render_tag(solution, world.user("coordinator"))

    assert "coordinator before others see them" in for_user or "Koordination" in for_user
    assert for_user != for_coordinator


# --- Demo ----------------------------------------------------------------------------------


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo_data", stdout=StringIO())


def test_demo_has_comments_and_a_report(demo):
    assert Comment.objects.filter(solution__slug="dorffunk-vg-eisenberg").count() == 2
    assert Comment.objects.filter(status=CommentStatus.VISIBLE).count() == Comment.objects.count()
    assert CommentReport.objects.filter(resolved_at__isnull=True).count() == 1


def test_demo_is_idempotent(demo):
    before = (Comment.objects.count(), CommentReport.objects.count())

    call_command("load_demo_data", stdout=StringIO())

    assert (Comment.objects.count(), CommentReport.objects.count()) == before


def test_news_page_shows_comments_and_form(world, client_as):
    item = NewsItemFactory(network=world.network)
    comment = CommentFactory(news=item, text="Glückwunsch!")

    response = client_as(world.user("user")).get(item.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="kommentar-{comment.pk}"' in page
    assert "Glückwunsch!" in page
    assert reverse("comments:create", kwargs={"kind": "aktuelles", "slug": item.slug}) in page


def test_comment_on_draft_news_is_not_possible_for_its_editors(world, client_as):
    item = NewsItemFactory(network=world.network, published_at=None)

    response = client_as(world.user("coordinator")).post(
        reverse("comments:create", kwargs={"kind": "aktuelles", "slug": item.slug}),
        {"comment-text": "Entwurf"},
    )

    assert response.status_code == 404
    assert not Comment.objects.exists()
