"""« Suivi de la collecte »: per référent of a campaign — envoyé, reçu, refusé (with its error report), intégré,
manquant —, the reminder text to paste in a message, and a fresh workbook re-sent in one click.

Data: store.campaigns.follow_up (returns linked by export id); re-sending: exchange.campaign.resend, off the GUI
thread (Editor.perform_in_background: « Annuler » leaves no file and records no send)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from sdus_desktop.ops.changes import OpChanges
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.screen_fit import resize_within_screen
from sdus_desktop.ui.common.undo import follow_changes
from sdus_desktop.ui.common.widgets import section_title

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget

COLUMNS = ("Référent", "État", "Classeur envoyé", "Envoyé le", "Retour le", "Détail")
# Background per state; the state is always written out too (colour is never the only signal).
STATE_COLOURS = {"manquant": "#fde2e1", "refusé": "#f9d0a8", "reçu": "#fff2cc", "intégré": "#dff0d8"}
TITLE = "Suivi de la collecte"


def open_collection_view(window: MainWindowWidget) -> CollectionView | None:
    from sdus_desktop.store import campaigns

    if not campaigns.campaigns(window.db):
        messages.information(window, TITLE, "Aucune collecte n'a encore été préparée : « Outils › Préparer la "
                                            "collecte… » écrit un classeur par référent et enregistre l'envoi.")
        return None
    dialog = CollectionView(window)
    dialog.open()
    return dialog


class CollectionView(QDialog):
    def __init__(self, window: MainWindowWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.follow: Any = None
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.campaign = QComboBox()
        self.campaign.setAccessibleName("Collecte suivie")
        campaign_label = QLabel("&Collecte :")
        campaign_label.setBuddy(self.campaign)
        self.counts = QLabel()
        self.counts.setAccessibleName("Bilan de la collecte")
        self.counts.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("Référents de la collecte et état de leur retour")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        for column, width in enumerate((150, 120, 250, 80, 80)):
            self.table.setColumnWidth(column, width)
        self.resend_button = QPushButton("&Renvoyer un classeur à jour")
        self.resend_button.setAccessibleName("Renvoyer un classeur à jour au référent sélectionné")
        self.resend_button.clicked.connect(self.resend_selected)
        self.report_button = QPushButton("Ouvrir le rapport d'&erreurs")
        self.report_button.clicked.connect(self.open_report)
        self.refresh_button = QPushButton("&Actualiser")
        self.refresh_button.clicked.connect(self.refresh)
        self.reminder = QPlainTextEdit()
        self.reminder.setReadOnly(True)
        self.reminder.setAccessibleName("Texte de relance des classeurs manquants")
        self.reminder.setMaximumHeight(110)
        self.copy_button = QPushButton("Co&pier le texte de relance")
        self.copy_button.clicked.connect(self.copy_reminder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(campaign_label)
        top.addWidget(self.campaign, 1)
        top.addWidget(self.refresh_button)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.resend_button)
        row_buttons.addWidget(self.report_button)
        row_buttons.addStretch(1)
        reminder_row = QHBoxLayout()
        reminder_row.addWidget(section_title("Relance des classeurs manquants ou refusés"), 1)
        reminder_row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addLayout(reminder_row)
        layout.addWidget(self.reminder)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.load_campaigns()
        self.campaign.currentIndexChanged.connect(lambda _i: self.refresh())
        resize_within_screen(self, 960, 560)
        self.refresh()
        follow_changes(self, window.changed, self._changed)   # returns imported or undone, decisions, re-sent
        self.table.setFocus()

    def _changed(self, changes: OpChanges) -> None:
        if changes.campaign:
            self.refresh()

    def load_campaigns(self, select: int | None = None) -> None:
        from sdus_desktop.store import campaigns

        self.campaign.blockSignals(True)
        self.campaign.clear()
        for campaign_id, name, created in campaigns.campaigns(self.window_.db):
            self.campaign.addItem(f"{name} — n° {campaign_id}, préparée le {created:%d/%m/%Y}", campaign_id)
        if select is not None and self.campaign.findData(select) >= 0:
            self.campaign.setCurrentIndex(self.campaign.findData(select))
        self.campaign.blockSignals(False)

    def refresh(self) -> None:
        from sdus_desktop.store import campaigns

        selected = self.selected_referent()
        self.follow = campaigns.follow_up(self.window_.db, self.campaign.currentData())
        follow = self.follow
        self.counts.setText(f"{len(follow.rows)} référent(s) — " + " · ".join(
            f"{label} : {follow.count(status)}" for status, label in campaigns.STATUS_LABELS.items())
            + f". Dossier d'envoi : {follow.folder}")
        self.table.setRowCount(len(follow.rows))
        for row, item in enumerate(follow.rows):
            if item.status == campaigns.REFUSED:
                detail = f"{item.refusal} — rapport : {item.report_path or 'non écrit'}"
            elif item.returned_at is not None:
                detail = f"{item.applied} modification(s), {item.conflicts_pending} conflit(s) à arbitrer"
            else:
                detail = "pas de retour"
            if item.sends > 1:
                detail += f" · envoyé {item.sends} fois"
            values = (item.referent, item.status_label, item.file_name, f"{item.sent_at:%d/%m/%Y}",
                      f"{item.returned_at:%d/%m/%Y}" if item.returned_at else "—", detail)
            colour = QBrush(QColor(STATE_COLOURS[item.status]))
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                if column == 1:
                    cell.setBackground(colour)
                self.table.setItem(row, column, cell)
        self.reminder.setPlainText(follow.reminder_text())
        names = [item.referent for item in follow.rows]
        self.table.selectRow(names.index(selected) if selected in names else 0)
        self._selection_changed()

    def selected_row(self) -> Any:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or self.follow is None:
            return None
        return self.follow.rows[rows[0].row()]

    def selected_referent(self) -> str | None:
        row = self.selected_row()
        return row.referent if row is not None else None

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.resend_button.setEnabled(row is not None)
        self.report_button.setEnabled(row is not None and bool(row.report_path))

    def resend_selected(self) -> str | None:
        """Write a fresh workbook for the selected référent (their fiches as they are now). Returns its path."""
        from sdus_desktop.core.progress import Cancelled
        from sdus_desktop.exchange.campaign import CampaignError
        from sdus_desktop.ops.campaigns import resend_workbook

        row = self.selected_row()
        if row is None:
            return None
        campaign_id, referent = self.follow.id, row.referent
        try:
            done = self.window_.editor.perform_in_background(
                self, TITLE, f"Écriture d'un classeur à jour pour {referent}…",
                lambda services, progress: resend_workbook(services, campaign_id, referent, progress=progress))
        except CampaignError as error:
            messages.warn(self, TITLE, str(error))
            return None
        except Cancelled:
            self.window_.show_status("Renvoi du classeur annulé : aucun fichier n'a été écrit.")
            return None
        path = done.value
        self.window_.show_status(f"Classeur à jour écrit pour {row.referent} : {path.name}")
        messages.information(self, TITLE, f"Nouveau classeur pour {row.referent} :\n{path}\n\nSes fiches y sont "
                                          "dans leur état actuel ; un retour de l'ancien classeur reste accepté.")
        return str(path)

    def open_report(self) -> None:
        row = self.selected_row()
        if row is not None and row.report_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(row.report_path))

    def copy_reminder(self) -> None:
        QGuiApplication.clipboard().setText(self.reminder.toPlainText())
        self.window_.show_status("Texte de relance copié : collez-le dans votre message.")

