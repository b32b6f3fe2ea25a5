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
from typing import Any

from sdus_desktop.cli.errors import CliError
from sdus_desktop.cli.parser import EXIT_BAD_INPUT, FrenchArgumentParser

EXIT_BROKEN_PIPE = 141   # 128 + SIGPIPE: what a shell reports for a tool whose reader closed the pipe

COMMANDS = {
    "init": "sdus_desktop.cli.cmd_init",
    "info": "sdus_desktop.cli.cmd_info",
    "export": "sdus_desktop.cli.cmd_export",
    "report": "sdus_desktop.cli.cmd_report",
    "import": "sdus_desktop.cli.cmd_import",
    "conflits": "sdus_desktop.cli.cmd_conflicts",
    "print": "sdus_desktop.cli.cmd_print",
    "backup": "sdus_desktop.cli.cmd_backup",
    "restore": "sdus_desktop.cli.cmd_restore",
    "check": "sdus_desktop.cli.cmd_check",
    "plan": "sdus_desktop.cli.cmd_plan",
    "comite": "sdus_desktop.cli.cmd_comite",
    "calendrier": "sdus_desktop.cli.cmd_calendar",
    "referents": "sdus_desktop.cli.cmd_referents",
    "collecte": "sdus_desktop.cli.cmd_collecte",
}


@dataclass
class Context:
    args: argparse.Namespace
    lock: Any = None   # the writer lock, taken by commands that write (released by main)

    @property
    def db_path(self) -> Path:
        from sdus_desktop.store.locations import default_db_path

        return Path(self.args.db) if self.args.db else default_db_path()

    @property
    def user(self) -> str:
        return self.args.user or os.environ.get("SDUS_USER") or _os_login()

    def open_db(self, *, must_exist: bool = True, write: bool = False):
        from sdus_desktop.store.database import Database
        from sdus_desktop.store.migrations import DatabaseError

        if must_exist and not self.db_path.exists():
            raise CliError(f"base introuvable : {self.db_path} (créez-la avec « sdus init »)")
        if write:
            self.take_lock()
        try:
            return Database.open(self.db_path)
        except DatabaseError as error:
            raise CliError(str(error)) from None

    def services(self, db: Any) -> Any:
        """The write side for the operations (sdus_desktop.ops): this database, journaled under ctx.user."""
        from sdus_desktop.store.services import Services

        return Services(db, self.user)

    def take_lock(self) -> None:
        """One writer per database: refused (exit 1) with who holds it."""
        from sdus_desktop.store.lock import LockHeld, acquire

        if self.lock is not None:
            return
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.lock = acquire(self.db_path)
        except LockHeld as error:
            raise CliError(f"{error} Rien n'a été modifié.") from None


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
    context = Context(args)
    try:
        code = int(args.run(context) or 0)
        sys.stdout.flush()   # a closed pipe is met here, not at interpreter exit
        return code
    except CliError as error:
        print(f"sdus : {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print("sdus : interrompu.", file=sys.stderr)
        return 130
    except BrokenPipeError:   # « sdus info | head »: the reader has gone; end quietly as Unix tools do
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as error:  # a file or folder the command could not use, whatever the command
        from sdus_desktop.core.oserrors import describe_os_error

        print(f"sdus : {describe_os_error(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:  # noqa: BLE001 - a defect: say so in French; SDUS_DEBUG=1 shows the traceback
        from sdus_desktop.store.errors import describe_database_error

        if os.environ.get("SDUS_DEBUG"):
            raise
        known = describe_database_error(error)
        if known:
            print(f"sdus : {known}.", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"sdus : erreur inattendue ({error.__class__.__name__} : {error}). Chaque écriture se fait en une "
              "transaction : la base n'a pas été modifiée par la commande interrompue. Relancez avec SDUS_DEBUG=1 "
              "et transmettez le message à l'équipe qui maintient SDUS Desktop.", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        if context.lock is not None:
            context.lock.release()


def _silence_stdout() -> None:
    """Point stdout's descriptor at the null device, so that the flush at interpreter exit does not fail again
    (« Exception ignored … BrokenPipeError »): the recipe of the Python documentation (signal, SIGPIPE)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


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
