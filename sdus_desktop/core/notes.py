"""Notes de suivi (pure): how a note reads, which notes a period keeps, when two notes are the same note.

A note is dated, signed and kept: a returned workbook adds notes, never rewrites one; the bilan stays the
fiche's current summary. The store keeps them (store.notes), the views, workbook and printed outputs read
them through here so a note reads the same everywhere.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable
from datetime import date
from typing import Any, Protocol, TypeVar

from sdus_desktop.core.validation import format_date

_LINE_ENDS = re.compile(r"\r\n?")
_TRAILING_SPACES = re.compile(r"[ \t]+\n")
_COMITE_NUMBER = re.compile(r"^(?:comit[ée]\s*(?:n°|no|n)?\s*)?(\d+)$", re.IGNORECASE)


class NoteLike(Protocol):
    note_date: date
    text: str


N = TypeVar("N", bound=NoteLike)


def clean_text(raw: object) -> str:
    """The text of a note as stored: line ends unified, spaces at line ends and around the text removed
    (what people typed is otherwise kept as it is, accents and inner spacing included)."""
    text = "" if raw is None else str(raw)
    return _TRAILING_SPACES.sub("\n", _LINE_ENDS.sub("\n", text)).strip()


def identity(action_id: int, note_date: date, text: str) -> tuple[int, str, str]:
    """What makes two notes the same note (a workbook imported twice must not add it twice): the fiche, the day
    and the text (the author is left out: « Rempli par » may be typed differently the second time)."""
    return (action_id, note_date.isoformat(), clean_text(text))


def describe(snapshot: dict[str, Any]) -> str:
    """A note as the journal and previews show it: « 12/03/2026 · Marie Dupont : texte »."""
    raw_date = snapshot.get("note_date")
    try:
        day = format_date(date.fromisoformat(str(raw_date))) if raw_date else "sans date"
    except ValueError:
        day = str(raw_date)
    author = str(snapshot.get("author") or "")
    who = f" · {author}" if author else ""
    return f"{day}{who} : {snapshot.get('text', '')}"


def parse_comite(raw: object) -> int | None:
    """A comité reference: empty → None, an id (« 3 », « comité n° 3 ») → 3; ValueError otherwise."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        raise ValueError("comité inconnu")
    if isinstance(raw, int):
        if raw < 1:
            raise ValueError(f"comité inconnu ({raw})")
        return raw
    match = _COMITE_NUMBER.match(str(raw).strip())
    if match is None:
        raise ValueError(f"comité inconnu « {raw} » : choisissez un comité figé dans la liste")
    return int(match[1])


def format_comite(comite_id: int, comite_date: date | None = None) -> str:
    return f"comité du {format_date(comite_date)}" if comite_date else f"comité n° {comite_id}"


def newest_first(notes: Iterable[N]) -> list[N]:
    """Notes by date, newest first (stable: notes of the same day keep their order of writing, last first)."""
    return sorted(reversed(list(notes)), key=lambda note: note.note_date, reverse=True)


def in_period(notes: Iterable[N], start: date | None = None, end: date | None = None) -> list[N]:
    """The notes dated within [start, end] (either bound may be open), newest first."""
    return newest_first(n for n in notes if (start is None or n.note_date >= start)
                        and (end is None or n.note_date <= end))


def last_months_start(today: date, months: int = 12) -> date:
    """The day `months` months before `today` (the fiche PDF's default period of notes: the last 12 months);
    the 31st becomes the last day of a shorter month."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(today.day, monthrange(year, month + 1)[1]))
