"""Rows of the permission matrix (tests/test_access_matrix.py) for surveys and the backlog.

Format as in tests/events/access_rows.py: "url-name[variant]" → (kwargs, statuses
per role in the order anonymous, user, member, contact, coordinator, admin).

Every survey page needs a login, so the anonymous are sent to the login page
first. Signed in, a survey one may not see is a 404: drafts for members, every
survey of another network. Members see results only once a survey is closed.
"""

from tests.surveys.factories import (
    BacklogTopicFactory,
    SurveyFactory,
    closed_survey,
    question,
)
from voneinander.surveys.models import SurveyState


def open_survey(world):
    return {"pk": SurveyFactory(network=world.network).pk}


def draft_survey(world):
    return {"pk": SurveyFactory(network=world.network, state=SurveyState.DRAFT).pk}


def closed(world):
    return {"pk": closed_survey(network=world.network).pk}


def other_open_survey(world):
    return {"pk": SurveyFactory(network=world.other_network).pk}


def other_closed(world):
    return {"pk": closed_survey(network=world.other_network).pk}


def draft_question(world):
    survey = SurveyFactory(network=world.network, state=SurveyState.DRAFT)
    return {"pk": survey.pk, "question": question(survey, options=["Ja", "Nein"]).pk}


def mismatched_question(world):
    """A question of another survey under this survey's address: no such page."""
    survey = SurveyFactory(network=world.network, state=SurveyState.DRAFT)
    elsewhere = SurveyFactory(network=world.network, state=SurveyState.DRAFT)
    return {"pk": survey.pk, "question": question(elsewhere, options=["Ja", "Nein"]).pk}


def backlog_topic(world):
    return {"slug": "alpha", "pk": BacklogTopicFactory(network=world.network).pk}


def other_backlog_topic(world):
    return {"slug": "beta", "pk": BacklogTopicFactory(network=world.other_network).pk}


def mismatched_backlog_topic(world):
    return {"slug": "alpha", "pk": BacklogTopicFactory(network=world.other_network).pk}


OWN, OTHER, UNKNOWN = {"slug": "alpha"}, {"slug": "beta"}, {"slug": "gibt-es-nicht"}
MEMBERS = "302 404 200 200 200 200"
MANAGE = "302 404 403 403 200 200"
DRAFT = "302 404 404 404 200 200"
OTHER_NETWORK = "302 404 404 404 404 200"
NOWHERE = "302 404 404 404 404 404"

ROWS: dict = {
    "surveys:list": ({}, "302 200 200 200 200 200"),
    "surveys:create": (OWN, "302 403 403 403 200 200"),
    "surveys:create[other]": (OTHER, "302 403 403 403 403 200"),
    "surveys:create[unknown]": (UNKNOWN, NOWHERE),
    # Answering: members of the network; drafts only for the coordination.
    "surveys:detail": (open_survey, MEMBERS),
    "surveys:detail[closed]": (closed, MEMBERS),
    "surveys:detail[draft]": (draft_survey, DRAFT),
    "surveys:detail[other]": (other_open_survey, OTHER_NETWORK),
    "surveys:detail[unknown]": ({"pk": 999999}, NOWHERE),
    # Managing: coordinators of the survey's network and admins.
    "surveys:manage": (open_survey, MANAGE),
    "surveys:manage[draft]": (draft_survey, DRAFT),
    "surveys:manage[other]": (other_open_survey, OTHER_NETWORK),
    "surveys:edit": (open_survey, MANAGE),
    "surveys:edit[draft]": (draft_survey, DRAFT),
    "surveys:edit[other]": (other_open_survey, OTHER_NETWORK),
    # POST only: the rule is checked first, then the method.
    "surveys:transition": (open_survey, "302 404 403 403 405 405"),
    "surveys:transition[other]": (other_open_survey, "302 404 404 404 404 405"),
    "surveys:question_add": (draft_survey, DRAFT),
    "surveys:question_add[open]": (open_survey, MANAGE),
    "surveys:question_add[other]": (other_open_survey, OTHER_NETWORK),
    "surveys:question_edit": (draft_question, DRAFT),
    "surveys:question_edit[mismatched]": (mismatched_question, NOWHERE),
    "surveys:question_delete": (draft_question, "302 404 404 404 405 405"),
    "surveys:question_move": (draft_question, "302 404 404 404 405 405"),
    # Results: the coordination always, members once closed.
    "surveys:results": (open_survey, MANAGE),
    "surveys:results[closed]": (closed, MEMBERS),
    "surveys:results[draft]": (draft_survey, DRAFT),
    "surveys:results[other-closed]": (other_closed, OTHER_NETWORK),
    "surveys:export": (closed, MANAGE),
    "surveys:export[other]": (other_closed, OTHER_NETWORK),
    # The topic backlog: members of the network read it, the coordination keeps it.
    "surveys:backlog": (OWN, "302 403 200 200 200 200"),
    "surveys:backlog[other]": (OTHER, "302 403 403 403 403 200"),
    "surveys:backlog[unknown]": (UNKNOWN, NOWHERE),
    "surveys:backlog_add": (OWN, "302 403 403 403 200 200"),
    "surveys:backlog_add[other]": (OTHER, "302 403 403 403 403 200"),
    "surveys:backlog_edit": (backlog_topic, "302 403 403 403 200 200"),
    "surveys:backlog_edit[other]": (other_backlog_topic, "302 403 403 403 403 200"),
    "surveys:backlog_edit[mismatched]": (mismatched_backlog_topic, NOWHERE),
}
