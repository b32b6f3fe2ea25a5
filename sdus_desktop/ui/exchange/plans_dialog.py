"""« Plans… » (central mode): the plans, their definition workbooks (template, export, import with a preview),
closing/reopening, « Préparer le plan suivant », adding a fiche (undoable); and, at start-up, the offer of a
new catalogue version. Every change goes through exchange.plan_import (verified backup, one transaction,
journal), run through the window's editor (sdus_desktop.ops.plans); the window reads everything again when
its `changed` signal says a plan changed."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sdus_desktop.core.plan_states import CLOS, EN_COURS, state_label
from sdus_desktop.ops.changes import OpChanges
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.actions import make_action
from sdus_desktop.ui.common.screen_fit import resize_within_screen

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget

if TYPE_CHECKING:
    from sdus_desktop.store.services import Services

RELEASE_CHECK_DELAY_MS = 1500  # after the window is shown and the write side is warm


def install(window: MainWindowWidget) -> None:
    """Outils › Plans…, Affichage › Afficher les plans clos, and the catalogue release check after start-up."""
    window.plans_action = make_action(window, "P&lans…", lambda: open_plans_dialog(window), None,
                                      "Gérer les plans : définitions, avenants, clôture, plan suivant")
    window.menus["outils"].insertAction(window.menus["outils"].actions()[0], window.plans_action)
    window.show_closed_action = make_action(window, "Afficher les plans &clos", lambda: _toggle_closed(window), None,
                                            "Afficher aussi les plans clos dans l'arborescence")
    window.show_closed_action.setCheckable(True)
    window.menus["affichage"].addSeparator()
    window.menus["affichage"].addAction(window.show_closed_action)
    QTimer.singleShot(RELEASE_CHECK_DELAY_MS, lambda: offer_catalogue_releases(window))


def _toggle_closed(window: MainWindowWidget) -> None:
    window.navigation.show_closed = window.show_closed_action.isChecked()
    window.navigation.apply_filters()


# -- catalogue releases ------------------------------------------------------------------------------
def offer_catalogue_releases(window: MainWindowWidget) -> QDialog | None:
    """Propose the shipped catalogue's new version(s), previewed; silent when there is nothing to propose."""
    from sdus_desktop.exchange.plan_release import pending_releases, preview_release
    from sdus_desktop.ops.plans import apply_catalogue_release

    try:
        pending = pending_releases(window.db)
    except (OSError, ValueError):
        return None
    if not pending:
        return None
    releases = [preview_release(window.db, release) for release in pending]
    for release in [r for r in releases if not r.changed and not r.errors]:  # only the version number changes:
        window.editor.perform(partial(apply_catalogue_release, release=release))  # recorded silently
    worth = [r for r in releases if r.changed or r.errors]
    if not worth:
        return None
    dialog = PreviewDialog(window, "Nouvelle version du catalogue",
                           "Une nouvelle version des schémas livrés avec l'application corrige leur structure "
                           "ou leurs textes. Vos statuts, dates, valeurs, bilans et le journal ne sont pas modifiés ; "
                           "une sauvegarde est faite avant.",
                           [line for r in worth for line in (r.summary(), *(f"  {x}" for x in r.lines + r.errors))],
                           apply_text="&Appliquer", extra_text="&Ne plus proposer cette version")

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            done: list[str] = []

            def apply_all(services: Services) -> OpChanges:
                applied = OpChanges()
                for release in worth:
                    if not release.errors:
                        outcome = apply_catalogue_release(services, release)
                        done.append(release.code if not outcome.value.errors else f"{release.code} (refusé)")
                        applied = applied.merged(outcome)
                return applied

            window.editor.perform(apply_all)
            window.show_status(f"Catalogue mis à jour : {', '.join(done)}.")
        elif dialog.extra_chosen:
            from sdus_desktop.ops.plans import decline_catalogue_release

            for release in worth:
                window.editor.perform(partial(decline_catalogue_release, release=release))
            window.show_status("Nouvelle version du catalogue écartée.")

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


class PreviewDialog(QDialog):
    """A list of changes (or errors) to read before applying."""

    def __init__(self, parent: QWidget | None, title: str, intro: str, lines: list[str], *,
                 apply_text: str | None = "&Appliquer", extra_text: str | None = None,
                 confirm_text: str | None = None) -> None:
        """confirm_text: a change to confirm explicitly (a checkbox enables the apply button, which is then
        never the default button: Entrée closes without applying)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.extra_chosen = False
        label = QLabel(intro)
        label.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Changements prévus" if apply_text else "Erreurs")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        buttons = QDialogButtonBox()
        self.apply_button: QPushButton | None = None
        self.confirm: QCheckBox | None = None
        if apply_text:
            self.apply_button = buttons.addButton(apply_text, QDialogButtonBox.ButtonRole.AcceptRole)
            self.apply_button.setDefault(confirm_text is None)
        if extra_text:
            extra = buttons.addButton(extra_text, QDialogButtonBox.ButtonRole.RejectRole)
            extra.clicked.connect(self._extra)
        later = "Plus &tard" if extra_text else "A&nnuler"
        cancel = buttons.addButton("&Fermer" if not apply_text else later, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        if confirm_text and self.apply_button is not None:
            apply_button = self.apply_button
            apply_button.setEnabled(False)
            apply_button.setAutoDefault(False)  # Entrée never applies such a change, even once confirmed
            cancel.setDefault(True)
            self.confirm = QCheckBox(confirm_text)
            self.confirm.setAccessibleName("Confirmer ce changement")
            self.confirm.toggled.connect(apply_button.setEnabled)
            layout.addWidget(self.confirm)
            self.confirm.setFocus()
        layout.addWidget(buttons)
        resize_within_screen(self, 760, 480)

    def _extra(self) -> None:
        self.extra_chosen = True


# -- the Plans dialog --------------------------------------------------------------------------------
def open_plans_dialog(window: MainWindowWidget) -> QDialog | None:
    if not window.settings.central_mode:
        messages.information(window, "Plans", "La gestion des plans est réservée à l'équipe centrale "
                             "(Outils › Paramètres › mode équipe centrale).")
        return None
    window.fiche_view.commit_pending()
    dialog = PlansDialog(window)
    dialog.open()
    return dialog


class PlansDialog(QDialog):
    COLUMNS = ("Code", "Intitulé", "Période", "État", "Fiches", "Plan précédent")

    def __init__(self, window: MainWindowWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Plans")
        self.setAccessibleName("Plans")
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setAccessibleName("Liste des plans")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QVBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot, accessible in (
            ("import", "&Importer une définition…", self.import_definition,
             "Créer un plan ou appliquer un avenant depuis un classeur .xlsx ou .ods"),
            ("export", "E&xporter la définition…", self.export_definition, "Écrire la définition du plan choisi"),
            ("template", "&Modèle vide…", self.write_template, "Écrire une définition de plan vide"),
            ("add", "A&jouter une fiche…", self.add_fiche, "Ajouter une fiche au plan choisi"),
            ("state", "&Clore le plan", self.toggle_state, "Clore ou rouvrir le plan choisi"),
            ("next", "Préparer le plan &suivant…", self.prepare_next,
             "Créer le plan qui suit le plan choisi, avec sa structure"),
        ):
            button = QPushButton(text)
            button.setAccessibleName(accessible)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("&Fermer")
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.fill()
        resize_within_screen(self, 900, 360)

    # -- list ----------------------------------------------------------------------------------
    def fill(self) -> None:
        catalogue = self.window_.catalogue
        current = self.selected_code()
        self.table.setRowCount(len(catalogue.plans))
        for row, plan in enumerate(catalogue.plans):
            count = len(catalogue.plan_actions(plan))
            for column, text in enumerate((plan.code, plan.title, f"{plan.period_start}-{plan.period_end}",
                                           state_label(CLOS if plan.closed else EN_COURS), str(count),
                                           plan.previous_code or "—")):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        codes = [plan.code for plan in catalogue.plans]
        self.table.selectRow(codes.index(current) if current in codes else 0)
        self._selection_changed()

    def selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.text() if item else None

    def _selection_changed(self) -> None:
        plan = self.window_.catalogue.plan(self.selected_code() or "")
        for key in ("export", "add", "state", "next"):
            self.buttons[key].setEnabled(plan is not None)
        self.buttons["state"].setText("&Rouvrir le plan" if plan is not None and plan.closed else "&Clore le plan")

    def _changed(self, text: str) -> None:
        self.window_.show_status(text)   # the window has read everything again (its `changed` signal)
        self.fill()

    # -- actions -------------------------------------------------------------------------------
    def write_template(self) -> None:
        from sdus_desktop.exchange.plan_workbook import write_definition

        path = _save_path(self, "Modèle de définition de plan", "definition-plan.xlsx")
        if path:
            write_definition(None, path)
            self.window_.show_status(f"Modèle écrit : {path}")

    def export_definition(self) -> None:
        from sdus_desktop.exchange.plan_lifecycle import definition_of
        from sdus_desktop.exchange.plan_workbook import write_definition

        code = self.selected_code()
        path = _save_path(self, "Exporter la définition du plan", f"definition-{code}.xlsx") if code else None
        definition = definition_of(self.window_.db, code) if code and path else None
        if path and definition is not None:
            try:
                write_definition(definition, path)
            except ValueError as error:  # DefinitionTooLong: says which cell and what to do
                messages.error(self, "Exporter la définition", str(error) + ".")
                return
            self.window_.show_status(f"Définition du plan {code} écrite : {path}")

    def import_definition(self, path: Path | None = None) -> PreviewDialog | None:
        from sdus_desktop.exchange.plan_import import preview_definition
        from sdus_desktop.exchange.plan_read import read_definition

        if not path:
            chosen, _ = QFileDialog.getOpenFileName(self, "Importer une définition de plan", "",
                                                    "Classeurs (*.xlsx *.ods)")
            path = Path(chosen) if chosen else None
        if not path:
            return None
        read = read_definition(path)
        if not read.ok or read.definition is None:
            return _show(PreviewDialog(self, "Définition refusée", f"« {path.name} » n'a pas été appliqué : "
                                       "corrigez ces cellules puis importez-le de nouveau.", read.errors,
                                       apply_text=None))
        definition = read.definition
        outcome = preview_definition(self.window_.db, definition)
        if outcome.errors:
            return _show(PreviewDialog(self, "Définition refusée", f"« {path.name} » n'a pas été appliqué.",
                                       outcome.errors, apply_text=None))
        if not outcome.changed:
            messages.information(self, "Plans", f"Le plan {definition.plan.code} est déjà conforme à « {path.name} ».")
            return None
        verb = "Créer le plan" if outcome.created else "Appliquer l'avenant"
        confirm = (f"J'ai compris : {outcome.archived_fiches} fiches sur {outcome.fiches_before} seront archivées "
                   "(retirées de l'arborescence et du tableau de bord)" if outcome.mass_archive else None)
        dialog = PreviewDialog(self, f"{verb} {definition.plan.code}",
                               f"Changements d'après « {path.name} ». Le suivi (statuts, dates, valeurs, bilans, "
                               "journal) n'est pas modifié ; une sauvegarde est faite avant.", outcome.preview_lines(),
                               apply_text=f"&{verb}", confirm_text=confirm)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                confirmed = dialog.confirm is not None and dialog.confirm.isChecked()
                self._apply(definition, f"plan {path.name}", allow_mass_archive=confirmed)

        dialog.finished.connect(finished)
        return _show(dialog)

    def _apply(self, definition: Any, origin: str, *, allow_mass_archive: bool = False) -> bool:
        from sdus_desktop.exchange.plan_import import BackupFailed
        from sdus_desktop.ops.plans import apply_plan_definition

        done = self.window_.editor.perform(
            lambda services: apply_plan_definition(services, definition, origin,
                                                   allow_mass_archive=allow_mass_archive),
            refused=lambda error: messages.error(self, "Plans", str(error)[0].upper() + str(error)[1:] + "."),
            errors=(BackupFailed,))
        if done is None:
            return False
        outcome = done.value
        if outcome.errors:
            messages.error(self, "Plans", "Rien n'a été modifié :\n" + "\n".join(outcome.errors[:20]))
            return False
        self._changed(f"Plan {definition.plan.code} : {len(outcome.lines)} changement(s) appliqué(s).")
        return True

    def toggle_state(self) -> None:
        from sdus_desktop.ops.plans import set_plan_state

        plan = self.window_.catalogue.plan(self.selected_code() or "")
        if plan is None:
            return
        state = EN_COURS if plan.closed else CLOS
        if state == CLOS and not messages.confirm(
                self, "Clore le plan", f"Clore le plan {plan.code} ? Il quittera l'arborescence et le tableau de "
                "bord, mais restera consultable (recherche, Affichage › Afficher les plans clos), imprimable "
                "et exportable."):
            return
        code = plan.code
        done = self.window_.editor.perform(lambda services: set_plan_state(services, code, state))
        if done is None:
            return
        result = done.value
        if result.errors:
            messages.error(self, "Plans", "\n".join(result.errors))
            return
        self._changed(f"Plan {plan.code} {'clos' if state == CLOS else 'rouvert'}.")

    def prepare_next(self) -> QDialog | None:
        from sdus_desktop.ui.exchange.plan_forms import FollowingDialog

        plan = self.window_.catalogue.plan(self.selected_code() or "")
        return _show(FollowingDialog(self, plan)) if plan is not None else None

    def add_fiche(self) -> QDialog | None:
        from sdus_desktop.ui.exchange.plan_forms import AddFicheDialog

        plan = self.window_.catalogue.plan(self.selected_code() or "")
        return _show(AddFicheDialog(self, plan)) if plan is not None else None


def _show(dialog: Any) -> Any:
    dialog.open()
    return dialog


def _save_path(parent: QWidget, title: str, name: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, name, "Classeur Excel (*.xlsx)")
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")
