"""Notes de suivi of returned workbooks: new notes become additions, an existing note is never rewritten.

Called once per batch by exchange.import_batch.plan_batch, after the cells are planned and before the workbooks
are reconciled. For each readable workbook (format 2, sheet « Notes de suivi »):
- an existing note row (hidden reference N<id>) must still show the date and text it was exported with; a changed
  one refuses the workbook with the cell's place (nothing is imported), since a note is never overwritten;
- a filled free row (plan, n° de fiche, date, texte) is a new note of a fiche of the workbook's scope, written by
  the workbook's author (« Rempli par », else its référent): a CellChange of the entity "note" whose key comes
  from the note's content, so the same note sent twice — the same workbook re-imported, re-saved, or by two
  référents — is added once; a note the base already holds (even withdrawn since) is not added again;
- a new note dated on or before a validated comité (core.period_lock.note_lock) refuses the workbook with its
  place (file, sheet, cell, fiche): that period is closed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sdus_desktop.core.fields import STRUCTURE_FIELD
from sdus_desktop.core.limits import check_text_length
from sdus_desktop.core.notes import clean_text, format_comite, identity
from sdus_desktop.core.period_lock import note_lock
from sdus_desktop.core.validation import format_date, parse_date
from sdus_desktop.exchange import workbook_layout as L
from sdus_desktop.exchange.import_checks import changed_references, typed_in_new_row
from sdus_desktop.exchange.import_preview import CellChange, ImportPreview
from sdus_desktop.exchange.normalize import clean_text as cell_text
from sdus_desktop.exchange.workbook_read import SheetRow
from sdus_desktop.exchange.workbook_scope import Action
from sdus_desktop.store import readmodel
from sdus_desktop.store.database import Database


def plan_notes(db: Database, previews: Iterable[ImportPreview], state: list[tuple[str, Action]],
               comites: Sequence[tuple[date, int]] = ()) -> None:
    """Add the new notes of each plannable preview to its changes, its refusals to its errors. `comites`: the
    validated comités (store.period_locks.validated_comites), which close the period of the notes."""
    live = [p for p in previews if p.content is not None and p.refused is None and p.already_imported_at is None]
    if not any(p.content is not None and p.content.notes for p in live):
        return
    by_number = {(code, action.number): action for code, action in state}
    held = {identity(n.action_id, n.note_date, n.text): n
            for notes in readmodel.notes_for_actions(db.path, None, removed=True).values() for n in notes}
    comite_days = readmodel.comite_dates(db.path)
    for preview in live:
        _Notes(preview, by_number, held, comites, comite_days).run()


class _Notes:
    def __init__(self, preview: ImportPreview, by_number: dict[tuple[str, int], Action],
                 held: dict[tuple[int, str, str], readmodel.Note], comites: Sequence[tuple[date, int]] = (),
                 comite_days: dict[int, date] | None = None) -> None:
        assert preview.content is not None
        self.preview, self.content = preview, preview.content
        self.by_number, self.held, self.comites = by_number, held, comites
        self.scope_ids = set(self.content.scope.action_ids)
        self.seen: dict[tuple[int, str, str], str] = {}
        self.by_id = {note.id: note for note in held.values()}
        self.actions = {action.id: action for action in by_number.values()}
        self.comite_days = comite_days or {}   # frozen comités by id: a note's « Comité » cell

    def run(self) -> None:
        for row in self.content.notes:
            if row.ref:
                self.existing(row)
            else:
                self.new(row)

    def error(self, place: str, message: str) -> None:
        self.preview.errors.append(f"{place} : {message}")

    def existing(self, row: SheetRow) -> None:
        place = row.cells["Réf."].place
        parsed = L.parse_row_ref(row.ref)
        base = self.content.bases.get(row.ref)
        if parsed is None or parsed[0] != "note" or base is None:
            self.error(place, f"référence de note inconnue « {row.ref} » (ligne copiée d'un autre classeur ?). "
                              "Supprimez cette ligne ; une nouvelle note s'écrit sur une ligne libre en bas.")
            return
        day, text = row.cells["Date"], row.cells["Note"]
        shown_day = _day(day.value)
        if shown_day != base["note_date"] or clean_text(text.value) != clean_text(base["text"]):
            where = text.place if shown_day == base["note_date"] else day.place
            self.error(where, f"la note du {format_date(date.fromisoformat(base['note_date']))} est déjà enregistrée "
                              "et ne se modifie pas dans un classeur : remettez sa date et son texte d'origine, et "
                              "écrivez la suite dans une nouvelle note, sur une ligne libre en bas de la feuille.")
            return
        self.references(row, base, int(parsed[1]))

    def references(self, row: SheetRow, base: dict[str, Any], note_id: int) -> None:
        """The reference cells of an existing note (plan, fiche, intitulé, auteur, comité) changed: not read, said."""
        shown = base.get(L.SHOWN) or []
        expected = dict(zip(("Plan", "N° fiche"), (str(value) for value in shown), strict=False))
        note = self.by_id.get(note_id)
        action = self.actions.get(note.action_id) if note is not None else None
        if note is not None and action is not None:
            comite = "" if note.comite_snapshot_id is None else \
                format_comite(note.comite_snapshot_id, self.comite_days.get(note.comite_snapshot_id))
            expected |= {"Intitulé de la fiche": cell_text(action.title), "Auteur": cell_text(note.author),
                         "Comité": cell_text(comite)}
        where = f"fiche {shown[1] if len(shown) > 1 else row.text('N° fiche')} · note du " \
                f"{format_date(date.fromisoformat(base['note_date']))}"
        self.preview.notices.extend(changed_references(row, expected, where))

    def new(self, row: SheetRow) -> None:
        day_cell, text_cell, fiche_cell = row.cells["Date"], row.cells["Note"], row.cells["N° fiche"]
        text = clean_text(text_cell.value)
        if day_cell.value in (None, "") and not text:
            self.preview.notices.append(f"{fiche_cell.place} : ligne de note sans date ni texte, ignorée")
            return
        if day_cell.formula or text_cell.formula:
            self.error(text_cell.place if text_cell.formula else day_cell.place,
                       "formule : saisissez directement la date et le texte de la note.")
            return
        action = self.fiche(row)
        if action is None:
            return
        try:
            note_date = parse_date(day_cell.value)
        except ValueError as error:
            self.error(day_cell.place, f"date de la note : {error}")
            return
        if note_date is None:
            self.error(day_cell.place, "date de la note manquante : tapez-la au format jj/mm/aaaa.")
            return
        if not text:
            self.error(text_cell.place, "texte de la note manquant : écrivez la note ou videz la ligne.")
            return
        try:
            check_text_length(text)
        except ValueError as error:
            self.error(text_cell.place, str(error))
            return
        key = identity(action.id, note_date, text)
        if key in self.held:
            note = self.held[key]
            state = "retirée depuis" if note.removed else "déjà enregistrée"
            self.preview.notices.append(f"{text_cell.place} : note du {format_date(note_date)} {state} pour la "
                                        f"fiche {action.number} : pas ajoutée une seconde fois")
            return
        if key in self.seen:
            self.preview.notices.append(f"{text_cell.place} : même note que {self.seen[key]} : ajoutée une fois")
            return
        lock = note_lock(note_date, self.comites)
        if lock is not None:
            day = format_date(lock.comite_date)
            self.error(f"« {self.preview.file_name} » {day_cell.place} · fiche {action.number} · date de la note",
                       f"{format_date(note_date)} — {lock.reason()}. Datez la note d'après le {day} ou videz la "
                       "ligne pour importer le reste du classeur ; une note arrêtée se corrige par l'équipe "
                       "centrale (mode « Équipe centrale »).")
            return
        self.seen[key] = text_cell.place
        self.preview.notices.extend(typed_in_new_row(row, f"fiche {action.number}"))
        digest = hashlib.sha256("\x1f".join(map(str, key)).encode()).hexdigest()[:24]
        value: dict[str, Any] = {"action_id": action.id, "note_date": note_date.isoformat(), "text": text,
                                 "comite_snapshot_id": None}
        self.preview.changes.append(CellChange(
            "note", f"new:{digest}", STRUCTURE_FIELD, None, value, f"fiche {action.number}", text_cell.place,
            action_id=action.id))

    def fiche(self, row: SheetRow) -> Action | None:
        plans = self.content.scope.plans
        code = row.text("Plan").upper() or (plans[0] if len(plans) == 1 else "")
        if code not in plans:
            self.error(row.cells["Plan"].place, f"plan « {row.text('Plan')} » absent de ce classeur "
                                                f"(attendu : {' ou '.join(plans)}).")
            return None
        place = row.cells["N° fiche"].place
        try:
            number = int(row.text("N° fiche"))
        except ValueError:
            self.error(place, "n° de fiche attendu (un nombre) pour la nouvelle note.")
            return None
        action = self.by_number.get((code, number))
        if action is None or action.id not in self.scope_ids:
            self.error(place, f"la fiche {number} ({code}) est hors du périmètre de ce classeur : "
                              "une note ne peut être ajoutée qu'à l'une de ses fiches.")
            return None
        return action


def _day(value: Any) -> str | None:
    """The ISO day a note cell shows (a date, or a text typed as one); None when it is not one."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        day = parse_date(value)
    except ValueError:
        return None
    return day.isoformat() if day else None
