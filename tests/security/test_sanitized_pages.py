"""XSS payloads saved through the services, then read back from the real pages.

Every payload of the corpus goes into solutions, news items (and their feeds),
comments, events with a session, free pages, questions and answers; the pages
showing them are fetched as an admin (who sees every control) and anonymously,
and parsed: no script but our own from /static/, no event handlers, no
javascript:/data:/vbscript: URLs, no iframe srcdoc, base, meta refresh, object
or embed.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.questions.factories import member_of
from tests.security.htmlcheck import dangers, load_corpus
from voneinander.comments import services as comment_services
from voneinander.events import services as event_services
from voneinander.events.models import Session, SessionKind
from voneinander.knowledge import services as knowledge_services
from voneinander.news import services as news_services
from voneinander.pages import services as page_services
from voneinander.questions import services as question_services

CORPUS = load_corpus()
# Payloads go in groups: one object per group keeps the pages few, and a payload
# that changes the Markdown context (an open code fence) only hides its own group.
GROUP = 24
GROUPS = [CORPUS[start : start + GROUP] for start in range(0, len(CORPUS), GROUP)]
ATOM = "{http://www.w3.org/2005/Atom}"


def _text(group: list[str]) -> str:
    return "\n\n".join(group)


def _line(group: list[str], number: int, limit: int) -> str:
    return f"{number} {' '.join(group[0].split())}"[:limit]


def _plant(world):
    """Everything that shows user text, filled with the payloads; returns the URLs."""
    coordinator, member, admin = (world.user(r) for r in ("coordinator", "member", "admin"))
    urls = []
    starts = datetime.datetime(2031, 5, 5, 9, tzinfo=datetime.UTC)
    for number, group in enumerate(GROUPS):
        text = _text(group)
        solution = knowledge_services.create_solution(
            by=member,
            network=world.network,
            owner=world.membership.municipality,
            data={
                "title": _line(group, number, 200),
                "summary": _line(group[1:] or group, number, 400),
                "problem": text,
                "what_it_is": text,
                "benefits": text,
                "how_it_works": text,
                "suits": text,
                "description": text,
                "lessons_learned": text,
            },
        )
        item = news_services.create_news(
            by=coordinator,
            network=world.network,
            data={
                "title": _line(group, number, 200),
                "teaser": _text(group)[:600],
                "text": text,
                "comments_enabled": True,
            },
        )
        news_services.publish_news(item=item, by=coordinator)
        for target in (item, solution):
            for payload in group[:4]:
                comment_services.add_comment(
                    target=target, author=member_of(world.network), text=payload[:3000]
                )
        event = event_services.create_event(
            networks=[world.network],
            by=coordinator,
            values={
                "title": _line(group, number, 200),
                "summary": _line(group, number, 300),
                "description": text,
                "kind": "congress",
                "location": group[-1][:300],
                "starts_at": starts + datetime.timedelta(days=number),
                "ends_at": starts + datetime.timedelta(days=number, hours=8),
            },
        )
        Session.objects.create(
            event=event,
            kind=SessionKind.WORKSHOP,
            title=_line(group, number, 200),
            topic=group[0][: Session._meta.get_field("topic").max_length],
            description=text,
            starts_at=event.starts_at,
            ends_at=event.starts_at + datetime.timedelta(hours=1),
            capacity=10,
        )
        page = page_services.create_page(
            network=world.network if number % 2 else None,
            slug=f"xss-{number}",
            title=_line(group, number, 200),
            body=text,
            by=admin,
        )
        question = question_services.ask_question(
            network=world.network, author=member, title=_line(group, number, 200), text=text
        )
        question_services.answer_question(
            question=question, author=world.user("contact"), text=f"@Erika.Mustermann {text}"
        )
        urls += [
            solution.get_absolute_url(),
            item.get_absolute_url(),
            event.get_absolute_url(),
            page.get_absolute_url(),
            question.get_absolute_url(),
        ]
    urls += [
        reverse("news:list"),
        reverse("news:network", kwargs={"slug": world.network.slug}),
        reverse("knowledge:catalogue"),
        reverse("events:list"),
        reverse("questions:list", kwargs={"slug": world.network.slug}),
        reverse("pages:list"),
        reverse("comments:newest"),
        reverse("search:search") + "?q=alert+script+klick",
        reverse("core:home"),
    ]
    return urls


def _feed_html(content: bytes) -> list[str]:
    """The HTML inside the entries of an RSS or Atom feed."""
    root = ET.fromstring(content)  # noqa: S314 - our own feed, in a test
    parts = [node.text or "" for node in root.iter("description")]
    for name in ("summary", "content", "subtitle"):
        parts += [node.text or "" for node in root.iter(ATOM + name)]
    return parts


@pytest.mark.trust("Sanitizer fuzzing")
def test_pages_with_xss_payloads_render_no_script(world, client_as, record_property):
    urls = _plant(world)
    findings = {}
    pages = shown = 0
    for role in ("admin", "anonymous"):
        client = client_as(world.user(role))
        for url in urls:
            response = client.get(url)
            if role == "anonymous" and response.status_code in (302, 404):
                continue  # member pages: the admin's pass covered them
            assert response.status_code == 200, (role, url)
            pages += 1
            html = response.content.decode()
            shown += "alert(1)" in html
            found = dangers(html, allow_static_scripts=True)
            if found:
                findings[(role, url)] = found
    assert findings == {}
    record_property("pages", pages)
    assert pages >= len(GROUPS) * 5
    # The payloads were on the pages (as text), not filtered out before.
    assert shown >= len(GROUPS) * 5


@pytest.mark.trust("Sanitizer fuzzing")
def test_news_feeds_with_xss_payloads_carry_no_script(world, client, record_property):
    coordinator = world.user("coordinator")
    for number, group in enumerate(GROUPS):
        item = news_services.create_news(
            by=coordinator,
            network=world.network,
            data={"title": _line(group, number, 200), "teaser": _text(group)[:600], "text": ""},
        )
        news_services.publish_news(item=item, by=coordinator)
    feeds = [reverse("news:feed_rss"), reverse("news:feed_atom")]
    feeds += [
        reverse(name, kwargs={"slug": world.network.slug})
        for name in ("news:network_feed_rss", "news:network_feed_atom")
    ]
    entries = 0
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        for html in _feed_html(response.content):
            entries += 1
            assert dangers(html) == [], (url, html)
    assert entries >= 4 * len(GROUPS)
    record_property("pages", len(feeds))
