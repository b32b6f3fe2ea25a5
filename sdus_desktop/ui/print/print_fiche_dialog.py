"""« Imprimer la fiche » (Ctrl+P), first step: which notes de suivi the PDF prints — « Notes de suivi : depuis le
[date] », the last 12 months by default (reports.notes_flowables), empty for every note. Then the file is chosen.

Everything by keyboard: the date field has the focus (F4 or Alt+↓ opens the calendar), Entrée prints, Échap
cancels. A date that cannot be read keeps the dialog open with the reason, and the focus back in the field.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from sdus_desktop.core.notes import last_months_start
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.date_edit import DateLineEdit
from sdus_desktop.ui.common.widgets import plain_label

if TYPE_CHECKING:  # reportlab loads with the printing
    from sdus_desktop.reports.notes_flowables import NotesPeriod

TITLE = "Imprimer la fiche"


class NotesPeriodDialog(QDialog):
    def __init__(self, parent: QWidget | None, today: date) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.since = DateLineEdit("Notes de suivi imprimées : depuis le (vide : toutes les notes)")
        self.since.set_date(last_months_start(today))
        label = QLabel("&Notes de suivi : depuis le")
        label.setBuddy(self.since)
        hint = plain_label("Par défaut, les notes des 12 derniers mois. Effacez la date pour imprimer toutes les "
                           "notes de la fiche.")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(label, self.since)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Imprimer…")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName("Imprimer la fiche : choisir le fichier")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setFocusProxy(self.since)   # opened, the date has the focus
        self.setMinimumWidth(420)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.since.setFocus()
        self.since.selectAll()   # typing replaces the proposed date

    def accept(self) -> None:
        try:
            self.since.date_value()
        except ValueError as error:
            messages.warn(self, TITLE, f"Notes de suivi depuis le : {error}.\n\nCorrigez la date, ou effacez-la "
                                       "pour imprimer toutes les notes.")
            self.since.setFocus()
            return
        super().accept()

    def period(self) -> NotesPeriod:
        from sdus_desktop.reports.notes_flowables import NotesPeriod

        return NotesPeriod(since=self.since.date_value())


def ask_notes_period(parent: Any, today: date) -> NotesPeriod | None:
    """The period of the notes to print, or None when the person cancels."""
    dialog = NotesPeriodDialog(parent if isinstance(parent, QWidget) else None, today)
    try:
        return dialog.period() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
