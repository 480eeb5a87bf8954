"""The `ally` command.

    ally init | serve | worker | demo | check | audit verify | sso | report | htcds | evaluation-extract
    ally <any Django management command>   (ally migrate, ally shell -c …)

Every failure ends with one line saying why, and a non-zero exit.
"""

from __future__ import annotations

import os
import sys

USAGE = """usage: ally <command> [options]

Ally commands:
  init          create the database tables, the first task force and its first administrator
  serve         run Ally with a production web server and the background worker
  worker        run the background task worker only
  demo          build a demo task force (--scale small|statewide|national, --seed N)
  check         check the configuration and Django's deployment checks
  audit verify  verify the tamper-evident audit log
  sso           configure a task force's OpenID Connect single sign-on
  report        a quarterly funder report (ally report ovc --task-force --quarter FY2026Q1 --format pdf --output r.pdf)
  htcds         export or import an organization's clients in HTCDS v2.0 form (CSV or XLSX)
  evaluation-extract
                the de-identified, k-anonymous case-level file for evaluators (a ZIP with its data dictionary)

Any other command is passed to Django (ally migrate, ally shell -c "…", ally help).
Run `ally <command> --help` for a command's options.
"""


def _fail(message: str, code: int = 1) -> int:
    print(f"ally: {message}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(USAGE)
        return 0 if argv else 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ally.settings")

    from ally.env import SettingError

    try:
        import django

        django.setup()
    except SettingError as error:
        return _fail(f"setting {error}", 2)
    except Exception as error:  # a broken settings module or app: say so in one line
        return _fail(f"cannot start: {error}", 2)

    from django.core.management import CommandError, ManagementUtility
    from django.db import DatabaseError, InterfaceError

    command = "ally_check" if argv[0] == "check" else argv[0]
    try:
        ManagementUtility(["ally", command, *argv[1:]]).execute()
    except SystemExit as exit_:
        return int(exit_.code or 0) if isinstance(exit_.code, int | None) else 1
    except CommandError as error:
        return _fail(str(error))
    except (DatabaseError, InterfaceError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return _fail(f"database error: {first_line}")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `ally demo | head`: the reader left; that is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
