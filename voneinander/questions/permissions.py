"""Permission predicates for questions; PERMISSIONS is merged into voneinander/policy.py.

The questions of a network are for its members (contact persons and coordinators
are members too) and platform admins; `selectors.questions_visible_to(user)` is
the same rule as a queryset. Authors edit their own posts; an author deletes a
question while it has no answer and an answer while it is not the accepted one.
Coordinators of the network (and admins) may delete any post, with a reason.
"""

import rules

from voneinander.networks.roles import COORDINATOR, MEMBER, network_roles
from voneinander.networks.roles import is_platform_admin as _is_admin


def sees_network(user, network_id) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return _is_admin(user) or network_roles(user).has(network_id, MEMBER)


def moderates_network(user, network_id) -> bool:
    return _is_admin(user) or network_roles(user).has(network_id, COORDINATOR)


@rules.predicate
def can_see_network_questions(user, network) -> bool:
    return network is not None and sees_network(user, network.pk)


@rules.predicate
def can_see_question(user, question) -> bool:
    return question is not None and sees_network(user, question.network_id)


@rules.predicate
def can_see_answer(user, answer) -> bool:
    return answer is not None and sees_network(user, answer.question.network_id)


@rules.predicate
def is_question_author(user, question) -> bool:
    return question is not None and user.is_authenticated and question.author_id == user.pk


@rules.predicate
def is_answer_author(user, answer) -> bool:
    return answer is not None and user.is_authenticated and answer.author_id == user.pk


@rules.predicate
def question_unanswered(user, question) -> bool:
    """No answer yet (selectors annotate `answer_count`; otherwise one query)."""
    if question is None:
        return False
    count = getattr(question, "answer_count", None)
    return (count if count is not None else question.answers.count()) == 0


@rules.predicate
def answer_not_accepted(user, answer) -> bool:
    return answer is not None and answer.question.accepted_answer_id != answer.pk


@rules.predicate
def moderates_question(user, question) -> bool:
    return question is not None and moderates_network(user, question.network_id)


@rules.predicate
def moderates_answer(user, answer) -> bool:
    return answer is not None and moderates_network(user, answer.question.network_id)


PERMISSIONS: dict = {
    # The questions of a network (obj: the network).
    "questions.view_questions": can_see_network_questions,
    "questions.ask_question": can_see_network_questions,
    # One question (obj: the question): read, answer, follow.
    "questions.view_question": can_see_question,
    "questions.answer_question": can_see_question,
    "questions.follow_question": can_see_question,
    "questions.edit_question": can_see_question & is_question_author,
    "questions.delete_question": can_see_question
    & ((is_question_author & question_unanswered) | moderates_question),
    # Mark an answer as the accepted one, or change it (obj: the question).
    "questions.accept_answer": can_see_question & (is_question_author | moderates_question),
    # One answer (obj: the answer).
    "questions.edit_answer": can_see_answer & is_answer_author,
    "questions.delete_answer": can_see_answer
    & ((is_answer_author & answer_not_accepted) | moderates_answer),
}
