"""A person's view: a chapter notebook in the student's JupyterLab (``make lab``), in Spanish and
in English. The prose shows before anything runs, Run All gives no error, and a slider moves
the dashboard."""

from __future__ import annotations

import re

import nbformat
import pytest

from browser_support import chromium_page
from lab_support import student_lab
from mipyme.i18n import t

NOTEBOOK = "ch14_flujo_credito.ipynb"
STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]'  # errors and warnings alike


@pytest.fixture(scope="module", params=["es", "en"])
def lab_of(request, tmp_path_factory):
    """``make lab LAB_LANG=<lang>``: one student lab per language, one after the other."""
    home = tmp_path_factory.mktemp(f"lab-{request.param}")
    with student_lab(home, request.param) as (ws, base, token):
        yield ws, base, token


def _headings(path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    return [line.lstrip("#").strip() for cell in notebook.cells if cell.cell_type == "markdown"
            for line in cell.source.splitlines() if line.startswith("#")]


def _units(summary: str) -> int:
    """The break-even units, the summary's first figure ("Punto de equilibrio: 63 ...",
    "Break-even: 63 ...")."""
    return int(re.search(r":\s*(\d[\d,]*)", summary).group(1).replace(",", ""))


def test_chapter_notebook_reads_runs_and_responds_to_a_slider(lab_of, tmp_path):
    ws, base, token = lab_of
    notebook = ws.root / NOTEBOOK
    assert nbformat.read(notebook, as_version=4).metadata["mipyme"]["lang"] == ws.lang
    headings = _headings(notebook)
    assert len(headings) >= 3, headings
    with chromium_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}", timeout=120_000)
        page.wait_for_selector(".jp-Notebook .jp-MarkdownOutput h1", timeout=120_000)

        # Before running anything: the notebook's own headings, rendered and on screen.
        title = page.locator(".jp-Notebook .jp-MarkdownOutput h1").first
        assert headings[0] in title.inner_text() and title.is_visible()
        rendered = " ".join(page.locator(".jp-Notebook .jp-MarkdownOutput").all_inner_texts())
        for heading in headings:
            assert heading in rendered, (heading, rendered[:500])
        assert page.locator(".jp-Notebook .jp-OutputArea-output").count() == 0
        page.screenshot(path=str(tmp_path / f"{ws.lang}-before-running.png"))

        page.wait_for_function("document.body.innerText.includes('| Idle')",
                               timeout=120_000)  # the kernel has started
        page.click("text=Run", timeout=30_000)
        page.click("text=Run All Cells", timeout=30_000)
        summary = page.locator(".mipyme-summary")
        summary.wait_for(state="attached", timeout=120_000)
        page.wait_for_function(  # every code cell ran: [1], [2], ... never [ ] or [*]
            "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
            ".every(p => /\\[\\d+\\]/.test(p.textContent))", timeout=120_000)
        assert page.locator(f".jp-Notebook {STDERR}").count() == 0, page.locator(
            f".jp-Notebook {STDERR}").all_inner_texts()
        summary.scroll_into_view_if_needed()
        before_text = summary.inner_text()
        figure = page.locator(".jp-OutputArea-output img").last
        figure.wait_for(state="attached", timeout=60_000)
        before_image = figure.get_attribute("src")
        page.screenshot(path=str(tmp_path / f"{ws.lang}-before.png"))

        price = t("dash.finch.ch14.price", lang=ws.lang)
        handle = page.locator(".widget-slider", has_text=price).locator(".noUi-handle").first
        handle.scroll_into_view_if_needed()
        handle.focus()
        for _ in range(10):
            handle.press("ArrowRight")  # the price slider: +10 pesos per step
        page.wait_for_function(
            "before => document.querySelector('.mipyme-summary').innerText !== before",
            arg=before_text, timeout=60_000)
        after_text = summary.inner_text()
        page.wait_for_function(
            "before => { const imgs = document.querySelectorAll('.jp-OutputArea-output img');"
            " return imgs.length && imgs[imgs.length - 1].src !== before; }",
            arg=before_image, timeout=60_000)
        page.screenshot(path=str(tmp_path / f"{ws.lang}-after.png"))
        late_errors = page.locator(f".jp-Notebook {STDERR}").count()

    assert _units(after_text) < _units(before_text), (before_text, after_text)  # dearer: fewer
    assert late_errors == 0
    assert not errors, errors
