"""`pip install .` (a real wheel, not editable): seed data, migrations and resources are found."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(dist.glob("sdus_desktop-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("sdus_desktop/_db/seed/sdus.json", "sdus_desktop/_db/seed/sdsf.json",
                     "sdus_desktop/_db/migrations/env.py", "sdus_desktop/_db/migrations/versions/0001_initial_schema.py",
                     "sdus_desktop/_resources/sdus.svg"):
        assert expected in names, f"{expected} missing from the wheel"
    # Every module of the package ships (a sub-package left out of [tool.setuptools] packages would not).
    modules = [path.relative_to(REPO).as_posix() for path in (REPO / "sdus_desktop").rglob("*.py")]
    assert [module for module in modules if module not in names] == []
    target = tmp_path_factory.mktemp("site")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    return target


def run_installed(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(target)}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_installed_wheel_creates_seeds_and_exports(installed: Path, tmp_path: Path) -> None:
    where = run_installed(installed, tmp_path, "-c", "import sdus_desktop.store.locations as l; print(l.seed_dir())")
    assert where.returncode == 0, where.stderr
    assert where.stdout.strip().startswith(str(installed)), where.stdout
    db = tmp_path / "installee.sqlite"
    init = run_installed(installed, tmp_path, "-m", "sdus_desktop.cli.main", "--db", str(db), "init")
    assert init.returncode == 0, init.stderr
    out = tmp_path / "export.json"
    export = run_installed(installed, tmp_path, "-m", "sdus_desktop.cli.main", "--db", str(db), "export", str(out))
    assert export.returncode == 0, export.stderr
    plans = json.loads(out.read_text(encoding="utf-8"))["plans"]
    assert [sum(len(axe["actions"]) for o in p["orientations"] for axe in o["axes"]) for p in plans] == [74, 66]
