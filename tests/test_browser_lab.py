"""A person's view: JupyterLab in Chromium runs a dashboard notebook and a slider moves it."""

from __future__ import annotations

import re
import shutil

from browser_support import chromium_page, jupyter_lab
from mipyme.curriculum import find_root

NOTEBOOK = "ch14_flujo_credito.ipynb"


def test_dashboard_notebook_responds_to_a_slider(tmp_path):
    shutil.copy(find_root() / "notebooks" / NOTEBOOK, tmp_path / NOTEBOOK)
    with jupyter_lab(tmp_path) as (base, token), chromium_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}", timeout=120_000)
        page.wait_for_selector(".jp-Notebook", timeout=120_000)
        page.wait_for_function("document.body.innerText.includes('| Idle')",
                               timeout=120_000)  # the kernel has started
        page.click("text=Run", timeout=30_000)
        page.click("text=Run All Cells", timeout=30_000)
        summary = page.locator(".mipyme-summary")
        summary.wait_for(state="attached", timeout=120_000)
        summary.scroll_into_view_if_needed()
        before_text = summary.inner_text()
        assert re.search(r"Punto de equilibrio: \d+ unidades", before_text), before_text
        figure = page.locator(".jp-OutputArea-output img").last
        figure.wait_for(state="attached", timeout=60_000)
        before_image = figure.get_attribute("src")
        page.screenshot(path=str(tmp_path / "before.png"))

        handle = page.locator(".widget-slider .noUi-handle").first
        handle.scroll_into_view_if_needed()
        handle.focus()
        for _ in range(10):
            handle.press("ArrowRight")  # the price slider: +10 pesos per step
        page.wait_for_function(
            "before => document.querySelector('.mipyme-summary').innerText !== before",
            arg=before_text, timeout=60_000)
        after_text = summary.inner_text()
        figure = page.locator(".jp-OutputArea-output img").last
        page.wait_for_function(
            "before => { const imgs = document.querySelectorAll('.jp-OutputArea-output img');"
            " return imgs.length && imgs[imgs.length - 1].src !== before; }",
            arg=before_image, timeout=60_000)
        page.screenshot(path=str(tmp_path / "after.png"))
        units = [int(re.search(r"equilibrio: (\d+)", t).group(1))
                 for t in (before_text, after_text)]
        assert units[1] < units[0], (before_text, after_text)  # a higher price: fewer units
        assert not errors, errors
