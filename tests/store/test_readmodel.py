"""The plain-sqlite3 read model (what the views show) and the ORM (what services write) never drift.

Every column of every ORM table must be a read-model attribute with the same value, in the same order of
children, for the whole seeded catalogue after edits of every kind of field (dates, lists, référents, values,
structure); the journal too.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from typing import Any

import pytest
from sqlalchemy import inspect

from sdus_desktop.store import models, queries, readmodel
from sdus_desktop.store.changes import Edit
from sdus_desktop.store.services import Services

PAIRS = [
    (models.Plan, readmodel.Plan), (models.Orientation, readmodel.Orientation), (models.Axe, readmodel.Axe),
    (models.Action, readmodel.Action), (models.Step, readmodel.Step), (models.Indicator, readmodel.Indicator),
    (models.IndicatorValue, readmodel.IndicatorValue), (models.IndicatorTarget, readmodel.IndicatorTarget),
    (models.Person, readmodel.Person),
    (models.JournalEntry, readmodel.JournalEntry), (models.Note, readmodel.Note),
]
CHILDREN = {"Plan": ["orientations"], "Orientation": ["axes"], "Axe": ["actions"],
            "Action": ["steps", "indicators", "referents"], "Indicator": ["values", "targets"]}


def _columns(model: type) -> list[str]:
    return [attribute.key for attribute in inspect(model).column_attrs]


@pytest.mark.parametrize(("model", "light"), PAIRS, ids=[model.__name__ for model, _ in PAIRS])
def test_read_model_has_exactly_the_orm_columns_and_children(model: type, light: type) -> None:
    assert [name for name, _ in light.__columns__] == _columns(model)  # type: ignore[attr-defined]
    assert light.__tablename__ == model.__tablename__  # type: ignore[attr-defined]
    children = CHILDREN.get(model.__name__, [])
    assert [f.name for f in fields(light) if f.name not in _columns(model)] == children
    assert all(name in inspect(model).relationships for name in children)


def test_the_generated_row_classes_are_those_the_models_give() -> None:
    """store/readmodel_schema.py is generated from store/models.py; stale, it fails here with the command."""
    from sdus_desktop.store import readmodel_gen

    committed = readmodel_gen.TARGET.read_text(encoding="utf-8")
    assert committed == readmodel_gen.render(), "run: python -m sdus_desktop.store.readmodel_gen"


def test_a_changed_model_changes_the_generated_classes(monkeypatch: pytest.MonkeyPatch) -> None:
    from sdus_desktop.store import readmodel_gen

    before = readmodel_gen.render()
    monkeypatch.setattr(readmodel_gen, "MODELS", readmodel_gen.MODELS[:-1])
    assert "class Note:" in before and "class Note:" not in readmodel_gen.render()


def test_decoders_take_text_or_values_a_server_driver_already_decoded() -> None:
    from datetime import date, datetime

    decode = dict(readmodel._spec(readmodel.Step))["planned_start"]
    assert decode is not None and decode("2021-03-15") == decode(date(2021, 3, 15)) == date(2021, 3, 15)
    decode = dict(readmodel._spec(readmodel.Action))["pilotage"]
    assert decode is not None and decode('["A", "B"]') == decode(["A", "B"]) == ["A", "B"]
    decode = dict(readmodel._spec(readmodel.JournalEntry))["at"]
    assert decode is not None and decode("2026-11-20 09:12:00") == datetime(2026, 11, 20, 9, 12)


def _compare(orm: Any, light: Any, path: str) -> int:
    """Assert orm and light hold the same columns and children; return how many objects were compared."""
    kind = type(orm).__name__
    assert type(light).__name__ == kind, path
    for name in _columns(type(orm)):
        assert getattr(light, name) == getattr(orm, name), f"{path}.{name}"
        assert type(getattr(light, name)) is type(getattr(orm, name)), f"{path}.{name} (type)"
    compared = 1
    for name in CHILDREN.get(kind, []):
        orm_children, light_children = getattr(orm, name), getattr(light, name)
        assert len(light_children) == len(orm_children), f"{path}.{name}"
        for index, (a, b) in enumerate(zip(orm_children, light_children, strict=True)):
            compared += _compare(a, b, f"{path}.{name}[{index}]")
    return compared


def _edit_every_kind_of_field(services: Services, db) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        plans = queries.load_plans(session)
    actions = queries.iter_actions(plans)
    first, second, last = actions[0], actions[1], actions[-1]
    step = first.steps[0]
    indicator = first.indicators[0]
    services.apply([
        Edit("action", str(first.id), "status", "En cours"),
        Edit("action", str(first.id), "avancement", "40"),
        Edit("action", str(first.id), "bilan", "Réunion de lancement tenue ; œuvre « commune »."),
        Edit("action", str(first.id), "referents", ["Élodie Martin", "Aline Bès"]),
        Edit("action", str(first.id), "partenaires", ["CAF", "MSA", "Éducation nationale"]),
        Edit("step", str(step.id), "actual_start", "15/03/2021"),
        Edit("step", str(step.id), "planned_end", "30/06/2021"),
        Edit("step", str(step.id), "status", "En cours"),
        Edit("step", str(step.id), "comment", "démarrée"),
        Edit("value", f"{indicator.id}:2021", "value", "12"),
        Edit("value", f"{indicator.id}:2020", "value", "7"),
        Edit("value", f"{indicator.id}:2020", "comment", "estimation"),
        Edit("target", f"{indicator.id}:2021", "value", "15,5"),
        Edit("target", f"{indicator.id}:2022", "note", "à confirmer en comité"),
    ])
    services.set("action", second.id, "referents", ["Aline Bès"])
    services.add_step(second.id, "Étape ajoutée en tête", "1er semestre 2022", position=1)
    services.add_indicator(last.id, "Nombre de réunions", "nombre", "4 par an")
    services.remove_step(last.steps[0].id)
    return first.id, last.id


def test_read_model_matches_the_orm_for_every_fiche_after_edits(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    edited, restructured = _edit_every_kind_of_field(services, db)
    with db.reading() as session:
        orm_plans = queries.load_plans(session)
        orm_journal = queries.journal_for_action(session, edited)
        orm_restructured = queries.load_action(session, restructured)
    light_plans = readmodel.load_plans(db.path)

    assert len(light_plans) == len(orm_plans) == 2
    compared = sum(_compare(a, b, a.code) for a, b in zip(orm_plans, light_plans, strict=True))
    assert compared > 140 * 3  # plans, orientations, axes, fiches, steps, indicators, values, référents
    assert _compare(orm_restructured, readmodel.read_actions(db.path, [restructured])[restructured], "fiche") > 1
    light_journal = readmodel.journal_for_action(db.path, edited)
    assert len(light_journal) == len(orm_journal) >= 12
    for index, (a, b) in enumerate(zip(orm_journal, light_journal, strict=True)):
        _compare(a, b, f"journal[{index}]")


def test_read_actions_skips_unknown_ids_and_reads_many(db) -> None:  # type: ignore[no-untyped-def]
    everything = {a.id for a in queries.iter_actions(readmodel.load_plans(db.path))}
    found = readmodel.read_actions(db.path, [*everything, 10_000_000])
    assert set(found) == everything
    assert readmodel.read_actions(db.path, [10_000_000]) == {}
    assert readmodel.read_actions(db.path, []) == {}


def test_read_model_and_opening_a_current_database_do_not_import_sqlalchemy(db_path) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from sdus_desktop.store.database import Database\n"
        "from sdus_desktop.store import readmodel, progress\n"
        "db = Database.open(Path(sys.argv[1]))\n"
        "plans = readmodel.load_plans(db.path)\n"
        "print(len(progress.iter_actions(plans)), len(db.database_id), 'sqlalchemy' in sys.modules)\n"
        "db.close()\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, timeout=120,
                            check=True)
    assert result.stdout.split() == ["140", "32", "False"]


def test_meta_values_and_plan_rows_are_cheap_looks_at_meta_and_plans(db) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.store import plans

    with db.transaction() as session:
        plans.set_meta(session, "catalogue_declined:SDSF", "9.0")
        plans.set_meta(session, "autre_cle", "x")
    meta = readmodel.meta_values(db.path, "catalogue_")
    assert meta["catalogue_declined:SDSF"] == "9.0" and "autre_cle" not in meta
    assert all(key.startswith("catalogue_") for key in meta)
    rows = readmodel.plan_rows(db.path)
    assert [plan.code for plan in rows] == ["SDUS", "SDSF"] and all(plan.orientations == [] for plan in rows)
    assert [(p.state, p.previous_code) for p in rows] == [(p.state, p.previous_code) for p in readmodel.load_plans(db.path)]


def test_rows_are_built_with_every_column_decoded_none_kept(db) -> None:  # type: ignore[no-untyped-def]
    from contextlib import closing
    from datetime import date

    from sdus_desktop.store.engine import connect
    from sdus_desktop.store.services import Services

    first = readmodel.load_plans(db.path)[0].orientations[0].axes[0].actions[0]
    Services(db, "central").set("step", first.steps[0].id, "actual_end", date(2021, 4, 2))
    Services(db, "central").set("action", first.id, "referents", ["Marie Dupont"])
    with closing(connect(db.path)) as connection:
        steps = readmodel.rows_of(connection, readmodel.Step, "WHERE action_id = ? ORDER BY number", (first.id,))
        people = list(readmodel.select_rows(connection, readmodel.Person, "JOIN action_referent ON "
                                            "action_referent.person_id = person.id", key="action_referent.action_id"))
    assert steps[0].actual_end == date(2021, 4, 2) and all(s.archived is False for s in steps)
    assert [s.actual_end for s in steps[1:]] == [None] * (len(steps) - 1)
    assert [(action_id, person.name) for action_id, person in people] == [(first.id, "Marie Dupont")]
