"""argparse's own words (usage, help, errors) -> French, for the command line of ``build.py``.

argparse translates its messages with ``gettext`` through the names ``_`` and ``ngettext`` of
its module (its translation hook; Python ships no French catalogue). :class:`FrenchParser` looks
them up in :data:`FRENCH` while it formats help or parses, and only then: other parsers of the
process (pytest's...) keep their own words. A mistyped command or option is a person's mistake:
exit code 1 (argparse's 2 is a bug here), with the close names suggested.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from ..util.suggest import close_names, did_you_mean

__all__ = ["FRENCH", "FrenchParser"]

# argparse's messages (Python 3.11 to 3.13) -> French. A message missing here stays English.
FRENCH = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "optional arguments": "options",
    "subcommands": "commandes",
    "show this help message and exit": "affiche cette aide et quitte",
    "show program's version number and exit": "affiche la version et quitte",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "the following arguments are required: %s": "arguments requis : %s",
    "one of the arguments %s is required": "l'un de ces arguments est requis : %s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "choix invalide « %(value)s » (choix possibles : %(choices)s)",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "choix invalide « %(value)s » (choix possibles : %(choices)s)",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "expected one argument": "une valeur attendue",
    "expected at most one argument": "une valeur au plus attendue",
    "expected at least one argument": "une valeur au moins attendue",
    "expected %s argument": "%s valeur attendue",
    "expected %s arguments": "%s valeurs attendues",
    "invalid %(type)s value: %(value)r": "valeur invalide « %(value)s » (%(type)s attendu)",
    "ambiguous option: %(option)s could match %(matches)s":
        "option ambiguë : %(option)s peut désigner %(matches)s",
    "not allowed with argument %s": "impossible avec l'argument %s",
    "ignored explicit argument %r": "valeur ignorée : %r",
    "unexpected option string: %s": "option inattendue : %s",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "commande inconnue « %(parser_name)s » (choix possibles : %(choices)s)",
}


def _gettext(message: str) -> str:
    return FRENCH.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


@contextmanager
def _french() -> Iterator[None]:
    """argparse speaks French inside this block (its module's translation hook)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _gettext, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class FrenchParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage, help and errors are French (its sub-commands' too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _french():           # group titles and -h's help are translated when made
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        with _french():
            return super().add_subparsers(**kwargs)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        with _french():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with _french():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _french():
            return super().format_usage()

    def format_help(self) -> str:
        with _french():
            return super().format_help()

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """An unknown choice (a command, a voie) with the close ones suggested."""
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(c) for c in choices]
        close = did_you_mean(close_names(str(value), names, most=2))
        raise argparse.ArgumentError(action, f"choix invalide « {value} ». "
                                     + (f"{close} " if close else "")
                                     + "Choix possibles : " + ", ".join(names) + ".")

    def error(self, message: str) -> NoReturn:
        """Usage, then the French message; exit code 1 (a person's mistake)."""
        with _french():
            self.print_usage(sys.stderr)
            self.exit(1, _gettext("%(prog)s: error: %(message)s\n")
                      % {"prog": self.prog, "message": message})
