"""Questions for the duplicate-marking tests: an original and its repeat."""

import pytest

from tests import factories


@pytest.fixture
def original(eczema):
    return factories.QuestionFactory(title="Why does my eczema flare in winter?",
                                     topics=[eczema])  # fmt: skip


@pytest.fixture
def repeat(patient, eczema):
    return factories.QuestionFactory(asker=patient, topics=[eczema],
                                     title="Eczema worse every winter, why?")  # fmt: skip
