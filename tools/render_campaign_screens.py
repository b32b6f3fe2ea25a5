"""Render « Préparer la collecte », « Suivi de la collecte » and « Historique des imports » to PNG at 1024×600 and
1366×768, after a played collection: 6 référents, one return applied, two that conflict, one refused, one missing.

    python tools/render_campaign_screens.py [--out /tmp/campaign-screens]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

NAMES = ["Anne Arnal", "Bruno Bès", "Chloé Crozes", "Denis Durand", "Élise Estève", "Fanny Fabre"]


def edited(source: Path, target: Path, action_id: int, column: str, value: object) -> Path:
    from openpyxl import load_workbook

    workbook = load_workbook(source)
    sheet = workbook["Fiches"]
    row = next(cell.row for cell in sheet["A"] if cell.value == f"F{action_id}")
    sheet[f"{column}{row}"] = value
    workbook.save(target)
    return target


def play_collection(db, folder: Path) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.exchange.campaign import prepare
    from sdus_desktop.exchange.consolidate import import_many
    from sdus_desktop.store import campaigns
    from sdus_desktop.store.services import Services

    services = Services(db, "Équipe centrale")
    for index, name in enumerate(NAMES):
        services.assign_referent(name, campaigns.fiches_by_number(db, [2 * index + 1, 2 * index + 2], "SDUS"))
    services.assign_referent("Chloé Crozes", campaigns.fiches_by_number(db, [3], "SDUS"))
    out = folder / "envoi"
    out.mkdir()
    sent = {item.referent: out / item.file_name for item in prepare(db, out, "Équipe centrale", "SDUS").sent}
    ids = {n: campaigns.fiches_by_number(db, [2 * i + 1], "SDUS")[0] for i, n in enumerate(NAMES)}
    back = folder / "retours"
    back.mkdir()
    returns = [
        edited(sent["Anne Arnal"], back / "Anne Arnal.xlsx", ids["Anne Arnal"], "F", 40),
        edited(sent["Bruno Bès"], back / "Bruno Bès.xlsx", ids["Bruno Bès"], "H", "Réunion tenue en mai."),
        edited(sent["Chloé Crozes"], back / "Chloé Crozes.xlsx", ids["Bruno Bès"], "H", "Réunion reportée."),
        edited(sent["Élise Estève"], back / "Élise Estève.xlsx", ids["Élise Estève"], "F", 150),
        edited(sent["Denis Durand"], back / "Denis Durand.xlsx", ids["Denis Durand"], "E", "En cours"),
    ]
    for path in returns:
        import_many(db, [path], "Équipe centrale")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "campaign-screens")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from sdus_desktop.store.database import Database
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.exchange.campaign_dialog import open_campaign_dialog
    from sdus_desktop.ui.exchange.collection_view import open_collection_view
    from sdus_desktop.ui.exchange.import_history_dialog import open_import_history
    from sdus_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="sdus-collecte-"))
    db = Database.open(folder / "base.sqlite")
    play_collection(db, folder)
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.IniFormat))
    settings.set_value("user_name", "Équipe centrale")
    settings.set_value("mode", "central")
    window = MainWindow(db, settings)
    for width, height in ((1024, 600), (1366, 768)):
        window.resize(width, height)
        window.show()
        app.processEvents()
        for name, opener in (("preparer", open_campaign_dialog), ("suivi", open_collection_view),
                             ("historique", open_import_history)):
            dialog = opener(window)
            assert dialog is not None
            dialog.resize(min(dialog.width(), width - 40), min(dialog.height(), height - 60))
            app.processEvents()
            dialog.grab().save(str(args.out / f"{name}-{width}.png"))
            dialog.reject()
    window.close()
    db.close()
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
