"""Render every dialog the menus open on a 1024×600 screen and on the same at 150 % (683×400 logical), taskbar
counted — the screens the smallest office laptops give. Uses the harvest of tests/ui/common/dialog_harvest.py
(each menu entry triggered, exec() not blocking, file choosers cancelled, the screen area faked), in central mode.
Writes docs/screenshots/dialogs/<screen>-<dialog>.png.

    python tools/render_dialog_screens.py [--out docs/screenshots/dialogs]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _file_name(screen: str, title: str) -> str:
    return re.sub(r"[^\w-]+", "-", f"{screen}-{title}".replace("%", "pc")).strip("-").lower() + ".png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots" / "dialogs")
    out: Path = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)

    import pytest
    import shiboken6
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from sdus_desktop.store.database import Database
    from sdus_desktop.ui import application as sdus_app
    from tests.ui.common.dialog_harvest import SCREENS, open_every_dialog
    from tools.render_screenshots import TODAY

    application = sdus_app.create_application(["sdus-desktop"])
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.main_window import MainWindow

    written = 0
    with tempfile.TemporaryDirectory() as folder:
        for screen, area in SCREENS.items():
            db = Database.open(Path(folder) / f"sdus-{screen.replace('%', 'pc')}.sqlite")
            settings = Settings(QSettings(str(Path(folder) / f"reglages-{screen}.ini"), QSettings.IniFormat))
            settings.set_value("user_name", "Élodie Martin")
            window = MainWindow(db, settings, today=lambda: TODAY)
            window.resize(area.width(), area.height())
            window.show()
            with pytest.MonkeyPatch.context() as patch:
                dialogs = open_every_dialog(window, patch, Path(folder), area)
                for title, dialog in dialogs.items():
                    if not shiboken6.isValid(dialog):   # a dialog that deletes itself once closed
                        continue
                    dialog.show()
                    QTest.qWait(100)
                    dialog.grab().save(str(out / _file_name(screen, title)))
                    dialog.close()
                    written += 1
            window.close()
            db.close()
    application.processEvents()
    print(f"{written} fenêtre(s) écrite(s) dans {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
