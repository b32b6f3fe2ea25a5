"""« Évolutions depuis » for the comité outputs: a frozen comité (the last one by default), or a date (remembered
from one use to the next), or — for the dossier — no such section."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QWidget

NONE = "none"
DATE = "date"
REMEMBERED = "comite/evolutions_depuis"


class SinceChooser(QWidget):
    def __init__(self, window: Any, today: date, *, allow_none: bool = False) -> None:
        super().__init__()
        from sdus_desktop.store.comite_snapshots import list_snapshots

        self.window_ = window
        self.combo = QComboBox()
        self.combo.setAccessibleName("Évolutions depuis")
        for info in reversed(list_snapshots(window.db)):
            self.combo.addItem(f"le {info.label} (figé le {info.taken_at:%d/%m/%Y})", info.id)
        self.combo.addItem("une date :", DATE)
        if allow_none:
            self.combo.addItem("ne pas montrer les évolutions", NONE)
        self.date_edit = QDateEdit(self._remembered(today))
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setAccessibleName("Évolutions depuis la date")
        self.combo.currentIndexChanged.connect(self._update)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.date_edit)
        self.setFocusProxy(self.combo)
        self._update()

    def _remembered(self, today: date) -> QDate:
        text = str(self.window_.settings.qsettings.value(REMEMBERED) or "")
        try:
            chosen = date.fromisoformat(text)
            return QDate(chosen.year, chosen.month, chosen.day)
        except ValueError:
            return QDate(today.year, today.month, today.day).addMonths(-6)

    def _update(self) -> None:
        self.date_edit.setEnabled(self.combo.currentData() == DATE)

    def choose(self, data: object) -> None:
        self.combo.setCurrentIndex(self.combo.findData(data))

    def value(self) -> tuple[int | None, date | None]:
        """(frozen comité id, None), or (None, date), or (None, None) for no « évolutions »."""
        data = self.combo.currentData()
        if data == NONE:
            return None, None
        if data == DATE:
            chosen: date = self.date_edit.date().toPython()  # type: ignore[assignment]
            return None, chosen
        return int(data), None

    def remember(self) -> None:
        """Keep the date for next time (called when the output is produced)."""
        if self.combo.currentData() == DATE:
            self.window_.settings.qsettings.setValue(REMEMBERED, self.date_edit.date().toPython().isoformat())
