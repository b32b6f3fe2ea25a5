"""Render the comité outputs as they print: the workbook through LibreOffice (headless → PDF) and the PDF dossier,
then every page to PNG with pdftoppm, to look at each one.

    python tools/render_comite.py [--out DOSSIER] [--dpi 60] [--plan SDUS] [--db base.sqlite]

Without --db, a fresh database is built in a temporary folder with a year of edits (statuses, steps done,
indicator values, a pending conflict, a comité snapshot when available). PNGs go to docs/comite-samples/.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "docs" / "comite-samples"


def workbook_to_pdf(xlsx: Path, out_dir: Path) -> Path:
    """Print a workbook to PDF with real LibreOffice (what « Fichier › Exporter en PDF » produces)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice introuvable : installez libreoffice-calc-nogui")
    profile = Path(tempfile.mkdtemp(prefix="sdus-lo-profile-"))
    try:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out_dir), str(xlsx)], check=True, capture_output=True, timeout=240)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out_dir / f"{xlsx.stem}.pdf"


def pages(pdf: Path, out_dir: Path, dpi: int, last: int | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    limit = ["-l", str(last)] if last else []
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), *limit, str(pdf), str(out_dir / pdf.stem)], check=True)
    return sorted(out_dir.glob(f"{pdf.stem}-*.png"))


def sample_database(path: Path) -> object:
    """A database with a year of suivi: statuses, steps done and slipped, values, a pending conflict."""
    sys.path.insert(0, str(REPO))
    from tests.support.comite_year import build_year  # the same data as the tests

    return build_year(path)


def dialog_shots(db_path: Path, out_dir: Path) -> list[Path]:
    """Screenshots of « Comités de suivi figés » after a comparison and of « Calendrier des étapes », at 1024×600
    and at 1366×768 (offscreen Qt)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from sdus_desktop.store.database import Database
    from sdus_desktop.ui.common.settings import Settings
    from sdus_desktop.ui.dashboard.snapshots_dialog import SnapshotsDialog
    from sdus_desktop.ui.dashboard.timeline_view import TimelineDialog
    from sdus_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = Settings(QSettings(str(db_path.with_suffix(".ini")), QSettings.IniFormat))
    settings.set_value("user_name", "Marie Dupont")
    window = MainWindow(Database.open(db_path), settings)
    shots = []
    for width, height in ((1024, 600), (1366, 768)):
        window.resize(width, height)
        dialog = SnapshotsDialog(window)
        dialog.resize(min(860, width - 40), height - 60)
        dialog.show()
        dialog.compare()
        app.processEvents()
        shot = out_dir / f"comites-figes-{width}x{height}.png"
        dialog.grab().save(str(shot))
        shots.append(shot)
        dialog.close()
        calendar = TimelineDialog(window)
        calendar.resize(width - 20, height - 40)
        calendar.show()
        calendar.tree.expandToDepth(1)
        app.processEvents()
        shot = out_dir / f"calendrier-{width}x{height}.png"
        calendar.grab().save(str(shot))
        shots.append(shot)
        calendar.close()
    window.close()
    return shots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--plan", default="SDUS")
    parser.add_argument("--db", type=Path, help="base existante (sinon une base d'exemple)")
    parser.add_argument("--today", default="", help="date du jour JJ/MM/AAAA (défaut : aujourd'hui)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from sdus_desktop.exchange.comite_workbook import write_comite_workbook
    from sdus_desktop.reports.dossier import write_dossier
    from sdus_desktop.store.database import Database

    today = datetime.strptime(args.today, "%d/%m/%Y").date() if args.today else date.today()
    work = Path(tempfile.mkdtemp(prefix="sdus-comite-render-"))
    try:
        db = Database.open(args.db) if args.db else sample_database(work / "exemple.sqlite")
        xlsx = work / f"comite-{args.plan.lower()}.xlsx"
        write_comite_workbook(db, xlsx, plan_code=args.plan, today=today)  # type: ignore[arg-type]
        dossier = work / f"dossier-{args.plan.lower()}.pdf"
        write_dossier(db, dossier, args.plan, today=today)  # type: ignore[arg-type]
        db.close()  # type: ignore[attr-defined]
        rendered = pages(workbook_to_pdf(xlsx, work), args.out, args.dpi)
        rendered += pages(dossier, args.out, args.dpi, 10)
        if not args.db:
            rendered += dialog_shots(work / "exemple.sqlite", args.out)
        args.out.mkdir(parents=True, exist_ok=True)
        shutil.copy(xlsx, args.out / xlsx.name)
        for path in rendered:
            print(path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
