"""`curbside consensus --all | ID…`: recompute the physicians' consensus.

The consensus is derived data, kept up to date by a background task whenever an
answer or a stance changes; this command rebuilds it after an upgrade of the
algorithm, a restore, or a bulk import with the workers stopped.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from curbside.consensus.services import COMPUTED, DROPPED, UNCHANGED, consensus_rebuild
from curbside.questions.models import Question


class Command(BaseCommand):
    help = _(
        "Recompute the physicians' consensus of one or more questions, or of every "
        "question with --all."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "question_ids", nargs="*", type=int, metavar="ID",
            help=_("The number of a question (as in its address)."),
        )  # fmt: skip
        parser.add_argument("--all", action="store_true", help=_("Every question."))

    def handle(self, *args, question_ids, all, **options):
        if all == bool(question_ids):
            raise CommandError(
                _("Give the number of a question, or --all for every question.")
            )
        started = time.monotonic()
        try:
            if question_ids:
                known = set(
                    Question.objects.filter(pk__in=question_ids).values_list(
                        "pk", flat=True
                    )
                )
                missing = [str(i) for i in question_ids if i not in known]
                if missing:
                    raise CommandError(
                        _("No question with the number %(ids)s.")
                        % {"ids": ", ".join(missing)}
                    )
                ids = list(question_ids)
            else:
                ids = list(Question.objects.order_by("pk").values_list("pk", flat=True))
            with tqdm(total=len(ids), unit=_(" questions"), file=sys.stderr,
                      dynamic_ncols=True, desc=_("Consensus"),
                      disable=len(ids) < 2) as bar:  # fmt: skip
                counts = consensus_rebuild(question_ids=ids, progress=bar.update)
        except DatabaseError as exc:
            raise CommandError(
                _("The database is not ready (%(error)s). Run `curbside migrate` "
                  "first.") % {"error": exc}
            ) from None  # fmt: skip
        self.stdout.write(
            ngettext(
                "Consensus of %(total)d question in %(seconds).1f s: %(computed)d "
                "computed, %(unchanged)d unchanged, %(dropped)d removed or gone.",
                "Consensus of %(total)d questions in %(seconds).1f s: %(computed)d "
                "computed, %(unchanged)d unchanged, %(dropped)d removed or gone.",
                len(ids),
            )
            % {
                "total": len(ids),
                "seconds": time.monotonic() - started,
                "computed": counts[COMPUTED],
                "unchanged": counts[UNCHANGED],
                "dropped": counts[DROPPED],
            }
        )
