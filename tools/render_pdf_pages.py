"""Render PDF pages to PNG with pdftoppm (poppler-utils), for review against the Schéma's fiche layout.

    python tools/render_pdf_pages.py FICHIER.pdf [--pages 1-3] [--out DOSSIER] [--dpi 80]
    python tools/render_pdf_pages.py --samples [--out DOSSIER]

--samples builds a fresh database in a temporary folder and renders the review set: SDUS fiche 12 with a
suivi filled in, a long fiche with 30 étapes, an SDSF action, and the first pages of the comité dossier.
PNGs go to docs/pdf-samples/ unless --out is given.
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
DEFAULT_OUT = REPO / "docs" / "pdf-samples"


def render(pdf: Path, out_dir: Path, first: int = 1, last: int | None = None, dpi: int = 80) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm introuvable : installez poppler-utils (apt-get install poppler-utils)")
    out_dir.mkdir(parents=True, exist_ok=True)
    prefix = out_dir / pdf.stem
    command = ["pdftoppm", "-png", "-r", str(dpi), "-f", str(first)]
    if last is not None:
        command += ["-l", str(last)]
    subprocess.run([*command, str(pdf), str(prefix)], check=True)
    return sorted(out_dir.glob(f"{pdf.stem}-*.png"))


def _samples(out_dir: Path, dpi: int) -> list[Path]:
    sys.path.insert(0, str(REPO))
    from sdus_desktop.reports.dossier import write_dossier
    from sdus_desktop.reports.fiche_pdf import write_fiches
    from sdus_desktop.store.database import Database
    from sdus_desktop.store.queries import iter_actions, load_plans
    from sdus_desktop.store.services import Services

    work = Path(tempfile.mkdtemp(prefix="sdus-pdf-samples-"))
    try:
        db = Database.open(work / "exemple.sqlite")
        services = Services(db, "Marie Dupont")
        with db.reading() as session:
            ids = {a.number: a for a in iter_actions(load_plans(session, "SDUS"))}
        twelve, twenty = ids[12], ids[20]
        services.set("action", twelve.id, "status", "En cours")
        services.set("action", twelve.id, "avancement", "40")
        services.set("action", twelve.id, "referents", ["Jeanne Roux"])
        services.set("action", twelve.id, "bilan", "Diagnostic partagé avec l'ARS & la MDA ; « fiche <b>réflexe</b> » en cours.")
        services.set("step", twelve.steps[0].id, "status", "Réalisée")
        services.set("step", twelve.steps[0].id, "actual_end", "15/3/21")
        indicator = services.add_indicator(twelve.id, "Nombre de saisines DECLIC", "nombre", "40").changes[0].key
        services.set("value", f"{indicator}:2021", "value", "12")
        services.set("value", f"{indicator}:2022-T2", "value", "7")
        services.set("action", twenty.id, "problematique", " ".join(["Texte très long du rappel de la problématique."] * 300))
        for n in range(30):
            services.add_step(twenty.id, f"Étape ajoutée {n + 1} : réunion des partenaires et compte rendu", "2024")
        today = date.today()
        pdfs = {
            "fiche-12": (lambda p: write_fiches(db, p, "SDUS", [12], today=today), None),
            "fiche-longue": (lambda p: write_fiches(db, p, "SDUS", [20], today=today), None),
            "sdsf-action": (lambda p: write_fiches(db, p, "SDSF", [17], today=today), None),
            "dossier": (lambda p: write_dossier(db, p, "SDUS", since=datetime(today.year, 1, 1), today=today), 8),
        }
        rendered: list[Path] = []
        for name, (write, last) in pdfs.items():
            pdf = work / f"{name}.pdf"
            write(pdf)
            rendered += render(pdf, out_dir, 1, last, dpi)
        db.close()
        return rendered
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf", nargs="?", type=Path, help="PDF à rendre")
    parser.add_argument("--samples", action="store_true", help="produire et rendre le jeu d'exemples")
    parser.add_argument("--pages", default="", help="pages, par exemple 1-3 (toutes par défaut)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"dossier des PNG (défaut : {DEFAULT_OUT})")
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args()
    if args.samples:
        rendered = _samples(args.out, args.dpi)
    elif args.pdf:
        first, _, last = args.pages.partition("-")
        rendered = render(args.pdf, args.out, int(first or 1), int(last) if last else (int(first) if first else None),
                          args.dpi)
    else:
        parser.error("donnez un PDF ou --samples")
    for path in rendered:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
