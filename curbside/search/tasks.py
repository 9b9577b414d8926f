from django_tasks import task

from curbside.search import services


@task()
def index_question(question_id: int) -> None:
    """(Re)index one question; removes it from the index if it is gone or removed."""
    services.search_index_question(question_id=question_id)


@task()
def build_vector_index() -> None:
    """Fold the vectors written since the index file was built into a new file."""
    services.vectors_compact()
