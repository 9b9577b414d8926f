"""Small helpers shared by the views that act (ask, answer, vote, accounts).

Services raise ``curbside.core.errors``; these turn them into what a person sees:
a page with the message and the matching HTTP status, or a safe redirect back.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from curbside.core.errors import CurbsideError

TITLES = {
    403: _("Not allowed"),
    404: _("Not found"),
    409: _("Already done"),
    429: _("Please slow down"),
}


def client_ip(request: HttpRequest) -> str:
    """The address rate limits count by. Proxies must set REMOTE_ADDR correctly
    (gunicorn behind nginx: ``--forwarded-allow-ips``); a client-supplied
    X-Forwarded-For header is not trusted."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def problem_page(
    request: HttpRequest,
    exc: CurbsideError,
    *,
    form=None,
    form_action: str = "",
    submit_label: str = "",
    back_url: str = "",
    status: int | None = None,
) -> HttpResponse:
    """A page that says what went wrong; with ``form`` it also offers the form
    again, filled with what the person typed, so no text is ever lost."""
    status = status or exc.status
    return render(
        request,
        "web/action_problem.html",
        {
            "title": TITLES.get(status, _("Please check this")),
            "message": exc.message,
            "code": exc.code,
            "form": form,
            "form_action": form_action,
            "submit_label": submit_label,
            "back_url": back_url,
        },
        status=status,
    )


def safe_next(request: HttpRequest, fallback: str) -> str:
    """Where to go back to: the posted ``next`` when it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def redirect_back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(safe_next(request, fallback))


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")
