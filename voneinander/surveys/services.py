"""Writes for surveys and the topic backlog: one function per use case.

Rules that live here and nowhere else:
- states go draft → open → closed; a survey opens only with at least one
  question and a closing date in the future; a closed survey is not reopened;
- questions (and who answers) are fixed once the first response is in: edits
  and new responses lock the survey's row, so that no response arrives between
  the check "no responses yet" and the edit (and none after closing);
- a response is accepted only while the survey is open, from a person of a
  member municipality, once per municipality or once per person. The check
  before saving gives the friendly message; the database's unique constraint
  decides when two people of a municipality submit at the same moment.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from voneinander.audit.services import record_event
from voneinander.events.selectors import events_visible_to
from voneinander.knowledge.models import Topic
from voneinander.surveys import selectors
from voneinander.surveys.answers import check_answer
from voneinander.surveys.models import (
    CHOICE_KINDS,
    Answer,
    BacklogStatus,
    BacklogTopic,
    Option,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyState,
)
from voneinander.surveys.results import option_standing

SURVEY_FIELDS = ("title", "introduction", "respondent_mode", "closes_at")
QUESTION_FIELDS = (
    "kind",
    "text",
    "help_text",
    "required",
    "max_choices",
    "scale_min",
    "scale_max",
    "label_min",
    "label_max",
)
BACKLOG_FIELDS = ("title", "topic", "description", "status", "reason", "working_group", "event")
MAX_OPTIONS = 20
MAX_RANKED = 10
MAX_SCALE_POINTS = 11


# --- Surveys ------------------------------------------------------------------------


def _minute(moment: datetime.datetime) -> datetime.datetime:
    """Closing dates are entered to the minute."""
    return moment.replace(second=0, microsecond=0)


def _future(closes_at: datetime.datetime) -> None:
    if closes_at <= timezone.now():
        raise ValidationError(
            {"closes_at": _("The closing date must lie in the future.")}, code="past"
        )


def _lock(survey: Survey) -> Survey:
    """The survey's row, locked until the transaction ends (its state as stored now)."""
    return Survey.objects.select_for_update().get(pk=survey.pk)


def create_survey(
    *,
    network,
    by,
    title: str,
    respondent_mode: str,
    closes_at: datetime.datetime,
    introduction: str = "",
) -> Survey:
    closes_at = _minute(closes_at)
    _future(closes_at)
    survey = Survey(
        network=network,
        title=title,
        introduction=introduction,
        respondent_mode=respondent_mode,
        closes_at=closes_at,
        created_by=by,
    )
    survey.full_clean()
    with transaction.atomic():
        survey.save()
        record_event(actor=by, action="survey.created", target=survey)
    return survey


def update_survey(*, survey: Survey, by, values: dict) -> list[str]:
    """Change title, introduction, who answers and the closing date; returns what changed."""
    values = dict(values)
    if values.get("closes_at") is not None:
        values["closes_at"] = _minute(values["closes_at"])
        if values["closes_at"] == _minute(survey.closes_at):
            del values["closes_at"]
    changed = [
        name for name in SURVEY_FIELDS if name in values and getattr(survey, name) != values[name]
    ]
    if not changed:
        return []
    with transaction.atomic():
        stored = _lock(survey)
        if "respondent_mode" in changed and selectors.has_responses(survey):
            raise ValidationError(
                {"respondent_mode": _("Who answers cannot change once responses are in.")},
                code="has_responses",
            )
        if "closes_at" in changed:
            if stored.is_closed:
                raise ValidationError(
                    {"closes_at": _("A closed survey cannot be reopened.")}, code="closed"
                )
            _future(values["closes_at"])
        for name in changed:
            setattr(survey, name, values[name])
        survey.full_clean()
        survey.save(update_fields=changed)
        record_event(actor=by, action="survey.changed", target=survey, data={"fields": changed})
    return changed


def open_survey(*, survey: Survey, by) -> Survey:
    with transaction.atomic():
        stored = _lock(survey)
        if stored.state != SurveyState.DRAFT:
            raise ValidationError(_("Only a draft can be opened."), code="not_draft")
        if not survey.questions.exists():
            raise ValidationError(
                _("Add at least one question before opening the survey."), code="no_questions"
            )
        if stored.closes_at <= timezone.now():
            raise ValidationError(
                _("The closing date has passed; set a new one before opening the survey."),
                code="past",
            )
        survey.state, survey.opened_at = SurveyState.OPEN, timezone.now()
        survey.save(update_fields=["state", "opened_at"])
        record_event(actor=by, action="survey.opened", target=survey)
    return survey


def close_survey(*, survey: Survey, by) -> Survey:
    """Close before the closing date (after it, the survey is closed anyway)."""
    with transaction.atomic():
        if _lock(survey).state != SurveyState.OPEN:
            raise ValidationError(_("Only an open survey can be closed."), code="not_open")
        survey.state, survey.closed_at = SurveyState.CLOSED, timezone.now()
        survey.save(update_fields=["state", "closed_at"])
        record_event(actor=by, action="survey.closed", target=survey)
    return survey


def delete_survey(*, survey: Survey, by) -> None:
    if survey.state != SurveyState.DRAFT or selectors.has_responses(survey):
        raise ValidationError(_("Only a draft without responses can be deleted."), code="not_draft")
    with transaction.atomic():
        record_event(
            actor=by, action="object.deleted", target=survey, data={"model": "surveys.survey"}
        )
        survey.delete()


# --- Questions ----------------------------------------------------------------------


def _questions_editable(survey: Survey) -> None:
    """Call inside a transaction, with the survey locked (`_lock`)."""
    if survey.is_closed:
        raise ValidationError(_("The survey is closed; its questions are final."), code="closed")
    if selectors.has_responses(survey):
        raise ValidationError(
            _("Responses are in; the questions can no longer change."), code="has_responses"
        )


def _clean_options(kind: str, options: list[str]) -> list[str]:
    if kind not in CHOICE_KINDS:
        return []
    cleaned, seen = [], set()
    for text in options:
        text = " ".join(text.split())
        if not text:
            continue
        if text.casefold() in seen:
            raise ValidationError(
                {"options": _("“%(option)s” is listed twice.") % {"option": text}},
                code="duplicate",
            )
        if len(text) > 200:
            raise ValidationError(
                {"options": _("An option may have at most 200 characters.")}, code="too_long"
            )
        seen.add(text.casefold())
        cleaned.append(text)
    limit = MAX_RANKED if kind == QuestionKind.RANKING else MAX_OPTIONS
    if len(cleaned) < 2:
        raise ValidationError(
            {"options": _("Give at least two options, one per line.")}, code="too_few"
        )
    if len(cleaned) > limit:
        raise ValidationError(
            {"options": _("Give at most %(limit)s options.") % {"limit": limit}},
            code="too_many",
        )
    return cleaned


def _check_question(values: dict, options: list[str]) -> dict:
    kind = values["kind"]
    values = dict(values)
    if kind != QuestionKind.MULTIPLE:
        values["max_choices"] = None
    elif values.get("max_choices") is not None and not 1 <= values["max_choices"] <= len(options):
        raise ValidationError(
            {
                "max_choices": _("Give a number from 1 to %(count)s (the number of options).")
                % {"count": len(options)}
            },
            code="max_choices",
        )
    if kind == QuestionKind.SCALE:
        low, high = values.get("scale_min"), values.get("scale_max")
        if low is None or high is None or high <= low:
            raise ValidationError(
                {"scale_max": _("The highest value must be above the lowest.")}, code="scale"
            )
        if high - low + 1 > MAX_SCALE_POINTS:
            raise ValidationError(
                {
                    "scale_max": _("A scale has at most %(count)s values.")
                    % {"count": MAX_SCALE_POINTS}
                },
                code="scale",
            )
    else:
        values.update(scale_min=1, scale_max=5, label_min="", label_max="")
    return values


def _topics_by_name() -> dict[str, Topic]:
    return {topic.name.casefold(): topic for topic in Topic.objects.filter(active=True)}


def _write_options(question: Question, options: list[str]) -> None:
    """Keep option rows by position (their ids stay), add and remove the rest.

    An option named like a topic of the vocabulary is linked to it, so that a
    backlog topic made from it starts with that topic.
    """
    topics = _topics_by_name() if options else {}
    existing = list(question.options.order_by("position", "pk"))
    for position, text in enumerate(options):
        topic = topics.get(text.casefold())
        if position < len(existing):
            option = existing[position]
            option.text, option.position, option.topic = text, position, topic
            option.full_clean()
            option.save(update_fields=["text", "position", "topic"])
        else:
            option = Option(question=question, position=position, text=text, topic=topic)
            option.full_clean()
            option.save()
    for option in existing[len(options) :]:
        option.delete()


def save_question(
    *, survey: Survey, by, values: dict, options: list[str], question: Question | None = None
) -> Question:
    """Add a question at the end, or change one; `options` are the lines of the option list."""
    with transaction.atomic():
        _questions_editable(_lock(survey))
        options = _clean_options(values["kind"], options)
        values = _check_question(values, options)
        if question is None:
            last = survey.questions.aggregate(last=Max("position"))["last"]
            question = Question(survey=survey, position=0 if last is None else last + 1)
        for name in QUESTION_FIELDS:
            setattr(question, name, values.get(name, getattr(question, name)))
        question.full_clean()
        question.save()
        _write_options(question, options)
        record_event(
            actor=by,
            action="survey.questions_changed",
            target=survey,
            data={"question": question.pk},
        )
    return question


def delete_question(*, question: Question, by) -> None:
    survey = question.survey
    with transaction.atomic():
        _questions_editable(_lock(survey))
        pk = question.pk
        question.delete()
        _renumber(survey)
        record_event(
            actor=by, action="survey.questions_changed", target=survey, data={"deleted": pk}
        )


def _renumber(survey: Survey, order: list[Question] | None = None) -> None:
    questions = order if order is not None else list(survey.questions.order_by("position", "pk"))
    for position, item in enumerate(questions):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def move_question(*, question: Question, by, up: bool) -> None:
    survey = question.survey
    with transaction.atomic():
        _questions_editable(_lock(survey))
        questions = list(survey.questions.select_for_update().order_by("position", "pk"))
        index = next(i for i, item in enumerate(questions) if item.pk == question.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(questions):
            return
        questions[index], questions[other] = questions[other], questions[index]
        _renumber(survey, questions)
        record_event(
            actor=by,
            action="survey.questions_changed",
            target=survey,
            data={"moved": question.pk},
        )


# --- Answering -------------------------------------------------------------------------


def already_answered_message(response: Response) -> str:
    when = date_format(timezone.localtime(response.submitted_at), "DATETIME_FORMAT")
    if not response.per_municipality:
        return _("You have already answered this survey (on %(date)s).") % {"date": when}
    if response.user is not None:
        return _("%(municipality)s has already answered this survey: %(person)s on %(date)s.") % {
            "municipality": response.municipality.name,
            "person": response.user.display_name,
            "date": when,
        }
    return _("%(municipality)s has already answered this survey (on %(date)s).") % {
        "municipality": response.municipality.name,
        "date": when,
    }


def _answer_rows(question: Question, cleaned) -> list[Answer]:
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        return [Answer(question=question, option=cleaned)] if cleaned else []
    if kind == QuestionKind.MULTIPLE:
        return [Answer(question=question, option=option) for option in cleaned]
    if kind == QuestionKind.RANKING:
        return [Answer(question=question, option=option, rank=place) for option, place in cleaned]
    if kind == QuestionKind.SCALE:
        return [] if cleaned is None else [Answer(question=question, value=cleaned)]
    return [Answer(question=question, text=cleaned)] if cleaned else []


def check_may_answer(*, survey: Survey, user, municipality=None):
    """The municipality the person answers for; ValidationError if they may not answer now."""
    if not survey.is_open:
        raise ValidationError(
            _("This survey is closed; answers are no longer accepted."), code="closed"
        )
    allowed = selectors.respondent_municipalities(user, survey.network)
    if not allowed:
        raise ValidationError(
            _("Only people of the network's member municipalities can answer this survey."),
            code="not_respondent",
        )
    if municipality is None:
        municipality = allowed[0]
    elif municipality.pk not in {item.pk for item in allowed}:
        raise ValidationError(
            _("You cannot answer for %(municipality)s.") % {"municipality": municipality.name},
            code="not_respondent",
        )
    existing = selectors.existing_response(survey, user=user, municipality=municipality)
    if existing is not None:
        raise ValidationError(already_answered_message(existing), code="already_answered")
    return municipality


def submit_response(*, survey: Survey, user, municipality=None, answers: dict) -> Response:
    """Store one response; `answers` maps question ids to raw values (see answers.py).

    ValidationError on a closed survey, for people who may not answer, for a
    second response, and (as a dict keyed "q<id>") for invalid answers.
    """
    municipality = check_may_answer(survey=survey, user=user, municipality=municipality)
    try:
        with transaction.atomic():
            # The questions as they stand under the lock: none changes while this is stored.
            stored = _lock(survey)
            if not stored.is_open:
                raise ValidationError(
                    _("This survey is closed; answers are no longer accepted."), code="closed"
                )
            rows, errors = [], {}
            for question in selectors.questions_of(stored):
                try:
                    rows += _answer_rows(question, check_answer(question, answers.get(question.pk)))
                except ValidationError as error:
                    errors[f"q{question.pk}"] = error
            if errors:
                raise ValidationError(errors)
            response = Response.objects.create(
                survey=survey,
                per_municipality=stored.per_municipality,
                municipality=municipality,
                user=user,
            )
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
    except IntegrityError:
        # Someone of the same municipality (or the same person in another tab) was faster.
        existing = selectors.existing_response(survey, user=user, municipality=municipality)
        if existing is None:
            raise
        raise ValidationError(already_answered_message(existing), code="already_answered") from None
    return response


# --- The topic backlog ---------------------------------------------------------------


def _check_backlog(network, item: BacklogTopic, *, by, event_changed: bool = True) -> None:
    """The rules between status, links and reason; a newly named meeting must be one `by` sees."""
    errors = {}
    if item.status == BacklogStatus.WORKING_GROUP and item.working_group is None:
        errors["working_group"] = _("Name the working group that takes the topic up.")
    if item.status == BacklogStatus.AGENDA and item.event is None:
        errors["event"] = _("Name the meeting on whose agenda the topic is.")
    if item.status == BacklogStatus.DECLINED and not item.reason.strip():
        errors["reason"] = _("Give the reason why the topic was declined.")
    group = item.working_group
    if group is not None and group not in selectors.working_groups_for(network):
        errors["working_group"] = _("This working group does not belong to the network.")
    if item.event is not None and event_changed:
        if not events_visible_to(by).filter(pk=item.event.pk).exists():
            errors["event"] = _("Please choose one of the network's meetings from the list.")
        elif not item.event.networks.filter(pk=network.pk).exists():
            errors["event"] = _("This meeting is not organised by the network.")
    if errors:
        raise ValidationError(errors)


def source_closed_message() -> str:
    return _(
        "The survey is still open. Topics can be taken from its results once it has closed, "
        "so that interim figures do not reach the members and sway the answers."
    )


def _check_source_closed(survey: Survey) -> None:
    if not survey.is_closed:
        raise ValidationError(source_closed_message(), code="survey_open")


def create_backlog_topic(
    *, network, by, values: dict, option: Option | None = None, answer: Answer | None = None
) -> BacklogTopic:
    """A topic for the backlog, from an option of a result, a free-text answer or by hand."""
    item = BacklogTopic(network=network, created_by=by)
    for name in BACKLOG_FIELDS:
        if name in values:
            setattr(item, name, values[name])
    if option is not None:
        question = option.question
        if question.survey.network_id != network.pk:
            raise ValidationError(_("The option belongs to another network's survey."))
        _check_source_closed(question.survey)
        item.survey, item.question, item.option = question.survey, question, option
        item.votes, item.base, item.place = option_standing(option)
    elif answer is not None:
        question = answer.question
        if question.survey.network_id != network.pk or question.kind != QuestionKind.TEXT:
            raise ValidationError(_("The answer belongs to another network's survey."))
        _check_source_closed(question.survey)
        item.survey, item.question, item.answer = question.survey, question, answer
    _check_backlog(network, item, by=by)
    item.full_clean()
    with transaction.atomic():
        item.save()
        record_event(
            actor=by,
            action="backlog.topic_added",
            target=item,
            data={"status": item.status, "survey": item.survey_id},
        )
    return item


def update_backlog_topic(*, item: BacklogTopic, by, values: dict) -> list[str]:
    changed = []
    for name in BACKLOG_FIELDS:
        if name in values and getattr(item, name) != values[name]:
            setattr(item, name, values[name])
            changed.append(name)
    if not changed:
        return []
    _check_backlog(item.network, item, by=by, event_changed="event" in changed)
    item.full_clean()
    with transaction.atomic():
        item.save()
        record_event(
            actor=by,
            action="backlog.topic_changed",
            target=item,
            data={"fields": changed, "status": item.status},
        )
    return changed
