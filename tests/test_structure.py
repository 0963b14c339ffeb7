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
    pipeline = "portfolio.builder.pipeline"
    assert cycles({"portfolio": {pipeline}, pipeline: found}) != []


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


# -- the test suite's shape (README, "For developers": the tests) ----------------------------

TESTS = PACKAGE.parent / "tests"
# Folders that test across packages, named by what they test (README says why).
ACROSS = {"bad_inputs", "browser", "preview", "data", "vendor"}


def _test_sources() -> list[Path]:
    return [p for p in TESTS.rglob("*.py") if "vendor" not in p.parts]


def _imported(path: Path, source: str | None = None) -> set[str]:
    """Every module ``path`` imports, at any depth (relative imports as ``.name``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8") if source is None
                                   else source)):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _cross_test_imports(path: Path, source: str | None = None) -> set[str]:
    """What ``path`` takes from a conftest or another test module (helpers.py is the way)."""
    return {m for m in _imported(path, source)
            if m.rpartition(".")[2].startswith(("conftest", "test_")) or m in {".", "tests"}
            or m.startswith("tests.")}


@pytest.mark.parametrize(("source", "found"), [
    ("from conftest import REPO\n", {"conftest"}),
    ("def f():\n    from conftest import write_project\n", {"conftest"}),
    ("from tests.conftest import REPO\n", {"tests.conftest"}),
    ("from .test_jury import search\n", {".test_jury"}),
    ("from test_server import fetch\n", {"test_server"}),
    ("from helpers import REPO\nfrom .cases import base\nimport pytest\n", set()),
])
def test_the_cross_import_search_finds_them(source, found):
    assert _cross_test_imports(TESTS / "x.py", source) == found


def test_tests_import_helpers_not_conftest_nor_other_tests():
    found = {p.relative_to(TESTS).as_posix(): sorted(m) for p in _test_sources()
             if (m := _cross_test_imports(p))}
    assert found == {}


def test_conftest_files_hold_only_fixtures_and_hooks():
    """Anything else a test needs is imported from helpers.py (a conftest is not a module
    that tests should import: pytest loads it once per folder, under its own name)."""
    others = []
    for path in TESTS.rglob("conftest.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                others.append(f"{path.relative_to(TESTS)}: {node.name}")
            elif isinstance(node, ast.FunctionDef) and not node.name.startswith("pytest_"):
                decorators = [ast.unparse(d) for d in node.decorator_list]
                if not any(d.startswith("pytest.fixture") for d in decorators):
                    others.append(f"{path.relative_to(TESTS)}: {node.name}")
    assert others == []


def test_test_folders_mirror_the_package():
    packages = {p.parent.name for p in PACKAGE.glob("*/*.py")}
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert packages <= folders, f"no tests/ folder for {sorted(packages - folders)}"
    assert folders - packages <= ACROSS, f"neither a package nor a cross-package folder: " \
        f"{sorted(folders - packages - ACROSS)}"
