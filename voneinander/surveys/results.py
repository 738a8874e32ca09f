"""A survey's results: counts per option, Borda scores, scale distributions, charts.

A fixed number of queries whatever the number of questions and responses:
the questions with their options, then one aggregate per kind of answer.

Rankings are scored with the Borda count: with n options, first place earns
n − 1 points, last place 0; an option's score is the sum over all rankings.
Places in a result are competition places (1, 2, 2, 4) by count or score.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from voneinander.directory.charts import bar_chart
from voneinander.surveys.models import (
    Answer,
    Option,
    Question,
    QuestionKind,
    Response,
    Survey,
)


@dataclass
class Row:
    label: str
    count: int = 0  # respondents who chose it; for a scale, who chose the value
    share: float | None = None  # per cent of those who answered the question
    option: Option | None = None
    value: int | None = None  # a scale value
    score: int | None = None  # Borda score (rankings)
    mean_place: float | None = None  # rankings
    firsts: int = 0  # rankings: how often placed first
    place: int = 0


@dataclass
class TextAnswer:
    pk: int
    text: str
    municipality: str | None  # only when the survey is answered per municipality


@dataclass
class QuestionResult:
    question: Question
    number: int
    answered: int = 0
    rows: list[Row] = field(default_factory=list)
    mean: float | None = None  # scales
    texts: list[TextAnswer] = field(default_factory=list)
    chart: SafeString | None = None

    @property
    def kind(self) -> str:
        return self.question.kind


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    questions: list[QuestionResult]


def _places(rows: list[Row], key) -> None:
    previous, place = None, 0
    for index, row in enumerate(rows, start=1):
        if key(row) != previous:
            place, previous = index, key(row)
        row.place = place


def _share(count: int, answered: int) -> float | None:
    return 100 * count / answered if answered else None


def survey_results(survey: Survey, *, with_texts: bool = False) -> SurveyResults:
    questions = list(survey.questions.prefetch_related("options"))
    answers = Answer.objects.filter(question__survey=survey)
    answered = dict(
        answers.values_list("question_id").annotate(n=Count("response_id", distinct=True))
    )
    by_option = {
        row["option_id"]: row
        for row in answers.filter(option__isnull=False)
        .values("option_id")
        .annotate(count=Count("pk"), rank_sum=Sum("rank"), firsts=Count("pk", filter=Q(rank=1)))
    }
    by_value = {
        (row["question_id"], row["value"]): row["count"]
        for row in answers.filter(value__isnull=False)
        .values("question_id", "value")
        .annotate(count=Count("pk"))
    }
    texts: dict[int, list[TextAnswer]] = {}
    if with_texts:
        for answer in (
            answers.filter(question__kind=QuestionKind.TEXT)
            .exclude(text="")
            .select_related("response__municipality")
            .order_by("response__municipality__name", "pk")
        ):
            municipality = (
                answer.response.municipality.name if answer.response.per_municipality else None
            )
            texts.setdefault(answer.question_id, []).append(
                TextAnswer(answer.pk, answer.text, municipality)
            )
    results = []
    for number, question in enumerate(questions, start=1):
        result = QuestionResult(question, number, answered=answered.get(question.pk, 0))
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            _choice_rows(result, by_option)
        elif question.kind == QuestionKind.RANKING:
            _ranking_rows(result, by_option)
        elif question.kind == QuestionKind.SCALE:
            _scale_rows(result, by_value)
        else:
            result.texts = texts.get(question.pk, [])
        results.append(result)
    responses = Response.objects.filter(survey=survey).count()
    return SurveyResults(survey, responses, results)


def _choice_rows(result: QuestionResult, by_option: dict) -> None:
    rows = []
    for option in result.question.options.all():
        count = by_option.get(option.pk, {}).get("count", 0)
        rows.append(Row(option.text, count, _share(count, result.answered), option=option))
    rows.sort(key=lambda row: -row.count)  # stable: ties keep the question's order
    _places(rows, key=lambda row: row.count)
    result.rows = rows
    result.chart = bar_chart(
        [(row.label, row.count) for row in rows],
        title=result.question.text,
        description=_(
            "How many of the %(answered)s respondents to this question chose each option."
        )
        % {"answered": result.answered},
        ident=f"chart-q{result.question.pk}",
    )


def _ranking_rows(result: QuestionResult, by_option: dict) -> None:
    options = list(result.question.options.all())
    points = len(options)
    rows = []
    for option in options:
        data = by_option.get(option.pk, {})
        count, rank_sum = data.get("count", 0), data.get("rank_sum") or 0
        rows.append(
            Row(
                option.text,
                count,
                option=option,
                score=count * points - rank_sum,
                mean_place=rank_sum / count if count else None,
                firsts=data.get("firsts", 0),
            )
        )
    rows.sort(key=lambda row: -(row.score or 0))
    _places(rows, key=lambda row: row.score)
    result.rows = rows
    result.chart = bar_chart(
        [(row.label, row.score or 0) for row in rows],
        title=result.question.text,
        description=_(
            "Borda score of each option from %(answered)s rankings: with %(count)s options, "
            "a first place earns %(top)s points and a last place none."
        )
        % {"answered": result.answered, "count": points, "top": points - 1},
        ident=f"chart-q{result.question.pk}",
    )


def _scale_rows(result: QuestionResult, by_value: dict) -> None:
    question = result.question
    rows, total = [], 0
    for value in question.scale_values:
        count = by_value.get((question.pk, value), 0)
        total += value * count
        label = str(value)
        if value == question.scale_min and question.label_min:
            label = f"{value} – {question.label_min}"
        elif value == question.scale_max and question.label_max:
            label = f"{value} – {question.label_max}"
        rows.append(Row(label, count, _share(count, result.answered), value=value))
    result.rows = rows
    result.mean = total / result.answered if result.answered else None
    mean = number_format(result.mean, 1) if result.mean is not None else "–"
    result.chart = bar_chart(
        [(row.label, row.count) for row in rows],
        title=question.text,
        description=_(
            "How many of the %(answered)s respondents chose each value from %(low)s to "
            "%(high)s; the mean is %(mean)s."
        )
        % {
            "answered": result.answered,
            "low": question.scale_min,
            "high": question.scale_max,
            "mean": mean,
        },
        ident=f"chart-q{question.pk}",
    )


def option_standing(option: Option) -> tuple[int, int, int]:
    """(votes or Borda score, respondents to the question, place) of one option now."""
    question = option.question
    results = survey_results(question.survey)
    for result in results.questions:
        if result.question.pk == question.pk:
            for row in result.rows:
                if row.option is not None and row.option.pk == option.pk:
                    votes = row.score if question.kind == QuestionKind.RANKING else row.count
                    return votes or 0, result.answered, row.place
    return 0, 0, 0
