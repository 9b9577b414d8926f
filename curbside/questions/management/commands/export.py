"""`curbside export [FILE.jsonl]`: write every question as JSON Lines.

Without a file the archive goes to standard output; the progress bar and the
summary go to standard error, so the output can be piped. A file is written under a
temporary name and renamed when complete, so a failed export never leaves half an
archive behind under the real name.
"""

import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from curbside.questions.archive import archive_export
from curbside.questions.models import Question


class Command(BaseCommand):
    help = _(
        "Export every question that is not removed, with its answers, physicians, "
        "topics and agreements, as JSON Lines (the format `curbside import` reads)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            help=_("the .jsonl file to write (standard output if omitted)"),
        )

    def handle(self, *args, file: str | None, **options):
        try:
            total = Question.objects.filter(is_removed=False).count()
            if file in (None, "-"):
                written = self._export(self.stdout, total)
                summary_out = self.stderr
            else:
                written = self._export_to_file(Path(file), total)
                summary_out = self.stdout
        except DatabaseError as exc:
            raise CommandError(
                _("The database is not ready (%(error)s). Run `curbside migrate` "
                  "first.") % {"error": exc}
            ) from None  # fmt: skip
        summary_out.write(
            ngettext(
                "Exported %(n)d question to %(file)s.",
                "Exported %(n)d questions to %(file)s.",
                written,
            )
            % {"n": written, "file": file or _("standard output")}
        )

    def _export(self, out, total: int) -> int:
        with tqdm(total=total, unit=_(" questions"), file=sys.stderr,
                  dynamic_ncols=True, desc=_("Exporting")) as bar:  # fmt: skip
            return archive_export(out=out, progress=bar.update)

    def _export_to_file(self, path: Path, total: int) -> int:
        partial = path.with_name(path.name + ".part")
        try:
            with open(partial, "w", encoding="utf-8", newline="\n") as out:
                written = self._export(out, total)
            os.replace(partial, path)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(
                _("Could not write %(file)s: %(error)s")
                % {"file": path, "error": exc.strerror or exc}
            ) from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return written
