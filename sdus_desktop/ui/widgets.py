"""Small widgets: inputs that save when the user leaves them (no "Enregistrer" button to forget), and
labels/tooltips that show user data literally."""

from __future__ import annotations

import html

from PySide6 import QtGui
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QSizePolicy, QTabWidget, QTextEdit, QWidget


class CommitTextEdit(QTextEdit):
    """Multi-line plain text; emits committed(text) on focus-out when the text differs from the saved one."""

    committed = Signal(str)

    def __init__(self, accessible_name: str, parent: QWidget | None = None, *, grow: bool = True) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setAccessibleName(accessible_name)
        self._saved = ""
        self._grow = grow
        if grow:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
            self.document().contentsChanged.connect(self._fit)

    def has_pending(self) -> bool:
        return self.toPlainText() != self._saved

    def set_value(self, text: str, keep_pending: bool = False) -> None:
        """Show a stored value; with keep_pending, text being typed (not yet saved) is left alone."""
        if keep_pending and self.has_pending():
            return
        self._saved = text
        if self.toPlainText() != text:
            self.setPlainText(text)
        self._fit()

    def commit(self) -> None:
        text = self.toPlainText()
        if text != self._saved and not self.isReadOnly():
            self._saved = text
            self.committed.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self._grow:
            return
        self.document().setTextWidth(self.viewport().width())
        height = int(self.document().size().height()) + 2 * self.frameWidth() + 6
        self.setFixedHeight(max(height, self.fontMetrics().lineSpacing() + 14))

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())


class CommitLineEdit(QLineEdit):
    """One-line text; emits committed(text) when editing finishes with a changed text."""

    committed = Signal(str)

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._saved = ""
        self.editingFinished.connect(self.commit)

    def set_value(self, text: str, keep_pending: bool = False) -> None:
        if keep_pending and self.text() != self._saved:
            return
        self._saved = text
        self.setText(text)

    def commit(self) -> None:
        if self.text() != self._saved and not self.isReadOnly():
            self._saved = self.text()
            self.committed.emit(self.text())


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.05)
    label.setFont(font)
    label.setStyleSheet("color: #1f3a5f; padding-top: 6px;")
    return label


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.HLine)
    line.setFrameShadow(QFrame.Sunken)
    return line


def readable_tabs(tabs: QTabWidget) -> None:
    """Taller tab labels: with some fonts the accent of « É » is clipped in unselected tabs."""
    tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 6px 12px 4px 12px; }")


def plain_label(text: str = "") -> QLabel:
    """A label that shows user data literally: a title containing "<b>" or "R&D" is not markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tooltip(text: str) -> str:
    """Tooltips are rich text whenever Qt thinks they might be: escape user data when that is the case."""
    if not QtGui.Qt.mightBeRichText(text):  # lives in QtGui's Qt namespace
        return text

    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"
