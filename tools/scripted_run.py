"""Scripted run of the real application: a référent's main flows played with key events on the real MainWindow.

Find a fiche, change its statut, refuse an avancement of 150, type three dates (and an impossible one), open
the calendar by keyboard, write and undo in the bilan, enter an indicator value, undo/redo from the window,
export a workbook, print the fiche, look at the Historique, the Tableau de bord and « Mes fiches ». Each
typed value is compared with what the database holds; any mismatch makes the run fail (exit code 1).
Message boxes and the file dialog are answered like a person would (read, screenshot, Entrée / file name).

One screen size per run (Qt reads the scale factor at start-up):

    python tools/scripted_run.py --size 1024x600 [--scale 1.25] [--out docs/screenshots/scripted]

Under Xvfb (DISPLAY set, QT_QPA_PLATFORM=xcb) the screenshots are of the whole X screen (popups included);
with QT_QPA_PLATFORM=offscreen the script gives Qt a virtual screen of the requested size and grabs the
window. tests/ui/test_scripted_run.py runs it both ways in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
TODAY = date(2021, 6, 15)


def configure_platform(width: int, height: int, scale: float, work: Path) -> None:
    """Before QApplication: the virtual screen (offscreen) and the scale factor."""
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    if platform.startswith("offscreen"):
        config = work / "ecran.json"
        config.write_text(json.dumps({"screens": [{"name": "ecran", "x": 0, "y": 0, "width": width,
                                                   "height": height, "logicalDpi": 96, "dpr": 1}]}))
        platform = f"offscreen:configfile={config}"
    os.environ["QT_QPA_PLATFORM"] = platform
    if scale != 1:
        os.environ["QT_SCALE_FACTOR"] = str(scale)


class Run:
    def __init__(self, window: Any, out: Path, label: str, work: Path) -> None:
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance()
        self.window = window
        self.out = out
        self.label = label
        self.work = work
        self.checks: list[tuple[str, object, object]] = []
        self.messages: list[str] = []
        self.count = 0
        self.real_screen = not os.environ["QT_QPA_PLATFORM"].startswith("offscreen")

    # -- helpers ---------------------------------------------------------------------------------------
    def wait(self, ms: int = 30) -> None:
        from PySide6.QtTest import QTest

        QTest.qWait(ms)

    def focused(self) -> Any:
        from PySide6.QtWidgets import QApplication

        return QApplication.focusWidget() or self.window

    def key(self, key: Any, modifiers: Any = None, widget: Any = None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        if QApplication.activeModalWidget() is None and QApplication.activeWindow() is None:
            self.window.activateWindow()  # back from a message box: the window is the active one again
            self.wait(20)
        QTest.keyClick(widget or self.focused(), key, modifiers or Qt.KeyboardModifier.NoModifier)
        self.wait(20)

    def type(self, text: str, widget: Any = None) -> None:
        """Each character as a key press carrying its text (accents included), to the focused widget."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtTest import QTest

        for char in text:
            target = widget or self.focused()
            if char.isascii() and (char.isalnum() or char in " /.,;:-'"):
                QTest.keyClick(target, char)
            else:
                for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
                    self.app.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
        self.wait(20)

    def shot(self, name: str, widget: Any = None) -> Path:
        self.wait(60)
        self.count += 1
        path = self.out / f"{self.label}-{self.count:02d}-{name}.png"
        if self.real_screen and widget is None:
            pixmap = self.app.primaryScreen().grabWindow(0)
        else:
            pixmap = (widget or self.window).grab()
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QImage

        flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.PreferDither
        pixmap.toImage().convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(path))  # 256 colours: small
        return path

    def check(self, what: str, expected: object, actual: object) -> None:
        self.checks.append((what, expected, actual))
        status = "ok" if expected == actual else "ÉCART"
        print(f"[{self.label}] {status:5} {what} : attendu {expected!r}, base {actual!r}")

    def answer_modal(self, respond: Callable[[Any], None]) -> None:
        """When a modal dialog opens, hand it to `respond` (which reads it and answers it)."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        tries = {"left": 200}

        def poll() -> None:
            modal = QApplication.activeModalWidget()
            if modal is not None and modal.isVisible():
                respond(modal)
            elif tries["left"] > 0:
                tries["left"] -= 1
                QTimer.singleShot(25, poll)

        QTimer.singleShot(25, poll)

    def read_and_close(self, name: str) -> Callable[[Any], None]:
        def respond(box: Any) -> None:
            from PySide6.QtCore import Qt
            from PySide6.QtTest import QTest

            self.messages.append(box.text() if hasattr(box, "text") else box.windowTitle())
            self.shot(name, None if self.real_screen else box)
            QTest.keyClick(box, Qt.Key.Key_Return)

        return respond

    # -- database ----------------------------------------------------------------------------------------
    def action(self) -> Any:
        from sdus_desktop.store.models import Action

        with self.window.db.reading() as session:
            action = session.get(Action, self.fiche)
            return {"status": action.status, "avancement": action.avancement, "bilan": action.bilan,
                    "steps": [(s.actual_start, s.actual_end, s.status) for s in sorted(action.steps,
                                                                                        key=lambda s: s.number)],
                    "values": {(v.indicator_id, v.period): v.value for i in action.indicators for v in i.values}}

    # -- flows ---------------------------------------------------------------------------------------------
    def play(self) -> int:
        from PySide6.QtCore import Qt

        window = self.window
        ctrl = Qt.KeyboardModifier.ControlModifier
        alt = Qt.KeyboardModifier.AltModifier

        # find a fiche
        self.key(Qt.Key.Key_F, ctrl, window)
        self.type("fiche 12")
        self.shot("recherche")
        self.key(Qt.Key.Key_Return)
        catalogue = window.catalogue
        self.fiche = window.current_action_id()
        shown = (catalogue.plan_of[self.fiche].code, catalogue.actions[self.fiche].number)
        self.check("fiche trouvée par « fiche 12 »", ("SDUS", 12), shown)
        self.check("arborescence = fiche affichée", self.fiche, window.navigation.current_action_id())

        # statut, avancement
        self.key(Qt.Key.Key_2, alt, window)
        self.key(Qt.Key.Key_Down)
        self.check("statut choisi au clavier", "en_cours", self.action()["status"])
        self.check("en-tête à jour", True, "En cours" in window.fiche_view.status.text())
        self.shot("statut")
        avancement = window.fiche_view.suivi.avancement
        avancement.setFocus()
        avancement.selectAll()
        self.type("40")
        self.key(Qt.Key.Key_Tab)
        self.check("avancement 40", 40, self.action()["avancement"])
        avancement.setFocus()
        avancement.selectAll()
        self.type("150")
        self.answer_modal(self.read_and_close("avancement-refuse"))
        self.key(Qt.Key.Key_Tab)
        self.wait(400)
        self.check("avancement 150 refusé (base inchangée)", 40, self.action()["avancement"])
        self.check("message du refus", True, any("entre 0 et 100" in m for m in self.messages))

        # three dates, an impossible one, the calendar by keyboard
        steps = window.fiche_view.steps
        self.key(Qt.Key.Key_3, alt, window)
        model, table = steps.model, steps.table
        from sdus_desktop.ui.fiche.steps_model import FIELDS

        def cell(row: int, field: str) -> None:
            table.setCurrentIndex(model.index(row, FIELDS.index(field)))
            table.setFocus()
            self.wait(20)

        cell(0, "actual_start")
        self.type("15/03/2021")  # typed straight into the cell
        self.shot("date-en-cours-de-saisie")
        self.key(Qt.Key.Key_Return)
        cell(0, "actual_end")
        self.key(Qt.Key.Key_F2)
        self.type("30/4/21")
        self.key(Qt.Key.Key_Return)
        cell(1, "actual_start")
        self.key(Qt.Key.Key_F2)
        self.type("01052021")
        self.key(Qt.Key.Key_Return)
        self.wait(100)
        rows = self.action()["steps"]
        self.check("début réel étape 1 (15/03/2021)", date(2021, 3, 15), rows[0][0])
        self.check("fin réelle étape 1 (30/4/21)", date(2021, 4, 30), rows[0][1])
        self.check("étape 1 réalisée avec sa fin réelle", "realisee", rows[0][2])
        self.check("début réel étape 2 (01052021)", date(2021, 5, 1), rows[1][0])
        cell(1, "actual_end")
        self.key(Qt.Key.Key_F2)
        self.type("31/02/2021")
        self.answer_modal(self.read_and_close("date-impossible-refusee"))
        self.key(Qt.Key.Key_Return)
        self.wait(500)
        self.check("31/02/2021 refusé (base inchangée)", None, self.action()["steps"][1][1])
        self.check("le refus nomme fiche, étape, colonne", True,
                   any("fiche 12" in m and "étape 2" in m and "fin réelle" in m for m in self.messages))
        cell(2, "actual_start")
        self.key(Qt.Key.Key_F2)
        self.key(Qt.Key.Key_F4)
        editor = self.focused()
        calendar = getattr(editor, "calendar", lambda: None)() or getattr(editor.parent(), "calendar", None)
        popup = editor if type(editor).__name__ == "QCalendarView" else None
        self.shot("calendrier-f4", None if self.real_screen else (popup.window() if popup else None))
        self.key(Qt.Key.Key_Escape)
        self.key(Qt.Key.Key_Escape)
        self.check("calendrier ouvert par F4", True, calendar is not None or popup is not None)

        # bilan: write, leave, add, Ctrl+Z in the field, leave
        self.key(Qt.Key.Key_2, alt, window)
        bilan = window.fiche_view.suivi.bilan
        bilan.setFocus()
        text = "Réunion de lancement tenue ; comité prévu à l'automne."
        self.type(text)
        self.key(Qt.Key.Key_Tab)
        self.check("bilan saisi", text, self.action()["bilan"])
        bilan.setFocus()
        bilan.moveCursor(bilan.textCursor().MoveOperation.End)
        self.type(" Suite à préciser")
        self.key(Qt.Key.Key_Z, ctrl)
        self.shot("bilan-ctrl-z")
        self.check("Ctrl+Z dans le bilan : seulement la frappe", text, bilan.toPlainText())
        self.key(Qt.Key.Key_Z, ctrl)
        self.key(Qt.Key.Key_Tab)
        self.check("bilan enregistré intact", text, self.action()["bilan"])

        # an indicator value, then undo / redo from the window
        self.key(Qt.Key.Key_4, alt, window)
        indicators = window.fiche_view.indicators
        column = 4 + indicators.model.periods.index("2021")
        row = next(r for r, i in enumerate(indicators.model.indicators) if i.kind == "nombre")
        indicators.table.setCurrentIndex(indicators.model.index(row, column))
        indicators.table.setFocus()
        self.type("12,5")
        self.key(Qt.Key.Key_Return)
        self.wait(100)
        key = (indicators.model.indicators[row].id, "2021")
        self.check("valeur d'indicateur 12,5", "12.5", self.action()["values"].get(key))
        self.shot("indicateur")
        window.navigation.tree.setFocus()
        self.key(Qt.Key.Key_Z, ctrl, window.navigation.tree)
        self.check("Ctrl+Z hors champ annule la valeur", None, self.action()["values"].get(key))
        self.key(Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier, window.navigation.tree)
        self.check("Ctrl+Maj+Z la rétablit", "12.5", self.action()["values"].get(key))
        self.key(Qt.Key.Key_5, alt, window)
        self.shot("historique")
        origins = {row[6] for row in window.fiche_view.history.model.rows}
        self.check("historique : annulation et rétablissement distincts", True,
                   {"saisie (annulation)", "saisie (rétablissement)"} <= origins)

        from scripted_flows import dashboard_and_mine, export_and_print

        export_and_print(self)
        dashboard_and_mine(self)
        self.check_fits("la fenêtre tient toujours dans l'écran")
        failures = [c for c in self.checks if c[1] != c[2]]
        print(f"[{self.label}] {len(self.checks) - len(failures)}/{len(self.checks)} vérifications conformes")
        return 1 if failures else 0

    def check_fits(self, what: str) -> None:
        area = self.app.primaryScreen().availableGeometry()
        size = self.window.frameGeometry()
        self.check(what, True, size.width() <= area.width() and size.height() <= area.height())
        if size.width() > area.width() or size.height() > area.height():
            print(f"[{self.label}] fenêtre {size.width()}×{size.height()} (minimum {self.window.minimumSizeHint()})"
                  f" pour un écran {area.width()}×{area.height()}")
            from PySide6.QtWidgets import QWidget

            for widget in self.window.findChildren(QWidget):
                if widget.isVisible() and widget.minimumSizeHint().width() > 250:
                    print(f"    {type(widget).__name__} {widget.accessibleName()[:40]!r} "
                          f"minimum {widget.minimumSizeHint().width()}")

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots" / "scripted")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, files written)")
    arguments = parser.parse_args(argv)
    width, height = (int(part) for part in arguments.size.lower().split("x"))
    work = Path(tempfile.mkdtemp(prefix="sdus-scripted-"))
    home = work / "home"
    home.mkdir()
    os.environ["HOME"] = str(home)  # settings, data and "Documents" of this run only
    os.environ["XDG_CONFIG_HOME"] = str(home / ".config")
    os.environ["XDG_DATA_HOME"] = str(home / ".local" / "share")
    configure_platform(width, height, arguments.scale, work)

    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from sdus_desktop.store.database import Database
    from sdus_desktop.ui.application import create_application
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.main_window import MainWindow

    app = create_application(["sdus-desktop"])  # kept alive for the whole run
    db = Database.open(work / "sdus.sqlite")
    settings = Settings(QSettings(str(work / "parametres.ini"), QSettings.Format.IniFormat))
    settings.set_value("user_name", "Marie Dupont")
    settings.set_value("referent_name", "ARS")
    window = MainWindow(db, settings, today=lambda: TODAY)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    QTest.qWait(500)  # the write side warms up
    label = f"{width}x{height}" + (f"-{int(arguments.scale * 100)}pc" if arguments.scale != 1 else "")
    arguments.out.mkdir(parents=True, exist_ok=True)
    run = Run(window, arguments.out, label, work)
    run.check_fits("la fenêtre tient dans l'écran")
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
