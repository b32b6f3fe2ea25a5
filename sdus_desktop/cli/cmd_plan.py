"""sdus plan template|export|import|suivant — plan definitions (structure and texts, never follow-up data)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sdus_desktop.cli.errors import CliError
from sdus_desktop.cli.parser import EXIT_BAD_INPUT, FrenchArgumentParser

HELP = "définitions de plans : modèle vide, export, import (nouveau plan ou avenant), plan suivant"


def configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="plan_command", metavar="ACTION", parser_class=FrenchArgumentParser)
    actions.required = True
    template = actions.add_parser("template", help="écrit une définition de plan vide (.xlsx)",
                                  description="Écrit une définition de plan vide, avec son mode d'emploi.")
    template.add_argument("out", metavar="SORTIE.xlsx", type=Path)
    export = actions.add_parser("export", help="écrit la définition d'un plan existant (.xlsx)",
                                description="Écrit la structure et les textes d'un plan, sans données de suivi.")
    export.add_argument("out", metavar="SORTIE.xlsx", type=Path)
    export.add_argument("--plan", metavar="CODE", required=True, help="code du plan (SDUS, SDSF…)")
    imported = actions.add_parser("import", help="crée un plan ou applique un avenant (.xlsx ou .ods)",
                                  description="Crée le plan s'il n'existe pas, sinon applique l'avenant ; le suivi "
                                              "n'est jamais modifié. Une sauvegarde vérifiée est faite d'abord.")
    imported.add_argument("file", metavar="FICHIER", type=Path, help="définition .xlsx ou .ods")
    imported.add_argument("--dry-run", "--essai", dest="dry_run", action="store_true",
                          help="montre les changements sans rien écrire")
    following = actions.add_parser("suivant", help="prépare le plan suivant d'un plan (structure dupliquée)",
                                   description="Crée le plan NOUVEAU_CODE avec la structure du plan --plan, "
                                               "lié à lui ; avec --fiches-en-cours, seulement les fiches non "
                                               "terminées.")
    following.add_argument("new_code", metavar="NOUVEAU_CODE")
    following.add_argument("--plan", metavar="CODE", required=True)
    following.add_argument("--debut", type=int, required=True, metavar="ANNÉE")
    following.add_argument("--fin", type=int, required=True, metavar="ANNÉE")
    following.add_argument("--titre", metavar="INTITULÉ", help="intitulé du nouveau plan (sinon celui du plan)")
    following.add_argument("--fiches-en-cours", dest="unfinished", action="store_true",
                           help="ne reprend que les fiches non réalisées et non abandonnées")


def run(ctx) -> int:
    command = ctx.args.plan_command
    if command == "template":
        from sdus_desktop.exchange.plan_workbook import write_definition

        out = _xlsx(ctx.args.out)
        write_definition(None, out)
        print(f"Définition de plan vide écrite : {out}")
        return 0
    db = ctx.open_db()
    try:
        if command == "export":
            return _export(ctx, db)
        if command == "suivant":
            return _following(ctx, db)
        return _import(ctx, db)
    finally:
        db.close()


def _xlsx(out: Path) -> Path:
    if out.suffix.lower() != ".xlsx":
        raise CliError(f"« {out.name} » : le fichier de sortie doit se terminer par .xlsx")
    return out


def _export(ctx, db) -> int:
    from sdus_desktop.exchange.plan_lifecycle import definition_of
    from sdus_desktop.exchange.plan_workbook import write_definition

    out = _xlsx(ctx.args.out)
    definition = definition_of(db, ctx.args.plan)
    if definition is None:
        raise CliError(f"plan « {ctx.args.plan} » introuvable")
    write_definition(definition, out)
    print(f"Définition du plan {definition.plan.code} écrite : {out} — {len(definition.fiches)} fiche(s), "
          f"{definition.etape_count} étape(s)")
    return 0


def _import(ctx, db) -> int:
    from sdus_desktop.exchange.plan_import import import_plan_file

    result = import_plan_file(db, ctx.args.file, ctx.user, dry_run=ctx.args.dry_run)
    lines = result.report_lines()
    if result.ok and result.changed:
        lines.append("Essai : rien n'a été écrit." if ctx.args.dry_run else "Appliqué.")
        if result.backup is not None:
            lines.append(f"Sauvegarde avant changement : {result.backup}")
    print("\n".join(lines))
    return 0 if result.ok else EXIT_BAD_INPUT


def _following(ctx, db) -> int:
    from sdus_desktop.exchange.plan_lifecycle import prepare_following

    result = prepare_following(db, ctx.args.plan, ctx.args.new_code, ctx.args.debut, ctx.args.fin, ctx.user,
                               title=ctx.args.titre, only_unfinished=ctx.args.unfinished)
    print("\n".join(result.report_lines()))
    return 0 if result.ok else EXIT_BAD_INPUT
