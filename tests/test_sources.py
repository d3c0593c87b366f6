"""What the kit publishes cites primary sources, never the team's internal notes (issue 20).

The team's notes (``shared/domain-notes.md``, "notas de dominio", "domain notes") are a
starting point for writing, not a source. These tests check:

1. No learner-facing file names them or any file of ``shared/``: the readings, guides and
   facilitator notes (``book/``), the exercise specs and the nbgrader source notebooks, the
   chapter notebooks (``notebooks/``), the datasets' README, the packaged data tables and texts
   (``src/mipyme/data/``) and the top-level README. The words are searched case-insensitively
   and also when a line break (or a ``#`` comment marker) falls between them.
2. Every row of every packaged table with a ``source`` column either names a primary source
   (:data:`PRIMARY`: the issuer or the legal text, e.g. DOF, SAT, LIVA, LISR, LIF, CBP, the
   Federal Register, USITC HTSUS, ICC, Banxico, INEGI, AMVO, CONDUSEF, Profeco, a platform's
   own help page, a programme's own publication) or says plainly that the figure is not a
   verified fact (:data:`LABELLED`: "estimate" / "estimación", or "example value" / "valor de
   ejemplo" / "fictional" for the values made up for teaching, which the fact sheet of issue
   20 treats as the same label). Two kinds of row carry no figure to source and are accepted
   as such: a domestic sale's "no customs / no import duty" lines, and a row that only points
   to another packaged table (``see store_channels.csv``), whose rows are checked here too.
3. The built book (built now if it is not current with its sources, as every book test does):
   no page of ``build/book/{es,en}/`` (``*.html``) names the internal notes.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from mipyme.curriculum import find_root
from mipyme.tables import read_table

ROOT = find_root()
DATA = ROOT / "src" / "mipyme" / "data"

#: What may stand between two words of a citation: spaces, line breaks, comment markers.
_GAP = r"[\s#>*_\-]+"
#: The ways the internal notes get cited.
INTERNAL = re.compile(
    rf"domain{_GAP}notes|notas{_GAP}de{_GAP}dominio|\bshared\s*/", re.IGNORECASE)

#: The learner-facing files, by group: (label, glob patterns relative to the repository).
PUBLISHED = {
    "readings and guides": ("book/**/*.md",),
    "facilitator notes and book settings": ("book/**/*.toml",),
    "exercise specs": ("exercises/specs/*.toml",),
    "exercise source notebooks": ("exercises/source/**/*.ipynb",),
    "chapter notebooks": ("notebooks/**/*.py", "notebooks/**/*.ipynb"),
    "datasets README": ("datasets/README.md",),
    "packaged data tables": ("src/mipyme/data/**/*.csv",),
    "packaged texts": ("src/mipyme/data/**/*.toml",),
    "README": ("README.md",),
}

#: Issuers and legal texts accepted as a primary source in a table's ``source``.
PRIMARY = re.compile(
    r"\b(?:DOF|SAT|LIVA|RLIVA|LISR|LIF|LFPC|CFR|CBP|CSMS|USITC|HTSUS?|ICC|Banxico|INEGI|AMVO"
    r"|CONDUSEF|Profeco|PROFECO|SENASICA|ISO \d+|Concanaco(?:-Servytur)?|Pro Mujer)\b"
    r"|Federal Register|\b\d+ FR \d+|Executive Order \d+|Trade Act of 1974"
    r"|Etsy Help Center|Drexler, Fischer & Schoar|Bijmolt")
#: Plain labels that a figure is not a verified fact.
LABELLED = re.compile(
    r"\bestimates?\b|\bestimaci[oó]n(?:es)?\b|\bexample values?\b|\bvalor(?:es)? de ejemplo\b"
    r"|\bfictional\b|\bficticio", re.IGNORECASE)
#: A domestic sale: no customs, no import duty, nothing to cite.
_DOMESTIC = re.compile(r"^domestic sale\b")
#: A row that only points to another packaged table.
_POINTER = re.compile(r"\b(?:see|in) ([a-z_]+)\.csv\b")


def _chunks(path: Path) -> list[tuple[str, str]]:
    """The texts of ``path`` to search, each with where it is: the whole file, or for a
    notebook each cell (its source and its outputs) as ``cell N``."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return [("", raw)]
    strings: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            strings.append(node)
        elif isinstance(node, list):
            if node and all(isinstance(x, str) for x in node):
                strings.append("".join(node))  # a text split line by line
            else:
                for x in node:
                    walk(x)
        elif isinstance(node, dict):
            for x in node.values():
                walk(x)

    notebook = json.loads(raw)
    chunks = []
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        strings.clear()
        walk(cell)
        chunks.append((f"cell {number}, ", "\n".join(strings)))
    strings.clear()
    walk(notebook.get("metadata", {}))
    chunks.append(("metadata, ", "\n".join(strings)))
    return chunks


def citations(text: str) -> list[tuple[int, str]]:
    """Each citation of the internal notes in ``text``: (line, the words found).

    >>> citations("Según las notas\\nde dominio del kit.")
    [(1, 'notas de dominio')]
    >>> citations("# from the domain\\n# notes; see shared/domain-notes.md")
    [(1, 'domain notes'), (2, 'shared/'), (2, 'domain-notes')]
    >>> citations("the shared store; a domain expert's notes")
    []
    """
    found = []
    for match in INTERNAL.finditer(text):
        words = re.sub(r"[\s#>*_]+", " ", match.group(0)).strip()
        found.append((text.count("\n", 0, match.start()) + 1, words))
    return found


def _files(patterns: tuple[str, ...]) -> list[Path]:
    return sorted({p for pattern in patterns for p in ROOT.glob(pattern) if p.is_file()})


@pytest.mark.parametrize("group", list(PUBLISHED))
def test_no_published_file_cites_the_internal_notes(group):
    files = _files(PUBLISHED[group])
    assert files or group == "exercise source notebooks", f"no files found for {group}"
    hits = [f"{path.relative_to(ROOT)}: {where}line {line}: {words}"
            for path in files for where, text in _chunks(path)
            for line, words in citations(text)]
    assert not hits, (f"{group}: cite the primary source with its date, or label the figure "
                      f"'estimate, unverified' / 'estimación, sin verificar':\n"
                      + "\n".join(hits))


def _tables_with_a_source() -> list[str]:
    names = []
    for path in sorted(DATA.glob("*.csv")):
        header = next(line for line in path.read_text(encoding="utf-8").splitlines()
                      if line and not line.startswith("#"))
        if "source" in header.split(","):
            names.append(path.stem)
    return names


TABLES = _tables_with_a_source()


def source_is_accepted(source: str) -> bool:
    """Whether a table row's ``source`` names a primary source or labels its figure.

    >>> source_is_accepted("LIVA art. 29 (0% on exported goods)")
    True
    >>> source_is_accepted("Stripe MX 3.6% + MXN 3: estimate, unverified")
    True
    >>> source_is_accepted("valor de ejemplo para enseñar")
    True
    >>> source_is_accepted("see store_channels.csv")
    True
    >>> source_is_accepted("shared/domain-notes.md")
    False
    >>> source_is_accepted("2026 reform for digital platforms")
    False
    """
    source = source.strip()
    if not source or INTERNAL.search(source):
        return False
    if PRIMARY.search(source) or LABELLED.search(source) or _DOMESTIC.match(source):
        return True
    pointer = _POINTER.search(source)
    return bool(pointer) and pointer.group(1) in TABLES


def test_the_packaged_tables_with_a_source_column_are_found():
    assert {"tariffs", "markets", "iva_rates", "marketplace_withholding", "exchange_rates",
            "store_channels", "incoterms"} <= set(TABLES)


@pytest.mark.parametrize("name", TABLES)
def test_every_table_row_names_a_primary_source_or_says_estimate(name):
    frame = read_table(name)
    bad = sorted({str(s) for s in frame["source"] if not source_is_accepted(str(s))})
    assert not bad, (f"{name}.csv: each source must name a primary source (DOF, SAT, LIVA, "
                     f"LISR, LIF, CBP, Federal Register, USITC HTSUS, ICC, Banxico...) or say "
                     f"'estimate':\n" + "\n".join(bad))


@pytest.fixture(scope="module")
def site() -> Path:
    """The whole book, current with the sources (built now if it is not)."""
    from tests.test_book import full_book

    return full_book()


def test_no_built_page_cites_the_internal_notes(site):
    BUILT = [site / lang for lang in ("es", "en")]
    pages = [page for folder in BUILT if folder.is_dir() for page in folder.rglob("*.html")]
    assert pages, "build/book exists but holds no pages"
    hits = []
    for page in pages:
        text = html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
        hits += [f"{page.relative_to(ROOT)}: {words}" for _, words in citations(text)]
    assert not hits, ("built pages cite the internal notes (fix the source, then rebuild "
                      "the book with `make book`):\n" + "\n".join(sorted(set(hits))))
