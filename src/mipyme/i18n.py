"""One source for every learner-facing string, in Spanish and English.

Strings live in TOML files under ``mipyme/data/i18n/`` (one file per module),
each entry a table with an ``es`` and an ``en`` text. Spanish is the default
language of the kit; English is a full second language.

>>> from mipyme.i18n import t, set_language
>>> t("money.currency", lang="es")
'moneda'
>>> t("money.currency", lang="en")
'currency'
>>> t("errors.not_negative", lang="en", arg="price", value=-3)
"'price' must be zero or more (got -3)"
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "LANGUAGES",
    "Text",
    "check_language",
    "get_language",
    "language",
    "set_language",
    "t",
    "texts",
]

#: Supported languages, first is the default (Spanish first).
LANGUAGES: tuple[str, ...] = ("es", "en")

_current = {"lang": LANGUAGES[0]}


def check_language(lang: str) -> str:
    """Return ``lang`` if supported, else raise ``ValueError`` naming the rule.

    >>> check_language("en")
    'en'
    >>> check_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: 'lang' must be one of ('es', 'en') (got 'fr')
    """
    if lang not in LANGUAGES:
        # Not translated on purpose: the language itself is what is wrong.
        raise ValueError(f"'lang' must be one of {LANGUAGES} (got {lang!r})")
    return lang


def set_language(lang: str) -> None:
    """Choose the language of every text the kit shows from now on."""
    _current["lang"] = check_language(lang)


def get_language() -> str:
    """The language in use (``'es'`` unless :func:`set_language` said otherwise)."""
    return _current["lang"]


@contextlib.contextmanager
def language(lang: str) -> Iterator[str]:
    """Use ``lang`` inside a ``with`` block, then go back to the previous language."""
    before = get_language()
    set_language(lang)
    try:
        yield lang
    finally:
        set_language(before)


def _flatten(prefix: str, table: dict, out: dict[str, dict[str, str]], origin: str) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()) and (
            set(value) & set(LANGUAGES)
        ):
            if name in out:
                raise ValueError(f"i18n key {name!r} is defined twice (again in {origin})")
            out[name] = dict(value)
        elif isinstance(value, dict):
            _flatten(name, value, out, origin)
        else:
            raise ValueError(f"i18n entry {name!r} in {origin} must be a table with es and en")


@cache
def texts() -> dict[str, dict[str, str]]:
    """Every text of the kit in both languages: ``{key: {"es": ..., "en": ...}}``.

    (``catalog`` names the store's products; this was ``catalog()`` before, and that name
    still answers with a warning.)
    """
    out: dict[str, dict[str, str]] = {}
    folder = resources.files("mipyme") / "data" / "i18n"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            _flatten("", data, out, entry.name)
    return out


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The text for ``key`` in ``lang`` (default: the language in use), formatted.

    Unknown keys raise ``KeyError`` so a missing translation is found by the tests,
    not by a student.
    """
    lang = check_language(lang) if lang is not None else get_language()
    try:
        entry = texts()[key]
    except KeyError:
        raise KeyError(f"no text with key {key!r} in the i18n catalog") from None
    text = entry.get(lang) or entry[LANGUAGES[0]]
    return text.format(**params) if params else text


def __getattr__(name: str) -> object:
    """``catalog()`` is now :func:`texts` (a catalog is the store's products)."""
    if name == "catalog":
        import warnings

        warnings.warn(t("errors.renamed", old="mipyme.i18n.catalog", new="mipyme.i18n.texts"),
                      FutureWarning, stacklevel=2)
        return texts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class Text:
    """One text in both languages: the kit's one way to hold a bilingual string.

    Anything with a name or a title in two languages (a chapter, an account, a market, a
    glossary term) keeps its ``*_es`` and ``*_en`` data and gives it out as a ``Text``:
    ``chapter.title.en``, ``chapter.title("es")`` or ``chapter.title()`` in the language in
    use.

    >>> title = Text("Hola", "Hello")
    >>> title.get("en"), title("es"), title.es
    ('Hello', 'Hola', 'Hola')
    >>> str(Text("Hola", "Hello"))
    'Hola'
    """

    es: str = ""
    en: str = ""

    def get(self, lang: str | None = None) -> str:
        """The text in ``lang`` (default: the language in use)."""
        return getattr(self, check_language(lang) if lang else get_language())

    def __call__(self, lang: str | None = None) -> str:
        return self.get(lang)

    def __str__(self) -> str:
        return self.get()

    def missing(self) -> tuple[str, ...]:
        """The languages with no text (blank counts as missing)."""
        return tuple(lang for lang in LANGUAGES if not str(getattr(self, lang)).strip())
