"""The field kit built for real: Chromium prints the handouts and draws the cards (slow).

One build of every chapter in both languages (the command an instructor runs), then: each
zip where :func:`mipyme.fieldkit.kit_path` says; handouts of 2 to 4 pages on A4 and Letter
with the library's figures in their text; a page rendered to an image and looked at; cards
sized for a phone; each phone bundle under 2 MB; and the cut-off check refusing a page whose
text does not fit.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from PIL import Image
from pypdf import PdfReader

from mipyme.curriculum import load_curriculum
from mipyme.fieldkit import kit_path, phone_bundle
from mipyme.fieldkit.browser import CutOffError, Renderer
from mipyme.fieldkit.checks import csv_header
from mipyme.fieldkit.content import chapter_content
from mipyme.fieldkit.whatsapp import CARD_SIZE, messages

CHAPTERS = [c.id for c in load_curriculum().ready()]
PAPER_POINTS = {"handout-a4.pdf": (595.3, 841.9), "handout-letter.pdf": (612.0, 792.0)}
PHONE_LIMIT_BYTES = 2 * 1024 * 1024
CARD_LIMIT_BYTES = 200 * 1024


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    out = tmp_path_factory.mktemp("kit") / "fieldkit"
    done = subprocess.run([sys.executable, "-m", "mipyme.fieldkit", "build", "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    return out, done.stdout


def test_the_command_prints_the_size_of_every_zip(kit):
    _, stdout = kit
    for chapter in CHAPTERS:
        for lang in ("es", "en"):
            assert f"{lang}/{chapter}: " in stdout and "KB" in stdout


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_chapter_has_its_zip_where_the_book_links_it(kit, lang):
    out, _ = kit
    for chapter in CHAPTERS:
        path = out.parent / kit_path(chapter, lang)
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
        for name in ("handout-a4.pdf", "handout-letter.pdf", "slides.html",
                     "whatsapp/messages.txt", "whatsapp/quiz.txt", "whatsapp/voice-note.txt",
                     "whatsapp/card-01.png"):
            assert f"{chapter}/{name}" in names, (chapter, name)
        assert any(n.startswith(f"{chapter}/check-") and n.endswith(".pdf") for n in names)
        assert f"{chapter}/{'LEEME' if lang == 'es' else 'README'}.txt" in names
    with zipfile.ZipFile(out.parent / kit_path("ch14", lang)) as zf:
        assert any(n.endswith(".xlsx") for n in zf.namelist())


@pytest.mark.parametrize("lang", ["es", "en"])
def test_handouts_have_two_to_four_pages_of_the_right_size_with_the_library_figures(kit, lang):
    out, _ = kit
    for chapter in CHAPTERS:
        figures = [v for _, v in chapter_content(chapter, lang).example.table(lang) if v]
        for name, (width, height) in PAPER_POINTS.items():
            pdf = PdfReader(out / lang / chapter / name)
            assert 2 <= len(pdf.pages) <= 4, (chapter, name, len(pdf.pages))
            for page in pdf.pages:
                assert abs(float(page.mediabox.width) - width) < 2
                assert abs(float(page.mediabox.height) - height) < 2
            text = " ".join(p.extract_text() for p in pdf.pages)
            for figure in figures:
                assert figure.split()[0].lstrip("US") in text, (chapter, figure)


def test_knowledge_checks_print_before_after_and_scoring_with_their_csv(kit):
    out, _ = kit
    for lang in ("es", "en"):
        for chapter, part in (("ch01", "tienda"), ("ch06", "exportar"), ("ch12", "finanzas")):
            folder = out / lang / chapter
            pdf = PdfReader(folder / f"check-{part}.pdf")
            assert 3 <= len(pdf.pages) <= 6
            text = " ".join(p.extract_text() for p in pdf.pages)
            assert csv_header(part) in text.replace("\n", "")
            header = (folder / f"check-{part}.csv").read_text(encoding="utf-8").strip()
            assert header == csv_header(part)


def test_a_handout_page_rendered_to_an_image_is_black_on_white(kit, tmp_path):
    out, _ = kit
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png",
                    str(out / "es" / "ch04" / "handout-a4.pdf"), str(tmp_path / "page")],
                   check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    grey = sum(n for n, (r, g, b) in colours if max(r, g, b) - min(r, g, b) < 12)
    dark = sum(n for n, (r, g, b) in colours if max(r, g, b) < 100)
    pixels = image.width * image.height
    assert grey / pixels > 0.99  # black and white: prints the same on any printer
    assert 0.01 < dark / pixels < 0.3  # there is text on it, not a blank page


@pytest.mark.parametrize("lang", ["es", "en"])
def test_cards_are_phone_sized_and_small_and_the_phone_bundle_is_under_2_mb(kit, lang):
    out, _ = kit
    for chapter in CHAPTERS:
        folder = out / lang / chapter
        sequence = messages(chapter_content(chapter, lang))
        for message in sequence:
            card = folder / "whatsapp" / message.card
            assert card.stat().st_size < CARD_LIMIT_BYTES
            with Image.open(card) as image:
                assert image.size == CARD_SIZE
        captions = (folder / "whatsapp" / "messages.txt").read_text(encoding="utf-8")
        assert all(f"[{m.alt}]" in captions for m in sequence)
        assert sum(f.stat().st_size for f in phone_bundle(folder)) < PHONE_LIMIT_BYTES


def test_text_that_would_be_cut_off_stops_the_print(tmp_path):
    wide = ("<html><body><table><tr><td style='white-space:nowrap'>" + "x" * 400
            + "</td></tr></table></body></html>")
    tall = ("<html><body style='margin:0;width:300px;height:200px;overflow:hidden'>"
            "<main style='height:200px;overflow:hidden'>" + "<p>line</p>" * 50
            + "</main></body></html>")
    with Renderer() as renderer:
        with pytest.raises(CutOffError):
            renderer.pdf(wide, tmp_path / "wide.pdf", "A4")
        with pytest.raises(CutOffError):
            renderer.png(tall, tmp_path / "tall.png", 300, 200)
        renderer.pdf("<html><body><p>fits</p></body></html>", tmp_path / "ok.pdf", "Letter")
    assert not (tmp_path / "wide.pdf").exists() and (tmp_path / "ok.pdf").exists()


def test_the_slides_run_offline_in_the_browser_with_speaker_notes(kit):
    from playwright.sync_api import sync_playwright

    from mipyme.fieldkit.browser import ARGS, CHROMIUM

    out, _ = kit
    deck = out / "es" / "ch04" / "slides.html"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1024, "height": 640})
        errors, requests = [], []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(deck.as_uri())
        page.wait_for_timeout(300)
        reveal = page.evaluate("() => typeof Reveal !== 'undefined'")
        sections = page.locator("section").count()
        notes = page.locator("aside.notes").count()
        if reveal:  # reveal.js, from npm: ready, with its speaker-notes plugin
            assert page.evaluate("() => Reveal.isReady() && !!Reveal.getPlugin('notes')")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        assert page.locator("h2", has_text="Al terminar podrás").first.is_visible()
        browser.close()
    assert not errors
    assert all(url.startswith("file:") for url in requests)  # nothing from the internet
    assert sections >= 6 and notes == sections
