"""What counts as a valid answer to each kind of question.

The answer form uses it for messages at the question; `services.submit_response`
runs it again, so that nothing invalid is stored whatever calls the service.

Raw values (as the form parses them) and what `check_answer` returns:
  single     option pk or None            → Option or None
  multiple   list of option pks           → list of Options (in the question's order)
  ranking    {option pk: place or None}   → list of (Option, place), or [] when left out
  scale      int or None                  → int or None
  text       str                          → str ("" when left out)
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from voneinander.surveys.models import Question, QuestionKind

MAX_TEXT = 5000


def _required() -> ValidationError:
    return ValidationError(_("Please answer this question."), code="required")


def _invalid_option() -> ValidationError:
    return ValidationError(_("Please choose one of the options shown."), code="invalid_choice")


def _as_int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _invalid_option() from None


def check_answer(question: Question, value):
    """The cleaned answer, or ValidationError with a message for the person answering."""
    options = {option.pk: option for option in question.options.all()}
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        if value in (None, ""):
            if question.required:
                raise _required()
            return None
        option = options.get(_as_int(value))
        if option is None:
            raise _invalid_option()
        return option
    if kind == QuestionKind.MULTIPLE:
        chosen = {_as_int(pk) for pk in value or []}
        if not chosen:
            if question.required:
                raise _required()
            return []
        if chosen - set(options):
            raise _invalid_option()
        if question.max_choices and len(chosen) > question.max_choices:
            raise ValidationError(
                ngettext(
                    "Please choose at most %(limit)s option.",
                    "Please choose at most %(limit)s options.",
                    question.max_choices,
                )
                % {"limit": question.max_choices},
                code="too_many",
            )
        return [option for pk, option in options.items() if pk in chosen]
    if kind == QuestionKind.RANKING:
        return _check_ranking(question, options, value or {})
    if kind == QuestionKind.SCALE:
        if value in (None, ""):
            if question.required:
                raise _required()
            return None
        number = _as_int(value)
        if not question.scale_min <= number <= question.scale_max:
            raise ValidationError(
                _("Please choose a value from %(low)s to %(high)s.")
                % {"low": question.scale_min, "high": question.scale_max},
                code="out_of_range",
            )
        return number
    text = (value or "").strip()
    if not text:
        if question.required:
            raise _required()
        return ""
    if len(text) > MAX_TEXT:
        raise ValidationError(
            _("Please keep the answer to %(limit)s characters; it has %(length)s.")
            % {"limit": MAX_TEXT, "length": len(text)},
            code="too_long",
        )
    return text


def _check_ranking(question: Question, options: dict, value: dict) -> list:
    count = len(options)
    places = {}
    for pk, place in value.items():
        option = options.get(_as_int(pk))
        if option is None:
            raise _invalid_option()
        if place not in (None, ""):
            places[option.pk] = _as_int(place)
    if not places:
        if question.required:
            raise ValidationError(
                _("Please give every option a place from 1 to %(count)s.") % {"count": count},
                code="required",
            )
        return []
    if any(not 1 <= place <= count for place in places.values()):
        raise ValidationError(
            _("The places go from 1 to %(count)s.") % {"count": count}, code="out_of_range"
        )
    if len(set(places.values())) != len(places):
        raise ValidationError(
            _("Each place from 1 to %(count)s may be given only once.") % {"count": count},
            code="duplicate_place",
        )
    if len(places) != count:
        if question.required:
            message = _("Please give every option a place from 1 to %(count)s.")
        else:
            message = _("Please give every option a place from 1 to %(count)s, or none.")
        raise ValidationError(message % {"count": count}, code="incomplete")
    return sorted(((options[pk], place) for pk, place in places.items()), key=lambda x: x[1])
