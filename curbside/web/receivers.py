"""Drop cached pages when a question changes: receivers only touch caches."""

from django.dispatch import receiver

from curbside.questions.events import question_changed
from curbside.web.cache import bump_question_version


@receiver(question_changed)
def drop_cached_question_pages(sender, question_id: int, **kwargs) -> None:
    bump_question_version(question_id)
