"""Topic counts show how many visible questions each topic holds."""

from curbside.questions.selectors import topic_question_counts, topics_with_counts
from curbside.topics.models import Topic
from tests import factories


def test_it_counts_visible_questions_per_topic_and_skips_removed_ones(eczema):
    acne = factories.TopicFactory(name="Acne", slug="acne")
    factories.QuestionFactory(topics=[eczema])
    factories.QuestionFactory(topics=[eczema, acne])
    factories.QuestionFactory(topics=[acne], is_removed=True)

    assert topic_question_counts() == {eczema.pk: 2, acne.pk: 1}
    totals = {t.slug: t.question_total for t in topics_with_counts(Topic.objects.all())}
    assert totals == {"dermatology": 0, "eczema": 2, "acne": 1}
