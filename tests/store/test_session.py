"""store.session: the unit-of-work controls exchange uses without importing SQLAlchemy."""

from __future__ import annotations

import pytest

from sdus_desktop.store import plans
from sdus_desktop.store.models import Orientation
from sdus_desktop.store.session import IntegrityError, flush, lock_for_writing, savepoint


def test_a_failed_savepoint_undoes_only_its_own_work_and_flush_raises_integrity_errors(db):
    with db.transaction() as session:
        lock_for_writing(session)
        plans.set_meta(session, "essai:garde", "oui")
        with pytest.raises(RuntimeError), savepoint(session):
            plans.set_meta(session, "essai:annule", "oui")
            flush(session)
            raise RuntimeError
        plan = plans.plan_by_code(session, "SDUS")
        with pytest.raises(IntegrityError), savepoint(session):   # the same orientation number twice
            session.add(Orientation(plan_id=plan.id, number=1, title="Doublon"))
            flush(session)
    assert db.meta("essai:garde") == "oui" and db.meta("essai:annule") is None
