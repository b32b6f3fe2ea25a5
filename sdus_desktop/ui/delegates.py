"""Item delegates: dates with a calendar popup (dd/mm/yyyy, empty allowed) and status lists.

All commit through CommitDelegate: the value is written at once, but the views refresh once the editor is
closed (see Editor.deferring_views), so the table keeps the focus and its current cell after an edit."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

EMPTY_DATE = QDate(1999, 12, 31)  # shown as blank: choosing it clears the date
MAX_DATE = QDate(2100, 12, 31)


def _deferring(model: QAbstractItemModel) -> AbstractContextManager[None]:
    editor = getattr(model, "editor", None)  # the models' Editor (ui.undo), the one door for writes
    deferring = getattr(editor, "deferring_views", None)
    return deferring() if callable(deferring) else nullcontext()


def column_name(index: QModelIndex | QPersistentModelIndex) -> str:
    """The column's title on one line (headers may wrap theirs), for the editor's accessible name."""
    return " ".join(str(index.model().headerData(index.column(), Qt.Horizontal)).split())


class CommitDelegate(QStyledItemDelegate):
    """The default editor (text), writing through the model with the views' refresh deferred."""

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        with _deferring(model):
            self.write(editor, model, index)

    def write(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex) -> None:
        super().setModelData(editor, model, index)


class DateDelegate(CommitDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("dd/MM/yyyy")
        editor.setDateRange(EMPTY_DATE, MAX_DATE)
        editor.setSpecialValueText(" ")
        editor.setAccessibleName(column_name(index))
        editor.calendarWidget().setFirstDayOfWeek(Qt.Monday)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(Qt.EditRole)
        assert isinstance(editor, QDateEdit)
        if isinstance(value, QDate) and value.isValid():
            editor.setDate(value)
        else:
            editor.setDate(EMPTY_DATE)
            calendar = editor.calendarWidget()
            blocked = calendar.blockSignals(True)  # else the edit takes today's date: Entrée would save it
            calendar.setSelectedDate(QDate.currentDate())
            calendar.blockSignals(blocked)

    def write(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QDateEdit)
        chosen = editor.date()
        model.setData(index, None if chosen == EMPTY_DATE else chosen, Qt.EditRole)


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
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.EditRole))))

    def write(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.EditRole)
