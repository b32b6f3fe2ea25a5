"""`sdus`: the central team's batch tool. Each command lives in its own module (cmd_*.py)."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from sdus_desktop.cli.errors import CliError
from sdus_desktop.cli.parser import FrenchArgumentParser

COMMANDS = {
    "init": "sdus_desktop.cli.cmd_init",
    "info": "sdus_desktop.cli.cmd_info",
    "export": "sdus_desktop.cli.cmd_export",
    "report": "sdus_desktop.cli.cmd_report",
    "import": "sdus_desktop.cli.cmd_import",
    "conflits": "sdus_desktop.cli.cmd_conflicts",
    "print": "sdus_desktop.cli.cmd_print",
}


@dataclass
class Context:
    args: argparse.Namespace

    @property
    def db_path(self) -> Path:
        from sdus_desktop.store.locations import default_db_path

        return Path(self.args.db) if self.args.db else default_db_path()

    @property
    def user(self) -> str:
        return self.args.user or os.environ.get("SDUS_USER") or _os_login()

    def open_db(self, *, must_exist: bool = True):
        from sdus_desktop.store.database import Database
        from sdus_desktop.store.migrations import DatabaseError

        if must_exist and not self.db_path.exists():
            raise CliError(f"base introuvable : {self.db_path} (créez-la avec « sdus init »)")
        try:
            return Database.open(self.db_path)
        except DatabaseError as error:
            raise CliError(str(error)) from None


def build_parser() -> FrenchArgumentParser:
    parser = FrenchArgumentParser(prog="sdus", description="Outil en ligne de commande de SDUS Desktop.")
    parser.add_argument("--db", metavar="CHEMIN", help="fichier de base (sinon SDUS_DB, sinon dossier utilisateur)")
    parser.add_argument("--user", metavar="NOM", help="nom inscrit au journal (sinon SDUS_USER ou session)")
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchArgumentParser)
    commands.required = True
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        sub = commands.add_parser(name, help=module.HELP, description=module.HELP)
        module.configure(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(Context(args)) or 0)
    except CliError as error:
        print(f"sdus : {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print("sdus : interrompu.", file=sys.stderr)
        return 130


def _os_login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some service accounts
        return "inconnu"


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


if __name__ == "__main__":
    raise SystemExit(main())
