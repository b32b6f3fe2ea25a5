"""« Évolutions depuis » for the comité outputs: a frozen comité (the last one by default), or a date (remembered
from one use to the next), or — for the dossier — no such section."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from sdus_desktop.ui.common.date_edit import DateLineEdit

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget

NONE = "none"
DATE = "date"
REMEMBERED = "comite/evolutions_depuis"


class SinceChooser(QWidget):
    def __init__(self, window: MainWindowWidget, today: date, *, allow_none: bool = False) -> None:
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
        self.date_edit = DateLineEdit("Évolutions depuis la date")
        self.date_edit.set_date(self._remembered(today))
        self.combo.currentIndexChanged.connect(self._update)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.date_edit)
        self.setFocusProxy(self.combo)
        self._update()

    def _remembered(self, today: date) -> date:
        text = str(self.window_.settings.qsettings.value(REMEMBERED) or "")
        try:
            return date.fromisoformat(text)
        except ValueError:
            month = today.month - 6
            year = today.year + (month - 1) // 12
            month = (month - 1) % 12 + 1
            for day in (today.day, 30, 29, 28):  # six months back, on the month's last day if shorter
                try:
                    return date(year, month, day)
                except ValueError:
                    continue
            raise

    def _update(self) -> None:
        self.date_edit.setEnabled(self.combo.currentData() == DATE)

    def choose(self, data: object) -> None:
        self.combo.setCurrentIndex(self.combo.findData(data))

    def value(self) -> tuple[int | None, date | None]:
        """(frozen comité id, None), or (None, date), or (None, None) for no « évolutions ».

        ValueError (French) when « une date » is chosen and the typed text is not one."""
        data = self.combo.currentData()
        if data == NONE:
            return None, None
        if data == DATE:
            chosen = self.date_edit.date_value()
            if chosen is None:
                raise ValueError("aucune date saisie (format attendu : jj/mm/aaaa)")
            return None, chosen
        return int(data), None

    def remember(self) -> None:
        """Keep the date for next time (called when the output is produced)."""
        if self.combo.currentData() == DATE and self.date_edit.is_valid():
            chosen = self.date_edit.date_value()
            if chosen is not None:
                self.window_.settings.qsettings.setValue(REMEMBERED, chosen.isoformat())
