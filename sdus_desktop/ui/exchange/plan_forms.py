"""Small forms of the « Plans… » dialog: « Préparer le plan suivant » and « Ajouter une fiche » (undoable)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from sdus_desktop.store.changes import EditError
from sdus_desktop.ui.common import messages


class FollowingDialog(QDialog):
    """« Préparer le plan suivant »: code, period, title, and whether to carry only unfinished fiches."""

    def __init__(self, owner: Any, plan: Any) -> None:
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Créer le plan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Ann&uler")
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel("Les orientations et les axes sont repris ; les fiches non terminées aussi si vous le "
                       "demandez (textes, étapes, indicateurs). Le suivi du nouveau plan part de zéro ; il est lié "
                       "à celui-ci.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.setMinimumWidth(520)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def create(self) -> None:
        from sdus_desktop.ops.plans import prepare_following_plan

        code, new_code, start, end = self.plan.code, self.code.text().strip(), self.start.value(), self.end.value()
        title, carry = self.title_edit.text().strip() or None, self.unfinished.isChecked()
        done = self.owner.window_.editor.perform(lambda services: prepare_following_plan(
            services, code, new_code, start, end, title=title, carry_unfinished=carry))
        if done is None:
            return
        result = done.value
        if result.errors:
            messages.error(self, "Plan suivant", "\n".join(result.errors))
            return
        self.accept()
        self.owner._changed(f"Plan {result.plan_code} créé à la suite de {self.plan.code}.")


class AddFicheDialog(QDialog):
    """Add a fiche to a plan (central mode), through the plan operations; undoable (Ctrl+Z archives it)."""

    def __init__(self, owner: Any, plan: Any) -> None:
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Ajouter")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("A&nnuler")
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
        """Add (or withdraw) the fiche through the editor's door (ops.plans); the views reload from `changed`."""
        from sdus_desktop.exchange.plan_import import BackupFailed
        from sdus_desktop.ops.plans import add_fiche, withdraw_fiche

        def refused(error: Exception) -> None:
            messages.error(self.window, "Nouvelle fiche", str(error))

        done = self.window.editor.perform(
            (lambda services: add_fiche(services, self.code, self.number, self.title, self.group, self.axe))
            if adding else (lambda services: withdraw_fiche(services, self.code, self.number)),
            refused=refused, errors=(EditError, BackupFailed))
        if done is None:
            return False
        if done.value.errors:
            messages.error(self.window, "Nouvelle fiche", "\n".join(done.value.errors))
            return False
        self.window.show_status(f"Fiche {self.number} {'ajoutée' if adding else 'archivée (ajout annulé)'}.")
        return True

    def redo(self) -> None:
        if self._first:
            self._first = False  # already applied by the dialog
            return
        self.apply(adding=True)

    def undo(self) -> None:
        self.apply(adding=False)

