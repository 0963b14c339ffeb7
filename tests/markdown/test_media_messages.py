"""A video, sound or 3D file the site cannot show, or cannot find: named as what it is.

A phone films in .MOV, a 3D program exports .STL: the student is told what to convert it to,
and a message about a video or a 3D model never calls it an image.
"""

from __future__ import annotations

import pytest

S = "students/ana/sections/01-projet.md:5"


@pytest.mark.parametrize("written, file, expected", [
    ("../medias/essai.MOV", "medias/essai.MOV",
     "vidéo au format .MOV : convertissez-la en MP4 (H.264) ou WebM."),
    ("../medias/essai.mov", "medias/essai.mov",
     "vidéo au format .mov : convertissez-la en MP4 (H.264) ou WebM."),
    ("../medias/essai.avi", None, "vidéo au format .avi : convertissez-la en MP4 (H.264) ou WebM."),
    ("../medias/bague.STL", "medias/bague.STL",
     "modèle 3D au format .STL : exportez-le en GLB (glTF binaire)."),
    ("../medias/bague.obj", None, "modèle 3D au format .obj : exportez-le en GLB (glTF binaire)."),
    ("../medias/voix.flac", None,
     "enregistrement sonore au format .flac : convertissez-le en MP3."),
    ("../medias/absente.mp4", None, "vidéo introuvable « ../medias/absente.mp4 »."),
    ("../medias/absent.glb", None, "modèle 3D introuvable « ../medias/absent.glb »."),
    ("../medias/absent.mp3", None, "enregistrement sonore introuvable « ../medias/absent.mp3 »."),
])
def test_media_problems_name_the_media(project, make_dossier, build, written, file, expected):
    body = f"---\ntitre: Projet\n---\n\n![Le polissage]({written} \"Le polissage\")\n"
    root = make_dossier(project / "students", "ana", {"01-projet.md": body})
    if file:
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        (root / file).write_bytes(b"\x00\x00\x00\x14ftypqt  " + b"\x00" * 64)
    result = build(root)
    assert result.error is not None
    messages = [str(p) for p in result.error.problems]
    assert any(m.startswith(f"{S} : {expected}") for m in messages), messages
    assert not any("image" in m for m in messages), messages


def test_a_missing_poster_is_an_image(project, make_dossier, build):
    body = ("---\ntitre: Projet\n---\n\n"
            '![Le polissage](../medias/essai.mp4 "Le polissage")'
            '{: poster="../images/affiche.jpg" }\n')
    root = make_dossier(project / "students", "ana", {"01-projet.md": body})
    (root / "medias").mkdir()
    (root / "medias" / "essai.mp4").write_bytes(b"x")
    result = build(root)
    assert any(str(p).startswith(f"{S} : image introuvable « ../images/affiche.jpg »")
               for p in result.error.problems), result.error
