"""The steps of tools/scripted_cycle.py, each played on the real window with key events (`c` is the Cycle run):
menus opened with Alt + letter, fields reached by their mnemonics, values typed character by character."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from scripted_cycle_files import NAMES


def _keys() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Key


def freeze(c: Any, day: date, compare: bool) -> None:
    """Fichier › Comités figés… : type the comité's date, « Figer l'état »; then compare it with the previous one."""
    key = _keys()
    window = c.window

    def respond(dialog: Any) -> None:
        c.retype(dialog.comite_date, f"{day:%d/%m/%Y}")
        c.alt("f", dialog)
        c.wait(300)
        c.check(f"comité du {day:%d/%m/%Y} figé", True, any(
            dialog.table.item(row, 0).text() == f"{day:%d/%m/%Y}" for row in range(dialog.table.rowCount())))
        if compare:
            c.pick(dialog.start, f"{c.previous_label}")  # from the previous comité…
            c.pick(dialog.end, "maintenant")
            c.alt("c", dialog)
            c.wait(200)
            c.check("comparaison des deux comités : fiches changées", True, dialog.changes.topLevelItemCount() >= 5)
            c.shot("comites-figes", None if c.real_screen else dialog)
            c.fits("Comités figés", dialog)
        c.key(key.Key_Escape, None, dialog)

    c.on_modal("SnapshotsDialog", respond)
    c.menu("fichier", window.snapshots_action)
    c.wait(100)
    if not compare:
        from sdus_desktop.store.comite_snapshots import list_snapshots

        c.previous_label = list_snapshots(window.db)[-1].label


def assign_and_send(c: Any) -> None:
    """Outils › Préparer la collecte… : 6 référents named in bulk, then one workbook each written in a folder."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = c.window
    key = _keys()
    catalogue = window.catalogue
    sdus = catalogue.plan_actions(catalogue.plan("SDUS"))
    taken = {1, 2, 3, 4, 5, 6, 7, 20}
    pilotes: dict[str, list[int]] = {}
    for action in sdus:
        for pilote in action.pilotage:
            pilotes.setdefault(pilote, []).append(action.number)
    denis_pilote = sorted(name for name, numbers in pilotes.items() if len(numbers) == 1 and numbers[0] not in taken)[0]
    c.denis_fiche = pilotes[denis_pilote][0]

    # Élise gets the fiches shown in the tree: search « fiche 20 » first (as the person would).
    c.key(key.Key_F, Qt.KeyboardModifier.ControlModifier, window)
    c.type("fiche 20")
    c.wait(100)
    c.menu("outils", window.campaign_action)
    c.until(lambda: type(QApplication.activeModalWidget()).__name__ == "CampaignDialog", 20000)
    dialog = QApplication.activeModalWidget()
    c.alt("p", dialog)
    c.pick(dialog.plan, "SDUS")
    c.shot("preparer-collecte-vide", None if c.real_screen else dialog)
    plan = [("Anne Arnal", "numbers", "1 2"), ("Bruno Bès", "numbers", "3 4"), ("Chloé Crozes", "numbers", "3, 5"),
            ("Denis Durand", "pilote", denis_pilote), ("Élise Estève", "visible", ""),
            ("Fanny Fabre", "numbers", "6 7")]
    for name, how, what in plan:
        c.alt("r", dialog)
        c.retype(dialog.name.lineEdit(), name)
        if how == "numbers":
            c.alt("u", dialog)
            c.key(key.Key_Tab, None, dialog.by_numbers)
            c.retype(dialog.numbers, what)
        elif how == "pilote":
            c.alt("t", dialog)
            c.key(key.Key_Tab, None, dialog.by_pilote)
            c.pick(dialog.pilote, what)
        else:
            c.alt("i", dialog)
            c.yes()  # « Désigner … sur les 1 fiche(s) affichées ? »
        c.alt("d", dialog)
        c.wait(150)
    counts = {dialog.referents.item(row, 0).text(): int(dialog.referents.item(row, 1).text())
              for row in range(dialog.referents.rowCount())}
    c.check("6 référents désignés (nombre de fiches chacun)", dict(zip(NAMES, [2, 2, 2, 1, 1, 2], strict=True)), counts)
    out = c.work / "envoi"
    out.mkdir()
    c.alt("o", dialog)
    c.retype(dialog.folder, str(out))
    c.shot("preparer-collecte", None if c.real_screen else dialog)
    c.fits("Préparer la collecte", dialog)
    c.on_modal("QMessageBox", c.read_and_close("classeurs-ecrits"))
    c.alt("c", dialog)
    c.until(lambda: not dialog.isVisible(), 60000)
    written = sorted(out.glob("*.xlsx"))
    c.check("6 classeurs écrits, un par référent", 6, len(written))
    for item in dialog.prepared.sent if dialog.prepared else []:
        c.files[item.referent] = out / item.file_name
    c.check("chaque classeur porte le nom de son référent", sorted(NAMES), sorted(c.files))
    c.activate(window)
    c.key(key.Key_F, Qt.KeyboardModifier.ControlModifier, window)
    c.key(key.Key_Delete)
    c.check("recherche effacée", "", window.navigation.search.text())


def filter_by_referent(c: Any) -> None:
    """The tree's Référent filter, by keyboard: Chloé's fiches, then everyone again."""
    panel = c.window.navigation
    catalogue = c.window.catalogue
    c.pick(panel.referent, "Chloé Crozes")
    shown = sorted(catalogue.actions[i].number for i in panel.visible_action_ids())
    c.check("filtre Référent « Chloé Crozes » : ses fiches 3 et 5", [3, 5], shown)
    from sdus_desktop.ui.navigation.navigation import REFERENT_COLUMN

    hidden = panel.tree.isColumnHidden(REFERENT_COLUMN)
    c.check("colonne Référent : montrée si l'arborescence est assez large", panel.tree.viewport().width() < 460,
            hidden)
    if hidden:  # a small screen: Affichage › Colonne « Référent » shows it
        c.menu("affichage", panel.referent_column_action)
        c.check("Affichage › Colonne « Référent » la montre", False, panel.tree.isColumnHidden(REFERENT_COLUMN))
    c.shot("arborescence-filtre-referent")
    if hidden:
        c.menu("affichage", panel.referent_column_action)
        c.check("… et la masque de nouveau", True, panel.tree.isColumnHidden(REFERENT_COLUMN))
    c.pick(panel.referent, "Sans référent")
    c.check("filtre « Sans référent » (9 fiches ont un référent)", 140 - 9, len(panel.visible_action_ids()))
    c.pick(panel.referent, "Tous les référents")


def import_returns(c: Any, paths: list[Path]) -> None:
    """Fichier › Importer des classeurs… : the five returns chosen in the file dialog, previewed, applied."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    key = _keys()

    def choose(dialog: Any) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        c.retype(name, str(paths[0].parent))
        c.key(key.Key_Return, None, name)
        c.wait(300)
        c.retype(name, " ".join(f'"{path.name}"' for path in paths))
        c.shot("import-choix-fichiers", None if c.real_screen else dialog)
        c.key(key.Key_Return, None, name)

    def preview(dialog: Any) -> None:
        c.check("aperçu : 5 classeurs", len(paths), dialog.files.count())
        refused = [dialog.files.item(row).text() for row in range(dialog.files.count())
                   if "refus" in dialog.files.item(row).text().lower()]
        c.check("aperçu : le classeur d'Élise refusé", True, len(refused) == 1 and refused[0].startswith("élise"))
        c.shot("import-apercu", None if c.real_screen else dialog)
        c.fits("Importer des classeurs", dialog)
        dialog.files.setFocus()
        c.key(key.Key_End, None, dialog.files)  # Élise's file: the Erreurs tab says where and what
        errors = [dialog.errors.item(row).text() for row in range(dialog.errors.count())]
        c.check("aperçu du classeur refusé : la cellule et la valeur", True,
                any("150" in text and "F" in text for text in errors))
        c.shot("import-apercu-refus", None if c.real_screen else dialog)
        c.on_modal("QMessageBox", c.read_and_close("import-bilan"))
        dialog.apply_button.setFocus()
        c.key(key.Key_Space, None, dialog.apply_button)

    c.on_modal("QFileDialog", choose)
    c.on_modal("ImportDialog", preview)
    c.key(key.Key_I, Qt.KeyboardModifier.ControlModifier, c.window)
    c.until(lambda: any("Sauvegarde faite avant l'import" in m for m in c.messages), 60000)
    c.check("bilan de l'import : conflits à arbitrer", True, any("à arbitrer" in m for m in c.messages))
    report = paths[0].parent / "élise.xlsx"
    c.check("rapport d'erreurs écrit à côté du classeur refusé", True,
            any(p.name.startswith("élise") and p != report for p in paths[0].parent.iterdir()))


def follow_up(c: Any, expected: dict[str, str], moment: str) -> None:
    """Outils › Suivi de la collecte… : the state of each référent's return."""
    from PySide6.QtWidgets import QApplication

    c.menu("outils", c.window.collection_action)
    c.until(lambda: type(QApplication.activeModalWidget()).__name__ == "CollectionView", 20000)
    dialog = QApplication.activeModalWidget()
    table = dialog.table
    states = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    c.check(f"suivi de la collecte ({moment} arbitrage)", expected, states)
    sent = all(table.item(row, 3).text() == f"{date.today():%d/%m/%Y}" and table.item(row, 2).text().endswith(".xlsx")
               for row in range(table.rowCount()))
    c.check("suivi : chaque classeur envoyé, avec sa date", True, sent)
    reminder = dialog.reminder.toPlainText()
    c.check("relance : Fanny (manquant) et Élise (refusé), pas Anne", (True, True, False),
            ("Fanny Fabre" in reminder, "Élise Estève" in reminder, "Anne Arnal" in reminder))
    c.shot(f"suivi-collecte-{moment}", None if c.real_screen else dialog)
    c.fits("Suivi de la collecte", dialog)
    c.key(_keys().Key_Escape, None, dialog)
    c.wait(100)


def decide_conflicts(c: Any) -> None:
    """Fichier › Conflits à arbitrer… : the bilans of fiche 3 both kept; its avancement decided by a typed 55."""
    key = _keys()
    decided: list[str] = []

    def respond(dialog: Any) -> None:
        c.shot("conflits", None if c.real_screen else dialog)
        c.fits("Conflits à arbitrer", dialog)
        for _ in range(8):
            if not dialog.conflicts:
                break
            dialog.table.setFocus()
            c.key(key.Key_Home, None, dialog.table)
            conflict = dialog.conflicts[dialog.table.currentRow()]
            if "bilan" in conflict.where.lower():
                c.alt("d", dialog)
                decided.append("bilan : les deux textes")
            elif "avancement" in conflict.where.lower():
                c.alt("v", dialog)
                c.type("55", dialog.value_edit)
                c.key(key.Key_Return, None, dialog.value_edit)
                decided.append("avancement : 55")
            else:
                c.alt("p", dialog)
                decided.append(f"{conflict.where} : classeur")
            c.wait(150)
        c.shot("conflits-arbitres", None if c.real_screen else dialog)
        c.key(key.Key_Escape, None, dialog)

    c.on_modal("ConflictsDialog", respond)
    c.menu("fichier", c.window.conflicts_action)
    c.wait(100)
    c.check("conflits arbitrés : les deux bilans, l'avancement saisi", True,
            "bilan : les deux textes" in decided and "avancement : 55" in decided)


def produce_outputs(c: Any) -> tuple[Path, Path]:
    """Fichier › Classeur du comité de suivi… and › Dossier du comité de suivi…, since the previous comité."""
    from scripted_flows import close_notice

    key = _keys()
    window = c.window
    out = c.work / "comite"
    out.mkdir()
    workbook, dossier = out / "comite-de-suivi.xlsx", out / "dossier-comite.pdf"

    def comite(dialog: Any) -> None:
        c.alt("v", dialog)
        combo = dialog.since_choice.combo
        target = next(i for i in range(combo.count()) if combo.itemText(i).startswith(f"le {c.previous_label}"))
        c.pick(combo, combo.itemText(target))
        c.alt("f", dialog)
        c.retype(dialog.path, str(workbook))
        c.shot("classeur-comite-dialogue", None if c.real_screen else dialog)
        c.fits("Classeur du comité de suivi", dialog)
        c.key(key.Key_Return, None, dialog.path)

    c.on_modal("ComiteWorkbookDialog", comite)
    c.menu("fichier", window.comite_workbook_action)
    c.until(workbook.exists, 60000)
    c.check("classeur du comité écrit", True, workbook.exists())
    close_notice(c, "classeur-comite-ecrit")

    def dossier_dialog(dialog: Any) -> None:
        combo = dialog.since_choice.combo
        c.alt("v", dialog)
        target = next(i for i in range(combo.count()) if combo.itemText(i).startswith(f"le {c.previous_label}"))
        c.pick(combo, combo.itemText(target))
        c.retype(dialog.out, str(dossier))
        c.shot("dossier-comite-dialogue", None if c.real_screen else dialog)
        c.fits("Dossier du comité de suivi", dialog)
        c.key(key.Key_Return, None, dialog.out)

    c.on_modal("DossierDialog", dossier_dialog)
    c.menu("fichier", window.print_dossier_action)
    c.until(dossier.exists, 120000)
    c.wait(300)
    c.check("dossier du comité écrit (PDF)", True, dossier.exists() and dossier.read_bytes()[:4] == b"%PDF")
    close_notice(c, "dossier-comite-ecrit")
    return workbook, dossier
