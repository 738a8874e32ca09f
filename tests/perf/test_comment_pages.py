"""Comments under a much-discussed target come a page at a time (issue 8: bounded lists)."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from tests.comments.factories import CommentFactory, NewsItemFactory
from tests.factories import UserFactory
from tests.knowledge.factories import SolutionFactory
from voneinander.comments.models import Comment
from voneinander.comments.selectors import COMMENT_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def solution(world):
    return SolutionFactory(network=world.network, owner=world.membership.municipality)


def _comment_on(target, count: int) -> list[Comment]:
    author = UserFactory()
    field = "news" if target.__class__.__name__ == "NewsItem" else "solution"
    start = timezone.now() - datetime.timedelta(days=1)
    comments = Comment.objects.bulk_create(
        Comment(
            **{field: target},
            network=target.network,
            author=author,
            text=f"Beitrag {number}",
        )
        for number in range(count)
    )
    for number, comment in enumerate(comments):
        # Two comments share each second: the page order falls back to the pk.
        Comment.objects.filter(pk=comment.pk).update(
            created_at=start + datetime.timedelta(seconds=number // 2)
        )
    return list(Comment.objects.order_by("created_at", "pk"))


def _texts(html: str) -> list[str]:
    import re

    return re.findall(r"Beitrag \d+", html)


def test_comment_section_shows_the_newest_page_and_links_earlier_ones(client, solution):
    comments = _comment_on(solution, COMMENT_PAGE + 3)

    html = client.get(solution.get_absolute_url()).content.decode()

    assert _texts(html) == [f"Beitrag {n}" for n in range(3, COMMENT_PAGE + 3)]
    assert f"{COMMENT_PAGE + 3} comments" in html or f"{COMMENT_PAGE + 3} Kommentare" in html
    earlier = f"{solution.get_absolute_url()}?kommentare_vor={comments[3].pk}#kommentare"
    assert f'href="{earlier}"' in html

    older = client.get(earlier).content.decode()

    assert _texts(older) == ["Beitrag 0", "Beitrag 1", "Beitrag 2"]
    assert "#kommentare" not in older.replace(f'"{solution.get_absolute_url()}#kommentare"', "")
    assert f'href="{solution.get_absolute_url()}#kommentare"' in older


def test_comment_section_ignores_a_foreign_or_broken_earlier_parameter(client, solution, world):
    other = SolutionFactory(network=world.network, owner=world.membership.municipality)
    foreign = _comment_on(other, 1)[0]
    _comment_on(solution, 2)
    url = solution.get_absolute_url()

    for value in (str(foreign.pk), "abc", "9" * 30):
        html = client.get(url, {"kommentare_vor": value}).content.decode()
        assert (
            _texts(html) == []
            if value == str(foreign.pk)
            else _texts(html)
            == [
                "Beitrag 0",
                "Beitrag 1",
            ]
        )


def _render(target, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load comments %}{% comments_for target %}")
    return template.render(Context({"request": request, "target": target, "user": user}))


@pytest.mark.parametrize("count", [COMMENT_PAGE + 1, 4 * COMMENT_PAGE])
@pytest.mark.parametrize("kind", ["solution", "news"])
def test_comment_section_queries_and_rows_do_not_grow_with_comments(
    world, solution, django_assert_num_queries, count, kind
):
    target = solution if kind == "solution" else NewsItemFactory(network=world.network)
    _comment_on(target, count)
    CommentFactory.reset_sequence()
    reader = world.user("member")
    target = type(target).objects.select_related("network").get(pk=target.pk)
    _render(target, reader)

    with django_assert_num_queries(3):  # the page, the viewer's reports, the count
        html = _render(target, reader)

    assert html.count('<article class="vn-comment') == COMMENT_PAGE
