"""Mentions: `@Vorname.Nachname`, members of the network only, highlighted when shown."""

from types import SimpleNamespace

from django.urls import reverse

from tests.factories import UserFactory
from tests.questions.factories import QuestionFactory, member_of
from voneinander.questions.mentions import handle_of, handles_in, render_post, resolve
from voneinander.questions.models import Answer, Notification, Question


def _person(pk, first, last):
    return SimpleNamespace(
        pk=pk, first_name=first, last_name=last, display_name=f"{first} {last}".strip()
    )


JONAS = _person(1, "Jonas", "Becker")
JUERGEN = _person(2, "Jürgen", "Müller")
ANNA = _person(3, "Anna Lena", "Schmidt-Weber")
NAMELESS = _person(4, "", "")


def test_handle_of_joins_names_with_a_dot():
    assert handle_of(JONAS) == "Jonas.Becker"
    assert handle_of(ANNA) == "Anna-Lena.Schmidt-Weber"
    assert handle_of(NAMELESS) == ""


def test_handles_in_finds_mentions_but_not_email_addresses():
    text = "Frag @Jonas.Becker. Oder info@jonas.becker.de, @Jonas.Becker und @nur"
    assert handles_in(text) == ["Jonas.Becker"]


def test_resolve_matches_case_and_transliteration():
    people, unmatched = resolve(
        "@jonas.becker @Juergen.Mueller @Anna-Lena.Schmidt-Weber @Max.Muster",
        [JONAS, JUERGEN, ANNA, NAMELESS],
    )
    assert people == [JONAS, JUERGEN, ANNA]
    assert unmatched == ["Max.Muster"]


def test_resolve_strips_a_trailing_word_after_a_dot():
    people, _unmatched = resolve("Danke @Jonas.Becker.Bis bald", [JONAS])
    assert people == [JONAS]


def test_resolve_ignores_ambiguous_handles():
    twin = _person(5, "Jonas", "Becker")
    people, unmatched = resolve("@Jonas.Becker", [JONAS, twin])
    assert people == []
    assert unmatched == ["Jonas.Becker"]


def test_resolve_does_not_evaluate_people_without_mentions():
    def explode():
        raise AssertionError("people were looked up")
        yield

    assert resolve("Keine Erwähnung, nur mail@example.org", explode()) == ([], [])


def test_render_post_highlights_stored_mentions_outside_code():
    html = str(
        render_post(
            "Hallo @Jonas.Becker, siehe `@Jonas.Becker` und @Max.Muster.\n\n"
            "[Link @Jonas.Becker](https://example.org/@Jonas.Becker)",
            [JONAS],
        )
    )
    highlighted = '<span class="vn-mention">@Jonas Becker</span>'
    assert html.startswith(f"<p>Hallo {highlighted}, siehe <code>@Jonas.Becker</code>")
    assert "und @Max.Muster.</p>" in html
    assert 'href="https://example.org/@Jonas.Becker"' in html
    assert f">Link {highlighted}</a>" in html


def test_render_post_escapes_names_and_text():
    eve = _person(6, "Eve", "Evil")
    eve.display_name = "Eve <b>Evil</b>"
    html = str(render_post("@Eve.Evil &lt;script&gt; <script>x</script>", [eve]))
    assert html == (
        '<p><span class="vn-mention">@Eve &lt;b&gt;Evil&lt;/b&gt;</span> '
        "&lt;script&gt; &lt;script&gt;x&lt;/script&gt;</p>\n"
    )


# --- With the network ----------------------------------------------------------------------


def test_mentioning_a_member_stores_and_notifies_them(world, client_as):
    mentioned = member_of(world.network, first_name="Jonas", last_name="Becker")

    client_as(world.user("member")).post(
        reverse("questions:ask", kwargs={"slug": "alpha"}),
        {"title": "Mängelmelder?", "text": "Was meint @Jonas.Becker dazu?"},
    )

    question = Question.objects.get()
    assert list(question.mentioned.all()) == [mentioned]
    note = Notification.objects.get(user=mentioned)
    assert note.kind == "questions.mention"
    assert note.url == question.get_absolute_url()
    page = client_as(mentioned).get(question.get_absolute_url()).content.decode()
    assert f'<span class="vn-mention">@{mentioned.display_name}</span>' in page


def test_mentions_of_non_members_are_ignored(world, client_as):
    outsider = member_of(world.other_network, first_name="Petra", last_name="Fremd")
    UserFactory(first_name="Rita", last_name="Registriert")  # signed up, no network

    response = client_as(world.user("member")).post(
        reverse("questions:answer", kwargs={"pk": QuestionFactory(network=world.network).pk}),
        {"text": "@Petra.Fremd und @Rita.Registriert, was meint ihr?"},
        follow=True,
    )

    answer = Answer.objects.get()
    assert list(answer.mentioned.all()) == []
    assert not Notification.objects.filter(user=outsider).exists()
    page = response.content.decode()
    assert "vn-mention" not in page
    assert "@Petra.Fremd, @Rita.Registriert" in page  # the warning names them


def test_editing_notifies_only_newly_mentioned_people(world, client_as):
    jonas = member_of(world.network, first_name="Jonas", last_name="Becker")
    nina = member_of(world.network, first_name="Nina", last_name="Fischer")
    author = world.user("member")
    client = client_as(author)
    client.post(
        reverse("questions:ask", kwargs={"slug": "alpha"}),
        {"title": "Frage", "text": "@Jonas.Becker"},
    )
    question = Question.objects.get()

    client.post(
        reverse("questions:edit", kwargs={"pk": question.pk}),
        {"title": "Frage", "text": "@Jonas.Becker und @Nina.Fischer"},
    )

    assert Notification.objects.filter(user=jonas).count() == 1
    assert Notification.objects.filter(user=nina).count() == 1
    assert set(question.mentioned.all()) == {jonas, nina}


def test_mentioning_oneself_notifies_nobody(world, client_as):
    author = member_of(world.network, first_name="Selma", last_name="Selbst")

    client_as(author).post(
        reverse("questions:ask", kwargs={"slug": "alpha"}),
        {"title": "Frage", "text": "Ich, @Selma.Selbst, frage."},
    )

    assert not Notification.objects.exists()
