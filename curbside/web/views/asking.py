"""Asking: post a question, edit it until the first answer, add follow-ups."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from curbside.core.embedding import EmbeddingUnavailable
from curbside.core.errors import (
    CurbsideError,
    Forbidden,
    Invalid,
    NotFound,
    RateLimited,
)
from curbside.core.ratelimit import check_rate
from curbside.questions import services
from curbside.questions.models import BODY_MAX, TITLE_MAX
from curbside.questions.selectors import access_question
from curbside.search.selectors import SimilarQuestion, similar_questions
from curbside.triage.check import check_question, replace_personal_data
from curbside.web.forms import AskForm, FollowUpForm, QuestionForm, add_service_errors
from curbside.web.views.action_support import problem_page

QUESTION_FIELDS = ("title", "body", "topics", "age_range", "sex", "duration")
SIMILAR_LIMIT = 5  # answered questions offered while asking
SIMILAR_PARTIAL = "web/partials/ask_similar.html"


def ask(request: HttpRequest) -> HttpResponse:
    """The ask form. Visitors see why they need an account, with links.

    Before a question is posted it is checked (curbside.triage): a question that
    reads like an emergency shows emergency guidance first and is posted only
    once the asker ticks that they have read it; personal details found in the
    text are shown with a button to replace each (or all) with a placeholder,
    and the question is posted only after the asker has seen them. Posted
    questions that read urgent are marked urgent for physicians.

    Answered questions that look like this one are shown before it is posted:
    as the asker types (``ask_similar``), or else once, on the first submit,
    with "Post my question anyway". The form carries the ids already shown
    (``similar_seen``), so the step comes back only when an edited question
    matches a question the asker has not seen yet. A question that reads like
    an emergency skips this step: the emergency advice comes first.
    """
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return render(request, "web/ask.html", {"needs_account": True})
    form = AskForm(request.POST or None)
    status = 200
    unconfirmed = False
    check = None
    similar_step: list[SimilarQuestion] = []
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
            similar = (
                [] if check.is_emergency else _similar(data["title"], data["body"])
            )
            if not {s.question.pk for s in similar} <= form.seen_similar_ids():
                similar_step = similar
            if needs_ack or needs_review or similar_step:
                # What is shown now counts as seen: posting again posts.
                shown = {}
                if check.personal_data:
                    shown["pii_reviewed"] = _text_digest(data["title"], data["body"])
                if similar_step:
                    shown["similar_seen"] = _similar_token(similar_step)
                if shown:
                    form = _form_with(form, shown)
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
    return _render_ask(request, form, check, status, unconfirmed, similar_step)


def _render_ask(
    request,
    form,
    check,
    status: int,
    unconfirmed: bool = False,
    similar_step: list[SimilarQuestion] | None = None,
):
    return render(
        request,
        "web/ask.html",
        {
            "form": form,
            "check": check,
            "unconfirmed": unconfirmed or not _confirmed(request.user),
            "similar_step": similar_step or [],
            **guidance_context(),
        },
        status=status,
    )


def _text_digest(title: str, body: str) -> str:
    """Names the text the asker has reviewed: a change to it asks again."""
    body = (body or "").replace("\r\n", "\n").strip()
    text = " ".join((title or "").split()) + "\n" + body
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _form_with(form: AskForm, hidden: dict[str, str]) -> AskForm:
    """The same form, with hidden fields set to mark what the asker has seen."""
    values = form.data.copy()
    for name, value in hidden.items():
        values[name] = value
    return AskForm(values)


def _similar(title: str, body: str) -> list[SimilarQuestion]:
    """Answered questions that look like this one; none when the sentence model
    is unavailable, since asking must never depend on it."""
    try:
        return similar_questions(title, body, limit=SIMILAR_LIMIT)
    except EmbeddingUnavailable:
        return []


def _similar_token(similar: list[SimilarQuestion]) -> str:
    """The ids of the questions shown, for the form's ``similar_seen``."""
    return ",".join(str(pk) for pk in sorted(s.question.pk for s in similar))


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


@never_cache
@require_safe
def ask_similar(request: HttpRequest) -> JsonResponse:
    """The answered questions that look like the one being typed (GET title and
    details), for the ask form while the asker types.

    Answers ``{"count", "questions": [{title, url, answer_count, top_specialty}],
    "html", "seen"}``: ``html`` is the list as the ask page shows it (the partial
    the review step uses too), ``seen`` the value for the form's ``similar_seen``
    once the list is on screen. Errors are 4xx ``{"code", "message", "errors"}``.
    The script sends at most the first part of long details: the match rests on
    the title and the start of the text, and an address has a length limit.
    """
    if not request.user.is_authenticated:
        return _json_problem(Forbidden(_("Log in to ask a question.")))
    title = request.GET.get("title", "")
    details = request.GET.get("details", "")
    if len(title) > TITLE_MAX or len(details) > BODY_MAX:
        return _json_problem(
            Invalid(
                _("This text is too long to compare: keep the question under "
                  "%(title)d characters and the details under %(body)d.")
                % {"title": TITLE_MAX, "body": BODY_MAX}
            )
        )  # fmt: skip
    try:
        check_rate("ask_similar", f"user:{request.user.pk}")
    except RateLimited as exc:
        return _json_problem(exc)
    similar = _similar(title, details)
    html = ""
    if similar:
        html = render_to_string(SIMILAR_PARTIAL, {"similar": similar}, request=request)
    return JsonResponse(
        {
            "count": len(similar),
            "questions": [
                {
                    "title": s.question.title,
                    "url": s.question.get_absolute_url(),
                    "answer_count": s.question.answer_count,
                    "top_specialty": s.top_specialty,
                }
                for s in similar
            ],
            "html": html,
            "seen": _similar_token(similar),
        }
    )


def _json_problem(exc: CurbsideError) -> JsonResponse:
    return JsonResponse(
        {"code": exc.code, "message": str(exc.message), "errors": {}},
        status=exc.status,
    )


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
    path("ask/similar/", ask_similar, name="ask_similar"),
    path("questions/<int:pk>/edit/", question_edit, name="question_edit"),
    path("questions/<int:pk>/follow-up/", followup_add, name="followup_add"),
]
