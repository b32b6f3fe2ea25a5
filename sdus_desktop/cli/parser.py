"""argparse in French: usage errors exit with code 2 and a French message."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_CONFLICTS = 3

_TRANSLATIONS = [
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"unrecognized arguments: (.*)", r"arguments non reconnus : \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"argument \1 : choix invalide \2 (possibles : \3)"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"argument \1 : valeur invalide \3"),
    (r"argument (\S+): expected one argument", r"l'argument \1 attend une valeur"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"commande inconnue \1 (possibles : \2)"),
]


def translate(message: str) -> str:
    for pattern, replacement in _TRANSLATIONS:
        if re.search(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class FrenchArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog} : erreur : {translate(message)}\n")
        sys.stderr.write(f"Tapez « {self.prog} --help » pour l'aide.\n")
        raise SystemExit(EXIT_USAGE)

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "utilisation :")

    def format_help(self) -> str:
        text = super().format_help()
        for english, french in (
            ("usage:", "utilisation :"), ("positional arguments:", "arguments :"),
            ("options:", "options :"), ("optional arguments:", "options :"),
        ):
            text = text.replace(english, french)
        return text
