"""Targets per year through the services: journaled, undoable, refused with their place, kept by undo of a removal."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sdus_desktop.store import readmodel
from sdus_desktop.store.changes import Edit, EditError, decode
from sdus_desktop.store.models import Action, IndicatorTarget, JournalEntry
from sdus_desktop.store.services import Services
from sdus_desktop.store.targets import target_key
from tests.store.test_services import first_action, journal
from tests.support.dbtools import db_fingerprint


def _numeric(db) -> tuple[Action, int]:  # type: ignore[no-untyped-def]
    action = first_action(db)  # SDUS 1: « Nombre de rencontres multi-partenariales » (nombre) first
    indicator = action.indicators[0]
    assert indicator.kind == "nombre"
    return action, indicator.id


def _targets(db, indicator_id: int) -> dict[int, tuple[float | None, str]]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        rows = session.scalars(select(IndicatorTarget).where(IndicatorTarget.indicator_id == indicator_id))
        return {row.year: (row.value, row.note) for row in rows}


def test_set_change_and_clear_a_year_target_each_journaled(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    action, indicator = _numeric(db)
    updated_before = action.updated_at
    done = services.set_target(indicator, 2022, "12,5")
    assert [(c.entity, c.key, c.field, c.old, c.new) for c in done.changes] == [
        ("target", f"{indicator}:2022", "value", None, 12.5)]
    services.set("target", target_key(indicator, 2022), "note", "voté au comité de mars")
    services.set_target(indicator, 2022, "15")
    assert _targets(db, indicator) == {2022: (15.0, "voté au comité de mars")}
    services.set_target(indicator, 2022, "")  # the note keeps the row
    assert _targets(db, indicator) == {2022: (None, "voté au comité de mars")}
    services.set("target", target_key(indicator, 2022), "note", "")
    assert _targets(db, indicator) == {}
    entries = [e for e in journal(db) if e.entity == "target"]
    assert [(e.field, decode(e.old), decode(e.new)) for e in entries] == [
        ("value", None, 12.5), ("note", "", "voté au comité de mars"), ("value", 12.5, 15.0),
        ("value", 15.0, None), ("note", "voté au comité de mars", "")]
    assert all(e.action_id == action.id and e.user == "Marie Dupont" for e in entries)
    assert first_action(db).updated_at == updated_before  # setting targets is not a « mise à jour »


def test_undo_and_redo_of_a_target(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    _, indicator = _numeric(db)
    services.set_target(indicator, 2021, "10")
    done = services.set_target(indicator, 2021, "20")
    undone = services.revert(done)
    assert _targets(db, indicator) == {2021: (10.0, "")}
    services.revert(undone)
    assert _targets(db, indicator) == {2021: (20.0, "")}
    services.set_target(indicator, 2021, "30")  # changed since: the undo of « 20 » is refused
    with pytest.raises(EditError, match="cible 2021 .*modifiée depuis"):
        services.revert(done)


def test_refusals_say_where_and_change_nothing(db, db_path, services: Services) -> None:  # type: ignore[no-untyped-def]
    action, indicator = _numeric(db)
    yes_no = action.indicators[1]
    assert yes_no.kind == "oui_non"
    before = db_fingerprint(db_path)
    cases = [
        (Edit("target", target_key(indicator, 2022), "value", "douze"),
         "fiche 1 · indicateur 1 · cible 2022 : « douze » n'est pas un nombre"),
        (Edit("target", target_key(indicator, 2022), "value", "-2"), "fiche 1 · indicateur 1 · cible 2022 : "),
        (Edit("target", target_key(indicator, "20x2"), "value", "3"), "cible 20x2 : année invalide"),
        (Edit("target", target_key(yes_no.id, 2022), "value", "1"),
         "fiche 1 · indicateur 2 · cible 2022 : une cible par année ne se donne qu'à un indicateur de type nombre"),
        (Edit("target", target_key(indicator, 2022), "couleur", "1"), "champ inconnu"),
    ]
    for edit, message in cases:
        with pytest.raises(EditError) as refused:
            services.apply([Edit("target", target_key(indicator, 2021), "value", "5"), edit])
        assert message in str(refused.value)
    with pytest.raises(EditError, match="indicateur n° 999999 introuvable"):
        services.set_target(999999, 2022, "3")
    assert db_fingerprint(db_path) == before


def test_a_percentage_target_above_100_is_refused(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    action = first_action(db)
    key = services.add_indicator(action.id, "Taux de réponse", "pourcentage").changes[0].key
    with pytest.raises(EditError, match="indicateur 3 · cible 2022 : « 120 % » : une cible en pourcentage ne peut "
                                        "pas dépasser 100 %"):
        services.set_target(int(key), 2022, "120")
    services.set_target(int(key), 2022, "100 %")
    assert _targets(db, int(key)) == {2022: (100.0, "")}


def test_removing_an_indicator_and_its_undo_keep_its_targets(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    _, indicator = _numeric(db)
    services.set_target(indicator, 2021, "4")
    services.set("target", target_key(indicator, 2023), "note", "à fixer")
    removed = services.remove_indicator(indicator)
    assert _targets(db, indicator) == {}
    services.revert(removed)
    assert _targets(db, indicator) == {2021: (4.0, ""), 2023: (None, "à fixer")}


def test_the_read_model_carries_targets(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    action, indicator = _numeric(db)
    services.set_target(indicator, 2023, "7")
    services.set_target(indicator, 2021, "3")
    light = readmodel.read_actions(db.path, [action.id])[action.id]
    assert light is not None
    assert [(t.year, t.value) for t in light.indicators[0].targets] == [(2021, 3.0), (2023, 7.0)]
    with db.reading() as session:
        assert session.scalar(select(JournalEntry).where(JournalEntry.entity == "target")) is not None


def test_the_comite_comparison_reads_the_year_target_then_and_now(db, services: Services) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, datetime

    from sdus_desktop.core.comite_compare import compare
    from sdus_desktop.store.comite_state import current_state, state_at

    _, indicator = _numeric(db)
    moment = datetime.now().replace(microsecond=0)
    services.set_target(indicator, 2022, "40")
    services.set("value", f"{indicator}:2022", "value", "30")
    before = state_at(db.path, moment, "SDUS")  # rebuilt by undoing the journal since: no target then
    now = current_state(db.path, date.today(), "SDUS")
    fiche = next(f for f in now["fiches"] if any(i["id"] == indicator for i in f["indicators"]))
    assert next(i for i in fiche["indicators"] if i["id"] == indicator)["targets"] == {"2022": 40.0}
    then = next(f for f in before["fiches"] if f["id"] == fiche["id"])
    assert next(i for i in then["indicators"] if i["id"] == indicator).get("targets", {}) == {}
    changes = next(f for f in compare(before, now).fiches if f.action_id == fiche["id"])
    assert changes.values[0].text().endswith("2022 : 30, 75 % de la cible 40")


def test_an_older_base_is_upgraded_with_an_empty_target_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import sqlite3

    from sdus_desktop.store.database import Database
    from tests.store.test_migrations import OLD_DB

    path = tmp_path / "ancienne.sqlite"
    shutil.copyfile(OLD_DB, path)
    db = Database.open(path)
    try:
        services = Services(db, "Marie Dupont")
        indicator = next(i for i in first_action(db).indicators if i.kind == "nombre")
        services.set_target(indicator.id, 2021, "8")
    finally:
        db.close()
    connection = sqlite3.connect(path)
    try:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(indicator_target)")]
        assert columns == ["id", "indicator_id", "year", "value", "note"]
        assert connection.execute("SELECT year, value, note FROM indicator_target").fetchall() == [(2021, 8.0, "")]
        with pytest.raises(sqlite3.IntegrityError):  # one target per indicator and year
            connection.execute("INSERT INTO indicator_target (indicator_id, year, value, note) VALUES (?, 2021, 1, '')",
                               (indicator.id,))
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()
