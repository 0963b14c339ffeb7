"""Students' Markdown is untrusted: sanitised HTML, every file reference kept in their folder."""

from __future__ import annotations

import os

import pytest
from helpers import pdf_text

from portfolio import AssetError
from portfolio.pdf.output.render import ConfinedFetcher


def section(body: str) -> dict[str, str]:
    return {"01-texte.md": "---\ntitre: Texte\n---\n" + body}


@pytest.mark.slow
def test_script_and_event_handlers_never_reach_the_output(project, make_dossier, build):
    root = make_dossier(project / "students", "ana", section(
        'Avant <script>alert("x")</script> après.\n\n'
        '<a href="javascript:alert(1)">lien</a> <b onclick="evil()">gras</b>\n\n'
        '<iframe src="https://example.org"></iframe><style>body{}</style>'
        '<link rel="stylesheet" href="x.css">\n'))
    result = build(root)
    assert result.publishable
    text = pdf_text(result.pdf)
    assert "alert" not in text and "Avant" in text and "après" in text
    assert any("code HTML actif" in str(w) and ":4" in str(w) for w in result.warnings)


@pytest.mark.slow
def test_a_link_the_site_does_not_publish_is_removed_with_a_warning(project, make_dossier,
                                                                    build):
    root = make_dossier(project / "students", "ana", section(
        "Atelier : [appeler](tel:+33102030405).\n\n[courriel](mailto:a@b.fr) et une "
        "note[^vever].\n\n[^vever]: Henri Vever, 1906.\n"))
    result = build(root)
    assert result.publishable
    removed = [str(w) for w in result.warnings if "retiré" in str(w)]
    assert len(removed) == 1 and "tel:+33102030405" in removed[0] and ":4" in removed[0]


@pytest.mark.slow
def test_script_is_not_in_the_site(project, make_dossier):
    from portfolio.cli.main import main

    make_dossier(project / "students", "ana", section(
        "Texte <script>alert('xss')</script><img src=../images/a.png onerror=alert(2)>\n"),
        images={"a.png": (30, 20)})
    assert main(["--project", str(project), "build"]) == 0
    html = (project / "site" / "ana" / "texte" / "index.html").read_text()
    body = html.split('<article', 1)[1].split("</article>", 1)[0]
    assert "alert" not in body and "onerror" not in body
    assert '<img loading="lazy" decoding="async" width="30" height="20" src="../media/' in body


def test_missing_image_names_file_and_line(project, make_dossier, build):
    root = make_dossier(project / "students", "ana",
                        section("Texte\n\n![photo](../images/absente.jpg)\n"))
    result = build(root)
    assert isinstance(result.error, AssetError)
    assert str(result.error).startswith(
        "students/ana/sections/01-texte.md:6 : image introuvable « ../images/absente.jpg ».")


@pytest.mark.parametrize("ref", ["../../bea/images/photo.jpg", "/etc/passwd",
                                 "file:///etc/passwd", "https://example.org/photo.jpg"])
def test_image_outside_the_folder_is_refused(project, make_dossier, build, ref):
    make_dossier(project / "students", "bea", images={"photo.jpg": (20, 20)})
    root = make_dossier(project / "students", "ana", section(f'<img src="{ref}" alt="x">\n'))
    result = build(root)
    assert isinstance(result.error, AssetError)
    message = str(result.error)
    assert message.startswith("students/ana/sections/01-texte.md:4 : ")
    assert any(word in message for word in ("sort de votre dossier", "chemin absolu",
                                            "refusé", "refusée"))


def test_symlink_out_of_the_folder_is_refused(project, make_dossier, build, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the jury")
    root = make_dossier(project / "students", "ana", section("![x](../images/lien.png)\n"))
    (root / "images").mkdir()
    os.symlink(secret, root / "images" / "lien.png")
    result = build(root)
    assert "mène hors de votre dossier" in str(result.error)


def test_fetcher_reads_only_allowed_folders(tmp_path):
    allowed = tmp_path / "dossier"
    allowed.mkdir()
    (allowed / "ok.css").write_text("p{}")
    fetcher = ConfinedFetcher([allowed])
    assert fetcher.fetch((allowed / "ok.css").as_uri()).read() == b"p{}"
    for url in ("file:///etc/passwd", (allowed / ".." / "x").as_uri(),
                "https://example.org/x.png", "data:text/plain,abc"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4
