"""Figures numbered across sections, references, boards, and multimedia in site and PDF."""

from __future__ import annotations

import io
import re
import struct

import pytest
from bad_inputs.cases import ffmpeg_media
from helpers import page_texts, pdf_text, write_image
from pypdf import PdfReader

from portfolio import BuildOptions, build_dossier
from portfolio.cli.main import main

pytestmark = pytest.mark.slow      # site and PDF of each dossier

FIGURES = {
    "01-recherches.md": """\
        # Recherches

        ![Feuille de ginkgo](../images/a.png "Une feuille")

        Comme le montre la [](02-croquis.md#fig-bague), la forme reste simple.
        """,
    "02-croquis.md": """\
        # Croquis

        ![Croquis de la bague](../images/b.png "La bague"){: #fig-bague }

        Voir la [](#fig-bague).
        """,
}


def test_figures_are_numbered_across_sections_in_site_and_pdf(project, make_dossier, build):
    root = make_dossier(project / "students", "ana", FIGURES,
                        images={"a.png": (600, 400), "b.png": (600, 400)})
    result = build(root)
    text = pdf_text(result.pdf)
    assert "Fig. 1 — Une feuille" in text and "Fig. 2 — La bague" in text
    assert "Comme le montre la fig. 2" in text and "Voir la fig. 2" in text
    assert main(["--project", str(project), "build"]) == 0
    page = (project / "site" / "ana" / "croquis" / "index.html").read_text()
    assert '<figure id="fig-bague">' in page and "Fig. 2</span> — La bague" in page
    first = (project / "site" / "ana" / "recherches" / "index.html").read_text()
    assert '<a href="../croquis/#fig-bague" rel="noopener noreferrer">fig. 2</a>' in first


def test_a_board_of_six_images_fills_one_pdf_page(project, make_dossier, build):
    images = {f"p{i}.png": (900, 700) for i in range(1, 7)}
    body = "# Planches\n\nIntroduction.\n\n!!! planche \"Recherches de formes\"\n" + "".join(
        f'    ![Essai {i}](../images/p{i}.png "Essai {i}")\n' for i in range(1, 7))
    root = make_dossier(project / "students", "ana", {"01-planches.md": body}, images=images)
    for i in range(1, 7):     # six different pictures (identical ones are stored once)
        write_image(root / "images" / f"p{i}.png", (900, 700), (40 * i, 120, 200 - 20 * i))
    result = build(root)
    reader = PdfReader(io.BytesIO(result.pdf))
    texts = page_texts(result.pdf)
    board_pages = [i for i, text in enumerate(texts) if "Recherches de formes" in text]
    assert len(board_pages) == 1
    page_text = texts[board_pages[0]]
    assert all(f"Essai {i}" in page_text for i in range(1, 7))
    assert len(reader.pages[board_pages[0]].images) == 6


MEDIA = {"01-realisation.md": """\
    # Réalisation

    ![Polissage au tour](../medias/polissage.mp4 "Le polissage final"){: poster="../images/poster.png" }

    ![Modèle 3D de la bague](../medias/bague.glb "La bague en 3D")
    """}


def _media_dossier(project, make_dossier):
    root = make_dossier(project / "students", "ana", MEDIA, images={"poster.png": (640, 360)})
    (root / "medias").mkdir()
    # Real files: media are published re-muxed without their metadata (portfolio/images/media.py).
    (root / "medias" / "polissage.mp4").write_bytes(ffmpeg_media(".mp4")())
    gltf = b'{"asset":{"version":"2.0","generator":"Ana"}}  '
    (root / "medias" / "bague.glb").write_bytes(
        struct.pack("<4sII", b"glTF", 2, 20 + len(gltf)) + struct.pack("<I4s", len(gltf), b"JSON")
        + gltf)
    return root


def test_video_and_3d_are_players_on_the_site(project, make_dossier):
    _media_dossier(project, make_dossier)
    assert main(["--project", str(project), "build"]) == 0
    page = (project / "site" / "ana" / "realisation" / "index.html").read_text()
    video = re.search(r"<video [^>]*>", page).group(0)
    assert 'controls=""' in video and 'preload="none"' in video
    assert 'poster="../media/poster-' in video
    assert '<source src="../media/polissage-' in page and 'type="video/mp4"' in page
    viewer = re.search(r"<model-viewer [^>]*>", page).group(0)
    assert 'src="../media/bague-' in viewer and "camera-controls" in viewer
    assert "assets/portfolio/vendor/model-viewer-umd.min.js" in page
    assert (project / "site" / "assets" / "portfolio" / "vendor" /
            "model-viewer-umd.min.js").is_file()
    assert list((project / "site" / "ana" / "media").glob("polissage-*.mp4"))


def test_video_is_named_by_its_alt_text_and_subtitled_by_the_vtt_beside_it(project,
                                                                          make_dossier):
    root = _media_dossier(project, make_dossier)
    (root / "medias" / "polissage.vtt").write_text(
        "\ufeffWEBVTT - par Ana Dupont\r\n\r\nNOTE brouillon d'Ana\r\n\r\nSTYLE\r\n"
        "::cue { background: url(https://traceur.example/x.png) }\r\n\r\n"
        "00:00.000 --> 00:02.000\r\nLe polissage au tour.\r\n", encoding="utf-8")
    assert main(["--project", str(project), "build"]) == 0
    page = (project / "site" / "ana" / "realisation" / "index.html").read_text()
    video = re.search(r"<video [^>]*>.*?</video>", page, re.S).group(0)
    assert 'aria-label="Polissage au tour"' in video
    track = re.search(r"<track [^>]*>", video).group(0)
    assert 'kind="subtitles"' in track and 'srclang="fr"' in track
    assert 'label="Français"' in track
    src = re.search(r'src="\.\./media/(polissage-[0-9a-f]+\.vtt)"', track).group(1)
    # Published cues only: no comment, no style that could load a remote image, no author.
    published = (project / "site" / "ana" / "media" / src).read_text(encoding="utf-8")
    assert published == "WEBVTT\n\n00:00.000 --> 00:02.000\nLe polissage au tour.\n"


def test_subtitles_that_are_not_webvtt_are_refused_in_french(project, make_dossier, capsys):
    root = _media_dossier(project, make_dossier)
    (root / "medias" / "polissage.vtt").write_text("1\n00:00:01,000 --> 00:00:02,000\nSRT\n",
                                                   encoding="utf-8")
    assert main(["--project", str(project), "build"]) == 1
    output = capsys.readouterr()
    assert ("students/ana/sections/01-realisation.md:2 : média « ../medias/polissage.vtt » : "
            "sous-titres illisibles : ce n'est pas un fichier WebVTT.") in output.out


def test_video_and_3d_become_poster_qr_and_address_in_the_pdf(project, make_dossier, tmp_path):
    root = _media_dossier(project, make_dossier)
    options = BuildOptions(cache_dir=tmp_path / "cache", site_url="https://dossiers.lycee.test/")
    result = build_dossier(root, options)
    assert result.error is None, result.error
    text = "".join(pdf_text(result.pdf).split())
    assert "Fig.1—Lepolissagefinal" in text
    # Each QR code and address leads to the page where the media plays (issue 16), at its
    # figure: not to the raw .mp4 or .glb file, which a phone would download.
    page = "https://dossiers.lycee.test/ana/realisation/"
    assert f"{page}#fig-1" in text and f"{page}#fig-2" in text
    assert ".mp4" not in text and ".glb" not in text
    reader = PdfReader(io.BytesIO(result.pdf))
    uris = [a.get_object()["/A"]["/URI"] for p in reader.pages for a in p.get("/Annots") or []
            if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]]
    assert f"{page}#fig-1" in uris and f"{page}#fig-2" in uris
    # The QR code is vector art drawn beside the poster.
    assert result.count.parts["principal"] == 2          # the contents on the cover


def test_full_page_and_two_column_blocks(project, make_dossier, build):
    body = ("# Réalisation\n\nTexte d'introduction.\n\n"
            '!!! pleine-page "La bague terminée"\n    ![Bague finie](../images/fin.png)\n\n'
            "!!! deux-colonnes\n    Le serti clos protège la pierre.\n\n"
            '    ![Serti clos](../images/serti.png "Le serti clos")\n\nConclusion.\n')
    root = make_dossier(project / "students", "ana", {"01-realisation.md": body},
                        images={"fin.png": (1600, 1000), "serti.png": (800, 600)})
    result = build(root)
    texts = page_texts(result.pdf)
    full = [t for t in texts if "La bague terminée" in t]
    assert len(full) == 1 and "Texte d'introduction" not in full[0]   # alone on its page
    two = next(t for t in texts if "Le serti clos protège" in t)
    assert "Fig. 1 — Le serti clos" in two
