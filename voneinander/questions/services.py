"""Writes for questions: asking, answering, accepting, editing, deleting, following.

Who may call which function is decided by the permissions (views name them);
the rules of the content itself live here: lengths, the topic limit, that an
accepted answer belongs to its question, that an author deletes a question only
while it has no answers, and that coordinators give a reason when they remove
someone else's post (audited, and the author is told why).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voneinander.audit.services import record_event
from voneinander.knowledge.models import Topic
from voneinander.networks.models import Network
from voneinander.questions import mentions
from voneinander.questions.models import (
    Answer,
    EmailFrequency,
    Follow,
    Notification,
    NotificationSettings,
    Question,
)
from voneinander.questions.notifications import in_mail_language, notify, site_path
from voneinander.questions.selectors import network_members

TITLE_MAX = 200
TEXT_MAX = 10000
ANSWER_MAX = 10000
REASON_MAX = 500
MAX_TOPICS = 5

# Notification texts (stored in the default language, see notifications.py).
ANSWERED = gettext_lazy("%(person)s answered “%(question)s”.")
MENTIONED_IN_QUESTION = gettext_lazy("%(person)s mentioned you in the question “%(question)s”.")
MENTIONED_IN_ANSWER = gettext_lazy("%(person)s mentioned you in an answer to “%(question)s”.")
NEW_IN_TOPIC = gettext_lazy("New question on %(topic)s: “%(question)s”.")
ACCEPTED = gettext_lazy("Your answer to “%(question)s” was marked as the accepted answer.")
QUESTION_REMOVED = gettext_lazy(
    "A coordinator removed your question “%(question)s”. Reason: %(reason)s"
)
ANSWER_REMOVED = gettext_lazy(
    "A coordinator removed your answer to “%(question)s”. Reason: %(reason)s"
)


def _text(message, **params) -> str:
    return in_mail_language(lambda: str(message) % params)


def _question_url(question: Question) -> str:
    return site_path("questions:detail", pk=question.pk)


def _answer_url(answer: Answer) -> str:
    return f"{_question_url(answer.question)}#antwort-{answer.pk}"


def _check_length(value: str, limit: int, field: str) -> None:
    if len(value) > limit:
        raise ValidationError(
            {
                field: _("Please keep it to %(limit)d characters (it has %(count)d).")
                % {"limit": limit, "count": len(value)}
            }
        )


def _clean_question(title: str, text: str, topics) -> tuple[str, str, list[Topic]]:
    title, text = " ".join((title or "").split()), (text or "").strip()
    if not title:
        raise ValidationError({"title": _("Please write your question.")})
    _check_length(title, TITLE_MAX, "title")
    _check_length(text, TEXT_MAX, "text")
    topics = list(topics or [])
    if len(topics) > MAX_TOPICS:
        raise ValidationError(
            {"topics": _("Please choose at most %(count)d topics.") % {"count": MAX_TOPICS}}
        )
    return title, text, topics


def _clean_answer(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please write your answer.")})
    _check_length(text, ANSWER_MAX, "text")
    return text


def _resolve_mentions(post, network: Network, *, new: bool) -> list:
    """Store who the post mentions; returns the people mentioned for the first time.

    The handles that matched nobody are left on `post.unmatched_mentions`.
    """
    members = network_members(network).only("pk", "first_name", "last_name", "email")
    people, unmatched = mentions.resolve(post.text, members)
    post.unmatched_mentions = unmatched
    if new:
        if people:
            post.mentioned.set(people)
        return people
    before = set(post.mentioned.values_list("pk", flat=True))
    post.mentioned.set(people)
    return [person for person in people if person.pk not in before]


def _follow(user, question: Question) -> None:
    if user is not None:
        Follow.objects.get_or_create(user=user, question=question)


def _notify_mentioned(post, people, *, question: Question, url: str, by) -> set[int]:
    """Tell the people newly mentioned in `post`; returns who was told."""
    message = MENTIONED_IN_ANSWER if isinstance(post, Answer) else MENTIONED_IN_QUESTION
    told = notify(
        user_ids=[person.pk for person in people if person.pk != by.pk],
        network=question.network,
        kind="questions.mention",
        text=_text(message, person=by.display_name, question=question.title),
        url=url,
    )
    return {notification.user_id for notification in told}


# --- Questions -------------------------------------------------------------------------------


def ask_question(*, network: Network, author, title: str, text: str = "", topics=()) -> Question:
    title, text, topics = _clean_question(title, text, topics)
    with transaction.atomic():
        question = Question(network=network, author=author, title=title, text=text)
        question.full_clean()
        question.save()
        question.topics.set(topics)
        mentioned = _resolve_mentions(question, network, new=True)
        _follow(author, question)
        url = _question_url(question)
        told = _notify_mentioned(question, mentioned, question=question, url=url, by=author)
        for topic in topics:
            followers = (
                Follow.objects.filter(topic=topic, network=network)
                .exclude(user_id__in=told | {author.pk})
                .values_list("user_id", flat=True)
            )
            sent = notify(
                user_ids=followers,
                network=network,
                kind="questions.topic",
                text=_text(NEW_IN_TOPIC, topic=topic.name, question=title),
                url=url,
            )
            told |= {notification.user_id for notification in sent}
    return question


def edit_question(*, question: Question, by, title: str, text: str = "", topics=()) -> Question:
    title, text, topics = _clean_question(title, text, topics)
    with transaction.atomic():
        question.title, question.text, question.edited_at = title, text, timezone.now()
        question.full_clean()
        question.save(update_fields=["title", "text", "edited_at"])
        question.topics.set(topics)
        added = _resolve_mentions(question, question.network, new=False)
        _notify_mentioned(question, added, question=question, url=_question_url(question), by=by)
    return question


def own_unanswered(question: Question, user) -> bool:
    """The case in which an author deletes a question without moderating it."""
    count = getattr(question, "answer_count", None)
    if count is None:
        count = question.answers.count()
    return question.author_id == user.pk and count == 0


def delete_question(*, question: Question, by, reason: str = "", moderated: bool) -> None:
    """The author deletes an unanswered question; moderators (coordinators) any, with a reason.

    `moderated` says in which role `by` acts (the permission decided that they may).
    """
    reason = " ".join((reason or "").split())
    with transaction.atomic():
        if moderated:
            if not reason:
                raise ValidationError({"reason": _("Please give a reason for the author.")})
            _check_length(reason, REASON_MAX, "reason")
            record_event(
                actor=by,
                action="question.removed",
                target=question,
                data={"network": question.network.slug, "reason": reason},
            )
        elif question.author_id != by.pk or question.answers.exists():
            raise ValidationError(
                _("This question has answers now and can no longer be deleted by its author.")
            )
        url = _question_url(question)
        Notification.objects.filter(url__startswith=url).delete()
        network, title, author = question.network, question.title, question.author
        question.delete()
        if moderated and author is not None and author.pk != by.pk:
            notify(
                user_ids=[author.pk],
                network=network,
                kind="questions.removed",
                text=_text(QUESTION_REMOVED, question=title, reason=reason),
                url=site_path("questions:list", slug=network.slug),
            )


# --- Answers ---------------------------------------------------------------------------------


def answer_question(*, question: Question, author, text: str) -> Answer:
    text = _clean_answer(text)
    with transaction.atomic():
        answer = Answer(question=question, author=author, text=text)
        answer.full_clean()
        answer.save()
        question.last_activity_at = answer.created_at
        question.save(update_fields=["last_activity_at"])
        mentioned = _resolve_mentions(answer, question.network, new=True)
        url = _answer_url(answer)
        told = _notify_mentioned(answer, mentioned, question=question, url=url, by=author)
        followers = (
            Follow.objects.filter(question=question)
            .exclude(user_id__in=told | {author.pk})
            .values_list("user_id", flat=True)
        )
        notify(
            user_ids=followers,
            network=question.network,
            kind="questions.answer",
            text=_text(ANSWERED, person=author.display_name, question=question.title),
            url=url,
        )
        _follow(author, question)
    return answer


def edit_answer(*, answer: Answer, by, text: str) -> Answer:
    text = _clean_answer(text)
    with transaction.atomic():
        answer.text, answer.edited_at = text, timezone.now()
        answer.full_clean()
        answer.save(update_fields=["text", "edited_at", "updated_at"])
        added = _resolve_mentions(answer, answer.question.network, new=False)
        _notify_mentioned(answer, added, question=answer.question, url=_answer_url(answer), by=by)
    return answer


def own_unaccepted(answer: Answer, user) -> bool:
    """The case in which an author deletes an answer without moderating it."""
    return answer.author_id == user.pk and answer.question.accepted_answer_id != answer.pk


def delete_answer(*, answer: Answer, by, reason: str = "", moderated: bool) -> None:
    """The author deletes an answer unless accepted; moderators any, with a reason."""
    reason = " ".join((reason or "").split())
    question = answer.question
    with transaction.atomic():
        if moderated:
            if not reason:
                raise ValidationError({"reason": _("Please give a reason for the author.")})
            _check_length(reason, REASON_MAX, "reason")
            record_event(
                actor=by,
                action="answer.removed",
                target=question,
                data={"network": question.network.slug, "answer": answer.pk, "reason": reason},
            )
        elif not own_unaccepted(answer, by):
            raise ValidationError(
                _("This answer is the accepted one and can no longer be deleted by its author.")
            )
        Notification.objects.filter(url=_answer_url(answer)).delete()
        author = answer.author
        answer.delete()
        if moderated and author is not None and author.pk != by.pk:
            notify(
                user_ids=[author.pk],
                network=question.network,
                kind="questions.removed",
                text=_text(ANSWER_REMOVED, question=question.title, reason=reason),
                url=_question_url(question),
            )


def accept_answer(*, question: Question, answer: Answer | None, by) -> Question:
    """Mark `answer` as the accepted one (None: no accepted answer)."""
    if answer is not None and answer.question_id != question.pk:
        raise ValidationError(_("This answer belongs to another question."))
    new_id = answer.pk if answer is not None else None
    if question.accepted_answer_id == new_id:
        return question
    with transaction.atomic():
        question.accepted_answer = answer
        question.save(update_fields=["accepted_answer"])
        if answer is not None and answer.author_id not in {None, by.pk}:
            notify(
                user_ids=[answer.author_id],
                network=question.network,
                kind="questions.accepted",
                text=_text(ACCEPTED, question=question.title),
                url=_answer_url(answer),
            )
    return question


# --- Following -------------------------------------------------------------------------------


def follow_question(*, question: Question, user) -> Follow:
    follow, _created = Follow.objects.get_or_create(user=user, question=question)
    return follow


def unfollow_question(*, question: Question, user) -> None:
    Follow.objects.filter(user=user, question=question).delete()


def follow_topic(*, network: Network, topic: Topic, user) -> Follow:
    follow, _created = Follow.objects.get_or_create(user=user, topic=topic, network=network)
    return follow


def unfollow_topic(*, network: Network, topic: Topic, user) -> None:
    Follow.objects.filter(user=user, topic=topic, network=network).delete()


# --- Notifications ---------------------------------------------------------------------------


def mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mark_question_read(*, user, question: Question) -> int:
    """Viewing a question reads the notifications that point to it (in any language)."""
    return Notification.objects.filter(
        user=user, read_at__isnull=True, url__startswith=_question_url(question)
    ).update(read_at=timezone.now())


def set_email_frequency(*, user, email: str) -> NotificationSettings:
    if email not in EmailFrequency.values:
        raise ValidationError({"email": _("Please choose how you want to be notified.")})
    settings_row, _created = NotificationSettings.objects.update_or_create(
        user=user, defaults={"email": email}
    )
    return settings_row
