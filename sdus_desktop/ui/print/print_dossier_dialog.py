"""The "Dossier du comité de suivi" dialog: which fiches (a plan, both, or the fiches visible in the
navigation), changes since a frozen comité or a date, and where to save the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sdus_desktop.ui.common import messages

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget


@dataclass(frozen=True)
class DossierChoice:
    plan_code: str | None
    action_ids: list[int] | None
    since: date | None
    out: Path
    snapshot_id: int | None = None  # « évolutions » since this frozen comité (rather than a date)


class DossierDialog(QDialog):
    def __init__(self, window: MainWindowWidget) -> None:
        super().__init__(window)
        from sdus_desktop.ui.print.print_actions import _today, dossier_file_stem, print_folder

        self.window_ = window
        self.setWindowTitle("Dossier du comité de suivi")
        self.setAccessibleName("Dossier du comité de suivi")
        today = _today(window)
        self.selection = list(window.selected_action_ids() or [])

        self.whole_plan = QRadioButton("Tout un plan :")
        self.plan = QComboBox()
        self.plan.setAccessibleName("Plan du dossier")
        for code, label in (("SDUS", "SDUS — Schéma Départemental Unique des Solidarités"),
                            ("SDSF", "SDSF — Schéma Départemental des Services aux Familles"),
                            ("", "Les deux schémas")):
            self.plan.addItem(label, code)
        current = window.current_plan_code() or "SDUS"
        self.plan.setCurrentIndex(max(self.plan.findData(current), 0))
        self.visible = QRadioButton(f"Les fiches visibles dans la liste de gauche ({len(self.selection)})")
        self.visible.setEnabled(bool(self.selection))
        group = QButtonGroup(self)
        group.addButton(self.whole_plan)
        group.addButton(self.visible)
        self.whole_plan.setChecked(True)

        from sdus_desktop.ui.exchange.since_choice import SinceChooser

        self.since_choice = SinceChooser(window, today, allow_none=True)

        self.out = QLineEdit(str(print_folder(window) / f"{dossier_file_stem(current, today)}.pdf"))
        self.out.setAccessibleName("Fichier PDF à écrire")
        browse = QPushButton("Parcourir…")
        browse.clicked.connect(self._browse)
        self.plan.currentIndexChanged.connect(lambda _index: self._rename(today))
        self.visible.toggled.connect(lambda _checked: self._rename(today))

        form = QFormLayout()
        plan_row = QHBoxLayout()
        plan_row.addWidget(self.whole_plan)
        plan_row.addWidget(self.plan, 1)
        form.addRow("&Fiches :", _wrap(plan_row))
        form.addRow("", self.visible)
        form.addRow("É&volutions depuis :", self.since_choice)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)
        form.addRow("Enre&gistrer sous :", _wrap(out_row))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Produire le dossier")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    def _rename(self, today: date) -> None:
        from sdus_desktop.ui.print.print_actions import dossier_file_stem

        if self.out.isModified():  # a name the user typed or chose is kept
            return
        code = "fiches-visibles" if self.visible.isChecked() else (self.plan.currentData() or None)
        path = Path(self.out.text())
        self.out.setText(str(path.with_name(f"{dossier_file_stem(code, today)}.pdf")))

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(self, "Enregistrer le dossier", self.out.text(),
                                                      "Documents PDF (*.pdf)")
        if chosen:
            self.out.setText(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
            self.out.setModified(True)

    def accept(self) -> None:
        try:
            self.since_choice.value()
        except ValueError as error:
            messages.warn(self, self.windowTitle(), f"Évolutions depuis le : {error}.\n\nCorrigez la date "
                          "ou choisissez un comité figé.")
            self.since_choice.date_edit.setFocus()
            return
        super().accept()

    def choice(self) -> DossierChoice:
        snapshot_id, since = self.since_choice.value()
        if self.visible.isChecked():
            return DossierChoice(None, self.selection, since, Path(self.out.text()), snapshot_id)
        return DossierChoice(self.plan.currentData() or None, None, since, Path(self.out.text()), snapshot_id)


def _wrap(layout: Any) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    first = next((item.widget() for item in (layout.itemAt(i) for i in range(layout.count()))
                  if item.widget() is not None and item.widget().focusPolicy() != Qt.FocusPolicy.NoFocus), None)
    if first is not None:
        widget.setFocusProxy(first)  # the label's Alt+letter goes to the row's first field
    return widget

