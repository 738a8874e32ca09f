from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from tests.comments.factories import CommentBlockFactory, CommentFactory, NewsItemFactory
from tests.knowledge.factories import SolutionFactory
from voneinander.comments import services
from voneinander.comments.models import Comment, CommentStatus
from voneinander.comments.templatetags.comments import comment_text
from voneinander.core import ratelimits
from voneinander.knowledge.models import SolutionVisibility


def _create_url(target, kind="loesung"):
    return reverse("comments:create", kwargs={"kind": kind, "slug": target.slug})


def _post(client, target, text, kind="loesung", **extra):
    return client.post(_create_url(target, kind), {"comment-text": text}, **extra)


# --- Writing -------------------------------------------------------------------------------


def test_comment_on_solution_is_published_and_shown(world, client_as, solution):
    client = client_as(world.user("user"))

    response = _post(client, solution, "Das übernehmen wir gern.\nWer ist Ansprechperson?")

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{solution.get_absolute_url()}#kommentar-{comment.pk}"
    assert comment.solution == solution
    assert comment.news is None
    assert comment.network == world.network
    assert comment.author == world.user("user")
    assert comment.status == CommentStatus.VISIBLE
    assert comment.text == "Das übernehmen wir gern.\nWer ist Ansprechperson?"
    page = client.get(solution.get_absolute_url()).content.decode()
    assert f'id="kommentar-{comment.pk}"' in page
    assert "Das übernehmen wir gern.<br>Wer ist Ansprechperson?" in page


def test_comment_on_news_takes_the_news_network(world, client_as):
    item = NewsItemFactory(network=world.other_network)

    _post(client_as(world.user("user")), item, "Gute Nachricht!", kind="aktuelles")

    comment = Comment.objects.get()
    assert comment.news == item
    assert comment.solution is None
    assert comment.network == world.other_network


def test_comment_on_platform_news_has_no_network(world, client_as):
    item = NewsItemFactory(network=None)

    _post(client_as(world.user("member")), item, "Gute Nachricht!", kind="aktuelles")

    assert Comment.objects.get().network is None


def test_comment_on_news_with_comments_closed_is_refused(world, client_as):
    item = NewsItemFactory(network=world.network, comments_enabled=False)

    response = _post(client_as(world.user("user")), item, "Hallo", kind="aktuelles")

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_comment_on_unpublished_news_is_not_found(world, client_as):
    item = NewsItemFactory(network=world.network, published_at=None)

    response = _post(client_as(world.user("user")), item, "Hallo", kind="aktuelles")

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_comment_on_members_solution_by_outsider_is_not_found(world, client_as):
    hidden = SolutionFactory(
        network=world.network,
        owner=world.membership.municipality,
        visibility=SolutionVisibility.NETWORK,
    )

    response = _post(client_as(world.user("user")), hidden, "Hallo")

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_comment_by_anonymous_is_sent_to_login(world, client_as, solution):
    response = _post(client_as(None), solution, "Hallo")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Comment.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_comment_empty_is_refused_with_message(world, client_as, solution, text):
    response = _post(client_as(world.user("user")), solution, text)

    assert response.status_code == 200
    assert "Please write your comment." in response.content.decode() or (
        "Bitte schreiben Sie Ihren Kommentar." in response.content.decode()
    )
    assert response.context["form"].errors["text"]
    assert not Comment.objects.exists()


def test_comment_too_long_is_refused_and_text_kept(world, client_as, solution):
    text = "a" * 3001

    response = _post(client_as(world.user("user")), solution, text)

    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert text in response.content.decode()
    assert not Comment.objects.exists()


def test_comment_of_exactly_the_limit_is_accepted(world, client_as, solution):
    _post(client_as(world.user("user")), solution, "a" * 3000)

    assert len(Comment.objects.get().text) == 3000


def test_comment_by_person_blocked_in_network_is_refused(world, client_as, solution):
    CommentBlockFactory(user=world.user("user"), network=world.network)

    response = _post(client_as(world.user("user")), solution, "Hallo")

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_comment_by_person_blocked_elsewhere_is_accepted(world, client_as, solution):
    CommentBlockFactory(user=world.user("user"), network=world.other_network)

    _post(client_as(world.user("user")), solution, "Hallo")

    assert Comment.objects.count() == 1


def test_comment_by_person_blocked_everywhere_is_refused(world, client_as, solution):
    CommentBlockFactory(user=world.user("user"), network=None)

    response = _post(client_as(world.user("user")), solution, "Hallo")

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_add_comment_service_refuses_blocked_person(world, solution):
    CommentBlockFactory(user=world.user("user"), network=world.network, reason="Spam")

    with pytest.raises(services.ValidationError):
        services.add_comment(target=solution, author=world.user("user"), text="Hallo")


def test_section_tells_blocked_person_instead_of_form(world, client_as, solution):
    CommentBlockFactory(user=world.user("user"), network=world.network)

    page = client_as(world.user("user")).get(solution.get_absolute_url()).content.decode()

    assert 'name="comment-text"' not in page
    assert "gesperrt" in page


# --- Rate limit ----------------------------------------------------------------------------


def test_comment_beyond_rate_limit_is_refused_and_text_kept(world, client_as, solution):
    client = client_as(world.user("user"))
    for number in range(services.RATE_COUNT):
        _post(client, solution, f"Kommentar {number}")

    response = _post(client, solution, "Der sechste Kommentar")

    assert response.status_code == 200
    assert Comment.objects.count() == services.RATE_COUNT
    assert response.context["form"].non_field_errors()
    assert "Der sechste Kommentar" in response.content.decode()


def test_comment_rate_limit_is_per_person(world, client_as, solution):
    for number in range(services.RATE_COUNT):
        services.add_comment(target=solution, author=world.user("user"), text=f"K {number}")

    services.add_comment(target=solution, author=world.user("member"), text="Ich darf noch")

    assert Comment.objects.filter(author=world.user("member")).count() == 1


def test_comment_rate_limit_ends_after_the_window(world, solution, monkeypatch):
    import time

    start = time.time()
    monkeypatch.setattr(ratelimits.time, "time", lambda: start)
    for number in range(services.RATE_COUNT):
        services.add_comment(target=solution, author=world.user("user"), text=f"K {number}")
    with pytest.raises(services.ValidationError):
        services.add_comment(target=solution, author=world.user("user"), text="zu viel")

    monkeypatch.setattr(ratelimits.time, "time", lambda: start + services.RATE_WINDOW + 1)
    services.add_comment(target=solution, author=world.user("user"), text="wieder erlaubt")

    assert Comment.objects.count() == services.RATE_COUNT + 1


def test_comment_rate_limit_counts_in_the_shared_counter(world, solution):
    """Counted in the shared counter that core/ratelimits.py keeps."""
    author = world.user("user")
    services.add_comment(target=solution, author=author, text="Eins")
    services.add_comment(target=solution, author=author, text="Zwei")

    assert ratelimits.peek(f"comments:written:{author.pk}", services.RATE_WINDOW) == 2


def test_comment_rate_limit_message_says_how_long_to_wait(world, solution, monkeypatch):
    import time

    window_start = (int(time.time()) // services.RATE_WINDOW + 1) * services.RATE_WINDOW
    monkeypatch.setattr(ratelimits.time, "time", lambda: window_start + 30)
    for number in range(services.RATE_COUNT):
        services.add_comment(target=solution, author=world.user("user"), text=f"K {number}")

    with translation.override("en"), pytest.raises(services.ValidationError) as refused:
        services.add_comment(target=solution, author=world.user("user"), text="zu viel")

    assert refused.value.code == "rate_limited"
    assert "Please wait 10 minutes" in refused.value.messages[0]


# --- Rendering: plain text, escaped, safe links --------------------------------------------

SCRIPT_CORPUS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '"><script>alert(document.cookie)</script>',
    '<a href="javascript:alert(1)">klick</a>',
    "javascript:alert(1)",
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<b onmouseover=alert(1)>fett</b>",
    "http://example.org/<script>alert(1)</script>",
    'https://example.org/" onmouseover="alert(1)',
    "</textarea><script>alert(1)</script>",
    "{{ request.user }} {% csrf_token %}",
]


class _Elements(HTMLParser):
    """Every element and attribute in a piece of HTML."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


@pytest.mark.parametrize("text", SCRIPT_CORPUS)
def test_comment_text_never_renders_markup(text):
    html = str(comment_text(text))

    for tag, attrs in _elements(html):
        assert tag in {"p", "br", "a"}, html
        if tag == "a":
            assert set(attrs) == {"class", "rel", "href"}, html
            assert attrs["href"].startswith(("http://", "https://")), html
            assert attrs["rel"] == "nofollow noopener ugc"
        else:
            assert attrs == {}, html


@pytest.mark.parametrize("text", SCRIPT_CORPUS)
def test_comment_with_markup_is_stored_as_typed_and_shown_as_text(world, client_as, solution, text):
    client = client_as(world.user("user"))

    _post(client, solution, text)

    comment = Comment.objects.get()
    assert comment.text == text.strip()
    page = client.get(solution.get_absolute_url()).content.decode()
    section = page[page.index('id="kommentare"') :]
    assert "<script>alert" not in section
    assert 'onerror="alert' not in section
    assert "<iframe" not in section


def test_comment_text_links_addresses_safely():
    html = str(comment_text("Siehe https://www.digitale-doerfer.de/app und www.example.org."))

    assert (
        '<a class="kern-link" rel="nofollow noopener ugc" '
        'href="https://www.digitale-doerfer.de/app">https://www.digitale-doerfer.de/app</a>'
    ) in html
    assert 'href="http://www.example.org">www.example.org</a>.' in html


def test_comment_text_keeps_line_breaks_and_paragraphs():
    html = str(comment_text("Erste Zeile\nzweite Zeile\n\nNeuer Absatz"))

    assert html == "<p>Erste Zeile<br>zweite Zeile</p>\n\n<p>Neuer Absatz</p>"


def test_comment_text_escapes_tags_as_visible_text():
    html = str(comment_text("<b>fett</b> & mehr"))

    assert html == "<p>&lt;b&gt;fett&lt;/b&gt; &amp; mehr</p>"


# --- htmx ----------------------------------------------------------------------------------


def test_comment_by_htmx_answers_with_the_section(world, client_as, solution):
    client = client_as(world.user("user"))

    response = _post(client, solution, "Per htmx geschrieben", HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith("<section")
    assert "<html" not in content
    assert "Per htmx geschrieben" in content
    assert 'hx-post="' in content
    # The form is empty again after success.
    assert response.context["form"].data == {}


def test_comment_by_htmx_with_error_keeps_text_in_section(world, client_as, solution):
    response = _post(client_as(world.user("user")), solution, "x" * 3001, HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "x" * 3001 in content
    assert not Comment.objects.exists()


def test_comment_form_page_without_javascript(world, client_as, solution):
    response = client_as(world.user("user")).get(_create_url(solution))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="comment-text"' in content
    assert solution.title in content


def test_comment_by_htmx_from_anonymous_redirects_whole_page(world, client_as, solution):
    response = _post(client_as(None), solution, "Hallo", HTTP_HX_REQUEST="true")

    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("account_login"))


# --- Edit and delete own -------------------------------------------------------------------


def test_author_edits_own_comment(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("user"), text="Alt")
    client = client_as(world.user("user"))

    response = client.post(
        reverse("comments:edit", kwargs={"pk": comment.pk}), {"comment-text": "Neu"}
    )

    comment.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#kommentar-{comment.pk}")
    assert comment.text == "Neu"
    assert comment.edited_at is not None
    assert comment.status == CommentStatus.VISIBLE


def test_author_edit_with_empty_text_keeps_the_comment(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("user"), text="Alt")

    response = client_as(world.user("user")).post(
        reverse("comments:edit", kwargs={"pk": comment.pk}), {"comment-text": "  "}
    )

    comment.refresh_from_db()
    assert response.status_code == 200
    assert comment.text == "Alt"
    assert comment.edited_at is None


def test_other_person_may_not_edit_comment(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("member"), text="Alt")

    response = client_as(world.user("user")).post(
        reverse("comments:edit", kwargs={"pk": comment.pk}), {"comment-text": "Gehackt"}
    )

    comment.refresh_from_db()
    assert response.status_code == 403
    assert comment.text == "Alt"


def test_author_deletes_own_comment(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("user"))

    response = client_as(world.user("user")).post(
        reverse("comments:delete", kwargs={"pk": comment.pk})
    )

    assert response.status_code == 302
    assert response["Location"] == f"{solution.get_absolute_url()}#kommentare"
    assert not Comment.objects.exists()


def test_other_person_may_not_delete_comment(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("member"))

    response = client_as(world.user("contact")).post(
        reverse("comments:delete", kwargs={"pk": comment.pk})
    )

    assert response.status_code == 403
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_section_offers_edit_and_delete_only_on_own_comments(world, client_as, solution):
    own = CommentFactory(solution=solution, author=world.user("user"))
    other = CommentFactory(solution=solution, author=world.user("member"))

    page = client_as(world.user("user")).get(solution.get_absolute_url()).content.decode()

    assert reverse("comments:edit", kwargs={"pk": own.pk}) in page
    assert reverse("comments:delete", kwargs={"pk": own.pk}) in page
    assert reverse("comments:edit", kwargs={"pk": other.pk}) not in page
    assert reverse("comments:report", kwargs={"pk": other.pk}) in page
    assert reverse("comments:report", kwargs={"pk": own.pk}) not in page
