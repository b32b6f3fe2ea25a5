"""Re-save a workbook with real LibreOffice (headless), as a référent using LibreOffice Calc would.

    python tools/libreoffice_roundtrip.py --db base.sqlite [--plan SDUS] [--out dossier]

exports a référent workbook, re-saves it with `soffice --headless --convert-to xlsx`, and previews the
import of the re-saved copy: it must show no change and no error. `resave_with_libreoffice` is used by
the tests (tests/exchange/test_libreoffice.py).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SOFFICE_NAMES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def resave_with_libreoffice(source: Path, out_dir: Path, *, to: str = "xlsx", timeout: float = 180) -> Path:
    """Open `source` in LibreOffice and save it again as `to` ("xlsx" or "pdf") into out_dir.

    A private user profile keeps concurrent runs (and the user's own LibreOffice) apart."""
    soffice = find_soffice()
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) est introuvable sur cette machine")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sdus-lo-profile-") as profile:
        filter_name = "xlsx:Calc MS Excel 2007 XML" if to == "xlsx" else to
        command = [
            soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
            "--convert-to", filter_name, "--outdir", str(out_dir), str(source),
        ]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    result = out_dir / f"{source.stem}.{to}"
    if completed.returncode != 0 or not result.exists():
        raise RuntimeError(f"LibreOffice n'a pas pu convertir {source.name} : {completed.stderr or completed.stdout}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Aller-retour d'un classeur référent par LibreOffice.")
    parser.add_argument("--db", required=True, type=Path, help="base SDUS Desktop")
    parser.add_argument("--plan", help="SDUS ou SDSF")
    parser.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp(prefix="sdus-lo-")))
    args = parser.parse_args(argv)
    from sdus_desktop.exchange.import_plan import prepare_import
    from sdus_desktop.exchange.workbook_export import write_referent_workbook
    from sdus_desktop.store.database import Database

    db = Database.open(args.db)
    try:
        exported = args.out / "export.xlsx"
        write_referent_workbook(db, exported, plan_code=args.plan)
        resaved = resave_with_libreoffice(exported, args.out / "libreoffice")
        preview = prepare_import(db, resaved)
    finally:
        db.close()
    print("\n".join(preview.report_lines()))
    clean = preview.ok and not preview.changes and not preview.conflicts
    print("Aller-retour LibreOffice : " + ("aucune différence." if clean else "DIFFÉRENCES TROUVÉES."))
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
