"""The knowledge check of each part of the course, before and after the workshops.

The questions are the facilitator notes' diagnostic questions (the first of each chapter of
the part), so what is asked is what the sessions teach. One printable page per moment
(before, after), a scoring sheet with the answer key and a grid, and a CSV layout for the
results so that a program report can read them: one row per participant and moment.
"""

from __future__ import annotations

from html import escape

from mipyme.cohort.checks import CSV_COLUMNS, results_header
from mipyme.curriculum import load_curriculum
from mipyme.facilitator import Question, load_notes
from mipyme.fieldkit.handout import BASE_CSS
from mipyme.i18n import t

__all__ = ["CSV_COLUMNS", "check_html", "csv_header", "part_questions"]

def part_questions(part: str) -> list[tuple[str, Question]]:
    """``(chapter id, question)`` for the part: each ready chapter's first question."""
    course = load_curriculum()
    out = []
    for chapter in course.ready():
        if chapter.part == part:
            questions = load_notes(chapter.id).questions
            out += [(chapter.id, questions[0])] if questions else []
    return out


def csv_header(part: str) -> str:
    """The results CSV's header line for ``part``."""
    return ",".join(results_header(len(part_questions(part))))


def check_html(part: str, lang: str) -> str:
    """The part's check: the before page, the after page and the scoring sheet."""
    course = load_curriculum()
    title = next(p for p in course.parts if p.id == part).title(lang)
    questions = part_questions(part)
    tr = lambda key, **kw: escape(t(key, lang=lang, **kw))  # noqa: E731
    items = []
    for n, (_, q) in enumerate(questions, start=1):
        opts = "".join(f"<li>☐ {escape(o.text.get(lang))}</li>" for o in q.options)
        items.append(f"<div class='q'><p><strong>{n}.</strong> {escape(q.text.get(lang))}</p>"
                     f"<ol type='a'>{opts}</ol></div>")
    pages = []
    for k, moment in enumerate(("before", "after")):
        pages.append(f"<div class='{'page' if k else ''}'><div class='meta'>{tr('fieldkit.check.' + moment)}</div>"
                     f"<h1>{tr('fieldkit.check.title', part=title)}</h1><p>{tr('fieldkit.check.name')}</p>"
                     f"<p class='small'>{tr('fieldkit.check.instructions')}</p>{''.join(items)}</div>")
    key = "".join(
        f"<tr><td>{n}</td><td>{int(c[2:])}</td><td>{', '.join('abcd'[i] for i, o in enumerate(q.options) if o.correct)}</td></tr>"
        for n, (c, q) in enumerate(questions, start=1))
    heads = "".join(f"<th>{n}</th>" for n in range(1, len(questions) + 1))
    grid = "".join(f"<tr><td class='blank'></td>{'<td></td>' * len(questions)}<td></td><td></td></tr>"
                   for _ in range(8))
    columns = "".join(f"<li><code>{escape(c)}</code>: {escape(d[lang])}</li>"
                      for c, d in CSV_COLUMNS.items())
    pages.append(
        f"<div class='page'><h1>{tr('fieldkit.check.scoring')}</h1><p>{tr('fieldkit.check.scoring_intro')}</p>"
        f"<h3>{tr('fieldkit.check.key')}</h3><table><tr><th>{tr('fieldkit.check.question')}</th>"
        f"<th>{tr('fieldkit.doc.chapter', n='').strip()}</th><th>{tr('fieldkit.doc.answer')}</th></tr>{key}</table>"
        f"<table><tr><th>{tr('fieldkit.check.participant')}</th>{heads}<th>{tr('fieldkit.check.before')}</th>"
        f"<th>{tr('fieldkit.check.after')}</th></tr>{grid}</table>"
        f"<h3>{tr('fieldkit.check.csv_doc')}</h3><p><code>{escape(csv_header(part))}</code></p>"
        f"<ul class='small'>{columns}</ul></div>")
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<style>{BASE_CSS} td, th {{ padding: .2rem .3rem; }} .q {{ margin-bottom: .3rem; }}</style>"
            f"</head><body>{''.join(pages)}</body></html>")
