"""The package's layout reads as the pipeline, and nothing imports in a circle.

Stages, earliest first: the pure packages (no Sphinx, docutils or MyST), the
base modules, then read → collect → write → export, and the command line.
A module may import from its own stage, from earlier ones and from the pure
packages, never from a later stage. Every import counts, those under
``TYPE_CHECKING`` and inside functions included: a circle through type-only
imports still ties the modules together.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import sphinx_policynotes

PACKAGE = Path(sphinx_policynotes.__file__).parent
NAME = "sphinx_policynotes"

#: The pure modules and packages: the standard library (and PyPI's pure
#: helpers) only, so the command line and other tools can use them.
PURE = ("numbering", "verify", "importer", "cleaning", "messages", "compare")
#: Modules every stage may use.
BASE = ("config", "model", "nodes", "warnings", "i18n", "gcpause")
#: The pipeline, in order; each may import from the ones before it.
STAGES = ("read", "collect", "write", "export", "cli")
SPHINX_TOP = ("sphinx", "docutils", "myst_parser")


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join([NAME, *parts])] = path
    return found


def imports(module: str, path: Path, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """Every module ``module`` imports (absolute names), with its line.

    ``from X import a`` imports the module ``X.a`` where there is one
    (``from . import nodes``), else a name of the module ``X``."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = module.split(".")
                if not is_package:
                    base.pop()
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield (sub if sub in known else target), node.lineno


def graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports.

    The package itself holds ``__version__`` (which the exports and the
    command line import) and ``setup()``, whose imports (inside it) register
    every stage: they are the one place that names them all, not a
    dependency, so they are left out; so is ``python -m``'s ``__main__``.
    """
    known = modules()
    edges: dict[str, set[str]] = {}
    for module, path in known.items():
        if module in (NAME, f"{NAME}.__main__"):
            edges[module] = set()
            continue
        edges[module] = {target for target, _line in imports(module, path, known)
                         if target in known and target != module}
    return edges


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def rank(stage: str) -> int:
    if stage in PURE:
        return 0
    if stage in BASE or stage in ("", "__main__"):
        return 1
    return 2 + STAGES.index(stage)


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One circle of ``edges``, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for other in sorted(edges.get(node, ())):
            if state.get(other) == 1:
                return [*stack[stack.index(other):], other]
            if other not in state and (found := visit(other)) is not None:
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_every_module_belongs_to_a_stage() -> None:
    for module in modules():
        stage = stage_of(module)
        assert stage in (*PURE, *BASE, *STAGES, "", "__main__"), (
            f"{module}: put it in a stage (read, collect, write, export, cli), a pure "
            "package or the base modules, and list it in tests/test_layout.py")


def test_no_module_imports_in_a_circle() -> None:
    assert cycle(graph()) is None, " -> ".join(cycle(graph()) or [])


def test_no_stage_imports_in_a_circle() -> None:
    stages: dict[str, set[str]] = {}
    for module, targets in graph().items():
        stages.setdefault(stage_of(module), set()).update(
            stage_of(t) for t in targets if stage_of(t) != stage_of(module))
    stages.pop("", None)  # setup() registers every stage
    assert cycle(stages) is None, " -> ".join(cycle(stages) or [])


def test_stages_import_only_earlier_ones() -> None:
    late = []
    for module, targets in graph().items():
        for target in targets:
            if target == NAME:
                continue  # __version__
            if rank(stage_of(target)) > rank(stage_of(module)):
                late.append(f"{module} imports {target}")
    assert late == []


@pytest.mark.parametrize("pure", PURE)
def test_pure_packages_import_no_sphinx(pure: str) -> None:
    found = []
    for module, path in modules().items():
        if stage_of(module) != pure:
            continue
        for target, line in imports(module, path, modules()):
            top = target.split(".")[0]
            inside = target.startswith(f"{NAME}.") and rank(stage_of(target)) > 0
            if top in SPHINX_TOP or inside:
                found.append(f"{path.relative_to(PACKAGE)}:{line}: {target}")
    assert found == []


def test_the_package_imports_its_stages_only_inside_setup() -> None:
    """``import sphinx_policynotes`` (for ``__version__``) loads no stage."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    top = [n for n in tree.body if isinstance(n, ast.ImportFrom) and n.level]
    assert top == []


def test_at_most_ten_modules_at_the_package_root() -> None:
    root = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(root) <= 10, root


def test_the_checks_see_a_circle_and_a_late_import() -> None:
    """The helpers themselves: a planted circle is found, a clean graph passes."""
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None
    assert rank("export") > rank("collect") > rank("read") > rank("model") > rank("verify")
    edges = graph()
    assert f"{NAME}.collect.catalog" in edges[f"{NAME}.collect.domain"]
    assert f"{NAME}.nodes" in edges[f"{NAME}.write.render"]  # from .. import nodes as pn
