"""Rows of the permission matrix (tests/test_access_matrix.py) for questions.

Format as in tests/events/access_rows.py. The questions of a network are for its
members (the "member", "contact" and "coordinator" roles in alpha) and admins;
signed-in people outside the network get 404, anonymous visitors the login page
(also for objects that do not exist, so that nothing is given away).
In the rows below, "member" wrote the questions and "contact" the answers.
Platform admins pass every permission (Django's superuser rule), editing included.
"""

from tests.questions.factories import AnswerFactory, QuestionFactory, member_of

OWN = {"slug": "alpha"}
OTHER = {"slug": "beta"}
UNKNOWN_NETWORK = {"slug": "gibt-es-nicht"}
UNKNOWN = {"pk": 999999}


def _question(world, *, network="alpha", answered=False):
    if network == "alpha":
        question = QuestionFactory(network=world.network, author=world.user("member"))
    else:
        question = QuestionFactory(network=world.other_network)
    if answered:
        AnswerFactory(question=question, author=world.user("contact"))
    return question


def question(world):
    return {"pk": _question(world).pk}


def answered_question(world):
    return {"pk": _question(world, answered=True).pk}


def other_question(world):
    return {"pk": _question(world, network="beta").pk}


def answer(world):
    return {"pk": AnswerFactory(question=_question(world), author=world.user("contact")).pk}


def accepted_answer(world):
    chosen = AnswerFactory(question=_question(world), author=world.user("contact"))
    chosen.question.accepted_answer = chosen
    chosen.question.save()
    return {"pk": chosen.pk}


def other_answer(world):
    beta = _question(world, network="beta")
    return {"pk": AnswerFactory(question=beta, author=member_of(world.other_network)).pk}


ROWS = {
    "questions:list": (OWN, "302 404 200 200 200 200"),
    "questions:list[other]": (OTHER, "302 404 404 404 404 200"),
    "questions:list[unknown]": (UNKNOWN_NETWORK, "302 404 404 404 404 404"),
    "questions:ask": (OWN, "302 404 200 200 200 200"),
    "questions:ask[other]": (OTHER, "302 404 404 404 404 200"),
    # POST only: the rule is checked first, then the method.
    "questions:topic_follow": (OWN, "302 404 405 405 405 405"),
    "questions:topic_follow[other]": (OTHER, "302 404 404 404 404 405"),
    "questions:detail": (question, "302 404 200 200 200 200"),
    "questions:detail[other]": (other_question, "302 404 404 404 404 200"),
    "questions:detail[unknown]": (UNKNOWN, "302 404 404 404 404 404"),
    "questions:answer": (question, "302 404 405 405 405 405"),
    "questions:answer[other]": (other_question, "302 404 404 404 404 405"),
    # Only the author (and an admin) edits a question.
    "questions:edit": (question, "302 404 200 403 403 200"),
    "questions:edit[other]": (other_question, "302 404 404 404 404 200"),
    # The author while it has no answer; coordinators and admins always (with a reason).
    "questions:delete": (question, "302 404 200 403 200 200"),
    "questions:delete[answered]": (answered_question, "302 404 403 403 200 200"),
    "questions:delete[other]": (other_question, "302 404 404 404 404 200"),
    "questions:accept": (question, "302 404 405 403 405 405"),
    "questions:accept[other]": (other_question, "302 404 404 404 404 405"),
    "questions:follow": (question, "302 404 405 405 405 405"),
    "questions:follow[other]": (other_question, "302 404 404 404 404 405"),
    "questions:answer_edit": (answer, "302 404 403 200 403 200"),
    "questions:answer_edit[other]": (other_answer, "302 404 404 404 404 200"),
    "questions:answer_delete": (answer, "302 404 403 200 200 200"),
    "questions:answer_delete[accepted]": (accepted_answer, "302 404 403 403 200 200"),
    "questions:answer_delete[other]": (other_answer, "302 404 404 404 404 200"),
}
