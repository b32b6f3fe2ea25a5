"""« Préparer la collecte… » (central mode): name référents on many fiches at once, then write one workbook per
référent into a folder in one action (exchange.campaign), recorded as a campaign for « Suivi de la collecte ».

Assigning goes through the window's Editor (one service call, undoable with Ctrl+Z); it is not a « mise à jour »
of the fiches. The workbooks are written off the GUI thread (Editor.perform_in_background: « Annuler » leaves no
workbook in the folder and records no campaign)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from sdus_desktop.core.people import name_problem
from sdus_desktop.core.text import fold
from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.screen_fit import resize_within_screen, scrolling_body
from sdus_desktop.ui.common.widgets import section_title

if TYPE_CHECKING:
    from sdus_desktop.ui.common.window_protocol import MainWindowWidget

ALL_PLANS = ""


def open_campaign_dialog(window: MainWindowWidget) -> CampaignDialog | None:
    if not window.settings.central_mode:
        messages.information(window, "Préparer la collecte", "La préparation de la collecte est réservée à l'équipe "
                             "centrale (Outils › Paramètres › mode équipe centrale).")
        return None
    window.fiche_view.commit_pending()
    dialog = CampaignDialog(window)
    dialog.open()
    return dialog


class CampaignDialog(QDialog):
    def __init__(self, window: MainWindowWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.prepared: Any = None
        self.setWindowTitle("Préparer la collecte")
        self.setAccessibleName("Préparer la collecte")

        self.plan = QComboBox()
        self.plan.setAccessibleName("Plan concerné")
        self.plan.addItem("Tous les plans", ALL_PLANS)
        for plan in window.catalogue.open_plans:
            self.plan.addItem(plan.code, plan.code)
        current = window.current_plan_code()
        if current and self.plan.findData(current) >= 0:
            self.plan.setCurrentIndex(self.plan.findData(current))
        plan_label = QLabel("&Plan :")
        plan_label.setBuddy(self.plan)

        # 1. Référents
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name.setAccessibleName("Nom du référent à désigner")
        name_edit = self.name.lineEdit()
        if name_edit is not None:
            name_edit.setPlaceholderText("Prénom Nom")
            name_edit.setAccessibleName("Nom du référent à désigner")
        self.by_visible = QRadioButton()
        self.by_visible.setChecked(True)
        self.by_pilote = QRadioButton("les fiches pilo&tées par :")
        self.pilote = QComboBox()
        self.pilote.setAccessibleName("Organisation pilote")
        self.by_numbers = QRadioButton("les fiches n&uméro :")
        self.numbers = QLineEdit()
        self.numbers.setAccessibleName("Numéros des fiches")
        self.numbers.setPlaceholderText("ex. 1 4 12")
        self.group = QButtonGroup(self)
        for button in (self.by_visible, self.by_pilote, self.by_numbers):
            self.group.addButton(button)
        self.pilote.activated.connect(lambda _i: self.by_pilote.setChecked(True))
        self.numbers.textEdited.connect(lambda _t: self.by_numbers.setChecked(True))
        self.assign_button = QPushButton("&Désigner")
        self.assign_button.setAccessibleName("Désigner ce référent sur les fiches choisies")
        self.assign_button.clicked.connect(self.assign)
        self.referents = QTableWidget(0, 2)
        self.referents.setHorizontalHeaderLabels(["Référent", "Fiches"])
        self.referents.setAccessibleName("Référents désignés et nombre de fiches")
        self.referents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.referents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.referents.verticalHeader().hide()
        self.referents.horizontalHeader().setStretchLastSection(True)
        self.referents.setColumnWidth(0, 260)

        name_label = QLabel("&Référent :")
        name_label.setBuddy(self.name)
        which = QGridLayout()
        which.addWidget(QLabel("Le désigner sur"), 0, 0)
        which.addWidget(self.by_visible, 0, 1, 1, 2)
        which.addWidget(self.by_pilote, 1, 1)
        which.addWidget(self.pilote, 1, 2)
        which.addWidget(self.by_numbers, 2, 1)
        which.addWidget(self.numbers, 2, 2)
        which.setColumnStretch(2, 1)
        assign_row = QHBoxLayout()
        assign_row.addWidget(name_label)
        assign_row.addWidget(self.name, 1)
        assign_row.addWidget(self.assign_button)

        # 2. Envoi
        self.campaign_name = QLineEdit()
        self.campaign_name.setAccessibleName("Nom de la collecte")
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Dossier où écrire les classeurs")
        self.browse = QPushButton("C&hoisir…")
        self.browse.setAccessibleName("Choisir le dossier où écrire les classeurs")
        self.browse.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        self.prepare_button = QPushButton("É&crire un classeur par référent")
        self.prepare_button.clicked.connect(self.prepare)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        form = QFormLayout()
        name_edit_label = QLabel("&Nom de la collecte :")
        name_edit_label.setBuddy(self.campaign_name)
        folder_label = QLabel("D&ossier :")
        folder_label.setBuddy(self.folder)
        form.addRow(name_edit_label, self.campaign_name)
        form.addRow(folder_label, folder_row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(plan_label)
        top.addWidget(self.plan)
        top.addStretch(1)
        # Step 1 scrolls on a small screen (its table shrinks first); step 2 — the folder, « Choisir… » and
        # « Écrire un classeur par référent » — and « Fermer » always stay in view.
        layout, outer = scrolling_body(self)
        layout.addLayout(top)
        layout.addWidget(section_title("1. Désigner les référents"))
        layout.addLayout(assign_row)
        layout.addLayout(which)
        layout.addWidget(self.referents, 1)
        outer.addWidget(section_title("2. Écrire un classeur par référent"))
        outer.addLayout(form)
        send_row = QHBoxLayout()
        send_row.addWidget(self.summary, 1)
        send_row.addWidget(self.prepare_button)
        outer.addLayout(send_row)
        outer.addWidget(buttons)
        self.plan.currentIndexChanged.connect(lambda _i: self.refresh())
        QWidget.setTabOrder(self.by_numbers, self.numbers)
        resize_within_screen(self, 760, 560)
        self.refresh()
        self.name.setFocus()

    # -- data ---------------------------------------------------------------------------------
    def plan_code(self) -> str | None:
        return self.plan.currentData() or None

    def _actions(self) -> list[Any]:
        catalogue = self.window_.catalogue
        code = self.plan_code()
        return [action for plan in catalogue.open_plans if code is None or plan.code == code
                for action in catalogue.plan_actions(plan)]

    def referent_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for action in self._actions():
            for person in action.referents:
                counts[person.name] = counts.get(person.name, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: fold(item[0])))

    def visible_ids(self) -> list[int]:
        code = self.plan_code()
        plan_of = self.window_.catalogue.plan_of
        return [i for i in self.window_.selected_action_ids() if code is None or plan_of[i].code == code]

    def refresh(self) -> None:
        counts = self.referent_counts()
        typed = self.name.currentText()
        self.name.clear()
        self.name.addItems(list(counts))
        self.name.setEditText(typed)
        pilotes = sorted({p for action in self._actions() for p in action.pilotage}, key=fold)
        chosen = self.pilote.currentText()
        self.pilote.clear()
        self.pilote.addItems(pilotes)
        if chosen in pilotes:
            self.pilote.setCurrentText(chosen)
        self.by_pilote.setEnabled(bool(pilotes))
        self.pilote.setEnabled(bool(pilotes))
        self.by_visible.setText(f"les fiches aff&ichées dans l'arborescence ({len(self.visible_ids())})")
        self.referents.setRowCount(len(counts))
        for row, (name, count) in enumerate(counts.items()):
            self.referents.setItem(row, 0, QTableWidgetItem(name))
            item = QTableWidgetItem(str(count))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.referents.setItem(row, 1, item)
        from datetime import date

        from sdus_desktop.exchange.campaign import default_name

        if not self.campaign_name.isModified():
            self.campaign_name.setText(default_name(self.plan_code(), date.today()))
        self.summary.setText(f"{len(counts)} référent(s) : un classeur chacun, limité à ses fiches."
                             if counts else "Aucun référent désigné : commencez par l'étape 1.")
        self.prepare_button.setEnabled(bool(counts))

    # -- 1. assign ----------------------------------------------------------------------------
    def chosen_ids(self) -> list[int] | None:
        """The fiches the radio buttons name; None (after a message) when they name none."""
        from sdus_desktop.store import campaigns
        from sdus_desktop.store.changes import EditError

        title = "Désigner un référent"
        try:
            if self.by_pilote.isChecked():
                return campaigns.fiches_of_pilote(self.window_.db, self.pilote.currentText(), self.plan_code())
            if self.by_numbers.isChecked():
                text = self.numbers.text()
                numbers = [int(n) for n in re.findall(r"\d+", text)]
                if not numbers or re.sub(r"[\d\s,;]", "", text):
                    messages.warn(self, title, f"Numéros de fiches : « {text} » n'est pas une liste de numéros "
                                               "(ex. 1 4 12). Rien n'a été modifié.")
                    return None
                return campaigns.fiches_by_number(self.window_.db, numbers, self.plan_code())
        except EditError as error:   # its message ends with what to do; « rien n'a été modifié » is said here
            messages.warn(self, title, f"{error}. Rien n'a été modifié.")
            return None
        ids = self.visible_ids()
        if not ids:
            messages.warn(self, title, "Aucune fiche n'est affichée dans l'arborescence pour ce plan.")
            return None
        if not messages.confirm(self, title, f"Désigner « {self.name.currentText().strip()} » sur les {len(ids)} "
                                             "fiche(s) affichées dans l'arborescence ? (Ctrl+Z annule.)"):
            return None
        return ids

    def assign(self) -> int:
        """Name the référent on the chosen fiches (one undoable call). Returns how many fiches changed."""
        name = self.name.currentText().strip()
        if not name:
            messages.warn(self, "Désigner un référent", "Tapez le nom du référent à désigner.")
            self.name.setFocus()
            return 0
        known = {fold(self.name.itemText(row)) for row in range(self.name.count())}
        problem = None if fold(name) in known else name_problem(name)
        if problem is not None:   # a name recorded before the rule is still accepted (core.people)
            messages.warn(self, "Désigner un référent", f"Nom du référent : {problem}. Rien n'a été modifié.")
            self.name.setFocus()
            return 0
        ids = self.chosen_ids()
        if ids is None:
            return 0
        from sdus_desktop.ops.edits import assign_referent

        done = self.window_.editor.perform(lambda services: assign_referent(services, name, ids),
                                           f"désignation de {name}")
        if done is None:
            return 0
        changes = done.changeset
        already = len(ids) - len(changes)
        self.window_.show_status(f"{name} désigné(e) sur {len(changes)} fiche(s)"
                                 + (f", {already} l'avai(en)t déjà" if already else "") + ".")
        self.refresh()
        return len(changes)

    # -- 2. write the workbooks ---------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Dossier des classeurs de la collecte", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def prepare(self) -> None:
        from sdus_desktop.core.progress import Cancelled
        from sdus_desktop.exchange.campaign import CampaignError
        from sdus_desktop.ops.campaigns import prepare_campaign

        title = "Préparer la collecte"
        text = self.folder.text().strip()
        if not text:
            messages.warn(self, title, "Choisissez le dossier où écrire les classeurs (bouton « Choisir… »).")
            self.folder.setFocus()
            return
        folder = Path(text)
        if not folder.is_dir():
            messages.warn(self, title, f"Le dossier « {folder} » n'existe pas : choisissez un dossier existant.")
            return
        plan_code, name = self.plan_code(), self.campaign_name.text().strip() or None
        try:
            done = self.window_.editor.perform_in_background(
                self, title, "Écriture d'un classeur par référent…",
                lambda services, progress: prepare_campaign(services, folder, plan_code, name, progress=progress))
        except CampaignError as error:
            messages.warn(self, title, str(error)[:1].upper() + str(error)[1:])
            return
        except Cancelled:
            self.window_.show_status("Préparation de la collecte annulée : aucun fichier n'a été écrit, aucune "
                                     "collecte n'a été enregistrée.")
            return
        self.prepared = done.value
        lines = [f"{len(self.prepared.files)} classeur(s) écrit(s) dans {folder} :"]
        lines += [f"- {item.referent} : {item.file_name} ({item.fiches} fiche(s))" for item in self.prepared.sent]
        lines.append("\nEnvoyez-les ; suivez les retours dans « Outils › Suivi de la collecte… ».")
        self.window_.show_status(f"Collecte préparée : {len(self.prepared.files)} classeur(s).")
        messages.information(self, title, "\n".join(lines))
        self.accept()


def install(window: MainWindowWidget) -> None:
    """Outils › Préparer la collecte…, Suivi de la collecte…, Historique des imports… (after « Plans… »)."""
    from sdus_desktop.ui.common.actions import make_action
    from sdus_desktop.ui.exchange.collection_view import open_collection_view
    from sdus_desktop.ui.exchange.import_history_dialog import open_import_history

    menu = window.menus["outils"]
    before = menu.actions()[1] if len(menu.actions()) > 1 else None
    window.campaign_action = make_action(window, "Préparer la &collecte…", lambda: open_campaign_dialog(window),
                                         None, "Désigner les référents et écrire un classeur par référent")
    window.collection_action = make_action(window, "&Suivi de la collecte…", lambda: open_collection_view(window),
                                           None, "Qui a renvoyé son classeur : reçu, refusé, intégré, manquant")
    window.import_history_action = make_action(window, "&Historique des imports…",
                                               lambda: open_import_history(window), None,
                                               "Tous les imports : fichier, auteur, date, modifications, conflits")
    # Qt appends when `before` is None (its type stubs do not say so)
    menu.insertActions(before, [window.campaign_action, window.collection_action,  # type: ignore[arg-type]
                                window.import_history_action])
    menu.insertSeparator(before)  # type: ignore[arg-type]
