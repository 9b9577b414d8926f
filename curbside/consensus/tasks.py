from django_tasks import task

from curbside.consensus import services


@task()
def refresh_consensus(question_id: int) -> None:
    """Recompute one question's consensus when its inputs changed."""
    services.consensus_refresh(question_id=question_id)
