"""Checking a built site: current, the editions paired, every link whole, no secret shipped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote

from mipyme.book.digests import build_is_current
from mipyme.curriculum import Curriculum, load_curriculum
from mipyme.i18n import LANGUAGES, check_language, t

__all__ = ["check_site", "page_paths"]


def page_paths(site: Path) -> list[str]:
    """The HTML pages of one built edition, relative to it (``ch12/index.html``, ...).

    Sphinx's own pages (``genindex``, ``search``) are included; static files are not.
    """
    site = Path(site)
    skip = ("_static/", "_sources/", "_images/", "_sphinx_design_static/")
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith(skip))


_LINK = re.compile(r'\s(?:href|src)="([^"#?]*)[^"]*"')
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
_SECRETS = ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


def check_site(out: str | Path = "build/book", *, langs: Sequence[str] = LANGUAGES,
               course: Curriculum | None = None) -> list[str]:
    """Every problem of a built site, in words (an empty list: the site is fine).

    The site must be current with the sources (:func:`build_is_current` with the default
    options, so what ``make book`` builds), the editions must have the same pages, every
    link and image in a page must point to a file of the site (links out of the site are
    not followed), and no download may carry a solution or a hidden test.

    >>> check_site("/no/such/site")[0].startswith("/no/such/site")
    True
    """
    course = course or load_curriculum()
    out = Path(out)
    langs = [check_language(lang) for lang in langs]
    if not all((out / lang / "index.html").is_file() for lang in langs):
        return [t("book.check_missing", path=out)]
    problems = []
    if not build_is_current(out, course=course, langs=langs):
        problems.append(t("book.check_stale", path=out))
    pages = {lang: page_paths(out / lang) for lang in langs}
    for lang in langs[1:]:
        for page in sorted(set(pages[langs[0]]) ^ set(pages[lang])):
            problems.append(t("book.check_unpaired", page=page, a=langs[0], b=lang))
    for lang in langs:
        site = (out / lang).resolve()
        for page in pages[lang]:
            html = (site / page).read_text(encoding="utf-8")
            for target in sorted(set(_LINK.findall(html))):
                if not target or _EXTERNAL.match(target):
                    continue
                file = ((site / page).parent / unquote(target)).resolve()
                if file.is_dir():
                    file = file / "index.html"
                if not file.is_relative_to(out.resolve()) or not file.exists():
                    problems.append(t("book.check_broken", page=f"{lang}/{page}",
                                      target=target))
        for download in sorted((site / "_downloads").rglob("*.ipynb")):
            text = download.read_text(encoding="utf-8")
            if any(secret in text for secret in _SECRETS):
                problems.append(t("book.check_secret",
                                  file=download.relative_to(out.resolve()).as_posix()))
    return problems
