"""Module feedback pages: the rating form (box and page), the organisers' summary and its CSV."""

import csv
import io
import re

import pytest
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse

from tests.core.test_security_headers import _assert_csp_clean, _assert_headers
from tests.factories import UserFactory
from tests.seminars.factories import EnrolmentFactory, ModuleFactory, ProgrammeFactory
from voneinander.seminars.feedback_services import create_programme_version, rate_module
from voneinander.seminars.models import ModuleFeedback

pytestmark = pytest.mark.django_db


def organised_module(world, **programme):
    module = ModuleFactory(**{f"programme__{key}": value for key, value in programme.items()})
    module.programme.organisers.add(world.user("coordinator"))
    return module


def enrol(programme, user=None):
    return EnrolmentFactory(programme=programme, user=user or UserFactory()).user


def rate_url(module):
    return reverse(
        "seminars:feedback_rate", kwargs={"slug": module.programme.slug, "pk": module.pk}
    )


def summary_url(programme):
    return reverse("seminars:feedback", kwargs={"slug": programme.slug})


def csv_url(programme):
    return reverse("seminars:feedback_csv", kwargs={"slug": programme.slug})


def rate_by_many(module, ratings, comments=None):
    comments = comments or {}
    for index, rating in enumerate(ratings):
        rate_module(
            module=module,
            user=enrol(module.programme),
            rating=rating,
            comment=comments.get(index, ""),
        )


# --- Rating ---------------------------------------------------------------------------------


def test_rate_view_post_records_rating_and_redirects_to_module(world, client_as):
    module = organised_module(world, version_label="Beta")
    member = enrol(module.programme, world.user("member"))

    response = client_as(member).post(
        rate_url(module), {"rating": "4", "comment": "Gute Beispiele aus der Eifel."}
    )

    assert response.status_code == 302
    assert response["Location"] == module.get_absolute_url()
    feedback = ModuleFeedback.objects.get()
    assert (feedback.user, feedback.rating, feedback.comment, feedback.version_label) == (
        member,
        4,
        "Gute Beispiele aus der Eifel.",
        "Beta",
    )


def test_rate_view_second_post_changes_rating(world, client_as):
    module = organised_module(world)
    member = enrol(module.programme, world.user("member"))
    client = client_as(member)
    client.post(rate_url(module), {"rating": "2", "comment": "Zu schnell."})

    client.post(rate_url(module), {"rating": "5", "comment": ""})

    assert list(ModuleFeedback.objects.values_list("rating", "comment")) == [(5, "")]


def test_rate_view_get_shows_own_rating_checked(world, client_as):
    module = organised_module(world)
    member = enrol(module.programme, world.user("member"))
    rate_module(module=module, user=member, rating=3, comment="Mittel.")

    page = client_as(member).get(rate_url(module)).content.decode()

    assert 'data-feedback-given="3"' in page
    assert re.search(r'<input type="radio" name="rating" value="3"[^>]* checked', page)
    assert "Mittel." in page
    assert "<fieldset" in page and "<legend" in page
    assert "without your name" in page or "ohne Ihren Namen" in page


def test_rate_view_without_rating_shows_error_and_keeps_comment(world, client_as):
    module = organised_module(world)
    member = enrol(module.programme, world.user("member"))

    response = client_as(member).post(rate_url(module), {"comment": "Mein Kommentar bleibt."})

    assert response.status_code == 200
    page = response.content.decode()
    assert "kern-fieldset--error" in page
    assert "Mein Kommentar bleibt." in page
    assert not ModuleFeedback.objects.exists()


@pytest.mark.parametrize("rating", ["0", "6", "gut"])
def test_rate_view_with_invalid_rating_shows_error(world, client_as, rating):
    module = organised_module(world)
    member = enrol(module.programme, world.user("member"))

    response = client_as(member).post(rate_url(module), {"rating": rating})

    assert response.status_code == 200
    assert "kern-fieldset--error" in response.content.decode()
    assert not ModuleFeedback.objects.exists()


def test_rate_view_with_overlong_comment_shows_error(world, client_as):
    module = organised_module(world)
    member = enrol(module.programme, world.user("member"))

    response = client_as(member).post(rate_url(module), {"rating": "4", "comment": "x" * 3001})

    assert response.status_code == 200
    assert "kern-form-input--error" in response.content.decode()
    assert not ModuleFeedback.objects.exists()


def test_rate_view_htmx_answers_with_the_box(world, client_as):
    module = organised_module(world)
    member = enrol(module.programme, world.user("member"))

    response = client_as(member).post(rate_url(module), {"rating": "5"}, HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith("<section")
    assert f'id="module-feedback-{module.pk}"' in page
    assert 'data-feedback-given="5"' in page
    assert ModuleFeedback.objects.get().rating == 5


def test_rate_view_not_enrolled_user_is_refused(world, client_as):
    module = organised_module(world)

    response = client_as(world.user("user")).post(rate_url(module), {"rating": "5"})

    assert response.status_code == 403
    assert not ModuleFeedback.objects.exists()


def test_rate_view_admin_without_enrolment_sees_refusal_and_cannot_rate(world, client_as):
    module = organised_module(world)

    response = client_as(world.user("admin")).post(rate_url(module), {"rating": "5"})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page
    assert 'name="rating"' not in page
    assert not ModuleFeedback.objects.exists()


def test_rate_view_after_withdrawal_is_refused(world, client_as):
    module = organised_module(world)
    member = world.user("member")
    EnrolmentFactory(programme=module.programme, user=member, status="withdrawn")

    response = client_as(member).post(rate_url(module), {"rating": "5"})

    assert response.status_code == 403
    assert not ModuleFeedback.objects.exists()


# --- The box on the module page -------------------------------------------------------------


def render_box(module, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load seminar_feedback %}{% module_feedback_box module %}")
    return template.render(RequestContext(request, {"module": module}))


def test_module_feedback_box_for_participant_shows_form(world):
    module = organised_module(world, version_label="Beta")
    member = enrol(module.programme, world.user("member"))

    html = render_box(module, member)

    assert f'action="{rate_url(module)}"' in html
    assert 'name="rating"' in html
    assert "Beta" in html
    assert reverse("seminars:feedback", kwargs={"slug": module.programme.slug}) not in html


def test_module_feedback_box_for_participant_who_rated_shows_rating(world):
    module = organised_module(world)
    member = enrol(module.programme, world.user("member"))
    rate_module(module=module, user=member, rating=2)

    html = render_box(module, member)

    assert 'data-feedback-given="2"' in html


def test_module_feedback_box_after_new_version_asks_again(world):
    module = organised_module(world, version_label="Beta")
    member = enrol(module.programme, world.user("member"))
    rate_module(module=module, user=member, rating=2)
    create_programme_version(
        programme=module.programme, by=world.user("coordinator"), label="2026", changes="Neu."
    )

    html = render_box(module, member)

    assert "data-feedback-given" not in html
    assert "2026" in html


def test_module_feedback_box_for_organiser_links_to_summary(world):
    module = organised_module(world)

    html = render_box(module, world.user("coordinator"))

    assert summary_url(module.programme) in html
    assert 'name="rating"' not in html


@pytest.mark.parametrize("role", ["anonymous", "user", "member"])
def test_module_feedback_box_for_others_is_empty(world, role):
    from django.contrib.auth.models import AnonymousUser

    module = organised_module(world)
    user = world.user(role) or AnonymousUser()

    assert render_box(module, user).strip() == ""


def test_module_feedback_box_queries_are_few(world, django_assert_max_num_queries):
    module = organised_module(world)
    member = enrol(module.programme, world.user("member"))
    rate_module(module=module, user=member, rating=4)

    with django_assert_max_num_queries(3):
        render_box(module, member)


def test_programme_versions_tag_lists_latest_versions(world):
    programme = ProgrammeFactory(version_label="Beta")
    for label in ("2025", "2026", "2027"):
        create_programme_version(programme=programme, by=UserFactory(), label=label, changes="…")
    request = RequestFactory().get("/")
    request.user = world.user("member")
    template = Template("{% load seminar_feedback %}{% programme_versions programme %}")

    html = template.render(Context({"programme": programme, "request": request}))

    assert [
        label for label in ("2027", "2026", "2025", "Beta") if f'data-version="{label}"' in html
    ] == [
        "2027",
        "2026",
        "2025",
    ]
    assert reverse("seminars:versions", kwargs={"slug": programme.slug}) in html


# --- The organisers' summary ----------------------------------------------------------------


def test_summary_shows_figures_comments_and_no_names(world, client_as):
    module = organised_module(world, version_label="Beta")
    rater = enrol(module.programme, UserFactory(first_name="Hannelore", last_name="Zwiebel"))
    rate_module(module=module, user=rater, rating=5, comment="Endlich praxisnah.")
    rate_by_many(module, [4, 3])

    page = client_as(world.user("coordinator")).get(summary_url(module.programme))

    text = page.content.decode()
    assert page.status_code == 200
    assert f'data-feedback-module="{module.pk}"' in text
    assert "Endlich praxisnah." in text
    assert "Zwiebel" not in text and "Hannelore" not in text and rater.email not in text
    assert "4,0" in text  # the average, in German


def test_summary_withholds_groups_below_the_minimum(world, client_as):
    module = organised_module(world)
    rate_by_many(module, [1, 2], comments={0: "Ein verräterischer Satz."})

    text = client_as(world.user("coordinator")).get(summary_url(module.programme)).content.decode()

    assert "data-feedback-withheld" in text
    assert "Ein verräterischer Satz." not in text


def test_summary_compares_versions_side_by_side(world, client_as):
    module = organised_module(world, version_label="Beta")
    rate_by_many(module, [2, 2, 2])
    create_programme_version(
        programme=module.programme, by=world.user("coordinator"), label="2026", changes="Neu."
    )
    rate_by_many(module, [5, 5, 5])

    text = client_as(world.user("coordinator")).get(summary_url(module.programme)).content.decode()

    compare = text[text.index("data-feedback-compare") : text.index("</table>")]
    assert compare.index(">Beta<") < compare.index(">2026<")
    assert "2,0 (3 " in compare and "5,0 (3 " in compare
    assert 'data-feedback-version="Beta"' in text and 'data-feedback-version="2026"' in text


@pytest.mark.parametrize("count", [1, 5])
def test_summary_queries_do_not_grow(world, client_as, django_assert_num_queries, count):
    programme = ProgrammeFactory(version_label="Beta")
    programme.organisers.add(world.user("coordinator"))
    for _number in range(count):
        module = ModuleFactory(programme=programme)
        rate_by_many(module, [4, 5, 3], comments={0: "Gut."})
    create_programme_version(programme=programme, by=UserFactory(), label="2026", changes="…")
    client = client_as(world.user("coordinator"))
    client.get(summary_url(programme))

    with django_assert_num_queries(SUMMARY_QUERIES):
        response = client.get(summary_url(programme))

    assert response.content.decode().count("data-feedback-module=") == count


SUMMARY_QUERIES = 11


# --- CSV ------------------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_has_figures_comments_and_is_formula_safe(world, client_as):
    module = organised_module(world, version_label="Beta", title="Digitale Kommune")
    module.title = "=Modul 1"
    module.save()
    rate_by_many(module, [5, 4, 3], comments={1: '=HYPERLINK("x")'})
    other = ModuleFactory(programme=module.programme, title="Leeres Modul")

    response = client_as(world.user("coordinator")).get(csv_url(module.programme))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows[0]) == 11
    assert rows[1] == ["1", "'=Modul 1", "Beta", "3", "4,00", "1", "1", "1", "0", "0", ""]
    assert rows[2] == ["1", "'=Modul 1", "Beta", "", "", "", "", "", "", "", '\'=HYPERLINK("x")']
    assert len(rows) == 3  # the module without feedback has no rows
    assert other.title not in response.content.decode()


def test_csv_withholds_groups_below_the_minimum(world, client_as):
    module = organised_module(world)
    rate_by_many(module, [1], comments={0: "Geheim."})

    rows = read_csv(client_as(world.user("coordinator")).get(csv_url(module.programme)))

    assert rows[1][3:5] == [rows[1][3], ""]
    assert rows[1][3] != "1"
    assert "Geheim." not in str(rows)
    assert len(rows) == 2


# --- Markup ---------------------------------------------------------------------------------


def test_feedback_pages_are_csp_clean_with_forms_in_error(world, client_as):
    module = organised_module(world)
    member = enrol(module.programme, world.user("member"))
    rate_by_many(module, [4, 5, 3], comments={0: "<script>alert(1)</script>"})
    slug = {"slug": module.programme.slug}
    organiser = client_as(world.user("coordinator"))
    responses = [
        (url, organiser.get(url))
        for url in (
            summary_url(module.programme),
            reverse("seminars:versions", kwargs=slug),
            reverse("seminars:version_create", kwargs=slug),
        )
    ]
    responses.append(
        ("version_create", organiser.post(reverse("seminars:version_create", kwargs=slug), {}))
    )
    participant = client_as(member)
    responses.append(("rate", participant.get(rate_url(module))))
    responses.append(("rate error", participant.post(rate_url(module), {"rating": "9"})))

    for url, response in responses:
        assert response.status_code == 200, url
        _assert_headers(url, response)
        _assert_csp_clean(url, response)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in responses[0][1].content.decode()
