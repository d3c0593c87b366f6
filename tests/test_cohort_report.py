"""The program report over a real graded program: one self-contained, accessible, bilingual
HTML file whose inclusion figures never show a group of fewer than 5 people.

(The report's schedules, final grades, titles, plurals and PDF are checked over a larger
program in ``test_cohort_report_funders.py``.)"""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS
from cohort_support import (
    PROGRAM,
    axe_script,
    expected_people,
    gradebook_cell_failures,
    program,
)
from mipyme.cohort.report import (
    HIDDEN,
    MIN_GROUP,
    SMALL,
    build_report,
    difficulty_table,
    load_program,
    read_goal_table,
    suppress_counts,
)
from mipyme.curriculum import find_root
from mipyme.i18n import language, t

__all__ = ["program"]  # the session fixture, imported for pytest


class _Page(HTMLParser):
    """The tables (caption -> rows of cell texts) and images (src, alt) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.images: list[tuple[str, str]] = []
        self.links: list[str] = []
        self._caption: str | None = None
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append((attrs.get("src") or "", attrs.get("alt") or ""))
        for name in ("src", "href"):
            if attrs.get(name):
                self.links.append(attrs[name])
        if tag == "table":
            self._rows, self._caption = [], ""
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None and self._rows:
            self._rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables[self._caption or ""] = self._rows
            self._rows = None

    def handle_data(self, data):
        if self._in_caption:
            self._caption = (self._caption or "") + data
        elif self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def pages(program, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("report")
    return {lang: build_report(program, out / f"report_{lang}.html", lang=lang)
            for lang in ("es", "en")}


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _table(page: _Page, key: str, lang: str, **params) -> list[list[str]]:
    caption = t(key, lang=lang, **params)
    return page.tables[caption]


def _inclusion(page: _Page, group: str, lang: str) -> list[list[str]]:
    caption = t(f"cohort.report.caption.inclusion_{group}", lang=lang)
    return next(rows for c, rows in page.tables.items() if c.startswith(caption))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_page_is_self_contained_with_png_charts_that_have_alt_text(pages, lang):
    text = pages[lang].read_text(encoding="utf-8")
    page = _parse(pages[lang])
    assert f'<html lang="{lang}">' in text
    assert not re.search(r"https?://", text), "no address outside the file"
    assert "<script" not in text and "<link" not in text
    assert len(page.images) >= 2  # completion per cohort, item difficulty
    for src, alt in page.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(alt) > 20
    assert all(link.startswith("data:") for link in page.links)
    assert t("cohort.report.title", lang=lang) in text
    assert t("cohort.report.h.difficulty", lang=lang) in text


def test_every_university_and_cohort_is_in_the_report(pages):
    page = _parse(pages["en"])
    by_uni = _table(page, "cohort.report.caption.completion_uni", "en")  # BUAP has two
    by_cohort = _table(page, "cohort.report.caption.completion_cohort", "en")
    assert set(by_uni[0][1:]) == {s.university for s in PROGRAM}
    assert set(by_cohort[0][1:]) == {f"{s.university} · {s.cohort}" for s in PROGRAM}


def test_inclusion_figures_suppress_small_groups_and_their_complements(pages):
    people = expected_people()
    page = _parse(pages["en"])
    women, indigenous = _inclusion(page, "women", "en"), _inclusion(page, "indigenous", "en")
    # one table: the participants, the women, the indigenous (each table's own columns)
    rows = [w[:3] + i[2:3] for w, i in zip(women, indigenous, strict=True)]
    assert [r[:2] for r in women] == [r[:2] for r in indigenous]
    header, body = rows[0], rows[1:]
    counts = [header.index(t(f"cohort.report.col.{c}", lang="en"))
              for c in ("participants", "women", "indigenous")]
    shown = {r[0]: r for r in body}
    total = body[-1]
    assert total[0] == t("cohort.report.all_program", lang="en")
    for university, figures in people.items():
        row = shown[university]
        for column, name in zip(counts, ("participants", "women", "indigenous"), strict=True):
            true = figures[name]
            if true < MIN_GROUP or figures["participants"] < MIN_GROUP:
                assert row[column] == SMALL, (university, name, row[column])
            else:
                assert row[column] in (str(true), HIDDEN)
    small = [u for u, f in people.items() if f["participants"] < MIN_GROUP]
    assert small, "the test program must have a group of fewer than 5"
    for university in small:  # not one digit of the small group, shares included
        for table in (women, indigenous):
            row = next(r for r in table if r[0] == university)
            cells = [c for c in row[1:] if c != SMALL]  # the marker reads "< 5"
            assert not any(ch.isdigit() for ch in "".join(cells)), row
    for column in counts:  # no single hidden cell per column: nothing to subtract
        hidden = [r[column] for r in body if r[column] in (SMALL, HIDDEN)]
        assert len(hidden) != 1
        if not hidden:
            assert sum(int(r[column]) for r in body[:-1]) == int(total[column])


def test_completion_and_scores_of_a_small_cohort_are_not_shown(pages):
    page = _parse(pages["en"])
    small = [s for s in PROGRAM if len(s.people) < MIN_GROUP]
    rows = _table(page, "cohort.report.caption.completion_cohort", "en")
    # one column per cohort, one row per assignment due (then every assignment due)
    by_cohort = {name: [r[i] for r in rows[1:]] for i, name in enumerate(rows[0]) if i}
    for caption in ("final_cohort", "autograded_cohort"):
        scores = {r[0]: r for r in _table(page, f"cohort.report.caption.{caption}", "en")[1:]}
        for spec in small:
            label = f"{spec.university} · {spec.cohort}"
            assert set(by_cohort[label]) == {SMALL}
            assert set(scores[label][2:]) == {SMALL}
    big = next(s for s in PROGRAM if len(s.people) >= MIN_GROUP)
    expected = f"{100 * len(big.handed_in) / len(big.people):.0f}%"
    assert by_cohort[f"{big.university} · {big.cohort}"] == [expected, expected]


def test_the_goals_appear_with_their_source_and_date(pages, program, tmp_path):
    assert read_goal_table().empty  # the kit ships no program's goals: no goals section
    text = pages["es"].read_text(encoding="utf-8")
    assert t("cohort.report.h.goals", lang="es") not in text
    own = tmp_path / "metas.csv"
    own.write_text("goal,share,program,source,as_of\n"
                   "women,0.5,Programa piloto,Acta del comité 2026-03,2026-03-15\n",
                   encoding="utf-8")
    page = build_report(program, tmp_path / "r.html", lang="es", goals=own)
    text = page.read_text(encoding="utf-8")
    assert "Acta del comité 2026-03" in text and "2026-03-15" in text
    assert t("cohort.report.caption.with_goal", lang="es", goal=50,
             caption=t("cohort.report.caption.inclusion_women", lang="es")) in text


def test_item_difficulty_counts_what_the_gradebooks_say(program, pages):
    table = difficulty_table(load_program(program))
    failures = gradebook_cell_failures(program)
    assert dict(zip(table["cell"], table["lost_points"], strict=True)) == failures
    assert table["lost_pct"].is_monotonic_decreasing
    graded = sum(len(s.handed_in) for s in PROGRAM)
    assert set(table["students"]) == {graded}
    with language("en"):
        titles = difficulty_table(load_program(program))["title"]
    rows = _table(_parse(pages["en"]), "cohort.report.caption.difficulty", "en")
    assert rows[1][1] == titles.iloc[0] != table["cell"].iloc[0]  # a title, not an id
    assert not rows[1][1].startswith("test_")


def test_complementary_suppression_hides_a_second_cell():
    table = suppress_counts({"A": {"participants": 30, "women": 12},
                             "B": {"participants": 3, "women": 2},
                             "C": {"participants": 20, "women": 9}},
                            {"participants": 53, "women": 23})
    assert table["participants"].tolist() == [str(30), SMALL, HIDDEN, str(53)]
    assert table["women"].tolist() == [str(12), SMALL, HIDDEN, str(23)]


def test_in_chromium_the_report_has_no_serious_axe_violation(pages):
    from playwright.sync_api import sync_playwright

    axe = axe_script(find_root() / "build" / "node")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     headless=True)
        # the page forbids every script (its Content-Security-Policy): axe is let in
        page = browser.new_context(viewport={"width": 1280, "height": 900},
                                   bypass_csp=True).new_page()
        for lang, path in pages.items():
            requests: list[str] = []
            page.on("request", lambda r, seen=requests: seen.append(r.url))
            page.goto(path.as_uri(), wait_until="load")
            images = page.eval_on_selector_all(
                "img", "els => els.map(e => [e.getAttribute('alt'),"
                       " e.complete && e.naturalWidth > 0])")
            assert images and all(alt and loaded for alt, loaded in images), (lang, images)
            page.add_script_tag(path=str(axe))
            found = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']}))"
                ".violations.filter(v => ['serious', 'critical'].includes(v.impact))"
                ".map(v => v.id + ': ' + v.nodes.slice(0, 3)"
                ".map(n => n.target.join(' ')).join(' | '))")
            assert not found, (lang, found)
            assert all(u.startswith(("file:", "data:")) for u in requests), requests
