"""sdus report OUT.xlsx|OUT.pdf — the comité de suivi workbook or PDF dossier."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

HELP = "produit le classeur (.xlsx) ou le dossier PDF (.pdf) du comité de suivi"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="FICHIER", help="fichier à écrire : .xlsx ou .pdf")
    parser.add_argument("--plan", metavar="CODE", help="SDUS ou SDSF (par défaut : les deux)")
    parser.add_argument("--since", metavar="JJ/MM/AAAA", help="évolutions depuis cette date (dernier comité)")
    parser.add_argument("--fiche", metavar="N", type=int, nargs="+", help="PDF : seulement ces fiches")
    parser.add_argument("--comite", metavar="A", help="évolutions depuis ce comité figé : numéro ou date "
                                                       "(défaut : le dernier comité figé)")


def parse_since(text: str | None) -> datetime | None:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.core.validation import parse_date

    if not text:
        return None
    try:
        value: date | None = parse_date(text)
    except ValueError as error:
        raise CliError(f"--since : {error}") from None
    return datetime.combine(value, datetime.min.time()) if value else None


def run(ctx) -> int:
    from sdus_desktop.cli.cmd_export import _check_plan
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.core.oserrors import describe_os_error

    out = Path(ctx.args.out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise CliError(f"format de sortie non pris en charge « {out.name} » : utilisez .xlsx ou .pdf")
    since = parse_since(ctx.args.since)
    db = ctx.open_db()
    try:
        _check_plan(db, ctx.args.plan)
        snapshot_id = _snapshot(db, ctx.args.comite)
        if suffix == ".xlsx":
            if ctx.args.fiche:
                raise CliError("--fiche ne s'applique qu'au dossier PDF")
            from sdus_desktop.ops.outputs import write_comite_workbook

            write_comite_workbook(db, out, plan_code=ctx.args.plan, since=since, snapshot_id=snapshot_id)
            print(f"Classeur du comité de suivi écrit : {out}")
        else:
            from sdus_desktop.ops.outputs import write_dossier
            from sdus_desktop.reports.selection import FicheSelectionError

            try:
                write_dossier(db, out, plan_code=ctx.args.plan, since=since, fiches=ctx.args.fiche,
                              snapshot_id=snapshot_id)
            except FicheSelectionError as error:
                raise CliError(str(error)) from None
            print(f"Dossier du comité de suivi écrit : {out}")
    except OSError as error:
        raise CliError(describe_os_error(error, out)) from None
    finally:
        db.close()
    return 0


def _snapshot(db, reference: str | None) -> int | None:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.store.comite_snapshots import SnapshotError, find

    if not reference:
        return None
    try:
        return find(db, reference).id
    except SnapshotError as error:
        raise CliError(f"--comite : {error}") from None
