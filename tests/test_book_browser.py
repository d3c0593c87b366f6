"""A reader's view of the built book: Chromium on the site served from localhost.

Every page of both editions loads with no console error, its figures render and have
alternative text, no output area is blank (every dashboard shows its first picture and how to
open it live), the axe-core audit finds nothing serious or critical, search finds a
Spanish word, and the language switch lands on the same page in the other language.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser_support import chromium_page, free_port, wait_for
from mipyme.book import page_paths
from mipyme.curriculum import find_root
from tests.test_book import full_book

AXE_VERSION = "4"
AXE = find_root() / "build" / "node" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def axe_script() -> Path:
    """axe-core from npm, installed once into build/node (the registry is reachable)."""
    if not AXE.is_file():
        subprocess.run(["npm", "install", "--prefix", str(AXE.parents[2]),
                        f"axe-core@{AXE_VERSION}", "--no-audit", "--no-fund"],
                       check=True, capture_output=True)
    return AXE


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                             "127.0.0.1", "--directory", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/index.html", 30)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def book_site() -> Iterator[tuple[str, Path]]:
    site = full_book()
    with served(site) as base:
        yield base, site


def test_every_page_loads_clean_with_figures_alt_text_and_no_serious_axe_violation(
        book_site, axe_script):
    base, site = book_site
    problems: list[str] = []
    figures = dashboards = 0
    with chromium_page() as page:
        errors: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
                if r.status >= 400 else None)
        for lang in ("es", "en"):
            for rel in page_paths(site / lang):
                errors.clear()
                url = f"{base}/{lang}/{rel}"
                # "load" waits for the page's images, styles and scripts; anything the page
                # fetches later fails while axe runs, and is read after it.
                page.goto(url, wait_until="load")
                images = page.eval_on_selector_all(
                    "article img, main img",
                    "els => els.map(e => [e.getAttribute('src'), e.getAttribute('alt'),"
                    " e.complete && e.naturalWidth > 0])")
                for src, alt, loaded in images:
                    figures += 1
                    if not loaded:
                        problems.append(f"{lang}/{rel}: image {src} did not render")
                    if not (alt or "").strip() or (alt or "").endswith((".png", ".svg")):
                        problems.append(f"{lang}/{rel}: image {src} has no alt text")
                problems += [f"{lang}/{rel}: {p}" for p in _empty_outputs(page)]
                if rel.endswith("notebook.html"):
                    dashboards += _dashboards_shown(page, site / lang / rel, problems)
                page.add_script_tag(path=str(axe_script))
                found = page.evaluate(
                    "async () => (await axe.run(document, {resultTypes: ['violations']}))"
                    ".violations.filter(v => ['serious', 'critical'].includes(v.impact))"
                    ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3)"
                    ".map(n => n.target.join(' ')).join(' | '))")
                problems += [f"{lang}/{rel}: axe {v}" for v in found]
                problems += [f"{lang}/{rel}: console: {e}" for e in errors]
    assert figures >= 2, "the executed notebook's chart should be on its page in both editions"
    assert dashboards >= 2 * 16, f"only {dashboards} dashboards shown in the two editions"
    assert not problems, "\n".join(problems)


def _empty_outputs(page) -> list[str]:
    """Output areas a reader sees as blank: a widget with no kernel, or nothing at all."""
    found = page.evaluate("""() => {
        const out = [];
        for (const s of document.querySelectorAll(
                'script[type="application/vnd.jupyter.widget-view+json"]'))
            out.push('a live widget with no picture: ' + s.textContent.slice(0, 60));
        for (const o of document.querySelectorAll('.cell_output')) {
            const seen = o.innerText.trim() || o.querySelector('img, svg, table, figure');
            if (!seen) out.push('an empty output area after: '
                + (o.parentElement.innerText || '').trim().slice(0, 60));
        }
        return out;
    }""")
    return list(found)


def _dashboards_shown(page, html: Path, problems: list[str]) -> int:
    """Each dashboard on a notebook page: its first picture, with alt text, and how to open it
    live."""
    shown = page.eval_on_selector_all(
        ".mipyme-dashboard-static",
        "els => els.map(e => [e.querySelector('img') && e.querySelector('img').alt,"
        " e.querySelector('img') && e.querySelector('img').naturalWidth > 0,"
        " (e.querySelector('.mipyme-live-note') || {innerText: ''}).innerText])")
    for alt, loaded, note in shown:
        if not (alt or "").strip() or not loaded or "JupyterLab" not in note:
            problems.append(f"{html.name}: a dashboard without picture, alt text or live note")
    return len(shown)


def test_search_finds_a_spanish_word(book_site):
    base, _ = book_site
    with chromium_page() as page:
        # "canales" (channels) is in chapter 2's title and prose; Spanish stemming must match.
        page.goto(f"{base}/es/search.html?q=canales")
        page.wait_for_selector("#search-results ul.search li a", timeout=30_000)
        hits = page.eval_on_selector_all("#search-results ul.search li a",
                                         "els => els.map(e => e.getAttribute('href'))")
        assert any(h.startswith("ch02/") for h in hits), hits


def test_the_language_switch_lands_on_the_same_page(book_site):
    base, _ = book_site
    with chromium_page() as page:
        for start, other, rel in (("es", "en", "ch02/notebook.html"),
                                  ("en", "es", "ch12/facilitator.html"),
                                  ("es", "en", "index.html")):
            page.goto(f"{base}/{start}/{rel}")
            link = page.locator(f"a.mipyme-lang-link[hreflang='{other}']")
            assert link.count() == 1
            link.click()
            page.wait_for_url(f"{base}/{other}/{rel}")
            assert page.get_attribute("html", "lang") == other
