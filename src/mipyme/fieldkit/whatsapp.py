"""The WhatsApp sequence of a chapter: 5 to 7 messages, a card per message, quiz and voice.

Messages are built from the notes (title, key points, the phone summary's rule of thumb) and
the worked example; each fits one WhatsApp screen (:data:`MESSAGE_LIMIT` characters). Each
message gets a PNG card for a phone (:data:`CARD_SIZE`, black on white, large type) whose
alt text is sent as the image's caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from mipyme.facilitator import PHONE_LIMIT
from mipyme.fieldkit.content import ChapterContent
from mipyme.i18n import LANGUAGES, t

__all__ = ["CARD_SIZE", "MESSAGE_LIMIT", "Message", "card_html", "messages", "quiz_text",
           "voice_script"]

#: Longest message (characters): one phone screen, as the facilitator notes' summary.
MESSAGE_LIMIT = PHONE_LIMIT
#: Card size in pixels (width, height): 4:5, the shape a phone shows whole.
CARD_SIZE = (720, 900)


@dataclass(frozen=True)
class Message:
    """One WhatsApp message, its card's file name and the card's alt text (the caption)."""

    text: str
    card: str
    alt: str


#: Pictographs (emoji) the card's font has no glyph for; the message keeps them.
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]")


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _example_lines(ex, lang: str) -> list[str]:
    """The example message's lines in ``lang``, as many as fit one message."""
    lines = [t("fieldkit.wa.example", lang=lang, story=ex.story(lang))]
    for label, value in ex.table(lang):
        line = f"• {label}: {value}" if value else f"{label}:"
        if sum(len(x) + 1 for x in lines) + len(line) > MESSAGE_LIMIT:
            break
        lines.append(line)
    return lines


def messages(content: ChapterContent) -> list[Message]:
    """The chapter's sequence: title, key points (up to 3), example, rule, task."""
    lang = content.lang
    ex = content.example
    # as many figures as one screen holds in both languages, so both editions show the same
    rows = min(len(_example_lines(ex, other)) for other in LANGUAGES)
    example = "\n".join(_example_lines(ex, lang)[:rows])
    texts = [t("fieldkit.wa.intro", lang=lang, title=content.phone_title.lstrip("📱 ").strip())
             + "\n" + "\n".join(f"• {o}" for o in content.objectives[:2])]
    points = content.key_points[:3]
    texts += [t("fieldkit.wa.idea", lang=lang, n=n, total=len(points), text=p)
              for n, p in enumerate(points, start=1)]
    texts.append(example)
    texts.append(t("fieldkit.wa.rule", lang=lang, text=content.rule))
    texts.append(t("fieldkit.wa.action", lang=lang))
    out = []
    total = len(texts)
    for n, text in enumerate(texts, start=1):
        text = _cut(text, MESSAGE_LIMIT)
        alt = t("fieldkit.wa.alt", lang=lang, n=n, total=total, chapter=content.number,
                text=" ".join(text.split()))
        out.append(Message(text, f"card-{n:02d}.png", _cut(alt, MESSAGE_LIMIT)))
    return out


def card_html(content: ChapterContent, message: Message, n: int, total: int,
              font_px: int) -> str:
    """The card of ``message`` as HTML for a screenshot at :data:`CARD_SIZE`."""
    width, height = CARD_SIZE
    lines = "".join(f"<p>{escape(_EMOJI.sub('', line).strip())}</p>"
                    for line in message.text.splitlines() if line.strip())
    head = escape(t("fieldkit.doc.chapter", lang=content.lang, n=content.number))
    return f"""<!doctype html><html lang="{content.lang}"><head><meta charset="utf-8"><style>
html, body {{ margin: 0; width: {width}px; height: {height}px; overflow: hidden; background: #fff; }}
body {{ font-family: "DejaVu Sans", Arial, sans-serif; color: #000; display: flex; flex-direction: column; }}
header {{ background: #000; color: #fff; font-size: 30px; font-weight: bold; padding: 18px 36px; }}
main {{ flex: 1; padding: 26px 40px; font-size: {font_px}px; line-height: 1.3; overflow: hidden; overflow-wrap: break-word; }}
main p {{ margin: 0 0 .45em; }}
main p:first-child {{ font-weight: bold; }}
footer {{ border-top: 4px solid #000; font-size: 26px; padding: 12px 36px; text-align: right; }}
</style></head><body><header>{head}</header><main>{lines}</main>
<footer>{n} / {total}</footer></body></html>"""


def quiz_text(content: ChapterContent) -> str:
    """Three questions from the notes' diagnostic questions, each with its answer."""
    lang = content.lang
    out = [t("fieldkit.wa.quiz", lang=lang), ""]
    for n, q in enumerate(content.notes.questions[:3], start=1):
        out.append(f"{n}. {q.text.get(lang)}")
        right = ""
        for letter, option in zip("abcd", q.options, strict=False):
            out.append(f"   {letter}) {option.text.get(lang)}")
            if option.correct:
                right = letter
        out += [f"   ✅ {t('fieldkit.doc.answer', lang=lang)}: {right}", ""]
    # a chapter with fewer questions: its mistaken ideas, as true or false
    for n, m in enumerate(content.notes.misconceptions[:3 - len(content.notes.questions[:3])],
                          start=len(content.notes.questions[:3]) + 1):
        out += [f"{n}. {t('fieldkit.wa.true_false', lang=lang, text=m.text.get(lang))}",
                f"   ✅ {t('fieldkit.doc.answer', lang=lang)}: "
                f"{t('fieldkit.wa.false', lang=lang, fix=m.fix.get(lang))}", ""]
    return "\n".join(out)


def voice_script(content: ChapterContent) -> str:
    """A script of about 90 seconds for a voice note."""
    lang = content.lang
    parts = [t("fieldkit.wa.voice_open", lang=lang, title=content.title)]
    parts += content.key_points
    parts.append(content.example.story(lang))
    parts.append(content.rule.replace("\n", " "))
    parts.append(t("fieldkit.wa.voice_close", lang=lang))
    return t("fieldkit.wa.voice", lang=lang) + "\n\n" + "\n\n".join(parts) + "\n"
