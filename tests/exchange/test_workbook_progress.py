"""The workbooks written from the database report their progress and stop on a cancel with nothing left behind:
the comité workbook (per sheet), a référent workbook (per fiche), « Préparer la collecte » (per workbook, all or
nothing: no file, no campaign) and a workbook sent again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sdus_desktop.core.progress import Cancelled
from sdus_desktop.exchange.campaign import prepare, resend
from sdus_desktop.exchange.comite_workbook import STEPS, write_comite_workbook
from sdus_desktop.exchange.workbook_export import write_referent_workbook
from sdus_desktop.store import campaigns
from tests.support.dbtools import db_fingerprint

NAMES = ["Anne Arnal", "Bruno Bès", "Chloé Crozes"]


class Recorder:
    """progress(done, total): records each call; answers False (stop) once stop(done, total) holds."""

    def __init__(self, stop: Callable[[int, int], bool] = lambda done, total: False) -> None:
        self.calls: list[tuple[int, int]] = []
        self.stop = stop

    def __call__(self, done: int, total: int) -> bool:
        self.calls.append((done, total))
        return not self.stop(done, total)

    def fractions(self) -> list[float]:
        return [done / total for done, total in self.calls]


def _assign(db, services) -> None:  # type: ignore[no-untyped-def]
    for index, name in enumerate(NAMES):
        services.assign_referent(name, campaigns.fiches_by_number(db, [2 * index + 1, 2 * index + 2], "SDUS"))


def test_comite_workbook_reports_each_sheet(db, tmp_path: Path) -> None:
    progress = Recorder()
    out = write_comite_workbook(db, tmp_path / "comite.xlsx", plan_code="SDUS", progress=progress)
    assert out.exists()
    assert progress.calls == [(done, STEPS) for done in range(STEPS)]   # the save, the last step, follows


@pytest.mark.parametrize("at", [0, 1, STEPS - 1])
def test_comite_workbook_cancelled_leaves_no_file(db, tmp_path: Path, at: int) -> None:
    out = tmp_path / "sortie"
    out.mkdir()
    progress = Recorder(lambda done, total: done == at)
    with pytest.raises(Cancelled):
        write_comite_workbook(db, out / "comite.xlsx", progress=progress)
    assert progress.calls[-1] == (at, STEPS)
    assert list(out.iterdir()) == []


def test_referent_workbook_reports_each_fiche_and_a_cancel_leaves_no_file(db, tmp_path: Path) -> None:
    out = tmp_path / "envoi"
    out.mkdir()
    progress = Recorder()
    summary = write_referent_workbook(db, out / "classeur.xlsx", plan_code="SDUS", progress=progress)
    assert summary.actions > 10
    assert progress.calls == [(done, summary.actions + 1) for done in range(summary.actions + 1)]
    (out / "classeur.xlsx").unlink()
    for at in (0, summary.actions // 2, summary.actions):   # the last: every sheet written, not saved
        stopped = Recorder(lambda done, total, at=at: done == at)
        with pytest.raises(Cancelled):
            write_referent_workbook(db, out / "classeur.xlsx", plan_code="SDUS", progress=stopped)
        assert stopped.calls[-1] == (at, summary.actions + 1)
        assert list(out.iterdir()) == []


def test_campaign_reports_each_workbook_of_the_whole(db, services, tmp_path: Path) -> None:
    _assign(db, services)
    progress = Recorder()
    prepared = prepare(db, tmp_path / "envoi", "moi", "SDUS", progress=progress)
    assert len(prepared.files) == len(NAMES)
    assert all(total > 0 for _, total in progress.calls)
    assert {total for _, total in progress.calls[:-1]} == {1000 * len(NAMES)}
    assert progress.fractions() == sorted(progress.fractions()) and progress.fractions()[-1] == 1.0
    started = [done for done, _ in progress.calls if done % 1000 == 0 and done < 1000 * len(NAMES)]
    assert started[0] == 0 and sorted(set(started)) == [0, 1000, 2000]   # each workbook reports from its start


@pytest.mark.parametrize("when", ["second workbook", "every workbook written"])
def test_campaign_cancelled_leaves_no_workbook_and_no_campaign(db, services, tmp_path: Path, when: str) -> None:
    _assign(db, services)
    out = tmp_path / "envoi"
    out.mkdir()
    seen: list[list[str]] = []

    def stop(done: int, total: int) -> bool:
        reached = done >= 1000 if when == "second workbook" else done == total == len(NAMES)
        if reached:
            seen.append(sorted(p.name for p in out.iterdir()))
        return reached

    before = db_fingerprint(db.path)
    with pytest.raises(Cancelled):
        prepare(db, out, "moi", "SDUS", progress=Recorder(stop))
    assert len(seen[0]) == (1 if when == "second workbook" else len(NAMES))   # written, then removed
    assert list(out.iterdir()) == []
    assert campaigns.campaigns(db) == []
    assert db_fingerprint(db.path) == before


def test_resend_cancelled_leaves_no_file_and_no_new_send(db, services, tmp_path: Path) -> None:
    _assign(db, services)
    prepared = prepare(db, tmp_path / "envoi", "moi", "SDUS")
    again = tmp_path / "renvoi"
    again.mkdir()
    before = db_fingerprint(db.path)
    stopped = Recorder(lambda done, total: done == total)
    with pytest.raises(Cancelled):
        resend(db, prepared.campaign_id, "Anne Arnal", "moi", again, progress=stopped)
    assert list(again.iterdir()) == [] and db_fingerprint(db.path) == before
    progress = Recorder()
    path = resend(db, prepared.campaign_id, "Anne Arnal", "moi", again, progress=progress)
    assert path.exists() and progress.calls and all(total > 0 for _, total in progress.calls)
    row = next(r for r in campaigns.follow_up(db, prepared.campaign_id).rows if r.referent == "Anne Arnal")
    assert row.sends == 2
