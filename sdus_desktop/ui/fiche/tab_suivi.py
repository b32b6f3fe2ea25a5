"""« Suivi » tab: statut, avancement, référent(s), bilan, last update."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from sdus_desktop.core.coherence import unfinished_for_done
from sdus_desktop.core.people import join_names, split_names
from sdus_desktop.core.statuses import ActionStatus
from sdus_desktop.ops.changes import OpChanges
from sdus_desktop.store.readmodel import Action
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.undo import Editor
from sdus_desktop.ui.common.widgets import (
    CommitComboBox,
    CommitLineEdit,
    CommitSpinBox,
    CommitTextEdit,
    plain_label,
)


class SuiviTab(QWidget):
    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.action_id: int | None = None
        # Both save on a deliberate choice (list closed on an entry, Entrée, leaving the field): passing over
        # values with the arrows or the wheel writes nothing, so the journal gets one row per decision.
        self.status = CommitComboBox("Statut de la fiche")
        for status in ActionStatus:
            self.status.addItem(f"{status.symbol} {status.label}", status.value)
        self.avancement = CommitSpinBox("Avancement en pourcentage")
        self.avancement.setRange(0, 100)
        self.avancement.setSingleStep(5)
        self.avancement.setSuffix(" %")
        self.referents = CommitLineEdit("Référents de la fiche, séparés par des points-virgules")
        self.referents.setPlaceholderText("Nom Prénom ; Nom Prénom")
        self.bilan = CommitTextEdit("Bilan et commentaire", grow=False)
        self.bilan.setMinimumHeight(160)
        self.updated = plain_label()
        self.updated.setAccessibleName("Dernière mise à jour")
        self.updated.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Stat&ut :", self.status)
        form.addRow("A&vancement :", self.avancement)
        form.addRow("Référ&ent(s) :", self.referents)
        form.addRow("&Bilan / commentaire :", self.bilan)
        form.addRow("Dernière mise à jour :", self.updated)
        hint = QLabel("Chaque modification est enregistrée immédiatement et inscrite au journal "
                      "(onglet Historique). Ctrl+Z annule la frappe dans le champ en cours de saisie, puis, une fois le "
                      "champ quitté, la dernière modification enregistrée.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4a4a4a; font-style: italic;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)

        self.status.committed.connect(self._status_chosen)
        self.avancement.committed.connect(lambda value: self._save("avancement", value))
        self.setFocusProxy(self.status)  # Alt+2, or clicking the tab, puts the keyboard on the statut
        self.referents.committed.connect(self._referents_committed)
        self.bilan.committed.connect(lambda text: self._save("bilan", text))
        self._loading = False
        self.action: Action | None = None

    def show_action(self, action: Action) -> None:
        self._loading = True
        try:
            same = action.id == self.action_id
            self.action_id = action.id
            self.action = action
            self.status.set_value(action.status)
            self.avancement.set_value(action.avancement)
            self.referents.set_value(join_names(p.name for p in action.referents), same)
            self.bilan.set_value(action.bilan, same)
            if action.updated_at:
                when = action.updated_at.strftime("%d/%m/%Y à %H:%M")
                self.updated.setText(f"le {when} par {action.updated_by or 'inconnu'}")
            else:
                self.updated.setText("jamais (fiche telle que publiée dans le schéma)")
        finally:
            self._loading = False

    def commit_pending(self) -> None:
        self.status.commit()
        self.avancement.commit()
        self.referents.commit()
        self.bilan.commit()

    def _referents_committed(self, text: str) -> None:
        # « ; » separates the names; a comma stays in its name, which the store refuses (core.people) unless
        # that person is already recorded: « Dupont, Marie » is never split into « Dupont » and « Marie ».
        self._save("referents", split_names(text))

    def _status_chosen(self, value: object) -> None:
        """Réalisée with étapes still open or an avancement below 100 % is asked about first; agreed, it is one
        operation with those étapes réalisées and the avancement at 100 %."""
        action = self.action
        if self.action_id is None or self._loading or action is None:
            return
        if value != ActionStatus.REALISEE:
            self._save("status", value)
            return
        unfinished = unfinished_for_done(action.steps, action.avancement)
        if not unfinished:
            self._save("status", value)
            return
        question = (f"La fiche {action.number} a {unfinished.describe()}.\n\nLa marquer réalisée, avec "
                    f"{'ses étapes non terminées marquées réalisées et ' if unfinished.step_ids else ''}"
                    "l'avancement porté à 100 % ? (une seule modification : Ctrl+Z l'annule)\n\n"
                    "Non : rien n'est modifié.")
        if not messages.confirm(self, "Marquer la fiche réalisée", question):
            self.status.set_value(action.status)
            self.editor.listener.publish(OpChanges())  # nothing changed: the header keeps its status
            return
        from sdus_desktop.store.changes import Edit

        key = str(action.id)
        edits = [Edit("action", key, "status", value), Edit("action", key, "avancement", 100)]
        edits += [Edit("step", str(step_id), "status", "realisee") for step_id in unfinished.step_ids]
        from sdus_desktop.ops import edits as ops_edits  # the write side loads with the first edit
        self.editor.run(lambda services: ops_edits.apply_edits(services, edits), "fiche réalisée",
                        f"Fiche {action.number} réalisée : avancement 100 %"
                        + (f", {len(unfinished.step_ids)} étape(s) marquée(s) réalisée(s)." if unfinished.step_ids
                           else "."))

    def _save(self, field: str, value: object) -> None:
        if self.action_id is not None and not self._loading:
            self.editor.set("action", self.action_id, field, value)
