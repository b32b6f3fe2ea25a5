"""Shared fixtures. Qt runs offscreen; each test gets its own database file and user data dir."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "1")

import shutil
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from sdus_desktop.store.database import Database
from sdus_desktop.store.services import Services

# A busy CI machine must not turn a slow example into a failure: no per-example deadline there.
hypothesis_settings.register_profile("ci", deadline=None, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO.parent / "shared" / "sources"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the developer's real database, settings or backups."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("SDUS_DB", raising=False)
    monkeypatch.setenv("SDUS_USER", "testeur")


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly created and seeded database, built once and copied for each test (seeding takes time)."""
    path = tmp_path_factory.mktemp("template") / "modele.sqlite"
    Database.open(path).close()
    return path


@pytest.fixture
def db_path(tmp_path: Path, seeded_template: Path) -> Path:
    path = tmp_path / "sdus.sqlite"
    shutil.copyfile(seeded_template, path)
    return path


@pytest.fixture
def db(db_path: Path):
    database = Database.open(db_path)
    yield database
    database.close()


@pytest.fixture
def services(db: Database) -> Services:
    return Services(db, "Marie Dupont")
