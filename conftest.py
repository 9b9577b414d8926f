"""Shared fixtures: the named people every test speaks of.

- ``patient`` (Alice): a member with a confirmed e-mail address
- ``verified_physician`` (Dr Bob Baker, dermatology) and ``second_physician``
  (Dr Carol Chen, dermatology)
- ``unverified_physician`` (Dr Dave Doe, waiting for verification)
- ``moderator`` (Maria, staff who verifies physicians)
- ``outsider`` (Oscar, a member with nothing to do with the question)
"""

import os
import sys

import pytest
from django.db import connection

from tests import factories

try:  # absl comes with rouge-score, a development dependency only
    from absl import logging as absl_logging
except ImportError:  # pragma: no cover
    absl_logging = None
if absl_logging is not None:
    # Importing OpenVINO imports absl.logging, whose handler holds the stderr of
    # the moment: here pytest's capture file. When a test's command reconfigures
    # logging (``django.setup()``), logging closes every handler, and absl's
    # closes that file, which ends the whole run. The process's own stderr it
    # leaves open.
    absl_logging.get_absl_handler().python_handler.setStream(sys.__stderr__)


def pytest_collection_modifyitems(config, items):
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _own_vector_index(settings, tmp_path):
    """Each test gets an empty folder for the vector index file."""
    from curbside.search import vectors

    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    vectors._loaded.clear()
    vectors._tail_cache.clear()
    yield
    vectors._loaded.clear()
    vectors._tail_cache.clear()


@pytest.fixture
def dermatology(db):
    return factories.SpecialtyFactory(name="Dermatology", slug="dermatology")


@pytest.fixture
def eczema(dermatology):
    return factories.TopicFactory(name="Eczema", slug="eczema", parent=dermatology)


@pytest.fixture
def patient(db):
    return factories.UserFactory(email="alice@example.org", display_name="Alice")


@pytest.fixture
def outsider(db):
    return factories.UserFactory(email="oscar@example.org", display_name="Oscar")


@pytest.fixture
def verified_physician(dermatology):
    user = factories.UserFactory(email="bob@example.org", display_name="Bob Baker")
    return factories.PhysicianFactory(user=user, name="Bob Baker",
                                      specialties=[dermatology])  # fmt: skip


@pytest.fixture
def second_physician(dermatology):
    user = factories.UserFactory(email="carol@example.org", display_name="Carol Chen")
    return factories.PhysicianFactory(user=user, name="Carol Chen",
                                      specialties=[dermatology])  # fmt: skip


@pytest.fixture
def unverified_physician(dermatology):
    user = factories.UserFactory(email="dave@example.org", display_name="Dave Doe")
    return factories.PhysicianFactory(
        user=user, name="Dave Doe", specialties=[dermatology],
        status="pending",
    )  # fmt: skip


@pytest.fixture
def moderator(db):
    return factories.UserFactory(email="maria@example.org", display_name="Maria",
                                 is_staff=True, is_superuser=True)  # fmt: skip


@pytest.fixture
def question(patient, eczema):
    return factories.QuestionFactory(asker=patient, topics=[eczema])


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"
