"""The import graph of the ``app`` package, read from the source text, and the stage-layering contract.

Every ``import`` statement counts wherever it stands — at the top, inside a
function, or under ``if TYPE_CHECKING:`` — because each is real coupling.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

from app.core.paths import PACKAGE_DIR, PROJECT_DIR

#: What each stage may import besides itself.  Lower stages never import higher ones; siblings
#: (ingest, parse, render, assemble) never import each other, so each can be read and changed alone.
ALLOWED: dict[str, frozenset[str]] = {
    "text": frozenset(),
    "core": frozenset(),
    "ingest": frozenset({"core", "text"}),
    "parse": frozenset({"core", "text"}),
    "render": frozenset({"core", "text"}),
    "assemble": frozenset({"core", "text"}),
    "brief": frozenset({"core", "text", "ingest"}),
    "pipeline": frozenset({"core", "text", "parse", "render", "assemble"}),
    "template_tools": frozenset({"core", "text", "ingest", "brief", "assemble", "parse", "render", "pipeline"}),
    # Briefgen as a desktop app (its menu entry and file type, Qt's system libraries): Qt-free, for the CLI.
    "desktop": frozenset({"core"}),
    # The CLI's `gui` command starts the window, so the CLI may import the GUI package (lazily); nothing else may.
    "cli": frozenset(
        {"core", "text", "ingest", "brief", "assemble", "parse", "render", "pipeline", "template_tools", "desktop"}
    )
    | {"gui"},
    "gui": frozenset({"core", "text", "ingest", "brief", "assemble", "parse", "render", "pipeline", "template_tools"}),
    # The package root: ``__init__`` (the version) and ``__main__`` (python -m app runs the CLI).
    "": frozenset({"cli"}),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_DIR).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def app_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE_DIR.rglob("*.py"))}


def _imported(node: ast.Import | ast.ImportFrom, name: str, is_package: bool, modules: Iterable[str]) -> list[str]:
    """The app modules one import statement names (``from x import y`` names x.y when y is a module)."""
    known = set(modules)
    if isinstance(node, ast.Import):
        targets = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = name.split(".") if is_package else name.split(".")[:-1]
            package = package[: len(package) - node.level + 1]
            base = ".".join([*package, base] if base else package)
        targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
    found = []
    for target in targets:
        while target not in known and "." in target:
            target = target.rsplit(".", 1)[0]
        if target in known and target != "app":
            found.append(target)
    return found


def import_graph() -> dict[str, set[str]]:
    """Each app module → the app modules it imports anywhere in its text."""
    modules = app_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges.update(_imported(node, name, path.name == "__init__.py", modules))
        edges.discard(name)
        graph[name] = edges
    return graph


def stage_of(module: str) -> str:
    """``app.render.pdf.writer`` → ``render``; the package root's own modules → ``""``."""
    parts = module.split(".")
    if len(parts) == 1 or (len(parts) == 2 and parts[1] in ("__main__",)):
        return ""
    return parts[1]


def layering_violations(graph: Mapping[str, Iterable[str]]) -> list[str]:
    """Every import that crosses the contract, as 'importer → imported (stage may only import …)'."""
    problems = []
    for module, targets in sorted(graph.items()):
        stage = stage_of(module)
        allowed = ALLOWED.get(stage)
        for target in sorted(targets):
            target_stage = stage_of(target)
            if target_stage == stage:
                continue
            if allowed is None or target_stage not in allowed:
                may = ", ".join(sorted(allowed or ())) or "nothing else"
                problems.append(f"{module} → {target} ({stage or 'app'} may only import {may})")
    return problems


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found
