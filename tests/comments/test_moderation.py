import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.comments.factories import (
    CommentBlockFactory,
    CommentFactory,
    CommentReportFactory,
    NewsItemFactory,
)
from tests.conftest import enable_totp
from tests.factories import UserFactory
from tests.knowledge.factories import SolutionFactory
from voneinander.audit.models import AuditEvent
from voneinander.comments import services
from voneinander.comments.models import Comment, CommentBlock, CommentReport, CommentStatus
from voneinander.questions.models import Notification


@pytest.fixture
def premoderated(world):
    world.network.comments_premoderated = True
    world.network.save(update_fields=["comments_premoderated"])
    return world.network


def _post_comment(client, solution, text):
    url = reverse("comments:create", kwargs={"kind": "loesung", "slug": solution.slug})
    return client.post(url, {"comment-text": text})


def _page(client, solution) -> str:
    return client.get(solution.get_absolute_url()).content.decode()


# --- Pre-moderation ------------------------------------------------------------------------


def test_premoderated_comment_waits_and_only_author_and_moderators_see_it(
    world, client_as, solution, premoderated
):
    response = _post_comment(client_as(world.user("user")), solution, "Wartet auf Freigabe")

    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert response.status_code == 302
    own_page = _page(client_as(world.user("user")), solution)
    assert "Wartet auf Freigabe" in own_page
    with translation.override("de"):
        assert gettext("Awaiting moderation") in own_page
    assert "Wartet auf Freigabe" not in _page(client_as(world.user("member")), solution)
    assert "Wartet auf Freigabe" not in _page(client_as(None), solution)
    assert "Wartet auf Freigabe" in _page(client_as(world.user("coordinator")), solution)
    assert "Wartet auf Freigabe" in _page(client_as(world.user("admin")), solution)


def test_premoderated_comment_notifies_the_coordinators(world, solution, premoderated):
    comment = services.add_comment(target=solution, author=world.user("user"), text="Bitte prüfen")

    notified = set(
        Notification.objects.filter(kind="comments.pending").values_list("user__email", flat=True)
    )
    assert notified == {"coordinator@example.org", "coordinator2@example.org"}
    note = Notification.objects.filter(kind="comments.pending").first()
    assert note.url == f"{reverse('comments:queue')}#kommentar-{comment.pk}"
    assert note.network == world.network


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_premoderated_comment_of_moderator_is_visible_at_once(world, solution, premoderated, role):
    comment = services.add_comment(target=solution, author=world.user(role), text="Sofort da")

    assert comment.status == CommentStatus.VISIBLE
    assert not Notification.objects.exists()


def test_premoderation_of_other_network_does_not_apply(world, solution):
    world.other_network.comments_premoderated = True
    world.other_network.save(update_fields=["comments_premoderated"])

    comment = services.add_comment(target=solution, author=world.user("user"), text="Sofort")

    assert comment.status == CommentStatus.VISIBLE


def test_premoderated_edit_of_visible_comment_waits_again(world, solution, premoderated):
    comment = CommentFactory(solution=solution, author=world.user("user"), text="Alt")

    services.edit_comment(comment=comment, by=world.user("user"), text="Neu")

    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    assert Notification.objects.filter(kind="comments.pending").count() == 2


def test_approve_makes_pending_comment_visible_for_everyone(
    world, client_as, solution, premoderated
):
    comment = CommentFactory(
        solution=solution, author=world.user("user"), status=CommentStatus.PENDING, text="Neu da"
    )

    response = client_as(world.user("coordinator")).post(
        reverse("comments:approve", kwargs={"pk": comment.pk})
    )

    comment.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("comments:queue")
    assert comment.status == CommentStatus.VISIBLE
    assert comment.moderated_by == world.user("coordinator")
    assert comment.moderated_at is not None
    assert "Neu da" in _page(client_as(None), solution)
    assert AuditEvent.objects.filter(action="comment.approved", target_id=str(comment.pk)).exists()
    told = Notification.objects.get(kind="comments.approved")
    assert told.user == world.user("user")
    assert told.url.endswith(f"#kommentar-{comment.pk}")


def test_coordinator_of_other_network_may_not_approve(world, client_as, premoderated):
    beta_coordinator = world.other_network.coordinators.get(email="beta-coordinator@example.org")
    enable_totp(beta_coordinator)
    solution = SolutionFactory(network=world.network, owner=world.membership.municipality)
    comment = CommentFactory(solution=solution, status=CommentStatus.VISIBLE)

    response = client_as(beta_coordinator).post(
        reverse("comments:approve", kwargs={"pk": comment.pk})
    )

    assert response.status_code == 403


def test_settings_switch_premoderation(world, client_as):
    client = client_as(world.user("coordinator"))
    url = reverse("comments:settings", kwargs={"slug": "alpha"})

    response = client.post(url, {"premoderated": "on"})

    world.network.refresh_from_db()
    assert response.status_code == 302
    assert world.network.comments_premoderated is True
    assert AuditEvent.objects.filter(
        action="comment.premoderation_changed", data={"premoderated": True}
    ).exists()

    client.post(url, {})

    world.network.refresh_from_db()
    assert world.network.comments_premoderated is False


def test_settings_page_shows_current_state(world, client_as, premoderated):
    response = client_as(world.user("coordinator")).get(
        reverse("comments:settings", kwargs={"slug": "alpha"})
    )

    assert response.status_code == 200
    assert response.context["form"]["premoderated"].value() is True


# --- Reports -------------------------------------------------------------------------------


def test_report_puts_comment_into_the_queue(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("member"), text="Frech")

    response = client_as(world.user("user")).post(
        reverse("comments:report", kwargs={"pk": comment.pk}), {"reason": "Beleidigend"}
    )

    assert response.status_code == 302
    report = CommentReport.objects.get()
    assert report.reporter == world.user("user")
    assert report.reason == "Beleidigend"
    queue = client_as(world.user("coordinator")).get(reverse("comments:queue"))
    assert [c.pk for c in queue.context["comments"]] == [comment.pk]
    assert "Beleidigend" in queue.content.decode()


def test_report_without_reason_is_refused(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("member"))

    response = client_as(world.user("user")).post(
        reverse("comments:report", kwargs={"pk": comment.pk}), {"reason": "  "}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert not CommentReport.objects.exists()


def test_report_twice_is_refused_with_message(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("member"))
    CommentReportFactory(comment=comment, reporter=world.user("user"))

    response = client_as(world.user("user")).post(
        reverse("comments:report", kwargs={"pk": comment.pk}), {"reason": "Nochmal"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert CommentReport.objects.count() == 1


def test_section_tells_reporter_they_reported(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("member"))
    CommentReportFactory(comment=comment, reporter=world.user("user"))

    page = _page(client_as(world.user("user")), solution)

    assert reverse("comments:report", kwargs={"pk": comment.pk}) not in page


def test_own_comment_cannot_be_reported(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("user"))

    response = client_as(world.user("user")).post(
        reverse("comments:report", kwargs={"pk": comment.pk}), {"reason": "Ich"}
    )

    assert response.status_code == 403


def test_approve_resolves_open_reports(world, client_as, solution):
    comment = CommentFactory(solution=solution)
    CommentReportFactory(comment=comment)
    client = client_as(world.user("coordinator"))

    client.post(reverse("comments:approve", kwargs={"pk": comment.pk}))

    assert CommentReport.objects.get().resolved_at is not None
    assert client.get(reverse("comments:queue")).context["comments"] == []


# --- Hide ----------------------------------------------------------------------------------


def test_hide_with_reason_hides_comment_and_tells_author(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("user"), text="Unsinn")
    CommentReportFactory(comment=comment)

    response = client_as(world.user("coordinator")).post(
        reverse("comments:hide", kwargs={"pk": comment.pk}),
        {f"hide-{comment.pk}-reason": "Werbung"},
    )

    comment.refresh_from_db()
    assert response.status_code == 302
    assert comment.status == CommentStatus.HIDDEN
    assert comment.hidden_reason == "Werbung"
    assert CommentReport.objects.get().resolved_at is not None
    note = Notification.objects.get(user=world.user("user"))
    assert note.kind == "comments.hidden"
    assert "Werbung" in note.text
    assert note.network is None
    assert AuditEvent.objects.filter(action="comment.hidden", data__reason="Werbung").exists()
    assert "Unsinn" not in _page(client_as(world.user("member")), solution)
    assert "Unsinn" not in _page(client_as(world.user("coordinator")), solution)
    own = _page(client_as(world.user("user")), solution)
    assert "Unsinn" in own
    assert "Werbung" in own


def test_hide_without_reason_is_refused(world, client_as, solution):
    comment = CommentFactory(solution=solution)

    response = client_as(world.user("coordinator")).post(
        reverse("comments:hide", kwargs={"pk": comment.pk}), {f"hide-{comment.pk}-reason": ""}
    )

    comment.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert comment.status == CommentStatus.VISIBLE


def test_hidden_comment_cannot_be_edited_by_author(world, client_as, solution):
    comment = CommentFactory(
        solution=solution, author=world.user("user"), status=CommentStatus.HIDDEN
    )

    response = client_as(world.user("user")).post(
        reverse("comments:edit", kwargs={"pk": comment.pk}), {"comment-text": "Neu"}
    )

    assert response.status_code == 403


def test_hidden_comment_is_unknown_to_others(world, client_as, solution):
    comment = CommentFactory(solution=solution, status=CommentStatus.HIDDEN)

    response = client_as(world.user("member")).get(
        reverse("comments:report", kwargs={"pk": comment.pk})
    )

    assert response.status_code == 404


def test_platform_news_comment_is_moderated_by_admins_only(world, client_as):
    item = NewsItemFactory(network=None)
    comment = CommentFactory(news=item)
    CommentReportFactory(comment=comment)

    coordinator_queue = client_as(world.user("coordinator")).get(reverse("comments:queue"))
    admin_queue = client_as(world.user("admin")).get(reverse("comments:queue"))

    assert coordinator_queue.context["comments"] == []
    assert [c.pk for c in admin_queue.context["comments"]] == [comment.pk]


# --- Block ---------------------------------------------------------------------------------


def test_block_author_in_network(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("user"))

    response = client_as(world.user("coordinator")).post(
        reverse("comments:block", kwargs={"pk": comment.pk}),
        {f"block-{comment.pk}-reason": "Wiederholt beleidigend"},
    )

    assert response.status_code == 302
    block = CommentBlock.objects.get()
    assert block.user == world.user("user")
    assert block.network == world.network
    assert block.blocked_by == world.user("coordinator")
    assert AuditEvent.objects.filter(action="comment.author_blocked").exists()
    refused = _post_comment(client_as(world.user("user")), solution, "Noch einer")
    assert refused.status_code == 403
    other = SolutionFactory(network=world.other_network, owner=world.other_membership.municipality)
    assert _post_comment(client_as(world.user("user")), other, "Woanders").status_code == 302


def test_coordinator_cannot_block_everywhere(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("user"))

    client_as(world.user("coordinator")).post(
        reverse("comments:block", kwargs={"pk": comment.pk}),
        {f"block-{comment.pk}-reason": "Spam", f"block-{comment.pk}-everywhere": "on"},
    )

    assert CommentBlock.objects.get().network == world.network


def test_admin_blocks_everywhere(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("user"))

    client_as(world.user("admin")).post(
        reverse("comments:block", kwargs={"pk": comment.pk}),
        {f"block-{comment.pk}-reason": "Spam", f"block-{comment.pk}-everywhere": "on"},
    )

    assert CommentBlock.objects.get().network is None
    other = SolutionFactory(network=world.other_network, owner=world.other_membership.municipality)
    assert _post_comment(client_as(world.user("user")), other, "Woanders").status_code == 403


def test_block_twice_is_refused_with_message(world, client_as, solution):
    comment = CommentFactory(solution=solution, author=world.user("user"))
    CommentBlockFactory(user=world.user("user"), network=world.network)

    response = client_as(world.user("coordinator")).post(
        reverse("comments:block", kwargs={"pk": comment.pk}),
        {f"block-{comment.pk}-reason": "Nochmal"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert CommentBlock.objects.count() == 1


def test_unblock_lets_person_comment_again(world, client_as, solution):
    block = CommentBlockFactory(user=world.user("user"), network=world.network)

    response = client_as(world.user("coordinator")).post(
        reverse("comments:unblock", kwargs={"pk": block.pk})
    )

    assert response.status_code == 302
    assert not CommentBlock.objects.exists()
    assert AuditEvent.objects.filter(action="comment.author_unblocked").exists()
    assert _post_comment(client_as(world.user("user")), solution, "Wieder da").status_code == 302


def test_queue_lists_blocks_of_own_networks_only(world, client_as):
    mine = CommentBlockFactory(network=world.network)
    CommentBlockFactory(network=world.other_network)

    response = client_as(world.user("coordinator")).get(reverse("comments:queue"))

    assert [block.pk for block in response.context["blocks"]] == [mine.pk]


# --- The queue -----------------------------------------------------------------------------


def test_queue_shows_pending_and_reported_comments_of_own_networks(world, client_as, solution):
    pending = CommentFactory(solution=solution, status=CommentStatus.PENDING)
    reported = CommentFactory(solution=solution)
    CommentReportFactory(comment=reported)
    CommentFactory(solution=solution)  # nothing to check
    resolved = CommentFactory(solution=solution)
    CommentReportFactory(comment=resolved, resolved_at="2026-01-01T00:00:00Z")
    other = SolutionFactory(network=world.other_network, owner=world.other_membership.municipality)
    elsewhere = CommentFactory(solution=other, status=CommentStatus.PENDING)

    coordinator = client_as(world.user("coordinator")).get(reverse("comments:queue"))
    admin = client_as(world.user("admin")).get(reverse("comments:queue"))

    assert [c.pk for c in coordinator.context["comments"]] == [pending.pk, reported.pk]
    assert [c.pk for c in admin.context["comments"]] == [pending.pk, reported.pk, elsewhere.pk]


@pytest.mark.parametrize("count", [1, 8])
def test_queue_queries_do_not_grow_with_comments(
    world, client_as, solution, django_assert_num_queries, count
):
    for _number in range(count):
        comment = CommentFactory(solution=solution, author=UserFactory())
        CommentReportFactory(comment=comment)
        CommentReportFactory(comment=comment)
        CommentFactory(solution=solution, status=CommentStatus.PENDING)
        CommentBlockFactory(network=world.network)
    client = client_as(world.user("coordinator"))
    client.get(reverse("comments:queue"))

    with django_assert_num_queries(9):
        response = client.get(reverse("comments:queue"))

    assert len(response.context["comments"]) == 2 * count
    assert len(response.context["blocks"]) == count


def _ids(html: str) -> list[str]:
    import re

    return re.findall(r'\sid="([^"]+)"', html)


def test_queue_page_ids_are_unique_and_forms_labelled(world, client_as, solution):
    for _number in range(3):
        CommentReportFactory(comment=CommentFactory(solution=solution))

    html = client_as(world.user("admin")).get(reverse("comments:queue")).content.decode()

    ids = _ids(html)
    assert len(ids) == len(set(ids))
    for comment in Comment.objects.all():
        assert f'for="id_hide-{comment.pk}-reason"' in html
        assert f'for="id_block-{comment.pk}-everywhere"' in html
