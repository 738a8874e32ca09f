"""The brokering pages: ask, inbox, my requests, request page, suggest, consent, outcome."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext

from tests.factories import ContactPersonFactory, MembershipFactory, UserFactory
from tests.knowledge.factories import (
    AllianceFactory,
    ContactRequestFactory,
    IntroductionFactory,
    SolutionFactory,
    topic,
)
from voneinander.knowledge import brokering_services as services
from voneinander.knowledge.matching import match_challenge
from voneinander.knowledge.models import (
    Alliance,
    ConsentState,
    ContactRequest,
    Introduction,
    Outcome,
    RequestKind,
    RequestStatus,
    SolutionVisibility,
)
from voneinander.search.services import reindex

CHALLENGE = "Wir suchen eine digitale Terminvergabe für unser Bürgerbüro."
ASK = reverse("knowledge:brokering_ask", kwargs={"slug": "alpha"})
INBOX = reverse("knowledge:brokering_inbox", kwargs={"slug": "alpha"})
MINE = reverse("knowledge:brokering_mine")


def _de(message: str, **params) -> str:
    with translation.override("de"):
        return gettext(message) % params if params else gettext(message)


def _url(name, **kwargs):
    return reverse(f"knowledge:{name}", kwargs=kwargs)


@pytest.fixture
def helper(world):
    membership = MembershipFactory(network=world.network, municipality__name="Neustadt")
    return ContactPersonFactory(
        membership=membership,
        user__email="neustadt@example.org",
        user__first_name="Nora",
        user__last_name="Neumann",
    ).user


@pytest.fixture
def contact_request(world):
    return ContactRequestFactory(
        network=world.network,
        requester=world.user("member"),
        municipality=world.membership.municipality,
        challenge=CHALLENGE,
    )


@pytest.fixture
def introduction(world, contact_request, helper):
    return services.suggest_introduction(
        contact_request=contact_request, by=world.user("coordinator"), contact=helper
    )


# --- Asking ----------------------------------------------------------------------------------


def test_ask_page_creates_the_request_and_shows_it(world, client_as):
    mail.outbox.clear()
    client = client_as(world.user("member"))
    page = client.get(ASK).content.decode()
    assert 'name="challenge"' in page
    assert f'value="{topic("mobilitaet").pk}"' in page
    response = client.post(
        ASK, {"kind": "expert", "challenge": CHALLENGE, "topics": [topic("mobilitaet").pk]}
    )
    contact_request = ContactRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("brokering_request", pk=contact_request.pk)
    assert (contact_request.kind, contact_request.requester) == (
        RequestKind.EXPERT,
        world.user("member"),
    )
    assert list(contact_request.topics.all()) == [topic("mobilitaet")]
    assert len(mail.outbox) == 2  # both coordinators of alpha
    detail = client.get(response["Location"]).content.decode()
    assert escape(CHALLENGE) in detail


def test_ask_without_a_challenge_keeps_the_input_and_says_why(world, client_as):
    response = client_as(world.user("member")).post(
        ASK, {"kind": "contact", "challenge": "   ", "topics": [topic("bildung").pk]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-error-summary" in page
    assert re.search(rf'value="{topic("bildung").pk}"[^>]*checked', page)
    assert not ContactRequest.objects.exists()


def test_ask_without_a_confirmed_affiliation_is_a_form_error(world, client_as):
    response = client_as(world.user("coordinator")).post(
        ASK, {"kind": "contact", "challenge": CHALLENGE}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-error-summary" in page
    assert escape(CHALLENGE) in page
    assert not ContactRequest.objects.exists()


# --- Inbox and lists ------------------------------------------------------------------------


def test_inbox_lists_the_network_requests_and_filters_by_status(world, client_as, contact_request):
    closed = ContactRequestFactory(
        network=world.network, status=RequestStatus.CLOSED, challenge="Alte Anfrage zu Parkplätzen"
    )
    ContactRequestFactory(network=world.other_network, challenge="Beta-Anfrage zur Schule")
    client = client_as(world.user("coordinator"))
    page = client.get(INBOX).content.decode()
    assert _url("brokering_request", pk=contact_request.pk) in page
    assert _url("brokering_request", pk=closed.pk) in page
    assert "Beta-Anfrage" not in page
    active = client.get(INBOX, {"status": "active"}).content.decode()
    assert _url("brokering_request", pk=contact_request.pk) in active
    assert _url("brokering_request", pk=closed.pk) not in active
    only_closed = client.get(INBOX, {"status": "closed"}).content.decode()
    assert _url("brokering_request", pk=contact_request.pk) not in only_closed
    assert _url("brokering_request", pk=closed.pk) in only_closed
    # An unknown status is a form error, not a 500; the whole list is shown.
    wrong = client.get(INBOX, {"status": "gibt-es-nicht"})
    assert wrong.status_code == 200
    assert _url("brokering_request", pk=closed.pk) in wrong.content.decode()


def _queries(client, url) -> int:
    client.get(url)  # warm up sessions and caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_inbox_query_count_does_not_grow(world, client_as):
    def add_request():
        contact_request = ContactRequestFactory(network=world.network)
        IntroductionFactory(request=contact_request, introduced_at=timezone.now())
        IntroductionFactory(request=contact_request)

    client = client_as(world.user("coordinator"))
    add_request()
    with_one = _queries(client, INBOX)
    for _ in range(5):
        add_request()
    assert _queries(client, INBOX) == with_one
    assert client.get(INBOX).content.decode().count("/vermittlung/anfrage/") == 6


def test_my_requests_query_count_does_not_grow(world, client_as):
    def add_rows():
        ContactRequestFactory(network=world.network, requester=world.user("contact"))
        IntroductionFactory(contact=world.user("contact"), contact_consent=ConsentState.ASKED)

    client = client_as(world.user("contact"))
    add_rows()
    with_one = _queries(client, MINE)
    for _ in range(5):
        add_rows()
    assert _queries(client, MINE) == with_one
    page = client.get(MINE).content.decode()
    assert page.count("/vermittlung/anfrage/") == 6
    assert page.count("/vermittlung/vorschlag/") == 12  # waiting for an answer, and all


def test_request_page_query_count_does_not_grow_with_suggestions(world, client_as, contact_request):
    def suggest():
        IntroductionFactory(
            request=contact_request,
            municipality=MembershipFactory(network=world.network).municipality,
            solution=SolutionFactory(network=world.network),
            introduced_at=timezone.now(),
            alliance=AllianceFactory(network=world.network),
        )

    client = client_as(world.user("coordinator"))
    url = _url("brokering_request", pk=contact_request.pk)
    suggest()
    with_one = _queries(client, url)
    for _ in range(4):
        suggest()
    assert _queries(client, url) == with_one
    assert client.get(url).content.decode().count('class="vn-callout vn-flow"') == 5


def test_my_requests_shows_own_requests_only(world, client_as, contact_request):
    foreign = ContactRequestFactory(network=world.network)
    page = client_as(world.user("member")).get(MINE).content.decode()
    assert _url("brokering_request", pk=contact_request.pk) in page
    assert _url("brokering_request", pk=foreign.pk) not in page


# --- The request page and suggestions ----------------------------------------------------------


def test_request_page_offers_matches_and_the_manual_choice_to_coordinators(
    world, client_as, contact_request, helper
):
    solution = SolutionFactory(
        network=world.network,
        owner=helper.contact_roles.get().membership.municipality,
        title="Digitale Terminvergabe im Bürgerbüro",
        summary=CHALLENGE,
        contact=helper,
    )
    reindex(kind="solution", ids=[solution.pk])  # the index is written after commits
    client = client_as(world.user("coordinator"))
    page = client.get(_url("brokering_request", pk=contact_request.pk)).content.decode()
    assert _url("brokering_suggest", pk=contact_request.pk) + '"' in page
    matches = match_challenge(
        text=CHALLENGE, user=world.user("coordinator"), municipality=contact_request.municipality
    )
    assert [match.solution for match in matches] == [solution]
    assert helper in matches[0].contacts
    link = f"?contact={helper.pk}&amp;solution={solution.pk}"
    assert link in page
    # The link pre-fills the suggestion form.
    form = client.get(
        _url("brokering_suggest", pk=contact_request.pk),
        {"contact": helper.pk, "solution": solution.pk},
    ).content.decode()
    assert f'<option value="{helper.pk}" selected>' in form
    assert f'<option value="{solution.pk}" selected>' in form


def test_request_page_for_the_requester_has_no_brokering_tools(world, client_as, contact_request):
    page = (
        client_as(world.user("member"))
        .get(_url("brokering_request", pk=contact_request.pk))
        .content.decode()
    )
    assert _url("brokering_suggest", pk=contact_request.pk) not in page
    assert _url("brokering_withdraw", pk=contact_request.pk) in page
    assert _url("brokering_close", pk=contact_request.pk) in page


def test_suggest_page_lists_candidates_without_addresses(world, client_as, contact_request, helper):
    solution = SolutionFactory(
        network=world.network,
        title="Dorf-Funk",
        contact=UserFactory(
            email="solution-contact@example.org", first_name="Sol", last_name="Kontakt"
        ),
    )
    client = client_as(world.user("coordinator"))
    url = _url("brokering_suggest", pk=contact_request.pk)
    page = client.get(url, {"contact": helper.pk, "solution": solution.pk}).content.decode()
    assert re.search(rf'<option value="{helper.pk}" selected>Nora Neumann \(Neustadt\)', page)
    assert re.search(rf'<option value="{solution.pk}" selected>Dorf-Funk', page)
    assert "Sol Kontakt" in page
    assert "@example.org" not in page.split('name="contact"')[1].split("</select>")[0]
    # The person who asked is not offered.
    contact_select = page.split('name="contact"')[1].split("</select>")[0]
    assert f'<option value="{world.user("member").pk}"' not in contact_select


def test_suggest_posts_a_candidate_and_asks_both_sides(world, client_as, contact_request, helper):
    mail.outbox.clear()
    response = client_as(world.user("coordinator")).post(
        _url("brokering_suggest", pk=contact_request.pk),
        {"contact": helper.pk, "note": "Neustadt hat Erfahrung."},
    )
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert (introduction.contact, introduction.note) == (helper, "Neustadt hat Erfahrung.")
    assert sorted(message.to[0] for message in mail.outbox) == [
        "member@example.org",
        "neustadt@example.org",
    ]


def test_suggest_an_expert_by_e_mail(world, client_as, contact_request):
    expert = UserFactory(email="expertin@example.org")
    response = client_as(world.user("coordinator")).post(
        _url("brokering_suggest", pk=contact_request.pk), {"email": "Expertin@Example.org"}
    )
    assert response.status_code == 302
    assert Introduction.objects.get().contact == expert


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "niemand@example.org"},
        {"email": "kein-e-mail"},
        {"contact": "999999"},
        {"contact": "HELPER", "email": "user@example.org"},
        {"contact": "HELPER", "solution": "999999"},
    ],
)
def test_suggest_with_bad_input_is_a_form_error(world, client_as, contact_request, helper, data):
    data = {key: str(helper.pk) if value == "HELPER" else value for key, value in data.items()}
    response = client_as(world.user("coordinator")).post(
        _url("brokering_suggest", pk=contact_request.pk), {**data, "note": "Meine Notiz"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-error-summary" in page
    assert "Meine Notiz" in page
    assert not Introduction.objects.exists()


def test_suggest_with_a_solution_the_contact_may_not_see_is_a_field_error(
    world, client_as, contact_request
):
    internal = SolutionFactory(
        network=world.network, title="Interne Termin-App", visibility=SolutionVisibility.NETWORK
    )
    UserFactory(email="expertin@example.org", first_name="Eva", last_name="Expertin")
    response = client_as(world.user("coordinator")).post(
        _url("brokering_suggest", pk=contact_request.pk),
        {"email": "expertin@example.org", "solution": internal.pk, "note": "Meine Notiz"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        escape(
            _de(
                "%(name)s may not see “%(title)s” (it is for members of its network only, "
                "or archived). Please choose another solution or none.",
                name="Eva Expertin",
                title="Interne Termin-App",
            )
        )
        in page
    )
    assert re.search(r'<select name="solution"[^>]*aria-invalid="true"', page)
    assert "Meine Notiz" in page
    assert not Introduction.objects.exists()


def test_suggest_the_same_person_again_is_a_field_error(world, client_as, introduction, helper):
    response = client_as(world.user("coordinator")).post(
        _url("brokering_suggest", pk=introduction.request_id), {"contact": helper.pk}
    )
    assert response.status_code == 200
    assert "data-error-summary" in response.content.decode()
    assert Introduction.objects.count() == 1


def test_suggest_page_for_an_ended_request_offers_no_form(world, client_as, contact_request):
    ContactRequest.objects.filter(pk=contact_request.pk).update(status=RequestStatus.CLOSED)
    page = (
        client_as(world.user("coordinator"))
        .get(_url("brokering_suggest", pk=contact_request.pk))
        .content.decode()
    )
    assert 'name="note"' not in page


# --- Consent and privacy ---------------------------------------------------------------------


def _pages_before_introduction(client_as, world, introduction, helper):
    pages = {
        "contact": client_as(helper).get(_url("brokering_introduction", pk=introduction.pk)),
        "requester": client_as(world.user("member")).get(
            _url("brokering_introduction", pk=introduction.pk)
        ),
        "request": client_as(world.user("member")).get(
            _url("brokering_request", pk=introduction.request_id)
        ),
        "coordinator": client_as(world.user("coordinator")).get(
            _url("brokering_request", pk=introduction.request_id)
        ),
        "mine": client_as(helper).get(MINE),
    }
    return {name: response.content.decode() for name, response in pages.items()}


def test_no_address_is_shown_before_both_agreed(world, client_as, introduction, helper):
    services.answer_introduction(introduction=introduction, by=helper, agree=True)
    for name, page in _pages_before_introduction(client_as, world, introduction, helper).items():
        assert "neustadt@example.org" not in page, name
        if name != "coordinator":
            assert "member@example.org" not in page, name
    contact_page = client_as(helper).get(_url("brokering_introduction", pk=introduction.pk))
    assert escape(CHALLENGE) in contact_page.content.decode()


def test_requester_learns_who_was_suggested_only_with_the_introduction(
    world, client_as, introduction, helper
):
    helper.position = "Leiterin Bürgerbüro"
    helper.save()
    services.answer_introduction(introduction=introduction, by=helper, agree=True)
    pages = _pages_before_introduction(client_as, world, introduction, helper)
    label = _de("a contact person of %(municipality)s", municipality="Neustadt")
    for name in ("requester", "request"):
        assert "Nora Neumann" not in pages[name], name
        assert "Leiterin Bürgerbüro" not in pages[name], name
        assert capfirst(label) in pages[name], name
    assert "Nora Neumann" in pages["coordinator"]

    services.answer_introduction(introduction=introduction, by=world.user("member"), agree=True)
    after = client_as(world.user("member")).get(
        _url("brokering_request", pk=introduction.request_id)
    )
    assert "Nora Neumann, Leiterin Bürgerbüro" in after.content.decode()


def test_requester_sees_an_unnamed_expert_without_the_address(world, client_as, contact_request):
    expert = UserFactory(email="geheim.person@example.org", first_name="", last_name="")
    introduction = services.suggest_introduction(
        contact_request=contact_request, by=world.user("coordinator"), contact=expert
    )
    requester = client_as(world.user("member"))
    pages = [
        requester.get(_url("brokering_request", pk=contact_request.pk)).content.decode(),
        requester.get(_url("brokering_introduction", pk=introduction.pk)).content.decode(),
    ]
    message = mail.outbox[-1]
    assert message.to == ["member@example.org"]
    for page in [*pages, message.subject + message.body]:
        assert "geheim.person" not in page
        assert capfirst(_de("an expert")) in page


def test_consent_through_the_pages_introduces_both(world, client_as, introduction, helper):
    mail.outbox.clear()
    client = client_as(helper)
    url = _url("brokering_introduction", pk=introduction.pk)
    page = client.get(url).content.decode()
    assert 'name="answer" value="agree"' in page
    assert client.post(url, {"answer": "agree"}).status_code == 302
    assert mail.outbox == []
    # The person who asked answers from the request page's buttons.
    requester = client_as(world.user("member"))
    request_page = requester.get(_url("brokering_request", pk=introduction.request_id))
    assert f'action="{url}"' in request_page.content.decode()
    assert requester.post(url, {"answer": "agree"}).status_code == 302
    (message,) = mail.outbox
    assert sorted(message.to) == ["member@example.org", "neustadt@example.org"]
    # Now both pages show the other side's address.
    assert "member@example.org" in client_as(helper).get(url).content.decode()
    assert "neustadt@example.org" in client_as(world.user("member")).get(url).content.decode()


def test_declining_through_the_page(world, client_as, introduction, helper):
    mail.outbox.clear()
    url = _url("brokering_introduction", pk=introduction.pk)
    response = client_as(helper).post(url, {"answer": "decline"})
    assert response.status_code == 302
    assert Introduction.objects.get().contact_consent == ConsentState.REFUSED
    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]
    assert 'name="answer"' not in client_as(helper).get(url).content.decode()


def test_answering_twice_through_the_page_shows_a_message(world, client_as, introduction, helper):
    url = _url("brokering_introduction", pk=introduction.pk)
    client = client_as(helper)
    client.post(url, {"answer": "agree"})
    response = client.post(url, {"answer": "decline"}, follow=True)
    assert response.status_code == 200
    assert Introduction.objects.get().contact_consent == ConsentState.GIVEN
    assert "kern-alert--danger" in response.content.decode()


def test_answer_without_a_choice_changes_nothing(world, client_as, introduction, helper):
    url = _url("brokering_introduction", pk=introduction.pk)
    response = client_as(helper).post(url, {"answer": "vielleicht"}, follow=True)
    assert "kern-alert--danger" in response.content.decode()
    assert Introduction.objects.get().contact_consent == ConsentState.ASKED


def test_the_link_in_the_mail_leads_through_the_login(world, client, introduction):
    url = _url("brokering_introduction", pk=introduction.pk)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- Ending and outcome -----------------------------------------------------------------------


def test_withdraw_through_the_page(world, client_as, introduction):
    client = client_as(world.user("member"))
    response = client.post(_url("brokering_withdraw", pk=introduction.request_id))
    assert response.status_code == 302
    assert ContactRequest.objects.get().status == RequestStatus.WITHDRAWN
    # A second click only brings a message.
    again = client.post(_url("brokering_withdraw", pk=introduction.request_id), follow=True)
    assert "kern-alert--danger" in again.content.decode()
    assert ContactRequest.objects.get().status == RequestStatus.WITHDRAWN


def test_close_through_the_page(world, client_as, contact_request):
    response = client_as(world.user("coordinator")).post(
        _url("brokering_close", pk=contact_request.pk), {"note": "Kontakt kam zustande."}
    )
    assert response.status_code == 302
    closed = ContactRequest.objects.get()
    assert (closed.status, closed.outcome_note) == (RequestStatus.CLOSED, "Kontakt kam zustande.")


def test_close_with_a_too_long_note_changes_nothing(world, client_as, contact_request):
    response = client_as(world.user("coordinator")).post(
        _url("brokering_close", pk=contact_request.pk), {"note": "x" * 5000}, follow=True
    )
    assert "kern-alert--danger" in response.content.decode()
    assert ContactRequest.objects.get().status == RequestStatus.OPEN


@pytest.fixture
def introduced(world, introduction, helper):
    services.answer_introduction(introduction=introduction, by=helper, agree=True)
    services.answer_introduction(introduction=introduction, by=world.user("member"), agree=True)
    return introduction


def test_outcome_page_records_a_joint_project_with_a_new_alliance(world, client_as, introduced):
    url = _url("brokering_outcome", pk=introduced.request_id, introduction_pk=introduced.pk)
    client = client_as(world.user("coordinator"))
    assert 'value="joint_project"' in client.get(url).content.decode()
    response = client.post(
        url, {"outcome": "joint_project", "new_alliance_title": "Termin-Allianz"}
    )
    assert response.status_code == 302
    alliance = Alliance.objects.get()
    assert sorted(alliance.partners.values_list("name", flat=True)) == ["Altstadt", "Neustadt"]
    introduced.refresh_from_db()
    assert (introduced.outcome, introduced.alliance) == (Outcome.JOINT_PROJECT, alliance)
    page = client.get(_url("brokering_request", pk=introduced.request_id)).content.decode()
    assert _url("alliance", slug=alliance.slug) in page


def test_outcome_page_lets_only_coordinators_link_alliances(world, client_as, introduced):
    theirs = AllianceFactory(network=world.network, title="Mit Altstadt")
    theirs.partner_links.create(municipality=world.membership.municipality)
    url = _url("brokering_outcome", pk=introduced.request_id, introduction_pk=introduced.pk)
    page = client_as(world.user("member")).get(url).content.decode()
    assert 'name="alliance"' not in page and 'name="new_alliance_title"' not in page
    assert "Mit Altstadt" not in page
    coordinator_page = client_as(world.user("coordinator")).get(url).content.decode()
    assert 'name="new_alliance_title"' in coordinator_page and "Mit Altstadt" in coordinator_page
    # The person who asked records the outcome only; posted alliance fields change nothing.
    response = client_as(world.user("member")).post(
        url,
        {"outcome": "joint_project", "alliance": theirs.pk, "new_alliance_title": "Eigene"},
    )
    assert response.status_code == 302
    introduced.refresh_from_db()
    assert (introduced.outcome, introduced.alliance) == (Outcome.JOINT_PROJECT, None)
    assert list(Alliance.objects.values_list("title", flat=True)) == ["Mit Altstadt"]
    assert list(theirs.partners.values_list("name", flat=True)) == ["Altstadt"]


def test_outcome_joint_project_without_alliance_is_a_form_error(world, client_as, introduced):
    url = _url("brokering_outcome", pk=introduced.request_id, introduction_pk=introduced.pk)
    response = client_as(world.user("coordinator")).post(url, {"outcome": "joint_project"})
    assert response.status_code == 200
    assert "data-error-summary" in response.content.decode()
    assert Introduction.objects.get().outcome == ""


def test_outcome_page_before_the_introduction_sends_back(world, client_as, introduction):
    url = _url("brokering_outcome", pk=introduction.request_id, introduction_pk=introduction.pk)
    response = client_as(world.user("coordinator")).get(url)
    assert response.status_code == 302
    assert response["Location"] == _url("brokering_request", pk=introduction.request_id)


def test_outcome_page_of_another_request_is_a_404(world, client_as, introduced, contact_request):
    other = ContactRequestFactory(network=world.network, requester=world.user("member"))
    url = _url("brokering_outcome", pk=other.pk, introduction_pk=introduced.pk)
    assert client_as(world.user("coordinator")).get(url).status_code == 404
