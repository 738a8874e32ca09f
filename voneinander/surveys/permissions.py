"""Permission predicates for surveys; PERMISSIONS is merged into voneinander/policy.py.

The objects are a network (creating surveys, the backlog), a survey, one of its
questions, or a backlog topic; each predicate finds the network from it.
Drafts are hidden from members by the selector (`survey_for_viewer`), not here.

Results: coordinators of the survey's network and admins always; members of
the network once the survey is closed, so that early figures do not sway the
answers. Free-text answers only for coordinators and admins.
"""

import rules

from voneinander.networks.models import Network
from voneinander.networks.roles import COORDINATOR, MEMBER, is_platform_admin, network_roles


def _network_id(obj) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Network):
        return obj.pk
    if hasattr(obj, "network_id"):
        return obj.network_id
    survey = getattr(obj, "survey", None)  # a question
    return survey.network_id if survey is not None else None


is_admin = rules.predicate(is_platform_admin, name="is_admin")


@rules.predicate
def coordinates(user, obj) -> bool:
    network_id = _network_id(obj)
    return network_id is not None and network_roles(user).has(network_id, COORDINATOR)


@rules.predicate
def is_member(user, obj) -> bool:
    network_id = _network_id(obj)
    return network_id is not None and network_roles(user).has(network_id, MEMBER)


@rules.predicate
def survey_is_closed(user, survey) -> bool:
    return survey is not None and survey.is_closed


PERMISSIONS = {
    # Create a survey in a network (obj: the network).
    "surveys.create_survey": coordinates | is_admin,
    # See a survey and answer it, if one may answer (obj: the survey).
    "surveys.view_survey": is_member | coordinates | is_admin,
    # Edit, open, close, see who answered, export (obj: the survey or a question).
    "surveys.manage_survey": coordinates | is_admin,
    # Charts and tables (obj: the survey).
    "surveys.view_results": coordinates | is_admin | (is_member & survey_is_closed),
    # The topic backlog (obj: the network or a backlog topic).
    "surveys.view_backlog": is_member | coordinates | is_admin,
    "surveys.manage_backlog": coordinates | is_admin,
}
