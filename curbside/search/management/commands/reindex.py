"""`curbside reindex`: rebuild the lexical search index from the questions.

The index is derived data; this is the one command that brings it back in step
after a restore, a bulk import with the workers stopped, or any doubt.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from curbside.questions.models import Question
from curbside.search.services import search_rebuild


class Command(BaseCommand):
    help = _(
        "Rebuild the search index from every question that is not removed. The site "
        "keeps serving while it runs."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            total = Question.objects.filter(is_removed=False).count()
            with tqdm(total=total, unit=_(" questions"), file=sys.stderr,
                      dynamic_ncols=True, desc=_("Indexing")) as bar:  # fmt: skip
                indexed = search_rebuild(progress=bar.update)
        except DatabaseError as exc:
            raise CommandError(
                _("The database is not ready (%(error)s). Run `curbside migrate` "
                  "first.") % {"error": exc}
            ) from None  # fmt: skip
        self.stdout.write(
            ngettext(
                "Indexed %(n)d question in %(seconds).1f s.",
                "Indexed %(n)d questions in %(seconds).1f s.",
                indexed,
            )
            % {"n": indexed, "seconds": time.monotonic() - started}
        )
