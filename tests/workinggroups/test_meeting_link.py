"""A working-group meeting's page names and links its group."""

from django.urls import reverse

from tests.events.factories import EventFactory
from tests.workinggroups.factories import WorkingGroupFactory
from voneinander.events.models import EventKind


def test_meeting_page_links_its_public_group(client, world):
    group = WorkingGroupFactory(network=world.network, title="AG Dorf-App", is_private=False)
    meeting = EventFactory(
        networks=[world.network], kind=EventKind.WORKING_GROUP, working_group=group
    )

    page = client.get(reverse("events:detail", kwargs={"slug": meeting.slug})).content.decode()

    assert f'href="{group.get_absolute_url()}"' in page
    assert "AG Dorf-App" in page


def test_other_event_pages_name_no_group(client, world):
    event = EventFactory(networks=[world.network])

    page = client.get(reverse("events:detail", kwargs={"slug": event.slug})).content.decode()

    assert "/arbeitsgruppen/" not in page.split('id="main"')[1]
