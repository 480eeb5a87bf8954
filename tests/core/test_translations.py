"""The Spanish catalogue is complete, and the compiled file matches it."""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from pathlib import Path

import ally

CATALOGUE = Path(ally.__file__).parent / "locale" / "es" / "LC_MESSAGES"


@dataclass(frozen=True)
class Entry:
    flags: str
    context: str
    msgid: str
    plural: str
    msgstr: str  # the singular form for plural entries


def _field(block: str, key: str) -> str:
    match = re.search(rf"^{key} ((?:\".*\"\n?)+)", block, re.M)
    if not match:
        return ""
    raw = "".join(re.findall(r'"(.*)"', match.group(1)))
    return raw.replace(r"\"", '"').replace(r"\n", "\n").replace(r"\t", "\t").replace("\\\\", "\\")


def _entries() -> list[Entry]:
    blocks = (CATALOGUE / "django.po").read_text().split("\n\n")[1:]  # the first is the header
    return [
        Entry(
            flags=" ".join(re.findall(r"^#, (.*)$", block, re.M)),
            context=_field(block, "msgctxt"),
            msgid=_field(block, "msgid"),
            plural=_field(block, "msgid_plural"),
            msgstr=_field(block, r"msgstr\[0\]") if "msgid_plural" in block else _field(block, "msgstr"),
        )
        for block in blocks
        if not block.lstrip().startswith("#~")  # obsolete entries
    ]


def test_every_string_has_a_spanish_translation():
    untranslated = [e.msgid for e in _entries() if not e.msgstr or "fuzzy" in e.flags]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_source():
    with (CATALOGUE / "django.mo").open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    stale = []
    for e in _entries():
        if e.plural:
            found = compiled.npgettext(e.context, e.msgid, e.plural, 1) if e.context else compiled.ngettext(e.msgid, e.plural, 1)
        else:
            found = compiled.pgettext(e.context, e.msgid) if e.context else compiled.gettext(e.msgid)
        if found != e.msgstr:
            stale.append(e.msgid)
    assert stale == [], "run `ally compilemessages`"
