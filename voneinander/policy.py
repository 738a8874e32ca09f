"""Who may do what: the platform's permissions in one place.

Roles, from least to most:
  anonymous · registered user · member of a network (confirmed affiliation
  with a member municipality) · contact person of a member municipality ·
  coordinator of a network · platform admin.
Network roles are scoped: coordinating network A grants nothing in network B.

Views name the permission they need (`@access(Perm("networks.view_internal",
obj=...))`); templates ask `{% if perms ... %}` through the same rules.
"""

import rules
from django.core.exceptions import ImproperlyConfigured

from voneinander.comments import permissions as comment_permissions
from voneinander.events.followup_permissions import (
    is_event_speaker,
    organises_material_event,
    uploaded_material,
)
from voneinander.events.participant_permissions import may_see_participant_list
from voneinander.events.permissions import (
    can_see_event,
    coordinates_any_network,
    is_event_organiser,
    is_series_organiser,
)
from voneinander.knowledge.permissions import (
    can_see_solution,
    coordinates_adoption_network,
    coordinates_alliance_network,
    coordinates_request_network,
    coordinates_solution_network,
    edits_own_solution,
    is_introduced_party,
    is_member_of_any_network,
    is_requester,
    partners_in_alliance,
    speaks_for_adoption,
)
from voneinander.networks import roles
from voneinander.networks.roles import CONTACT, COORDINATOR, MEMBER, network_roles
from voneinander.news import permissions as news_permissions
from voneinander.pages import permissions as page_permissions
from voneinander.questions import permissions as question_permissions
from voneinander.seminars import permissions as seminar_permissions
from voneinander.strategies import permissions as strategy_permissions
from voneinander.surveys import permissions as survey_permissions
from voneinander.workinggroups import permissions as workinggroup_permissions

is_platform_admin = rules.predicate(roles.is_platform_admin, name="is_platform_admin")


@rules.predicate
def is_network_coordinator(user, network) -> bool:
    return network is not None and network_roles(user).has(network.pk, COORDINATOR)


@rules.predicate
def is_network_contact(user, network) -> bool:
    return network is not None and network_roles(user).has(network.pk, CONTACT)


@rules.predicate
def is_network_member(user, network) -> bool:
    return network is not None and network_roles(user).has(network.pk, MEMBER)


@rules.predicate
def is_membership_coordinator(user, membership) -> bool:
    return membership is not None and network_roles(user).has(membership.network_id, COORDINATOR)


@rules.predicate
def is_membership_contact(user, membership) -> bool:
    """A contact person of this very membership (not just of the network)."""
    if membership is None or not user.is_authenticated:
        return False
    return membership.contact_persons.filter(user=user).exists()


@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and user.is_authenticated and application.applicant_id == user.pk


@rules.predicate
def is_application_coordinator(user, application) -> bool:
    return application is not None and network_roles(user).has(application.network_id, COORDINATOR)


is_signed_in = rules.is_authenticated & rules.is_active

PERMISSIONS = {
    # Platform
    "core.view_audit_log": is_platform_admin,
    # Accounts
    "accounts.edit_own_profile": is_signed_in,
    # Networks
    "networks.view_internal": is_network_member | is_network_coordinator | is_platform_admin,
    "networks.manage_network": is_network_coordinator | is_platform_admin,
    # A membership: coordinators change role, status and contacts; the
    # municipality's own contact persons keep its topics and contacts current.
    "networks.manage_membership": is_membership_coordinator | is_platform_admin,
    "networks.edit_membership_profile": (
        is_membership_contact | is_membership_coordinator | is_platform_admin
    ),
    # Applications for membership (obj: the network for apply/inbox, else the application)
    "admissions.apply": is_signed_in,
    "admissions.view_inbox": is_network_coordinator | is_platform_admin,
    "admissions.view_application": is_applicant | is_application_coordinator | is_platform_admin,
    "admissions.withdraw_application": is_applicant,
    "admissions.decide_application": is_application_coordinator | is_platform_admin,
    # Events (obj: the event, except for create_event)
    "events.view_event": can_see_event | is_event_organiser | is_platform_admin,
    "events.create_event": coordinates_any_network | is_platform_admin,
    "events.manage_event": is_event_organiser | is_platform_admin,
    "events.register": is_signed_in & (can_see_event | is_event_organiser | is_platform_admin),
    # A recurring series (obj: the series): coordinators of one of its networks, admins.
    "events.manage_series": is_series_organiser | is_platform_admin,
    # The participant list of an event (obj: the event) at the level its organisers chose;
    # people appear in it for others only with their consent (helper F1).
    "events.view_participants": (
        is_event_organiser | is_platform_admin | (can_see_event & may_see_participant_list)
    ),
    # After the event (helper F2). Feedback (obj: the event): whether the person attended
    # is checked by the service. Materials: organisers and the event's speakers add them
    # (obj: the event); organisers and the uploader remove them (obj: the material).
    "events.give_feedback": is_signed_in & (can_see_event | is_event_organiser | is_platform_admin),
    "events.add_material": is_event_organiser | is_event_speaker | is_platform_admin,
    "events.delete_material": organises_material_event | uploaded_material | is_platform_admin,
    # Solutions catalogue (obj: the solution, except create_solution: the network).
    "knowledge.view_solution": can_see_solution,
    "knowledge.create_solution": is_network_member | is_network_coordinator | is_platform_admin,
    "knowledge.edit_solution": edits_own_solution
    | coordinates_solution_network
    | is_platform_admin,
    # Feature, merge duplicates, archive (obj: the solution).
    "knowledge.curate_solution": coordinates_solution_network | is_platform_admin,
    # The controlled vocabulary of Handlungsfelder and topics (no obj).
    "knowledge.manage_topics": coordinates_any_network | is_platform_admin,
    # Reuse: a person of a member municipality records it (obj: the solution) and
    # keeps it current (obj: the adoption); the network's coordinators may correct it.
    "knowledge.record_adoption": is_member_of_any_network & can_see_solution,
    "knowledge.edit_adoption": speaks_for_adoption
    | coordinates_adoption_network
    | is_platform_admin,
    # Brokering (obj: the network for ask/inbox, else the request / introduction).
    "knowledge.ask_for_contact": is_network_member | is_network_coordinator,
    "knowledge.view_brokering_inbox": is_network_coordinator | is_platform_admin,
    "knowledge.view_contact_request": is_requester
    | coordinates_request_network
    | is_platform_admin,
    "knowledge.broker_request": coordinates_request_network | is_platform_admin,
    "knowledge.answer_introduction": is_introduced_party,
    # Alliances (obj: the network for create, else the alliance).
    "knowledge.create_alliance": is_network_coordinator | is_platform_admin,
    "knowledge.manage_alliance": (
        coordinates_alliance_network | partners_in_alliance | is_platform_admin
    ),
    # Programme figures for the funder (obj: the network).
    "knowledge.view_programme_figures": (
        is_network_member | is_network_coordinator | is_platform_admin
    ),
    # Brokering (helper): only the person who asked may withdraw a request (obj: the request).
    "knowledge.withdraw_contact_request": is_requester,
}

# Working groups, questions, surveys, news, pages and comments keep their predicates and
# permission names in their own `permissions.py` (each a PERMISSIONS dict).
for _module in (
    workinggroup_permissions,
    question_permissions,
    survey_permissions,
    news_permissions,
    page_permissions,
    comment_permissions,
    seminar_permissions,
    strategy_permissions,
):
    for _name, _predicate in _module.PERMISSIONS.items():
        if _name in PERMISSIONS:
            raise ImproperlyConfigured(f"Permission {_name} is defined twice.")
        PERMISSIONS[_name] = _predicate

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
