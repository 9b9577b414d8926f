"""Asking: post a question, edit it until the first answer, add follow-ups."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from curbside.core.errors import Forbidden, Invalid, NotFound, RateLimited
from curbside.questions import services
from curbside.questions.models import BODY_MAX, TITLE_MAX
from curbside.questions.selectors import access_question
from curbside.triage.check import check_question, replace_personal_data
from curbside.web.forms import AskForm, FollowUpForm, QuestionForm, add_service_errors
from curbside.web.views.action_support import problem_page

QUESTION_FIELDS = ("title", "body", "topics", "age_range", "sex", "duration")


def ask(request: HttpRequest) -> HttpResponse:
    """The ask form. Visitors see why they need an account, with links.

    Before a question is posted it is checked (curbside.triage): a question that
    reads like an emergency shows emergency guidance first and is posted only
    once the asker ticks that they have read it; personal details found in the
    text are shown with a button to replace each (or all) with a placeholder,
    and the question is posted only after the asker has seen them. Posted
    questions that read urgent are marked urgent for physicians.
    """
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return render(request, "web/ask.html", {"needs_account": True})
    form = AskForm(request.POST or None)
    status = 200
    unconfirmed = False
    check = None
    if request.method == "POST":
        status = 400
        replacing = _replace_request(request)
        if replacing is not None:
            return _render_replaced(request, replacing)
        if form.is_valid():
            data = form.cleaned_data
            check = check_question(data["title"], data["body"])
            reviewed = data["pii_reviewed"] == _text_digest(data["title"], data["body"])
            needs_ack = check.is_emergency and not data["emergency_ack"]
            needs_review = bool(check.personal_data) and not reviewed
            if needs_ack or needs_review:
                if check.personal_data:
                    # Shown now: posting again keeps the text as it is.
                    form = _reviewed_form(form, data)
                    form.is_valid()
                if needs_ack:
                    form.add_error(
                        "emergency_ack",
                        _("Read the emergency advice above, then tick the box "
                          "to post."),
                    )  # fmt: skip
                else:
                    status = 200
            else:
                try:
                    question = services.question_create(
                        asker=request.user,
                        anonymous=data["anonymous"],
                        is_urgent=check.is_urgent,
                        **{f: data[f] for f in QUESTION_FIELDS},
                    )
                except (Invalid, Forbidden, RateLimited) as exc:
                    add_service_errors(form, exc)
                    status = exc.status
                    unconfirmed = exc.code == "email_unconfirmed"
                else:
                    messages.success(
                        request,
                        _("Your question is posted. Physicians see it in their "
                          "queue now; we will show their answers here."),
                    )  # fmt: skip
                    if check.level == "urgent":
                        messages.warning(
                            request,
                            _("What you describe should be checked in person "
                              "within a day: call your doctor or an urgent care "
                              "service. If it gets worse, call %(number)s.")
                            % {"number": settings.EMERGENCY_NUMBER},
                        )  # fmt: skip
                    return redirect(question.get_absolute_url())
        else:
            # Emergency advice does not wait for a well-formed question.
            check = check_question(
                request.POST.get("title", ""), request.POST.get("body", "")
            )
    return _render_ask(request, form, check, status, unconfirmed)


def _render_ask(request, form, check, status: int, unconfirmed: bool = False):
    return render(
        request,
        "web/ask.html",
        {
            "form": form,
            "check": check,
            "unconfirmed": unconfirmed or not _confirmed(request.user),
            **guidance_context(),
        },
        status=status,
    )


def _text_digest(title: str, body: str) -> str:
    """Names the text the asker has reviewed: a change to it asks again."""
    body = (body or "").replace("\r\n", "\n").strip()
    text = " ".join((title or "").split()) + "\n" + body
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _reviewed_form(form: AskForm, data: dict) -> AskForm:
    """The same form, marked as reviewed for the text it holds."""
    values = form.data.copy()
    values["pii_reviewed"] = _text_digest(data["title"], data["body"])
    return AskForm(values)


def _replace_request(request: HttpRequest) -> list[str] | None:
    """The findings the asker asked to replace: ["all"] or keys; None when the
    form was submitted to post."""
    choice = request.POST.get("pii_replace")
    if not choice:
        return None
    return [choice]


def _render_replaced(request: HttpRequest, keys: list[str]) -> HttpResponse:
    """The form again, with the chosen personal details replaced."""
    title, body = replace_personal_data(
        request.POST.get("title", "").strip(),
        request.POST.get("body", "").strip(),
        None if keys == ["all"] else keys,
    )
    values = request.POST.copy()
    values["title"], values["body"] = title, body
    values.pop("pii_replace", None)
    form = AskForm(values)
    check = None
    if form.is_valid():
        check = check_question(title, body)
        if not check.personal_data:
            values["pii_reviewed"] = _text_digest(title, body)
            form = AskForm(values)
            form.is_valid()
    messages.info(request, _("Replaced. Check your question, then post it."))
    return _render_ask(request, form, check, 200)


@login_required
@require_POST
def ask_check(request: HttpRequest) -> JsonResponse:
    """The live check behind the ask form: the same assessment the form makes
    on submit, for the title and body typed so far."""
    title = request.POST.get("title", "")[: TITLE_MAX * 2]
    body = request.POST.get("body", "")[: BODY_MAX * 2]
    check = check_question(title, body)
    data = check.as_dict()
    data["reviewed_token"] = _text_digest(title, body)
    data["guidance"] = {key: str(value) for key, value in guidance_context().items()}
    return JsonResponse(data)


def guidance_context() -> dict:
    """The numbers the emergency guidance shows (EMERGENCY_NUMBER, CRISIS_LINE)."""
    return {
        "emergency_number": settings.EMERGENCY_NUMBER,
        "crisis_line": settings.CRISIS_LINE,
    }


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
    path("ask/check/", ask_check, name="ask_check"),
    path("questions/<int:pk>/edit/", question_edit, name="question_edit"),
    path("questions/<int:pk>/follow-up/", followup_add, name="followup_add"),
]
