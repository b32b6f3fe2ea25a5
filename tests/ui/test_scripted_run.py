"""The scripted run of the real application (tools/scripted_run.py) is part of the test suite: the main flows
of a référent, typed with key events, at 1366×768 and 1024×600 (offscreen), and in a real X window under Xvfb
at 1024×600 and 125 % when Xvfb is installed (CI installs it). Any typed value that the database does not
hold, or a window larger than its screen, fails the run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "tools" / "scripted_run.py"


def _run(tmp_path: Path, size: str, env: dict[str, str], scale: str = "1") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--size", size, "--scale", scale, "--out", str(tmp_path)],
                          env=env, capture_output=True, text=True, timeout=240, check=False)


def _shots(tmp_path: Path, label: str) -> list[Path]:
    return sorted(tmp_path.glob(f"{label}-*.png"))


@pytest.mark.parametrize("size", ["1366x768", "1024x600"])
def test_scripted_run_offscreen(tmp_path: Path, size: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DISPLAY", None)
    result = _run(tmp_path, size, env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "ÉCART" not in result.stdout
    assert f"[{size}] 36/36 vérifications conformes" in result.stdout
    assert len(_shots(tmp_path, size)) >= 15


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb n'est pas installé (CI l'installe)")
def test_scripted_run_in_a_real_x_window_at_125_percent(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()  # Xvfb picks a free display and writes its number there
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1024x600x24",
                               "-nolisten", "tcp"], pass_fds=(write_end,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as numbers:
            display = ":" + numbers.readline().strip()
        assert server.poll() is None and display != ":", "Xvfb n'a pas démarré"
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        result = _run(tmp_path, "1024x600", env, scale="1.25")
    finally:
        server.terminate()
        server.wait(10)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "[1024x600-125pc] 36/36 vérifications conformes" in result.stdout
    assert len(_shots(tmp_path, "1024x600-125pc")) >= 15
