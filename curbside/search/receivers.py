"""Keep the search index in step with questions: receivers only enqueue."""

from django.dispatch import receiver

from curbside.questions.events import question_changed
from curbside.search.tasks import index_question


@receiver(question_changed)
def reindex_changed_question(
    sender, question_id: int, text_changed: bool = True, **kwargs
) -> None:
    if text_changed:
        index_question.enqueue(question_id)
