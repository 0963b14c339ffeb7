"""An attacker's dossier ("Eve Attaque") and the naughty strings in every field that reaches a
page title, the TOC, the nav or the search index, loaded in Chromium: no dialog, no request off
the site's own address, no live element, no id shared with the theme."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import (
    DOSSIER_YML,
    REPO,
    fetch,
    free_port,
    search,
    served,
    wait_for,
    write_image,
    write_project,
)
from pypdf import PdfWriter

from portfolio.cli.main import main
from portfolio.util.errors import set_display_root

BLNS = json.loads((REPO / "tests" / "data" / "blns.json").read_text(encoding="utf-8"))
# The payloads (each reproduced on the code before the fix), then every naughty string
# with markup, quotes or a script word.
ATTACKS = [
    "</title><script>alert('t2')</script>",
    "x\"><img src=../images/photo.png onerror=alert(\"tocid\")>",
    "&lt;/title&gt;&lt;script&gt;alert('t3')&lt;/script&gt;",
    "&#60;img src=x onerror=alert('t4')&#62;",
    "<svg/onload=alert('t5')>",
    "__config", "__search", "__drawer", "__toc",
]
STRINGS = ATTACKS + [s for s in BLNS if re.search(r"[<>&\"']|script", s, re.I)]
CLOBBER = ('<p id="__config">{"base":"http://127.0.0.1:8799/x/","features":[],'
           '"search":"http://127.0.0.1:8799/x/s.js","translations":{},'
           '"version":{"provider":"mike"}}</p>\n\n<div id="__search">x</div>\n\n'
           '<span id="__drawer"></span><span id="location"></span><span id="document$">'
           '</span>\n')

# Anything in the page that could run: event handlers, script URLs, frames, foreign scripts.
LIVE = """() => {
    const bad = [];
    const origin = location.origin;
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            if (/^on/i.test(attr.name)) bad.push(el.tagName + ' ' + attr.name);
            if (['href', 'src', 'action', 'formaction', 'xlink:href', 'poster'].includes(attr.name)
                && /^\\s*(javascript|vbscript|data:text)/i.test(attr.value))
                bad.push(el.tagName + ' ' + attr.name + '=' + attr.value.slice(0, 40));
        }
        if (['IFRAME', 'OBJECT', 'EMBED', 'FRAME', 'BASE', 'META'].includes(el.tagName)
            && el.closest('article')) bad.push(el.tagName);
        if (el.tagName === 'SCRIPT' && ((el.src && !el.src.startsWith(origin))
            || /alert|prompt|confirm/.test(el.textContent))) bad.push('SCRIPT ' + el.src);
    }
    const ids = {};
    for (const el of document.querySelectorAll('[id]')) ids[el.id] = (ids[el.id] || 0) + 1;
    for (const [id, n] of Object.entries(ids)) if (n > 1) bad.push('id twice: ' + id);
    const section = document.querySelector('.pf-section-meta');   // a student's page
    for (const el of section ? document.querySelectorAll('article [id]') : [])
        if (!/^[A-Za-z][\\w-]*-[\\w-]*$/.test(el.id)) bad.push('student id: ' + el.id);
    const config = JSON.parse(document.getElementById('__config').textContent);
    if (/^[a-z]+:/i.test(config.base)) bad.push('config base: ' + config.base);
    return bad;
}"""


_LINKS = re.compile(r"(href|src|poster|action|background)\s*=|\]\(", re.I)


def _entities(text: str) -> str:
    """``text`` written with entities, as a careful author would (shown as is, no markup)."""
    return "".join(f"&#{ord(c)};" if c in '&"()[]\\<>`*_{}#!|' else c for c in text)


def _yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def naughty_dossier(students: Path, slug: str, strings: list[str]) -> None:
    """One dossier whose names, titles, headings and captions are ``strings``."""
    root = students / slug
    (root / "sections").mkdir(parents=True)
    (root / "annexes").mkdir()
    write_image(root / "images" / "photo.png", (600, 400))
    strings = list(strings)
    take = lambda: strings.pop(0) if strings else "Texte"   # noqa: E731
    (root / "dossier.yml").write_text(_yaml({
        "candidat": {"prenom": take(), "nom": take(), "numero": "0123"},
        "option": "bijouterie-joaillerie", "voie": "scolaire", "session": 2027,
        "projet": {"titre": take(), "theme": take()}, "brouillon": False}), encoding="utf-8")
    # An annex PDF's title is made from its file name.
    stem = re.sub(r"[/\x00-\x1f]", "", take())[:60].lstrip(".~") or "plan"
    writer = PdfWriter()
    writer.add_blank_page(297 * 72 / 25.4, 420 * 72 / 25.4)
    writer.write(root / "annexes" / f"{stem}.pdf")
    per_section = max(1, len(strings) // 12)
    for number in range(12):
        annex = number >= 9
        title = take()
        # Titles from the front matter or from a first heading; the third kind of file has the
        # string in its file name (a section without a title is refused: issue 14).
        head = (f"---\n{_yaml({'titre': title})}---\n\n" if number % 3 == 0 else
                f"# {title}\n\n" if number % 3 == 1 else "# Section\n\n")
        body = "Texte.\n\n"
        for index in range(per_section):
            text = take().replace("\n", " ")
            if _LINKS.search(text):     # a link to a file that does not exist refuses the dossier
                text = _entities(text)
            level = "##" if index % 2 == 0 else "###"
            body += f"{level} {text}\n\nParagraphe.\n\n"
        caption = _entities(" ".join(take().split()))
        body += f'![Photo](../images/photo.png "{caption}")\n'
        folder = "annexes" if annex else "sections"
        stem = re.sub(r"[/\x00-\x1f]", "", title)[:40] if number % 3 == 2 else "partie"
        name = f"{number + 1:02d}-{stem}.md"
        (root / folder / name).write_text(head + body, encoding="utf-8")


def eve_dossier(students: Path) -> None:
    """The attacker: a TOC id, a title, a clobbered config, footnotes and figure links."""
    root = students / "eve-attaque"
    (root / "sections").mkdir(parents=True)
    write_image(root / "images" / "photo.png", (600, 400))
    (root / "dossier.yml").write_text(DOSSIER_YML.format(
        prenom="Eve", nom="Attaque", numero="066", titre="Projet Eve", voie="scolaire",
        brouillon="false", format="A3-paysage"), encoding="utf-8")
    sections = {
        "01-toc.md": "---\ntitre: Toc\n---\n\n## Heading one {: id='x\"><img "
                     "src=../images/photo.png onerror=alert(\"tocid\")>' }\n\nText.\n\n"
                     "## Deux {: #__config }\n\n"
                     "Voir [la suite](02-titre.md#fin) et [ici](#__config).\n",
        "02-titre.md": "---\ntitre: \"</title><script>alert('t2')</script>\"\n---\n\n"
                       "Une note[^1].\n\n[^1]: Le pied de page.\n\n## Fin\n\n"
                       '![Bague](../images/photo.png "La bague"){: #fig-bague }\n\n'
                       "Voir la [](#fig-bague).\n",
        "03-clobber.md": "---\ntitre: Clobber\n---\n\n" + CLOBBER,
    }
    for name, text in sections.items():
        (root / "sections" / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, jury_project):
    """The attackers beside the example, whose pages and PDF come from the small class's cache
    (tests/conftest.py), as in a teacher's second build."""
    project = tmp_path_factory.mktemp("hostile")
    shutil.copytree(jury_project / ".cache", project / ".cache", dirs_exist_ok=True)
    write_project(project)
    students = project / "students"
    shutil.copytree(jury_project / "students" / "lea-moreau", students / "lea-moreau")
    eve_dossier(students)
    half = len(STRINGS) // 2
    naughty_dossier(students, "naughty-a", STRINGS[:half])
    naughty_dossier(students, "naughty-b", STRINGS[half:])
    try:
        code = main(["--project", str(project), "build"])
    finally:
        set_display_root(None)
    site = project / "site"
    with served(site) as url:
        yield site, url, code


def _watch(page, url: str) -> list[str]:
    """Record every dialog and every request off the site's own address on ``page``."""
    events: list[str] = []
    page.on("dialog", lambda dialog: (events.append(f"dialogue : {dialog.message}"),
                                      dialog.dismiss()))
    page.on("request", lambda request: None if request.url.startswith(
        (url, "data:", "blob:")) else events.append(f"requête : {request.url}"))
    return events


def test_every_hostile_page_is_inert_in_chromium(hostile_site, page):
    site, url, code = hostile_site
    assert code == 0
    for slug in ("eve-attaque", "naughty-a", "naughty-b"):
        assert (site / slug / "index.html").is_file(), f"{slug} not published"
    events = _watch(page, url)
    pages = ["", *(p.relative_to(site).parent.as_posix() + "/"
                   for slug in ("eve-attaque", "naughty-a", "naughty-b")
                   for p in sorted((site / slug).rglob("index.html")))]
    assert len(pages) > 25
    for path in pages:
        page.goto(url + path)
        page.wait_for_timeout(150)
        live = page.evaluate(LIVE)
        assert live == [], (path, live)
        assert "<" not in page.title() and ">" not in page.title(), (path, page.title())
    page.wait_for_timeout(1000)     # late requests (versions.json...) and late dialogs
    assert events == []


@pytest.mark.parametrize("word", ["script", "onerror", "title", "javascript"])
def test_search_results_of_hostile_pages_are_inert(hostile_site, page, word):
    _, url, _ = hostile_site
    events = _watch(page, url)
    page.goto(url)
    results = search(page, word)
    assert word in results
    page.wait_for_timeout(500)
    assert page.evaluate(LIVE) == []
    assert events == []


def test_attackers_toc_title_and_links_are_plain_and_work(hostile_site, page):
    site, url, _ = hostile_site
    toc = (site / "eve-attaque" / "toc" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<[a-z][^>]*\sonerror", toc)
    assert toc.count('href="#x-img-src-images-photo-png-onerror-alert-tocid"') == 3  # skip, TOCs
    page.goto(url + "eve-attaque/titre/")
    assert page.title().startswith("‹/title›‹script›alert('t2')‹/script›")
    # The footnote, the figure reference and the link to a heading of another page work.
    page.click("sup a.footnote-ref")
    assert page.evaluate("location.hash") == "#fn-1"
    assert page.locator("a[href='#fig-bague']").inner_text() == "fig. 1"
    page.goto(url + "eve-attaque/toc/")
    page.click("text=la suite")
    assert page.evaluate("location.hash") == "#pf-fin"
    assert page.locator("#pf-fin").inner_text() == "Fin"
    assert page.locator("#__config").count() == 1


def test_the_attackers_pages_are_inert_in_the_preview_too(tmp_path, page):
    """The same attacks through ``build.py serve`` (drafts, meter, dashboard): no dialog."""
    import os
    import signal
    import subprocess
    import sys

    project = write_project(tmp_path)
    eve_dossier(project / "students")
    port = free_port()
    server = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--project", str(project),
                               "serve", "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "pf-meter" in fetch(url + "eve-attaque/titre/"), timeout=120)
        # The page strip is drawn after the first build, then the server rebuilds once (open
        # pages reload, which would cut a page's reading short): start after that.
        wait_for(lambda: "pages-a3/" in fetch(url + "eve-attaque/"), timeout=60)
        events = _watch(page, url)
        for path in ("", "tableau-de-bord/", "eve-attaque/", "eve-attaque/toc/",
                     "eve-attaque/titre/", "eve-attaque/clobber/"):
            page.goto(url + path)
            page.wait_for_timeout(300)
            live = page.evaluate(LIVE)
            assert live == [], (path, live)
        page.wait_for_timeout(1000)
        assert events == []
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
