"""The glossary of the book: every term it uses, in Spanish and English, with room for the
local languages of the communities the course serves.

The terms live in ``book/glossary.toml``, one ``[[term]]`` each::

    [[term]]
    id = "iva"                       # the entry's label in the book: glossary-iva
    es = "IVA"                       # the term as the Spanish edition writes it
    en = "IVA (value-added tax)"
    definition_es = "..."
    definition_en = "..."
    chapter = "ch01"                 # the chapter where the term first appears
    match_es = ["IVA"]               # optional: the words that show the term in a reading
    match_en = ["IVA"]               # (default: the term itself)
    maya = ""                        # one column per local language (LOCAL_LANGUAGES),
    tseltal = ""                     # EMPTY until a facilitator who speaks the language
    ...                              # writes it with the community
    local_by = ""                    # who wrote the local-language texts (required then)

Nobody fills a local-language column by machine or by guess: :func:`glossary_findings`
refuses a local text without the person who wrote it. Each edition gets a ``glossary`` page
(:func:`glossary_markdown`) and every chapter page a "Terms in this chapter" list that links
to the entries of the terms that first appear there (:func:`chapter_terms_markdown`).

>>> from mipyme.curriculum import find_root
>>> glossary = load_glossary(find_root() / "book")
>>> next(term for term in glossary.terms if term.id == "iva").chapter
'ch01'
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from mipyme.errors import Finding, InputError
from mipyme.i18n import Text, check_language, t

__all__ = [
    "LOCAL_LANGUAGES",
    "PAGE",
    "Glossary",
    "Term",
    "chapter_terms_markdown",
    "first_appearance",
    "glossary_file",
    "glossary_findings",
    "glossary_markdown",
    "load_glossary",
    "mentions",
    "term_label",
]

#: The local-language columns every term has (left empty for facilitators to fill).
LOCAL_LANGUAGES: tuple[str, ...] = ("maya", "tseltal", "tsotsil", "zapoteco", "nahuatl",
                                    "mixteco")
#: The glossary's page in every edition.
PAGE = "glossary"

_TEXTS = ("es", "en", "definition_es", "definition_en")
_FIELDS = {"id", "chapter", "match_es", "match_en", "local_by", *_TEXTS, *LOCAL_LANGUAGES}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of the glossary."""

    id: str
    es: str
    en: str
    definition_es: str
    definition_en: str
    chapter: str
    match_es: tuple[str, ...] = ()
    match_en: tuple[str, ...] = ()
    local: tuple[tuple[str, str], ...] = ()
    local_by: str = ""

    @property
    def name(self) -> Text:
        """The term in both languages (``.name("en")``, ``.name.es``)."""
        return Text(self.es, self.en)

    @property
    def definition(self) -> Text:
        """The definition in both languages (``.definition("en")``, ``.definition.es``)."""
        return Text(self.definition_es, self.definition_en)

    def words(self, lang: str) -> tuple[str, ...]:
        """The words that show the term in a text in ``lang`` (default: the term)."""
        return getattr(self, f"match_{check_language(lang)}") or (self.name(lang),)


@dataclass(frozen=True, slots=True)
class Glossary:
    """Every term, in the file's order."""

    terms: tuple[Term, ...] = ()

    def of_chapter(self, chapter: str) -> tuple[Term, ...]:
        """The terms that first appear in ``chapter``."""
        return tuple(term for term in self.terms if term.chapter == chapter)


def glossary_file(book_dir: str | Path) -> Path:
    """The glossary's file: ``<book_dir>/glossary.toml``."""
    return Path(book_dir) / "glossary.toml"


def term_label(term: Term) -> str:
    """The label of a term's entry, the same in both editions (``glossary-iva``)."""
    return f"glossary-{term.id}"


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError("book.glossary_bad_file", file=path.name, problem=exc) from None


def glossary_findings(path: str | Path, chapters: Iterable[str]) -> list[Finding]:
    """Every problem of the glossary file, all at once (empty list: all good).

    ``chapters`` are the chapter ids a term's ``chapter`` may name. Rules: every text in
    both languages; known fields only; ids unique, lower case with hyphens; every local
    language column present; a local-language text only with ``local_by`` naming who wrote
    it.
    """
    path = Path(path)
    data = _read(path)
    chapters = list(chapters)
    found: list[Finding] = []

    def add(code: str, field: str, **params: object) -> None:
        found.append(Finding("error", f"book.{code}",
                             t(f"book.{code}", file=path.name, field=field, **params),
                             f"{path.name}: {field}"))

    ids: list[str] = []
    for i, item in enumerate(data.get("term", []), 1):
        where = f"term[{i}]"
        for key in sorted(set(item) - _FIELDS):
            add("glossary_unknown", f"{where}.{key}", allowed=", ".join(sorted(_FIELDS)))
        for key in _TEXTS:
            value = item.get(key)
            if not isinstance(value, str) or not value.strip():
                add("glossary_missing", f"{where}.{key}", value=value or "")
        term_id = item.get("id")
        if not isinstance(term_id, str) or not _ID.match(term_id) or term_id in ids:
            add("glossary_id", f"{where}.id", value=term_id or "")
        ids.append(str(term_id))
        if item.get("chapter") not in chapters:
            add("glossary_chapter", f"{where}.chapter", choices=", ".join(chapters),
                value=item.get("chapter", ""))
        for lang in ("es", "en"):
            words = item.get(f"match_{lang}", [])
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip()
                                                      for w in words):
                add("glossary_missing", f"{where}.match_{lang}", value=words)
        filled = False
        for local in LOCAL_LANGUAGES:
            value = item.get(local)
            if not isinstance(value, str):
                add("glossary_missing", f"{where}.{local}", value=value or "")
            elif value.strip():
                filled = True
        if filled and not str(item.get("local_by", "")).strip():
            add("glossary_no_person", f"{where}.local_by", value=item.get("local_by", ""))
    return found


def load_glossary(book_dir: str | Path, chapters: Iterable[str] | None = None) -> Glossary:
    """Read ``<book_dir>/glossary.toml`` (no file: an empty glossary); refuse a broken one.

    ``chapters`` are the chapter ids a term may name (default: the curriculum map's).
    """
    path = glossary_file(book_dir)
    if not path.is_file():
        return Glossary()
    if chapters is None:
        from mipyme.curriculum import load_curriculum

        chapters = [c.id for c in load_curriculum().chapters]
    found = glossary_findings(path, chapters)
    if found:
        raise InputError("book.glossary_invalid", file=path.name, count=len(found),
                         first=found[0].message)
    terms = []
    for item in _read(path).get("term", []):
        terms.append(Term(
            item["id"], item["es"].strip(), item["en"].strip(), item["definition_es"].strip(),
            item["definition_en"].strip(), item["chapter"],
            tuple(item.get("match_es", [])), tuple(item.get("match_en", [])),
            tuple((local, item[local].strip()) for local in LOCAL_LANGUAGES),
            str(item.get("local_by", "")).strip()))
    return Glossary(tuple(terms))


def _pattern(word: str) -> re.Pattern[str]:
    # An acronym (IVA, CAT, FOB) must be in capitals; any other word in any case. The word
    # may take a plural ending.
    flags = 0 if word.isupper() else re.IGNORECASE
    return re.compile(rf"(?<!\w){re.escape(word)}(?:s|es)?(?!\w)", flags)


def mentions(term: Term, text: str, lang: str) -> bool:
    """Whether ``text`` (in ``lang``) names the term.

    >>> term = Term("cat", "CAT", "CAT", "", "", "ch14")
    >>> mentions(term, "El CAT incluye comisiones.", "es"), mentions(term, "catálogo", "es")
    (True, False)
    """
    return any(_pattern(word).search(text) for word in term.words(lang))


def first_appearance(term: Term, readings: Mapping[str, Mapping[str, str]]) -> str | None:
    """The first chapter whose reading names ``term``, in either language, or None.

    ``readings`` maps chapter ids, in the curriculum's order, to ``{lang: text}``. A term's
    ``chapter`` in the glossary must be this one (``tests/test_glossary.py``); when a reading
    changes, this says where the term now first appears.

    >>> term = Term("cat", "CAT", "CAT", "", "", "ch14")
    >>> first_appearance(term, {"ch01": {"es": "catálogo"}, "ch14": {"en": "The CAT is 104%."}})
    'ch14'
    """
    return next((chapter for chapter, texts in readings.items()
                 if any(mentions(term, text or "", lang) for lang, text in texts.items())),
                None)


def _sort_key(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def glossary_markdown(glossary: Glossary, lang: str, chapters: Mapping[str, str]) -> str:
    """The glossary page of one edition, terms in alphabetical order of that language.

    ``chapters`` maps the chapter ids that have a page in this edition to their headings;
    a term's first chapter is linked when it has a page.
    """
    lang = check_language(lang)
    other = "en" if lang == "es" else "es"
    lines = [f"# {t('book.glossary', lang=lang)}", "", t("book.glossary_lead", lang=lang), ""]
    names = {local: t(f"book.local_language.{local}", lang=lang) for local in LOCAL_LANGUAGES}
    for term in sorted(glossary.terms, key=lambda item: _sort_key(item.name(lang))):
        lines += [f"({term_label(term)})=", f"## {term.name(lang)}", "",
                  _one_line(term.definition(lang)), "",
                  f"- *{t('book.glossary_other', lang=lang, term=term.name(other))}*"]
        if term.chapter in chapters:
            link = f"{{doc}}`{chapters[term.chapter]} <{term.chapter}/index>`"
            lines.append(f"- {t('book.glossary_first', lang=lang, chapter=link)}")
        local = [f"{names[name]}: {text or '*' + t('book.glossary_empty', lang=lang) + '*'}"
                 for name, text in term.local]
        lines.append(f"- {t('book.glossary_local', lang=lang)}: " + "; ".join(local))
        if term.local_by:
            lines.append(f"- {t('book.glossary_filled_by', lang=lang, people=term.local_by)}")
        lines.append("")
    return "\n".join(lines)


def chapter_terms_markdown(glossary: Glossary, chapter: str, lang: str) -> str:
    """A chapter page's "Terms in this chapter": a link to each of its terms' entries.

    Empty when no term first appears in the chapter.
    """
    lang = check_language(lang)
    other = "en" if lang == "es" else "es"
    terms = sorted(glossary.of_chapter(chapter), key=lambda item: _sort_key(item.name(lang)))
    if not terms:
        return ""
    lines = [f"## {t('book.chapter_terms', lang=lang)}", "",
             t("book.chapter_terms_lead", lang=lang), ""]
    lines += [f"- {{ref}}`{term.name(lang)} <{term_label(term)}>` ({term.name(other)})"
              for term in terms]
    return "\n".join(lines) + "\n"
