"""The glossary: every term in Spanish and English, empty local-language columns, and links.

``book/glossary.toml`` defines each term in both languages and names the chapter where it first
appears: the test reads every chapter's reading to check that the term is there and in no
earlier chapter. Each edition has a glossary page with an entry (a label) per term, and every
chapter page lists and links the terms that first appear in it. The local-language columns
exist for every term and stay empty unless a person who wrote them is named.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mipyme.book import write_edition
from mipyme.book.glossary import (
    LOCAL_LANGUAGES,
    PAGE,
    chapter_terms_markdown,
    first_appearance,
    glossary_file,
    glossary_findings,
    glossary_markdown,
    load_glossary,
    mentions,
    term_label,
)
from mipyme.book.readings import reading_text
from mipyme.curriculum import load_curriculum
from mipyme.errors import InputError
from mipyme.i18n import language

COURSE = load_curriculum()
BOOK = COURSE.root / "book"
CHAPTERS = [c.id for c in COURSE.chapters]
GLOSSARY = load_glossary(BOOK)


def test_the_glossary_is_complete_in_both_languages():
    assert glossary_findings(glossary_file(BOOK), CHAPTERS) == []
    assert len(GLOSSARY.terms) >= 60
    for term in GLOSSARY.terms:
        for lang in ("es", "en"):
            assert term.name(lang).strip() and len(term.definition(lang)) > 20, term.id
    for must in ("iva", "resico", "cat", "incoterms", "fob", "ddp", "mpf",
                 "margen-de-contribucion", "punto-de-equilibrio"):
        assert any(term.id == must for term in GLOSSARY.terms), must


def test_every_term_has_every_local_language_column_and_none_is_filled_by_machine():
    text = glossary_file(BOOK).read_text(encoding="utf-8")
    blocks = text.split("[[term]]")[1:]
    assert len(blocks) == len(GLOSSARY.terms)
    for block in blocks:
        for local in LOCAL_LANGUAGES:
            assert re.search(rf"^{local} = ", block, re.M), f"no {local} column in {block[:40]}"
    for term in GLOSSARY.terms:
        filled = {name: value for name, value in term.local if value}
        if filled:
            # A person wrote them: named in local_by, and not a copy of the Spanish or English.
            assert term.local_by, term.id
            assert not {v.casefold() for v in filled.values()} & {
                term.es.casefold(), term.en.casefold()}, term.id


@pytest.mark.parametrize("term", GLOSSARY.terms, ids=lambda term: term.id)
def test_each_term_first_appears_in_the_chapter_it_names(term):
    readings = {c: {lang: reading_text(BOOK, c, lang) or "" for lang in ("es", "en")}
                for c in CHAPTERS}
    here = readings[term.chapter]
    assert mentions(term, here["es"], "es") or mentions(term, here["en"], "en"), (
        f"{term.id}: not in the {term.chapter} reading (words: {term.words('es')}, "
        f"{term.words('en')})")
    earlier = [c for c in CHAPTERS[:CHAPTERS.index(term.chapter)]
               if mentions(term, readings[c]["es"], "es")
               or mentions(term, readings[c]["en"], "en")]
    assert not earlier, f"{term.id} already appears in {earlier}, before {term.chapter}"
    assert first_appearance(term, readings) == term.chapter


def test_a_local_text_without_its_author_and_a_missing_definition_are_refused(tmp_path):
    text = glossary_file(BOOK).read_text(encoding="utf-8")
    first = text.index("[[term]]")
    second = text.index("[[term]]", first + 1)
    block = text[first:second]
    broken = (block.replace('maya = ""', 'maya = "texto"', 1)
              .replace("definition_en = ", "definition_xx = ", 1))
    (tmp_path / "glossary.toml").write_text(broken, encoding="utf-8")
    with language("en"):
        messages = "\n".join(f.message for f in glossary_findings(
            tmp_path / "glossary.toml", CHAPTERS))
        with pytest.raises(InputError, match=r"glossary\.toml"):
            load_glossary(tmp_path, CHAPTERS)
    assert "'term[1].local_by' must name the person who wrote this term's local-language" \
        in messages
    assert "'term[1].definition_en' must have a text" in messages
    assert "there is no field 'term[1].definition_xx'" in messages


def test_the_glossary_page_and_a_chapter_list_render_labels_and_links():
    iva = next(term for term in GLOSSARY.terms if term.id == "iva")
    for lang in ("es", "en"):
        page = glossary_markdown(GLOSSARY, lang, {"ch01": "Capítulo 1"})
        assert page.count("(glossary-") == len(GLOSSARY.terms)
        assert f"({term_label(iva)})=\n## {iva.name(lang)}" in page
        assert "{doc}`Capítulo 1 <ch01/index>`" in page
        listing = chapter_terms_markdown(GLOSSARY, "ch01", lang)
        assert f"{{ref}}`{iva.name(lang)} <glossary-iva>`" in listing
    assert chapter_terms_markdown(GLOSSARY, "ch99", "es") == ""


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("glossary")
    cache = tmp_path_factory.getbasetemp() / "mipyme-releases" / "cache"
    for lang in ("es", "en"):
        write_edition(COURSE, lang, folder / lang, cache=cache / lang, execute=False)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_every_chapter_page_links_its_terms_and_the_glossary_is_in_the_contents(edition):
    for lang in ("es", "en"):
        glossary = (edition / lang / f"{PAGE}.md").read_text(encoding="utf-8")
        toc = (edition / lang / "_toc.yml").read_text(encoding="utf-8")
        assert f"file: {PAGE}" in toc
        assert f"<{PAGE}>`" in (edition / lang / "index.md").read_text(encoding="utf-8")
        heading = {"es": "## Términos de este capítulo", "en": "## Terms in this chapter"}[lang]
        for chapter in CHAPTERS:
            page = (edition / lang / chapter / "index.md").read_text(encoding="utf-8")
            terms = GLOSSARY.of_chapter(chapter)
            assert (heading in page) == bool(terms), f"{lang}/{chapter}"
            for term in terms:
                assert f"<{term_label(term)}>`" in page, f"{lang}/{chapter}: {term.id}"
                assert f"({term_label(term)})=" in glossary
                assert f"<{chapter}/index>`" in glossary
