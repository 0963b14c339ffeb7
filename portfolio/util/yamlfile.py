"""YAML file bytes -> plain Python data plus the line of every key (for French error messages).

Safe loading only. Duplicate keys, tabs, a UTF-8 BOM and syntax errors each become a
:class:`~portfolio.util.errors.ConfigError` naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .limits import bound

__all__ = ["YamlDoc", "load_yaml", "parse_yaml"]

# What PyYAML's reader refuses (control characters other than tab and line ends, surrogates...).
_FORBIDDEN_CHAR = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD"
                             "\U00010000-\U0010FFFF]")

Key = tuple  # a path of keys / indexes from the document root, e.g. ("candidat", "nom")


@dataclass
class YamlDoc:
    """Parsed YAML: ``data`` plus ``lines[key_path]`` = 1-based line of that key or item."""

    path: Path
    data: Any
    lines: dict[Key, int] = field(default_factory=dict)

    def line(self, *key: Any) -> int | None:
        """Line of the deepest known prefix of ``key`` (so a bad value points near its key)."""
        key = tuple(key)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)

    def error(self, message: str, *key: Any, hint: str = "") -> ConfigError:
        return ConfigError(message, self.path, self.line(*key), hint)


def _read_text(path: Path) -> str:
    try:
        bound("yaml").check(path.stat().st_size, path, kind=ConfigError)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError("fichier introuvable.", path) from None
    except OSError as exc:
        raise ConfigError(f"lecture impossible ({exc.strerror}).", path) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(
            "le fichier n'est pas encodé en UTF-8.", path, line,
            "Enregistrez-le en UTF-8 (dans votre éditeur : « Enregistrer sous » > encodage UTF-8).",
        ) from None


def _translate(exc: yaml.YAMLError) -> tuple[str, int | None]:
    problem = (getattr(exc, "problem", "") or "").lower()
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    context = (getattr(exc, "context", "") or "").lower()
    if getattr(exc, "context_mark", None) and ("could not find expected ':'" in problem
                                               or "quoted scalar" in context
                                               or "flow sequence" in context
                                               or "flow mapping" in context):
        mark = exc.context_mark     # the line that lacks its colon / opens the quote or [
    line = mark.line + 1 if mark is not None else None
    if "could not determine a constructor" in problem:
        tag = getattr(exc, "problem", "").split("'")[1:2] or [""]
        tag = tag[0].replace("tag:yaml.org,2002:", "!!")
        return (f"étiquette YAML « {tag} » non autorisée. Retirez-la (une valeur s'écrit "
                "sans « !! ») ou mettez la valeur entre guillemets.", line)
    for needles, message in _MESSAGES:
        if any(needle in problem or needle in context for needle in needles):
            return message, line
    return ("syntaxe YAML invalide. Vérifiez l'indentation, les deux-points et les guillemets ; "
            "mettez entre guillemets une valeur qui contient des caractères spéciaux.", line)


QUOTE = "Mettez la valeur entre guillemets (\"...\")."
# PyYAML's problem or context (English, lower case) -> our message; the first match wins.
_MESSAGES: list[tuple[tuple[str, ...], str]] = [
    (("'\\t'", "tab"), "tabulation interdite dans un fichier YAML. Indentez avec des espaces."),
    (("mapping values are not allowed",),
     "deux-points « : » inattendu. Mettez la valeur entre guillemets (\"...\") si elle "
     "contient « : »."),
    (("could not find expected ':'",),
     "il manque « : » après une clé, ou une ligne est mal indentée."),
    (("quoted scalar",), "guillemet non refermé."),
    (("unknown escape character",),
     "barre oblique inverse « \\ » entre guillemets doubles. Doublez-la (« \\\\ ») ou "
     "utilisez des guillemets simples ('...')."),
    (("scanning an alias", "scanning an anchor"),
     f"« & » ou « * » au début d'une valeur. {QUOTE}"),
    (("scanning a tag", "parsing a tag", "tag handle"),
     f"« ! » au début d'une valeur. {QUOTE}"),
    (("scanning a directive",), f"« % » au début d'une ligne. {QUOTE}"),
    (("scanning a block scalar",), f"« | » ou « > » au début d'une valeur. {QUOTE}"),
    (("unhashable key",), "une clé doit être un simple mot suivi de « : », pas une liste ni un "
     "bloc."),
    (("flow sequence", "flow mapping", "flow node"),
     "crochet « [ » ou accolade « { » non refermé, ou virgule mal placée. " + QUOTE),
    (("cannot start any token",), f"caractère inattendu. {QUOTE}"),
    (("mapping keys are not allowed", "sequence entries are not allowed"),
     f"« ? » ou « - » mal placé : vérifiez l'indentation. {QUOTE}"),
    (("expected <block end>", "did not find expected", "block collection", "block mapping"),
     "indentation incohérente. Alignez les clés d'un même niveau avec le même nombre "
     "d'espaces."),
    (("expected the node content",),
     f"valeur manquante ou caractère spécial au début d'une valeur. {QUOTE}"),
    (("document",), "le fichier contient plusieurs documents (ligne « --- » ou « ... ») : "
     "gardez-en un seul."),
    (("unexpected end",), "guillemet ou crochet non refermé."),
]


# A line "clé: valeur" (or "- clé: valeur") as a student writes it: indent, key, value.
_KEY_LINE = re.compile(r"^( *)(?:- +)?([^\s#:'\"\[{][^:#]*?) *:(?: +(.*))?$")
_QUOTE_START = re.compile(r"^ *(?:- +)?(?:[^\s#:'\"][^:#]*?: +)?(['\"])(.*)$")


def _open_quote(line: str) -> bool:
    """Whether ``line`` opens a quoted value that it does not close (a missing quote)."""
    match = _QUOTE_START.match(line)
    if not match:
        return False
    quote, rest = match.groups()
    if quote == "'":
        return "'" not in rest.replace("''", "")
    return re.search(r'(?<!\\)"', rest) is None


def _significant(lines: list[str], before: int) -> tuple[int, str] | None:
    """The last line before line ``before`` (1-based) that holds something (not a comment)."""
    for number in range(before - 1, 0, -1):
        text = lines[number - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            return number, text
    return None


def _read_lines(text: str, message: str, line: int | None) -> tuple[str, int | None]:
    """PyYAML sees a missing quote or a key indented too far where the file stops making sense,
    often a line later and as another fault: read the lines as a student wrote them."""
    if line is None:
        return message, line
    lines = text.split("\n")
    for number, content in enumerate(lines[:line], start=1):
        if _open_quote(content):
            return ("guillemet non refermé : la valeur ouverte par un guillemet sur cette ligne "
                    "ne se termine pas. Ajoutez le guillemet de fin (ou retirez celui du "
                    "début).", number)
    current = _KEY_LINE.match(lines[line - 1]) if line <= len(lines) else None
    previous = _significant(lines, line)
    above = _KEY_LINE.match(previous[1]) if previous else None
    if current and above and current.start(2) > above.start(2) and (above[3] or "").strip():
        return (f"la clé « {current[2]} » est plus en retrait que « {above[2]}: » (ligne "
                f"{previous[0]}), qui a déjà une valeur. Alignez-la sur « {above[2]}: » (même "
                "nombre d'espaces en début de ligne).", line)
    if previous and re.match(r"^ *(?:- +)?[^\s#:'\"]+:[^\s/]", previous[1]):
        return (f"il manque une espace après « : » ligne {previous[0]} (écrivez « clé: "
                "valeur »).", previous[0])
    return message, line


class _Loader(yaml.SafeLoader):
    """Safe loader with bounds: aliases (``*nom``, they can expand a few lines into gigabytes),
    long values and numbers; an impossible date is a French error, not a ValueError."""

    aliases = 0

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's API
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            limit = bound("yaml_alias")
            if self.aliases > limit.max:
                raise _NodeError(limit.error(self.aliases).problem.message,
                                 self.peek_event().start_mark.line + 1, limit.hint)
        return super().compose_node(parent, index)

    def construct_yaml_int(self, node):  # noqa: ANN001, ANN201 - PyYAML's API
        digits = sum(ch.isdigit() for ch in node.value)
        limit = bound("yaml_chiffres")
        if digits > limit.max:
            raise _NodeError(limit.error(digits).problem.message, node.start_mark.line + 1,
                             limit.hint)
        return super().construct_yaml_int(node)

    keep_bad_dates = False

    def construct_yaml_timestamp(self, node):  # noqa: ANN001, ANN201 - PyYAML's API
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            if self.keep_bad_dates:      # the reader says so at its key, with the rest
                return node.value
            raise _NodeError(f"date impossible « {node.value} » : ce jour n'existe pas.",
                             node.start_mark.line + 1,
                             "Vérifiez le jour et le mois (AAAA-MM-JJ) ; si ce n'est pas une "
                             "date, mettez la valeur entre guillemets.") from None


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class _NodeError(Exception):
    """A value of the document that passes a bound, or cannot be, at ``line``."""

    def __init__(self, message: str, line: int, hint: str = "") -> None:
        self.message, self.line, self.hint = message, line, hint


def parse_yaml(text: str, path: Path, keep_bad_dates: bool = False) -> YamlDoc:
    """Parse ``text`` (the content of ``path``) into a :class:`YamlDoc`; with
    ``keep_bad_dates`` an impossible date (2026-02-30) stays a text for the reader to refuse
    with the file's other problems, instead of stopping the parse."""
    bad = _FORBIDDEN_CHAR.search(text)
    if bad:
        raise ConfigError(
            f"caractère invisible interdit (code U+{ord(bad.group()):04X}).", path,
            text[: bad.start()].count("\n") + 1,
            "Retapez cette ligne (le caractère vient souvent d'un copier-coller).")
    loader = _Loader(text)
    loader.keep_bad_dates = keep_bad_dates
    try:
        node = loader.get_single_node()
        lines: dict[Key, int] = {}
        if node is None:
            return YamlDoc(path, None, {(): 1})
        _walk(node, (), lines, path)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        message, line = _translate(exc)
        message, line = _read_lines(text, message, line)
        raise ConfigError(message, path, line) from None
    except _NodeError as exc:
        raise ConfigError(exc.message, path, exc.line, exc.hint) from None
    except RecursionError:
        raise ConfigError("structure YAML trop profonde.", path) from None
    finally:
        loader.dispose()
    return YamlDoc(path, data, lines)


def _walk(node: yaml.Node, key: Key, lines: dict[Key, int], path: Path) -> None:
    lines.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode) and len(node.value) > bound("yaml_valeur").max:
        raise bound("yaml_valeur").error(len(node.value), path, node.start_mark.line + 1,
                                         ConfigError)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for knode, vnode in node.value:
            name = knode.value if isinstance(knode, yaml.ScalarNode) else str(knode.start_mark)
            line = knode.start_mark.line + 1
            if name in seen:
                raise ConfigError(
                    f"la clé « {name} » apparaît deux fois (déjà ligne {seen[name]}).", path, line,
                    "Gardez une seule de ces lignes.")
            seen[name] = line
            lines[key + (name,)] = line
            _walk(vnode, key + (name,), lines, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[key + (index,)] = item.start_mark.line + 1
            _walk(item, key + (index,), lines, path)


def load_yaml(path: Path, keep_bad_dates: bool = False) -> YamlDoc:
    """Read and parse a YAML file; every failure is a French :class:`ConfigError`."""
    return parse_yaml(_read_text(path), path, keep_bad_dates)
