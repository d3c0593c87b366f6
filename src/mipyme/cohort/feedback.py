"""Feedback a student can read, without the code of the hidden tests.

Why one module over 500 lines: building a student's feedback page, removing the hidden tests'
code from it and sanitising what a student wrote are one safety boundary, reviewed together.

Stock ``nbgrader generate_feedback`` turns each autograded notebook into HTML as it is: the
test cells with their hidden tests, and tracebacks that quote the failing line of a hidden
check. :func:`generate_feedback` runs the same nbgrader converter (same files in
``feedback/``, so ``nbgrader release_feedback`` and the Assignments tab keep working) with
one more step (:func:`plain_feedback`), which for every autograded test cell:

- shows the cell as the student received it (the release version; without a release
  folder, the source with the hidden-test region cut out);
- replaces its outputs with one line: passed, or which check failed and why, in plain
  Spanish and English (the messages of :mod:`mipyme.grading.feedback`), never a traceback;
- in a cell with hidden tests, says why only with one of the kit's own messages
  (:func:`is_kit_message`); any other failure (``numpy.testing``, ``pandas.testing`` or
  ``unittest`` print the expected values) becomes "a hidden check did not pass";

and puts a summary of the checks, with points, at the top of the page.

A cell an instructor still has to grade by hand (a written answer, the teach-back plan: see
:mod:`mipyme.cohort.pending`) is not shown as "0 / N": the page says, in both languages,
that the instructor still has to grade those N points, and the top of the page says that
the total is provisional (:func:`plain_feedback` with ``pending``, then
:func:`mark_pending` on the written page).

Nothing a student wrote can run in the page the instructor and the student open:

- before nbconvert writes the page, :func:`safe_notebook` keeps only the outputs a page can
  show without running them (JavaScript, widgets and any other type are dropped), cleans
  HTML outputs with :func:`clean_html` (a ``bleach`` allow-list: no ``<script>``,
  ``<iframe>``, ``on...=`` handlers or ``javascript:`` links) and SVG outputs with
  :func:`clean_svg`; markdown cells are cleaned by :func:`clean_html` after they are turned
  into HTML (nbconvert's ``sanitize_html``);
- after, :func:`disarm_page` takes out of the written page any script, frame, handler or
  ``javascript:`` link that the page template itself does not have, and adds a strict
  Content-Security-Policy (:func:`content_policy`) that lets only the template's own
  scripts (MathJax) run.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import string
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import nbformat

from mipyme.errors import InputError
from mipyme.grading.feedback import say
from mipyme.grading.roundtrip import cell_messages
from mipyme.i18n import LANGUAGES, texts

__all__ = [
    "SHOWN_MIMETYPES",
    "clean_html",
    "clean_svg",
    "content_policy",
    "disarm_page",
    "failed_text",
    "generate_feedback",
    "is_kit_message",
    "mark_pending",
    "pending_text",
    "plain_feedback",
    "safe_notebook",
]

_HIDDEN = re.compile(r"[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[ \t]*\n?", re.S)
_HIDDEN_MARK = "### BEGIN HIDDEN TESTS"

#: Output types a feedback page shows (HTML and SVG cleaned first); any other is dropped.
SHOWN_MIMETYPES: tuple[str, ...] = ("text/html", "text/markdown", "text/latex",
                                    "image/svg+xml", "image/png", "image/jpeg", "text/plain")

# -- what a student wrote, made harmless ---------------------------------------------------

_TAGS = frozenset({
    "a", "abbr", "acronym", "b", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var"})
_COMMON_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "align", "style"})
_TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "ol": frozenset({"start", "type"}),
    "table": frozenset({"border"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}
#: Elements dropped with everything inside them before the allow-list cleans the rest.
_DROPPED = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
            "noscript", "noembed", "noframes", "template", "xmp", "title", "textarea")
_URL_NOISE = re.compile(r"[`\x00-\x20\x7f-\xa0\s]+")
_IMAGE_DATA = re.compile(r"data:image/(png|jpe?g|gif|webp);base64,[a-z0-9+/=]*\Z", re.I)
_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]*\Z")


def _url(value: str) -> str:
    """A URL as a browser reads its scheme: no blanks or control characters, lower case."""
    return _URL_NOISE.sub("", html.unescape(value)).lower()


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in _COMMON_ATTRIBUTES:
        return name != "style" or _css_sanitizer() is not None
    if name not in _TAG_ATTRIBUTES.get(tag, ()):
        return False
    if name in ("href", "src") and _url(value).startswith("data:"):
        return tag == "img" and bool(_IMAGE_DATA.match(_url(value)))
    return True


@cache
def _css_sanitizer():
    try:
        from bleach.css_sanitizer import CSSSanitizer
    except ImportError:  # bleach without tinycss2: no style attributes at all
        return None
    return CSSSanitizer()


@cache
def _cleaner():
    import bleach

    return bleach.Cleaner(tags=_TAGS, attributes=_allowed_attribute,
                          protocols={"http", "https", "mailto", "data"}, strip=True,
                          strip_comments=True, css_sanitizer=_css_sanitizer())


def clean_html(text: object) -> str:
    """HTML a student wrote (a markdown cell, an output), with nothing left that can run:
    ``<script>``, ``<style>``, frames and objects go with their content, ``on...=``
    handlers and ``javascript:`` or ``data:`` links go; text, tables, images, links and
    formatting stay. Also nbconvert's ``clean_html`` filter on the feedback page.

    >>> clean_html('<p onclick="x()">Hola <script>alert(1)</script><b>mundo</b></p>')
    '<p>Hola <b>mundo</b></p>'
    >>> clean_html('<img src=x onerror=alert(1)><a href="javascript:alert(2)">ver</a>')
    '<img src="x"><a>ver</a>'
    >>> clean_html('<iframe src="https://example.com"></iframe><table><tr><td>1</td></tr></table>')
    '<table><tbody><tr><td>1</td></tr></tbody></table>'
    """
    from bs4 import BeautifulSoup

    text = text.decode() if isinstance(text, bytes) else str(text)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_DROPPED):
        tag.decompose()
    return _cleaner().clean(str(soup))


_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
_SVG_DROPPED = frozenset({"script", "foreignobject", "iframe", "object", "embed", "handler",
                          "listener", "set", "animate", "animatemotion", "animatetransform",
                          "animatecolor"})


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def clean_svg(text: object) -> str | None:
    """An SVG image without scripts, event handlers, foreign HTML or links out; ``None``
    when it is not a well-formed SVG (or declares XML entities): then it is not shown.

    >>> clean_svg('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    ...           '<script>alert(2)</script><circle r="3"/></svg>')
    '<svg xmlns="http://www.w3.org/2000/svg"><circle r="3" /></svg>'
    >>> clean_svg('<svg xmlns="http://www.w3.org/2000/svg"><circle r="3"/></svg>')
    '<svg xmlns="http://www.w3.org/2000/svg"><circle r="3"/></svg>'
    >>> clean_svg("<p>no</p>") is None
    True
    """
    import xml.etree.ElementTree as ET

    from defusedxml import ElementTree as SafeET

    text = text.decode() if isinstance(text, bytes) else str(text)
    try:
        root = SafeET.fromstring(text)
    except Exception:  # malformed, or entities (billion laughs): not shown
        return None
    if _local(root.tag) != "svg":
        return None
    changed = False
    for element in root.iter():
        for child in list(element):
            if not isinstance(child.tag, str) or _local(child.tag) in _SVG_DROPPED:
                element.remove(child)
                changed = True
        for name, value in list(element.attrib.items()):
            local = _local(name)
            url = _url(value)
            if local.startswith("on") or (local == "href" and not (
                    url.startswith("#") or _IMAGE_DATA.match(url))):
                del element.attrib[name]
                changed = True
    if not changed:
        return text
    ET.register_namespace("", _SVG)
    ET.register_namespace("xlink", _XLINK)
    try:
        return ET.tostring(root, encoding="unicode")
    except ValueError:
        return None


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _safe_output(output: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    kind = output.get("output_type")
    if kind == "stream":
        return nbformat.v4.new_output("stream", name=output.get("name") if output.get(
            "name") in ("stdout", "stderr") else "stdout", text=_text(output.get("text", "")))
    if kind == "error":
        return nbformat.v4.new_output("error", ename=str(output.get("ename", "")),
                                      evalue=str(output.get("evalue", "")),
                                      traceback=[str(x) for x in output.get("traceback", [])])
    if kind not in ("display_data", "execute_result"):
        return None
    given = output.get("data", {})
    data: dict[str, str] = {}
    for mime in SHOWN_MIMETYPES:
        if mime not in given:
            continue
        value = _text(given[mime])
        if mime == "text/html":
            data[mime] = clean_html(value)
        elif mime == "text/markdown":
            if "text/html" not in data:
                from nbconvert.filters import markdown2html

                data["text/html"] = clean_html(markdown2html(value))
        elif mime == "image/svg+xml":
            svg = clean_svg(value)
            if svg is not None:
                data[mime] = svg
        elif mime in ("image/png", "image/jpeg"):
            if _BASE64.match(value):
                data[mime] = value
        else:
            data[mime] = value
    if not data:
        return None
    metadata: dict[str, object] = {}
    for mime, value in output.get("metadata", {}).items():
        if mime in ("image/png", "image/jpeg") and mime in data and isinstance(value, dict):
            kept = {k: v for k, v in value.items() if k in ("width", "height")
                    and isinstance(v, (int, float)) and not isinstance(v, bool)}
            if kept:
                metadata[mime] = kept
    if kind == "execute_result":
        return nbformat.v4.new_output(kind, data=data, metadata=metadata,
                                      execution_count=output.get("execution_count"))
    return nbformat.v4.new_output(kind, data=data, metadata=metadata)


def safe_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook with only outputs a page can show without running anything.

    Outputs keep the types of :data:`SHOWN_MIMETYPES`: HTML through :func:`clean_html`,
    markdown turned into clean HTML, SVG through :func:`clean_svg`; JavaScript, widgets and
    other types are dropped (an output left with nothing is dropped), and so are the
    notebook's saved widget state and markdown attachments that are not images. Markdown
    cells are cleaned when the page is written (see :func:`generate_feedback`).

    >>> cell = nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
    ...     "display_data", data={"application/javascript": "alert(1)",
    ...                           "text/html": "<b onmouseover=alert(2)>x</b>"})])
    >>> safe_notebook(nbformat.v4.new_notebook(cells=[cell])).cells[0].outputs[0].data
    {'text/html': '<b>x</b>'}
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            outputs = (_safe_output(o) for o in cell.get("outputs", []))
            cell.outputs = [o for o in outputs if o is not None]
        attachments = cell.get("attachments")
        if attachments:
            cell.attachments = {
                name: {m: v for m, v in bundle.items()
                       if m in ("image/png", "image/jpeg", "image/gif")
                       and _BASE64.match(_text(v))}
                for name, bundle in attachments.items() if isinstance(bundle, dict)}
    return nb


# -- the written page ----------------------------------------------------------------------

#: Elements a page only keeps when its template has the very same one.
_TEMPLATE_ONLY = ("script", "link", "meta", "base")
#: Elements never kept in a feedback page.
_ACTIVE = ("iframe", "frame", "frameset", "object", "embed", "applet", "form", "portal",
           "set", "animate", "animatemotion", "animatetransform")
_URL_ATTRIBUTES = frozenset({"href", "src", "xlink:href", "action", "formaction", "data",
                             "background", "poster", "cite", "longdesc", "lowsrc", "dynsrc",
                             "codebase", "ping", "srcset", "srcdoc"})
_BAD_STYLE = re.compile(r"expression\s*\(|javascript:|behavior\s*:|-moz-binding", re.I)
_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module",
                 "text/ecmascript", "application/ecmascript")


def _signature(tag) -> tuple:
    attrs = tuple(sorted((k.lower(), " ".join(v) if isinstance(v, list) else str(v))
                         for k, v in tag.attrs.items()))
    return tag.name, attrs, tag.get_text()


def _template_signatures(template_page: str) -> set[tuple]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(template_page, "html.parser")
    return {_signature(tag) for tag in soup.find_all(_TEMPLATE_ONLY)}


def _bad_url(tag: str, name: str, value: str) -> bool:
    url = _url(value)
    if name == "srcdoc":
        return True
    if url.startswith("data:"):
        return not (tag == "img" and name == "src" and url.startswith("data:image/"))
    return url.split(":", 1)[0] in ("javascript", "vbscript", "livescript", "mocha")


def _source_prefix(src: str) -> str:
    parts = urlsplit(src)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "'self'"
    folders = parts.path.split("/")[1:-1]  # the script's folders...
    kept = folders[:-1] if len(folders) > 1 else folders  # ...less its version folder
    return f"{parts.scheme}://{parts.netloc}/" + "".join(f"{f}/" for f in kept)


def content_policy(template_page: str) -> str:
    """A Content-Security-Policy that lets run only the scripts of ``template_page`` (a page
    the template wrote for an empty notebook): its inline scripts by hash, its external
    scripts from their library's folder (MathJax loads more files from there), and
    ``'unsafe-eval'`` only when it has MathJax configuration blocks (MathJax 2 evaluates
    them). No frames, plugins, forms or connections; images from ``data:`` and ``https:``.

    >>> page = ('<script src="https://cdn.example/libs/mathjax/2.7.7/latest.js"></script>'
    ...         '<script>go()</script>')
    >>> print(content_policy(page).replace("; ", ";\\n"))
    default-src 'none';
    script-src 'sha256-...' https://cdn.example/libs/mathjax/;
    style-src 'unsafe-inline' https://cdn.example/libs/mathjax/;
    font-src data: https://cdn.example/libs/mathjax/;
    img-src data: https:;
    object-src 'none';
    base-uri 'none';
    form-action 'none'
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(template_page, "html.parser")
    hashes: set[str] = set()
    sources: set[str] = set()
    evaluates = False
    for script in soup.find_all("script"):
        kind = str(script.get("type") or "").split(";")[0].strip().lower()
        if script.get("src"):
            sources.add(_source_prefix(str(script["src"])))
        elif kind in _SCRIPT_TYPES:
            digest = hashlib.sha256(script.get_text().encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
        elif "mathjax-config" in kind:
            evaluates = True
    allowed = sorted(hashes) + sorted(sources) + (["'unsafe-eval'"] if evaluates else [])
    loaded = "".join(f" {s}" for s in sorted(sources))
    return "; ".join([
        "default-src 'none'",
        f"script-src {' '.join(allowed) or chr(39) + 'none' + chr(39)}",
        f"style-src 'unsafe-inline'{loaded}",
        f"font-src data:{loaded}",
        "img-src data: https:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def disarm_page(page: str, template_page: str) -> str:
    """``page`` without anything that can run but what ``template_page`` (the template's page
    for an empty notebook) has: other scripts, ``<link>``, ``<meta>`` and ``<base>``,
    frames, objects and forms, ``on...=`` handlers and ``javascript:``/``data:`` URLs
    (``data:image/`` in an ``<img>`` stays); with :func:`content_policy` first in its head.

    >>> template = '<html><head><meta charset="utf-8"><script>go()</script></head><body></body></html>'
    >>> page = ('<html><head><meta charset="utf-8"><script>go()</script></head><body>'
    ...         '<script>steal()</script><img src=x onerror="steal()"><a href="javascript:steal()">a</a>'
    ...         '</body></html>')
    >>> out = disarm_page(page, template)
    >>> "steal" in out, "go()" in out, 'http-equiv="Content-Security-Policy"' in out
    (False, True, True)
    """
    from bs4 import BeautifulSoup

    allowed = _template_signatures(template_page)
    soup = BeautifulSoup(page, "html.parser")
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        name = tag.name.lower()
        if name in _ACTIVE or (name in _TEMPLATE_ONLY and _signature(tag) not in allowed):
            tag.decompose()
            continue
        for attr, value in list(tag.attrs.items()):
            text = " ".join(value) if isinstance(value, list) else str(value)
            key = attr.lower()
            if key.startswith("on") or (key in _URL_ATTRIBUTES and _bad_url(name, key, text)) \
                    or (key == "style" and _BAD_STYLE.search(text)):
                del tag.attrs[attr]
    policy = soup.new_tag("meta", attrs={"http-equiv": "Content-Security-Policy",
                                         "content": content_policy(template_page)})
    head = soup.head
    if head is None:
        soup.insert(0, policy)
    else:
        charset = head.find("meta", attrs={"charset": True})
        if charset is not None:
            charset.insert_after(policy)
        else:
            head.insert(0, policy)
    return str(soup)


# -- hidden tests: only the kit's own words ------------------------------------------------


def _template_pattern(text: str) -> str | None:
    """A regular expression for the texts ``text.format(...)`` gives, or ``None`` when the
    template is mostly placeholders (it would match almost anything)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    if all(field is None for _, field, _, _ in parsed):
        variants = {text, text.replace("{{", "{").replace("}}", "}")}
        return "|".join(re.escape(v) for v in sorted(variants))
    literal = "".join(part for part, _, _, _ in parsed)
    if sum(ch.isalpha() for ch in literal) < 12:
        return None
    return "".join(re.escape(part) + ("" if field is None else r"[^\n]*")
                   for part, field, _, _ in parsed)


@cache
def _kit_patterns() -> tuple[re.Pattern[str], ...]:
    out = []
    for entry in texts().values():
        parts = [_template_pattern(entry.get(lang) or entry[LANGUAGES[0]])
                 for lang in LANGUAGES]
        if all(p is not None for p in parts):
            out.append(re.compile("\n".join(f"(?:{p})" for p in parts)))
    return tuple(out)


def is_kit_message(text: str) -> bool:
    """Whether ``text`` is what :func:`mipyme.grading.feedback.say` gives for some key of
    the catalogue (every language, one line each, placeholders filled without line
    breaks): the kit's plain words, as opposed to a test library's report.

    >>> is_kit_message(say("grading.not_a_number", what="total", value="tres"))
    True
    >>> is_kit_message("\\nNot equal to tolerance rtol=1e-07, atol=0\\n x: array([1.])\\n y: array([2.])")
    False
    >>> is_kit_message("1 != 2")
    False
    """
    if not isinstance(text, str) or len(text) > 4000:
        return False
    return any(p.fullmatch(text) for p in _kit_patterns())


def _first_error(cell) -> tuple[str, str] | None:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return str(output.get("ename", "")), str(output.get("evalue", ""))
    return None


def _table_text(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", "<br>")


def _is_test(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get(
        "solution")


def _points(value) -> str:
    return f"{float(value or 0):g}"


def _say_points(key: str, points: float) -> str:
    """``say(key)`` for a number of points (the ``_one`` text when it is exactly 1)."""
    from mipyme.cohort.pending import points_text

    if float(points) == 1:
        return say(f"{key}_one")
    return say(key, points=points_text(points))


def pending_text(points: float) -> str:
    """What a feedback page shows for a cell still to be graded by hand, instead of
    "0 / N": Spanish, then English, one line each.

    >>> print(pending_text(4.0))
    pendiente: tu instructora o instructor todavía califica estos 4 puntos
    pending: your instructor still has to grade these 4 points
    >>> print(pending_text(1))
    pendiente: tu instructora o instructor todavía califica este punto
    pending: your instructor still has to grade this point
    """
    return _say_points("cohort.pending.feedback_cell", points)


def _provisional_cell(pending: Mapping[str, float]) -> nbformat.NotebookNode:
    total = sum(float(p) for p in pending.values())
    lines = _say_points("cohort.pending.feedback_summary", total).splitlines()
    rows = [f"| `{cell}` | {_table_text(pending_text(points))} |"
            for cell, points in pending.items()]
    return nbformat.v4.new_markdown_cell("\n\n".join(f"**{_table_text(line)}**"
                                                      for line in lines)
                                         + "\n\n| | |\n|---|---|\n" + "\n".join(rows))


def failed_text(message: str) -> str:
    """What a failed cell shows: each language's "did not pass" with the message in the
    same language, once (a message of the kit has one line per language); any other
    message is shown once, after the words of every language.

    >>> print(failed_text(say("cohort.feedback.check_failed")))
    no pasó: una comprobación oculta de esta celda no se cumplió
    did not pass: a hidden check of this cell did not pass
    >>> print(failed_text("1 != 2"))
    no pasó / did not pass: 1 != 2
    """
    from mipyme.i18n import t

    lines = message.splitlines()
    if len(lines) == len(LANGUAGES) and is_kit_message(message):
        return "\n".join(t("cohort.feedback.cell_failed", lang, message=line)
                         for lang, line in zip(LANGUAGES, lines, strict=True))
    head = " / ".join(t("cohort.feedback.cell_failed", lang, message="").strip().rstrip(":")
                      for lang in LANGUAGES)
    return f"{head}: {message}"


def plain_feedback(nb: nbformat.NotebookNode, release: dict[str, str] | None = None,
                   pending: Mapping[str, float] | None = None) -> nbformat.NotebookNode:
    """The notebook with every test cell as released and its outputs in plain words.

    ``release`` maps a test cell's ``grade_id`` to its source as the student got it.
    The cells' ``score`` and ``points`` (set by nbgrader's ``GetGrades``) fill the summary.
    A cell with hidden tests (its source has them, or differs from its release) shows why it
    failed only with a message of the kit (:func:`is_kit_message`), else a generic one.
    ``pending`` maps each cell still to be graded by hand to its points: the page starts
    by saying that the grade is provisional and which cells wait (:func:`pending_text`).

    >>> answer = nbformat.v4.new_markdown_cell("Mi plan para enseñarlo")
    >>> answer.metadata["nbgrader"] = {"grade": True, "solution": True, "grade_id": "teachback",
    ...                                "points": 4, "score": 0.0}
    >>> top = plain_feedback(nbformat.v4.new_notebook(cells=[answer]), None,
    ...                      {"teachback": 4.0}).cells[0].source
    >>> print(top)  # doctest: +NORMALIZE_WHITESPACE
    **Calificación provisional: tu instructora o instructor todavía califica 4 puntos de este
    cuaderno (abajo dicen «pendiente»). Mientras tanto cuentan como 0, así que tu total
    todavía puede subir.**
    <BLANKLINE>
    **Provisional grade: your instructor still has to grade 4 points of this notebook
    (marked "pending" below). Until then they count as 0, so your total can still go up.**
    <BLANKLINE>
    | | |
    |---|---|
    | `teachback` | pendiente: tu instructora o instructor todavía califica estos 4 puntos<br>pending: your instructor still has to grade these 4 points |
    """
    messages = cell_messages(nb)
    rows = []
    for cell in nb.cells:
        if not _is_test(cell):
            continue
        meta = cell.metadata.nbgrader
        cell_id = meta.get("grade_id", "")
        hidden = _HIDDEN_MARK in cell.source
        if release and cell_id in release:
            hidden = hidden or release[cell_id].strip() != cell.source.strip()
            cell.source = release[cell_id]
        else:
            cell.source = _HIDDEN.sub("", cell.source).rstrip()
        message = messages.get(cell_id)
        if hidden and message is not None:
            error = _first_error(cell)
            kit = error is not None and error[0] == "AssertionError" and is_kit_message(error[1])
            message = error[1] if kit else say("cohort.feedback.hidden_failed")
        score, points = meta.get("score"), meta.get("points")
        if message is None and points is not None and score is not None and score < points:
            message = say("cohort.feedback.check_failed")
        text = failed_text(message) if message else say("grading.feedback.passed")
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text + "\n")]
        cell.execution_count = cell.get("execution_count")
        if points is not None:
            rows.append(f"| `{cell_id}` | {_points(score)} / {_points(points)} | "
                        f"{_table_text(message or say('grading.feedback.passed'))} |")
    if rows:
        header = say("cohort.feedback.summary_header").replace("\n", " / ")
        table = "\n".join([f"**{header}**", "", "| | | |", "|---|---|---|", *rows])
        nb.cells.insert(0, nbformat.v4.new_markdown_cell(table))
    if pending:
        nb.cells.insert(0, _provisional_cell(pending))
    return nb


def mark_pending(page: str, pending: Mapping[str, float]) -> str:
    """The feedback ``page`` with every "Score: 0.0 / N" of a cell in ``pending`` (its
    ``grade_id`` -> points) replaced by :func:`pending_text`, in the table of contents
    and above the cell, and a line under the page's title saying the total is provisional.

    >>> page = ('<div class="panel-heading"><h4>ch01 (Score: 5.0 / 11.0)</h4><ol>'
    ...         '<li><a href="#teachback">Written response</a> (Score: 0.0 / 4.0)</li></ol></div>'
    ...         '<a name="teachback"></a><div class="panel-heading"><span>Answer</span>'
    ...         '<span class="pull-right">Score: 0.0 / 4.0 <a href="#top">(Top)</a></span></div>')
    >>> out = mark_pending(page, {"teachback": 4.0})
    >>> "0.0 / 4.0" in out, out.count("todavía califica estos 4 puntos"), "5.0 / 11.0" in out
    (False, 2, True)
    >>> print(out[out.index("<p"):out.index("</p>") + 4])
    <p class="mipyme-provisional"><strong>Total provisional: todavía faltan 4 puntos por calificar a mano.</strong><br/><strong>Provisional total: 4 points are still to be graded by hand.</strong></p>
    """
    from bs4 import BeautifulSoup, NavigableString

    if not pending:
        return page
    soup = BeautifulSoup(page, "html.parser")
    for cell, points in pending.items():
        text = " / ".join(pending_text(points).splitlines())
        for link in soup.find_all("a", href=f"#{cell}"):
            for node in list(link.next_siblings):
                if isinstance(node, NavigableString) and "Score:" in node:
                    node.replace_with(f" ({text})")
        for anchor in soup.find_all("a", attrs={"name": cell}):
            heading = anchor.find_next_sibling("div", class_="panel-heading")
            score = heading.find("span", class_="pull-right") if heading else None
            if score is None:
                continue
            # the template's heading is 37 px high, its score floats right: the longer
            # words go on a line of their own under the label
            heading["style"] = "height: auto"
            score["class"] = [c for c in score.get("class", []) if c != "pull-right"]
            score["style"] = "display: block; font-weight: bold"
            for node in list(score.children):
                if isinstance(node, NavigableString) and "Score:" in node:
                    node.replace_with(f"{text} ")
    title = soup.find("h4")
    if title is not None:
        note = soup.new_tag("p", attrs={"class": "mipyme-provisional"})
        total = sum(float(p) for p in pending.values())
        for i, line in enumerate(_say_points("cohort.pending.feedback_header",
                                             total).splitlines()):
            if i:
                note.append(soup.new_tag("br"))
            strong = soup.new_tag("strong")
            strong.string = line
            note.append(strong)
        title.insert_after(note)
    return str(soup)


def _pending_cells(info: Mapping) -> dict[str, float]:
    """``grade_id -> points`` of the cells of one submitted notebook (``info``: nbgrader's
    resources) that still wait for hand grading in the gradebook."""
    from mipyme.cohort.course import open_gradebook
    from mipyme.cohort.pending import gradebook_status

    with open_gradebook(info["db_url"]) as gb:
        found = gradebook_status(gb, [info["assignment"]], [info["student"]])
    submission = found.get((info["student"], info["assignment"]))
    if submission is None:
        return {}
    return {c.cell: c.points for c in submission.pending if c.notebook == info["notebook"]}


def _preprocessor_class(root: Path):
    from nbconvert.preprocessors import Preprocessor
    from traitlets import Bool

    from mipyme.cohort.autograde import release_cells

    class PlainChecks(Preprocessor):
        """nbconvert step: :func:`plain_feedback` with the course's release cells, then
        :func:`safe_notebook`."""

        enabled = Bool(True)  # nbconvert's base class is off unless told

        def preprocess(self, nb, resources):
            info = resources["nbgrader"]
            release = release_cells(root, info["assignment"], info["notebook"], _is_test)
            info["mipyme_pending"] = pending = _pending_cells(info)
            return safe_notebook(plain_feedback(nb, release, pending)), resources

    return PlainChecks


def _converter_class():
    from nbgrader.converters import GenerateFeedback

    class SafeFeedback(GenerateFeedback):
        """nbgrader's feedback converter; each page goes through :func:`mark_pending`
        and :func:`disarm_page`."""

        _template_page: str | None = None

        def write_single_notebook(self, output, resources):
            if isinstance(output, bytes):
                output = output.decode("utf-8")
            if self._template_page is None:
                info = {"notebook": "", "score": 0, "max_score": 0, "late_penalty": 0}
                info.update(resources.get("nbgrader", {}))
                blank = type(self.exporter)(config=self.exporter.config)
                self._template_page, _ = blank.from_notebook_node(
                    nbformat.v4.new_notebook(), resources={"nbgrader": info})
            pending = resources.get("nbgrader", {}).get("mipyme_pending") or {}
            output = mark_pending(output, pending)
            return super().write_single_notebook(disarm_page(output, self._template_page),
                                                 resources)

    return SafeFeedback


def generate_feedback(assignment: str, course: str | Path | None, *,
                      db_url: str | None = None, students: Iterable[str] | None = None,
                      config=None, force: bool | None = None) -> list[Path]:
    """Write ``feedback/STUDENT/ASSIGNMENT/NOTEBOOK.html`` for every autograded submission
    (or only ``students``: ids or nbgrader's wildcards); returns the files written.

    ``config`` is the course's nbgrader configuration already loaded (``mipyme feedback``
    passes the one its command line made); without it, every ``nbgrader_config.py``
    nbgrader reads (:func:`mipyme.cohort.autograde.course_config`). As in nbgrader,
    ``CourseDirectory.student_id``/``student_id_exclude``/``notebook_id`` choose what is
    written and existing pages are kept unless the autograded copy is newer or ``force``
    (``--force``/``-f``); ``force=None`` means the configuration's ``--force`` when a
    ``config`` is given, and always rewrite when called without one.

    Whatever the course's configuration says, the pages are written with nbconvert's
    ``sanitize_html`` on and :func:`clean_html` as its cleaner, SVG as images, and
    :func:`disarm_page` over the result (see the module's description)."""
    import fnmatch

    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import GetGrades

    from mipyme.cohort.autograde import course_config

    if force is None and config is None:
        force = True  # the library's way: the pages follow the last grading
    cfg = course_config(course or None, db_url) if config is None else config.copy()
    if db_url:
        cfg.CourseDirectory.db_url = db_url
    root = Path(cfg.CourseDirectory.root).resolve()
    base = CourseDirectory(config=cfg)
    graded = Path(base.format_path(base.autograded_directory, ".", "."))
    if not graded.is_dir():
        raise InputError("cohort.errors.not_graded", arg="course", value=str(course or root))
    patterns = list(students) if students is not None else [str(base.student_id or "*")]
    excluded = {s for s in str(base.student_id_exclude or "").split(",") if s}
    who = sorted(p.name for p in graded.iterdir() if (p / assignment).is_dir()
                 and p.name not in excluded
                 and any(fnmatch.fnmatchcase(p.name, pat) for pat in patterns))
    if not who:
        raise InputError("cohort.errors.not_graded", arg="assignment", value=assignment)
    cfg.HTMLExporter.sanitize_html = True
    cfg.HTMLExporter.skip_svg_encoding = False
    filters = dict(cfg.HTMLExporter.get("filters") or {})
    filters["clean_html"] = clean_html
    cfg.HTMLExporter.filters = filters
    converter_class = _converter_class()
    written: list[Path] = []
    for student in who:
        coursedir = CourseDirectory(config=cfg)
        coursedir.assignment_id = assignment
        coursedir.student_id = student
        converter = converter_class(coursedir=coursedir, config=cfg)
        if force is not None:  # else nbgrader's own: the configuration's --force/-f
            converter.force = force
        converter.preprocessors = [GetGrades, _preprocessor_class(root),
                                    CSSHTMLHeaderPreprocessor]
        converter.start()
        out = Path(coursedir.format_path(coursedir.feedback_directory, student, assignment))
        written += sorted(out.glob("*.html"))
    return written
