"""`curbside import FILE.jsonl [--strict]`: load a question archive (JSON Lines).

Reads ``-`` as standard input. Shows a progress bar on standard error and ends with
a summary; exits non-zero when a line could not be imported or the file cannot be
read, so scripts notice.
"""

import io
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from curbside.questions.archive import archive_import

# Invalid bytes become lone surrogates so the importer can name the bad line.
ENCODING, ERRORS = "utf-8-sig", "surrogateescape"


def _count_lines(stream) -> int | None:
    """The number of lines when the file can be read twice, else ``None``."""
    try:
        if not stream.seekable():
            return None
        start = stream.tell()
        total = sum(1 for _line in stream)
        stream.seek(start)
    except (OSError, ValueError):
        return None
    return total


class Command(BaseCommand):
    help = _(
        "Import questions, answers, physicians and agreements from a JSON Lines "
        "archive (one question a line). Questions already present are not "
        "duplicated. See docs/import-export.md for the format."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the .jsonl file to read, or - for stdin"))
        parser.add_argument(
            "--strict",
            action="store_true",
            help=_("import nothing at all if any line is bad"),
        )

    def handle(self, *args, file: str, strict: bool, **options):
        stream = self._open(file, options.get("stdin"))
        try:
            total = _count_lines(stream)
            with tqdm(
                total=total, unit=_(" lines"), file=sys.stderr, dynamic_ncols=True,
                desc=_("Importing"),
            ) as bar:  # fmt: skip
                report = archive_import(lines=stream, strict=strict,
                                        progress=bar.update)  # fmt: skip
        except OSError as exc:
            raise CommandError(
                _("Could not read %(file)s: %(error)s")
                % {"file": file, "error": exc.strerror or exc}
            ) from None
        except DatabaseError as exc:
            raise CommandError(
                _("The database is not ready (%(error)s). Run `curbside migrate` "
                  "first.") % {"error": exc}
            ) from None  # fmt: skip
        finally:
            if file != "-":
                stream.close()
            elif isinstance(stream, io.TextIOWrapper):
                stream.detach()  # leave standard input open
        self._summarise(report, strict)

    def _open(self, file: str, stdin):
        if file == "-":
            stdin = stdin or sys.stdin
            buffer = getattr(stdin, "buffer", None)
            if buffer is None:  # already text, e.g. io.StringIO
                return stdin
            return io.TextIOWrapper(buffer, encoding=ENCODING, errors=ERRORS)
        try:
            return open(file, encoding=ENCODING, errors=ERRORS)  # noqa: SIM115
        except FileNotFoundError:
            raise CommandError(
                _("%(file)s: no such file. Give the path of a .jsonl archive, or - "
                  "to read standard input.") % {"file": file}
            ) from None  # fmt: skip
        except IsADirectoryError:
            raise CommandError(
                _("%(file)s is a directory; give the path of a .jsonl file.")
                % {"file": file}
            ) from None
        except OSError as exc:
            raise CommandError(
                _("Could not open %(file)s: %(error)s")
                % {"file": file, "error": exc.strerror or exc}
            ) from None

    def _summarise(self, report, strict: bool) -> None:
        failed = len(report.errors)
        if not failed:
            self.stdout.write(report.summary())
            return
        if strict:
            self.stdout.write(
                ngettext(
                    "Nothing was imported (--strict): %(n)d line has errors:",
                    "Nothing was imported (--strict): %(n)d lines have errors:",
                    failed,
                )
                % {"n": failed}
            )
        else:
            self.stdout.write(
                report.summary()
                + " "
                + ngettext(
                    "%(n)d line skipped:", "%(n)d lines skipped:", failed
                ) % {"n": failed}
            )  # fmt: skip
        for number, message in report.errors:
            self.stdout.write("  " + _("line %(n)d: %(message)s")
                              % {"n": number, "message": message})  # fmt: skip
        if strict:
            raise CommandError(
                _("Nothing was imported. Fix the lines listed above and run the "
                  "import again.")
            )  # fmt: skip
        raise CommandError(
            ngettext(
                "%(n)d line could not be imported. Fix it and run the import again: "
                "what is already imported is not imported twice.",
                "%(n)d lines could not be imported. Fix them and run the import "
                "again: what is already imported is not imported twice.",
                failed,
            )
            % {"n": failed}
        )
