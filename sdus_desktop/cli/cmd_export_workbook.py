"""The .xlsx branch of `sdus export`: a référent workbook (scope: --plan, --referent, --fiche)."""

from __future__ import annotations

from pathlib import Path


def export_workbook_command(ctx, db, out: Path) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.exchange.workbook_scope import ScopeError
    from sdus_desktop.ops.outputs import export_referent_workbook

    try:
        summary = export_referent_workbook(
            db, out, plan_code=ctx.args.plan, referent=ctx.args.referent, fiches=ctx.args.fiche, user=ctx.user,
        ).value
    except ScopeError as error:
        raise CliError(str(error)) from None
    print(f"Classeur référent écrit : {out} — {summary.scope.describe()}, {summary.steps} étape(s), "
          f"{summary.values} ligne(s) d'indicateurs (export {summary.export_id})")
    return 0
