"""Questions and answers per network, and following them (notifications: notification_views.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.core.access import Perm, access
from voneinander.core.forms import add_service_errors as _add_errors
from voneinander.core.forms import posted
from voneinander.questions import selectors, services
from voneinander.questions.forms import (
    AcceptForm,
    AnswerForm,
    DeleteForm,
    FollowForm,
    QuestionFilterForm,
    QuestionForm,
    TopicFollowForm,
)
from voneinander.questions.mentions import render_post

PAGE_SIZE = 20

VIEW_NETWORK = Perm("questions.view_questions", obj=selectors.network_for_questions)
VIEW = Perm("questions.view_question", obj=selectors.question_for_viewer)


def _tell_unmatched(request, post) -> None:
    unmatched = getattr(post, "unmatched_mentions", [])
    if unmatched:
        messages.warning(
            request,
            _(
                "Nobody was notified for %(mentions)s: no member of this network, "
                "or several, have this name."
            )
            % {"mentions": ", ".join(f"@{handle}" for handle in unmatched)},
        )


def _page_links(page):
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


# --- Questions of a network ------------------------------------------------------------------


@access(VIEW_NETWORK)
def question_list(request, slug):
    network = request.access_object
    topics = list(selectors.topics_for_filter())
    form = QuestionFilterForm(request.GET or None, topics=topics)
    topic, status = form.values()
    questions = selectors.question_list(network, topic=topic, status=status)
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("seite"))
    followed = selectors.followed_topics(request.user, network)
    return render(
        request,
        "questions/question_list.html",
        {
            "network": network,
            "form": form,
            "topic": topic,
            "status": status,
            "page": page,
            "page_links": _page_links(page),
            "followed_topics": followed,
            "follows_topic": topic is not None and topic in followed,
        },
    )


@access(Perm("questions.ask_question", obj=selectors.network_for_questions))
def question_ask(request, slug):
    network = request.access_object
    form = QuestionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = services.ask_question(
                network=network,
                author=request.user,
                title=data["title"],
                text=data["text"],
                topics=data["topics"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your question has been published."))
            _tell_unmatched(request, question)
            return redirect(question)
    return render(
        request, "questions/question_form.html", {"network": network, "form": form, "new": True}
    )


@access(Perm("questions.view_questions", obj=selectors.network_for_questions))
@require_POST
def topic_follow(request, slug):
    network = request.access_object
    form = TopicFollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a topic."))
        return redirect("questions:list", slug=network.slug)
    topic = form.cleaned_data["topic"]
    if form.cleaned_data["action"] == FollowForm.FOLLOW:
        services.follow_topic(network=network, topic=topic, user=request.user)
        messages.success(
            request,
            _("You will be notified of new questions on %(topic)s.") % {"topic": topic.name},
        )
    else:
        services.unfollow_topic(network=network, topic=topic, user=request.user)
        messages.success(
            request, _("You no longer follow the topic %(topic)s.") % {"topic": topic.name}
        )
    list_url = reverse("questions:list", kwargs={"slug": network.slug})
    return redirect(f"{list_url}?{urlencode({'thema': topic.slug})}")


# --- One question ----------------------------------------------------------------------------


def _question_page(request, question, *, answer_form=None, status=200):
    user = request.user
    answers = selectors.answers_for(question)
    for answer in answers:
        answer.question = question
        answer.html = render_post(answer.text, answer.mentioned.all())
        answer.can_edit = user.has_perm("questions.edit_answer", answer)
        answer.can_delete = user.has_perm("questions.delete_answer", answer)
    question.html = render_post(question.text, question.mentioned.all())
    services.mark_question_read(user=user, question=question)
    return render(
        request,
        "questions/question_detail.html",
        {
            "network": question.network,
            "question": question,
            "topics": list(selectors.question_topics(question)),
            "answers": answers,
            "answer_form": answer_form or AnswerForm(),
            "following": selectors.follows_question(user, question),
            "can_answer": user.has_perm("questions.answer_question", question),
            "can_edit": user.has_perm("questions.edit_question", question),
            "can_delete": user.has_perm("questions.delete_question", question),
            "can_accept": user.has_perm("questions.accept_answer", question),
        },
        status=status,
    )


@access(VIEW)
def question_detail(request, pk):
    return _question_page(request, request.access_object)


@access(Perm("questions.answer_question", obj=selectors.question_for_viewer))
@require_POST
def answer_create(request, pk):
    question = request.access_object
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer = services.answer_question(
                question=question, author=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your answer has been published."))
            _tell_unmatched(request, answer)
            return redirect(f"{question.get_absolute_url()}#antwort-{answer.pk}")
    return _question_page(request, question, answer_form=form)


@access(Perm("questions.edit_question", obj=selectors.question_for_viewer))
def question_edit(request, pk):
    question = request.access_object
    form = QuestionForm(posted(request), question=question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_question(
                question=question,
                by=request.user,
                title=data["title"],
                text=data["text"],
                topics=data["topics"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your question has been saved."))
            _tell_unmatched(request, question)
            return redirect(question)
    return render(
        request,
        "questions/question_form.html",
        {"network": question.network, "question": question, "form": form, "new": False},
    )


@access(Perm("questions.delete_question", obj=selectors.question_for_viewer))
def question_delete(request, pk):
    question = request.access_object
    moderated = not services.own_unanswered(question, request.user)
    form = DeleteForm(posted(request), needs_reason=moderated)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_question(
                question=question,
                by=request.user,
                reason=form.cleaned_data.get("reason", ""),
                moderated=moderated,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The question has been deleted."))
            return redirect("questions:list", slug=question.network.slug)
    return render(
        request,
        "questions/confirm_delete.html",
        {"network": question.network, "question": question, "answer": None, "form": form},
    )


@access(Perm("questions.accept_answer", obj=selectors.question_for_viewer))
@require_POST
def answer_accept(request, pk):
    question = request.access_object
    form = AcceptForm(request.POST)
    answer = None
    if form.is_valid() and form.cleaned_data["answer"]:
        answer = question.answers.filter(pk=form.cleaned_data["answer"]).first()
        if answer is None:
            messages.error(request, _("This answer no longer exists."))
            return redirect(question)
    try:
        services.accept_answer(question=question, answer=answer, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if answer is None:
            messages.success(request, _("No answer is marked as accepted now."))
        else:
            messages.success(request, _("The answer is marked as the accepted answer."))
    return redirect(question)


@access(Perm("questions.follow_question", obj=selectors.question_for_viewer))
@require_POST
def question_follow(request, pk):
    question = request.access_object
    form = FollowForm(request.POST)
    if form.is_valid() and form.cleaned_data["action"] == FollowForm.FOLLOW:
        services.follow_question(question=question, user=request.user)
        messages.success(request, _("You will be notified of new answers to this question."))
    elif form.is_valid():
        services.unfollow_question(question=question, user=request.user)
        messages.success(request, _("You no longer follow this question."))
    return redirect(question)


# --- One answer ------------------------------------------------------------------------------


@access(Perm("questions.edit_answer", obj=selectors.answer_for_viewer))
def answer_edit(request, pk):
    answer = request.access_object
    question = answer.question
    form = AnswerForm(posted(request), initial={"text": answer.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_answer(answer=answer, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your answer has been saved."))
            _tell_unmatched(request, answer)
            return redirect(f"{question.get_absolute_url()}#antwort-{answer.pk}")
    return render(
        request,
        "questions/answer_form.html",
        {"network": question.network, "question": question, "answer": answer, "form": form},
    )


@access(Perm("questions.delete_answer", obj=selectors.answer_for_viewer))
def answer_delete(request, pk):
    answer = request.access_object
    question = answer.question
    moderated = not services.own_unaccepted(answer, request.user)
    form = DeleteForm(posted(request), needs_reason=moderated)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_answer(
                answer=answer,
                by=request.user,
                reason=form.cleaned_data.get("reason", ""),
                moderated=moderated,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The answer has been deleted."))
            return redirect(question)
    return render(
        request,
        "questions/confirm_delete.html",
        {"network": question.network, "question": question, "answer": answer, "form": form},
    )
