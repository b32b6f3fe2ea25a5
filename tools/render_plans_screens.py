"""Render the « Plans… » dialog, an avenant preview and the catalogue release offer to PNG files, at
1024×600 and 1366×768, from a fresh seeded database with an older catalogue version (as an existing user has).

    python tools/render_plans_screens.py [--out /tmp/plans-screens]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from contextlib import closing
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "plans-screens")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from sdus_desktop.exchange.plan_lifecycle import definition_of
    from sdus_desktop.exchange.plan_workbook import write_definition
    from sdus_desktop.store.database import Database
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.exchange import plans_dialog
    from sdus_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="sdus-plans-"))
    db = Database.open(folder / "base.sqlite")
    with closing(sqlite3.connect(db.path)) as connection, connection:  # an existing user's older catalogue
        connection.execute("UPDATE meta SET value = '2026.11.1' WHERE key LIKE 'catalogue_version:%'")
        connection.execute("UPDATE action SET pilotage = '[\"Conseil départemental – DDCSPP\"]' WHERE number = 40 "
                           "AND plan_id = (SELECT id FROM plan WHERE code = 'SDUS')")
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.IniFormat))
    settings.set_value("user_name", "Équipe centrale")
    settings.set_value("mode", "central")
    window = MainWindow(db, settings)
    definition = definition_of(db, "SDUS")
    assert definition is not None
    definition.fiches[0].texts["vigilance"] = "Nouveau point de vigilance (avenant n°1)."
    definition.fiches = [f for f in definition.fiches if f.number != 74]
    write_definition(definition, folder / "avenant-sdus.xlsx")
    for width, height in ((1024, 600), (1366, 768)):
        window.resize(width, height)
        window.show()
        app.processEvents()
        window.grab().save(str(args.out / f"main-{width}.png"))
        release = plans_dialog.offer_catalogue_releases(window)
        if release is not None:
            release.resize(min(760, width - 40), min(480, height - 60))
            app.processEvents()
            release.grab().save(str(args.out / f"catalogue-{width}.png"))
            release.reject()
        dialog = plans_dialog.open_plans_dialog(window)
        assert dialog is not None
        dialog.resize(min(900, width - 40), min(360, height - 60))
        app.processEvents()
        dialog.grab().save(str(args.out / f"plans-{width}.png"))
        preview = dialog.import_definition(folder / "avenant-sdus.xlsx")
        if preview is not None:
            preview.resize(min(760, width - 40), min(480, height - 60))
            app.processEvents()
            preview.grab().save(str(args.out / f"avenant-{width}.png"))
            preview.reject()
        for name, form in (("suivant", dialog.prepare_next()), ("ajout", dialog.add_fiche())):
            if form is not None:
                form.adjustSize()
                app.processEvents()
                form.grab().save(str(args.out / f"{name}-{width}.png"))
                form.reject()
        dialog.reject()
    window.close()
    db.close()
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
