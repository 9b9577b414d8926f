"""A forgotten password is reset through a link sent by e-mail."""

import re

from django.core import mail
from django.urls import reverse

from curbside.accounts.models import User

NEW_PASSWORD = "another-long-passphrase-2"


def test_it_e_mails_a_link_that_sets_a_new_password(client, patient):
    response = client.post(
        reverse("web:password_reset"), {"email": "alice@example.org"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("web:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.org"]
    path = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[0].body)[1]

    form = client.get(path, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert done.status_code == 302
    assert done["Location"] == reverse("web:password_reset_complete")
    assert User.objects.get(pk=patient.pk).check_password(NEW_PASSWORD)


def test_it_does_not_reveal_whether_an_address_has_an_account(client, db):
    response = client.post(
        reverse("web:password_reset"), {"email": "nobody@example.org"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("web:password_reset_done")
    assert not mail.outbox


def test_it_explains_a_broken_reset_link(client, patient):
    response = client.get(
        reverse("web:password_reset_confirm", args=["MQ", "bad-token"])
    )

    assert response.status_code == 200
    assert "expired or was already used" in response.content.decode()
