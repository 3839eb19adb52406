"""The shape of the code: no import cycle between the modules of newsviewer/, none over
700 lines.

Every import in a module counts, at the top, under ``if TYPE_CHECKING:`` or inside a
function: a cycle an import hides in a function is still two modules that each need the
other. A cycle is broken by moving code to where it belongs (a shared type into a lower
module, a collaborator passed in), never by moving the import.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 700


def modules(package: Path) -> dict[str, Path]:
    """Dotted name -> file of every module of ``package`` (a package is its __init__)."""
    found: dict[str, Path] = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of ``known`` that the module ``name`` imports, anywhere in it."""
    here = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")[: len(here.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            for alias in node.names:
                # ``from pkg import sub`` needs the module pkg.sub; ``from mod import name``
                # needs mod.
                sub = f"{source}.{alias.name}"
                targets.add(sub if sub in known else source)
    return {t for t in targets if t in known and t != name}


def import_graph(package: Path) -> dict[str, set[str]]:
    known = modules(package)
    return {name: imported(name, path, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a -> b -> ... -> a) per group of modules that import each other."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        order[node] = low[node] = len(order)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in order:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], order[nxt])
        if low[node] == order[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return [_one_cycle(graph, group) for group in groups]


def _one_cycle(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A path from the group's first module back to it, within the group (breadth first)."""
    start = min(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for nxt in sorted(graph[node] & group):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if nxt not in came_from:
                    came_from[nxt] = node
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no cycle through {start}")  # a group always has one


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_no_import_cycle_between_modules_of_newsviewer() -> None:
    found = cycles(import_graph(ROOT / "newsviewer"))
    assert found == [], "import cycles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_no_module_of_newsviewer_is_over_700_lines() -> None:
    files = modules(ROOT / "newsviewer").values()
    sizes = {p: len(p.read_text(encoding="utf-8").splitlines()) for p in files}
    over = sorted(f"{p.relative_to(ROOT)}: {n}" for p, n in sizes.items() if n > MAX_LINES)
    assert over == [], "modules over 700 lines (split them by what they do):\n" + "\n".join(over)


def test_a_cycle_is_found_through_every_kind_of_import(tmp_path: Path) -> None:
    package = _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/low.py": "X = 1\n",
            "pkg/sub/__init__.py": "from pkg.sub.b import B\n",
            # a -> b at the top, b -> c only for the type checker, c -> a in a function.
            "pkg/sub/a.py": "from . import b\n",
            "pkg/sub/b.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .c import C\nB = 1\n"
            ),
            "pkg/sub/c.py": "def f():\n    import pkg.sub.a\nC = 1\n",
            "pkg/top.py": "from pkg import low\nfrom pkg.sub import B\nimport os\n",
        },
    )
    graph = import_graph(package)
    assert graph["pkg.top"] == {"pkg.low", "pkg.sub"}
    assert graph["pkg.sub"] == {"pkg.sub.b"}
    assert cycles(graph) == [["pkg.sub.a", "pkg.sub.b", "pkg.sub.c", "pkg.sub.a"]]
    # A package and its own module importing each other are a cycle too.
    (package / "sub" / "b.py").write_text("import pkg.sub\nB = 1\n", encoding="utf-8")
    assert cycles(import_graph(package)) == [["pkg.sub", "pkg.sub.b", "pkg.sub"]]
