"""Fuzzing (hypothesis) dossier.yml, Markdown and file names: never a traceback, only French
DossierErrors; sanitised HTML never carries a script; any file name can be referenced."""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from portfolio import BuildOptions, build_dossier
from portfolio.dossier.load import load_dossier
from portfolio.dossier.model import Section
from portfolio.markdown import render_section
from portfolio.util.errors import DossierError

FUZZ = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

VALID = {
    "candidat": {"prenom": "Ana", "nom": "Dupont", "numero": "0123", "etablissement": "Lycée"},
    "option": "bijouterie-joaillerie", "voie": "scolaire", "session": 2027,
    "projet": {"titre": "Pendentif Lune", "theme": "Un thème"},
    "brouillon": False, "format": "A3-paysage",
}
KEYS = ["candidat", "prenom", "nom", "numero", "option", "voie", "session", "projet", "titre",
        "theme", "couverture", "brouillon", "format", "sections", "partie1", "stages",
        "certificats", "debut", "fin", "fichier", "rapport", "draft", "prénom", "role"]
# English words outside the quoted «...» parts betray a message that was not translated.
ENGLISH = re.compile(r"\b(the|could not|cannot|expected|found|error|invalid|failed|while|"
                     r"unknown|missing|not)\b", re.I)


def assert_french(exc: DossierError) -> None:
    message = re.sub(r"«[^»]*»", "", exc.problem.message)
    assert message.strip() and not ENGLISH.search(message), exc.problem.message
    assert exc.problem.path is not None, str(exc)
    assert "Traceback" not in str(exc)


@pytest.fixture(scope="module")
def workdir():
    folder = Path(tempfile.mkdtemp(prefix="portfolio-fuzz-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def fresh_dossier(workdir: Path, yml: str | bytes = "") -> Path:
    root = Path(tempfile.mkdtemp(dir=workdir)) / "ana"
    (root / "sections").mkdir(parents=True)
    (root / "images").mkdir()
    Image.new("RGB", (120, 80), (200, 150, 40)).save(root / "images" / "ok.png")
    (root / "sections" / "01-texte.md").write_text("---\ntitre: Texte\n---\n\nTexte.\n")
    data = yml.encode() if isinstance(yml, str) else yml
    (root / "dossier.yml").write_bytes(data or yaml.safe_dump(VALID, allow_unicode=True).encode())
    return root


# -- dossier.yml ---------------------------------------------------------------------------------

scalars = (st.none() | st.booleans() | st.integers(-10**12, 10**12)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
           | st.dates() | st.sampled_from(["", " ", "scolaire", "2027-13-45", "31/02/2027"]))
values = st.recursive(scalars, lambda children: st.lists(children, max_size=4)
                      | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), children,
                                        max_size=4), max_leaves=12)


@st.composite
def mutated_yaml(draw) -> str:
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in VALID.items()}
    for _ in range(draw(st.integers(1, 4))):
        target = data
        if draw(st.booleans()):
            target = data.get(draw(st.sampled_from(["candidat", "projet"])))
            if not isinstance(target, dict):
                target = data
        action = draw(st.sampled_from(["set", "drop", "add"]))
        key = draw(st.sampled_from(sorted(map(str, target)) or ["x"]))
        if action == "drop":
            target.pop(key, None)
        elif action == "set":
            target[key] = draw(values)
        else:
            target[draw(st.sampled_from(KEYS) | st.text(max_size=10))] = draw(values)
    return yaml.safe_dump(data, allow_unicode=True, default_flow_style=draw(st.booleans()))


@st.composite
def broken_yaml_text(draw) -> str:
    lines = yaml.safe_dump(VALID, allow_unicode=True).splitlines()
    index = draw(st.integers(0, len(lines) - 1))
    noise = draw(st.text(st.sampled_from(list(" \t:-[]{}\"'#&*!|>%@`,?\\éœ\u00a0\ufeff\x00\x07"
                                              "abc")), max_size=12))
    lines[index] = draw(st.sampled_from(["", lines[index]])) + noise
    return "\n".join(lines) + "\n"


def load_or_french_error(root: Path) -> None:
    try:
        load_dossier(root)
    except DossierError as exc:
        assert_french(exc)


@FUZZ
@given(text=mutated_yaml() | broken_yaml_text() | st.text(max_size=200))
def test_any_dossier_yml_loads_or_gives_a_french_error(workdir, text):
    load_or_french_error(fresh_dossier(workdir, text.encode("utf-8", "surrogatepass")))


@FUZZ
@given(data=st.binary(max_size=300))
def test_any_bytes_as_dossier_yml_give_a_french_error(workdir, data):
    load_or_french_error(fresh_dossier(workdir, data or b"\n"))


# -- Markdown --------------------------------------------------------------------------------------

TOKENS = ["<script>alert(1)</script>", "<script>", "![x](", "../images/ok.png", ")", "[", "](",
          "#", "\n", "\n\n", "> ", "- ", "1. ", "    ", "```", "```couts\n", "|", "|---|",
          '<img src="', '"', " onerror=alert(1) ", "javascript:alert(1)", "JaVaScRiPt:",
          "data:text/html,<script>", "file:///etc/passwd", "C:\\x.jpg", "{: #fig-x }",
          "!!! planche\n", "!!! pleine-page", "<div>", "</div>", "<iframe src=x>", "<style>",
          "<a href=", "&amp;", "&#x3C;script", "\x00", "é", "\u202e", "\ufeff", "*", "_",
          "[^1]", "[^1]: note", "<svg onload=alert(1)>", "<math>", "<!--", "-->", "<![CDATA[",
          "\\", "%2e%2e/", "../../", "x.mp4", " \"titre\"", "\t", "\r", "[](#fig-x)"]
markdown_texts = st.lists(st.sampled_from(TOKENS) | st.text(max_size=6), max_size=40).map("".join)


def link(kind, target, fragment):
    return "#" + fragment if kind == "section" else f"/u/{kind}"


@FUZZ
@given(body=markdown_texts)
def test_any_markdown_renders_safely_or_gives_a_french_error(workdir, body):
    root = fresh_dossier(workdir)
    section = Section(root / "sections" / "01-texte.md", "texte", "Texte", "autre", body, 4)
    try:
        rendered = render_section(section, {section.path: section}, root, link)
    except DossierError as exc:
        assert_french(exc)
        return
    html = rendered.html.lower()
    assert "<script" not in html and "<iframe" not in html and "<style" not in html, html
    assert not re.search(r"<[^>]*\s(on\w+|style)\s*=", html), html
    assert not re.search(r"""<[^>]*\s(href|src|poster)\s*=\s*["']?\s*(javascript|data|file):""",
                         html), html
    for warning in rendered.warnings:
        assert_french(DossierError(warning.message, warning.path))


# -- file names ------------------------------------------------------------------------------------

names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
                min_size=1, max_size=40).filter(lambda n: n not in (".", ".."))


@FUZZ
@given(stem=names, suffix=st.sampled_from([".png", ".PNG", ".Png"]),
       form=st.sampled_from(["NFC", "NFD"]))
def test_any_file_name_can_be_referenced(workdir, stem, suffix, form):
    name = unicodedata.normalize(form, stem + suffix)
    assume(len(name.encode()) < 200)
    root = fresh_dossier(workdir)
    image = root / "images" / name
    Image.new("RGB", (10, 10)).save(image, "PNG")
    # Written as a student's editor would: the other normalisation, percent-encoded.
    ref = quote(unicodedata.normalize("NFD" if form == "NFC" else "NFC", name))
    body = f"![x](../images/{ref})\n"
    section = Section(root / "sections" / "01-texte.md", "texte", "Texte", "autre", body, 4)
    rendered = render_section(section, {section.path: section}, root, link)
    assert rendered.images == [image.resolve()]


@FUZZ
@given(stem=names)
@example(stem="²0")    # "²" is a digit for str.isdigit, not for int()
def test_any_section_file_name_loads(workdir, stem):
    name = stem + ".md"
    assume(len(name.encode()) < 200)
    root = fresh_dossier(workdir)
    (root / "sections" / "01-texte.md").unlink()
    (root / "sections" / name).write_text("Texte.\n", encoding="utf-8")
    try:
        dossier = load_dossier(root)
    except DossierError as exc:
        assert_french(exc)
        return
    assert len(dossier.sections) <= 1


# -- a few full builds (PDF) ----------------------------------------------------------------------

@settings(max_examples=4, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(body=markdown_texts)
@pytest.mark.slow
def test_fuzzed_markdown_builds_a_pdf_or_gives_a_french_error(workdir, body):
    root = fresh_dossier(workdir)
    (root / "sections" / "01-texte.md").write_text("---\ntitre: Texte\n---\n" + body,
                                                   encoding="utf-8", errors="surrogatepass")
    result = build_dossier(root, BuildOptions(cache_dir=workdir / ".cache"))
    if result.error is not None:
        assert_french(result.error)
    else:
        assert result.pdf.startswith(b"%PDF")
