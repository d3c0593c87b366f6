"""Chapter readings and guides: written twice (Spanish first), with the same structure.

A reading ``book/chapters/chNN.<lang>.md`` goes into the chapter page after the objectives,
with its exercise and a worked solution that opens on demand; the guides listed in
``book/guides.toml`` become their own parts. ``check-readings`` compares each pair.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mipyme.book import (
    build_book,
    check_readings,
    guide_plan,
    load_guides,
    main,
    reading_pairs,
    structure,
    write_edition,
)
from mipyme.curriculum import find_root, load_curriculum
from mipyme.errors import InputError
from mipyme.facilitator import load_notes
from mipyme.i18n import language

ROOT = find_root()

# A chapter-12 reading in both languages, the way the chapter writers write them.
READING_ES = """\
## Por qué anotar cada venta

Doña Rosa vende platos de Talavera. Lo ves en el {doc}`cuaderno <notebook>`.

```{exercise}
:label: ch12-ex1

Vendes un plato en 2,000 pesos más IVA (16 %). ¿Cuánto cobras y cuánto es IVA?
```

```{solution} ch12-ex1
:class: dropdown

Cobras 2,000 × 1.16 = 2,320 pesos; el IVA es 320 pesos.
```

## Puntos clave

- Anota cada venta el mismo día.
"""
READING_EN = """\
## Why record every sale

Doña Rosa sells Talavera plates. You see it in the {doc}`notebook <notebook>`.

```{exercise}
:label: ch12-ex1

You sell a plate for 2,000 pesos plus VAT (16%). How much do you charge, and how much is VAT?
```

```{solution} ch12-ex1
:class: dropdown

You charge 2,000 × 1.16 = 2,320 pesos; VAT is 320 pesos.
```

## Key points

- Record every sale the same day.
"""
GUIDES_TOML = """\
[[part]]
id = "usuarios"
place = "before"
title_es = "Guías de prueba"
title_en = "Test guides"

[[part]]
id = "facilitacion"
place = "after"
title_es = "Facilitación de prueba"
title_en = "Test facilitation"

[[page]]
id = "uno"
part = "usuarios"
file = "uno"
title_es = "Guía uno"
title_en = "Guide one"

[[page]]
id = "pendiente"
part = "facilitacion"
file = "pendiente"
title_es = "Todavía no escrita"
title_en = "Not written yet"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def a_book(folder: Path) -> Path:
    """A ``book/`` folder with the ch12 reading, one guide, and one guide not written yet."""
    book = folder / "book"
    write(book / "chapters" / "ch12.es.md", READING_ES)
    write(book / "chapters" / "ch12.en.md", READING_EN)
    write(book / "guides.toml", GUIDES_TOML)
    write(book / "guides" / "uno.es.md", "## Antes de empezar\n\nAbre JupyterLab.\n")
    write(book / "guides" / "uno.en.md", "## Before you start\n\nOpen JupyterLab.\n")
    return book


# The pairs in the kit.

def test_every_reading_and_guide_in_the_kit_has_both_languages_with_the_same_structure():
    findings = check_readings(ROOT)
    assert findings == [], "\n".join(str(f) for f in findings)


def test_the_user_guides_are_written_and_the_facilitator_guide_pages_are_listed():
    guides = load_guides(ROOT / "book")
    assert [(p.id, p.place) for p in guides.parts] == [("usuarios", "before"),
                                                      ("facilitacion", "after")]
    stems = [p.file for p in guides.pages_of("facilitacion")]
    assert stems == ["facilitador-aprendizaje-adultos", "facilitador-bootcamp-5-dias",
                     "facilitador-curso-16-semanas", "facilitador-teach-back",
                     "facilitador-rubricas", "facilitador-practica-incluyente"]
    for page in guides.pages_of("usuarios"):
        assert f"guides/{page.file}" in reading_pairs(ROOT)
        for lang in ("es", "en"):
            text = (ROOT / "book" / "guides" / f"{page.file}.{lang}.md").read_text("utf-8")
            assert not text.startswith("# "), "the builder adds the title from guides.toml"


def test_the_user_guides_name_the_commands_the_kit_really_has():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, flags=re.M))
    for path in sorted((ROOT / "book" / "guides").glob("[!f]*.md")):
        text = path.read_text(encoding="utf-8")
        for target in re.findall(r"`make ([a-z-]+)", text):
            assert target in targets, f"{path.name}: make {target}"
        for assignment in re.findall(r"\b(ch\d\d_[a-z_]+)\b", text):
            assert (ROOT / "exercises" / "source" / assignment).is_dir(), (path.name, assignment)


# A broken pair: every problem comes back at once.

def test_a_broken_pair_gives_every_finding_together(tmp_path):
    book = tmp_path / "book"
    # ch03: English missing entirely.
    write(book / "chapters" / "ch03.es.md", "## Embudo\n")
    # ch04: a heading one level too deep, and the exercise's label changed.
    write(book / "chapters" / "ch04.es.md",
          "## Pagos\n\n## Comisiones\n\n```{exercise}\n:label: ch04-ex1\n\nx\n```\n")
    write(book / "chapters" / "ch04.en.md",
          "## Payments\n\n### Fees\n\n```{exercise}\n:label: ch04-ej1\n\nx\n```\n")
    # ch05: same headings, but the solution comes before the exercise.
    write(book / "chapters" / "ch05.es.md",
          "## A\n\n```{exercise}\n:label: ch05-ex1\nx\n```\n\n"
          "```{solution} ch05-ex1\n:class: dropdown\ny\n```\n")
    write(book / "chapters" / "ch05.en.md",
          "## A\n\n```{solution} ch05-ex1\n:class: dropdown\ny\n```\n\n"
          "```{exercise}\n:label: ch05-ex1\nx\n```\n")
    # ch06: a good pair, for contrast.
    write(book / "chapters" / "ch06.es.md", READING_ES.replace("ch12", "ch06"))
    write(book / "chapters" / "ch06.en.md", READING_EN.replace("ch12", "ch06"))
    # A listed guide written only in English; a listed guide not written at all is fine.
    write(book / "guides.toml", GUIDES_TOML)
    write(book / "guides" / "uno.en.md", "## One\n")

    findings = check_readings(tmp_path)
    got = sorted((f.where, f.code) for f in findings)
    assert got == [("chapters/ch03.en.md", "book.reading_missing"),
                   ("chapters/ch04.en.md", "book.reading_directives"),
                   ("chapters/ch04.en.md", "book.reading_headings"),
                   ("chapters/ch05.en.md", "book.reading_directives"),
                   ("guides/uno.es.md", "book.reading_missing")]
    assert all(f.level == "error" for f in findings)
    with language("en"):
        ch04 = {f.code: f.message for f in check_readings(tmp_path)
                if f.where == "chapters/ch04.en.md"}
    # heading 2 is ### in English where Spanish has ##; the label differs.
    assert "heading 2 is ###, expected ##" in ch04["book.reading_headings"]
    assert "ch04-ej1" in ch04["book.reading_directives"]
    assert "ch04-ex1" in ch04["book.reading_directives"]
    assert reading_pairs(tmp_path) == ["chapters/ch03", "chapters/ch04", "chapters/ch05",
                                       "chapters/ch06", "guides/uno"]


def test_check_readings_command_exit_code(tmp_path, capsys):
    write(tmp_path / "book" / "chapters" / "ch03.es.md", "## Embudo\n")
    assert main(["check-readings", "--root", str(tmp_path)]) == 1
    assert "ch03.en.md" in capsys.readouterr().err
    write(tmp_path / "book" / "chapters" / "ch03.en.md", "## Funnel\n")
    assert main(["check-readings", "--root", str(tmp_path)]) == 0
    assert "1" in capsys.readouterr().out


def test_structure_ignores_what_code_blocks_contain():
    page = "\n".join([
        "## Uno",                 # line 1
        "````python",             # a code block with a comment that looks like a heading
        "# no es título",
        "```{exercise}",          # nor is this a directive
        "````",
        ":::{note}",              # colon fences are directives too
        "### Dentro de la nota",  # line 7: a heading inside a directive counts
        ":::",
        "```{solution} ch12-ex1",
        ":label: ch12-sol1",
        ":class: dropdown",
        "",
        "```",
    ])
    headings, directives = structure(page)
    assert headings == [(2, 1), (3, 7)]
    assert directives == [("note", "", ""), ("solution", "ch12-sol1", "ch12-ex1")]


def test_a_guide_page_in_an_unknown_part_is_refused(tmp_path):
    write(tmp_path / "guides.toml", GUIDES_TOML.replace('part = "usuarios"', 'part = "otra"'))
    with pytest.raises(InputError, match="'part'"):
        load_guides(tmp_path)


def test_guide_pages_not_written_yet_are_left_out_of_both_editions(tmp_path):
    book = a_book(tmp_path)
    guides, pages = guide_plan(book)
    assert len(guides.pages) == 2
    assert pages == {"usuarios": ["guides/uno"]}  # "pendiente" has no file, its part is empty
    course = load_curriculum()
    for lang in ("es", "en"):
        names = write_edition(course, lang, tmp_path / "src" / lang, cache=tmp_path / "c",
                              only=["ch12"], execute=False, book_dir=book)
        assert names[:3] == ["index", "guides/uno", "ch12/index"]
        assert "guides/pendiente" not in names


# A one-chapter build, both editions, warnings as errors, no notebook executed.

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("readings")
    book = a_book(folder)
    results = build_book(folder / "site", only=["ch12"], execute=False, book_dir=book)
    failed = [f"{r.lang}: {r.log[-3000:]}" for r in results if not r.ok]
    if failed:
        raise AssertionError("the book did not build:\n" + "\n".join(failed))
    yield folder / "site"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize(("lang", "exercise", "solution", "key_points"), [
    ("es", "Ejercicio", "Solución", "Puntos clave"),
    ("en", "Exercise", "Solution", "Key points"),
])
def test_the_reading_renders_its_exercise_and_a_dropdown_solution(site, lang, exercise,
                                                                  solution, key_points):
    html = (site / lang / "ch12" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="exercise admonition" id="ch12-ex1">(.*?)</div>', html, re.S)
    assert block, "the exercise is not rendered"
    assert re.search(rf"{exercise} 1\b", block.group(1))
    answer = re.search(r'<div class="solution dropdown admonition"[^>]*>(.*?)</section>',
                       html, re.S)
    assert answer, "the solution is not a dropdown"
    assert solution in answer.group(1) and "2,320" in answer.group(1)
    # The reading comes after the objectives, and its key points replace the notes' ones.
    objectives = html.index("Objetivos de aprendizaje" if lang == "es" else "Learning objectives")
    assert objectives < html.index('id="ch12-ex1"')
    assert key_points in html
    source = (site.parent / "site-src" / lang / "ch12" / "index.md").read_text(encoding="utf-8")
    assert source.count(f"## {key_points}\n") == 1
    assert load_notes("ch12").key_points[0].get(lang).strip() not in source
    assert 'href="notebook.html"' in html


def test_the_guides_are_parts_with_the_same_page_in_both_editions(site):
    for lang, title in (("es", "Guía uno"), ("en", "Guide one")):
        page = site / lang / "guides" / "uno.html"
        assert title in page.read_text(encoding="utf-8")
        toc = (site.parent / "site-src" / lang / "_toc.yml").read_text(encoding="utf-8")
        files = re.findall(r"file: (\S+)", toc)
        assert files[0] == "guides/uno" and files[1] == "ch12/index"
        assert not (site / lang / "guides" / "pendiente.html").exists()
    text = (site.parent / "site-src" / "es" / "_config.yml").read_text(encoding="utf-8")
    assert '"sphinx_exercise"' in text and '"language": "es"' in text
