"""Scripted run of the whole comité cycle in the real application, menus and dialogs driven by key events.

The central team's year: the previous comité is frozen; « Préparer la collecte » names 6 référents in bulk
(by numbers, by pilote, on the fiches shown in the tree) and writes one workbook each; the tree is filtered by
référent; the référents answer (a script edits copies of their workbooks with openpyxl, one copy re-saved by real
LibreOffice): two returns conflict, one is refused (150 %), one never comes back; « Importer des classeurs »
takes the five files; « Suivi de la collecte » shows intégré / reçu à arbitrer / refusé / manquant; the conflicts
are decided (both texts, a typed value); the comité is frozen; the comité workbook and dossier are produced since
the previous comité, then printed through LibreOffice / pdftoppm to PNG. Every value is checked in the database.

    python tools/scripted_cycle.py --size 1024x600 [--scale 1.25] [--out docs/screenshots/cycle] [--pages]

Exit code 1 when a check fails. tests/ui/test_scripted_cycle.py runs it at 1366×768 and 1024×600 (offscreen).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))

from scripted_cycle_files import (  # noqa: E402
    ANNE_BILAN,
    BRUNO_BILAN,
    CHLOE_BILAN,
    NAMES,
    fill,
    pdf_text,
    render_pages,
    returns,
    soffice_available,
)
from scripted_run import REPO, Run, configure_platform  # noqa: E402

TODAY = date.today()
PREVIOUS = TODAY - timedelta(days=120)


class Cycle(Run):
    # -- driving the window ------------------------------------------------------------------------
    def until(self, condition: Any, timeout_ms: int = 60000) -> bool:
        waited = 0
        while not condition() and waited < timeout_ms:
            self.wait(50)
            waited += 50
        return bool(condition())

    def on_modal(self, name: str, respond: Any, timeout_ms: int = 90000) -> None:
        """When a modal dialog of class `name` is shown (progress dialogs before it are let through), hand it
        to `respond`."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        left = {"ms": timeout_ms}

        def poll() -> None:
            modal = QApplication.activeModalWidget()
            if modal is not None and modal.isVisible() and type(modal).__name__ == name:
                respond(modal)
            elif left["ms"] > 0:
                left["ms"] -= 40
                QTimer.singleShot(40, poll)
            else:
                self.check(f"la fenêtre {name} s'est ouverte", True, False)

        QTimer.singleShot(40, poll)

    def menu(self, menu: str, action: Any) -> None:
        """Alt + the menu's letter, then the entry's letter, as a person does from the keyboard."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        title = self.window.menus[menu].title()
        self.activate(self.window)
        self.key(getattr(Qt.Key, f"Key_{_mnemonic(title).upper()}"), Qt.KeyboardModifier.AltModifier, self.window)
        popup = QApplication.activePopupWidget()
        self.check(f"menu {title.replace('&', '')} ouvert au clavier", True, popup is not None)
        if popup is None:
            action.trigger()
            return
        QTest.keyClick(popup, getattr(Qt.Key, f"Key_{_mnemonic(action.text()).upper()}"))
        self.wait(50)

    def alt(self, letter: str, widget: Any) -> None:
        from PySide6.QtCore import Qt

        self.activate(widget)
        self.key(getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier, widget)

    def activate(self, widget: Any) -> None:
        """Back from a message box, its parent is made the active window again (shortcuts need it)."""
        window = widget.window()
        if not window.isActiveWindow():
            window.activateWindow()
            self.until(window.isActiveWindow, 2000)

    def retype(self, widget: Any, text: str) -> None:
        """Focus a field, select what it holds, type over it."""
        from PySide6.QtCore import Qt

        widget.setFocus()
        self.wait(20)
        self.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier, widget)
        self.type(text, widget)

    def pick(self, combo: Any, wanted: Any, by_data: bool = False) -> None:
        """↓ / ↑ in a closed combo box until it shows `wanted`."""
        from PySide6.QtCore import Qt

        combo.setFocus()
        target = combo.findData(wanted) if by_data else combo.findText(wanted)
        for _ in range(combo.count()):
            if combo.currentIndex() == target or target < 0:
                break
            self.key(Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up, None, combo)

    def yes(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        def respond(box: Any) -> None:
            self.messages.append(box.text())
            button = box.button(QMessageBox.StandardButton.Yes)
            button.setFocus()
            self.key(Qt.Key.Key_Space, None, button)

        self.on_modal("QMessageBox", respond)

    def fits(self, what: str, dialog: Any) -> None:
        """The dialog inside the screen, and each of its visible buttons inside the dialog."""
        from PySide6.QtWidgets import QAbstractButton

        area = self.app.primaryScreen().availableGeometry()
        frame = dialog.frameGeometry()
        inside = frame.width() <= area.width() and frame.height() <= area.height()
        clipped = [button.text() for button in dialog.findChildren(QAbstractButton)
                   if button.isVisible() and not dialog.rect().contains(
                       button.mapTo(dialog, button.rect().bottomRight()))]
        self.check(f"{what} : tient dans l'écran, boutons visibles", (True, []), (inside, clipped))
        if not inside:
            print(f"    {what} : {frame.width()}×{frame.height()} (minimum {dialog.minimumSizeHint().width()}×"
                  f"{dialog.minimumSizeHint().height()}) pour un écran {area.width()}×{area.height()}")

    def sql(self, query: str, *params: Any) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.window.db.path) as connection:
            return connection.execute(query, params).fetchall()

    def fiche(self, number: int) -> tuple[Any, ...]:
        return self.sql("SELECT a.status, a.avancement, a.bilan FROM action a JOIN plan p ON p.id = a.plan_id "
                        "WHERE p.code = 'SDUS' AND a.number = ?", number)[0]

    # -- the cycle --------------------------------------------------------------------------------------
    def play(self) -> int:
        from scripted_cycle_steps import (
            assign_and_send,
            decide_conflicts,
            filter_by_referent,
            follow_up,
            freeze,
            import_returns,
            produce_outputs,
        )

        self.files: dict[str, Path] = {}
        freeze(self, PREVIOUS, compare=False)
        assign_and_send(self)
        filter_by_referent(self)
        back = self.work / "retours"
        libreoffice = soffice_available()
        for answer in returns(self.denis_fiche):
            answer.libreoffice = answer.libreoffice and libreoffice
            fill(self.files[answer.referent], back / f"{answer.referent.split()[0].lower()}.xlsx", answer)
        if libreoffice:
            self.check("classeur de Denis réenregistré par LibreOffice", True,
                       "LibreOffice" in _application_of(back / "denis.xlsx"))
        else:
            print(f"[{self.label}] LIBREOFFICE ABSENT : le classeur de Denis n'est pas réenregistré par LibreOffice "
                  "(installez libreoffice-calc-nogui)")
        import_returns(self, sorted(back.glob("*.xlsx")))
        follow_up(self, {"Anne Arnal": "Intégré", "Bruno Bès": "Reçu, à arbitrer", "Chloé Crozes": "Reçu, à arbitrer",
                         "Denis Durand": "Intégré", "Élise Estève": "Refusé", "Fanny Fabre": "Manquant"}, "avant")
        decide_conflicts(self)
        follow_up(self, {"Anne Arnal": "Intégré", "Bruno Bès": "Intégré", "Chloé Crozes": "Intégré",
                         "Denis Durand": "Intégré", "Élise Estève": "Refusé", "Fanny Fabre": "Manquant"}, "apres")
        freeze(self, TODAY, compare=True)
        workbook, dossier = produce_outputs(self)
        self.check_database()
        self.check_outputs(workbook, dossier)
        self.check_fits("la fenêtre tient toujours dans l'écran")
        failures = [c for c in self.checks if c[1] != c[2]]
        print(f"[{self.label}] {len(self.checks) - len(failures)}/{len(self.checks)} vérifications conformes")
        return 1 if failures else 0

    def check_database(self) -> None:
        referents = dict(self.sql(
            "SELECT p.name, group_concat(a.number) FROM person p JOIN action_referent ar ON ar.person_id = p.id "
            "JOIN action a ON a.id = ar.action_id GROUP BY p.name"))
        expected = {"Anne Arnal": [1, 2], "Bruno Bès": [3, 4], "Chloé Crozes": [3, 5],
                    "Denis Durand": [self.denis_fiche], "Élise Estève": [20], "Fanny Fabre": [6, 7]}
        self.check("référents désignés en base", expected,
                   {name: sorted(int(n) for n in numbers.split(",")) for name, numbers in referents.items()})
        self.check("fiche 1 : avancement 40 (Anne)", ("non_demarree", 40), self.fiche(1)[:2])
        self.check("fiche 2 : bilan d'Anne, accents et guillemets compris", ANNE_BILAN, self.fiche(2)[2])
        step = self.sql("SELECT s.actual_end FROM step s JOIN action a ON a.id = s.action_id JOIN plan p "
                        "ON p.id = a.plan_id WHERE p.code = 'SDUS' AND a.number = 1 AND s.number = 1")[0][0]
        self.check("fiche 1 étape 1 : fin réelle 31/03/2021 (classeur d'Anne)", "2021-03-31", step)
        status, avancement, bilan = self.fiche(3)
        self.check("fiche 3 : avancement tranché par la valeur saisie 55", 55, avancement)
        self.check("fiche 3 : les deux bilans gardés", True, BRUNO_BILAN in bilan and CHLOE_BILAN in bilan)
        self.check("fiche 4 : statut En cours (Bruno)", "en_cours", self.fiche(4)[0])
        self.check("fiche 5 : avancement 30 (Chloé)", 30, self.fiche(5)[1])
        self.check("fiche de Denis (réenregistrée par LibreOffice) : En cours, 20", ("en_cours", 20),
                   self.fiche(self.denis_fiche)[:2])
        self.check("fiche 20 (classeur refusé d'Élise) : inchangée", ("non_demarree", 0, ""), self.fiche(20))
        self.check("fiches de Fanny (manquant) : inchangées", [("non_demarree", 0, "")] * 2,
                   [self.fiche(6), self.fiche(7)])
        self.check("plus aucun conflit en attente", [(0,)], self.sql("SELECT count(*) FROM conflict WHERE "
                                                                     "resolved_at IS NULL"))
        arbitrages = self.sql("SELECT count(*) FROM journal WHERE origin LIKE 'arbitrage%'")[0][0]
        self.check("chaque arbitrage est au journal", True, arbitrages >= 2)
        self.check("deux comités figés", [PREVIOUS.isoformat(), TODAY.isoformat()],
                   [row[0] for row in self.sql("SELECT comite_date FROM comite_snapshot ORDER BY comite_date")])

    def check_outputs(self, workbook: Path, dossier: Path) -> None:
        from openpyxl import load_workbook

        book = load_workbook(workbook, read_only=True)
        texts = " ".join(str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                         for value in row if value is not None)
        book.close()
        self.check("classeur du comité : les évolutions depuis le comité précédent", True,
                   "40 %" in texts and ANNE_BILAN[:30] in texts)
        text = pdf_text(dossier)
        if text:
            flat = " ".join(text.split())
            self.check("dossier : le bilan d'Anne et le comité précédent", True,
                       ANNE_BILAN[:25] in flat and f"{PREVIOUS:%d/%m/%Y}" in flat)
        if self.pages:
            if soffice_available():
                shots = render_pages(workbook, dossier, self.out, self.label)
                self.check("pages rendues : 1re page et « depuis le comité » du classeur et du dossier", True,
                           len(shots) >= 4 and all(path.exists() for path in shots))
            else:
                print(f"[{self.label}] LIBREOFFICE ABSENT : pages du classeur du comité non rendues")


def _mnemonic(text: str) -> str:
    index = text.index("&")
    return text[index + 1]


def _application_of(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("docProps/app.xml").decode("utf-8", "replace")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots" / "cycle")
    parser.add_argument("--pages", action="store_true", help="print the comité outputs to PNG (LibreOffice)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    arguments = parser.parse_args(argv)
    width, height = (int(part) for part in arguments.size.lower().split("x"))
    work = Path(tempfile.mkdtemp(prefix="sdus-cycle-"))
    home = work / "home"
    home.mkdir()
    os.environ["HOME"] = str(home)
    os.environ["XDG_CONFIG_HOME"] = str(home / ".config")
    os.environ["XDG_DATA_HOME"] = str(home / ".local" / "share")
    configure_platform(width, height, arguments.scale, work)

    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from sdus_desktop.store.database import Database
    from sdus_desktop.ui.application import create_application
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.main_window import MainWindow

    app = create_application(["sdus-desktop"])
    db = Database.open(work / "sdus.sqlite")
    settings = Settings(QSettings(str(work / "parametres.ini"), QSettings.Format.IniFormat))
    settings.set_value("user_name", "Claire Vidal")
    settings.set_value("mode", "central")
    window = MainWindow(db, settings, today=lambda: TODAY)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    QTest.qWait(300)
    arguments.out.mkdir(parents=True, exist_ok=True)
    label = f"{width}x{height}" + (f"-{int(arguments.scale * 100)}pc" if arguments.scale != 1 else "")
    run = Cycle(window, arguments.out, label, work)
    run.pages = arguments.pages
    assert NAMES
    try:
        code = run.play()
    finally:
        window.close()
        db.close()
        app.processEvents()
        if arguments.keep:
            print(f"Dossier de travail conservé : {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
