"""sdus info — counts per plan and per status, late steps."""

from __future__ import annotations

import argparse
from datetime import date

from sdus_desktop.core.statuses import ActionStatus

HELP = "résumé : fiches par plan et par statut, étapes en retard"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plan", metavar="CODE", help="SDUS ou SDSF (par défaut : les deux)")


def run(ctx) -> int:
    from sdus_desktop.cli.main import CliError
    from sdus_desktop.store.queries import iter_actions, late_steps, load_plans, status_counts

    db = ctx.open_db()
    try:
        with db.reading() as session:
            plans = load_plans(session, ctx.args.plan)
        if not plans:
            raise CliError(f"plan inconnu « {ctx.args.plan} » (SDUS ou SDSF)")
        today = date.today()
        print(f"Base : {db.path}")
        for plan in plans:
            actions = iter_actions([plan])
            steps = sum(len(action.steps) for action in actions)
            indicators = sum(len(action.indicators) for action in actions)
            print(f"\n{plan.code} — {plan.title} ({plan.period_start}-{plan.period_end})")
            print(f"  {len(plan.orientations)} {plan.level1_label.lower()}s, "
                  f"{sum(len(o.axes) for o in plan.orientations)} axes, {len(actions)} actions, "
                  f"{steps} étapes, {indicators} indicateurs")
            counts = status_counts(actions)
            for status in ActionStatus:
                print(f"  {status.symbol} {status.label:<13} {counts[status]:>4}")
            late = late_steps([plan], today)
            print(f"  ⚠ Étapes en retard : {len(late)}")
            for item in late[:10]:
                print(f"    fiche {item.action_number} · étape {item.step_number} — "
                      f"fin prévue {item.planned_end:%d/%m/%Y} ({item.days_late} j)")
            if len(late) > 10:
                print(f"    … et {len(late) - 10} autres")
    finally:
        db.close()
    return 0
