"""Keep each question's consensus in step: receivers only enqueue.

Every event counts, ``text_changed`` or not: an agreement changes no words but
changes who supports a point. The task compares a hash of its inputs and skips
questions whose inputs did not change (votes, a review date).
"""

from django.dispatch import receiver

from curbside.consensus.tasks import refresh_consensus
from curbside.questions.events import question_changed


@receiver(question_changed)
def recompute_consensus(sender, question_id: int, **kwargs) -> None:
    refresh_consensus.enqueue(question_id)
