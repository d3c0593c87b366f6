"""Build the kit's course material into one folder (what ``make`` produces).

For now it writes a bilingual catalogue of every rate, fee and tariff table the models
use, each with its source and date, so an instructor can check the figures before class.
The book site and the course release join it as they arrive.

>>> import tempfile, pathlib
>>> out = build_kit(tempfile.mkdtemp())
>>> (out / "index.html").exists()
True
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

import pandas as pd

from mipyme import __version__
from mipyme.i18n import LANGUAGES, t

__all__ = ["build_kit", "data_tables"]


def data_tables() -> dict[str, pd.DataFrame]:
    """Every packaged CSV table, by name."""
    folder = resources.files("mipyme") / "data"
    tables = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".csv"):
            tables[entry.name[:-4]] = pd.read_csv(Path(str(entry)), dtype=str,
                                                  keep_default_na=False, comment="#")
    return tables


_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse;font-size:.9rem}}td,th{{border:1px solid #999;padding:.2rem .4rem}}
th{{background:#eee}}</style></head><body>{body}</body></html>
"""


def build_kit(out: str | Path) -> Path:
    """Write the kit's material into ``out`` (created if needed) and return its path."""
    out = Path(out)
    tables = data_tables()
    for lang in LANGUAGES:
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        items = []
        for name, frame in tables.items():
            (folder / f"{name}.csv").write_text(frame.to_csv(index=False), encoding="utf-8")
            body = (f"<h1>{html.escape(name)}</h1>"
                    f"<p><a href='index.html'>{t('kit.back', lang)}</a> · "
                    f"<a href='{name}.csv'>CSV</a></p>"
                    + frame.to_html(index=False, border=0, escape=True))
            (folder / f"{name}.html").write_text(
                _PAGE.format(lang=lang, title=html.escape(name), body=body), encoding="utf-8")
            items.append(f"<li><a href='{name}.html'>{html.escape(name)}</a> "
                         f"({len(frame)} {t('kit.rows', lang)})</li>")
        other = "en" if lang == "es" else "es"
        body = (f"<p><a href='../{other}/index.html' hreflang='{other}'>"
                f"{t('kit.other_language', lang)}</a></p>"
                f"<h1>{t('kit.title', lang)}</h1><p>{t('kit.intro', lang)}</p>"
                f"<h2>{t('kit.tables', lang)}</h2><ul>{''.join(items)}</ul>"
                f"<p><small>mipyme {__version__}</small></p>")
        (folder / "index.html").write_text(
            _PAGE.format(lang=lang, title=t("kit.title", lang), body=body), encoding="utf-8")
    (out / "index.html").write_text(
        "<!doctype html><meta charset='utf-8'><meta http-equiv='refresh' content='0; url=es/'>"
        "<title>MiPyME Lab</title><a href='es/index.html'>Español</a> · "
        "<a href='en/index.html'>English</a>\n", encoding="utf-8")
    return out
