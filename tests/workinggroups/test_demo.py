"""The demo working groups: loaded on top of the demo networks, idempotent."""

import pytest

from voneinander.core.management.commands.load_demo_data import Report
from voneinander.events.models import Event, EventKind, Visibility
from voneinander.municipalities import demo as municipalities_demo
from voneinander.networks import demo as networks_demo
from voneinander.workinggroups import demo
from voneinander.workinggroups.models import (
    Discussion,
    DocumentVersion,
    GroupMember,
    GroupRole,
    MemberStatus,
    Result,
    WorkingGroup,
)
from voneinander.workinggroups.permissions import can_read_space, can_see_group


@pytest.fixture
def loaded(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    report = Report()
    municipalities_demo.load(report)
    networks_demo.load(report)
    demo.load(report)
    return report


def test_demo_has_two_groups_in_digitale_doerfer_and_one_in_ikone(loaded):
    groups = {g.slug: g for g in WorkingGroup.objects.select_related("network")}
    assert {slug: g.network.slug for slug, g in groups.items()} == {
        "ag-dorf-app": "digitale-doerfer-rlp",
        "ag-datenschutz-vg": "digitale-doerfer-rlp",
        "ag-urbane-datenplattformen": "ikone-ds",
    }
    assert [g.slug for g in groups.values() if g.is_private] == ["ag-datenschutz-vg"]
    shared = groups["ag-urbane-datenplattformen"].shared_with.get()
    assert shared.slug == "digitale-doerfer-rlp"


def test_demo_groups_have_leads_members_and_a_space(loaded):
    for group in WorkingGroup.objects.all():
        assert group.members.filter(role=GroupRole.LEAD, status=MemberStatus.ACTIVE).exists()
        assert group.members.filter(role=GroupRole.MEMBER, status=MemberStatus.ACTIVE).exists()
        assert Discussion.objects.filter(group=group).exists()
        assert Result.objects.filter(group=group).exists()
    private = WorkingGroup.objects.get(slug="ag-datenschutz-vg")
    pdf = DocumentVersion.objects.get(document__group=private)
    assert pdf.content_type == "application/pdf"
    assert "Auftragsverarbeitung" in pdf.text
    text = DocumentVersion.objects.get(document__group__slug="ag-dorf-app")
    assert "Dorf-App" in text.text
    assert GroupMember.objects.get(group=private, status=MemberStatus.REQUESTED).message


def test_demo_private_group_is_closed_to_the_ministry_and_its_meeting_hidden(loaded):
    from voneinander.accounts.models import User
    from voneinander.events.permissions import can_see_event

    private = WorkingGroup.objects.get(slug="ag-datenschutz-vg")
    ministry = User.objects.get(email="koordination@mdi-rlp.example.org")
    member = User.objects.get(email="digital@vg-eisenberg.example.org")
    meeting = Event.objects.get(working_group=private)
    assert (meeting.kind, meeting.visibility) == (EventKind.WORKING_GROUP, Visibility.INVITED)
    assert can_see_group(ministry, private)
    assert not can_read_space(ministry, private)
    assert not can_see_event(ministry, meeting)
    assert can_read_space(member, private)
    assert can_see_event(member, meeting)


def test_demo_is_idempotent(loaded):
    counts = [
        model.objects.count()
        for model in (WorkingGroup, GroupMember, Discussion, DocumentVersion, Result, Event)
    ]
    demo.load(Report())
    assert counts == [
        model.objects.count()
        for model in (WorkingGroup, GroupMember, Discussion, DocumentVersion, Result, Event)
    ]
