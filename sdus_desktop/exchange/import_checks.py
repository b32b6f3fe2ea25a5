"""Remarks of an import about what it brings as sent but the application itself would not save so, and about
cells it does not read: never a refusal, never a guess (the value is imported as typed), always said.

- a fin réelle with an état still open, a début réel with the état « À faire » (typed on the fiche, the état
  follows; core.coherence);
- a fiche « Réalisée » with an avancement below 100 % or étapes still open (the fiche asks first and then
  closes them: core.coherence.unfinished_for_done);
- a reference column (Intitulé, Libellé, Calendrier, Indicateur, Type, Cible) changed in the workbook: not
  imported, the database keeps its text.

Combinations are reported only when this import changes one of the fields involved: a row the référent did not
touch says nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from sdus_desktop.core.coherence import finishes_step, unfinished_for_done
from sdus_desktop.core.statuses import ActionStatus, StepStatus
from sdus_desktop.exchange import workbook_layout as L
from sdus_desktop.exchange.normalize import clean_text, display
from sdus_desktop.exchange.workbook_read import SheetRow
from sdus_desktop.exchange.workbook_scope import action_references, step_references, value_references
from sdus_desktop.store.changes import split_value_key

if TYPE_CHECKING:
    from sdus_desktop.exchange.workbook_scope import Action, Indicator, Step


class Elements(Protocol):
    """The database now, indexed (import_plan._State)."""

    multi_plan: bool
    actions: dict[int, Action]
    steps: dict[int, tuple[Action, Step]]
    indicators: dict[int, tuple[Action, Indicator]]

# Reference columns shown for context and never read back: what the notice calls them, and its agreement.
_REFERENCE_NAMES = {
    "Plan": ("le plan", "modifié"),
    "N° fiche": ("le n° de fiche", "modifié"),
    "Intitulé": ("l'intitulé", "modifié"),
    "Intitulé de la fiche": ("l'intitulé de la fiche", "modifié"),
    "Auteur": ("l'auteur", "modifié"),
    "Comité": ("le comité", "modifié"),
    "Libellé": ("le libellé", "modifié"),
    "Calendrier": ("le calendrier", "modifié"),
    "Indicateur": ("le libellé de l'indicateur", "modifié"),
    "Type": ("le type", "modifié"),
    "Cible": ("la cible", "modifiée"),
}


@dataclass(frozen=True)
class _Row:
    row: SheetRow
    where: str                  # "fiche 12 · étape 2"
    current: dict[str, Any]     # canonical database values
    final: dict[str, Any]       # the same after this import (changes applied, conflicts not)

    def changed(self, *names: str) -> bool:
        return any(self.final.get(name) != self.current.get(name) for name in names)


@dataclass
class _StepView:
    id: int
    number: int
    status: str


class ImportChecks:
    """Collects the rows an import plans, then says what it brings that the application would not save so."""

    def __init__(self, elements: Elements) -> None:
        self.elements = elements
        self.multi_plan = elements.multi_plan
        self.notices: list[str] = []
        self.action_rows: dict[int, _Row] = {}
        self.step_rows: dict[int, _Row] = {}

    def planned(self, row: SheetRow, entity: str, key: str, where: str, current: dict[str, Any],
                final: dict[str, Any]) -> None:
        """A row of the workbook merged: its database values and what they become."""
        planned = _Row(row, where, current, final)
        if entity == "action":
            self.action_rows[int(key)] = planned
        elif entity == "step":
            self.step_rows[int(key)] = planned
            if planned.changed("actual_end", "status"):
                self.check_finished(planned)
            if planned.changed("actual_start", "status"):
                self.check_started(planned)

    def finish(self) -> list[str]:
        """Every remark, once every row is planned (a fiche's étapes may come after it)."""
        for action_id, planned in self.action_rows.items():
            self.check_done(action_id, planned)
        return self.notices

    def check_finished(self, planned: _Row) -> None:
        """A fin réelle sent with an état still open: imported as sent (never guessed), and said. (Typed on the
        fiche, core.coherence marks the étape réalisée in the same operation.)"""
        final, row = planned.final, planned.row
        status = StepStatus(final.get("status") or StepStatus.A_FAIRE.value)
        if finishes_step(status.value, _day(final.get("actual_end"))):
            self.notices.append(
                f"{field_place(row, 'actual_end')} ({row_label(row, self.multi_plan)}) : fin réelle "
                f"{display('step', 'actual_end', final.get('actual_end'))} mais état « {status.label} » : l'étape "
                "n'est pas marquée réalisée. "
                "Si elle est terminée, choisissez « Réalisée » dans le classeur ou sur la fiche.")

    def check_started(self, planned: _Row) -> None:
        """A début réel with the état « À faire » (without a fin réelle: check_finished says that one)."""
        final, row = planned.final, planned.row
        if final.get("actual_start") and not final.get("actual_end") \
                and (final.get("status") or StepStatus.A_FAIRE.value) == StepStatus.A_FAIRE.value:
            self.notices.append(
                f"{field_place(row, 'actual_start')} ({planned.where}) : début réel "
                f"{display('step', 'actual_start', final.get('actual_start'))} mais état « "
                f"{StepStatus.A_FAIRE.label} » : importé tel quel. Si l'étape a commencé, choisissez « "
                f"{StepStatus.EN_COURS.label} » dans le classeur ou sur la fiche ; sinon videz le début réel.")

    def check_done(self, action_id: int, planned: _Row) -> None:
        """A fiche « Réalisée » with an avancement below 100 % or étapes still open (as this import leaves them)."""
        if planned.final.get("status") != ActionStatus.REALISEE.value:
            return
        action = self.elements.actions.get(action_id)
        steps = [] if action is None else action.steps
        step_rows = [self.step_rows.get(step.id) for step in steps]
        views = [_StepView(step.id, step.number, str(found.final["status"] if found else step.status))
                 for step, found in zip(steps, step_rows, strict=True)]
        unfinished = unfinished_for_done(views, int(planned.final.get("avancement") or 0))
        touched = planned.changed("status", "avancement") or any(
            found is not None and found.changed("status") for found in step_rows)
        if not unfinished or not touched:
            return
        parts = []
        if unfinished.avancement < 100:
            parts.append(f"avancement {unfinished.avancement} %")
        if unfinished.step_numbers:
            count = len(unfinished.step_numbers)
            s = "s" if count > 1 else ""
            parts.append(f"{count} étape{s} non terminée{s} (n° {', '.join(map(str, unfinished.step_numbers))})")
        todo = []
        if unfinished.avancement < 100:
            todo.append("mettez l'avancement à 100 %")
        if unfinished.step_numbers:
            todo.append("passez ces étapes à « Réalisée » ou « Abandonnée »")
        self.notices.append(
            f"{field_place(planned.row, 'status')} ({planned.where}) : statut « {ActionStatus.REALISEE.label} » mais "
            f"{' et '.join(parts)} : importé tel quel. Si la fiche est terminée, {' et '.join(todo)} (dans le "
            "classeur ou sur la fiche) ; sinon choisissez un autre statut.")

    def reference_cells(self, row: SheetRow, entity: str, key: str, where: str,
                        exported: dict[str, str] | None = None) -> None:
        """Reference columns changed in the workbook (protection removed, or a program that ignores it): compared
        with what the export wrote (`exported`, kept in the hidden base), else — a workbook exported before that
        was kept — with what the database holds now; on a new row (no Réf.), reference columns filled in."""
        if row.ref:
            if exported is not None:
                self.notices += changed_references(row, exported, where,
                                                   reference_texts(self.elements, entity, key))
            else:
                self.notices += changed_references(row, reference_texts(self.elements, entity, key), where)
        else:
            self.notices += typed_in_new_row(row, where)


def changed_references(row: SheetRow, expected: dict[str, str], where: str,
                       kept_now: dict[str, str] | None = None) -> list[str]:
    """« Fiches!D3 (fiche 12) : l'intitulé a été modifié dans le classeur… » for each reference cell of an
    existing row that no longer shows `expected` (header → text the export wrote); the database keeps its text
    (`kept_now`, default `expected`)."""
    notices = []
    order = [column.header for column in L.SHEET_COLUMNS.get(row.sheet, ())]
    for header in sorted(expected, key=lambda h: order.index(h) if h in order else len(order)):   # sheet order
        shown = expected[header]
        cell = row.cells.get(header)
        if cell is None or clean_text(cell.value) == shown:
            continue
        kept = (kept_now or expected).get(header, shown)
        name, participle = _REFERENCE_NAMES[header]
        notices.append(
            f"{cell.place} ({where}) : {name} a été {participle} dans le classeur ; cette colonne n'est pas "
            f"importée (valeur conservée : {f'« {kept} »' if kept else 'vide'}). Demandez la modification à "
            "l'équipe centrale.")
    return notices


def typed_in_new_row(row: SheetRow, where: str) -> list[str]:
    """Reference columns (never read) filled in on a new row: the text is not imported, say so."""
    notices = []
    for column in L.SHEET_COLUMNS.get(row.sheet, L.NOTE_COLUMNS if row.sheet == L.SHEET_NOTES else ()):
        cell = row.cells.get(column.header)
        typed = "" if cell is None else clean_text(cell.value)
        if column.kind != L.REF or not typed or cell is None:
            continue
        hint = (" L'auteur d'une note ajoutée par classeur est le nom indiqué dans « Rempli par » (feuille "
                f"« {L.SHEET_README} »).") if column.header == "Auteur" else ""
        notices.append(f"{cell.place} ({where}) : colonne « {column.header} » remplie sur une nouvelle ligne ; "
                       f"elle n'est pas importée (« {typed if len(typed) <= 60 else typed[:59] + '…'} » "
                       f"ignoré).{hint}")
    return notices


def reference_texts(elements: Elements, entity: str, key: str) -> dict[str, str]:
    """The reference cells an export of the database writes now for a row (header → text), as compared."""
    if entity == "action":
        action = elements.actions.get(int(key))
        return {} if action is None else action_references(action)
    if entity == "step":
        pair = elements.steps.get(int(key))
        return {} if pair is None else step_references(pair[1])
    indicator_id, period = split_value_key(key)
    found = elements.indicators.get(indicator_id)
    return {} if found is None else value_references(found[1], period)


def field_place(row: SheetRow, name: str) -> str:
    """The cell of a row holding a field: « Étapes!J12 »."""
    return row.cells[next(c.header for c in L.SHEET_COLUMNS[row.sheet] if c.field == name)].place


def row_label(row: SheetRow, multi_plan: bool) -> str:
    """"fiche 3 · étape 2 « Libellé »", from the reference columns of a workbook row."""
    parts = [f"{row.text('Plan')} · " if multi_plan and row.text("Plan") else "", f"fiche {row.text('N° fiche')}"]
    if row.sheet == L.SHEET_STEPS:
        parts.append(f" · étape {row.text('N° étape')}")
        title = row.text("Libellé")
    elif row.sheet == L.SHEET_VALUES:
        parts.append(f" · indicateur {row.text('N° indicateur')} · {row.text('Période')}")
        title = row.text("Indicateur")
    else:
        title = row.text("Intitulé")
    if title:
        parts.append(f" « {title if len(title) <= 60 else title[:59] + '…'} »")
    return "".join(parts)


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None
