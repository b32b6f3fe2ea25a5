"""Render the period lock to PNG at 1024×600 and 1366×768: « Comités figés » with a validated comité (central
mode, and référent mode), the refusal a référent sees, the correction asked in central mode, and the import
preview of a workbook that changes a locked value (its « Erreurs » tab).

    python tools/render_period_lock_screens.py [--out /tmp/period-lock-screens]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def prepare(db, folder: Path) -> tuple[Path, int]:  # type: ignore[no-untyped-def]
    """Fiche 1 with a 2025 value and a done étape, a workbook exported, the comité of 12/03/2026 frozen and
    validated, a later one frozen; returns the workbook with the locked value changed, and the indicator id."""
    from openpyxl import load_workbook

    from sdus_desktop.exchange.workbook_export import write_referent_workbook
    from sdus_desktop.store.changes import Edit
    from sdus_desktop.store.comite_snapshots import freeze, validate
    from sdus_desktop.store.queries import load_action
    from sdus_desktop.store.services import Services

    with db.reading() as session:
        action = load_action(session, 1)
        indicator, step = action.indicators[0].id, action.steps[1].id
    Services(db, "Équipe centrale").apply([
        Edit("value", f"{indicator}:2025", "value", "40"), Edit("step", str(step), "actual_end", "15/03/2025"),
        Edit("step", str(step), "status", "Réalisée")])
    sent = write_referent_workbook(db, folder / "Jeanne Roux.xlsx", plan_code="SDUS", fiches=[1]).path
    info = freeze(db, "Équipe centrale", date(2026, 3, 12), now=datetime(2026, 3, 12, 9, 0))
    validate(db, "Équipe centrale", info.id, date(2026, 3, 12), now=datetime(2026, 3, 13, 9, 0))
    freeze(db, "Équipe centrale", date(2026, 10, 15), "SDUS", now=datetime(2026, 10, 15, 9, 0))
    workbook = load_workbook(sent)
    sheet = workbook["Indicateurs"]
    row = next(cell.row for cell in sheet["A"] if cell.value == f"V{indicator}:2025")
    sheet[f"I{row}"] = 45
    workbook["Fiches"]["H2"] = "Comité de pilotage réuni en octobre."
    returned = folder / "retour Jeanne Roux.xlsx"
    workbook.save(returned)
    return returned, indicator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "period-lock-screens")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    from sdus_desktop.exchange.import_batch import prepare_batch
    from sdus_desktop.store.database import Database
    from sdus_desktop.store.period_locks import LockedError
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.dashboard.snapshots_dialog import SnapshotsDialog
    from sdus_desktop.ui.exchange.import_dialog import ImportDialog
    from sdus_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="sdus-verrou-"))
    db = Database.open(folder / "base.sqlite")
    returned, indicator = prepare(db, folder)
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.IniFormat))
    settings.set_value("user_name", "Équipe centrale")
    window = MainWindow(db, settings)
    try:
        window.services.set("value", f"{indicator}:2025", "value", "45")
        raise AssertionError("the locked value was not refused")
    except LockedError as error:
        refused = error
    for width, height in ((1024, 600), (1366, 768)):
        window.resize(width, height)
        window.show()
        app.processEvents()
        for mode in ("referent", "central"):
            settings.set_value("mode", mode)
            dialog = SnapshotsDialog(window)
            dialog.resize(min(dialog.width(), width - 40), min(dialog.height(), height - 60))
            dialog.show()
            app.processEvents()
            dialog.grab().save(str(args.out / f"comites-{mode}-{width}.png"))
            dialog.reject()
        preview = ImportDialog(window, [returned], prepare_batch(db, [returned]))
        preview.resize(min(preview.width(), width - 40), min(preview.height(), height - 60))
        preview.tabs.setCurrentIndex(2)
        preview.show()
        app.processEvents()
        preview.grab().save(str(args.out / f"import-refus-{width}.png"))
        preview.reject()
    for name, title, text in (
            ("refus-referent", "Saisie refusée", f"{refused.where} :\n{refused.reason}"),
            ("correction-centrale", "Corriger une valeur arrêtée",
             f"{refused.where} :\n{refused.lock.reason()}.\n\nCorriger quand même cette valeur ? La correction sera "
             f"inscrite au journal comme « {refused.lock.correction_origin()} » ; l'état figé du comité ne change pas.")):
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.show()
        app.processEvents()
        box.grab().save(str(args.out / f"{name}.png"))
        box.close()
    window.close()
    db.close()
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
