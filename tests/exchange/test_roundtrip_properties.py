"""Property: whatever a référent types in the editable cells comes back into the database exactly."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sdus_desktop.core.statuses import ActionStatus, StepStatus
from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.exchange.import_plan import prepare_import
from sdus_desktop.store.database import Database
from sdus_desktop.store.queries import load_action
from tests.exchange.helpers import export

_TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=40)
_PREFIXED = st.builds(lambda p, t: p + t, st.sampled_from(["", "=", "+", "-", "@"]), _TEXT)
_DAY = st.dates(min_value=date(2018, 1, 1), max_value=date(2030, 12, 31))


def _typed_date(day: date, style: int):
    return [day, day.strftime("%d/%m/%Y"), f"{day.day}/{day.month}/{day:%y}", day.isoformat()][style]


def _literal(sheet, ref: str, text: str) -> None:
    """Text typed with a leading apostrophe: kept as text even when it starts with = (never a formula)."""
    sheet[ref] = text
    sheet[ref].data_type = "s"


def _cased(label: str, style: int) -> str:
    return [label, label.upper(), label.lower()][style]


action_edit = st.fixed_dictionaries({}, optional={
    "status": st.tuples(st.sampled_from(list(ActionStatus)), st.integers(0, 2)),
    "avancement": st.tuples(st.integers(0, 100), st.booleans()),
    "bilan": _PREFIXED,
})
step_edit = st.fixed_dictionaries({}, optional={
    "actual": st.tuples(_DAY, st.integers(0, 400), st.integers(0, 3)),
    "status": st.tuples(st.sampled_from(list(StepStatus)), st.integers(0, 2)),
    "comment": _PREFIXED,
})
value_edit = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(action_edit, min_size=3, max_size=3), steps=st.lists(step_edit, min_size=4, max_size=4),
       values=st.lists(value_edit, min_size=3, max_size=3))
@pytest.mark.slow
def test_export_edit_import_round_trip(seeded_template, actions, steps, values):
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        shutil.copyfile(seeded_template, folder / "base.sqlite")
        db = Database.open(folder / "base.sqlite")
        try:
            _round_trip(db, folder, actions, steps, values)
        finally:
            db.close()


def _round_trip(db, folder, actions, steps, values):
    summary = export(db, folder, plan_code="SDUS", fiches=[1, 2, 3])
    workbook = load_workbook(summary.path)
    expected: dict[tuple[str, int, str], object] = {}
    fiches, etapes, indicateurs = workbook["Fiches"], workbook["Étapes"], workbook["Indicateurs"]
    for row, edit in enumerate(actions, start=2):
        action_id = summary.scope.action_ids[row - 2]
        if "status" in edit:
            status, style = edit["status"]
            fiches[f"E{row}"] = _cased(status.label, style)
            expected[("action", action_id, "status")] = status.value
        if "avancement" in edit:
            number, as_text = edit["avancement"]
            fiches[f"F{row}"] = f"{number} %" if as_text else number
            expected[("action", action_id, "avancement")] = number
        if "bilan" in edit:
            _literal(fiches, f"H{row}", edit["bilan"])
            expected[("action", action_id, "bilan")] = edit["bilan"].strip()
    for row, edit in enumerate(steps, start=2):
        step_id = int(etapes[f"A{row}"].value[1:])
        if "actual" in edit:
            start, length, style = edit["actual"]
            end = start + timedelta(days=length)
            etapes[f"I{row}"], etapes[f"J{row}"] = _typed_date(start, style), _typed_date(end, style)
            expected[("step", step_id, "actual_start")], expected[("step", step_id, "actual_end")] = start, end
        if "status" in edit:
            status, style = edit["status"]
            etapes[f"K{row}"] = _cased(status.label, style)
            expected[("step", step_id, "status")] = status.value
        if "comment" in edit:
            _literal(etapes, f"L{row}", edit["comment"])
            expected[("step", step_id, "comment")] = edit["comment"].strip()
    numeric_rows = [r for r in range(2, summary.values + 2) if indicateurs[f"F{r}"].value == "Nombre"]
    for row, value in zip(numeric_rows, values, strict=False):
        if value is not None:
            indicateurs[f"I{row}"] = str(value).replace(".", ",")
            expected[("value", row, "value")] = (indicateurs[f"A{row}"].value[1:], value)
    workbook.save(folder / "retour.xlsx")

    result = import_workbook(db, folder / "retour.xlsx", "Référent")
    assert result.preview.ok, result.preview.errors
    assert result.preview.conflicts == []
    with db.reading() as session:
        for (entity, ident, field), wanted in expected.items():
            if entity == "action":
                assert getattr(load_action(session, ident), field) == wanted
            elif entity == "step":
                from sdus_desktop.store.models import Step

                assert getattr(session.get(Step, ident), field) == wanted
            else:
                key, number = wanted
                indicator_id, period = key.split(":")
                action = next(load_action(session, a) for a in summary.scope.action_ids
                              if any(i.id == int(indicator_id) for i in load_action(session, a).indicators))
                indicator = next(i for i in action.indicators if i.id == int(indicator_id))
                stored = {v.period: v.value for v in indicator.values}
                assert float(stored[period]) == float(number)
    # The edited file again, and a fresh export of the result: nothing left to change.
    assert import_workbook(db, folder / "retour.xlsx", "Référent").applied == 0
    fresh = export(db, folder, "nouvel-export.xlsx", plan_code="SDUS", fiches=[1, 2, 3])
    again = prepare_import(db, fresh.path)
    assert again.ok and again.changes == [] and again.conflicts == []
