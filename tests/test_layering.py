"""The package's wings import only downwards and no module imports itself back.

Every import counts, at module level or inside a function: a lazy import is still a
dependency (it only defers the cost). Top-level modules (records, config, lexicon, cli)
form the base that every wing may use.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# wing -> the wings its modules may import besides their own
ALLOWED = {
    "base": set(),
    "ingest": {"base"},
    "model": {"base"},
    "rules": {"base", "ingest", "model"},
    "corpus": {"base", "rules"},
    "outputs": {"base", "ingest", "rules", "corpus"},
    "run": {"base", "ingest", "model", "rules", "corpus", "outputs"},
}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path) -> dict[str, set[str]]:
    """module -> the modules of the package it imports, anywhere in its code."""
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                # `from . import nlp` imports the module nlp; `from .x import f` imports x
                targets |= {f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names}
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def wing(module: str, root: Path) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (root / parts[1]).is_dir() else "base"


def upward_imports(root: Path) -> list[str]:
    graph = import_graph(root)
    return sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets
                  if wing(a, root) != wing(b, root) and wing(b, root) not in ALLOWED[wing(a, root)])


def cycles(root: Path) -> list[list[str]]:
    """One path per import cycle found by a depth-first walk."""
    graph, state, found = import_graph(root), {}, []

    def visit(path: list[str]) -> None:
        state[path[-1]] = "open"
        for nxt in sorted(graph[path[-1]]):
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(path + [nxt])
        state[path[-1]] = "done"

    for node in sorted(graph):
        if node not in state:
            visit([node])
    return found


def test_every_module_belongs_to_a_known_wing():
    root = ROOT / "pipeline"
    assert {wing(m, root) for m in import_graph(root)} <= set(ALLOWED)


def test_wings_import_only_the_wings_below_them():
    assert upward_imports(ROOT / "pipeline") == []


def test_no_module_imports_itself_back():
    assert cycles(ROOT / "pipeline") == []


def write_package(root: Path, modules: dict[str, str]) -> Path:
    for name, code in modules.items():
        path = root / "pipeline" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")
    for folder in {p.parent for p in (root / "pipeline").rglob("*.py")}:
        (folder / "__init__.py").touch()
    return root / "pipeline"


def test_a_rule_that_imports_from_corpus_is_caught_even_inside_a_function(tmp_path):
    root = write_package(tmp_path, {
        "records.py": "",
        "rules/money.py": "from ..records import *\n\ndef f():\n    from ..corpus.consolidate import g\n",
        "corpus/consolidate.py": "from ..rules import money\n",
    })
    assert upward_imports(root) == ["pipeline.rules.money -> pipeline.corpus.consolidate"]
    assert cycles(root) == [["pipeline.corpus.consolidate", "pipeline.rules.money", "pipeline.corpus.consolidate"]]


def test_imports_within_a_wing_and_downwards_pass(tmp_path):
    root = write_package(tmp_path, {
        "records.py": "",
        "rules/dates.py": "from ..records import *\n",
        "rules/entities.py": "from .dates import x\nfrom . import dates\n",
        "corpus/consolidate.py": "from ..rules.entities import y\n",
        "run/runner.py": "import pipeline.corpus.consolidate\n",
    })
    assert upward_imports(root) == [] and cycles(root) == []
