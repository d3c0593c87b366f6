"""A small Sphinx extension for the bilingual book: the language switch and figure alt text.

Configuration (set by the generated ``_config.yml``)::

    mipyme_lang = "es"          # this edition
    mipyme_editions = ["es", "en"]

Every HTML page gets, for each other edition, a link to the page with the same name in
that edition (``/es/ch12/index.html`` -> ``/en/ch12/index.html``), with ``hreflang`` and
``lang`` set, in the article header, and a ``<link rel="alternate" hreflang=...>`` in its
head. The editions sit side by side (``<site>/es/``, ``<site>/en/``), so the link is
relative and works wherever the site is published.

>>> switch_href("ch12/index", "en")
'../../en/ch12/index.html'
>>> switch_href("index", "en")
'../en/index.html'
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from mipyme.i18n import t

__all__ = ["TEMPLATE", "setup", "switch_href", "switch_html"]

#: The template (in ``templates/``) that shows the switch in the article header.
TEMPLATE = "mipyme-lang-switch.html"


def switch_href(pagename: str, target: str) -> str:
    """The relative link from page ``pagename`` of one edition to the same page in ``target``."""
    depth = pagename.count("/") + 1
    return "../" * depth + f"{target}/{pagename}.html"


def switch_html(pagename: str, lang: str, editions: list[str] | tuple[str, ...]) -> str:
    """The switch's HTML: one link per other edition, labelled in that edition's language.

    >>> print(switch_html("ch12/index", "es", ["es", "en"]))  # doctest: +NORMALIZE_WHITESPACE
    <nav class="mipyme-lang-switch" aria-label="Idioma / Language"><a
     class="mipyme-lang-link" href="../../en/ch12/index.html" hreflang="en" lang="en"
     title="Read this page in English">English</a></nav>
    """
    links = []
    for other in editions:
        if other == lang:
            continue
        href = html.escape(switch_href(pagename, other))
        title = html.escape(t("book.switch_label", lang=lang))
        label = html.escape(t("book.switch_text", lang=lang))
        links.append(f'<a class="mipyme-lang-link" href="{href}" hreflang="{other}" '
                     f'lang="{other}" title="{title}">{label}</a>')
    return ('<nav class="mipyme-lang-switch" aria-label="Idioma / Language">'
            + "".join(links) + "</nav>")


def _page_context(app: Any, pagename: str, templatename: str, context: dict,
                  doctree: Any) -> None:
    lang = app.config.mipyme_lang
    editions = list(app.config.mipyme_editions)
    context["mipyme_lang_switch"] = switch_html(pagename, lang, editions)
    alternates = "".join(
        f'<link rel="alternate" hreflang="{other}" href="{html.escape(switch_href(pagename, other))}" />\n'
        for other in editions if other != lang)
    context["metatags"] = context.get("metatags", "") + alternates
    # No live code (thebe): the book works offline, and sphinx-thebe's inline script is
    # added twice by Jupyter Book 1.x (a console error: 'THEBE_JS_URL' already declared).
    context["script_files"] = [
        js for js in context.get("script_files", [])
        if "THEBE_JS_URL" not in str(getattr(js, "attributes", {}).get("body", ""))
        and not str(js).endswith("sphinx-thebe.js")]


def _late_page_context(app: Any, pagename: str, templatename: str, context: dict,
                       doctree: Any) -> None:
    # After the theme's own handler, which adds the sidebar's toctree function.
    lang = app.config.mipyme_lang
    toctree = context.get("generate_toctree_html")
    if callable(toctree) and not getattr(toctree, "_mipyme", False):
        def named_toctree(*args: Any, **kwargs: Any) -> str:
            return _name_summaries(str(toctree(*args, **kwargs)), lang)

        named_toctree._mipyme = True  # type: ignore[attr-defined]
        context["generate_toctree_html"] = named_toctree


_SUMMARY = re.compile(r'<a class="([^"]*)" href="([^"]*)">(.*?)</a><details( open="open")?>'
                      r'<summary>')


def _name_summaries(html_text: str, lang: str) -> str:
    """Give each collapsible sidebar section's toggle a name (axe: summary-name).

    >>> _name_summaries('<a class="r" href="a.html">Cap 1</a><details><summary>', "en")
    '<a class="r" href="a.html">Cap 1</a><details><summary aria-label="Show or hide the pages of Cap 1">'
    """
    def name(match: re.Match) -> str:
        title = re.sub(r"<[^>]+>", "", match.group(3))
        label = html.escape(t("book.toggle_section", lang=lang, title=html.unescape(title)))
        return match.group(0).replace("<summary>", f'<summary aria-label="{label}">')

    return _SUMMARY.sub(name, html_text)


def _add_to_header(app: Any, config: Any) -> None:
    options = dict(config.html_theme_options or {})
    end = options.get("article_header_end") or ["article-header-buttons.html"]
    if isinstance(end, str):
        end = [item.strip() for item in end.split(",") if item.strip()]
    if TEMPLATE not in end:
        end = [TEMPLATE, *end]
    options["article_header_end"] = end
    # An empty colour mode is reported as a console error by the theme's script.
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")
    config.html_context = context
    config.html_theme_options = options
    templates = str(Path(__file__).with_name("templates"))
    if templates not in config.templates_path:
        config.templates_path = [*config.templates_path, templates]
    static = str(Path(__file__).with_name("static"))
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]


def _image_alt_from_output() -> None:
    """Let myst-nb read ``alt`` from an image output's metadata (it reads only width/height).

    The kernel puts the figure's description there (:func:`mipyme.book.kernel.register_alt_text`);
    a cell's own ``mystnb.image.alt`` still wins.
    """
    from myst_nb.core.render import NbElementRenderer

    if getattr(NbElementRenderer.render_image, "_mipyme_alt", False):
        return
    original = NbElementRenderer.render_image

    def render_image(self: Any, data: Any) -> list:
        out = original(self, data)
        alt = (data.output_metadata.get(data.mime_type) or {}).get("alt")
        for node in out:
            if alt and not node.get("alt"):
                node["alt"] = str(alt)
        return out

    render_image._mipyme_alt = True  # type: ignore[attr-defined]
    NbElementRenderer.render_image = render_image


def setup(app: Any) -> dict:
    """Register the extension with Sphinx."""
    app.add_config_value("mipyme_lang", "es", "html")
    app.add_config_value("mipyme_editions", ["es", "en"], "html")
    app.connect("config-inited", _add_to_header)
    # Early: the theme renders its header components in its own handler (priority 500).
    app.connect("html-page-context", _page_context, priority=400)
    app.connect("html-page-context", _late_page_context, priority=900)
    app.add_css_file("mipyme-book.css")
    _image_alt_from_output()
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
