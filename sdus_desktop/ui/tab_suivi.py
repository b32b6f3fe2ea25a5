"""« Suivi » tab: statut, avancement, référent(s), bilan, last update."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from sdus_desktop.core.statuses import ActionStatus
from sdus_desktop.store.readmodel import Action
from sdus_desktop.ui.undo import Editor
from sdus_desktop.ui.widgets import CommitLineEdit, CommitTextEdit, plain_label

REFERENT_SEPARATOR = ";"


class SuiviTab(QWidget):
    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.action_id: int | None = None
        self.status = QComboBox()
        self.status.setAccessibleName("Statut de la fiche")
        for status in ActionStatus:
            self.status.addItem(f"{status.symbol} {status.label}", status.value)
        self.avancement = QSpinBox()
        self.avancement.setRange(0, 100)
        self.avancement.setSingleStep(5)
        self.avancement.setSuffix(" %")
        self.avancement.setAccessibleName("Avancement en pourcentage")
        self.avancement.setKeyboardTracking(False)
        self.referents = CommitLineEdit("Référents de la fiche, séparés par des points-virgules")
        self.referents.setPlaceholderText("Nom Prénom ; Nom Prénom")
        self.bilan = CommitTextEdit("Bilan et commentaire", grow=False)
        self.bilan.setMinimumHeight(160)
        self.updated = plain_label()
        self.updated.setAccessibleName("Dernière mise à jour")
        self.updated.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.addRow("Stat&ut :", self.status)
        form.addRow("A&vancement :", self.avancement)
        form.addRow("Référ&ent(s) :", self.referents)
        form.addRow("&Bilan / commentaire :", self.bilan)
        form.addRow("Dernière mise à jour :", self.updated)
        hint = QLabel("Chaque modification est enregistrée immédiatement et inscrite au journal "
                      "(onglet Historique). Ctrl+Z annule la dernière modification.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4a4a4a; font-style: italic;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)

        self.status.activated.connect(self._status_chosen)
        self.avancement.valueChanged.connect(self._avancement_changed)
        self.referents.committed.connect(self._referents_committed)
        self.bilan.committed.connect(lambda text: self._save("bilan", text))
        self._loading = False

    def show_action(self, action: Action) -> None:
        self._loading = True
        try:
            same = action.id == self.action_id
            self.action_id = action.id
            self.status.setCurrentIndex(max(0, self.status.findData(action.status)))
            self.avancement.setValue(action.avancement)
            self.referents.set_value(f" {REFERENT_SEPARATOR} ".join(p.name for p in action.referents), same)
            self.bilan.set_value(action.bilan, same)
            if action.updated_at:
                when = action.updated_at.strftime("%d/%m/%Y à %H:%M")
                self.updated.setText(f"le {when} par {action.updated_by or 'inconnu'}")
            else:
                self.updated.setText("jamais (fiche telle que publiée dans le schéma)")
        finally:
            self._loading = False

    def commit_pending(self) -> None:
        self.referents.commit()
        self.bilan.commit()

    def _status_chosen(self, row: int) -> None:
        self._save("status", self.status.itemData(row))

    def _avancement_changed(self, value: int) -> None:
        if not self._loading:
            self._save("avancement", value)

    def _referents_committed(self, text: str) -> None:
        names = [name.strip() for name in text.replace(",", REFERENT_SEPARATOR).split(REFERENT_SEPARATOR)]
        self._save("referents", [name for name in names if name])

    def _save(self, field: str, value: object) -> None:
        if self.action_id is not None and not self._loading:
            self.editor.set("action", self.action_id, field, value)
