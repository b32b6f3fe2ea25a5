"""« Plans… » (central mode): the plans, their definition workbooks (template, export, import with a preview),
closing/reopening, « Préparer le plan suivant », adding a fiche (undoable); and, at start-up, the offer of a
new catalogue version. Every change goes through exchange.plan_import (verified backup, one transaction,
journal); the window then reads everything again (MainWindow.reload_structure)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sdus_desktop.ui import messages
from sdus_desktop.ui.actions import make_action

RELEASE_CHECK_DELAY_MS = 1500  # after the window is shown and the write side is warm


def install(window: Any) -> None:
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


def _toggle_closed(window: Any) -> None:
    window.navigation.show_closed = window.show_closed_action.isChecked()
    window.navigation.apply_filters()


# -- catalogue releases ------------------------------------------------------------------------------
def offer_catalogue_releases(window: Any) -> QDialog | None:
    """Propose the shipped catalogue's new version(s), previewed; silent when there is nothing to propose."""
    from sdus_desktop.exchange.plan_release import apply_release, pending_releases, preview_release

    try:
        pending = pending_releases(window.db)
    except (OSError, ValueError):
        return None
    if not pending:
        return None
    releases = [preview_release(window.db, release) for release in pending]
    for release in [r for r in releases if not r.changed and not r.errors]:
        apply_release(window.db, release, window._user)  # only the version number changes: recorded silently
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
        if result == QDialog.Accepted:
            done = []
            for release in worth:
                if release.errors:
                    continue
                outcome, backup = apply_release(window.db, release, window._user)
                done.append(release.code if not outcome.errors else f"{release.code} (refusé)")
            window.reload_structure()
            window.show_status(f"Catalogue mis à jour : {', '.join(done)}.")
        elif dialog.extra_chosen:
            from sdus_desktop.exchange.plan_release import decline_release

            for release in worth:
                decline_release(window.db, release)
            window.show_status("Nouvelle version du catalogue écartée.")

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


class PreviewDialog(QDialog):
    """A list of changes (or errors) to read before applying."""

    def __init__(self, parent: QWidget | None, title: str, intro: str, lines: list[str], *,
                 apply_text: str | None = "&Appliquer", extra_text: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.extra_chosen = False
        label = QLabel(intro)
        label.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Changements prévus" if apply_text else "Erreurs")
        self.text.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        buttons = QDialogButtonBox()
        if apply_text:
            apply = buttons.addButton(apply_text, QDialogButtonBox.AcceptRole)
            apply.setDefault(True)
        if extra_text:
            extra = buttons.addButton(extra_text, QDialogButtonBox.RejectRole)
            extra.clicked.connect(self._extra)
        later = "Plus &tard" if extra_text else "A&nnuler"
        buttons.addButton("&Fermer" if not apply_text else later, QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(760, 480)

    def _extra(self) -> None:
        self.extra_chosen = True


# -- the Plans dialog --------------------------------------------------------------------------------
def open_plans_dialog(window: Any) -> QDialog | None:
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

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Plans")
        self.setAccessibleName("Plans")
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setAccessibleName("Liste des plans")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
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
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.button(QDialogButtonBox.Close).setText("&Fermer")
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.fill()
        self.resize(900, 360)

    # -- list ----------------------------------------------------------------------------------
    def fill(self) -> None:
        catalogue = self.window_.catalogue
        current = self.selected_code()
        self.table.setRowCount(len(catalogue.plans))
        for row, plan in enumerate(catalogue.plans):
            count = len(catalogue.plan_actions(plan))
            for column, text in enumerate((plan.code, plan.title, f"{plan.period_start}-{plan.period_end}",
                                           "clos" if plan.closed else "en cours", str(count),
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
        self.window_.reload_structure()
        self.window_.show_status(text)
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
        dialog = PreviewDialog(self, f"{verb} {definition.plan.code}",
                               f"Changements d'après « {path.name} ». Le suivi (statuts, dates, valeurs, bilans, "
                               "journal) n'est pas modifié ; une sauvegarde est faite avant.", outcome.lines,
                               apply_text=f"&{verb}")

        def finished(result: int) -> None:
            if result == QDialog.Accepted:
                self._apply(definition, f"plan {path.name}")

        dialog.finished.connect(finished)
        return _show(dialog)

    def _apply(self, definition: Any, origin: str) -> bool:
        from sdus_desktop.exchange.plan_import import BackupFailed, apply_definition

        try:
            outcome, backup = apply_definition(self.window_.db, definition, self.window_._user, origin)
        except BackupFailed as error:
            messages.error(self, "Plans", str(error)[0].upper() + str(error)[1:] + ".")
            return False
        if outcome.errors:
            messages.error(self, "Plans", "Rien n'a été modifié :\n" + "\n".join(outcome.errors[:20]))
            return False
        self._changed(f"Plan {definition.plan.code} : {len(outcome.lines)} changement(s) appliqué(s).")
        return True

    def toggle_state(self) -> None:
        from sdus_desktop.exchange.plan_lifecycle import set_state

        plan = self.window_.catalogue.plan(self.selected_code() or "")
        if plan is None:
            return
        state = "en_cours" if plan.closed else "clos"
        if state == "clos" and not messages.confirm(
                self, "Clore le plan", f"Clore le plan {plan.code} ? Il quittera l'arborescence et le tableau de "
                "bord, mais restera consultable (recherche, Affichage › Afficher les plans clos), imprimable "
                "et exportable."):
            return
        result = set_state(self.window_.db, plan.code, state, self.window_._user)
        if result.errors:
            messages.error(self, "Plans", "\n".join(result.errors))
            return
        self._changed(f"Plan {plan.code} {'clos' if state == 'clos' else 'rouvert'}.")

    def prepare_next(self) -> FollowingDialog | None:
        plan = self.window_.catalogue.plan(self.selected_code() or "")
        return _show(FollowingDialog(self, plan)) if plan is not None else None

    def add_fiche(self) -> AddFicheDialog | None:
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


class FollowingDialog(QDialog):
    """« Préparer le plan suivant »: code, period, title, and whether to carry only unfinished fiches."""

    def __init__(self, owner: PlansDialog, plan: Any) -> None:
        super().__init__(owner)
        self.owner, self.plan = owner, plan
        self.setWindowTitle(f"Préparer le plan suivant de {plan.code}")
        self.setAccessibleName(self.windowTitle())
        self.code = QLineEdit(f"{plan.code}2")
        self.code.setAccessibleName("Code du nouveau plan")
        self.title_edit = QLineEdit(plan.title)
        self.title_edit.setAccessibleName("Intitulé du nouveau plan")
        span = plan.period_end - plan.period_start
        self.start, self.end = QSpinBox(), QSpinBox()
        for box, value, name in ((self.start, plan.period_end + 1, "Année de début"),
                                 (self.end, plan.period_end + 1 + span, "Année de fin")):
            box.setRange(2000, 2100)
            box.setValue(value)
            box.setAccessibleName(name)
        self.unfinished = QCheckBox("Reprendre les fiches &non terminées")
        self.unfinished.setAccessibleName("Reprendre les fiches non réalisées et non abandonnées (sans leur suivi)")
        form = QFormLayout()
        for text, widget in (("C&ode :", self.code), ("&Intitulé :", self.title_edit), ("&Début :", self.start),
                             ("&Fin :", self.end)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(self.unfinished)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("&Créer le plan")
        buttons.button(QDialogButtonBox.Cancel).setText("Ann&uler")
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel("Les orientations et les axes sont repris ; les fiches non terminées aussi si vous le "
                       "demandez (textes, étapes, indicateurs). Le suivi du nouveau plan part de zéro ; il est lié "
                       "à celui-ci.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def create(self) -> None:
        from sdus_desktop.exchange.plan_lifecycle import prepare_following

        result = prepare_following(self.owner.window_.db, self.plan.code, self.code.text().strip(),
                                   self.start.value(), self.end.value(), self.owner.window_._user,
                                   title=self.title_edit.text().strip() or None,
                                   carry_unfinished=self.unfinished.isChecked())
        if result.errors:
            messages.error(self, "Plan suivant", "\n".join(result.errors))
            return
        self.accept()
        self.owner._changed(f"Plan {result.plan_code} créé à la suite de {self.plan.code}.")


class AddFicheDialog(QDialog):
    """Add a fiche to a plan (central mode), through the plan operations; undoable (Ctrl+Z archives it)."""

    def __init__(self, owner: PlansDialog, plan: Any) -> None:
        super().__init__(owner)
        self.owner, self.plan = owner, plan
        self.setWindowTitle(f"Ajouter une fiche au plan {plan.code}")
        self.setAccessibleName(self.windowTitle())
        from sdus_desktop.core import labels

        self.axe = QComboBox()
        self.axe.setAccessibleName("Axe de la nouvelle fiche")
        for orientation in plan.orientations:
            for axe in orientation.axes:
                self.axe.addItem(f"{labels.axe_reference(plan.level1_label, orientation.number, orientation.title, axe.number)}"
                                 f" — {axe.title}", (orientation.number, axe.number))
        numbers = [owner.window_.catalogue.actions[i].number for i in
                   (i for o in plan.orientations for a in o.axes for i in a.action_ids)]
        self.number = QSpinBox()
        self.number.setRange(1, 100_000)
        self.number.setValue(max(numbers, default=0) + 1)
        self.number.setAccessibleName("Numéro de la nouvelle fiche")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Intitulé de la nouvelle fiche")
        form = QFormLayout()
        for text, widget in (("A&xe :", self.axe), ("N&uméro :", self.number), ("&Intitulé :", self.title_edit)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("&Ajouter")
        buttons.button(QDialogButtonBox.Cancel).setText("A&nnuler")
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Les textes de la fiche se saisissent ensuite dans son onglet « Fiche »."))
        layout.addWidget(buttons)

    def add(self) -> None:
        title = " ".join(self.title_edit.text().split())
        if not title:
            messages.warn(self, "Nouvelle fiche", "Saisissez l'intitulé de la fiche.")
            self.title_edit.setFocus()
            return
        group, axe = self.axe.currentData()
        command = AddFicheCommand(self.owner.window_, self.plan.code, self.number.value(), title, group, axe)
        if command.apply(adding=True):
            self.owner.window_.undo_stack.push(command)
            self.accept()
            self.owner.fill()


class AddFicheCommand(QUndoCommand):
    """Undo archives the added fiche; redo restores it (both through the plan operations, journaled)."""

    def __init__(self, window: Any, code: str, number: int, title: str, group: int, axe: int) -> None:
        super().__init__(f"ajout de la fiche {number} ({code})")
        self.window, self.code, self.number, self.title, self.group, self.axe = window, code, number, title, group, axe
        self._first = True

    def apply(self, adding: bool) -> bool:
        from sdus_desktop.exchange.plan_import import apply_definition
        from sdus_desktop.exchange.plan_lifecycle import definition_of
        from sdus_desktop.exchange.plan_model import FicheDef

        definition = definition_of(self.window.db, self.code)
        if definition is None:
            return False
        if adding:
            definition.fiches.append(FicheDef(self.number, self.title, self.group, self.axe))
            origin = "saisie (ajout de fiche)"
        else:
            definition.fiches = [f for f in definition.fiches if f.number != self.number]
            origin = "saisie (annulation)"
        outcome, _ = apply_definition(self.window.db, definition, self.window._user, origin)
        if outcome.errors:
            messages.error(self.window, "Nouvelle fiche", "\n".join(outcome.errors))
            return False
        self.window.reload_structure()
        self.window.show_status(f"Fiche {self.number} {'ajoutée' if adding else 'archivée (ajout annulé)'}.")
        return True

    def redo(self) -> None:
        if self._first:
            self._first = False  # already applied by the dialog
            return
        self.apply(adding=True)

    def undo(self) -> None:
        self.apply(adding=False)

