"""Answering: physicians answer, edit, review, agree or disagree; members mark
answers helpful; verified physicians work their queue; moderators merge a question
into another that already answers it (marking it a duplicate), or undo that.

A physician's text is never lost: when an answer cannot be saved, the page comes
back with the text in the form and the reason above it.
"""

from urllib.parse import urlsplit

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, path, resolve, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from curbside.core.errors import (
    Conflict,
    CurbsideError,
    Forbidden,
    Invalid,
    NotFound,
    RateLimited,
)
from curbside.physicians.models import PhysicianProfile
from curbside.physicians.selectors import verified_physician_of
from curbside.questions import services
from curbside.questions.selectors import (
    access_answer,
    access_question,
    access_question_to_moderate,
    physician_queue,
)
from curbside.web.forms import (
    AgreementForm,
    AnswerForm,
    HelpfulForm,
    add_service_errors,
)
from curbside.web.views.action_support import problem_page, wants_json

QUEUE_PAGE_SIZE = 20
#: The routes whose address names a question, and so can name a duplicate's target.
QUESTION_ROUTES = frozenset({"question", "question_short"})


def _answer_form_page(request, *, form, question, answer=None, status=200,
                      already_answered=False) -> HttpResponse:  # fmt: skip
    return render(
        request,
        "web/answer_edit.html",
        {
            "form": form,
            "question": question,
            "answer": answer,
            "already_answered": already_answered,
        },
        status=status,
    )


@require_POST
def answer_post(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        question = access_question(request.user, pk)
    except NotFound as exc:
        return problem_page(request, exc)
    if not request.user.is_authenticated:
        return redirect_to_login(question.get_absolute_url())
    form = AnswerForm(request.POST)
    status = 400
    already = False
    if form.is_valid():
        try:
            answer = services.answer_post(
                question=question, author=request.user, body=form.cleaned_data["body"]
            )
        except Forbidden as exc:
            return problem_page(request, exc, back_url=question.get_absolute_url())
        except (Conflict, Invalid, RateLimited) as exc:
            add_service_errors(form, exc)
            status = exc.status
            already = isinstance(exc, Conflict)
        else:
            messages.success(request, _("Your answer is posted. Thank you."))
            return redirect(answer.get_absolute_url())
    return _answer_form_page(
        request, form=form, question=question, status=status, already_answered=already
    )


@login_required
def answer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        answer = access_answer(request.user, pk)
    except NotFound as exc:
        return problem_page(request, exc)
    status = 200
    if request.method == "POST":
        form = AnswerForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                answer = services.answer_edit(
                    answer=answer, editor=request.user, body=form.cleaned_data["body"]
                )
            except Forbidden as exc:
                return problem_page(request, exc, back_url=answer.get_absolute_url())
            except Invalid as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your answer is updated."))
                return redirect(answer.get_absolute_url())
    elif answer.physician.user_id != request.user.pk:
        return problem_page(
            request,
            Forbidden(_("Only the physician who wrote this answer can edit it.")),
            back_url=answer.get_absolute_url(),
        )
    else:
        form = AnswerForm(initial={"body": answer.body})
    return _answer_form_page(
        request, form=form, question=answer.question, answer=answer, status=status
    )


@require_POST
@login_required
def answer_review(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        answer = access_answer(request.user, pk)
        services.answer_mark_reviewed(answer=answer, reviewer=request.user)
    except (NotFound, Forbidden) as exc:
        return problem_page(request, exc)
    messages.success(request, _("Marked as reviewed today."))
    return redirect(answer.get_absolute_url())


def _answer_or_login(request: HttpRequest, pk: int):
    """The answer acted on, or the response to send instead (login, not found)."""
    try:
        answer = access_answer(request.user, pk)
    except NotFound as exc:
        return None, _error_response(request, exc)
    if not request.user.is_authenticated:
        return None, redirect_to_login(answer.get_absolute_url())
    return answer, None


def _error_response(request: HttpRequest, exc: CurbsideError, **kwargs):
    if wants_json(request):
        return JsonResponse(
            {"error": exc.code, "message": str(exc.message)}, status=exc.status
        )
    return problem_page(request, exc, **kwargs)


@require_POST
def agreement_set(request: HttpRequest, pk: int) -> HttpResponse:
    answer, response = _answer_or_login(request, pk)
    if response:
        return response
    form = AgreementForm(request.POST)
    back = answer.get_absolute_url()
    again = {"form": form, "back_url": back, "submit_label": _("Save"),
             "form_action": reverse("web:agreement_set", args=[answer.pk])}  # fmt: skip
    if not form.is_valid():
        return problem_page(
            request,
            Invalid(_("Please check your stance below.")),
            status=400,
            **again,
        )
    try:
        services.agreement_set(
            answer=answer,
            physician_user=request.user,
            stance=form.cleaned_data["stance"],
            reason=form.cleaned_data["reason"],
        )
    except (Forbidden, NotFound) as exc:
        return problem_page(request, exc, back_url=back)
    except (Invalid, RateLimited) as exc:
        add_service_errors(form, exc)
        return problem_page(request, exc, **again)
    if form.cleaned_data["stance"] == "agree":
        messages.success(request, _("You agree with this answer."))
    else:
        messages.success(request, _("Your disagreement and reason are shown."))
    return redirect(back)


@require_POST
def agreement_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    answer, response = _answer_or_login(request, pk)
    if response:
        return response
    try:
        services.agreement_withdraw(answer=answer, physician_user=request.user)
    except Forbidden as exc:
        return problem_page(request, exc, back_url=answer.get_absolute_url())
    messages.success(request, _("Your stance is withdrawn."))
    return redirect(answer.get_absolute_url())


@require_POST
def helpful(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark or unmark an answer helpful (``action`` = mark, unmark or toggle)."""
    answer, response = _answer_or_login(request, pk)
    if response:
        return response
    form = HelpfulForm(request.POST)
    action = form.cleaned_data["action"] if form.is_valid() else "toggle"
    try:
        if action == "unmark":
            services.helpful_unmark(answer=answer, user=request.user)
            marked = False
        else:
            marked = services.helpful_mark(answer=answer, user=request.user)
            if not marked and action == "toggle":
                services.helpful_unmark(answer=answer, user=request.user)
            else:
                marked = True
        count = access_answer(request.user, pk).helpful_count
    except (Forbidden, NotFound, RateLimited) as exc:
        return _error_response(request, exc, back_url=answer.get_absolute_url())
    if wants_json(request):
        return JsonResponse({"helpful": marked, "count": count})
    return redirect(answer.get_absolute_url())


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Unanswered questions for a verified physician: urgent first, their
    specialties first, oldest first."""
    physician = verified_physician_of(request.user)
    if physician is None:
        profile = getattr(request.user, "physician", None)
        refusal = None
        if profile is not None and profile.status == PhysicianProfile.Status.REJECTED:
            refusal = profile.decisions.first()
        return render(
            request,
            "web/queue.html",
            {"profile": profile, "refusal": refusal, "page_obj": None},
            status=403,
        )
    paginator = Paginator(physician_queue(physician), QUEUE_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "web/queue.html",
        {"physician": physician, "page_obj": page_obj, "total": paginator.count},
    )


class DuplicateTargetForm(forms.Form):
    """The question a duplicate is merged into: its address or its number."""

    target = forms.CharField(
        label=_lazy("Mark as a duplicate of…"),
        max_length=500,
        help_text=_lazy("Paste the address of the question that already answers "
                        "this one, or type its number."),
    )  # fmt: skip

    def clean_target(self) -> int:
        value = self.cleaned_data["target"].strip()
        number = value.removeprefix("#")
        if number.isdigit():
            return int(number)
        try:
            match = resolve(urlsplit(value).path or "/")
        except Resolver404:
            match = None
        if (
            match is None
            or match.namespace != "web"
            or (match.url_name not in QUESTION_ROUTES)
        ):
            raise forms.ValidationError(
                _("This is not the address of a question here. Paste the address "
                  "from the question page, e.g. /questions/123/…, or type 123."),
                code="not_a_question",
            )  # fmt: skip
        return match.kwargs["pk"]


@require_POST
@login_required
def duplicate_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """A moderator marks this question as a duplicate of another one."""
    try:
        question = access_question_to_moderate(request.user, pk)
    except (NotFound, Forbidden) as exc:
        return problem_page(request, exc)
    form = DuplicateTargetForm(request.POST)
    back = question.get_absolute_url()
    again = {"form": form, "back_url": back, "submit_label": _("Mark as duplicate"),
             "form_action": reverse("web:duplicate_mark", args=[question.pk])}  # fmt: skip
    if not form.is_valid():
        return problem_page(request, Invalid(_("Please check the question to merge "
                                               "into.")), status=400, **again)  # fmt: skip
    target_id = form.cleaned_data["target"]
    try:
        target = access_question(request.user, target_id)
        question = services.question_mark_duplicate(
            moderator=request.user, question=question, target=target
        )
    except NotFound:
        unknown = Invalid(
            _("There is no question #%(id)d. Check the address or the number.")
            % {"id": target_id},
            errors={"target": [_("No question has this number.")]},
        )
        add_service_errors(form, unknown)
        return problem_page(request, unknown, **again)
    except Forbidden as exc:
        return problem_page(request, exc, back_url=back)
    except (Invalid, Conflict) as exc:
        add_service_errors(form, exc)
        return problem_page(request, exc, **again)
    messages.success(
        request,
        _("Marked as a duplicate of “%(title)s”. Readers of this question are now "
          "sent there, and its answers are shown there.")
        % {"title": question.duplicate_of.title},
    )  # fmt: skip
    return redirect(question.get_absolute_url())


@require_POST
@login_required
def duplicate_unmark(request: HttpRequest, pk: int) -> HttpResponse:
    """A moderator undoes a duplicate mark: the question has its own page again."""
    try:
        question = access_question_to_moderate(request.user, pk)
        services.question_unmark_duplicate(moderator=request.user, question=question)
    except (NotFound, Forbidden, Conflict) as exc:
        return problem_page(request, exc)
    messages.success(request, _("The duplicate mark is undone: this question has "
                                "its own page and answers again."))  # fmt: skip
    return redirect(question.get_absolute_url())


urlpatterns = [
    path("questions/<int:pk>/answer/", answer_post, name="answer_post"),
    path("answers/<int:pk>/edit/", answer_edit, name="answer_edit"),
    path("answers/<int:pk>/reviewed/", answer_review, name="answer_review"),
    path("answers/<int:pk>/stance/", agreement_set, name="agreement_set"),
    path(
        "answers/<int:pk>/stance/withdraw/",
        agreement_withdraw,
        name="agreement_withdraw",
    ),
    path("answers/<int:pk>/helpful/", helpful, name="helpful"),
    path("queue/", queue, name="queue"),
    path("questions/<int:pk>/duplicate/", duplicate_mark, name="duplicate_mark"),
    path(
        "questions/<int:pk>/duplicate/undo/",
        duplicate_unmark,
        name="duplicate_unmark",
    ),
]
