"""YAML file bytes -> plain Python data plus the line of every key (for French error messages).

Safe loading only. Duplicate keys, tabs, a UTF-8 BOM and syntax errors each become a
:class:`~portfolio.errors.ConfigError` naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

__all__ = ["YamlDoc", "load_yaml", "parse_yaml"]

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
    if "could not find expected ':'" in problem and getattr(exc, "context_mark", None):
        mark = exc.context_mark     # the line that lacks its colon, not the next one
    line = mark.line + 1 if mark is not None else None
    if "\\t" in problem or "tab" in problem:
        return ("tabulation interdite dans un fichier YAML. Indentez avec des espaces.", line)
    if "mapping values are not allowed" in problem:
        return ("deux-points « : » inattendu. Mettez la valeur entre guillemets "
                "(\"...\") si elle contient « : ».", line)
    if "could not find expected ':'" in problem:
        return ("il manque « : » après une clé, ou une ligne est mal indentée.", line)
    if "found character" in problem and "cannot start any token" in problem:
        return ("caractère inattendu. Mettez la valeur entre guillemets.", line)
    if "expected <block end>" in problem or "did not find expected" in problem:
        return ("indentation incohérente. Alignez les clés d'un même niveau avec le même "
                "nombre d'espaces.", line)
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return ("guillemet ou crochet non refermé.", line)
    return (f"syntaxe YAML invalide ({problem or exc}). Vérifiez l'indentation et les "
            "guillemets.", line)


def parse_yaml(text: str, path: Path) -> YamlDoc:
    """Parse ``text`` (the content of ``path``) into a :class:`YamlDoc`."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Key, int] = {}
        if node is None:
            return YamlDoc(path, None, {(): 1})
        _walk(node, (), lines, path)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        message, line = _translate(exc)
        raise ConfigError(message, path, line) from None
    except RecursionError:
        raise ConfigError("structure YAML trop profonde.", path) from None
    finally:
        loader.dispose()
    return YamlDoc(path, data, lines)


def _walk(node: yaml.Node, key: Key, lines: dict[Key, int], path: Path) -> None:
    lines.setdefault(key, node.start_mark.line + 1)
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


def load_yaml(path: Path) -> YamlDoc:
    """Read and parse a YAML file; every failure is a French :class:`ConfigError`."""
    return parse_yaml(_read_text(path), path)
