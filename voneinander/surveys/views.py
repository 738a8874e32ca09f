import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import LOGIN, Perm, access
from voneinander.core.forms import add_service_errors as _add_errors
from voneinander.surveys import exports, selectors, services
from voneinander.surveys.forms import AnswerForm, BacklogTopicForm, QuestionForm, SurveyForm
from voneinander.surveys.models import BacklogStatus
from voneinander.surveys.results import survey_results

# --- Lists and creating ----------------------------------------------------------------


@access(LOGIN)
def survey_list(request):
    surveys = list(selectors.surveys_for_list(request.user))
    return render(
        request,
        "surveys/survey_list.html",
        {
            "surveys": surveys,
            "networks_to_create_in": selectors.networks_to_create_in(request.user),
            "backlog_networks": selectors.backlog_networks(request.user),
        },
    )


@access(Perm("surveys.create_survey", obj=selectors.network_for_member))
def survey_create(request, slug):
    network = request.access_object
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey(network=network, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The survey has been created. Now add its questions."))
            return redirect("surveys:manage", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "network": network})


# --- Managing a survey -----------------------------------------------------------------


def _manage_context(survey) -> dict:
    has_responses = selectors.has_responses(survey)
    return {
        "survey": survey,
        "network": survey.network,
        "questions": selectors.questions_of(survey),
        "has_responses": has_responses,
        "questions_editable": not has_responses and not survey.is_closed,
    }


@access(Perm("surveys.manage_survey", obj=selectors.survey_for_viewer))
def survey_manage(request, pk):
    survey = request.access_object
    context = _manage_context(survey)
    context["responses"] = list(selectors.responses_overview(survey))
    if survey.per_municipality:
        context["missing"] = list(selectors.municipalities_without_response(survey))
    return render(request, "surveys/survey_manage.html", context)


@access(Perm("surveys.manage_survey", obj=selectors.survey_for_viewer))
def survey_edit(request, pk):
    survey = request.access_object
    # The form writes the input onto its instance: let it have a copy, so that the
    # service compares with the survey as stored and the page keeps its title.
    form = SurveyForm(request.POST or None, instance=copy.copy(survey))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_survey(
                survey=survey, by=request.user, values=form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if changed:
                messages.success(request, _("The survey has been saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("surveys:manage", pk=survey.pk)
    return render(
        request,
        "surveys/survey_form.html",
        {"form": form, "survey": survey, "network": survey.network},
    )


@access(Perm("surveys.manage_survey", obj=selectors.survey_for_viewer))
@require_POST
def survey_transition(request, pk):
    survey = request.access_object
    action = request.POST.get("action")
    try:
        if action == "open":
            services.open_survey(survey=survey, by=request.user)
            messages.success(request, _("The survey is open. Members can answer it now."))
        elif action == "close":
            services.close_survey(survey=survey, by=request.user)
            messages.success(request, _("The survey is closed. Members can see the results now."))
        elif action == "delete":
            services.delete_survey(survey=survey, by=request.user)
            messages.success(request, _("The draft has been deleted."))
            return redirect("surveys:list")
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:manage", pk=survey.pk)


def _question_page(request, survey, question=None):
    if question is None:
        form = QuestionForm(request.POST or None, initial={"required": True, "kind": "single"})
    else:
        form = QuestionForm(request.POST or None, initial=QuestionForm.initial_for(question))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_question(
                survey=survey,
                by=request.user,
                values=form.values(),
                options=form.option_lines(),
                question=question,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The question has been saved."))
            if question is None and "another" in request.POST:
                return redirect("surveys:question_add", pk=survey.pk)
            return redirect("surveys:manage", pk=survey.pk)
    context = _manage_context(survey)
    context.update(form=form, question=question)
    return render(request, "surveys/question_form.html", context)


@access(Perm("surveys.manage_survey", obj=selectors.survey_for_viewer))
def question_add(request, pk):
    return _question_page(request, request.access_object)


@access(Perm("surveys.manage_survey", obj=selectors.question_for_viewer))
def question_edit(request, pk, question):
    found = request.access_object
    return _question_page(request, found.survey, found)


@access(Perm("surveys.manage_survey", obj=selectors.question_for_viewer))
@require_POST
def question_delete(request, pk, question):
    found = request.access_object
    try:
        services.delete_question(question=found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The question has been deleted."))
    return redirect("surveys:manage", pk=found.survey.pk)


@access(Perm("surveys.manage_survey", obj=selectors.question_for_viewer))
@require_POST
def question_move(request, pk, question):
    found = request.access_object
    try:
        services.move_question(
            question=found, by=request.user, up=request.POST.get("direction") == "up"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("surveys:manage", kwargs={"pk": pk}) + f"#question-{found.pk}")


# --- Answering -------------------------------------------------------------------------


@access(Perm("surveys.view_survey", obj=selectors.survey_for_viewer))
def survey_detail(request, pk):
    survey = request.access_object
    user = request.user
    municipalities = selectors.respondent_municipalities(user, survey.network)
    existing = None
    if survey.per_municipality:
        answered = {
            item.pk: selectors.existing_response(survey, user=user, municipality=item)
            for item in municipalities
        }
        open_for = [item for item in municipalities if answered[item.pk] is None]
        existing = next((response for response in answered.values() if response), None)
    else:
        existing = selectors.existing_response(survey, user=user, municipality=None)
        open_for = municipalities if existing is None else []
    questions = selectors.questions_of(survey)
    form = AnswerForm(request.POST or None, questions=questions, municipalities=open_for)
    may_answer = survey.is_open and bool(open_for)
    if request.method == "POST":
        if not may_answer:
            try:  # says why: closed, answered already, or not a member municipality
                services.check_may_answer(survey=survey, user=user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect(survey.get_absolute_url())
        if form.is_valid():
            try:
                services.submit_response(
                    survey=survey,
                    user=user,
                    municipality=form.municipality(),
                    answers=form.answers(),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Thank you! Your answers have been saved."))
                return redirect(survey.get_absolute_url())
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "network": survey.network,
            "form": form,
            "may_answer": may_answer,
            "existing": existing,
            "given": selectors.given_answers(existing, questions) if existing else [],
            "questions": questions,
        },
    )


# --- Results ---------------------------------------------------------------------------


@access(Perm("surveys.view_results", obj=selectors.survey_for_viewer))
def survey_results_page(request, pk):
    survey = request.access_object
    may_manage = request.user.has_perm("surveys.manage_survey", survey)
    # Topics are taken from final results only: interim figures must not reach the backlog.
    may_curate = survey.is_closed and request.user.has_perm(
        "surveys.manage_backlog", survey.network
    )
    results = survey_results(survey, with_texts=may_manage)
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "network": survey.network,
            "results": results,
            "may_manage": may_manage,
            "may_curate": may_curate,
        },
    )


@access(Perm("surveys.manage_survey", obj=selectors.survey_for_viewer))
def survey_export(request, pk):
    survey = request.access_object
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(survey.title)[:60] or "umfrage"
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    exports.write_responses_csv(survey, response)
    return response


# --- The topic backlog -----------------------------------------------------------------


@access(Perm("surveys.view_backlog", obj=selectors.network_for_member))
def backlog(request, slug):
    network = request.access_object
    topics = selectors.backlog_of(network)
    visible_events, visible_groups = selectors.visible_links(request.user, topics)
    return render(
        request,
        "surveys/backlog.html",
        {
            "network": network,
            "topics": topics,
            "visible_events": visible_events,
            "visible_groups": visible_groups,
            "may_manage": request.user.has_perm("surveys.manage_backlog", network),
        },
    )


def _source(request, network):
    """The result a new topic starts from: ?option=<pk> or ?antwort=<pk> (404 if foreign)."""
    data = request.POST if request.method == "POST" else request.GET
    option_pk = data.get("source_option") or data.get("option")
    answer_pk = data.get("source_answer") or data.get("antwort")
    option = selectors.option_of_network(network, option_pk) if option_pk else None
    answer = (
        selectors.text_answer_of_network(network, answer_pk) if answer_pk and not option else None
    )
    return option, answer


@access(Perm("surveys.manage_backlog", obj=selectors.network_for_member))
def backlog_add(request, slug):
    network = request.access_object
    option, answer = _source(request, network)
    source = option or answer
    if source is not None and not source.question.survey.is_closed:
        messages.error(request, services.source_closed_message())
        return redirect("surveys:results", pk=source.question.survey_id)
    initial = {"status": BacklogStatus.PROPOSED}
    if option is not None:
        initial.update(title=option.text, topic=option.topic, source_option=option.pk)
    elif answer is not None:
        initial.update(title=answer.text[:200], description=answer.text, source_answer=answer.pk)
    form = BacklogTopicForm(
        request.POST or None,
        network=network,
        user=request.user,
        with_source=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.create_backlog_topic(
                network=network, by=request.user, values=form.values(), option=option, answer=answer
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The topic is on the backlog."))
            return redirect("surveys:backlog", slug=network.slug)
    return render(
        request,
        "surveys/backlog_form.html",
        {"form": form, "network": network, "option": option, "answer": answer},
    )


@access(Perm("surveys.manage_backlog", obj=selectors.backlog_topic_for_viewer))
def backlog_edit(request, slug, pk):
    item = request.access_object
    network = item.network
    form = BacklogTopicForm(request.POST or None, network=network, user=request.user, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_backlog_topic(
                item=item, by=request.user, values=form.values()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if changed:
                messages.success(request, _("The topic has been saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("surveys:backlog", slug=network.slug)
    return render(
        request, "surveys/backlog_form.html", {"form": form, "network": network, "item": item}
    )
