"""The package is laid out as its pipeline: arrows between folders run one way only.

library → draft → read → judge → write, with the document model, errors, inputs and output
below everything, the commands above them and the CLI, which names the commands, on top.
A newcomer reading the folder names sees the flow; this test keeps it true, and finds any
import circle (which the layering alone would not).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "modellaw"

#: How low each folder (or top-level module) sits; a module may import only from its own rank
#: or below.  Within one rank, no circle.
RANKS = {"records": 0, "model": 0, "errors": 0, "inputs": 0, "labels": 0, "output": 0,
         "library": 1, "draft": 2, "read": 3, "judge": 4, "amend": 5, "write": 6,
         "serve": 7, "commands": 8, "cli": 9, "program": 10, "__main__": 10, "__init__": 10}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts).removesuffix(".__init__")] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `name` imports, anywhere in its body (lazy imports too)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            candidates = [module] + [f"{module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        targets |= {c for c in candidates if c in known and c != name}
    return targets


def _rank(module: str) -> int:
    parts = module.split(".")
    return RANKS[parts[1]] if len(parts) > 1 else RANKS["__init__"]


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def test_every_module_has_a_place_in_the_pipeline():
    assert {m.split(".")[1] for m in _modules() if "." in m} <= set(RANKS)


def test_arrows_run_down_only():
    upward = [f"{source} imports {target}" for source, targets in _graph().items()
              for target in targets
              if target != "modellaw" and _rank(target) > _rank(source)]
    assert upward == []


def test_no_import_circle():
    graph, state, circles = _graph(), {}, []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                circles.append(" -> ".join(stack[stack.index(target):] + [target]))
            elif target not in state:
                visit(target, stack)
        stack.pop()
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert circles == []
