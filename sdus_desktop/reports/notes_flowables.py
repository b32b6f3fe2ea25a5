"""« Notes de suivi » on a printed fiche (fiche PDF and comité dossier), filtered by period.

Which notes: the fiche PDF prints the notes of the last 12 months by default (a printed fiche is read for the
coming comité or by a partner: one year covers a comité cycle and keeps the page short; every note stays in the
application, its Historique and the workbook) or of a chosen period; the dossier prints those since its « depuis »
date (the last frozen comité, or the date chosen), so the notes and the « Depuis le dernier comité » section tell
the same period.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sdus_desktop.core.notes import format_comite, in_period
from sdus_desktop.core.validation import format_date
from sdus_desktop.reports.styles import esc, markup, para, styles
from sdus_desktop.store import readmodel


@dataclass(frozen=True)
class NotesPeriod:
    since: date | None = None   # None: from the first note
    until: date | None = None   # None: up to the last one

    def describe(self) -> str:
        if self.since and self.until:
            return f"du {format_date(self.since)} au {format_date(self.until)}"
        if self.since:
            return f"depuis le {format_date(self.since)}"
        if self.until:
            return f"jusqu'au {format_date(self.until)}"
        return "toutes"


@dataclass(frozen=True)
class PrintedNote:
    note_date: date
    author: str
    text: str
    comite: str


@dataclass(frozen=True)
class FicheNotes:
    period: NotesPeriod
    notes: tuple[PrintedNote, ...] = ()


def attach_notes(fiches: list[Any], db_path: Path, period: NotesPeriod) -> list[Any]:
    """The fiche contexts (reports.fiche_flowables.FicheContext) with their notes of the period."""
    by_action = readmodel.notes_for_actions(db_path, [ctx.action.id for ctx in fiches])
    comites = readmodel.comite_dates(db_path)
    out = []
    for ctx in fiches:
        kept = in_period(by_action.get(ctx.action.id, []), period.since, period.until)
        printed = tuple(PrintedNote(n.note_date, n.author, n.text,
                                    format_comite(n.comite_snapshot_id, comites.get(n.comite_snapshot_id))
                                    if n.comite_snapshot_id is not None else "") for n in kept)
        out.append(replace(ctx, notes=FicheNotes(period, printed)))
    return out


def notes_section(notes: FicheNotes | None) -> list[Any]:
    """Heading « Notes de suivi (période) », then Date | Auteur | Note rows, newest first."""
    from sdus_desktop.reports.fiche_flowables import BODY_WIDTH_MM, grid_table

    if notes is None:
        return []
    st = styles()
    heading = markup(esc(f"Notes de suivi ({notes.period.describe()})"), st.section)
    if not notes.notes:
        return [heading, para("Aucune note de suivi sur cette période.", st.muted)]
    rows: list[list[Any]] = [[para(h, st.cell_head) for h in ("Date", "Auteur", "Note")]]
    for note in notes.notes:
        text = esc(note.text) + (f"<br/><i>({esc(note.comite)})</i>" if note.comite else "")
        rows.append([para(format_date(note.note_date), st.cell), para(note.author or "—", st.cell),
                     markup(text, st.cell)])
    return [heading, grid_table(rows, [23, 40, BODY_WIDTH_MM - 63], [], True)]
