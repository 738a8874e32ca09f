"""News with a gallery and moderated comments in a real browser.

A coordinator writes a news item for her network, adds a gallery picture (first
without alternative text: a clear error, the other texts kept) and publishes it.
An anonymous visitor finds it in the news list, the gallery and the feed. A
signed-in person comments with HTML in the text, which is shown as typed and never
run; as the network pre-moderates comments, the coordinator approves it in the
moderation queue. A member reports the comment, the coordinator hides it with a
reason, and its author hears of it and sees the reason under the item.

Each page on the way is checked by axe-core (also after the htmx swap of the
comments section), for CSP violations, console errors and requests to other
hosts (see conftest.py). Labels come from the German catalogue where it has
them, otherwise the English msgid is what a visitor sees (`label()`), so the test
keeps working once the lead adds the translations.
"""

import io
import re
import time

import time_machine
from allauth.mfa import app_settings as mfa_settings
from defusedxml import ElementTree
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from tests.browser.i18n import label, label_text, starts_with
from tests.browser.signin import activate_totp, sign_in, sign_in_with_totp, sign_out
from tests.browser.support import arrived, check_a11y
from tests.factories import CoordinatorFactory, MembershipFactory, NetworkFactory, UserFactory
from tests.knowledge.factories import topic
from voneinander.audit.models import AuditEvent
from voneinander.comments.models import Comment, CommentReport, CommentStatus
from voneinander.news.models import NewsImage, NewsItem
from voneinander.questions.models import Notification

TITLE = "Mitfahrbänke in fünf Ortsgemeinden eingeweiht"
TEASER = "Seit Montag stehen in fünf Ortsgemeinden der Verbandsgemeinde neue Mitfahrbänke."
TEXT = (
    "Die Bänke stehen an den Ortsausgängen.\n\n## Wie es geht\n\n- Platz nehmen\n- **Ziel** zeigen"
)
ALT = "Eine rote Mitfahrbank mit Schild „Richtung Kirchheimbolanden“ am Ortsausgang"
CAPTION = "Die erste Mitfahrbank in Göllheim"
COMMENT = 'Prima Idee! <script>window.vnInjected = true</script> <b>fett</b> <img src="x">'
HIDE_REASON = "Der Kommentar enthält Programmcode statt eines Beitrags zum Thema."


def _png(width: int = 40, height: int = 30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _later(periods: int):
    """A clock some TOTP periods ahead, so the coordinator's next code is a new one."""
    return time_machine.travel(time.time() + periods * mfa_settings.TOTP_PERIOD, tick=True)


def _person_of(network, name: str, email: str, first_name: str, last_name: str):
    municipality = MembershipFactory(network=network, municipality__name=name).municipality
    return UserFactory(
        email=email,
        first_name=first_name,
        last_name=last_name,
        municipality=municipality,
        municipality_confirmed_at=timezone.now(),
    )


def test_publish_news_with_gallery_comment_and_moderate(page, visit, browser_watch):
    network = NetworkFactory(
        name="Netzwerk Digitale Dörfer", short_name="DD", slug="dd", comments_premoderated=True
    )
    coordinator = CoordinatorFactory(
        network=network, user__email="orga@example.org", user__first_name="Olga"
    ).user
    secret = activate_totp(coordinator)
    author = UserFactory(email="leser@example.org", first_name="Lars", last_name="Leser")
    member = _person_of(network, "Göllheim", "digital@goellheim.example.org", "Marta", "Muster")
    mobility = topic("mobilitaet")

    # 1. The coordinator writes the item as a draft.
    sign_in_with_totp(page, coordinator.email, secret)
    page.wait_for_load_state("load")
    visit(reverse("news:create"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(label("Write news"))
    main.locator("select[name='network']").select_option(network.slug)
    main.locator("input[name='title']").fill(TITLE)
    main.locator("textarea[name='teaser']").fill(TEASER)
    main.locator("textarea[name='text']").fill(TEXT)
    main.get_by_role("checkbox", name=mobility.name, exact=True).check()
    main.get_by_role("button", name=label("Save as draft")).click()

    arrived(page, re.compile(r"/aktuelles/[a-z0-9-]+/$"))
    item = NewsItem.objects.get(title=TITLE)
    detail_url = reverse("news:detail", kwargs={"slug": item.slug})
    expect(page).to_have_url(re.compile(rf"{detail_url}$"))
    assert (item.network, item.author, item.published_at) == (network, coordinator, None)
    assert list(item.topics.all()) == [mobility]
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main).to_contain_text(label_text("This is a draft."))
    # The Markdown is rendered (its headings below the page's own).
    expect(main.get_by_role("heading", name="Wie es geht")).to_be_visible()
    expect(main.get_by_role("listitem").filter(has_text="Platz nehmen")).to_be_visible()

    # 2. A gallery picture: first without alternative text, which is refused clearly.
    main.get_by_role("link", name=label("Pictures")).click()
    images_url = reverse("news:images", kwargs={"slug": item.slug})
    arrived(page, re.compile(rf"{images_url}$"))
    main = page.get_by_role("main")
    expect(main).to_contain_text(label_text("The item has no pictures yet."))
    png = _png()
    upload = {"name": "mitfahrbank.png", "mimeType": "image/png", "buffer": png}
    main.locator("input[name='file']").set_input_files(files=[upload])
    main.locator("input[name='caption']").fill(CAPTION)
    browser_watch.expect_console_error(r"status of 400")
    main.get_by_role("button", name=label("Upload")).click()

    summary = page.get_by_role("alert").filter(has_text=label_text("Please correct the following"))
    expect(summary).to_contain_text(
        label_text("Please describe the picture for people who cannot see it (alternative text).")
    )
    expect(page).to_have_title(re.compile(rf"^{re.escape(label_text('Error:'))}"))
    main = page.get_by_role("main")
    expect(main.locator("[name='alt_text']")).to_have_attribute("aria-invalid", "true")
    expect(main.locator("input[name='caption']")).to_have_value(CAPTION)
    check_a11y(page, "picture form with errors")
    assert not NewsImage.objects.exists()

    # A browser cannot keep a chosen file: choose it again, now with alternative text.
    main.locator("input[name='file']").set_input_files(files=[upload])
    main.locator("[name='alt_text']").fill(ALT)
    main.get_by_role("button", name=label("Upload")).click()

    arrived(page, re.compile(rf"{images_url}$"))
    expect(page.get_by_role("status")).to_contain_text(label_text("The picture has been added."))
    row = page.get_by_role("main").get_by_role("table").get_by_role("row").filter(has_text=ALT)
    expect(row).to_contain_text(CAPTION)
    image = NewsImage.objects.get(news=item)
    assert (image.alt_text, image.caption, image.content_type) == (ALT, CAPTION, "image/png")
    assert (image.width, image.height) == (40, 30)

    # 3. Published now.
    page.get_by_role("main").get_by_role("link", name=label("Back to the news item")).click()
    arrived(page, re.compile(rf"{detail_url}$"))
    page.get_by_role("main").get_by_role("link", name=label("Publish")).click()
    arrived(page, re.compile(rf"{reverse('news:publication', kwargs={'slug': item.slug})}$"))
    page.get_by_role("main").get_by_role("button", name=label("Publish now")).click()
    arrived(page, re.compile(rf"{detail_url}$"))
    expect(page.get_by_role("status")).to_contain_text(TITLE)
    expect(page.get_by_role("main")).not_to_contain_text(label_text("This is a draft."))
    item.refresh_from_db()
    assert item.is_published
    assert AuditEvent.objects.filter(action="news.published", target_id=str(item.pk)).exists()
    sign_out(page)

    # 4. An anonymous visitor finds it in the list, sees the gallery and the feed.
    visit(reverse("news:list"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(label("News"))
    teaser = main.get_by_role("article").filter(has_text=TITLE)
    expect(teaser).to_contain_text(TEASER)
    expect(teaser.get_by_role("img", name=ALT)).to_be_visible()
    teaser.get_by_role("link", name=TITLE).click()

    arrived(page, re.compile(rf"{detail_url}$"))
    main = page.get_by_role("main")
    figure = main.get_by_role("figure").filter(has_text=CAPTION)
    picture = figure.get_by_role("img", name=ALT)
    picture.scroll_into_view_if_needed()
    expect(picture).to_have_js_property("naturalWidth", 40)  # served and decoded
    expect(main.get_by_role("link", name=label("Publish"))).to_have_count(0)
    section = main.locator("#kommentare")
    expect(section.get_by_role("link", name=label("Sign in to comment."))).to_be_visible()

    feed_url = page.locator("link[rel='alternate'][type='application/atom+xml']").get_attribute(
        "href"
    )
    assert feed_url == reverse("news:network_feed_atom", kwargs={"slug": network.slug})
    for url in (feed_url, reverse("news:feed_atom")):
        response = page.request.get(url)
        assert response.ok, url
        atom = "{http://www.w3.org/2005/Atom}"
        entries = ElementTree.fromstring(response.body()).findall(f"{atom}entry")
        [entry] = [e for e in entries if e.findtext(f"{atom}title") == TITLE]
        assert entry.find(f"{atom}link").get("href").endswith(detail_url)
    rss = page.request.get(reverse("news:feed_rss"))
    assert rss.ok
    assert TITLE in [e.findtext("title") for e in ElementTree.fromstring(rss.body()).iter("item")]

    # 5. A signed-in person comments; HTML in the text is shown as typed, never run.
    sign_in(page, author.email)
    visit(detail_url)
    section = page.get_by_role("main").locator("#kommentare")
    expect(section).to_contain_text(
        label_text("Comments here are checked by a coordinator before others see them.")
    )
    section.locator("textarea[name='comment-text']").fill(COMMENT)
    section.get_by_role("button", name=label("Publish comment")).click()

    # htmx swaps the section: the notice, and the comment marked as awaiting moderation.
    section = page.get_by_role("main").locator("#kommentare")
    expect(section.get_by_role("status")).to_contain_text(
        label_text(
            "Thank you. Your comment awaits moderation: others see it once a coordinator "
            "has approved it."
        )
    )
    comment = Comment.objects.get(news=item)
    assert (comment.author, comment.text, comment.status) == (
        author,
        COMMENT,
        CommentStatus.PENDING,
    )
    own = section.locator(f"#kommentar-{comment.pk}")
    expect(own).to_contain_text(label_text("Awaiting moderation"))
    expect(own.locator(".vn-comment__text")).to_have_text(COMMENT)
    expect(own.locator("script, b, img")).to_have_count(0)
    assert page.evaluate("() => window.vnInjected") is None
    expect(section.locator("textarea[name='comment-text']")).to_have_value("")
    check_a11y(page, "comments section after writing")
    sign_out(page)

    # 6. The coordinator is told, and approves the comment in the moderation queue.
    assert Notification.objects.filter(user=coordinator, kind="comments.pending").exists()
    with _later(1):
        sign_in_with_totp(page, coordinator.email, secret)
        page.wait_for_load_state("load")
        visit(reverse("comments:queue"))
        main = page.get_by_role("main")
        expect(main.get_by_role("heading", level=1)).to_have_text(label("Moderation of comments"))
        queued = main.locator(f"#kommentar-{comment.pk}")
        expect(queued).to_contain_text(author.display_name)
        expect(queued.get_by_role("link", name=TITLE)).to_be_visible()
        expect(queued.locator(".vn-comment__text")).to_have_text(COMMENT)
        approve = starts_with("Approve", "comment moderation", word=True)
        queued.get_by_role("button", name=approve).click()

        arrived(page, re.compile(rf"{reverse('comments:queue')}$"))
        expect(page.get_by_role("status")).to_contain_text(label_text("The comment is shown."))
        expect(page.get_by_role("main")).to_contain_text(label_text("Nothing to check. Thank you!"))
        comment.refresh_from_db()
        assert comment.status == CommentStatus.VISIBLE
        assert comment.moderated_by == coordinator
        sign_out(page)

    # 7. A member reads the comment (as typed) and reports it.
    sign_in(page, member.email)
    visit(detail_url)
    shown = page.get_by_role("main").locator(f"#kommentar-{comment.pk}")
    expect(shown.locator(".vn-comment__text")).to_have_text(COMMENT)
    expect(shown).not_to_contain_text(label_text("Awaiting moderation"))
    shown.get_by_role("link", name=starts_with("Report", word=True)).click()

    report_url = reverse("comments:report", kwargs={"pk": comment.pk})
    arrived(page, re.compile(rf"{report_url}$"))
    main = page.get_by_role("main")
    main.locator("textarea[name='reason']").fill("Das ist Programmcode, kein Beitrag.")
    main.get_by_role("button", name=label("Report comment")).click()

    arrived(page, re.compile(rf"{detail_url}#kommentar-{comment.pk}$"))
    expect(page.get_by_role("status")).to_contain_text(
        label_text("Thank you. The moderators will look at the comment you reported.")
    )
    report = CommentReport.objects.get(comment=comment)
    assert (report.reporter, report.resolved_at) == (member, None)
    sign_out(page)

    # 8. The coordinator hides the reported comment with a reason.
    with _later(2):
        sign_in_with_totp(page, coordinator.email, secret)
        page.wait_for_load_state("load")
        visit(reverse("comments:queue"))
        queued = page.get_by_role("main").locator(f"#kommentar-{comment.pk}")
        expect(queued).to_contain_text("Das ist Programmcode, kein Beitrag.")
        expect(queued).to_contain_text(member.display_name)
        queued.locator(f"textarea[name='hide-{comment.pk}-reason']").fill(HIDE_REASON)
        queued.get_by_role("button", name=starts_with("Hide", word=True)).click()

        arrived(page, re.compile(rf"{reverse('comments:queue')}$"))
        expect(page.get_by_role("status")).to_contain_text(
            label_text("The comment is hidden; its author has been told why.")
        )
        comment.refresh_from_db()
        assert (comment.status, comment.hidden_reason) == (CommentStatus.HIDDEN, HIDE_REASON)
        report.refresh_from_db()
        assert report.resolved_at is not None
        sign_out(page)

    # Others no longer see it.
    visit(detail_url)
    expect(page.get_by_role("main").locator(f"#kommentar-{comment.pk}")).to_have_count(0)

    # 9. The author is told and sees the reason under the item.
    sign_in(page, author.email)
    visit(reverse("notifications:list"))
    told = page.get_by_role("main").get_by_role("link", name=re.compile(re.escape(HIDE_REASON)))
    expect(told).to_contain_text(TITLE)
    told.click()

    arrived(page, re.compile(rf"{detail_url}(#kommentar-{comment.pk})?$"))
    own = page.get_by_role("main").locator(f"#kommentar-{comment.pk}")
    expect(own).to_contain_text(label_text("Hidden"))
    expect(own).to_contain_text(HIDE_REASON)
    expect(own.locator(".vn-comment__text")).to_have_text(COMMENT)
    expect(own.get_by_role("link", name=starts_with("Edit", word=True))).to_have_count(0)
    sign_out(page)
