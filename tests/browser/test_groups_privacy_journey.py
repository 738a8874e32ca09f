"""A private working group's documents in a real browser: the lead uploads minutes
that contain a word found nowhere else in them; a member of the group finds them on
the documents page and in the search. A member of the same network who is not in
the group, and an anonymous visitor, get 404 for the documents page, the document
and its file, and the search does not find it for them, while it still finds a
public solution with the same word (so the search itself works for them).

The API (issue 6) does not exist yet; when it comes, this journey gets its step.

Each page on the way is checked by axe-core, for CSP violations, console errors
and requests to other hosts (see conftest.py). Button and link names come from
the German catalogue (see tests/browser/i18n.py).
"""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.i18n import de
from tests.browser.signin import sign_in, sign_out
from tests.browser.support import arrived
from tests.factories import NetworkFactory
from tests.knowledge.factories import SolutionFactory
from tests.workinggroups.factories import GroupMemberFactory, WorkingGroupFactory, person_in
from voneinander.workinggroups.models import Document

WORD = "Zaunkoenigplan"
DOCUMENT_TITLE = "Protokoll der Klausur"
MINUTES = (
    "Protokoll der Klausurtagung\n\n"
    f"1. Der {WORD} wird im Mai dem Gemeinderat vorgelegt.\n"
    "2. Nächstes Treffen im Juni.\n"
).encode()
SOLUTION_TITLE = f"{WORD} für Gemeindewiesen"


def _search(page, visit, word: str):
    visit(reverse("search:search") + f"?q={word}")
    return page.get_by_role("region", name=de("Results"))


def _nothing_private_for(page, visit, group, document):
    """The space is 404 and the search finds only the public solution."""
    for url in (
        reverse("workinggroups:documents", kwargs={"slug": group.slug}),
        reverse("workinggroups:document", kwargs={"slug": group.slug, "pk": document.pk}),
    ):
        visit(url, status=404)
        expect(page.get_by_role("main")).not_to_contain_text(DOCUMENT_TITLE)
    download = reverse(
        "workinggroups:version_download",
        kwargs={"slug": group.slug, "pk": document.pk, "number": 1},
    )
    file_response = page.request.get(download)
    assert file_response.status == 404
    assert WORD.encode() not in file_response.body()

    results = _search(page, visit, WORD)
    expect(results.get_by_role("article")).to_have_count(1)
    expect(results.get_by_role("link", name=SOLUTION_TITLE)).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text(DOCUMENT_TITLE)
    # Nor by the document's title.
    visit(reverse("search:search") + "?q=Klausur")
    expect(page.get_by_role("main").get_by_role("article")).to_have_count(0)
    expect(page.get_by_role("main")).not_to_contain_text(DOCUMENT_TITLE)


def test_private_documents_only_for_the_group(page, visit, browser_watch):
    network = NetworkFactory(name="Netzwerk Digitale Dörfer", short_name="DD", slug="dd")
    lead = person_in(network, email="leitung@example.org")
    group = WorkingGroupFactory(
        network=network,
        title="AG Smarte Dörfer (intern)",
        slug="smarte-doerfer-intern",
        is_private=True,
        lead=lead,
    )
    member = GroupMemberFactory(
        group=group, user=person_in(network, email="mitglied@example.org")
    ).user
    outsider = person_in(network, email="nachbarin@example.org")
    # Public content with the same word: the search must find this one for everyone.
    SolutionFactory(
        network=network,
        title=SOLUTION_TITLE,
        summary="Blühende Wiesen statt Rasen: ein Pflegeplan für Gemeindeflächen.",
    )
    browser_watch.expect_console_error(r"status of 404")

    # 1. The lead uploads the minutes to the group's documents.
    sign_in(page, lead.email)
    visit(reverse("workinggroups:documents", kwargs={"slug": group.slug}))
    page.get_by_role("main").get_by_role("link", name=de("Upload a document")).click()
    arrived(page, re.compile(r"/dokumente/hochladen/$"))
    page.locator("input[name='file']").set_input_files(
        {"name": "protokoll-klausur.txt", "mimeType": "text/plain", "buffer": MINUTES}
    )
    page.locator("input[name='title']").fill(DOCUMENT_TITLE)
    page.get_by_role("main").get_by_role("button", name=de("Upload")).click()
    arrived(page, re.compile(r"/dokumente/\d+/$"))
    document = Document.objects.get(group=group)
    expect(page).to_have_url(
        re.compile(
            rf"{reverse('workinggroups:document', kwargs={'slug': group.slug, 'pk': document.pk})}$"
        )
    )
    assert document.title == DOCUMENT_TITLE
    assert WORD in document.versions.get().text
    sign_out(page)

    # 2. A member of the group sees the document on the documents page and in the search.
    sign_in(page, member.email)
    visit(group.get_absolute_url())
    page.get_by_role("navigation", name=de("Sections of the working group")).get_by_role(
        "link", name=de("Documents")
    ).click()
    arrived(page, re.compile(r"/dokumente/$"))
    page.get_by_role("table").get_by_role("link", name=DOCUMENT_TITLE).click()
    arrived(page, re.compile(rf"/dokumente/{document.pk}/$"))
    download = page.locator("a[download]").first
    file_response = page.request.get(download.get_attribute("href"))
    assert file_response.status == 200
    assert file_response.body() == MINUTES
    results = _search(page, visit, WORD)
    expect(results.get_by_role("article")).to_have_count(2)
    expect(results.get_by_role("link", name=DOCUMENT_TITLE)).to_be_visible()
    expect(results.get_by_role("link", name=SOLUTION_TITLE)).to_be_visible()
    _search(page, visit, "Klausur")
    expect(results.get_by_role("link", name=DOCUMENT_TITLE)).to_be_visible()
    sign_out(page)

    # 3. A member of the network who is not in the group: the group, but nothing of its space.
    sign_in(page, outsider.email)
    visit(group.get_absolute_url())
    nav = page.get_by_role("navigation", name=de("Sections of the working group"))
    expect(nav.get_by_role("link", name=de("Documents"))).to_have_count(0)
    expect(page.get_by_role("main")).not_to_contain_text(DOCUMENT_TITLE)
    _nothing_private_for(page, visit, group, document)
    sign_out(page)

    # 4. Anonymous: not even the group.
    visit(group.get_absolute_url(), status=404)
    _nothing_private_for(page, visit, group, document)
