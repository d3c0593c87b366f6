"""One headless Chromium for the whole field kit: HTML to PDF and HTML to PNG.

The system's Chromium (Debian package ``chromium``) driven by Playwright; one browser serves
every handout, card and knowledge check of a build. Before printing, :meth:`Renderer.pdf`
measures the page: text that would be cut off (an element wider than the page, or whose
content overflows its box) stops the build with the element named.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CHROMIUM", "PAGE_SIZES", "CutOffError", "Renderer", "find_overflow"]

#: The browser the kit drives (override with MIPYME_CHROMIUM).
CHROMIUM = os.environ.get("MIPYME_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
#: Paper sizes in CSS pixels (96 per inch) and in PDF points (72 per inch).
PAGE_SIZES = {"A4": {"px": (794, 1123), "pt": (595.28, 841.89)},
              "Letter": {"px": (816, 1056), "pt": (612.0, 792.0)}}

#: JavaScript that lists the elements whose text does not fit: wider than the body, or
#: whose content overflows its own box.
_OVERFLOW_JS = """() => {
  const limit = document.body.getBoundingClientRect().right + 1;
  const bad = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const clipped = (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'visible')
                 || (el.scrollHeight > el.clientHeight + 1 && style.overflowY !== 'visible');
    if (r.right > limit || clipped) bad.push(el.tagName + ': ' + (el.textContent || '').trim().slice(0, 60));
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) bad.push('page wider than the paper');
  return bad;
}"""


class CutOffError(RuntimeError):
    """Text would be cut off on the printed page."""


def find_overflow(page) -> list[str]:
    """The elements of ``page`` (a Playwright page) whose text would be cut off."""
    return page.evaluate(_OVERFLOW_JS)


class Renderer:
    """A Chromium opened once; use as a context manager."""

    def __enter__(self) -> Renderer:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        self._page = self._browser.new_page()
        return self

    def __exit__(self, *exc: object) -> None:
        self._browser.close()
        self._pw.stop()

    def pdf(self, html: str, path: Path, paper: str, margin_mm: int = 14) -> None:
        """Print ``html`` to ``path`` on ``paper`` ("A4" or "Letter") after the cut-off check."""
        width, height = PAGE_SIZES[paper]["px"]
        inner = width - round(2 * margin_mm * 96 / 25.4)
        page = self._page
        page.set_viewport_size({"width": inner, "height": height})
        page.set_content(html, wait_until="load")
        page.emulate_media(media="print")
        bad = find_overflow(page)
        if bad:
            raise CutOffError(f"{path.name}: text cut off: {bad[:3]}")
        margin = f"{margin_mm}mm"
        page.pdf(path=str(path), format=paper, print_background=True,
                 margin={"top": margin, "bottom": margin, "left": margin, "right": margin})
        page.emulate_media(media="screen")

    def png(self, html: str, path: Path, width: int, height: int) -> None:
        """Screenshot ``html`` at ``width`` x ``height`` CSS pixels (scale 1) to ``path``."""
        page = self._page
        page.set_viewport_size({"width": width, "height": height})
        page.set_content(html, wait_until="load")
        bad = find_overflow(page)
        overflow_y = page.evaluate("() => document.documentElement.scrollHeight")
        if bad or overflow_y > height + 1:
            raise CutOffError(f"{path.name}: text cut off: {bad[:3] or 'taller than the card'}")
        page.screenshot(path=str(path), full_page=False)
