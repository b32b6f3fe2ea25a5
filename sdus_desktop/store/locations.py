"""Where things live: the user's database, backups, and the shipped data (seed, migrations, resources).

Shipped data is found the same way from a source checkout (repo-root db/ and resources/), an installed
wheel (packaged as sdus_desktop._db / sdus_desktop._resources) and the frozen app (sys._MEIPASS).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sdus_desktop import APP_NAME, ORG_NAME

DB_ENV = "SDUS_DB"
DB_FILE_NAME = "sdus.sqlite"


def _shipped_dir(repo_name: str, package: str) -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / repo_name
    checkout = Path(__file__).resolve().parents[2] / repo_name
    if (checkout / "__init__.py").exists():
        return checkout
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"données de l'application introuvables ({repo_name})")
    return Path(next(iter(spec.submodule_search_locations)))


def data_dir() -> Path:
    """db/: alembic.ini, migrations/, seed/."""
    return _shipped_dir("db", "sdus_desktop._db")


def seed_dir() -> Path:
    return data_dir() / "seed"


def migrations_dir() -> Path:
    return data_dir() / "migrations"


def resources_dir() -> Path:
    return _shipped_dir("resources", "sdus_desktop._resources")


def user_data_dir() -> Path:
    from platformdirs import user_data_dir as _user_data_dir

    return Path(_user_data_dir(APP_NAME, ORG_NAME, roaming=False))


def default_db_path() -> Path:
    """--db wins over SDUS_DB, which wins over the user data directory."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return user_data_dir() / DB_FILE_NAME


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "sauvegardes"
