"""Dialogs that write a workbook: the référent workbook (scope) and the comité de suivi workbook.

Both are written off the GUI thread (ui.common.background: progress dialog, « Annuler » stops the work and no
file is left)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sdus_desktop.core.oserrors import describe_os_error
from sdus_desktop.core.progress import Cancelled, Progress
from sdus_desktop.ui.common import files, messages
from sdus_desktop.ui.common.background import run_in_background

if TYPE_CHECKING:
    from sdus_desktop.exchange.workbook_export import ExportSummary
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget


def _plan_combo(window: MainWindowWidget) -> QComboBox:
    combo = QComboBox()
    combo.addItem("Les deux plans", None)
    combo.addItem("SDUS — Schéma Départemental Unique des Solidarités", "SDUS")
    combo.addItem("SDSF — Schéma Départemental des Services aux Familles", "SDSF")
    current = window.current_plan_code()
    if current:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.setAccessibleName("Plan")
    return combo


def _file_row(line: QLineEdit, parent: QWidget, title: str) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(line, 1)
    browse = QPushButton("Parcourir…")
    browse.setAccessibleName(f"Choisir le fichier : {title}")

    def pick() -> None:
        name, _ = QFileDialog.getSaveFileName(parent, title, line.text(), "Classeur Excel (*.xlsx)",
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if name:  # a choice made here is the user's own: the dialog stops proposing names
            line.setText(name if name.lower().endswith(".xlsx") else name + ".xlsx")
            line.setModified(True)

    browse.clicked.connect(pick)
    layout.addWidget(browse)
    return row


def confirm_target(parent: QWidget, title: str, out: Path) -> bool:
    """A .xlsx path, and the user's consent before an existing file is replaced."""
    if out.suffix.lower() != ".xlsx":
        messages.warn(parent, title, f"« {out.name} » : le fichier doit se terminer par .xlsx.")
        return False
    if out.exists():
        return messages.confirm(parent, title, f"« {out} » existe déjà.\n\nLe remplacer par le nouveau classeur ?")
    return True


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text).strip("-")[:40]


class ExportWorkbookDialog(QDialog):
    """Scope (plan, référent, visible fiches) and file → a référent workbook."""

    def __init__(self, window: MainWindowWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.written: Path | None = None
        self.setWindowTitle("Exporter un classeur pour les référents")
        self.plan = _plan_combo(window)
        self.referent = QComboBox()
        self.referent.setEditable(True)
        self.referent.setAccessibleName("Référent")
        typed = self.referent.lineEdit()
        if typed is not None:  # the text field of the editable list: a screen reader says its name too
            typed.setAccessibleName("Référent")
        self.referent.addItem("")
        for name in self._referents():
            self.referent.addItem(name)
        default_referent = str(window.settings.value("referent_name") or "")
        self.referent.setCurrentText(default_referent if default_referent in self._referents() else "")
        self.visible_only = QCheckBox(f"Seulement les fiches visibles dans la liste ({len(window.selected_action_ids())})")
        self.visible_only.setAccessibleName("Seulement les fiches visibles dans la liste")
        self.path = QLineEdit(str(self._default_path()))
        self.path.setAccessibleName("Fichier à écrire")
        for signal in (self.plan.currentIndexChanged, self.referent.currentTextChanged, self.visible_only.toggled):
            signal.connect(self._follow_scope)
        form = QFormLayout()
        form.addRow("&Plan :", self.plan)
        form.addRow("&Référent :", self.referent)
        form.addRow("", self.visible_only)
        form.addRow("&Fichier :", _file_row(self.path, self, "Classeur à écrire"))
        help_text = QLabel("Le classeur contient les fiches, étapes et indicateurs du périmètre choisi. Les cellules "
                           "jaunes sont à remplir ; il se réimporte par « Fichier › Importer des classeurs… ».")
        help_text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Exporter", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(help_text)
        layout.addWidget(buttons)

    def _referents(self) -> list[str]:
        """Every person named référent of at least one fiche (from the read model), sorted."""
        catalogue = self.window_.catalogue
        return sorted({person.name for action in catalogue.all_actions() for person in action.referents},
                      key=str.casefold)

    def _default_path(self) -> Path:
        """A name that follows the scope, so that two exports for two référents never share a file."""
        folder = files.existing_folder(self.window_.settings.value("export_folder"))  # never created unasked
        parts = ["classeur", self.plan.currentData() or "SDUS-SDSF"]
        referent = self.referent.currentText().strip()
        if referent:
            parts.append(_safe(referent))
        if self.visible_only.isChecked():
            parts.append("selection")
        return folder / f"{'-'.join(parts)}-{date.today():%Y-%m-%d}.xlsx"

    def _follow_scope(self) -> None:
        if not self.path.isModified():  # the user has not typed or chosen a file of their own
            self.path.setText(str(self._default_path()))

    def export(self) -> Path | None:
        from sdus_desktop.exchange.workbook_scope import ScopeError
        from sdus_desktop.ops.outputs import export_referent_workbook

        out = Path(self.path.text().strip())
        if not confirm_target(self, self.windowTitle(), out):
            return None
        action_ids = self.window_.selected_action_ids() if self.visible_only.isChecked() else None
        db, plan_code = self.window_.db, self.plan.currentData()
        referent, user = self.referent.currentText().strip() or None, str(self.window_.settings.value("user_name"))

        def build(progress: Progress) -> ExportSummary:   # runs in the worker thread: no widget here
            return export_referent_workbook(db, out, plan_code=plan_code, referent=referent, action_ids=action_ids,
                                            user=user, progress=progress).value

        try:
            summary = run_in_background(self, self.windowTitle(), "Écriture du classeur pour les référents…", build)
        except Cancelled:
            self.window_.show_status("Export du classeur annulé : aucun fichier n'a été écrit.")
            return None
        except ScopeError as error:
            messages.warn(self, self.windowTitle(), f"Rien à exporter : {error}.")
            return None
        except OSError as error:
            messages.warn(self, self.windowTitle(), f"Le classeur n'a pas été écrit : {describe_os_error(error, out)}.")
            return None
        self.window_.settings.set_value("export_folder", str(out.parent))
        self.written = out
        self.window_.show_status(f"Classeur écrit : {out} — {summary.scope.describe()}")
        files.announce_written(self.window_, self.windowTitle(), "Classeur enregistré", out)
        self.accept()
        return out


class ComiteWorkbookDialog(QDialog):
    """Plan, "évolutions depuis" (the last comité) and file → the comité de suivi workbook."""

    def __init__(self, window: MainWindowWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.written: Path | None = None
        self.setWindowTitle("Classeur du comité de suivi")
        self.plan = _plan_combo(window)
        from sdus_desktop.ui.exchange.since_choice import SinceChooser

        self.since_choice = SinceChooser(window, date.today())
        self.since = self.since_choice.date_edit
        folder = files.existing_folder(window.settings.value("export_folder"))
        self.path = QLineEdit(str(folder / f"comite-de-suivi-{date.today():%Y-%m-%d}.xlsx"))
        self.path.setAccessibleName("Fichier à écrire")
        form = QFormLayout()
        form.addRow("&Plan :", self.plan)
        form.addRow("É&volutions depuis :", self.since_choice)
        form.addRow("&Fichier :", _file_row(self.path, self, "Classeur du comité à écrire"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Produire le classeur", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.write)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def write(self) -> Path | None:
        from sdus_desktop.ops.outputs import write_comite_workbook

        out = Path(self.path.text().strip())
        if not confirm_target(self, self.windowTitle(), out):
            return None
        try:
            snapshot_id, day = self.since_choice.value()
        except ValueError as error:
            messages.warn(self, self.windowTitle(), f"Évolutions depuis le : {error}.")
            self.since_choice.date_edit.setFocus()
            return None
        since = datetime.combine(day, datetime.min.time()) if day else None
        db, plan_code = self.window_.db, self.plan.currentData()
        grace = int(self.window_.settings.value("lateness_grace_days") or 0)

        def build(progress: Progress) -> Path:   # runs in the worker thread: no widget here
            return write_comite_workbook(db, out, plan_code=plan_code, since=since, grace_days=grace,
                                         snapshot_id=snapshot_id, progress=progress).value

        try:
            run_in_background(self, self.windowTitle(), "Préparation du classeur du comité de suivi…", build)
            self.since_choice.remember()
        except Cancelled:
            self.window_.show_status("Classeur du comité de suivi annulé : aucun fichier n'a été écrit.")
            return None
        except OSError as error:
            messages.warn(self, self.windowTitle(), f"Le classeur n'a pas été écrit : {describe_os_error(error, out)}.")
            return None
        self.written = out
        self.window_.settings.set_value("export_folder", str(out.parent))
        self.window_.show_status(f"Classeur du comité de suivi écrit : {out}")
        files.announce_written(self.window_, self.windowTitle(), "Classeur du comité de suivi enregistré", out)
        self.accept()
        return out
