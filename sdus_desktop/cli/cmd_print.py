"""sdus print OUT.pdf [--plan CODE] [--fiche N …] — fiches actions as a PDF, with their état d'avancement.

Fiche numbers are those printed in each Schéma. Without --plan, every fiche of both plans is printed;
a --fiche number that exists in both plans is refused until --plan says which one (SDUS fiche 12 and
SDSF action 12 are different actions), so nobody prints the wrong fiche by accident.
"""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "imprime des fiches actions en PDF (toutes, celles d'un plan, ou --fiche N …)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="FICHIER", help="fichier PDF à écrire")
    parser.add_argument("--plan", metavar="CODE", help="SDUS ou SDSF (par défaut : les deux)")
    parser.add_argument("--fiche", metavar="N", type=int, nargs="+",
                        help="seulement ces fiches (numéros du Schéma ; précisez --plan si le numéro existe "
                             "dans les deux plans)")


def run(ctx) -> int:
    from sdus_desktop.cli.cmd_export import _check_plan
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.core.oserrors import describe_os_error

    out = Path(ctx.args.out)
    if out.suffix.lower() != ".pdf":
        raise CliError(f"format de sortie non pris en charge « {out.name} » : utilisez un fichier .pdf")
    db = ctx.open_db()
    try:
        _check_plan(db, ctx.args.plan)
        plan_code = ctx.args.plan.upper() if ctx.args.plan else None
        if ctx.args.fiche and plan_code is None:
            _refuse_ambiguous(db, ctx.args.fiche)
        from sdus_desktop.ops.outputs import print_fiches
        from sdus_desktop.reports.selection import FicheSelectionError

        try:
            count = print_fiches(db, out, plan_code=plan_code, fiches=ctx.args.fiche).value
        except FicheSelectionError as error:
            raise CliError(str(error)) from None
        print(f"{count} fiche(s) imprimée(s) : {out}")
    except OSError as error:
        raise CliError(describe_os_error(error, out)) from None
    finally:
        db.close()
    return 0


def _refuse_ambiguous(db, numbers: list[int]) -> None:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.reports.selection import ambiguous_numbers
    from sdus_desktop.store.queries import load_plans

    with db.reading() as session:
        both = ambiguous_numbers(load_plans(session), numbers)
    if both:
        listed = ", ".join(str(n) for n in both)
        raise CliError(
            f"--fiche {listed} : ce numéro existe dans le SDUS et dans le SDSF ; "
            f"précisez le plan, par exemple « --plan SDUS --fiche {both[0]} »"
        )
