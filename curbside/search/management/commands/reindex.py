"""`curbside reindex`: rebuild the search indexes from the questions.

Both indexes are derived data; this is the one command that brings them back in
step after a restore, a bulk import with the workers stopped, a new model, or any
doubt. Three steps, each with a progress bar: the words index, the question
vectors (only those missing or stale, so a stopped run resumes where it left
off), and the vector index file (swapped in atomically at the end).
"""

import os
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from curbside.core.embedding import EmbeddingUnavailable
from curbside.search import vectors
from curbside.search.services import (
    indexable_questions,
    search_rebuild,
    vectors_pending,
    vectors_rebuild,
)


def _bar(total: int, desc: str, unit: str) -> tqdm:
    return tqdm(total=total, unit=unit, file=sys.stderr, dynamic_ncols=True,
                desc=desc)  # fmt: skip


class Command(BaseCommand):
    help = _(
        "Rebuild the search indexes (words and meaning) from every question that is "
        "not removed. The site keeps serving while it runs; an interrupted run "
        "resumes where it stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-words", action="store_true",
            help=_("Leave the words index as it is."),
        )  # fmt: skip
        parser.add_argument(
            "--skip-vectors", action="store_true",
            help=_("Leave the question vectors and their index file as they are."),
        )  # fmt: skip
        parser.add_argument(
            "--threads", type=int, default=os.cpu_count() or 1,
            help=_("CPU threads for the sentence model (default: every core)."),
        )  # fmt: skip
        parser.add_argument(
            "--force", action="store_true",
            help=_("Embed every question again, even those whose vector is current."),
        )  # fmt: skip

    def handle(self, *args, **options):
        if options["threads"] < 1:
            raise CommandError(_("--threads must be 1 or more."))
        try:
            total = indexable_questions().count()
            if not options["skip_words"]:
                self._words(total)
            if not options["skip_vectors"]:
                self._vectors(force=options["force"], threads=options["threads"])
        except DatabaseError as exc:
            raise CommandError(
                _("The database is not ready (%(error)s). Run `curbside migrate` "
                  "first.") % {"error": exc}
            ) from None  # fmt: skip
        except EmbeddingUnavailable as exc:
            raise CommandError(
                _("The sentence model cannot be loaded (%(error)s). Reinstall the "
                  "project's packages, or run with --skip-vectors.") % {"error": exc}
            ) from None  # fmt: skip

    def _words(self, total: int) -> None:
        started = time.monotonic()
        with _bar(total, _("Words index"), _(" questions")) as bar:
            indexed = search_rebuild(progress=bar.update)
        self.stdout.write(
            ngettext(
                "Indexed the words of %(n)d question in %(seconds).1f s.",
                "Indexed the words of %(n)d questions in %(seconds).1f s.",
                indexed,
            )
            % {"n": indexed, "seconds": time.monotonic() - started}
        )

    def _vectors(self, *, force: bool, threads: int) -> None:
        started = time.monotonic()
        embedder = vectors.get_embedder(threads=threads)
        pending = indexable_questions().count() if force else vectors_pending()
        with _bar(pending, _("Question vectors"), _(" questions")) as bar:
            embedded = vectors_rebuild(
                progress=bar.update, force=force, embedder=embedder
            )
        seconds = time.monotonic() - started
        if embedded:
            message = ngettext(
                "Embedded %(n)d question in %(seconds).1f s (%(rate).0f a second, "
                "model %(model)s).",
                "Embedded %(n)d questions in %(seconds).1f s (%(rate).0f a second, "
                "model %(model)s).",
                embedded,
            )
        else:
            message = _("Embedded 0 questions: every vector was current (model "
                        "%(model)s).")  # fmt: skip
        self.stdout.write(
            message
            % {
                "n": embedded,
                "seconds": seconds,
                "model": embedder.model_id,
                "rate": embedded / seconds if seconds else 0,
            }  # fmt: skip
        )
        stored = vectors.QuestionVector.objects.filter(
            model_id=embedder.model_id
        ).count()
        with (
            _bar(stored, _("Vector index"), _(" vectors")) as graph,
            _bar(stored, _("Neighbourhoods"), _(" vectors")) as neighbourhoods,
        ):
            info = vectors.build_index_file(
                embedder=embedder,
                progress=graph.update,
                crowding_progress=neighbourhoods.update,
            )
        self.stdout.write(
            ngettext(
                "Built the vector index of %(n)d question in %(seconds).1f s "
                "(%(size)s) in %(path)s.",
                "Built the vector index of %(n)d questions in %(seconds).1f s "
                "(%(size)s) in %(path)s.",
                info.count,
            )
            % {
                "n": info.count,
                "seconds": info.seconds,
                "size": filesizeformat(info.size_bytes),
                "path": vectors.index_paths(embedder.model_id)[0].parent,
            }  # fmt: skip
        )
