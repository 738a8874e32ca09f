"""The responses of a survey as CSV: one row per response, one column per question.

Personal data stays out: no names, no e-mail addresses. A survey answered per
municipality names the municipality and the day of the answer; one answered per
person gives neither (they could point to the person). Every cell goes through
`no_formula`, so that a spreadsheet shows answers as text. `;`-separated
with a BOM, like the other exports, for Excel with German settings.
"""

from __future__ import annotations

import csv

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from voneinander.core.spreadsheets import BOM, no_formula
from voneinander.surveys.models import Answer, Question, QuestionKind, Response, Survey


def _cell(question: Question, answers: list[Answer]) -> str:
    if not answers:
        return ""
    kind = question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        chosen = sorted(answers, key=lambda answer: (answer.option.position, answer.option.pk))
        return "; ".join(answer.option.text for answer in chosen)
    if kind == QuestionKind.RANKING:
        ranked = sorted(answers, key=lambda answer: answer.rank or 0)
        return " > ".join(answer.option.text for answer in ranked)
    if kind == QuestionKind.SCALE:
        return str(answers[0].value)
    return answers[0].text


def write_responses_csv(survey: Survey, out) -> None:
    questions = list(survey.questions.all())
    responses = (
        Response.objects.filter(survey=survey)
        .select_related("municipality")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("option").order_by("pk"))
        )
        .order_by("submitted_at", "pk")
    )
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    header = [_("Response")]
    if survey.per_municipality:
        header += [_("Municipality"), _("Submitted on")]
    header += [f"{number}. {question.text}" for number, question in enumerate(questions, start=1)]
    writer.writerow([no_formula(str(cell)) for cell in header])
    for number, response in enumerate(responses, start=1):
        by_question: dict[int, list[Answer]] = {}
        for answer in response.answers.all():
            by_question.setdefault(answer.question_id, []).append(answer)
        row = [str(number)]
        if survey.per_municipality:
            row += [
                response.municipality.name,
                timezone.localtime(response.submitted_at).date().isoformat(),
            ]
        row += [_cell(question, by_question.get(question.pk, [])) for question in questions]
        writer.writerow([no_formula(cell) for cell in row])
