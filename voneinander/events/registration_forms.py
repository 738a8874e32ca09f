"""Forms for registering and choosing sessions. The rules themselves live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from voneinander.events import registration_selectors as selectors
from voneinander.events.models import QuestionKind
from voneinander.events.registration_services import RegistrationRefusedError

QUESTION_PREFIX = "question_"


class SessionChoiceForm(forms.Form):
    sessions = forms.TypedMultipleChoiceField(
        label=_("Sessions"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "One of the chosen sessions is not part of this event. Please choose again."
            )
        },
    )
    join_waitlist = forms.BooleanField(
        label=_("Put me on the waiting list of full sessions"),
        help_text=_(
            "When a place becomes free, it is given to you automatically and you get an e-mail."
        ),
        required=False,
    )

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.session_list = list(sessions)
        self.fields["sessions"].choices = [(s.pk, s.title) for s in self.session_list]
        if not self.session_list:
            del self.fields["sessions"]
            del self.fields["join_waitlist"]

    @property
    def chosen(self) -> list:
        """The chosen sessions: the instances the form offered (the services take them or ids)."""
        offered = {s.pk: s for s in self.session_list}
        return [offered.get(pk, pk) for pk in self.cleaned_data.get("sessions") or []]

    def add_refusal(self, error: RegistrationRefusedError) -> None:
        """Put the services' violations on the form: session rules on the sessions field."""
        for violation in error.violations:
            target = "sessions" if violation.sessions and "sessions" in self.fields else None
            self.add_error(target, violation.message)

    def options_by_session(self) -> dict[int, object]:
        if "sessions" not in self.fields:
            return {}
        return {int(option.data["value"]): option for option in self["sessions"]}


class RegistrationForm(SessionChoiceForm):
    """Registering: sessions, the event's own questions and the consent for the list."""

    list_consent = forms.BooleanField(
        label=_("Others may see my name in the participant list"),
        help_text=_("Organisers always see who is registered."),
        required=False,
    )

    def __init__(self, *args, sessions=(), questions=(), **kwargs):
        super().__init__(*args, sessions=sessions, **kwargs)
        self.questions = list(questions)
        consent = self.fields.pop("list_consent")
        for question in self.questions:
            self.fields[f"{QUESTION_PREFIX}{question.pk}"] = _question_field(question)
        self.fields["list_consent"] = consent

    @property
    def answers(self) -> dict[str, str]:
        return {
            str(question.pk): self.cleaned_data.get(f"{QUESTION_PREFIX}{question.pk}") or ""
            for question in self.questions
        }

    def question_fields(self):
        return [self[f"{QUESTION_PREFIX}{question.pk}"] for question in self.questions]


def _question_field(question) -> forms.Field:
    common = {"label": question.label, "required": question.required}
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common
        )
    if question.kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            choices=[(str(c), str(c)) for c in question.choices],
            widget=forms.RadioSelect,
            **common,
        )
    return forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), **common)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    reason = forms.CharField(
        label=_("Note to the person (optional)"), max_length=500, required=False
    )


def attach_options(form: SessionChoiceForm, groups) -> None:
    """Give each session of the groups its checkbox (rendered one by one in the template)."""
    options = form.options_by_session()
    for group in groups:
        for session in group.sessions:
            session.option = options.get(session.pk)


def form_context(event, form, *, user) -> dict:
    sessions = form.session_list
    groups = selectors.group_by_round(sessions)
    attach_options(form, groups)
    return {
        "event": event,
        "form": form,
        "groups": groups,
        "has_full": any(getattr(s, "is_full", False) for s in sessions),
        "event_seats": selectors.event_seats(event),
    }
