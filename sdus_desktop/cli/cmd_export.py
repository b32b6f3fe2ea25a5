"""sdus export OUT.json|OUT.xlsx — the open-data JSON dump, or a référent workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "exporte en JSON (données ouvertes) ou en classeur Excel pour les référents"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="FICHIER", help="fichier à écrire : .json ou .xlsx")
    parser.add_argument("--plan", metavar="CODE", help="SDUS ou SDSF (par défaut : les deux)")
    parser.add_argument("--referent", metavar="NOM", help="classeur : seulement les fiches de ce référent")
    parser.add_argument("--fiche", metavar="N", type=int, nargs="+", help="classeur : seulement ces fiches")


def run(ctx) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.core.oserrors import describe_os_error

    out = Path(ctx.args.out)
    suffix = out.suffix.lower()
    if suffix not in (".json", ".xlsx"):
        raise CliError(f"format de sortie non pris en charge « {out.name} » : utilisez .json ou .xlsx")
    db = ctx.open_db()
    try:
        _check_plan(db, ctx.args.plan)
        if suffix == ".json":
            if ctx.args.referent or ctx.args.fiche:
                raise CliError("--referent et --fiche ne s'appliquent qu'au classeur .xlsx")
            from sdus_desktop.exchange.json_export import write_json_export

            data = write_json_export(db, out, ctx.args.plan)
            actions = sum(len(axe["actions"]) for p in data["plans"] for o in p["orientations"] for axe in o["axes"])
            print(f"Export JSON écrit : {out} ({len(data['plans'])} plan(s), {actions} actions)")
            return 0
        from sdus_desktop.cli.cmd_export_workbook import export_workbook_command

        return export_workbook_command(ctx, db, out)
    except OSError as error:
        raise CliError(describe_os_error(error, out)) from None
    finally:
        db.close()


def _check_plan(db, code: str | None) -> None:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.store.queries import plan_codes

    if code is None:
        return
    with db.reading() as session:
        codes = plan_codes(session)
    if code.upper() not in codes:
        raise CliError(f"plan inconnu « {code} » (plans : {', '.join(codes)})")
