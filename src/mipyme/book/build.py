"""Generate the Spanish and English editions of the book from the curriculum map, and build them.

The work is in five modules: :mod:`~mipyme.book.plan` (the pages of each edition),
:mod:`~mipyme.book.digests` (whether a build is stale; the cache of the students' copies),
:mod:`~mipyme.book.pages` (writing one edition's sources), this one (building the editions
with Jupyter Book) and :mod:`~mipyme.book.site_check` (checking a built site). The names
of ``__all__`` below are importable from here, as they always were.

Both editions come from ONE structure, ``curriculum.toml``: the same parts, the same
chapters in the same order and the same page names, so they cannot drift apart. Each
chapter has three pages with the same file names in every edition (the chapter page, its
notebook and its facilitator notes: :mod:`~mipyme.book.pages` says what each holds).

The guides listed in ``book/guides.toml`` (a part for each kind of user before the
curriculum parts, the facilitator's guide after them) become ``guides/<stem>.md`` in every
edition, from ``book/guides/<stem>.<lang>.md``.

A page whose file the kit does not have yet (a planned chapter, a guide being written) is
left out of BOTH editions. The generated sources go to ``build/book-src/<lang>/`` (never committed), the
built site to ``build/book/es/``, ``build/book/en/`` and a ``build/book/index.html`` that
sends the reader to the Spanish edition.

>>> from mipyme.curriculum import load_curriculum
>>> plan = edition_plan(load_curriculum(), only=["ch12"])
>>> [page for page, _ in plan["ch12"]][:2]
['ch12/index', 'ch12/notebook']
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from mipyme.book.digests import (
    STAMP,
    build_is_current,
    build_stamp,
    inputs_digest,
    library_digest,
    release_assignments,
)
from mipyme.book.pages import localize_notebook, write_edition
from mipyme.book.plan import datasets_folder, edition_plan, guide_plan
from mipyme.book.site_check import check_site, page_paths
from mipyme.curriculum import Curriculum, load_curriculum
from mipyme.i18n import LANGUAGES, check_language, t

__all__ = [
    "STAMP",
    "EditionResult",
    "build_book",
    "build_edition",
    "build_is_current",
    "check_site",
    "edition_plan",
    "guide_plan",
    "inputs_digest",
    "library_digest",
    "localize_notebook",
    "page_paths",
    "release_assignments",
    "write_edition",
]

_KERNEL_RACE = ("Kernel died before replying", "Address already in use")
_REDIRECT = """<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url=es/index.html">
<link rel="canonical" href="es/index.html">
<link rel="alternate" hreflang="en" href="en/index.html">
</head>
<body>
<main>
<h1>{title}</h1>
<p><a href="es/index.html" hreflang="es">{go_es}</a></p>
<p lang="en"><a href="en/index.html" hreflang="en">{go_en}</a></p>
</main>
</body>
</html>
"""


@dataclass(frozen=True, slots=True)
class EditionResult:
    """What building one edition did: its language, where its site is, and the build log."""

    lang: str
    html: Path
    returncode: int
    log: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0



def build_edition(src: Path, lang: str, *, datasets: Path, quiet: bool = True
                  ) -> EditionResult:
    """Run ``jupyter-book build`` on one edition's sources, warnings as errors (``-W -n``)."""
    src = Path(src).resolve()
    env = {**os.environ, "MIPYME_DATASETS": str(datasets),
           "IPYTHONDIR": str(src / "ipython"), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    cmd = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(src),
           "--path-output", str(src), "-W", "-n", "--keep-going"]
    if quiet:
        cmd.append("-q")
    log = ""
    for _attempt in range(2):
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=src)
        log += proc.stdout + proc.stderr
        # Two kernels started at once can race for the same TCP port; executed notebooks
        # are cached, so a second run only re-runs the one whose kernel died.
        if proc.returncode == 0 or not any(m in log for m in _KERNEL_RACE):
            break
    return EditionResult(lang, src / "_build" / "html", proc.returncode, log)


def build_book(out: str | Path = "build/book", *, langs: Sequence[str] = LANGUAGES,
               only: Iterable[str] | None = None, execute: bool | Iterable[str] = True,
               src: str | Path | None = None, cache: str | Path | None = None,
               course: Curriculum | None = None, jobs: int = 2,
               book_dir: str | Path | None = None,
               fieldkit: str | Path | None = None) -> list[EditionResult]:
    """Generate and build the editions in ``langs``; copy each site to ``out/<lang>/``.

    Editions build side by side (``jobs`` at a time). ``out/index.html`` sends readers
    to the Spanish edition. When every edition built, ``out/.mipyme-build.json`` records
    what they were built from (:func:`build_is_current`). Each chapter page offers its field
    kit's zip for download when ``fieldkit`` (default: ``out``'s sibling ``fieldkit/``, where
    ``make fieldkit`` writes) has it. Returns one :class:`EditionResult` per edition; a failed
    edition's site is not copied.
    """
    course = course or load_curriculum()
    langs = [check_language(lang) for lang in langs]
    out = Path(out).resolve()
    src = Path(src).resolve() if src else out.parent / f"{out.name}-src"
    cache = Path(cache).resolve() if cache else out.parent / f"{out.name}-cache"
    only = list(only) if only else None
    execute = execute if isinstance(execute, bool) else [course.chapter(c).id for c in execute]
    datasets = datasets_folder(course.root)
    out.mkdir(parents=True, exist_ok=True)
    (out / STAMP).unlink(missing_ok=True)  # a half-built site is never "current"
    fieldkit = Path(fieldkit).resolve() if fieldkit else out.parent / "fieldkit"
    stamp = build_stamp(course, langs, only, execute, book_dir, datasets, fieldkit)
    for lang in langs:
        write_edition(course, lang, src / lang, cache=cache / lang, only=only, execute=execute,
                      book_dir=book_dir, fieldkit=fieldkit)
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        results = list(pool.map(lambda lang: build_edition(src / lang, lang, datasets=datasets),
                                langs))
    out.mkdir(parents=True, exist_ok=True)
    for i, result in enumerate(results):
        if result.ok:
            target = out / result.lang
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(result.html, target)
            results[i] = replace(result, html=target)
    (out / "index.html").write_text(_REDIRECT.format(
        title=t("book.title", lang="es"), go_es=t("book.redirect", lang="es"),
        go_en=t("book.redirect", lang="en")), encoding="utf-8")
    if all(result.ok for result in results):
        (out / STAMP).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
    return results
