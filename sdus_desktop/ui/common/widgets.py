"""Small widgets: inputs that save when the user leaves them (no "Enregistrer" button to forget), and
labels/tooltips that show user data literally."""

from __future__ import annotations

import html

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QValidator, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)

_REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))
ARROW_PAUSE_MS = 700


def is_undo_or_redo(event: QEvent) -> bool:
    """The key press of Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y (and the platform's Undo/Redo keys)."""
    if not isinstance(event, QKeyEvent):
        return False
    if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch for key in _REDO_KEYS)


def leave_undo_to_window(event: QEvent, pending: bool) -> bool:
    """For event(): True when the widget must not take Ctrl+Z / Ctrl+Y because it holds nothing unsaved.

    The ShortcutOverride is then left unaccepted, so the window's Annuler / Rétablir actions run (undoing
    the last saved change) instead of the widget's own text undo, which would have nothing to undo."""
    return event.type() == QEvent.Type.ShortcutOverride and not pending and is_undo_or_redo(event)


class CommitTextEdit(QTextEdit):
    """Multi-line plain text; emits committed(text) on focus-out when the text differs from the saved one."""

    committed = Signal(str)

    def __init__(self, accessible_name: str, parent: QWidget | None = None, *, grow: bool = True) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setAccessibleName(accessible_name)
        self._saved = ""
        self._edited = False  # typed in since the field got the focus: Ctrl+Z stays in the field until it is left
        self._grow = grow
        self.textChanged.connect(self._typed)
        if grow:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.document().contentsChanged.connect(self._fit)

    def has_pending(self) -> bool:
        return self.toPlainText() != self._saved

    def set_value(self, text: str, keep_pending: bool = False) -> None:
        """Show a stored value; with keep_pending, text being typed (not yet saved) is left alone."""
        if keep_pending and self.has_pending():
            return
        self._saved = text
        if self.toPlainText() != text:
            blocked = self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(blocked)
        self.document().clearUndoRedoStacks()  # Ctrl+Z in the field never goes back past the saved text
        self._fit()

    def commit(self) -> None:
        text = self.toPlainText()
        if text != self._saved and not self.isReadOnly():
            self._saved = text
            self.document().clearUndoRedoStacks()  # saved: from now on Ctrl+Z undoes the saved operation
            self.committed.emit(text)

    def _typed(self) -> None:
        if self.hasFocus():
            self._edited = True

    def event(self, event: QEvent) -> bool:
        if leave_undo_to_window(event, self.has_pending() or self._edited):
            event.ignore()
            return False
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._edited = False
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        self._edited = False
        super().focusOutEvent(event)

    def resizeEvent(self, event) -> None:
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
        self._edited = False  # typed in since the field got the focus: Ctrl+Z stays in the field until it is left
        self.editingFinished.connect(self.commit)
        self.textEdited.connect(lambda _text: setattr(self, "_edited", True))

    def has_pending(self) -> bool:
        return self.text() != self._saved

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._edited = False
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._edited = False

    def set_value(self, text: str, keep_pending: bool = False) -> None:
        if keep_pending and self.has_pending():
            return
        self._saved = text
        self.setText(text)

    def commit(self) -> None:
        if self.text() != self._saved and not self.isReadOnly():
            self._saved = self.text()
            position = self.cursorPosition()
            self.setText(self._saved)  # clears the field's own undo history: it never goes back past saved text
            self.setCursorPosition(position)
            self.committed.emit(self._saved)

    def event(self, event: QEvent) -> bool:
        if leave_undo_to_window(event, self.has_pending() or self._edited):
            event.ignore()
            return False
        return super().event(event)


class CommitSpinBox(QSpinBox):
    """An integer saved once the user is done (Entrée, focus-out), not at every arrow or wheel step.

    A number typed outside the range (150 in 0–100) is not cut to its first digits: it is sent as typed
    (committed(str)) so that the services refuse it with a message, and the saved value is shown again.
    The wheel turns it only when it has the focus (a wheel over the form scrolls the page instead)."""

    committed = Signal(object)  # int, or the text typed when it is out of range

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setKeyboardTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not WheelFocus: a passing wheel does not grab it
        self._saved = 0
        self.editingFinished.connect(self.commit)
        # Arrows and wheel: saved once the person pauses (one journal row for 0 → 15 %, not three)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(ARROW_PAUSE_MS)
        self._pause.timeout.connect(self.commit)
        self.valueChanged.connect(lambda _value: self._pause.start() if self.hasFocus() else None)

    def _typed_number(self) -> str:
        return self.lineEdit().text().removeprefix(self.prefix()).removesuffix(self.suffix()).strip()

    def validate(self, text: str, pos: int) -> object:  # type: ignore[override]  # noqa: N802 - Qt API (PySide takes a State or a tuple)
        typed = text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()
        if typed.isdigit() and len(typed) <= 6 and not self.minimum() <= int(typed) <= self.maximum():
            return QValidator.State.Intermediate, text, pos  # kept as typed; refused with a message on commit
        return super().validate(text, pos)

    def out_of_range_text(self) -> str | None:
        typed = self._typed_number()
        if typed.isdigit() and not self.minimum() <= int(typed) <= self.maximum():
            return typed
        return None

    def has_pending(self) -> bool:
        shown = self.prefix() + self.textFromValue(self._saved) + self.suffix()
        return self.value() != self._saved or self.lineEdit().text() != shown

    def set_value(self, value: int) -> None:
        self._saved = value
        blocked = self.blockSignals(True)
        try:
            self.setValue(value)
            self.lineEdit().setText(self.prefix() + self.textFromValue(value) + self.suffix())
        finally:
            self.blockSignals(blocked)

    def commit(self) -> None:
        self._pause.stop()
        if self.isReadOnly():
            return
        refused = self.out_of_range_text()
        if refused is not None:
            self.set_value(self._saved)  # the stored value stays; the message says why
            self.committed.emit(refused)
            return
        self.interpretText()
        if self.value() != self._saved:
            self._saved = self.value()
            self.committed.emit(self._saved)

    def event(self, event: QEvent) -> bool:
        if leave_undo_to_window(event, self.has_pending()):
            event.ignore()
            return False
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()  # before the spin box puts its last valid value back
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Undo) and self.has_pending():
            self.set_value(self._saved)  # Ctrl+Z on an unsaved value (arrows, typing): back to the saved one
            self.selectAll()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class CommitComboBox(QComboBox):
    """A list saved as soon as an entry is chosen (picked in the open list, arrow keys or a letter on the
    closed list, the wheel while it has the focus): `activated` is emitted for the person's choices only."""

    committed = Signal(object)  # the item data

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._saved: object = None
        self.activated.connect(lambda _index: self.commit())

    def has_pending(self) -> bool:
        return self.currentIndex() >= 0 and self.currentData() != self._saved

    def saved_value(self) -> object:
        return self._saved

    def set_value(self, data: object) -> None:
        self._saved = data
        self.setCurrentIndex(max(0, self.findData(data)))

    def commit(self) -> None:
        if self.has_pending():
            self._saved = self.currentData()
            self.committed.emit(self._saved)

    def hidePopup(self) -> None:  # noqa: N802 - Qt API
        super().hidePopup()  # picking an entry sets the current index before closing the list
        self.commit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.has_pending():
            self.commit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # its own list opening is not leaving it
            self.commit()
        super().focusOutEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class ColumnStretcher(QObject):
    """Shares a table's spare width among some columns (like QHeaderView.ResizeMode.Stretch, in proportion to their
    minimums), but never shrinks them below their minimum: when the window is too narrow, the table scrolls horizontally instead of
    crushing the columns. Other columns keep their (interactive) widths."""

    def __init__(self, table: QTableView, minimums: dict[int, int]) -> None:
        super().__init__(table)
        self.table = table
        self.minimums = minimums
        self._fitting = False
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setHorizontalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        table.viewport().installEventFilter(self)
        header.sectionResized.connect(self._section_resized)
        header.sectionCountChanged.connect(lambda _old, _new: self.fit())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column not in self.minimums:
            self.fit()  # a fixed column was widened or narrowed by hand: the stretched ones follow

    def fit(self) -> None:
        if self._fitting:
            return
        header = self.table.horizontalHeader()
        columns = [c for c in self.minimums if c < header.count() and not header.isSectionHidden(c)]
        if not columns:
            return
        self._fitting = True
        try:
            fixed = sum(header.sectionSize(c) for c in range(header.count())
                        if c not in columns and not header.isSectionHidden(c))
            spare = self.table.viewport().width() - fixed
            minimum = sum(self.minimums[c] for c in columns)
            widths = {column: self.minimums[column] for column in columns}  # too narrow: minimums, and scroll
            if spare > minimum:  # the spare width in proportion to the minimums (a wider minimum, a wider share)
                for column in columns[:-1]:
                    widths[column] = spare * self.minimums[column] // minimum
                widths[columns[-1]] = spare - sum(widths[c] for c in columns[:-1])
            for column, width in widths.items():
                self.table.setColumnWidth(column, width)
        finally:
            self._fitting = False


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
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def readable_tabs(tabs: QTabWidget) -> None:
    """Taller tab labels: with some fonts the accent of « É » is clipped in unselected tabs."""
    tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 6px 12px 4px 12px; }")


def wrapping_list(accessible_name: str) -> QListWidget:
    """A list of messages that wraps each line to the list's width (an import error names its file, sheet, cell
    and element: it never ends hidden past the right edge, on a 1024-pixel screen too)."""
    widget = QListWidget()
    widget.setAccessibleName(accessible_name)
    widget.setWordWrap(True)
    widget.setTextElideMode(Qt.TextElideMode.ElideNone)
    widget.setResizeMode(QListView.ResizeMode.Adjust)   # wrapped again when the dialog is resized
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return widget


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


def setup_editable_table(table: QTableView, accessible_name: str) -> None:
    """The Étapes and Indicateurs tables: one cell at a time, edited by F2, double-click or typing, wrapped text
    in rows that follow it, Tab leaving the table (not walking its cells)."""
    table.setAccessibleName(accessible_name)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
    table.setWordWrap(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    # Rows follow their wrapped text whenever column widths change (stretch, splitter, window size).
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
