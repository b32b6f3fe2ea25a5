"""store.conflicts_store: the conflict queue (add, find, decide, withdraw) and where a cell lives."""

from __future__ import annotations

from datetime import date, datetime

from sdus_desktop.store import conflicts_store
from sdus_desktop.store.changes import encode, value_key
from sdus_desktop.store.models import Indicator, Step
from sdus_desktop.store.services import Services

AT = datetime(2026, 3, 2, 10, 0)
LATER = datetime(2026, 3, 4, 8, 0)


def _queue(session, origin="import a.xlsx (export e1)", key="1", theirs="B", **decided):  # type: ignore[no-untyped-def]
    conflicts_store.queue_conflict(session, created_at=AT, origin=origin, entity="action", key=key, action_id=1,
                                   field="bilan", base=encode(""), mine=encode("A"), theirs=encode(theirs),
                                   **decided)


def test_conflicts_are_queued_found_decided_and_withdrawn(db):
    with db.transaction() as session:
        _queue(session)
        _queue(session, key="2", theirs="C")
        _queue(session, key="3", resolution="mine", resolved_by="central")   # recorded as decided at once
        _queue(session, origin="import b.xlsx (export e2)", key="4")
    with db.reading() as session:
        open_rows = conflicts_store.open_conflicts(session)
        assert [r.entity_key for r in open_rows] == ["1", "2", "4"]
        assert conflicts_store.is_queued(session, "action", "1", "bilan", encode("B"))
        assert not conflicts_store.is_queued(session, "action", "1", "bilan", encode("autre"))
        assert not conflicts_store.is_queued(session, "action", "3", "bilan", encode("B"))   # decided
        ids = [r.id for r in open_rows]
        assert set(conflicts_store.conflicts_by_id(session, [*ids, 999])) == set(ids)
        detached = conflicts_store.detached_conflict(session, ids[0])
        assert conflicts_store.detached_conflict(session, 999) is None
    assert detached is not None and detached.theirs == encode("B")   # usable once the session is closed
    with db.transaction() as session:
        assert conflicts_store.mark_decided(session, [ids[0]], "theirs", "central", LATER, only_open=True)
        assert not conflicts_store.mark_decided(session, [ids[0], ids[1]], "mine", "central", LATER, only_open=True)
        assert not conflicts_store.mark_decided(session, [999], "mine", "central", LATER, only_open=True)
        assert conflicts_store.open_conflicts(session)[0].id == ids[1]   # refused: nothing marked
        assert conflicts_store.withdraw_open(session, AT, "import a.xlsx (export e1)", "annule", "central",
                                             LATER) == 1
    with db.reading() as session:
        assert [r.entity_key for r in conflicts_store.open_conflicts(session)] == ["4"]
        first = conflicts_store.conflicts_by_id(session, [ids[0]])[ids[0]]
        assert (first.resolution, first.resolved_by, first.resolved_at) == ("theirs", "central", LATER)
        assert conflicts_store.conflicts_by_id(session, [ids[1]])[ids[1]].resolution == "annule"


def test_locate_names_the_place_and_reads_the_stored_value(db):
    services = Services(db, "central")
    services.set("action", 1, "bilan", "Bilan écrit")
    with db.reading() as session:
        step = session.query(Step).filter(Step.action_id == 1, Step.number == 1).one()
        indicator = session.query(Indicator).filter(Indicator.action_id == 1).first()
    services.set("step", step.id, "actual_end", date(2021, 5, 1))
    with db.reading() as session:
        where, kind, value = conflicts_store.locate(session, "action", "1", "bilan")
        assert where.endswith("· fiche 1") and kind is None and value == "Bilan écrit"
        assert conflicts_store.locate(session, "action", "1", "referents")[2] == []
        where, _, value = conflicts_store.locate(session, "step", str(step.id), "actual_end")
        assert where.endswith("fiche 1 · étape 1") and value == date(2021, 5, 1)
        assert conflicts_store.locate(session, "step", "99999", "actual_end") == (
            "étape (id 99999, supprimée)", None, None)
        assert conflicts_store.locate(session, "action", "99999", "bilan")[0] == "fiche (id 99999, supprimée)"
        assert indicator is not None
        where, kind, value = conflicts_store.locate(session, "value", value_key(indicator.id, "2021"), "value")
        assert where.endswith("· 2021") and kind == indicator.kind and value is None
        planned = conflicts_store.locate(session, "step", str(step.id), "planned_end")[2]   # from the calendrier
        assert planned is not None and step.planned_end is None
        assert conflicts_store.locate(session, "value", value_key(99999, "2021"), "value")[2] is None
