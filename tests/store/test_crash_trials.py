"""A few SIGKILL trials of each scenario of tools/crash_trials.py (50 and more outside CI: see the script)."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
crash_trials = pytest.importorskip("crash_trials")


@pytest.mark.parametrize("scenario", ["import", "annulation", "backup", "restore", "migration", "plan", "catalogue", "edits"])
def test_a_kill_leaves_the_base_before_or_after_and_backups_sound(scenario):
    lines: list[str] = []
    assert crash_trials.run_trials([scenario], trials=2, seed=20261130, log=lines.append) == []
    assert any("arrêt(s) brutal(aux)" in line for line in lines)
