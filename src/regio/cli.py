"""The `regio` command: Django management under friendlier names, plus the text reader.

`regio extract ...` runs without Django (the reader is plain Python); everything else is a Django
management command. User errors end with a one-line reason and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    "serve": "runserver",
    "load-region": "load_region",
    "import": "import_documents",
    "import-region": "import_region",
    "generate-scale": "generate_scale",
}
PURE_COMMANDS = {"extract": "regio.extraction.cli"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PURE_COMMANDS:
        from importlib import import_module

        return import_module(PURE_COMMANDS[argv[0]]).main(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regio.conf.settings")
    if argv:
        argv[0] = ALIASES.get(argv[0], argv[0])
        if argv[0] == "runserver" and not any(":" in a or a.isdigit() for a in argv[1:]):
            argv.append("127.0.0.1:8000")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(["regio", *argv])
    except ImproperlyConfigured as exc:
        print(f"regio: configuration error: {exc}", file=sys.stderr)
        return 2
    except DatabaseError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"regio: database error: {first_line} (is the database migrated? try: regio migrate)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
