"""store.timeline: the calendar's own quick read gives what the read model gives (archived rows left out)."""

from __future__ import annotations

from contextlib import closing
from datetime import date

from sdus_desktop.store import readmodel
from sdus_desktop.store.engine import connect
from sdus_desktop.store.timeline import build_timeline, read_timeline_plans

TODAY = date(2026, 11, 22)


def test_the_quick_read_holds_the_read_model_steps_and_leaves_archived_rows_out(db) -> None:  # type: ignore[no-untyped-def]
    with closing(connect(db.path)) as connection, connection:   # what a plan avenant leaves behind
        connection.execute("UPDATE step SET archived = 1 WHERE id = (SELECT min(id) FROM step)")
        connection.execute("UPDATE action SET archived = 1 WHERE plan_id = 1 AND number = 2")
        connection.execute("UPDATE axe SET archived = 1 WHERE id = (SELECT max(id) FROM axe)")
        connection.execute("UPDATE step SET comment = 'noté' WHERE id = (SELECT max(id) FROM step WHERE action_id = "
                           "(SELECT id FROM action WHERE plan_id = 1 AND number = 1))")
    quick = read_timeline_plans(db.path)
    full = readmodel.load_plans(db.path)
    steps = [step for plan in quick for o in plan.orientations for axe in o.axes for a in axe.actions for step in a.steps]
    assert steps and all(type(step) is readmodel.Step for step in steps)   # the read model's own class
    expected = [step for plan in full for o in plan.orientations for axe in o.axes for a in axe.actions
                for step in a.steps]
    assert [(s.id, s.comment, s.planned_end, s.archived) for s in steps] == [
        (s.id, s.comment, s.planned_end, s.archived) for s in expected]
    assert "noté" in {s.comment for s in steps} and not any(s.archived for s in steps)
    fiches = {(plan.code, a.number) for plan in quick for o in plan.orientations for axe in o.axes for a in axe.actions}
    assert ("SDUS", 2) not in fiches and ("SDUS", 1) in fiches
    for code in ("SDUS", "SDSF"):
        light, model = (build_timeline(plans, TODAY, plan_code=code) for plans in (quick, full))
        assert light.groups == model.groups and (light.start, light.end) == (model.start, model.end)
