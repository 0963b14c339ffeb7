"""The package's shape: one-way imports (no cycle), modules readable in one sitting, MkDocs only
in the MkDocs layer. Read from the source (module-level imports; a function's own import is a
deliberate lazy load, like WeasyPrint's)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "portfolio"
MAX_LINES = 360        # "a few hundred lines": the longest today is under 360


def _name(path: Path) -> str:
    parts = ["portfolio", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str] = frozenset(), source: str | None = None
             ) -> set[str]:
    """Modules that ``path`` imports at module level: ``from X import y`` is X.y when that is
    a module of ours (X is then only the way there), else X (y is a name X defines)."""
    module = _name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    source = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.parse(source).body:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in modules else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_a_name_taken_from_the_package_root_is_a_dependency_on_it():
    """The cycle this test was written for: ``portfolio/__init__`` imported the pipeline,
    which took ``__version__`` back from it (``from . import __version__``)."""
    found = _imports(PACKAGE / "pipeline.py", {"portfolio", "portfolio.durations"},
                     "from . import __version__\nfrom . import durations\n")
    assert found == {"portfolio", "portfolio.durations"}
    assert cycles({"portfolio": {"portfolio.pipeline"}, "portfolio.pipeline": found}) != []


def graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports."""
    modules = {_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in _imports(path, set(modules)) if m in modules and m != name}
            for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle (depth-first search), each as the list of modules around it."""
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def test_no_import_cycle():
    assert cycles(graph()) == []


@pytest.mark.parametrize(("edges", "expected"), [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b", "a"]]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
])
def test_the_cycle_search_finds_cycles(edges, expected):
    assert cycles(edges) == expected


def test_the_root_package_imports_its_api_without_a_cycle():
    edges = graph()
    assert "portfolio.version" in edges["portfolio"]          # __version__ has its module
    assert "portfolio" not in {m for deps in edges.values() for m in deps}


def test_modules_are_readable_in_one_sitting():
    long = {p.relative_to(PACKAGE).as_posix(): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_only_the_mkdocs_layer_imports_mkdocs():
    users = sorted(_name(p) for p in PACKAGE.rglob("*.py")
                   if any(m == "mkdocs" or m.startswith(("mkdocs.", "material"))
                          for m in _imports(p)))
    assert users and all(name.startswith("portfolio.mkdocs") for name in users)
