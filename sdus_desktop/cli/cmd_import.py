"""sdus import FICHIER.xlsx… — re-import référent workbooks (three-way merge; many files = consolidation)."""

from __future__ import annotations

import argparse
import glob
from pathlib import Path

from sdus_desktop.cli.parser import EXIT_BAD_INPUT, EXIT_CONFLICTS

HELP = "réimporte des classeurs de référents (fusion cellule par cellule, conflits mis de côté)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", metavar="FICHIER", nargs="*",
                        help="classeurs .xlsx (ou un dossier, ou un motif comme retours/*.xlsx)")
    parser.add_argument("--historique", action="store_true", help="liste les derniers imports (n°, date, fichier, auteur)")
    parser.add_argument("--annuler", metavar="N", type=int,
                        help="annule l'import n° N en une fois (les cellules modifiées depuis vont en conflit)")
    parser.add_argument("--dry-run", "--essai", dest="dry_run", action="store_true",
                        help="montre ce qui serait importé sans rien écrire")
    parser.add_argument("--plan", metavar="CODE", help="refuse les classeurs d'un autre plan (SDUS ou SDSF)")


def expand(arguments: list[str]) -> list[Path]:
    """Files named, folders (their .xlsx) and patterns (expanded here: the Windows shell does not)."""
    files: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".xlsx" and not p.name.startswith("~$")))
        elif any(ch in argument for ch in "*?[") and not path.exists():
            files.extend(Path(p) for p in sorted(glob.glob(argument)))
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def run(ctx) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.ops.imports import import_files

    if ctx.args.historique or ctx.args.annuler is not None:
        return _journal_of_imports(ctx)
    if not ctx.args.files:
        raise CliError("indiquez les classeurs à importer (ou --historique, --annuler N)")
    files = expand(ctx.args.files)
    if not files:
        raise CliError("aucun classeur .xlsx trouvé dans " + ", ".join(ctx.args.files))
    db = ctx.open_db(write=not ctx.args.dry_run)
    try:
        batch = import_files(ctx.services(db), files, dry_run=ctx.args.dry_run, expected_plan=ctx.args.plan).value
    finally:
        db.close()
    if len(batch.results) == 1:
        result = batch.results[0]
        lines = result.preview.report_lines()
        if ctx.args.dry_run and result.preview.ok and result.preview.already_imported_at is None:
            lines.append("Essai : rien n'a été écrit.")
        elif not result.refused and result.preview.already_imported_at is None:
            lines.append(f"Appliqué : {result.summary()}.")
            if batch.backup is not None:
                lines.append(f"Sauvegarde avant import : {batch.backup}")
        if result.report is not None:
            lines.append(f"Rapport d'erreurs écrit : {result.report}")
        elif result.report_failure:   # the report is what was printed above
            lines.append(f"{result.report_failure[0].upper()}{result.report_failure[1:]} : le voici ci-dessus.")
    else:
        lines = batch.summary_lines(ctx.args.dry_run)
        if ctx.args.dry_run:
            lines.append("Essai : rien n'a été écrit.")
    from sdus_desktop.cli.display import print_lines

    print_lines(lines)   # a value typed on several lines stays on its item's line
    if batch.refused:
        return EXIT_BAD_INPUT
    if batch.conflicts:
        print(f"{batch.conflicts} conflit(s) à arbitrer : voir « sdus conflits ».")
        return EXIT_CONFLICTS
    return 0


def _journal_of_imports(ctx) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.exchange.import_undo import UndoImportError, describe_import, list_imports
    from sdus_desktop.ops.imports import undo_imports
    from sdus_desktop.store.backup import BackupError

    if ctx.args.annuler is None:
        db = ctx.open_db()
        try:
            records = list_imports(db)
        finally:
            db.close()
        print("\n".join(describe_import(r) for r in records) if records else "Aucun import enregistré.")
        return 0
    db = ctx.open_db(write=True)
    try:
        result = undo_imports(ctx.services(db), [ctx.args.annuler]).value[0]
    except (UndoImportError, BackupError) as error:
        raise CliError(f"{error} ; rien n'a été modifié.") from None
    finally:
        db.close()
    print(f"{result.summary()[0].upper()}{result.summary()[1:]}.")
    print(f"Sauvegarde avant l'annulation : {result.backup}")
    if result.conflicts_queued:
        print(f"{result.conflicts_queued} conflit(s) à arbitrer : voir « sdus conflits ».")
        return EXIT_CONFLICTS
    return 0
