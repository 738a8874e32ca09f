"""Permission-matrix rows for what follows an event: feedback, materials, recordings,
results and the archive (format: see tests/events/access_rows.py).

Roles: anonymous, user, member, contact, coordinator, admin. The coordinator
organises network alpha's events; "user" is made a speaker where a row says so.
Events the person may not see answer 404 before any login redirect.
"""

from tests.events.access_rows import HIDDEN_OTHER, MANAGE, MANAGE_OTHER, NOWHERE
from tests.events.factories import SessionFactory, SpeakerFactory
from tests.events.followup_factories import (
    VTT,
    MaterialFactory,
    RecordingFactory,
    file_material,
    past_event,
)
from voneinander.events.models import Event, RecordingState, Visibility

EVERYONE = "200 200 200 200 200 200"
MEMBERS_ONLY = "404 404 200 200 200 200"
ORGANISERS_ONLY = "404 404 404 404 200 200"


def _past(world, *, network="alpha", visibility=Visibility.PUBLIC):
    chosen = world.network if network == "alpha" else world.other_network
    return past_event(networks=[chosen], visibility=visibility)


def public(world):
    return {"slug": _past(world).slug}


def members(world):
    return {"slug": _past(world, visibility=Visibility.MEMBERS).slug}


def other_public(world):
    return {"slug": _past(world, network="beta").slug}


def other_members(world):
    return {"slug": _past(world, network="beta", visibility=Visibility.MEMBERS).slug}


def _session(event_kwargs):
    def make(world):
        slug = event_kwargs(world)["slug"]
        return {"slug": slug, "session": SessionFactory(event=Event.objects.get(slug=slug)).pk}

    return make


def mismatched_session(world):
    """A session of another event under this event's address."""
    return {"slug": public(world)["slug"], "session": SessionFactory(event=_past(world)).pk}


def user_speaks(world):
    event = _past(world)
    SpeakerFactory(session=SessionFactory(event=event), user=world.user("user"))
    return {"slug": event.slug}


def _material(event_kwargs, *, link=False):
    def make(world):
        event = Event.objects.get(slug=event_kwargs(world)["slug"])
        if link:
            material = MaterialFactory(event=event)
        else:
            material = file_material(event=event, uploaded_by=world.user("coordinator"))
        return {"slug": event.slug, "pk": material.pk}

    return make


def mismatched_material(world):
    material = file_material(event=_past(world))
    return {"slug": public(world)["slug"], "pk": material.pk}


def material_of_speaker(world):
    """Uploaded by "user", a speaker of the event."""
    event = _past(world)
    SpeakerFactory(session=SessionFactory(event=event), user=world.user("user"))
    material = MaterialFactory(event=event, uploaded_by=world.user("user"))
    return {"slug": event.slug, "pk": material.pk}


def _recording(event_kwargs, *, state=RecordingState.PUBLISHED, captions=VTT):
    def make(world):
        event = Event.objects.get(slug=event_kwargs(world)["slug"])
        recording = RecordingFactory(event=event, state=state, captions=captions)
        return {"slug": event.slug, "pk": recording.pk}

    return make


def mismatched_recording(world):
    recording = RecordingFactory(event=_past(world), state=RecordingState.PUBLISHED)
    return {"slug": public(world)["slug"], "pk": recording.pk}


ROWS: dict = {
    "events:archive": ({}, EVERYONE),
    # Feedback: signed in and able to see the event; whether one attended is the
    # page's business (it explains why there is nothing to rate).
    "events:feedback": (public, "302 200 200 200 200 200"),
    "events:feedback[members]": (members, "404 404 200 200 200 200"),
    "events:feedback[other-members]": (other_members, HIDDEN_OTHER),
    "events:feedback_give": (_session(public), "302 200 200 200 200 200"),
    "events:feedback_give[mismatch]": (mismatched_session, "302 404 404 404 404 404"),
    "events:feedback_give[other-members]": (_session(other_members), HIDDEN_OTHER),
    "events:feedback_summary": (public, MANAGE),
    "events:feedback_summary[other]": (other_public, MANAGE_OTHER),
    "events:feedback_summary[other-members]": (other_members, HIDDEN_OTHER),
    # Materials: seen by whoever sees the event; added by organisers and speakers.
    "events:materials": (public, EVERYONE),
    "events:materials[members]": (members, MEMBERS_ONLY),
    "events:materials[other-members]": (other_members, HIDDEN_OTHER),
    "events:material_add": (public, MANAGE),
    "events:material_add[speaker]": (user_speaks, "302 200 403 403 200 200"),
    "events:material_add[other]": (other_public, MANAGE_OTHER),
    "events:material_file": (_material(public), EVERYONE),
    # A link material: sent on to the linked address ("L": a redirect, not to the login).
    "events:material_file[link]": (_material(public, link=True), "L L L L L L"),
    "events:material_file[members]": (_material(members), MEMBERS_ONLY),
    "events:material_file[other-members]": (_material(other_members), HIDDEN_OTHER),
    "events:material_file[mismatch]": (mismatched_material, NOWHERE),
    "events:material_delete": (_material(public), MANAGE),
    "events:material_delete[uploader]": (material_of_speaker, "302 200 403 403 200 200"),
    "events:material_delete[other]": (_material(other_public), MANAGE_OTHER),
    "events:material_delete[other-members]": (_material(other_members), HIDDEN_OTHER),
    "events:material_delete[mismatch]": (mismatched_material, NOWHERE),
    # Recordings: published ones for whoever sees the event, drafts for organisers.
    "events:recordings": (public, EVERYONE),
    "events:recordings[members]": (members, MEMBERS_ONLY),
    "events:recordings[other-members]": (other_members, HIDDEN_OTHER),
    "events:recording": (_recording(public), EVERYONE),
    "events:recording[draft]": (_recording(public, state=RecordingState.DRAFT), ORGANISERS_ONLY),
    "events:recording[consented]": (
        _recording(public, state=RecordingState.CONSENTED),
        ORGANISERS_ONLY,
    ),
    "events:recording[other-draft]": (
        _recording(other_public, state=RecordingState.DRAFT),
        HIDDEN_OTHER,
    ),
    "events:recording[members]": (_recording(members), MEMBERS_ONLY),
    "events:recording[mismatch]": (mismatched_recording, NOWHERE),
    "events:recording_captions": (_recording(public), EVERYONE),
    "events:recording_captions[none]": (_recording(public, captions=""), NOWHERE),
    "events:recording_captions[draft]": (
        _recording(public, state=RecordingState.DRAFT),
        ORGANISERS_ONLY,
    ),
    "events:recordings_manage": (public, MANAGE),
    "events:recordings_manage[other]": (other_public, MANAGE_OTHER),
    "events:recording_add": (public, MANAGE),
    "events:recording_add[other]": (other_public, MANAGE_OTHER),
    "events:recording_edit": (_recording(public), MANAGE),
    "events:recording_edit[other]": (_recording(other_public), MANAGE_OTHER),
    "events:recording_edit[mismatch]": (mismatched_recording, "302 403 403 403 404 404"),
    "events:recording_consent": (_recording(public, state=RecordingState.DRAFT), MANAGE),
    "events:recording_consent[other]": (_recording(other_public), MANAGE_OTHER),
    "events:recording_publish": (_recording(public, state=RecordingState.CONSENTED), MANAGE),
    "events:recording_publish[other]": (_recording(other_public), MANAGE_OTHER),
    "events:recording_delete": (_recording(public), MANAGE),
    "events:recording_delete[other]": (_recording(other_public), MANAGE_OTHER),
    "events:recording_delete[other-members]": (_recording(other_members), HIDDEN_OTHER),
    # The results page: whoever sees the event; edited by organisers.
    "events:results": (public, EVERYONE),
    "events:results[members]": (members, MEMBERS_ONLY),
    "events:results[other-members]": (other_members, HIDDEN_OTHER),
    "events:results_edit": (public, MANAGE),
    "events:results_edit[other]": (other_public, MANAGE_OTHER),
}
