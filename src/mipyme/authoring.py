"""Notebooks are written as one bilingual plain-text source per chapter, built per language.

A source (``notebooks/src/chNN_slug.py``) is a Python file in the *percent* format, as
jupytext writes it: ``# %%`` starts a code cell and ``# %% [markdown]`` a Markdown cell
whose lines start with ``# ``. Prose is written twice, side by side: a Markdown cell marked
``lang="es"`` followed by its English twin marked ``lang="en"``. Code cells are shared, so
both editions run the same code on the same numbers; only the first code cell's
``setup("es")`` becomes ``setup("en")`` in the English notebook.

The build writes ``notebooks/es/chNN_slug.ipynb`` and ``notebooks/en/chNN_slug.ipynb``.
It is deterministic (fixed cell ids), so a test can check the notebooks are up to date.
An instructor who rewrites a paragraph or swaps a product edits the source and runs
``make notebooks`` (``python -m mipyme.authoring``).

>>> source = '''# %% [markdown] lang="es"
... # ## Hola
... # %% [markdown] lang="en"
... # ## Hello
... # %%
... LANG = setup("es")
... '''
>>> nb = percent_to_notebook(source, "en")
>>> [c.cell_type for c in nb.cells], nb.cells[0].source, nb.cells[1].source
(['markdown', 'code'], '## Hello', 'LANG = setup("en")')
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from mipyme.errors import InputError

__all__ = ["LANGUAGES", "SourceCell", "build_notebooks", "escape_dollars", "parse_source",
           "percent_to_notebook",
           "source_problems"]

#: The editions, in the order their twin cells are written.
LANGUAGES = ("es", "en")

_KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
_MARKER = re.compile(r'^# %%(?:\s+\[(?P<kind>\w+)\])?(?:\s+lang="(?P<lang>\w+)")?\s*$')
_SETUP = 'setup("es")'


@dataclass(frozen=True, slots=True)
class SourceCell:
    """One cell of a source: ``kind`` is ``"code"`` or ``"markdown"``; ``lang`` is None if shared."""

    kind: str
    lang: str | None
    text: str
    line: int


def parse_source(text: str) -> list[SourceCell]:
    """The cells of a percent-format source, in order."""
    cells: list[tuple[str, str | None, int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("# %%"):
            match = _MARKER.match(line)
            if match is None:
                raise InputError("errors.authoring_marker", line=number, value=line)
            kind = "markdown" if match["kind"] == "markdown" else "code"
            cells.append((kind, match["lang"], number, []))
        elif cells:
            cells[-1][3].append(line)
    out = []
    for kind, lang, number, lines in cells:
        while lines and not lines[-1].strip():
            lines.pop()
        if kind == "markdown":
            body = "\n".join(ln[2:] if ln.startswith("# ") else ln.lstrip("#") for ln in lines)
        else:
            body = "\n".join(lines)
        out.append(SourceCell(kind, lang, body, number))
    return out


def source_problems(text: str) -> list[str]:
    """What keeps a source from giving two editions in step (empty when it is whole).

    Every Markdown cell in one language must be followed by its twin in the other; code
    cells are never marked with a language; the first code cell chooses the language with
    ``setup("es")``.
    """
    problems = []
    cells = parse_source(text)
    i = 0
    while i < len(cells):
        cell = cells[i]
        if cell.kind == "code" and cell.lang:
            problems.append(f"line {cell.line}: a code cell is shared; remove lang=")
        if cell.kind == "markdown" and cell.lang:
            twin = cells[i + 1] if i + 1 < len(cells) else None
            if cell.lang != LANGUAGES[0] or twin is None or twin.kind != "markdown" \
                    or twin.lang != LANGUAGES[1]:
                problems.append(f"line {cell.line}: a lang=\"{LANGUAGES[0]}\" Markdown cell "
                                f"must be followed by its lang=\"{LANGUAGES[1]}\" twin")
                i += 1
                continue
            i += 2
            continue
        i += 1
    code = [c for c in cells if c.kind == "code"]
    if not code or _SETUP not in code[0].text:
        problems.append(f"the first code cell must choose the language with {_SETUP}")
    return problems


_CODE_SPAN = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)


def escape_dollars(text: str) -> str:
    r"""Prose with every ``$`` of an amount kept as a dollar sign, not the start of a formula.

    JupyterLab and the book read the text between two ``$`` as mathematics, so
    "de $1,150 a $1,300" would come out as a formula. Writers write ``$`` as usual; the build
    escapes it (code spans are left alone).

    >>> escape_dollars("de $1,150 a $1,300 con `x = $5`")
    'de \\$1,150 a \\$1,300 con `x = $5`'
    """
    parts = _CODE_SPAN.split(text)
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"(?<!\\)\$", r"\\$", parts[i])
    return "".join(parts)


def percent_to_notebook(text: str, lang: str = "es") -> nbformat.NotebookNode:
    """The notebook of one edition (``"es"`` or ``"en"``) from a bilingual source."""
    if lang not in LANGUAGES:
        raise InputError("errors.one_of", arg="lang", choices=LANGUAGES, value=lang)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(_KERNEL)
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["mipyme"] = {"lang": lang}
    first_code = True
    for i, cell in enumerate(parse_source(text)):
        if cell.lang not in (None, lang):
            continue
        if cell.kind == "markdown":
            built = nbformat.v4.new_markdown_cell(escape_dollars(cell.text))
        else:
            body = cell.text
            if first_code:
                body = body.replace(_SETUP, f'setup("{lang}")', 1)
                first_code = False
            built = nbformat.v4.new_code_cell(body)
        built["id"] = f"cell-{i:02d}"
        nb.cells.append(built)
    return nb


def build_notebooks(src: Path, out: Path, *, check: bool = False) -> list[Path]:
    """Build every ``src/*.py`` into ``out/<lang>/*.ipynb``; with ``check``, only list stale ones."""
    stale = []
    for source in sorted(Path(src).glob("*.py")):
        text = source.read_text(encoding="utf-8")
        for lang in LANGUAGES:
            target = Path(out) / lang / f"{source.stem}.ipynb"
            built = nbformat.writes(percent_to_notebook(text, lang)) + "\n"
            if not target.exists() or target.read_text(encoding="utf-8") != built:
                stale.append(target)
                if not check:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(built, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    """``python -m mipyme.authoring [--check]``: build the kit's notebooks from their sources."""
    from mipyme.curriculum import find_root
    from mipyme.i18n import t

    parser = argparse.ArgumentParser(prog="python -m mipyme.authoring",
                                     description=t("authoring.cli.description"))
    parser.add_argument("--check", action="store_true", help=t("authoring.cli.check"))
    parser.add_argument("--root", type=Path, default=None, help=t("authoring.cli.root"))
    args = parser.parse_args(argv)
    root = args.root or find_root()
    problems = []
    for source in sorted((root / "notebooks" / "src").glob("*.py")):
        problems += [f"{source.name}: {p}"
                     for p in source_problems(source.read_text(encoding="utf-8"))]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    stale = build_notebooks(root / "notebooks" / "src", root / "notebooks", check=args.check)
    for path in stale:
        key = "authoring.cli.stale" if args.check else "authoring.cli.wrote"
        print(t(key, path=path.relative_to(root)))
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    raise SystemExit(main())
