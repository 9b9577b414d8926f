"""The `curbside` console script: every management command with Curbside's settings.

curbside migrate
curbside runserver
curbside import questions.jsonl
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(argv if argv is not None else sys.argv)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Curbside is not configured correctly: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
