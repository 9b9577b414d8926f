"""Every write to accounts: sign-up, e-mail confirmation, API tokens."""

import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from curbside.accounts.models import ApiToken, User, hash_token
from curbside.accounts.tokens import email_confirmation_token
from curbside.core.clock import now
from curbside.core.errors import Invalid, NotFound, invalid_from_validation_error

MAX_TOKENS_PER_USER = 10


def _check_display_name(display_name: str) -> str:
    """The display name is public: refuse one that looks like an e-mail address."""
    display_name = display_name.strip()
    if "@" in display_name:
        message = _(
            "Your display name is shown to everyone, so it cannot be an e-mail "
            "address. Use your first name, or leave it empty to use your pseudonym."
        )
        raise Invalid(message, field="display_name",
                      errors={"display_name": [message]})  # fmt: skip
    return display_name


def user_signup(*, email: str, password: str, display_name: str = "") -> User:
    """Create a member account and send the e-mail confirmation link."""
    email = User.objects.normalize_email(email).strip()
    if User.objects.filter(email__iexact=email).exists():
        raise Invalid(
            _("An account with this e-mail address already exists. Log in instead."),
            code="email_taken",
            field="email",
            errors={
                "email": [_("An account with this e-mail address already exists.")]
            },
        )
    display_name = _check_display_name(display_name)
    user = User(email=email, username=email, display_name=display_name)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise Invalid(
            " ".join(exc.messages),
            code="weak_password",
            field="password",
            errors={"password": list(exc.messages)},
        ) from None
    user.set_password(password)
    try:
        user.full_clean()
    except ValidationError as exc:
        raise invalid_from_validation_error(exc) from None
    user.save()
    transaction.on_commit(lambda: user_send_confirmation(user=user))
    return user


def user_send_confirmation(*, user: User) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_confirmation_token.make_token(user)
    link = settings.SITE_URL + reverse("web:confirm_email", args=[uid, token])
    body = render_to_string(
        "accounts/email/confirm.txt", {"user": user, "link": link, "site": settings}
    )
    send_mail(
        _("Confirm your e-mail address for %(site)s") % {"site": settings.SITE_NAME},
        body,
        None,
        [user.email],
    )


def user_confirm_email(*, uidb64: str, token: str) -> User:
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
        user = User.objects.get(pk=pk)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        raise NotFound(_("This confirmation link is not valid.")) from None
    if user.email_confirmed:
        return user
    if not email_confirmation_token.check_token(user, token):
        raise Invalid(
            _("This confirmation link has expired or was already used. "
              "Log in and ask for a new one."),
            code="bad_token",
        )  # fmt: skip
    user.email_confirmed = True
    user.save(update_fields=["email_confirmed"])
    return user


def user_update_profile(*, user: User, display_name: str) -> User:
    user.display_name = _check_display_name(display_name)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise invalid_from_validation_error(exc) from None
    user.save(update_fields=["display_name"])
    return user


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; returns it and the raw secret, which is never stored."""
    name = name.strip()
    if not name:
        raise Invalid(_("Give the token a name, e.g. the script that will use it."),
                      code="invalid", field="name",
                      errors={"name": [_("This field is required.")]})  # fmt: skip
    if user.api_tokens.count() >= MAX_TOKENS_PER_USER:
        raise Invalid(
            _("You already have %(n)d tokens. Revoke one you no longer use first.")
            % {"n": MAX_TOKENS_PER_USER},
            code="too_many_tokens",
        )
    raw = ApiToken.PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, key_hash=hash_token(raw), hint=raw[-6:])
    try:
        token.full_clean()
    except ValidationError as exc:
        raise invalid_from_validation_error(exc) from None
    token.save()
    return token, raw


def api_token_revoke(*, user: User, token_id: int) -> None:
    deleted, _rows = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise NotFound(_("This token does not exist or was already revoked."))


def api_token_authenticate(*, raw: str) -> User | None:
    """The active user a raw token belongs to, or None. Records the last use."""
    if not raw or not raw.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    stamp = now()
    if token.last_used_at is None or (stamp - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=stamp)
    return token.user
