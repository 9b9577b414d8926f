"""Asking: post a question, edit it until the first answer, add follow-ups."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from curbside.core.errors import Forbidden, Invalid, NotFound, RateLimited
from curbside.questions import services
from curbside.questions.selectors import access_question
from curbside.web.forms import AskForm, FollowUpForm, QuestionForm, add_service_errors
from curbside.web.views.action_support import problem_page

QUESTION_FIELDS = ("title", "body", "topics", "age_range", "sex", "duration")


def ask(request: HttpRequest) -> HttpResponse:
    """The ask form. Visitors see why they need an account, with links."""
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return render(request, "web/ask.html", {"needs_account": True})
    form = AskForm(request.POST or None)
    status = 200
    unconfirmed = False
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                question = services.question_create(
                    asker=request.user,
                    anonymous=data["anonymous"],
                    **{f: data[f] for f in QUESTION_FIELDS},
                )
            except (Invalid, Forbidden, RateLimited) as exc:
                add_service_errors(form, exc)
                status = exc.status
                unconfirmed = exc.code == "email_unconfirmed"
            else:
                messages.success(
                    request,
                    _("Your question is posted. Physicians see it in their queue "
                      "now; we will show their answers here."),
                )  # fmt: skip
                return redirect(question.get_absolute_url())
    return render(
        request,
        "web/ask.html",
        {"form": form, "unconfirmed": unconfirmed or not _confirmed(request.user)},
        status=status,
    )


def _confirmed(user) -> bool:
    return user.email_confirmed or user.is_staff


@login_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The asker edits the question; the service refuses once it has answers."""
    try:
        question = access_question(request.user, pk)
    except NotFound as exc:
        return problem_page(request, exc)
    if question.asker_id != request.user.pk:
        return problem_page(
            request,
            Forbidden(_("Only the person who asked can edit this question.")),
            back_url=question.get_absolute_url(),
        )
    status = 200
    if request.method == "POST":
        form = QuestionForm(request.POST)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                question = services.question_edit(
                    question=question,
                    editor=request.user,
                    **{f: data[f] for f in QUESTION_FIELDS},
                )
            except (Invalid, Forbidden) as exc:
                add_service_errors(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Your question is updated."))
                return redirect(question.get_absolute_url())
    elif question.is_answered:
        return problem_page(
            request,
            Forbidden(_("This question has answers now, so it can no longer be "
                        "edited. Add a follow-up instead.")),
            back_url=question.get_absolute_url(),
        )  # fmt: skip
    else:
        form = QuestionForm(
            initial={
                "title": question.title,
                "body": question.body,
                "topics": list(question.topics.all()),
                "age_range": question.age_range,
                "sex": question.sex,
                "duration": question.duration,
            }
        )
    return render(
        request,
        "web/question_edit.html",
        {"form": form, "question": question},
        status=status,
    )


@require_POST
def followup_add(request: HttpRequest, pk: int) -> HttpResponse:
    """The asker adds details; errors come back with the text kept."""
    try:
        question = access_question(request.user, pk)
    except NotFound as exc:
        return problem_page(request, exc)
    if not request.user.is_authenticated:
        return redirect_to_login(question.get_absolute_url())
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.followup_add(
                question=question, author=request.user, body=form.cleaned_data["body"]
            )
        except Forbidden as exc:
            return problem_page(request, exc, back_url=question.get_absolute_url())
        except (Invalid, RateLimited) as exc:
            add_service_errors(form, exc)
            status = exc.status
        else:
            messages.success(
                request,
                _("Your follow-up is added. Physicians see your question again."),
            )
            return redirect(question.get_absolute_url())
    else:
        status = 400
    return problem_page(
        request,
        Invalid(_("Your follow-up was not added. Please check it below.")),
        form=form,
        form_action=reverse("web:followup_add", args=[question.pk]),
        submit_label=_("Add follow-up"),
        back_url=question.get_absolute_url(),
        status=status,
    )


urlpatterns = [
    path("ask/", ask, name="ask"),
    path("questions/<int:pk>/edit/", question_edit, name="question_edit"),
    path("questions/<int:pk>/follow-up/", followup_add, name="followup_add"),
]
