"""Item delegates: dates (the shared DateLineEdit) and status lists.

All commit through CommitDelegate: the value is written at once, but the views refresh once the editor is
closed (see Editor.deferring_views), so the table keeps the focus and its current cell after an edit."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from enum import StrEnum

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from sdus_desktop.ui.common.date_edit import DateLineEdit


def _deferring(model: QAbstractItemModel) -> AbstractContextManager[None]:
    editor = getattr(model, "editor", None)  # the models' Editor (ui.undo), the one door for writes
    deferring = getattr(editor, "deferring_views", None)
    return deferring() if callable(deferring) else nullcontext()


def column_name(index: QModelIndex | QPersistentModelIndex) -> str:
    """The column's title on one line (headers may wrap theirs), for the editor's accessible name."""
    return " ".join(str(index.model().headerData(index.column(), Qt.Orientation.Horizontal)).split())


class CommitDelegate(QStyledItemDelegate):
    """The default editor (text), writing through the model with the views' refresh deferred."""

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        with _deferring(model):
            self.write(editor, model, index)

    def write(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex) -> None:
        super().setModelData(editor, model, index)


class DateDelegate(CommitDelegate):
    """Date cells: the shared DateLineEdit. The typed text goes to the model as typed; the model reads it
    with core.dates (a refusal names the fiche, the étape and the column, and changes nothing).

    `suggest(index)` gives the date the calendar opens on when the cell is empty (the planned date)."""

    def __init__(self, parent: QWidget | None = None,
                 suggest: Callable[[QModelIndex | QPersistentModelIndex], date | None] | None = None) -> None:
        super().__init__(parent)
        self.suggest = suggest

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = DateLineEdit(column_name(index), parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.picked.connect(lambda: self._picked(editor))
        return editor

    def _picked(self, editor: DateLineEdit) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, DateLineEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.set_date(value if isinstance(value, QDate) else None)
        editor.suggested = self.suggest(index) if self.suggest else None
        editor.selectAll()

    def write(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, DateLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class EnumDelegate(CommitDelegate):
    """A combo box over a StrEnum with .label and .symbol (statuses)."""

    def __init__(self, enum: type[StrEnum], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enum = enum

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(column_name(index))
        for member in self.enum:
            combo.addItem(f"{member.symbol} {member.label}", member.value)  # type: ignore[attr-defined]
        combo.activated.connect(lambda _index: self.commitData.emit(combo))  # saved as soon as chosen
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def write(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
