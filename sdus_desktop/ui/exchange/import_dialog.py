"""Import preview: per file, every change ("fiche 12 · étape 2 · fin réelle : — → 30/06/2021"), the conflicts
side by side with a choice each, the errors; "Appliquer" writes the files that can be imported.

Reading and simulating the batch, then the backup and the write (one transaction), run off the GUI thread
(ui.background) with progress and « Annuler »: a cancelled preview opens nothing, a cancelled write is rolled back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from sdus_desktop.core.progress import Cancelled
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.background import run_in_background
from sdus_desktop.ui.common.screen_fit import resize_within_screen
from sdus_desktop.ui.common.widgets import plain_label, plain_tooltip, wrapping_list

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget

LATER, KEEP, TAKE = "later", "mine", "theirs"
CHOICES = (("À arbitrer plus tard", LATER), ("Garder la base", KEEP), ("Prendre le classeur", TAKE))


TITLE = "Importer des classeurs"


def preview_batch(window: MainWindowWidget, files: list[Path]) -> list[Any]:
    """The whole batch read and simulated, as « Appliquer » does, in a worker thread (Cancelled on « Annuler »)."""
    from sdus_desktop.ops.imports import prepare_imports

    db = window.db
    return run_in_background(window, TITLE, f"Lecture de {len(files)} classeur(s)…",
                             lambda progress: prepare_imports(db, files, progress=progress))


class ImportDialog(QDialog):
    def __init__(self, window: MainWindowWidget, files: list[Path], previews: list[Any] | None = None) -> None:
        previews = preview_batch(window, files) if previews is None else previews  # before any widget exists
        super().__init__(window)
        self.window_ = window
        self.results: list[Any] = []
        self.setWindowTitle(TITLE)
        resize_within_screen(self, 1100, 650)
        self.previews = previews
        self.choices: list[dict[tuple[str, str, str], str]] = [{} for _ in files]

        self.files = wrapping_list("Classeurs à importer")
        for preview in self.previews:
            self.files.addItem(f"{preview.file_name} — {preview.summary()}")
        self.tabs = QTabWidget()
        self.changes = wrapping_list("Modifications à appliquer")
        self.conflicts = QTableWidget(0, 5)
        self.conflicts.setAccessibleName("Conflits : valeur de la base et valeur du classeur")
        self.conflicts.setHorizontalHeaderLabels(["Élément", "À l'export", "Base de données", "Classeur", "Choix"])
        self.conflicts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.conflicts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.errors = wrapping_list("Erreurs et remarques")
        self.tabs.addTab(self.changes, "Modifications")
        self.tabs.addTab(self.conflicts, "Conflits")
        self.tabs.addTab(self.errors, "Erreurs")
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.files)
        splitter.addWidget(self.tabs)
        splitter.setSizes([140, 500])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = buttons.addButton("Appliquer", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setAccessibleName("Appliquer les imports possibles")
        self.apply_button.setEnabled(bool(self.importable()))
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Rien n'est écrit avant « Appliquer ». Une sauvegarde de la base est faite avant."))
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.files.currentRowChanged.connect(self.show_file)
        self.files.setCurrentRow(0)
        self._update_summary()

    def importable(self) -> list[int]:
        return [i for i, p in enumerate(self.previews) if p.ok and p.already_imported_at is None]

    def show_file(self, index: int) -> None:
        if not 0 <= index < len(self.previews):
            return
        preview = self.previews[index]
        self.changes.clear()
        self.changes.addItems([change.text() for change in preview.changes])
        self.errors.clear()
        if preview.refused:
            self.errors.addItem(preview.refused)
        self.errors.addItems(preview.errors)
        self.errors.addItems(preview.notices)
        if preview.already_imported_at is not None:
            self.errors.addItem(preview.summary())
        self.conflicts.setRowCount(len(preview.conflicts))
        for row, conflict in enumerate(preview.conflicts):
            change = conflict.change
            texts = [f"{change.where} · {change.field_label}", change.show(conflict.base), change.show(change.old),
                     change.show(change.new)]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tooltip(text))
                self.conflicts.setItem(row, column, item)
            combo = QComboBox()
            combo.setAccessibleName(f"Choix pour {texts[0]}")
            for label, value in CHOICES:
                combo.addItem(label, value)
            combo.setCurrentIndex(combo.findData(self.choices[index].get(conflict.decision_key, LATER)))
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, k=conflict.decision_key, f=index: self._choose(f, k, c.currentData()))
            self.conflicts.setCellWidget(row, 4, combo)
        self.tabs.setTabText(0, f"Modifications ({len(preview.changes)})")
        self.tabs.setTabText(1, f"Conflits ({len(preview.conflicts)})")
        self.tabs.setTabText(2, f"Erreurs ({len(preview.errors) + (1 if preview.refused else 0)})")
        self.tabs.setCurrentIndex(2 if not preview.ok else (1 if preview.conflicts and not preview.changes else 0))

    def choose(self, file_index: int, conflict_index: int, choice: str) -> None:
        """Set a conflict's choice (what the combo does; used by tests and keyboard users alike)."""
        conflict = self.previews[file_index].conflicts[conflict_index]
        self._choose(file_index, conflict.decision_key, choice)
        if self.files.currentRow() == file_index:
            combo = self.conflicts.cellWidget(conflict_index, 4)
            if isinstance(combo, QComboBox):
                combo.setCurrentIndex(combo.findData(choice))

    def _choose(self, file_index: int, key: tuple[str, str, str], choice: str) -> None:
        self.choices[file_index][key] = choice
        self._update_summary()

    def _update_summary(self) -> None:
        changes = sum(len(self.previews[i].changes) for i in self.importable())
        conflicts = sum(len(self.previews[i].conflicts) for i in self.importable())
        refused = sum(not p.ok for p in self.previews)
        later = sum(1 for i in self.importable() for c in self.previews[i].conflicts
                    if self.choices[i].get(c.decision_key, LATER) == LATER)
        self.summary.setText(
            f"{len(self.previews)} classeur(s) : {changes} modification(s) à appliquer, {conflicts} conflit(s) "
            f"dont {later} laissé(s) à arbitrer plus tard (file « Conflits à arbitrer »), {refused} refusé(s).")

    def apply(self) -> list[Any]:
        """Write the importable workbooks (one operation, ops.imports.apply_imports, off the GUI thread) through
        the editor: undone in one step with Ctrl+Z; the views refresh from the window's `changed` signal."""
        from sdus_desktop.exchange.import_apply import BackupFailed
        from sdus_desktop.ops.imports import apply_imports

        indexes = self.importable()
        if not indexes:
            return []
        previews = self.previews
        decisions = [{k: v for k, v in choices.items() if v != LATER} for choices in self.choices]
        names = [previews[i].file_name for i in indexes]
        text = f"import de {names[0]}" if len(names) == 1 else f"import de {len(names)} classeurs"
        try:
            done = self.window_.editor.perform_in_background(
                self, TITLE, "Sauvegarde puis import des classeurs…",
                lambda services, progress: apply_imports(services, previews, decisions, progress), text)
        except Cancelled:   # the transaction was rolled back; the dialog stays open
            messages.information(self, self.windowTitle(), "Import annulé : rien n'a été modifié dans la base.")
            return []
        except BackupFailed as error:  # nothing applied; the dialog stays open to try again
            messages.error(self, self.windowTitle(), f"Import annulé : {error}")
            return []
        batch = done.value
        self.results.extend(batch.applied)
        lines = [f"{result.preview.file_name} : {result.summary()}" for result in batch.applied]
        lines += [f"{result.preview.file_name} : {result.preview.summary()}" for result in batch.refused]
        if batch.conflicts_queued:
            lines.append(f"{batch.conflicts_queued} conflit(s) à arbitrer : « Fichier › Conflits à arbitrer… ».")
        lines.append(f"Sauvegarde faite avant l'import : {batch.backup.name if batch.backup else '—'}")
        self.window_.show_status(f"Import : {batch.count} modification(s) appliquée(s).")
        messages.information(self, self.windowTitle(), "\n".join(lines))
        self.accept()
        return self.results
