"""Catalogue releases: a new version of the shipped catalogue (db/seed/*.json) reaches an existing database
through the avenant path — previewed, confirmed, never touching follow-up data.

At start-up `pending_releases` compares, through the read model and the catalogue headers only, each plan's
catalogue version in the database (meta « catalogue_version:<code> ») with the shipped one; only when one is
newer is the avenant computed (SQLAlchemy). Orientations, axes and fiches the release does not list are left
alone (the central team may have added some); étapes and indicators of listed fiches are matched by label.
A release that changes nothing only records the new version. A declined release is not proposed again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sdus_desktop.store import readmodel
from sdus_desktop.store.database import Database

if TYPE_CHECKING:
    from sdus_desktop.exchange.plan_avenant import Reconciliation
    from sdus_desktop.exchange.plan_model import PlanDefinition
    from sdus_desktop.store.session import Session

CATALOGUE_FILES = ("sdus.json", "sdsf.json")  # as store.seed (not imported here: it loads SQLAlchemy)
_VERSION_RE = re.compile(rb'"catalogue_version"\s*:\s*"([0-9.]+)"')
_CODE_RE = re.compile(rb'"code"\s*:\s*"([A-Za-z0-9_-]+)"')


@dataclass
class Release:
    code: str
    current: str
    shipped: str
    path: Path
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    changed: bool = False
    kept: tuple[str, str] | None = None  # the plan's state and previous plan, which a release never changes

    @property
    def origin(self) -> str:
        return f"catalogue {self.shipped}"

    def summary(self) -> str:
        if self.errors:
            return f"Catalogue {self.code} {self.shipped} : non applicable ({len(self.errors)} erreur(s))."
        if not self.changed:
            return f"Catalogue {self.code} {self.shipped} : aucun changement de structure ni de texte."
        return (f"Catalogue {self.code} : version {self.current or 'inconnue'} → {self.shipped}, "
                f"{len(self.lines)} changement(s) de structure ou de texte (le suivi n'est pas modifié).")


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def shipped_versions(folder: Path | None = None) -> list[tuple[str, str, Path]]:
    """(code, catalogue_version, path) of each shipped catalogue, read from its first bytes only."""
    from sdus_desktop.store.locations import seed_dir

    folder = folder or seed_dir()
    found = []
    for name in CATALOGUE_FILES:
        path = folder / name
        with path.open("rb") as stream:
            head = stream.read(600)
        version, code = _VERSION_RE.search(head), _CODE_RE.search(head)
        if version and code:
            found.append((code.group(1).decode(), version.group(1).decode(), path))
    return found


def _meta(db_path: Path) -> dict[str, str]:
    meta = readmodel.meta_values(db_path, "catalogue_")
    meta["_plans"] = ";".join(sorted(plan.code for plan in readmodel.plan_rows(db_path)))
    return meta


def pending_releases(db: Database, folder: Path | None = None) -> list[Release]:
    """Shipped catalogues newer than the database's and not declined (cheap: no SQLAlchemy, no JSON parse)."""
    meta = _meta(db.path)
    plans = set(meta["_plans"].split(";"))
    pending = []
    for code, shipped, path in shipped_versions(folder):
        current = meta.get(f"catalogue_version:{code}", "")
        declined = meta.get(f"catalogue_declined:{code}", "")
        if code in plans and version_key(shipped) > version_key(current) and declined != shipped:
            pending.append(Release(code, current, shipped, path))
    return pending


def _definition(release: Release) -> PlanDefinition:
    from sdus_desktop.exchange.plan_model import from_catalogue
    from sdus_desktop.store.seed import load_catalogue

    definition = from_catalogue(load_catalogue(release.path))
    if release.kept is not None:  # a release never changes what the central team decides: state, link
        definition.plan.state, definition.plan.previous_code = release.kept
    return definition


def preview_release(db: Database, release: Release) -> Release:
    """Fill release.lines / errors / changed with what applying it would do (nothing written)."""
    from sdus_desktop.exchange.plan_import import preview_definition

    _remember_plan_info(db, release)
    outcome = preview_definition(db, _definition(release), keep_unlisted=True)
    release.lines, release.errors, release.changed = list(outcome.lines), list(outcome.errors), outcome.changed
    return release


def apply_release(db: Database, release: Release, user: str) -> tuple[Reconciliation, Path | None]:
    """Apply a release (verified backup, one transaction, journal origin « catalogue <version> ») and record
    the new version; a release without changes only records the version."""
    from sdus_desktop.exchange.plan_import import apply_definition

    _remember_plan_info(db, release)

    def stamp(session: Session, _result: Reconciliation) -> None:
        _record_version(session, release)

    outcome, backup = apply_definition(db, _definition(release), user, release.origin, before_commit=stamp,
                                       backup_reason="avant-catalogue", keep_unlisted=True)
    if not outcome.errors and not outcome.changed:
        with db.transaction() as session:
            _record_version(session, release)
    return outcome, backup


def decline_release(db: Database, release: Release) -> None:
    """« Ne plus proposer »: this version is not offered again (a later one will be)."""
    from sdus_desktop.store.plans import set_meta

    with db.transaction() as session:
        set_meta(session, f"catalogue_declined:{release.code}", release.shipped)


def _record_version(session: Session, release: Release) -> None:
    from sdus_desktop.store.plans import record_catalogue_version

    record_catalogue_version(session, release.code, release.shipped)


def _remember_plan_info(db: Database, release: Release) -> None:
    plan = next((plan for plan in readmodel.plan_rows(db.path) if plan.code == release.code), None)
    release.kept = (plan.state, plan.previous_code) if plan is not None else None
