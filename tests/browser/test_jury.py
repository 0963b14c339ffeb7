"""The jury's site in a real browser (Playwright + Debian's Chromium): what a jury member does."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

from helpers import AXE, pdf_text, screenshot, search
from pypdf import PdfReader

from portfolio.cli.main import main


def test_cards_and_filters(page, site_url):
    page.goto(site_url)
    cards = page.locator(".pf-card")
    assert cards.count() == 2
    assert page.locator(".pf-filters").is_visible()
    page.select_option("select[data-pf-filter=session]", "2028")
    assert page.locator(".pf-card:visible").count() == 1
    assert "Pendentif Marée" in page.locator(".pf-card:visible").inner_text()
    page.select_option("select[data-pf-filter=session]", "")
    page.select_option("select[data-pf-filter=option]", "Bijouterie-joaillerie")
    assert page.locator(".pf-card:visible").count() == 1
    assert "Bague Ginkgo" in page.locator(".pf-card:visible").inner_text()
    assert page.outside_requests == []


def test_search_finds_a_word_of_a_dossier(page, site_url):
    page.goto(site_url)
    assert "brunissoir" in search(page, "brunissoir")


def test_lightbox_opens_and_closes_with_the_keyboard(page, site_url):
    # (the objectives no longer show the cover photo again: issue 16)
    page.goto(site_url + "lea-moreau/recherches-plastiques/")
    link = page.locator("a.glightbox").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".glightbox-container", state="visible", timeout=5000)
    page.keyboard.press("Escape")
    page.wait_for_selector(".glightbox-container", state="detached", timeout=5000)


def test_pdf_link_downloads_the_pdf(page, site_url):
    page.goto(site_url + "lea-moreau/")
    link = page.locator("a.pf-pdf")
    link.focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(data)).pages) >= 10


def test_video_plays_and_3d_model_loads(page, site_url):
    page.goto(site_url + "hugo-petit/realisation/")
    played = page.evaluate("""async () => {
        const v = document.querySelector('figure.media video');
        v.muted = true; await v.play();
        await new Promise(r => setTimeout(r, 700));
        return v.currentTime; }""")
    assert played > 0
    page.locator("model-viewer").scroll_into_view_if_needed()   # loading="lazy": when seen
    page.wait_for_function("() => document.querySelector('model-viewer')?.loaded === true",
                           timeout=20_000)
    assert page.outside_requests == []


def test_screenshots_desktop_and_phone(page, site_url):
    for name, path in (("accueil", ""), ("dossier", "lea-moreau/"),
                       ("section", "lea-moreau/croquis/"), ("couts", "lea-moreau/couts/"),
                       ("1re-partie", "lea-moreau/partie1/rapport-stage-1/")):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(site_url + path)
        assert screenshot(page, f"{name}-bureau").stat().st_size > 10_000
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(site_url + path)
        assert screenshot(page, f"{name}-telephone").stat().st_size > 5_000
    assert page.outside_requests == []


def test_no_serious_accessibility_violation(page, site_url):
    for path in ("", "lea-moreau/", "lea-moreau/croquis/", "lea-moreau/couts/",
                 "lea-moreau/partie1/bilan-stage-1/"):
        page.goto(site_url + path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, n: v.nodes.length,
                                           target: v.nodes[0].target.join(' ')})); }""")
        serious = [v for v in result if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{path or 'accueil'} : {serious}"


def test_images_carry_the_students_alt_text(page, site_url):
    page.goto(site_url + "lea-moreau/croquis/")
    alts = page.eval_on_selector_all("article figure img", "els => els.map(e => e.alt)")
    assert alts and all(alt.strip() for alt in alts)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def test_anonymous_build_shows_no_candidate_name_anywhere(anonymous_project):
    site = anonymous_project / "site"
    names = ["lea", "moreau", "hugo", "petit"]
    for path in site.rglob("*"):
        assert not any(n in _fold(path.name) for n in names), path
        if not path.is_file():
            continue
        if path.suffix == ".pdf":
            text = _fold(pdf_text(path.read_bytes()))
            meta = PdfReader(path).metadata
            text += _fold(str(meta.author)) + _fold(str(meta.title))
        elif path.suffix in {".html", ".json", ".xml", ".js", ".txt", ".css"}:
            text = _fold(path.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        for name in ("moreau", "hugo petit", "lea moreau", "carpentier", "delorme"):
            assert name not in text, f"{name} in {path}"   # tutors too (part 1, site and PDF)
    home = (site / "index.html").read_text()
    assert "Candidat n° 02417583901" in home
    assert (site / "candidat-02417583901" / "dossier-candidat-02417583901.pdf").is_file()


def test_packed_zip_opens_from_a_folder(jury_project, tmp_path, browser):
    target = tmp_path / "copie.zip"
    assert main(["--project", str(jury_project), "pack", "--sortie", str(target)]) == 0
    folder = tmp_path / "usb"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(folder)
    pdfs = list(folder.rglob("*.pdf"))
    assert len(pdfs) == 2
    page = browser.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
        ("file:", "data:", "blob:")) else None)
    page.goto((folder / "dossiers" / "index.html").as_uri())
    assert page.locator(".pf-card").count() == 2
    page.click("text=Bague Ginkgo")
    page.wait_for_load_state()
    assert page.url.endswith("lea-moreau/index.html")
    assert "Télécharger le dossier PDF" in page.content()
    assert "coûts" in search(page, "couts")      # the search worker folds accents offline too
    page.close()
    assert outside == []
