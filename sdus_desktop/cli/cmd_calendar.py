"""sdus calendrier OUT.pdf [--plan CODE] — the calendar of étapes (Gantt) printed on A3 landscape."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "imprime le calendrier des étapes (prévu, réalisé, en retard) en PDF A3 paysage"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="FICHIER", help="fichier PDF à écrire")
    parser.add_argument("--plan", metavar="CODE", help="SDUS ou SDSF (par défaut : les deux)")


def run(ctx) -> int:
    from sdus_desktop.cli.cmd_export import _check_plan
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.core.oserrors import describe_os_error

    out = Path(ctx.args.out)
    if out.suffix.lower() != ".pdf":
        raise CliError(f"format de sortie non pris en charge « {out.name} » : utilisez .pdf")
    db = ctx.open_db()
    try:
        _check_plan(db, ctx.args.plan)
        from sdus_desktop.reports.timeline_pdf import write_timeline_pdf

        pages = write_timeline_pdf(db, out, ctx.args.plan)
    except OSError as error:
        raise CliError(describe_os_error(error, out)) from None
    finally:
        db.close()
    print(f"Calendrier des étapes écrit ({pages} page(s) A3) : {out}")
    return 0
