"""/healthz tells a load balancer whether this worker can reach its database."""

from django.db import OperationalError
from django.urls import reverse


def test_it_says_ok_when_the_database_answers(client, db):
    response = client.get(reverse("web:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


class _UnreachableDatabase:
    def cursor(self):
        raise OperationalError("connection refused")


def test_it_says_unavailable_when_the_database_does_not_answer(client, db, monkeypatch):
    monkeypatch.setattr("curbside.web.views.reading.connection", _UnreachableDatabase())
    response = client.get(reverse("web:healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
