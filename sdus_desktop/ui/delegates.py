"""Item delegates: dates with a calendar popup (dd/mm/yyyy, empty allowed) and status lists."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

EMPTY_DATE = QDate(1999, 12, 31)  # shown as blank: choosing it clears the date
MAX_DATE = QDate(2100, 12, 31)


class DateDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("dd/MM/yyyy")
        editor.setDateRange(EMPTY_DATE, MAX_DATE)
        editor.setSpecialValueText(" ")
        editor.setAccessibleName(str(index.model().headerData(index.column(), Qt.Horizontal)))
        editor.calendarWidget().setFirstDayOfWeek(Qt.Monday)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(Qt.EditRole)
        assert isinstance(editor, QDateEdit)
        if isinstance(value, QDate) and value.isValid():
            editor.setDate(value)
        else:
            editor.setDate(EMPTY_DATE)
            editor.calendarWidget().setSelectedDate(QDate.currentDate())

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QDateEdit)
        chosen = editor.date()
        model.setData(index, None if chosen == EMPTY_DATE else chosen, Qt.EditRole)


class EnumDelegate(QStyledItemDelegate):
    """A combo box over a StrEnum with .label and .symbol (statuses)."""

    def __init__(self, enum: type[StrEnum], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enum = enum

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(str(index.model().headerData(index.column(), Qt.Horizontal)))
        for member in self.enum:
            combo.addItem(f"{member.symbol} {member.label}", member.value)  # type: ignore[attr-defined]
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.EditRole)
