"""What `ally demo` prints: progress on stderr, the table of sign-in accounts on stdout."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from ally.demo.planner import DemoAccount
from ally.demo.plans import PERSONA_KEYS

COLUMNS = ("Persona", "Name", "Email", "Password", "Organization")


class Stream(Protocol):
    def write(self, msg: str = "", style_func: Callable[[str], str] | None = None,
              ending: str | None = None) -> None: ...

    def flush(self) -> None: ...

    def isatty(self) -> bool: ...


def _plain(text: str) -> str:
    return text


class ProgressPrinter:
    """A progress bar redrawn in place on a terminal; one line per finished phase otherwise."""

    width = 30

    def __init__(self, stream: Stream) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.last_length = 0

    def __call__(self, what: str, done: int, total: int) -> None:
        finished = done >= total
        if self.tty:
            filled = self.width * done // max(total, 1)
            bar = "#" * filled + "-" * (self.width - filled)
            line = f"{what:<40} [{bar}] {done}/{total}"
            padding = " " * max(self.last_length - len(line), 0)
            self.last_length = 0 if finished else len(line)
            self.stream.write("\r" + line + padding, style_func=_plain,
                              ending="\n" if finished else "")
            self.stream.flush()
        elif finished:
            self.stream.write(f"{what}: {done}/{total}", style_func=_plain)


def ordered(accounts: Iterable[DemoAccount]) -> list[DemoAccount]:
    """Personas first (in the order of ARCHITECTURE.md), then the rest by organization."""

    def sort_key(account: DemoAccount) -> tuple[int, str, int, str]:
        if account.persona:
            return (PERSONA_KEYS.index(account.persona), "", 0, "")
        rank = 0 if account.key.startswith("org_admin:") else 1
        return (len(PERSONA_KEYS), account.organization, rank, account.full_name)

    return sorted(accounts, key=sort_key)


def format_accounts(accounts: Iterable[DemoAccount]) -> str:
    """The accounts as a plain-text table, one section per task force."""
    by_task_force: dict[str, list[DemoAccount]] = {}
    for account in accounts:
        by_task_force.setdefault(account.task_force, []).append(account)
    sections = []
    for slug, members in by_task_force.items():
        rows = [
            (a.label, a.full_name, a.email, a.password, a.organization) for a in ordered(members)
        ]
        widths = [max(len(row[i]) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]

        def line(cells: tuple[str, ...], widths: list[int] = widths) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        rule = "  ".join("-" * w for w in widths)
        body = "\n".join(line(row) for row in rows)
        sections.append(
            f"Demo accounts of {slug} ({len(rows)}):\n{line(COLUMNS)}\n{rule}\n{body}"
        )
    return "\n\n".join(sections)
