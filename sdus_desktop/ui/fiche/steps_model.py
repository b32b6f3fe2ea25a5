"""Table model of a fiche's étapes; edits go through the Editor (one service call each)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from sdus_desktop.core.coherence import finishes_step
from sdus_desktop.core.dates import parse_typed_date
from sdus_desktop.core.period_lock import LOCK_SYMBOL, CellKey, Lock
from sdus_desktop.core.statuses import LATE_LABEL, LATE_SYMBOL, StepStatus
from sdus_desktop.core.validation import format_date
from sdus_desktop.store import progress
from sdus_desktop.store.readmodel import Step
from sdus_desktop.ui.common.undo import Editor

ROOT = QModelIndex()  # the invisible root: default parent of rowCount/columnCount
COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", "N°"),
    ("label", "Libellé"),
    ("calendrier", "Calendrier prévu"),
    ("planned_start", "Début prévu"),
    ("planned_end", "Fin prévue"),
    ("actual_start", "Début réel"),
    ("actual_end", "Fin réelle"),
    ("status", "État"),
    ("comment", "Commentaire"),
)
FIELDS = [name for name, _ in COLUMNS]
DATE_FIELDS = {"planned_start", "planned_end", "actual_start", "actual_end"}
CENTRAL_ONLY = {"label", "calendrier"}
HEADER_TWO_LINES = DATE_FIELDS | {"calendrier"}
LATE_BACKGROUND = QColor("#fde2c4")
STEP_ID_ROLE = Qt.ItemDataRole.UserRole + 20
LATE_ROLE = Qt.ItemDataRole.UserRole + 21


class StepsModel(QAbstractTableModel):
    def __init__(self, editor: Editor, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.steps: list[Step] = []
        self.central = False
        self.today = date.today()
        self.grace_days = 0
        self.locks: dict[CellKey, Lock] = {}   # cells locked by validated comités (store.period_locks.locks_at)
        self.calendrier_in_label = False   # a narrow table shows the calendrier prévu under the libellé

    def set_calendrier_in_label(self, fold: bool) -> None:
        if fold != self.calendrier_in_label:
            self.calendrier_in_label = fold
            column = FIELDS.index("label")
            if self.steps:
                self.dataChanged.emit(self.index(0, column), self.index(len(self.steps) - 1, column))

    def set_steps(self, steps: list[Step], today: date, grace_days: int, central: bool,
                  locks: dict[CellKey, Lock] | None = None) -> None:
        """Show these steps. The same steps again (a refresh after an edit) are updated in place: the
        view keeps its current cell, its selection and the focus; other changes reset the model."""
        same_rows = [step.id for step in steps] == [step.id for step in self.steps] and central == self.central
        if same_rows:
            before = snapshot(self)
            self.steps = list(steps)
            self.locks = locks or {}
            self.today, self.grace_days = today, grace_days
            changed_cells(self, before)
            return
        self.beginResetModel()
        self.steps = list(steps)
        self.locks = locks or {}
        self.today, self.grace_days, self.central = today, grace_days, central
        self.endResetModel()

    def lock(self, index: QModelIndex | QPersistentModelIndex) -> Lock | None:
        """The validated comité that locked this cell (core.period_lock), or None."""
        if not index.isValid() or not self.locks:
            return None
        return self.locks.get(("step", str(self.steps[index.row()].id), FIELDS[index.column()]))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.steps)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        label = COLUMNS[section][1]
        if role == Qt.ItemDataRole.DisplayRole and FIELDS[section] in HEADER_TWO_LINES:
            return label.replace(" ", "\n", 1)  # « Début / prévu »: narrow date columns, all columns fit
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return label
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        field = FIELDS[index.column()]
        if field == "number" or (field in CENTRAL_ONLY and not self.central):
            return base
        if not self.central and self.lock(index) is not None:
            return base   # refused anyway: no editor is opened (central mode corrects it, once confirmed)
        return base | Qt.ItemFlag.ItemIsEditable

    def is_late(self, step: Step) -> bool:
        return progress.step_is_late(step, self.today, self.grace_days)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        step = self.steps[index.row()]
        field = FIELDS[index.column()]
        if role == STEP_ID_ROLE:
            return step.id
        if role == LATE_ROLE:
            return self.is_late(step)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text, lock = self._display(step, field), self.lock(index)
            if lock is None:
                return text
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{LOCK_SYMBOL} {text}"
            return f"{text or 'vide'}, {lock.cell_note()}"
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(step, field)
        if role == Qt.ItemDataRole.BackgroundRole and self.is_late(step):
            return QBrush(LATE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and field in ("planned_start", "planned_end") and getattr(step, field) is None:
            return QBrush(QColor("#555555"))
        if role == Qt.ItemDataRole.FontRole and field in ("planned_start", "planned_end") and getattr(step, field) is None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return lock_tooltip(self.lock(index), self._tooltip(step, field), self.central)
        if role == Qt.ItemDataRole.TextAlignmentRole and (field in DATE_FIELDS or field == "number"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, step: Step, field: str) -> str:
        if field in ("planned_start", "planned_end"):
            start, end = progress.step_period(step)
            return format_date(start if field == "planned_start" else end)
        if field in DATE_FIELDS:
            return format_date(getattr(step, field))
        if field == "label" and self.calendrier_in_label and step.calendrier:
            return f"({step.calendrier}) {step.label}"   # first: a long libellé is elided, never the calendrier
        if field == "status":
            status = StepStatus(step.status)
            text = f"{status.symbol} {status.label}"
            return f"{LATE_SYMBOL} {LATE_LABEL} · {text}" if self.is_late(step) else text
        return str(getattr(step, field) or "")

    def _edit_value(self, step: Step, field: str) -> Any:
        if field in ("planned_start", "planned_end"):
            start, end = progress.step_period(step)
            value = start if field == "planned_start" else end
            return QDate(value.year, value.month, value.day) if value else None
        if field in DATE_FIELDS:
            value = getattr(step, field)
            return QDate(value.year, value.month, value.day) if value else None
        return getattr(step, field)

    def suggested_date(self, row: int, field: str) -> date | None:
        """Where a date cell's calendar opens when it is empty: the planned date it stands for."""
        step = self.steps[row]
        start, end = progress.step_period(step)
        return start if field in ("planned_start", "actual_start") else end

    def _tooltip(self, step: Step, field: str) -> str | None:
        if field in ("planned_start", "planned_end"):
            if getattr(step, field) is None:
                return "Date déduite du calendrier prévu (italique). Saisissez une date pour la remplacer."
            return "Date saisie (remplace celle déduite du calendrier). Effacez-la pour revenir au calendrier."
        if field == "status" and self.is_late(step):
            return "La fin prévue est dépassée et l'étape n'est ni réalisée ni abandonnée."
        if field == "label" and self.calendrier_in_label and step.calendrier:
            return f"Calendrier prévu : {step.calendrier}\n{step.label}"
        if field in ("label", "comment"):
            return str(getattr(step, field) or "") or None
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        step = self.steps[index.row()]
        field = FIELDS[index.column()]
        if isinstance(value, QDate):
            value = value.toPython() if value.isValid() else None
        if field in DATE_FIELDS and isinstance(value, str):
            try:
                value = parse_typed_date(value)
            except ValueError:  # the services refuse it with its place (fiche · étape · column) and the reason
                return self.editor.set("step", step.id, field, value)
        if field in ("planned_start", "planned_end") and value == self._derived(step, field):
            value = getattr(step, field)  # same as the calendrier: keep it derived, nothing to store
        if value == getattr(step, field) or (value in ("", None) and getattr(step, field) in ("", None)):
            return False
        if field == "actual_end" and finishes_step(step.status, value):
            return self._finish(step, value)
        return self.editor.set("step", step.id, field, value)

    def _finish(self, step: Step, end: date) -> bool:
        """A fin réelle on an unfinished étape also marks it réalisée: one operation, one Ctrl+Z."""
        from sdus_desktop.store.changes import Edit

        # the date last: a refusal (fin before début) then names the fin réelle column
        edits = [Edit("step", str(step.id), "status", "realisee"), Edit("step", str(step.id), "actual_end", end)]
        note = f"Étape {step.number} marquée réalisée (fin réelle saisie) ; Ctrl+Z annule les deux."
        from sdus_desktop.ops import edits as ops_edits  # the write side loads with the first edit
        return self.editor.run(lambda services: ops_edits.apply_edits(services, edits), "fin réelle (étape réalisée)",
                               note) is not None

    @staticmethod
    def _derived(step: Step, field: str) -> date | None:
        from sdus_desktop.core.calendrier import parse_calendrier

        period = parse_calendrier(step.calendrier)
        if period is None:
            return None
        return period.start if field == "planned_start" else period.end


def lock_tooltip(lock: Lock | None, tip: str | None, central: bool) -> str | None:
    """A cell's tooltip, preceded for a locked one by « Verrouillé par le comité du JJ/MM/AAAA » and what to do."""
    if lock is None:
        return tip
    how = ("Mode central : une modification sera une correction, demandée avant d'être enregistrée." if central
           else "Si la valeur est fausse, demandez à l'équipe centrale de la corriger.")
    return "\n".join(part for part in (f"{lock.cell_tooltip()}.", how, tip) if part)


def changed_cells(model: QAbstractTableModel, before: list[tuple[Any, ...]]) -> None:
    """Emit dataChanged for each cell whose shown, edited or tooltip value differs from `before`
    (a snapshot() taken before the rows were replaced): an editor open on another cell keeps its text."""
    for (row, column), old in zip(cell_keys(model), before, strict=True):
        index = model.index(row, column)
        if old != cell_values(index):
            model.dataChanged.emit(index, index)


def cell_keys(model: QAbstractTableModel) -> list[tuple[int, int]]:
    return [(row, column) for row in range(model.rowCount()) for column in range(model.columnCount())]


def snapshot(model: QAbstractTableModel) -> list[tuple[Any, ...]]:
    return [cell_values(model.index(row, column)) for row, column in cell_keys(model)]


def cell_values(index: QModelIndex) -> tuple[Any, ...]:
    return tuple(str(index.data(role)) for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole))
