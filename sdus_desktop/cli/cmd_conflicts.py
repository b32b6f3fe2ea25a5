"""sdus conflits — the queue of conflicts left by imports; --garder-base / --prendre-classeur decide them,
--saisir N VALEUR decides one with a third value, --garder-les-deux N keeps both texts."""

from __future__ import annotations

import argparse

HELP = ("liste les conflits d'import à arbitrer, ou les tranche (--garder-base / --prendre-classeur / "
        "--saisir / --garder-les-deux)")


def configure(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--garder-base", metavar="N", type=int, nargs="+", dest="keep",
                       help="garde la valeur de la base pour ces conflits")
    group.add_argument("--prendre-classeur", metavar="N", type=int, nargs="+", dest="take",
                       help="applique la valeur du classeur pour ces conflits")
    group.add_argument("--saisir", metavar=("N", "VALEUR"), nargs=2, dest="typed",
                       help="tranche le conflit N avec une autre valeur, saisie (ex. --saisir 3 \"45 %%\")")
    group.add_argument("--garder-les-deux", metavar="N", type=int, dest="both",
                       help="pour un texte (bilan…) : garde les deux textes, celui de la base puis celui du classeur")


def run(ctx) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.cli.parser import EXIT_CONFLICTS
    from sdus_desktop.exchange.conflicts import ConflictError, open_conflicts
    from sdus_desktop.ops.conflicts import KEEP_MINE, TAKE_THEIRS, decide, decide_both, decide_typed
    from sdus_desktop.store.services import EditError

    deciding = bool(ctx.args.keep or ctx.args.take or ctx.args.typed or ctx.args.both is not None)
    typed_id = None
    if ctx.args.typed:
        try:
            typed_id = int(ctx.args.typed[0])
        except ValueError:
            raise CliError(f"--saisir : « {ctx.args.typed[0]} » n'est pas un numéro de conflit "
                           "(voir « sdus conflits »)") from None
    db = ctx.open_db(write=deciding)
    try:
        if typed_id is not None or ctx.args.both is not None:
            try:
                if typed_id is not None:
                    changes = decide_typed(ctx.services(db), typed_id, ctx.args.typed[1]).changeset
                    what = f"conflit n° {typed_id} arbitré : valeur saisie"
                else:
                    changes = decide_both(ctx.services(db), ctx.args.both).changeset
                    what = f"conflit n° {ctx.args.both} arbitré : les deux textes gardés"
            except (ConflictError, EditError) as error:
                raise CliError(str(error)) from None
            print(f"{what} ({len(changes)} modification(s)).")
        elif ctx.args.keep or ctx.args.take:
            choice, ids = (KEEP_MINE, ctx.args.keep) if ctx.args.keep else (TAKE_THEIRS, ctx.args.take)
            try:
                changes = decide(ctx.services(db), ids, choice).changeset
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
    from sdus_desktop.cli.display import one_line

    for conflict in remaining:
        print(f"  {one_line(conflict.text())}")   # a bilan on several lines stays one item
    print("Tranchez avec « sdus conflits --garder-base N… », « --prendre-classeur N… », « --saisir N VALEUR » "
          "ou, pour un texte, « --garder-les-deux N ».")
    return EXIT_CONFLICTS if not deciding else 0
