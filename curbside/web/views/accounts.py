"""Accounts for people: sign up, log in and out, confirm the e-mail address, reset
the password, the account page (profile, API tokens) and physician credentials."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from curbside.accounts.services import (
    api_token_create,
    api_token_revoke,
    user_confirm_email,
    user_send_confirmation,
    user_signup,
    user_update_profile,
)
from curbside.core.errors import Invalid, NotFound, RateLimited
from curbside.core.ratelimit import check_rate
from curbside.physicians.models import PhysicianProfile, VerificationDecision
from curbside.physicians.services import physician_apply as physician_apply_service
from curbside.web.forms import (
    EmailAuthenticationForm,
    PhysicianApplyForm,
    ProfileForm,
    SignupForm,
    TokenCreateForm,
    add_service_errors,
)
from curbside.web.views.action_support import client_ip, problem_page, safe_next

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@never_cache
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:account")
    form = SignupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                check_rate("signup", f"ip:{client_ip(request)}")
                user = user_signup(
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password"],
                    display_name=form.cleaned_data["display_name"],
                )
            except RateLimited as exc:
                return problem_page(request, exc)
            except Invalid as exc:
                add_service_errors(form, exc)
            else:
                auth_login(request, user, backend=MODEL_BACKEND)
                messages.success(
                    request,
                    _("Welcome! We sent a confirmation link to %(email)s. Open it "
                      "to start asking questions.") % {"email": user.email},
                )  # fmt: skip
                return redirect(safe_next(request, reverse("web:account")))
    return render(
        request,
        "web/accounts/signup.html",
        {"form": form, "next": safe_next(request, "")},
        status=status,
    )


class LoginRateLimitMixin:
    """Count each POST against the per-address log-in limit (log-in attempts and
    password-reset requests share it); past the limit, explain and stop."""

    def post(self, request, *args, **kwargs):
        try:
            check_rate("login", f"ip:{client_ip(request)}")
        except RateLimited as exc:
            return problem_page(request, exc)
        return super().post(request, *args, **kwargs)


class LoginView(LoginRateLimitMixin, auth_views.LoginView):
    """Log in with e-mail and password; attempts are rate-limited per address."""

    template_name = "web/accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LogoutView(auth_views.LogoutView):
    """Log out (POST only, so a link elsewhere cannot log anyone out)."""


def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = user_confirm_email(uidb64=uidb64, token=token)
    except (NotFound, Invalid) as exc:
        return render(
            request,
            "web/accounts/confirm.html",
            {"confirmed": False, "message": exc.message},
            status=exc.status,
        )
    return render(
        request,
        "web/accounts/confirm.html",
        {"confirmed": True, "confirmed_user": user},
    )


@require_POST
@login_required
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.email_confirmed:
        messages.info(request, _("Your e-mail address is already confirmed."))
    else:
        try:
            check_rate("signup", f"user:{user.pk}")
        except RateLimited as exc:
            return problem_page(request, exc)
        user_send_confirmation(user=user)
        messages.success(
            request,
            _("We sent a new confirmation link to %(email)s.") % {"email": user.email},
        )
    return redirect(safe_next(request, reverse("web:account")))


class PasswordResetView(LoginRateLimitMixin, auth_views.PasswordResetView):
    template_name = "web/accounts/password_reset_form.html"
    email_template_name = "web/accounts/email/password_reset.txt"
    subject_template_name = "web/accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("web:password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {
            "site_url": settings.SITE_URL,
            "site_name": settings.SITE_NAME,
        }
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "web/accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "web/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("web:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "web/accounts/password_reset_complete.html"


def _account_page(request, *, profile_form=None, token_form=None, new_token=None,
                  status=200) -> HttpResponse:  # fmt: skip
    user = request.user
    response = render(
        request,
        "web/accounts/account.html",
        {
            "profile_form": profile_form
            or ProfileForm(initial={"display_name": user.display_name}),
            "token_form": token_form or TokenCreateForm(),
            "tokens": list(user.api_tokens.all()),
            "new_token": new_token,
            "physician": getattr(user, "physician", None),
        },
        status=status,
    )
    # The page may carry a raw API token: never keep a copy anywhere.
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _account_page(request)
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            user_update_profile(
                user=request.user, display_name=form.cleaned_data["display_name"]
            )
        except Invalid as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("web:account")
    return _account_page(request, profile_form=form, status=400)


@require_POST
@login_required
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST)
    if form.is_valid():
        try:
            token, raw = api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except Invalid as exc:
            add_service_errors(form, exc)
        else:
            return _account_page(request, new_token={"token": token, "raw": raw})
    return _account_page(request, token_form=form, status=400)


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        api_token_revoke(user=request.user, token_id=pk)
    except NotFound as exc:
        return problem_page(request, exc, back_url=reverse("web:account"))
    messages.success(request, _("The token is revoked; it no longer works."))
    return redirect("web:account")


def _profile_initial(profile: PhysicianProfile | None) -> dict:
    if profile is None:
        return {}
    fields = ["name", "degree", "credentials", "npi", "license_number",
              "license_region", "board_certification", "practice_name",
              "conflicts_of_interest", "bio"]  # fmt: skip
    initial = {f: getattr(profile, f) for f in fields}
    initial["specialties"] = list(profile.specialties.all())
    return initial


def _latest_refusal(profile: PhysicianProfile | None):
    if profile is None or profile.status != PhysicianProfile.Status.REJECTED:
        return None
    refused = (VerificationDecision.Decision.REJECTED,
               VerificationDecision.Decision.REVOKED)  # fmt: skip
    return profile.decisions.filter(decision__in=refused).first()


@login_required
def physician_apply(request: HttpRequest) -> HttpResponse:
    profile = getattr(request.user, "physician", None)
    if request.method == "POST":
        form = PhysicianApplyForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                profile = physician_apply_service(user=request.user,
                                                  **form.cleaned_data)  # fmt: skip
            except Invalid as exc:
                add_service_errors(form, exc)
            else:
                if profile.is_verified:
                    text = _("Your profile is saved.")
                else:
                    text = _("Thank you. Staff will check your credentials and "
                             "verify you; we will show the result here.")  # fmt: skip
                messages.success(request, text)
                return redirect("web:physician_apply")
    else:
        form = PhysicianApplyForm(initial=_profile_initial(profile))
        status = 200
    return render(
        request,
        "web/accounts/physician.html",
        {"form": form, "profile": profile, "refusal": _latest_refusal(profile)},
        status=status,
    )


urlpatterns = [
    path("accounts/signup/", signup, name="signup"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("accounts/confirm/resend/", resend_confirmation, name="resend_confirmation"),
    path(
        "accounts/confirm/<str:uidb64>/<str:token>/",
        confirm_email,
        name="confirm_email",
    ),
    path(
        "accounts/password-reset/",
        PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/", account, name="account"),
    path("account/tokens/", token_create, name="token_create"),
    path("account/tokens/<int:pk>/revoke/", token_revoke, name="token_revoke"),
    path("account/physician/", physician_apply, name="physician_apply"),
]
