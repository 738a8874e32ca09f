"""Every page of a group, full of content, is CSP-clean and has unique element ids."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from tests.core.test_security_headers import _assert_csp_clean, _assert_headers
from tests.events.factories import EventFactory
from tests.workinggroups.factories import (
    DiscussionFactory,
    DocumentFactory,
    DocumentVersionFactory,
    FolderFactory,
    GroupMemberFactory,
    PostFactory,
    ResultFactory,
    WorkingGroupFactory,
)
from voneinander.workinggroups.models import MemberStatus

IDS = re.compile(r'\sid="([^"]+)"')


@pytest.fixture
def pages(world):
    group = WorkingGroupFactory(network=world.network, is_private=True, lead=world.user("contact"))
    GroupMemberFactory(group=group)
    GroupMemberFactory(group=group, status=MemberStatus.REQUESTED, message="Bitte")
    GroupMemberFactory(group=group, status=MemberStatus.REQUESTED)
    discussion = DiscussionFactory(group=group)
    PostFactory(discussion=discussion)
    PostFactory(discussion=discussion)
    folder = FolderFactory(group=group)
    FolderFactory(group=group, parent=folder)
    document = DocumentFactory(group=group, folder=folder)
    DocumentVersionFactory(document=document, number=1)
    DocumentVersionFactory(document=document, number=2)
    ResultFactory(group=group, document=document)
    ResultFactory(group=group)
    EventFactory(networks=[world.network], working_group=group)
    slug = {"slug": group.slug}
    names = [
        "detail", "edit", "archive", "members", "discussions", "discussion_create",
        "documents", "document_upload", "folder_create", "meetings", "meeting_create",
        "results", "result_create",
    ]  # fmt: skip
    urls = [reverse("workinggroups:list"), reverse("workinggroups:create")]
    urls += [reverse(f"workinggroups:{name}", kwargs=slug) for name in names]
    urls += [
        reverse("workinggroups:discussion", kwargs=slug | {"pk": discussion.pk}),
        reverse("workinggroups:folder", kwargs=slug | {"pk": folder.pk}),
        reverse("workinggroups:folder_rename", kwargs=slug | {"pk": folder.pk}),
        reverse("workinggroups:folder_delete", kwargs=slug | {"pk": folder.pk}),
        reverse("workinggroups:document", kwargs=slug | {"pk": document.pk}),
    ]
    return group, urls


@pytest.mark.parametrize("role", ["contact", "coordinator", "member"])
def test_pages_are_csp_clean_with_unique_ids(world, pages, client_as, role):
    _group, urls = pages
    client = client_as(world.user(role))
    visited = 0
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        visited += 1
        _assert_headers(url, response)
        _assert_csp_clean(url, response)
        duplicates = [
            i for i, n in Counter(IDS.findall(response.content.decode())).items() if n > 1
        ]
        assert duplicates == [], url
    assert visited >= {"contact": 17, "coordinator": 6, "member": 2}[role]


def test_forms_with_errors_are_csp_clean(world, pages, client_as):
    group, _urls = pages
    client = client_as(world.user("contact"))
    slug = {"slug": group.slug}
    for name in ("discussion_create", "document_upload", "meeting_create", "result_create"):
        url = reverse(f"workinggroups:{name}", kwargs=slug)
        response = client.post(url, {})
        assert response.status_code == 200, name
        assert "data-error-summary" in response.content.decode(), name
        _assert_csp_clean(url, response)
    handover = client.post(reverse("workinggroups:handover", kwargs=slug), {})
    assert "data-error-summary" in handover.content.decode()
