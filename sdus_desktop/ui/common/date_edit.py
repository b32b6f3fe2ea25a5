"""The one date editor of the application (table cells and dialog fields).

A plain line edit — no QDateEdit sections that swallow digits and separators or roll 31/02 over to 03/03 —
read by core.dates.parse_typed_date. While the person types, a small line under the field says the date that
will be saved (« sera enregistré : lundi 15 mars 2021 ») or why it would be refused. F4 or Alt+↓ opens a
calendar on the typed date, else on the suggested one (the planned date of the étape), else on today.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLabel, QLineEdit, QWidget

from sdus_desktop.core.dates import MAX_DATE, MIN_DATE, format_day, parse_typed_date, preview

PLACEHOLDER = "jj/mm/aaaa"


class DateLineEdit(QLineEdit):
    """Free text read as a date; `picked` is emitted when a date is chosen in the calendar."""

    picked = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(PLACEHOLDER)
        self.setToolTip("Date jj/mm/aaaa (15/03/2021, 15/3/21 ou 15032021). F4 ou Alt+↓ : calendrier. "
                        "Effacez le texte pour retirer la date.")
        self.suggested: date | None = None
        self._popup: QCalendarWidget | None = None
        self._hint: QLabel | None = None
        self.textEdited.connect(self._show_preview)

    # -- value -----------------------------------------------------------------------------------
    def set_date(self, value: date | QDate | None) -> None:
        day: date | None = value if not isinstance(value, QDate) else (
            value.toPython() if value.isValid() else None)  # type: ignore[assignment]  # toPython(): a date
        self.setText(format_day(day))

    def date_value(self) -> date | None:
        """The typed date, None when blank; ValueError (French) when it cannot be one."""
        return parse_typed_date(self.text())

    def is_valid(self) -> bool:
        try:
            self.date_value()
        except ValueError:
            return False
        return True

    def preview_text(self) -> str:
        return self._hint.text() if self._hint is not None and self._hint.isVisible() else ""

    # -- the line under the field ---------------------------------------------------------------
    def _show_preview(self, text: str) -> None:
        value, message = preview(text)
        self.setAccessibleDescription(message)
        host = self.window()
        if self._hint is None or self._hint.parent() is not host:
            self._hint = QLabel(host)
            self._hint.setObjectName("date_preview")
            self._hint.setTextFormat(Qt.TextFormat.PlainText)
            self._hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.destroyed.connect(self._hint.deleteLater)  # the hint belongs to the window: take it along
        ok = value is not None or not text.strip()
        # colour is not the only signal: the text itself says « sera enregistré » or why it is refused
        self._hint.setStyleSheet("QLabel { background: %s; border: 1px solid #888; padding: 1px 4px; }"
                                 % ("#eef6ee" if ok else "#fde2e2"))
        self._hint.setText(message if ok else f"⚠ {message}")
        self._hint.adjustSize()
        below = self.mapTo(host, QPoint(0, self.height()))
        x = max(0, min(below.x(), host.width() - self._hint.width()))
        y = below.y() if below.y() + self._hint.height() <= host.height() else \
            self.mapTo(host, QPoint(0, 0)).y() - self._hint.height()
        self._hint.move(x, y)
        self._hint.show()
        self._hint.raise_()

    def _hide_preview(self) -> None:
        if self._hint is not None:
            self._hint.hide()

    def focusOutEvent(self, event) -> None:
        if self._popup is None or not self._popup.isVisible():
            self._hide_preview()
        super().focusOutEvent(event)

    def hideEvent(self, event) -> None:
        self._hide_preview()
        super().hideEvent(event)

    # -- calendar -------------------------------------------------------------------------------
    @staticmethod
    def _opens_calendar(event: QKeyEvent) -> bool:
        return event.key() == Qt.Key.Key_F4 or (
            event.key() == Qt.Key.Key_Down and bool(event.modifiers() & Qt.KeyboardModifier.AltModifier))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and self._opens_calendar(event):
            event.accept()  # F4 / Alt+↓ open the calendar, even where Alt+↓ is a window shortcut (move an étape)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._opens_calendar(event):
            self.open_calendar()
            event.accept()
            return
        super().keyPressEvent(event)

    def calendar_start(self) -> date:
        """The typed date, else the suggested one, else today."""
        try:
            typed = self.date_value()
        except ValueError:
            typed = None
        return typed or self.suggested or date.today()

    def open_calendar(self) -> QCalendarWidget:
        if self._popup is None:
            popup = QCalendarWidget(self)
            popup.setWindowFlags(Qt.WindowType.Popup)
            popup.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            popup.setGridVisible(True)
            popup.setDateRange(qdate(MIN_DATE), qdate(MAX_DATE))
            popup.setAccessibleName(f"Calendrier : {self.accessibleName()}")
            popup.activated.connect(self._choose)
            popup.clicked.connect(self._choose)
            popup.installEventFilter(self)
            self._popup = popup
        popup = self._popup
        popup.setSelectedDate(qdate(self.calendar_start()))
        popup.adjustSize()
        popup.move(self._popup_position(popup.size().width(), popup.size().height()))
        popup.show()
        popup.setFocus(Qt.FocusReason.PopupFocusReason)
        return popup

    def _popup_position(self, width: int, height: int) -> QPoint:
        """Below the field, or above it when the screen ends first; never off the screen's sides."""
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen()
        if screen is None:
            return below
        area = screen.availableGeometry()
        y = below.y() if below.y() + height <= area.bottom() + 1 else self.mapToGlobal(QPoint(0, 0)).y() - height
        x = min(max(below.x(), area.left()), area.right() + 1 - width)
        return QPoint(x, max(area.top(), y))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._popup and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:
            self._popup.hide()
            self.setFocus(Qt.FocusReason.PopupFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _choose(self, chosen: QDate) -> None:
        assert self._popup is not None
        self._popup.hide()
        self.set_date(chosen)
        self._show_preview(self.text())
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.picked.emit()

    def calendar(self) -> QCalendarWidget | None:
        return self._popup


def qdate(day: date) -> QDate:
    """A Python date as a QDate (PySide6 converts it; its type stubs do not say so)."""
    return QDate(day.year, day.month, day.day)
