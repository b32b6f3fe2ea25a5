"""sdus print OUT.pdf [--plan CODE] [--fiche N …] [--notes-depuis JJ/MM/AAAA] — fiches actions as a PDF, with
their état d'avancement and their notes de suivi (those of the last 12 months, or since the date given; « toutes »
prints every note).

Fiche numbers are those printed in each Schéma. Without --plan, every fiche of both plans is printed;
a --fiche number that exists in both plans is refused until --plan says which one (SDUS fiche 12 and
SDSF action 12 are different actions), so nobody prints the wrong fiche by accident.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sdus_desktop.reports.notes_flowables import NotesPeriod

HELP = "imprime des fiches actions en PDF (toutes, celles d'un plan, ou --fiche N …)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="FICHIER", help="fichier PDF à écrire")
    parser.add_argument("--plan", metavar="CODE", help="SDUS ou SDSF (par défaut : les deux)")
    parser.add_argument("--fiche", metavar="N", type=int, nargs="+",
                        help="seulement ces fiches (numéros du Schéma ; précisez --plan si le numéro existe "
                             "dans les deux plans)")
    parser.add_argument("--notes-depuis", metavar="JJ/MM/AAAA", dest="notes_depuis",
                        help="notes de suivi imprimées depuis cette date (par défaut : les 12 derniers mois ; "
                             "« toutes » : toutes les notes)")


def run(ctx) -> int:
    from sdus_desktop.cli.cmd_export import _check_plan
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.core.oserrors import describe_os_error

    out = Path(ctx.args.out)
    if out.suffix.lower() != ".pdf":
        raise CliError(f"format de sortie non pris en charge « {out.name} » : utilisez un fichier .pdf")
    notes = _notes_period(ctx.args.notes_depuis)
    db = ctx.open_db()
    try:
        _check_plan(db, ctx.args.plan)
        plan_code = ctx.args.plan.upper() if ctx.args.plan else None
        if ctx.args.fiche and plan_code is None:
            _refuse_ambiguous(db, ctx.args.fiche)
        from sdus_desktop.ops.outputs import print_fiches
        from sdus_desktop.reports.selection import FicheSelectionError

        try:
            count = print_fiches(db, out, plan_code=plan_code, fiches=ctx.args.fiche, notes=notes).value
        except FicheSelectionError as error:
            raise CliError(str(error)) from None
        print(f"{count} fiche(s) imprimée(s) : {out}")
    except OSError as error:
        raise CliError(describe_os_error(error, out)) from None
    finally:
        db.close()
    return 0


def _notes_period(raw: str | None) -> NotesPeriod | None:
    """--notes-depuis as a NotesPeriod (None: the default, the last 12 months); read by core.dates."""
    if raw is None:
        return None
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.core.dates import parse_typed_date
    from sdus_desktop.reports.notes_flowables import NotesPeriod  # noqa: F811 - used at run time

    if raw.strip().casefold() == "toutes":
        return NotesPeriod()
    try:
        since = parse_typed_date(raw)
    except ValueError as error:
        raise CliError(f"--notes-depuis : {error} ; ou « toutes » pour imprimer toutes les notes") from None
    if since is None:
        raise CliError("--notes-depuis : date manquante (jj/mm/aaaa), ou « toutes » pour imprimer toutes les notes")
    return NotesPeriod(since=since)


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
