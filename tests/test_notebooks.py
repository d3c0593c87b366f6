"""The chapter notebooks: one bilingual source each, built per language, in step, runnable.

Each notebook is written once (``notebooks/src/chNN_slug.py``) with its prose twice, a
Spanish Markdown cell followed by its English twin, and its code once. The build gives
``notebooks/es/`` and ``notebooks/en/``; these tests keep the two editions in step and
run every notebook in both languages.
"""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from mipyme import authoring
from mipyme.authoring import build_notebooks, parse_source, source_problems
from mipyme.curriculum import find_root, load_curriculum

ROOT = find_root()
SOURCES = sorted((ROOT / "notebooks" / "src").glob("*.py"))
COURSE = load_curriculum()


def test_every_ready_chapter_has_a_source_and_both_editions_built_from_it():
    assert len(SOURCES) == len(COURSE.ready()) == 18
    for chapter in COURSE.ready():
        assert (ROOT / chapter.notebook_source).is_file()
        for lang in ("es", "en"):
            assert (ROOT / chapter.notebook_path(lang)).is_file()
    assert build_notebooks(ROOT / "notebooks" / "src", ROOT / "notebooks", check=True) == []


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_each_source_gives_two_editions_in_step(source):
    text = source.read_text(encoding="utf-8")
    assert source_problems(text) == []
    cells = parse_source(text)
    twins = [(a, b) for a, b in itertools.pairwise(cells)
             if a.kind == b.kind == "markdown" and (a.lang, b.lang) == ("es", "en")]
    assert len(twins) >= 5, "a chapter notebook explains itself in prose"
    for es, en in twins:
        # The same structure and the same numbers in both languages.
        assert _headings(es.text) == _headings(en.text), (es.line, es.text[:80])
        assert _numbers(es.text) == _numbers(en.text), (es.line, es.text[:80])
    # Prose lives in Markdown cells, not in code.
    for cell in cells:
        if cell.kind == "code":
            for line in cell.text.splitlines():
                assert not re.match(r'^\s*say\("nb\.[\w.]+"\)\s*$', line), (cell.line, line)


def _headings(text: str) -> list[int]:
    return [len(m[1]) for m in re.finditer(r"^(#+) ", text, flags=re.M)]


def _numbers(text: str) -> list[str]:
    """The figures of a text, as written in both languages (thousands commas dropped)."""
    return sorted(n.replace(",", "").rstrip(".") for n in re.findall(r"\d[\d,.]*", text))


def test_a_broken_source_is_named_line_by_line():
    lonely = '# %% [markdown] lang="es"\n# Hola\n# %%\nx = 1\n'
    problems = source_problems(lonely)
    assert any("line 1" in p and 'lang="en"' in p for p in problems)
    assert any('setup("es")' in p for p in problems)


def test_an_instructor_rewrites_a_paragraph_and_an_order_and_sees_them(tmp_path):
    """The guide's recipe: edit the chapter's source, run one command, see it everywhere."""
    kit = tmp_path / "kit"
    (kit / "notebooks").mkdir(parents=True)
    shutil.copytree(ROOT / "notebooks" / "src", kit / "notebooks" / "src")
    shutil.copy(ROOT / "curriculum.toml", kit)
    source = kit / "notebooks" / "src" / "ch07_incoterms.py"
    text = source.read_text(encoding="utf-8")
    order = 'Shipment(miel, units=240, mode="air"'
    assert "Wendy Chan produce miel" in text and order in text
    text = text.replace("Wendy Chan produce miel", "Doña Rosa Pech produce miel", 1)
    text = text.replace(order, order.replace("units=240", "units=300"), 1)
    source.write_text(text, encoding="utf-8")

    assert authoring.main(["--root", str(kit)]) == 0
    assert authoring.main(["--root", str(kit), "--check"]) == 0
    spanish = nbformat.read(kit / "notebooks" / "es" / "ch07_incoterms.ipynb", as_version=4)
    english = nbformat.read(kit / "notebooks" / "en" / "ch07_incoterms.ipynb", as_version=4)
    prose = "\n".join(c.source for c in spanish.cells if c.cell_type == "markdown")
    assert "Doña Rosa Pech produce miel" in prose
    assert "Doña Rosa" not in "\n".join(c.source for c in english.cells
                                        if c.cell_type == "markdown")
    for nb in (spanish, english):  # the order is code: both editions change
        assert any('Shipment(miel, units=300, mode="air"' in c.source for c in nb.cells
                   if c.cell_type == "code")

    # The book takes the rebuilt notebook of each edition.
    from mipyme.book import write_edition

    course = load_curriculum(kit / "curriculum.toml")
    shutil.copytree(ROOT / "book", kit / "book")
    shutil.copytree(ROOT / "exercises", kit / "exercises",
                    ignore=shutil.ignore_patterns("release", "submitted", "autograded",
                                                  "feedback", "gradebook.db"))
    write_edition(course, "es", tmp_path / "es", cache=tmp_path / "cache", only=["ch07"],
                  execute=False, book_dir=kit / "book")
    page = nbformat.read(tmp_path / "es" / "ch07" / "notebook.ipynb", as_version=4)
    assert any("Doña Rosa Pech produce miel" in c.source for c in page.cells)


def run_notebook(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


NOTEBOOKS = [(lang, source.stem) for source in SOURCES for lang in ("es", "en")]


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "name"), NOTEBOOKS, ids=[f"{n}-{la}" for la, n in NOTEBOOKS])
def test_notebook_runs_clean(lang, name):
    path = ROOT / "notebooks" / lang / f"{name}.ipynb"
    nb = run_notebook(path)
    assert nb.metadata["mipyme"]["lang"] == lang
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", cell.source
            if output.get("output_type") == "stream":
                assert output["name"] != "stderr", output["text"]
    shown = "\n".join(o.get("data", {}).get("text/markdown", "")
                      for c in nb.cells for o in c.get("outputs", []))
    marker = "Language: English" if lang == "en" else "Idioma: español"
    assert marker in shown


@pytest.mark.parametrize("chapter", [c.id for c in COURSE.ready()])
def test_every_chapter_predicts_then_moves_its_dashboard(chapter):
    """Eighteen of eighteen: each notebook asks for a guess, builds its chapter's dashboard,
    then compares, in that order, and the dashboard is the one the benchmark times."""
    from mipyme.dashboards import CHAPTER_DASHBOARDS

    path, _ = CHAPTER_DASHBOARDS[chapter]
    cls = path.split(":")[1]
    cells = parse_source((ROOT / COURSE.chapter(chapter).notebook_source).read_text("utf-8"))
    code = [c.text for c in cells if c.kind == "code"]
    guess = next(i for i, c in enumerate(code) if re.search(r"^prediccion = None", c, re.M))
    built = next(i for i, c in enumerate(code) if cls + "(" in c and ".widget()" in c)
    compared = next(i for i, c in enumerate(code) if ".compare(prediccion)" in c)
    assert guess < built < compared
    # The question comes before the guess, in both languages.
    before = [c for c in cells[:cells.index(next(c for c in cells if c.kind == "code"
                                                 and c.text == code[guess]))]
              if c.kind == "markdown"]
    assert {c.lang for c in before[-2:]} == {"es", "en"}
    assert "?" in before[-2].text and "?" in before[-1].text
