"""The layers of ARCHITECTURE.md, checked: every import of the kit is read and held to them.

Every ``import`` and ``from ... import`` of every Python file of the kit is read with
:mod:`ast`, the ones inside functions and classes too (a hidden import is still a
dependency). Two families of rules:

**Layers** (files under ``src/mipyme``, ``notebooks/src`` and ``exercises``): a module
imports only its own layer or the ones below it::

    entry points   mipyme.cli, mipyme.lab, every __main__ module
    views          mipyme.dashboards, mipyme.notebook, the notebooks
    course tooling mipyme.grading, .cohort, .book, .hub, .datasets, .curriculum,
                   .facilitator, .authoring, .kit
    domain rooms   mipyme.finance  <-  mipyme.store, mipyme.export
    floor          mipyme (the package face), .i18n, .errors, .tables, .money, .palette

- finance is the ground room: store and export may use it, it uses neither; store and
  export never use each other.
- From outside a room, only its public face: a name in the room's ``__all__``, or a name in
  the ``__all__`` of a submodule that is itself in the room's ``__all__``
  (``mipyme.finance.charts.OKABE_ITO``); never ``mipyme.finance.journal``.
- Of the course tooling, only the packages in :data:`TOOLING_ROOMS` use a room, and only
  those rooms (the classroom machinery, cohort, hub and book, knows no business).
- A module's ``if __name__ == "__main__":`` block is an entry point of its own.

**Private names** (every file, tests and bench included): a name with a leading underscore
belongs to its module; a module with a leading underscore (``mipyme/cohort/_limits.py``)
belongs to its package. Nothing else imports them, or reaches them as ``module._name``.
There is no exception for tests: what a test needs is public.

Crossings that other changes are removing now are listed in :data:`KNOWN_CROSSINGS`; the test
fails on any other crossing, and on a listed one that has gone (remove it from the list).
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
#: Where the kit's Python lives (tests and bench are held to the private-name rule only).
CHECKED = ("src/mipyme", "notebooks/src", "exercises", "tests", "bench", "conftest.py")

FLOOR, ROOM, TOOLING, VIEW, ENTRY = 0, 1, 2, 3, 4
LAYER_NAMES = {FLOOR: "floor", ROOM: "domain room", TOOLING: "course tooling", VIEW: "view",
               ENTRY: "entry point"}
#: Module (or package) -> layer; the longest matching prefix wins.
LAYERS = {
    "mipyme": FLOOR,  # the package face: __version__ and the floor's names
    "mipyme.i18n": FLOOR,
    "mipyme.errors": FLOOR,
    "mipyme.tables": FLOOR,
    "mipyme.money": FLOOR,
    "mipyme.charts": FLOOR,
    "mipyme.measures": FLOOR,
    "mipyme.cli_parser": FLOOR,
    "mipyme.finance": ROOM,
    "mipyme.store": ROOM,
    "mipyme.export": ROOM,
    "mipyme.grading": TOOLING,
    "mipyme.cohort": TOOLING,
    "mipyme.book": TOOLING,
    "mipyme.hub": TOOLING,
    "mipyme.datasets": TOOLING,
    "mipyme.curriculum": TOOLING,
    "mipyme.facilitator": TOOLING,
    "mipyme.facilitator_workshop": TOOLING,
    "mipyme.authoring": TOOLING,
    "mipyme.kit": TOOLING,
    "mipyme.fieldkit": TOOLING,
    "mipyme.dashboards": VIEW,
    "mipyme.notebook": VIEW,
    "mipyme.cli": ENTRY,
    "mipyme.lab": ENTRY,
}
#: Which rooms each room may use (through their public face).
ROOM_ROOMS = {"mipyme.finance": set(), "mipyme.store": {"mipyme.finance"},
              "mipyme.export": {"mipyme.finance"}}
#: The course tooling that uses rooms, and which: grading checks a student's books with the
#: journal; datasets runs the store simulator for the example businesses' online orders; the field
#: kit shows the library's worked examples on paper, in spreadsheets and on the phone.
TOOLING_ROOMS = {"mipyme.grading": {"mipyme.finance"}, "mipyme.datasets": {"mipyme.store"},
                 "mipyme.fieldkit": {"mipyme.finance", "mipyme.store", "mipyme.export"}}

#: Crossings in files outside this change: (file, what it imports). Each line says why it is
#: here; fix it in its own file, then delete the line (a line whose crossing is gone fails).
KNOWN_CROSSINGS: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Crossing:
    """One import against the rules: where, what, and which rule."""

    file: str
    line: int
    target: str
    rule: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: imports {self.target}: {self.rule}"


# -- the kit's modules, read from the source tree -----------------------------------------


def module_of(relpath: str) -> str | None:
    """The dotted name of a file under src/ (None for tests, bench, notebooks...)."""
    if not relpath.startswith("src/mipyme/"):
        return None
    parts = list(Path(relpath[len("src/"):]).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_file(name: str) -> Path | None:
    """The file of module or package ``name`` under src/, None when it is not a module."""
    base = SRC.joinpath(*name.split("."))
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


@functools.cache
def public_names(module: str) -> frozenset[str] | None:
    """The module's ``__all__`` as written in its source (None: it has none)."""
    path = module_file(module)
    if path is None:
        return None
    names: set[str] = set()
    found = False
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = (node.targets if isinstance(node, ast.Assign)
                   else [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign))
                   else [])
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets) and node.value:
            names.update(ast.literal_eval(node.value))
            found = True
    return frozenset(names) if found else None


def layer_of(module: str) -> tuple[int, str] | None:
    """``(layer, group)`` of a kit module: group is the package or module the layer names."""
    if module.rsplit(".", 1)[-1] == "__main__":
        return ENTRY, module
    parts = module.split(".")
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        if prefix in LAYERS:
            return LAYERS[prefix], prefix
    return None


def is_private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


# -- reading one file's imports ------------------------------------------------------------


@dataclass(frozen=True)
class Use:
    """One thing a file takes from the kit: ``from mipyme.finance.journal import Transaction``
    is the module ``mipyme.finance.journal`` and the name ``Transaction``."""

    line: int
    module: str  # the module the statement imports (for ``m._x``: the module m stands for)
    name: str | None  # the name taken from it (None: the module itself)
    main_block: bool  # inside ``if __name__ == "__main__":``
    attribute: bool = False  # reached as ``module._name``, not imported

    @property
    def target(self) -> str:
        return f"{self.module}.{self.name}" if self.name else self.module


def _is_main_guard(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return (isinstance(node, ast.If) and isinstance(test, ast.Compare)
            and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and any(isinstance(c, ast.Constant) and c.value == "__main__"
                    for c in test.comparators))


def uses_in(source: str, module: str | None, is_package: bool = False) -> list[Use]:
    """Every kit name that ``source`` imports, or reaches as an attribute of a kit module.

    Relative imports are resolved against ``module``. ``import mipyme.x as m`` followed by
    ``m._y`` counts as taking ``mipyme.x._y``.
    """
    tree = ast.parse(source)
    package = (module if is_package else module.rpartition(".")[0]) if module else ""
    main_nodes: set[int] = set()
    for node in ast.walk(tree):
        if _is_main_guard(node):
            main_nodes.update(id(n) for n in ast.walk(node))
    uses: list[Use] = []
    bound: dict[str, str] = {}  # local name -> the kit module or name it stands for
    for node in ast.walk(tree):
        in_main = id(node) in main_nodes
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "mipyme":
                    uses.append(Use(node.lineno, alias.name, None, in_main))
                    if alias.asname:
                        bound[alias.asname] = alias.name
                    else:
                        bound["mipyme"] = "mipyme"
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[:len(base) - (node.level - 1)]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            if origin.split(".")[0] != "mipyme":
                continue
            for alias in node.names:
                name = None if alias.name == "*" else alias.name
                uses.append(Use(node.lineno, origin, name, in_main))
                if name:
                    bound[alias.asname or name] = f"{origin}.{name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            chain = [node.attr]
            value = node.value
            while isinstance(value, ast.Attribute):
                chain.append(value.attr)
                value = value.value
            if isinstance(value, ast.Name) and value.id in bound:
                uses.append(Use(node.lineno, bound[value.id], ".".join(reversed(chain)),
                                id(node) in main_nodes, attribute=True))
    return uses


# -- the rules -----------------------------------------------------------------------------


def _private_crossing(importer: str | None, target: str) -> str | None:
    """Why ``importer`` may not take ``target`` by the private-name rule (None: it may)."""
    parts = target.split(".")
    for i in range(1, len(parts)):
        if not is_private(parts[i]):
            continue
        owner = ".".join(parts[:i])
        if module_file(".".join(parts[:i + 1])) is not None:  # a private module
            if importer is not None and (importer == owner or importer.startswith(owner + ".")):
                continue  # a package's own private module
            return (f"'{parts[i]}' is a private module of {owner}: only {owner} itself may "
                    "import it; use a public name")
        if importer != owner:
            return (f"'{parts[i]}' is a private name of {owner}: no other module may import "
                    "it; make it public or move it down")
    return None


@functools.cache
def _face_binding(package: str, name: str) -> str | None:
    """What the ``__init__`` of ``package`` binds ``name`` to by an import (None: nothing)."""
    path = module_file(package)
    if path is None or path.name != "__init__.py":
        return None
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    return f"{node.module}.{alias.name}"
    return None


def _room_face_crossing(room: str, use: Use) -> str | None:
    """Why ``use`` goes behind the public face of ``room`` (None: it does not)."""
    if use.module != room and not use.module.startswith(room + "."):
        return None  # ``from mipyme import finance``: the room itself
    current = room
    for part in use.module[len(room) + 1:].split(".") if use.module != room else []:
        names = public_names(current)
        binding = _face_binding(current, part)
        if names is None or part not in names or binding not in (None, f"{current}.{part}"):
            return (f"{current}.{part} is not a public name of the room {room} (the room's "
                    f"__all__, or the __all__ of a public submodule); use {room}'s face")
        current = f"{current}.{part}"
    names = public_names(current)
    if use.name and names is not None and use.name not in names:
        return (f"{use.name} is not in the __all__ of {current}, the public face of the room "
                f"{room}")
    return None


def crossings_in(relpath: str, source: str) -> list[Crossing]:
    """Every import of the file at ``relpath`` (from the repository root) against the rules."""
    module = module_of(relpath)
    is_package = relpath.endswith("__init__.py")
    if module is not None:
        own = layer_of(module)
    elif relpath.startswith(("notebooks/", "exercises/")):
        own = (VIEW, relpath)
    else:
        own = None  # tests, bench, conftest: the private-name rule only
    out = []
    for use in uses_in(source, module, is_package):
        def cross(rule: str, use: Use = use) -> None:
            out.append(Crossing(relpath, use.line, use.target, rule))

        why = _private_crossing(module, use.target)
        if why:
            cross(why)
            continue
        if own is None or use.main_block or use.attribute:
            continue
        # ``from mipyme import finance`` takes the package mipyme.finance
        found = layer_of(use.target if use.name and module_file(use.target) else use.module)
        if found is None:
            continue
        (mine, my_group), (theirs, group) = own, found
        if module is not None and (use.module == module or my_group == group):
            continue  # inside one package (or one layer module): its own business
        if theirs > mine:
            cross(f"a {LAYER_NAMES[mine]} ({my_group}) may not import from the higher layer "
                  f"'{LAYER_NAMES[theirs]}' ({group})")
            continue
        if theirs != ROOM:
            continue
        if mine == ROOM and group not in ROOM_ROOMS[my_group]:
            cross(f"the room {my_group} may not use the room {group} (rooms: finance is the "
                  "ground; store and export use finance only)")
            continue
        if mine == TOOLING and group not in TOOLING_ROOMS.get(my_group, set()):
            cross(f"the course tooling {my_group} may not use the room {group} (see "
                  "TOOLING_ROOMS: what it needs from there belongs on the floor or in "
                  "its own package)")
            continue
        why = _room_face_crossing(group, use)
        if why:
            cross(why)
    return out


def kit_files() -> list[Path]:
    files = []
    for place in CHECKED:
        path = ROOT / place
        files.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return [f for f in files if ".ipynb_checkpoints" not in f.parts]


@functools.cache
def all_crossings() -> tuple[Crossing, ...]:
    out = []
    for path in kit_files():
        relpath = path.relative_to(ROOT).as_posix()
        out.extend(crossings_in(relpath, path.read_text(encoding="utf-8")))
    return tuple(out)


def _known(crossing: Crossing) -> bool:
    return any(crossing.file == file and (crossing.target == target
                                          or crossing.target.startswith(target + "."))
               for file, target in KNOWN_CROSSINGS)


# -- the tests -----------------------------------------------------------------------------


def test_every_import_keeps_to_the_layers():
    new = [str(c) for c in all_crossings() if not _known(c)]
    assert not new, "imports against ARCHITECTURE.md:\n" + "\n".join(new)


def test_known_crossings_are_still_there():
    """A crossing fixed by its change leaves the list, so the list only shrinks."""
    gone = [entry for entry in sorted(KNOWN_CROSSINGS)
            if not any(c.file == entry[0] and (c.target == entry[1]
                                                or c.target.startswith(entry[1] + "."))
                       for c in all_crossings())]
    assert not gone, f"fixed: delete these from KNOWN_CROSSINGS: {gone}"


def test_every_kit_module_has_a_layer():
    missing = []
    for path in (SRC / "mipyme").rglob("*.py"):
        module = module_of(path.relative_to(ROOT).as_posix())
        if module and layer_of(module) is None:
            missing.append(module)
    assert not missing, f"add these to LAYERS (and ARCHITECTURE.md): {missing}"


SYNTHETIC = [
    # (file, source, what the rule must say)
    ("src/mipyme/finance/journal.py", "from mipyme.store import simulate\n",
     "may not use the room mipyme.store"),
    ("src/mipyme/store/books.py", "def f():\n    from mipyme.export import quote\n",
     "may not use the room mipyme.export"),
    ("src/mipyme/money.py", "def f():\n    from mipyme.finance import Journal\n",
     "higher layer 'domain room'"),
    ("src/mipyme/finance/charts.py", "import mipyme.dashboards\n",
     "higher layer 'view'"),
    ("src/mipyme/cohort/report.py", "from mipyme.finance.charts import OKABE_ITO\n",
     "course tooling mipyme.cohort may not use the room mipyme.finance"),
    ("src/mipyme/grading/feedback.py", "from mipyme.finance.journal import Transaction\n",
     "mipyme.finance.journal is not a public name"),
    ("src/mipyme/dashboards/store.py", "from mipyme.store.simulate import simulate\n",
     "mipyme.store.simulate is not a public name"),
    ("src/mipyme/hub/core.py", "class A:\n    def f(self):\n"
     "        from mipyme.cohort import _limits\n", "private module of mipyme.cohort"),
    ("src/mipyme/cohort/cascade.py", "from mipyme.cohort.gains import _gender\n",
     "private name of mipyme.cohort.gains"),
    ("tests/test_hub.py", "from mipyme.hub.core import _as_user\n",
     "private name of mipyme.hub.core"),
    ("bench/bench_book.py", "from mipyme.book import build\nbuild._datasets('.')\n",
     "private name of mipyme.book.build"),
    ("src/mipyme/cohort/sandbox.py", "from . import _limits\nfrom .gains import _key\n",
     "private name of mipyme.cohort.gains"),
    ("notebooks/src/ch99.py", "from mipyme.export.costing import Product\n",
     "mipyme.export.costing is not a public name"),
]


@pytest.mark.parametrize(("file", "source", "rule"), SYNTHETIC,
                         ids=[f"{f}:{s.split()[1]}" for f, s, _ in SYNTHETIC])
def test_a_crossing_added_fails(file, source, rule):
    found = crossings_in(file, source)
    assert len(found) == 1, found
    assert rule in found[0].rule
    assert found[0].file == file
    assert str(found[0]).startswith(f"{file}:{found[0].line}: imports ")


ALLOWED = [
    ("src/mipyme/store/simulate.py", "from mipyme.store.cents import to_cents\n"
     "from mipyme.finance.taxes import iva_rate\nfrom mipyme.finance import Journal\n"),
    ("src/mipyme/cohort/sandbox.py", "from mipyme.cohort import _limits\n"),
    ("src/mipyme/cohort/report.py", "from mipyme.charts import OKABE_ITO\n"
     "from mipyme.grading.feedback import say\n"),
    ("src/mipyme/dashboards/store.py", "from mipyme.store import simulate\n"
     "from mipyme.finance.charts import OKABE_ITO\nfrom mipyme.datasets import catalog_table\n"),
    ("src/mipyme/cohort/autograde.py", "if __name__ == '__main__':\n"
     "    from mipyme.cli import main\n"),
    ("src/mipyme/lab.py", "from mipyme.cli import Parser\nfrom mipyme.hub.core import plan_hub\n"),
    ("tests/test_ledger.py", "from mipyme.finance.journal import Journal\n"),
]


@pytest.mark.parametrize(("file", "source"), ALLOWED, ids=[f for f, _ in ALLOWED])
def test_what_the_layers_allow_passes(file, source):
    assert crossings_in(file, source) == []
