"""The session's slides: one HTML file per chapter that works offline, with speaker notes.

With reveal.js installed from npm (``make fieldkit`` puts it in
``build/node/node_modules/reveal.js``), the deck is a reveal.js presentation whose script,
style and speaker-notes plugin are copied inside the page (``S`` opens the speaker view).
Without it, the same slides come in a small deck of their own (arrow keys or a tap move, ``N``
shows the notes). Either way nothing is fetched from the internet. The notes come from the
facilitator notes: the workshop without computers, the mistaken ideas and how to address them,
the answers, the teach-back.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from mipyme.curriculum import find_root
from mipyme.fieldkit.content import ChapterContent, markdown_html
from mipyme.fieldkit.examples import DAY
from mipyme.i18n import t

__all__ = ["default_reveal", "slide_list", "slides_html"]

_CSS = """
html, body { margin: 0; height: 100%; background: #fff; color: #000;
  font-family: "DejaVu Sans", Arial, sans-serif; }
section { display: none; box-sizing: border-box; height: 100vh; padding: 5vh 7vw;
  font-size: 3.2vh; overflow: auto; }
section.on { display: block; }
h1 { font-size: 6vh; } h2 { font-size: 5vh; border-bottom: .5vh solid #000; }
li { margin: 1.2vh 0; } table { border-collapse: collapse; font-size: 3vh; }
td, th { border: 2px solid #000; padding: .8vh 1.2vw; } td.num { text-align: right; }
aside.notes { display: none; border: 3px dashed #000; margin-top: 3vh; padding: 1vh 1vw;
  font-size: 2.4vh; background: #f2f2f2; }
body.notes aside.notes { display: block; }
.count { position: fixed; right: 2vw; bottom: 2vh; font-size: 2vh; }
.box { border: .6vh solid #000; padding: 2vh 2vw; white-space: pre-line; }
"""

_JS = """
const s = [...document.querySelectorAll('section')]; let i = 0;
function go(k) { i = Math.max(0, Math.min(s.length - 1, k)); s.forEach((x, j) => x.classList.toggle('on', j === i));
  document.querySelector('.count').textContent = (i + 1) + ' / ' + s.length; }
document.addEventListener('keydown', e => { if (e.key === 'ArrowRight' || e.key === ' ' || e.key === 'PageDown') go(i + 1);
  if (e.key === 'ArrowLeft' || e.key === 'PageUp') go(i - 1); if (e.key === 'n' || e.key === 'N') document.body.classList.toggle('notes'); });
document.addEventListener('click', e => go(e.clientX > innerWidth / 2 ? i + 1 : i - 1));
go(0);
"""

_REVEAL_CSS = """
.reveal { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 30px; }
.reveal h1, .reveal h2 { font-family: "DejaVu Sans", Arial, sans-serif; text-transform: none; }
.reveal h2 { font-size: 1.4em; } .reveal table { font-size: .75em; }
.reveal td.num { text-align: right; } .reveal .box { border: 6px solid #000; padding: .5em;
  white-space: pre-line; text-align: left; } .reveal ul, .reveal ol { display: block; }
.reveal section { text-align: left; }
"""


def default_reveal() -> Path | None:
    """reveal.js as ``make fieldkit`` installs it, or None when it is not there."""
    try:
        folder = find_root() / "build" / "node" / "node_modules" / "reveal.js"
    except FileNotFoundError:
        return None
    return folder if (folder / "dist" / "reveal.js").is_file() else None


def slide_list(content: ChapterContent) -> list[tuple[str, str, str]]:
    """The deck as ``(title, body HTML, speaker notes HTML)``; the first is the cover."""
    lang, notes = content.lang, content.notes
    tr = lambda key, **kw: t(key, lang=lang, **kw)  # noqa: E731
    wrong = "".join(f"<p><strong>{escape(m.text.get(lang))}</strong> {escape(m.fix.get(lang))}</p>"
                    for m in notes.misconceptions)
    rows = "".join(f"<tr><td>{escape(a)}</td><td class='num'>{escape(b)}</td></tr>"
                   if b else f"<tr><th colspan='2'>{escape(a)}</th></tr>"
                   for a, b in content.example.table(lang))
    deck = [
        ("", f"<p>{escape(tr('fieldkit.doc.chapter', n=content.number))} · "
             f"{escape(content.part_title)}</p><h1>{escape(content.title)}</h1>",
         escape(tr("fieldkit.doc.plan", minutes=notes.session_minutes))),
        (tr("fieldkit.doc.objectives"),
         "<ul>" + "".join(f"<li>{escape(o)}</li>" for o in content.objectives) + "</ul>",
         markdown_html(content.workshop)),
        (tr("fieldkit.doc.key_ideas"),
         "<ul>" + "".join(f"<li>{escape(k)}</li>" for k in content.key_points) + "</ul>", wrong),
        (content.example.title(lang),
         f"<p>{escape(content.example.story(lang))}</p><table>{rows}</table>",
         escape(tr("fieldkit.doc.dated", day=DAY))),
    ]
    for q in notes.questions:
        opts = "".join(f"<li>{escape(o.text.get(lang))}</li>" for o in q.options)
        right = ", ".join("abcd"[k] for k, o in enumerate(q.options) if o.correct)
        deck.append((tr("fieldkit.doc.questions"),
                     f"<p>{escape(q.text.get(lang))}</p><ol type='a'>{opts}</ol>",
                     f"{escape(tr('fieldkit.doc.answer'))}: {right}"))
    deck.append((tr("fieldkit.doc.rule"), f"<div class='box'>{escape(content.rule)}</div>",
                 markdown_html(notes.teachback.prompt.get(lang))))
    return deck


def _section(title: str, body: str, notes: str, cls: str = "") -> str:
    head = f"<h2>{escape(title)}</h2>" if title else ""
    return f"<section{cls}>{head}{body}<aside class='notes'>{notes}</aside></section>"


def _read(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"@import url\([^)]*\);", "", text)  # web fonts: the deck uses the system's
    text = re.sub(r"//# sourceMappingURL=\S+", "", text)
    return text.replace("</script", "<\\/script")


def slides_html(content: ChapterContent, reveal: Path | None = None) -> str:
    """The chapter's deck in ``content.lang``; a reveal.js deck when ``reveal`` is given."""
    lang = content.lang
    deck = slide_list(content)
    head = (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(content.title)}</title>")
    if reveal is None:
        sections = "".join(_section(*s, cls=" class='on'" if k == 0 else "")
                           for k, s in enumerate(deck))
        return (f"{head}<style>{_CSS}</style></head><body>{sections}"
                f"<div class='count'></div><script>{_JS}</script></body></html>")
    dist = reveal / "dist"
    styles = _read(dist / "reveal.css") + _read(dist / "theme" / "white.css") + _REVEAL_CSS
    scripts = _read(dist / "reveal.js") + _read(reveal / "plugin" / "notes" / "notes.js")
    sections = "".join(_section(*s) for s in deck)
    return (f"{head}<style>{styles}</style></head><body><div class='reveal'><div class='slides'>"
            f"{sections}</div></div><script>{scripts}</script><script>Reveal.initialize("
            "{hash: true, slideNumber: true, plugins: [RevealNotes]});</script></body></html>")
