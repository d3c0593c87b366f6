"""The printable handout of a chapter: HTML made for paper, printed by Chromium.

Two to four pages, black and white, large type: the key ideas, the worked example with the
library's figures in a table whose last column is the worksheet to fill by hand (the same
rows, with the entrepreneur's own numbers), the rule of thumb, and a last page for the
facilitator with the timed workshop without computers (materials and steps with their
minutes, from ``book/workshops/chNN.toml``; the notes' ``[low_connectivity]`` tips for a
chapter without a plan), the session plan, the common mistaken ideas and the questions for
the group.
"""

from __future__ import annotations

from html import escape

from mipyme.fieldkit.content import ChapterContent, activity_name, markdown_html
from mipyme.fieldkit.examples import DAY
from mipyme.i18n import t

__all__ = ["BASE_CSS", "MAX_PAGES", "TYPE_SIZES", "handout_html", "page_count"]

#: Print style shared by the handout and the knowledge check: black on white, large type.
BASE_CSS = """
* { box-sizing: border-box; }
html { font-size: 13pt; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #000; background: #fff;
       margin: 0; line-height: 1.35; overflow-wrap: break-word; }
h1 { font-size: 1.55rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: .9rem 0 .35rem; border-bottom: 2px solid #000; }
h3 { font-size: 1.05rem; margin: .6rem 0 .2rem; }
p, li { margin: .2rem 0; }
ul, ol { padding-left: 1.3rem; margin: .2rem 0; }
.meta { font-size: .85rem; border-bottom: 3px solid #000; padding-bottom: .2rem; margin-bottom: .4rem; }
.box { border: 3px solid #000; padding: .4rem .6rem; margin: .5rem 0; break-inside: avoid; }
.box p { white-space: pre-line; }
table { width: 100%; border-collapse: collapse; margin: .3rem 0; break-inside: avoid; }
th, td { border: 1.5px solid #000; padding: .3rem .4rem; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
td.blank { min-width: 9rem; height: 2.1rem; }
th { background: #e6e6e6; }
.lines div { border-bottom: 1.5px solid #000; height: 2rem; }
.page { break-before: page; }
.small { font-size: .85rem; }
.instructor { font-size: .88rem; }
h1, h2, h3 { break-after: avoid; }
.q { break-inside: avoid; margin-bottom: .4rem; }
table.steps { break-inside: auto; font-size: .92em; line-height: 1.25; }
table.steps tr { break-inside: avoid; }
table.steps td { padding: .15rem .3rem; }
"""


def _rows_table(content: ChapterContent, blank: bool) -> str:
    lang = content.lang
    head = (f"<tr><th>{escape(t('fieldkit.doc.concept', lang=lang))}</th>"
            f"<th>{escape(t('fieldkit.doc.example_col', lang=lang))}</th>"
            + (f"<th>{escape(t('fieldkit.doc.yours', lang=lang))}</th>" if blank else "")
            + "</tr>")
    body = []
    for label, value in content.example.table(lang):
        if not value:  # a group heading (a channel, an offer)
            body.append(f"<tr><th colspan='{3 if blank else 2}'>{escape(label)}</th></tr>")
            continue
        body.append(f"<tr><td>{escape(label)}</td><td class='num'>{escape(value)}</td>"
                    + ("<td class='blank'></td>" if blank else "") + "</tr>")
    return f"<table>{head}{''.join(body)}</table>"


def _workshop(content: ChapterContent) -> str:
    """The timed plan without computers, or the notes' loose tips when there is no plan."""
    plan = content.workshop_plan
    if plan is None:
        return markdown_html(content.workshop)
    lang = content.lang
    materials = " · ".join(escape(m) for m in plan.materials(lang))
    steps = "".join(f"<tr><td class='num'>{t('workshop.min', lang=lang, minutes=s.minutes)}</td>"
                    f"<td><strong>{n}. {escape(s.title(lang))}.</strong> "
                    f"{markdown_html(s.text(lang)).removeprefix('<p>').removesuffix('</p>')}"
                    f"</td></tr>"
                    for n, s in enumerate(plan.steps, start=1))
    return (f"<p><strong>{escape(t('workshop.heading', lang=lang, minutes=plan.minutes))}."
            f"</strong> {escape(t('workshop.materials', lang=lang))}: {materials}.</p>"
            f"<table class='steps'>{steps}</table>")


#: Type sizes (points) the handout tries, largest first, until it fits :data:`MAX_PAGES`.
TYPE_SIZES = (13.0, 12.5, 12.0)
MAX_PAGES = 4


def handout_html(content: ChapterContent, points: float = TYPE_SIZES[0]) -> str:
    """The handout of ``content`` (one chapter, one language) as a standalone HTML page."""
    lang, notes = content.lang, content.notes
    tr = lambda key, **kw: escape(t(key, lang=lang, **kw))  # noqa: E731
    objectives = "".join(f"<li>{escape(o)}</li>" for o in content.objectives)
    ideas = "".join(f"<li>{escape(k)}</li>" for k in content.key_points)
    plan = " · ".join(f"{escape(activity_name(a, lang))}: {m} {tr('fieldkit.doc.minutes')}"
                      for a, m in notes.timing)
    wrong = "".join(f"<li><strong>{escape(m.text.get(lang))}</strong> {escape(m.fix.get(lang))}</li>"
                    for m in notes.misconceptions)
    questions = []
    letters = "abcd"
    for n, q in enumerate(notes.questions, start=1):
        opts = "".join(f"<li>{escape(o.text.get(lang))}</li>" for o in q.options)
        right = ", ".join(letters[i] for i, o in enumerate(q.options) if o.correct)
        questions.append(f"<div class='q'><p><strong>{n}.</strong> {escape(q.text.get(lang))}</p>"
                         f"<ol type='a'>{opts}</ol><p class='small'>{tr('fieldkit.doc.answer')}: "
                         f"{right}</p></div>")
    ex = content.example
    sheet = (f"<p class='small'>{tr('fieldkit.doc.spreadsheet', name=t(f'fieldkit.sheet.{ex.sheet}', lang=lang))}</p>"
             if ex.sheet else "")
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{escape(content.title)}</title><style>{BASE_CSS} html {{ font-size: {points}pt; }}</style></head><body>
<div class="meta">{tr('fieldkit.doc.chapter', n=content.number)} · {escape(content.part_title)} · {tr('fieldkit.doc.handout')}</div>
<h1>{escape(content.title)}</h1>
<h2>{tr('fieldkit.doc.objectives')}</h2><ul>{objectives}</ul>
<h2>{tr('fieldkit.doc.key_ideas')}</h2><ul>{ideas}</ul>
<div class="box"><h3>{tr('fieldkit.doc.rule')}</h3><p>{escape(content.rule)}</p></div>
<h2>{tr('fieldkit.doc.worked')}: {escape(ex.title(lang))}</h2>
<p>{escape(ex.story(lang))}</p>
<h3>{tr('fieldkit.doc.worksheet')}</h3>
<p>{tr('fieldkit.doc.worksheet_intro')}</p>
{_rows_table(content, blank=True)}
<p class="small">{tr('fieldkit.doc.dated', day=DAY)}</p>
<p>{tr('fieldkit.doc.notes_line')}</p><div class="lines"><div></div><div></div></div>
{sheet}
<div class="instructor">
<h2 class="page">{tr('fieldkit.doc.instructor')}</h2>
{_workshop(content)}
<h3>{tr('fieldkit.doc.plan', minutes=notes.session_minutes)}</h3>
<p>{plan}</p>
<h3>{tr('fieldkit.doc.misconceptions')}</h3><ul>{wrong}</ul>
<h3>{tr('fieldkit.doc.questions')}</h3>{''.join(questions)}
</div>
</body></html>"""


def page_count(pdf: bytes) -> int:
    """Pages of a PDF Chromium printed (its page tree's ``/Count``)."""
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)
