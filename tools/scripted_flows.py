"""The second half of tools/scripted_run.py: export a workbook, print the fiche (answering the file dialog as a
person does), then the Tableau de bord, a late étape and « Mes fiches ». Each function takes the Run."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def export_and_print(self: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    window = self.window
    workbook = self.work / "sorties" / "classeur-ars.xlsx"
    workbook.parent.mkdir()

    def fill_export(dialog: Any) -> None:
        self.shot("export-dialogue", None if self.real_screen else dialog)
        dialog.path.setFocus()
        dialog.path.selectAll()
        self.type(str(workbook), dialog.path)
        dialog.export_button.click()

    self.answer_modal(fill_export)
    self.key(Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier, window)
    self.wait(300)
    self.check("classeur écrit où la personne l'a dit", True, workbook.exists())
    close_notice(self, "export-ecrit")

    pdf = self.work / "sorties" / "fiche-12.pdf"

    def choose_file(dialog: Any) -> None:
        if dialog.windowTitle() == "Imprimer la fiche":   # « Notes de suivi : depuis le » — the default, Entrée
            self.shot("impression-notes-depuis", None if self.real_screen else dialog)
            self.key(Qt.Key.Key_Return, None, dialog.focusWidget())
            self.answer_modal(choose_file)   # then the file
        elif isinstance(dialog, QFileDialog):
            self.shot("impression-choix-fichier", None if self.real_screen else dialog)
            from PySide6.QtWidgets import QLineEdit

            name = dialog.findChild(QLineEdit, "fileNameEdit")  # « Nom du fichier », typed as a person does
            name.setFocus()
            name.selectAll()
            self.type(str(pdf), name)
            self.key(Qt.Key.Key_Return, None, name)
        else:
            dialog.close()

    self.answer_modal(choose_file)
    self.key(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier, window)
    self.wait(300)
    self.check("PDF écrit où la personne l'a choisi", True, pdf.exists() and pdf.read_bytes()[:4] == b"%PDF")
    notice = close_notice(self, "impression-ecrite")
    self.check("l'avis propose Ouvrir et Ouvrir le dossier", True, notice)
    self.check("aucun dossier créé sans le demander", False, (Path.home() / "Documents").exists()
               and not (self.work / "home-had-documents").exists())
    assert QApplication.activeModalWidget() is None or isinstance(QApplication.activeModalWidget(), QMessageBox)

def close_notice(self: Any, name: str) -> bool:
    from PySide6.QtWidgets import QApplication, QMessageBox

    self.wait(100)
    notices = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.objectName() == "fichier_ecrit" and w.isVisible()]
    if not notices:
        return False
    notice = notices[-1]
    self.shot(name, None if self.real_screen else notice)
    texts = [button.text() for button in notice.buttons()]
    notice.close()
    return "Ouvrir" in texts and "Ouvrir le dossier" in texts

def dashboard_and_mine(self: Any) -> None:
    from PySide6.QtCore import Qt

    window = self.window
    self.key(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier, window)
    self.shot("tableau-de-bord")
    self.check_fits("le tableau de bord tient dans l'écran")
    late = window.dashboard.late
    late.setFocus()
    late.setCurrentCell(0, 1)
    self.key(Qt.Key.Key_Return, None, late)
    self.wait(100)
    self.check("étape en retard : onglet Étapes", True,
               window.fiche_view.tabs.currentWidget() is window.fiche_view.steps)
    hidden = window.current_action_id() not in window.navigation.visible_action_ids()
    self.check("étape en retard : arborescence = fiche affichée (ou rien si la recherche la masque)",
               None if hidden else window.current_action_id(), window.navigation.current_action_id())
    self.check("la liste dit que la fiche ouverte est masquée", hidden, "masquée" in window.navigation.count.text())
    self.shot("etape-en-retard-ouverte")
    self.check_fits("retour à la fiche : la fenêtre tient dans l'écran")
    self.key(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier, window)
    self.key(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier, window)
    self.key(Qt.Key.Key_Delete)  # the search text is selected: cleared
    window.navigation.mine.setFocus()
    self.key(Qt.Key.Key_Space, None, window.navigation.mine)
    self.check("Mes fiches (ARS : pilote ou co-pilote)", 9, len(window.navigation.visible_action_ids()))
    self.shot("mes-fiches")
    self.key(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier, window)
    self.type("mobilite zzz")
    panel = window.navigation
    self.check("aucun résultat : la raison et « Réinitialiser les filtres »", True,
               panel.empty_box.isVisible() and "mobilite zzz" in panel.empty_reason.text())
    self.shot("aucun-resultat")
    panel.reset_button.setFocus()
    self.key(Qt.Key.Key_Space, None, panel.reset_button)
    self.check("filtres réinitialisés : toutes les fiches", 140, len(panel.visible_action_ids()))
    self.check("la fiche ouverte est de nouveau surlignée", window.current_action_id(), panel.current_action_id())
