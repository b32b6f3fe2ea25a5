"""sdus conflits — the queue of conflicts left by imports; --garder-base / --prendre-classeur decide them."""

from __future__ import annotations

import argparse

HELP = "liste les conflits d'import à arbitrer, ou les tranche (--garder-base / --prendre-classeur)"


def configure(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--garder-base", metavar="N", type=int, nargs="+", dest="keep",
                       help="garde la valeur de la base pour ces conflits")
    group.add_argument("--prendre-classeur", metavar="N", type=int, nargs="+", dest="take",
                       help="applique la valeur du classeur pour ces conflits")


def run(ctx) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.cli.parser import EXIT_CONFLICTS
    from sdus_desktop.exchange.conflicts import ConflictError, open_conflicts, resolve
    from sdus_desktop.exchange.import_apply import KEEP_MINE, TAKE_THEIRS
    from sdus_desktop.store.services import EditError

    db = ctx.open_db(write=bool(ctx.args.keep or ctx.args.take))
    try:
        if ctx.args.keep or ctx.args.take:
            choice, ids = (KEEP_MINE, ctx.args.keep) if ctx.args.keep else (TAKE_THEIRS, ctx.args.take)
            try:
                changes = resolve(db, ctx.user, ids, choice)
            except (ConflictError, EditError) as error:
                raise CliError(str(error)) from None
            what = "valeur de la base gardée" if choice == KEEP_MINE else "valeur du classeur appliquée"
            print(f"{len(ids)} conflit(s) arbitré(s) : {what} ({len(changes)} modification(s)).")
        remaining = open_conflicts(db)
    finally:
        db.close()
    if not remaining:
        print("Aucun conflit à arbitrer.")
        return 0
    print(f"{len(remaining)} conflit(s) à arbitrer :")
    for conflict in remaining:
        print(f"  {conflict.text()}")
    print("Tranchez avec « sdus conflits --garder-base N… » ou « sdus conflits --prendre-classeur N… ».")
    return EXIT_CONFLICTS if not (ctx.args.keep or ctx.args.take) else 0
