"""store.plans: the rows a plan avenant reads and writes (lookups, new rows, bulk fiches, journal, meta)."""

from __future__ import annotations

from datetime import datetime

from sdus_desktop.store import plans
from sdus_desktop.store.changes import encode
from sdus_desktop.store.models import Axe, JournalEntry, Meta, Orientation, Plan
from sdus_desktop.store.queries import load_action
from sdus_desktop.store.services import Services


def test_lookups_return_every_row_of_a_plan_archived_ones_included(db):
    with db.transaction() as session:
        plan = plans.plan_by_code(session, "SDSF")
        assert plan is not None and plans.plan_by_code(session, "XXXX") is None
        groups = plans.orientations_of(session, plan.id)
        assert len(groups) == 9 and {g.plan_id for g in groups} == {plan.id}
        groups[0].archived = True
        assert len(plans.orientations_of(session, plan.id)) == 9
        axes = plans.axes_of(session, [g.id for g in groups])
        assert len(axes) == 21 and plans.axes_of(session, []) == []
        actions = plans.actions_of(session, plan.id)
        assert len(actions) == 66
        steps, indicators = plans.children_of(session, plan.id)
        assert {s.action_id for s in steps} <= {a.id for a in actions} and steps
        first_fiche = [s for s in steps if s.action_id == steps[0].action_id]
        assert [s.number for s in first_fiche] == sorted(s.number for s in first_fiche)
        assert {i.action_id for i in indicators} <= {a.id for a in actions}


def test_new_rows_get_their_ids_and_fiches_are_inserted_in_bulk_with_their_children(db):
    with db.transaction() as session:
        plan = plans.add_row(session, Plan(code="ESSAI", title="Plan d'essai", period_start=2025, period_end=2027,
                                           level1_label="Orientation", catalogue_version="", state="en_cours",
                                           previous_code=None))
        group = plans.add_row(session, Orientation(plan_id=plan.id, number=1, title="Une orientation"))
        axe = plans.add_row(session, Axe(orientation_id=group.id, number=1, title="Un axe"))
        assert plan.id and group.id and axe.id
        fiche = {"plan_id": plan.id, "axe_id": axe.id, "label": "", "title": "Fiche"}
        ids = plans.insert_fiches(
            session, [{**fiche, "number": 1}, {**fiche, "number": 2}],
            [[{"number": 1, "label": "Étape", "calendrier": "2026"}], []],
            [[], [{"number": 1, "label": "Indicateur", "kind": "nombre", "target": "10"}]])
        assert len(ids) == 2 and plans.insert_fiches(session, [], [], []) == []
    with db.reading() as session:
        first, second = (load_action(session, i) for i in ids)
        assert [s.label for s in first.steps] == ["Étape"] and first.indicators == []
        assert second.steps == [] and [i.target for i in second.indicators] == ["10"]
        assert [a.number for a in plans.actions_of(session, plan.id)] == [1, 2]
        assert plans.indicator_values(session, second.indicators[0].id) == []


def test_indicator_values_journal_rows_and_catalogue_versions(db):
    with db.reading() as session:
        action = load_action(session, 1)
        indicator = action.indicators[0]
    Services(db, "central").set("value", f"{indicator.id}:2021", "value", "5")
    at = datetime(2026, 1, 2, 3, 4)
    with db.transaction() as session:
        assert [v.period for v in plans.indicator_values(session, indicator.id)] == ["2021"]
        plans.insert_journal(session, [{"at": at, "user": "central", "origin": "plan essai.xlsx", "entity": "plan",
                                        "entity_key": "1", "action_id": None, "field": "title",
                                        "old": encode("a"), "new": encode("b")}])
        plans.insert_journal(session, [])
        plans.record_catalogue_version(session, "SDUS", "9.9")
        plans.record_catalogue_version(session, "AUCUN", "1.0")   # meta only: no such plan
        plans.set_meta(session, "catalogue_declined:SDSF", "2.0")
    with db.reading() as session:
        [entry] = session.query(JournalEntry).filter(JournalEntry.origin == "plan essai.xlsx").all()
        assert (entry.at, entry.field, entry.new) == (at, "title", encode("b"))
        assert plans.plan_by_code(session, "SDUS").catalogue_version == "9.9"
        assert session.get(Meta, "catalogue_version:SDUS").value == "9.9"
        assert session.get(Meta, "catalogue_version:AUCUN").value == "1.0"
        assert session.get(Meta, "catalogue_declined:SDSF").value == "2.0"


def test_plan_count_reads_a_file_without_writing_and_names_what_cannot_be_read(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from sdus_desktop.store.backup import backup_database

    copy = backup_database(db.path, "essai")
    assert plans.plan_count(copy) == plans.plan_count(db.path) == 2
    garbage = tmp_path / "pas une base #1.sqlite"
    garbage.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    with pytest.raises(plans.Unreadable, match="not a database"):
        plans.plan_count(garbage)
    with pytest.raises(plans.Unreadable):
        plans.plan_count(tmp_path / "absente.sqlite")
    assert not (tmp_path / "absente.sqlite").exists()   # read-only: nothing created
