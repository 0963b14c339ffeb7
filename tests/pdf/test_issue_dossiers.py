"""The two dossiers of issue 25's defects 2 and 3, written as fixed test dossiers: an
image-heavy one (7 short sections, 16 photos and scans, a panorama, a tall strip on its own
page, a board of 6, two columns, a video and a 3D model) and a text-heavy one (~2,500 words,
4 images, an 18-row table, the example's cost study)."""

from __future__ import annotations

import random
import shutil

import pytest
from dossiergen import SHAPES, Spec, _paragraphs, _table, write_dossier
from helpers import REPO
from invariants import built, report

pytestmark = pytest.mark.slow          # a PDF each


def _figure(name: str, caption: str) -> str:
    return f'![{caption}](../images/{name} "{caption}")'


def image_heavy() -> Spec:
    """Defect 2: before issue 25, 15 pages of 15, one image a page, median fill ~30 %."""
    rng = random.Random(2)
    spec = Spec(2, cover="paysage")
    shapes = ["portrait"] * 6 + ["paysage"] * 4 + ["carre"] * 2
    for index, shape in enumerate(shapes, 1):
        spec.images[f"photo-{index}.jpg"] = shape
    spec.images["panorama.jpg"] = "panorama"
    spec.images["bande.jpg"] = "bande"
    for index in range(1, 7):
        spec.images[f"planche-{index}.png"] = "portrait"
    spec.images["colonne.jpg"] = "portrait"
    spec.images["poster.jpg"] = "paysage"
    spec.media = ["video.mp4", "modele.glb"]
    photos = iter(range(1, 13))
    bodies = []
    for index in range(1, 8):
        parts = [f"## Étape {index}"] + _paragraphs(rng, rng.choice([40, 90, 150]))
        for _ in range(2 if index < 7 else 0):
            number = next(photos)
            parts.append(_figure(f"photo-{number}.jpg", f"Photo {number} de l'étape {index}"))
        bodies.append(parts)
    bodies[6] += [_figure(f"photo-{n}.jpg", f"Photo {n}") for n in photos]
    bodies[1].append(_figure("panorama.jpg", "Panorama de l'atelier"))
    bodies[2].append('!!! pleine-page "La bague portée, en pied"\n\n    '
                     + _figure("bande.jpg", "La bague portée"))
    bodies[3].append('!!! planche "Planche de recherches"\n\n' + "\n\n".join(
        "    " + _figure(f"planche-{n}.png", f"Recherche {n}") for n in range(1, 7)))
    bodies[4].append('!!! deux-colonnes "Le geste"\n\n    ' + " ".join(
        _paragraphs(rng, 60)) + "\n\n    " + _figure("colonne.jpg", "Le geste"))
    bodies[5].append('![Le polissage](../medias/video.mp4 "Le polissage au tour")'
                     '{: poster="../images/poster.jpg" }')
    bodies[5].append('![Le modèle 3D](../medias/modele.glb "La bague en 3D")')
    for index, parts in enumerate(bodies, 1):
        spec.sections[f"{index:02d}-etape-{index}.md"] = (
            f"---\ntitre: Étape {index} du projet\n---\n\n" + "\n\n".join(parts) + "\n")
    return spec


def text_heavy() -> Spec:
    """Defect 3: before issue 25, text balanced into the top half of 5 of 9 pages, a heading
    on a heading with its table beside, the series cost table cut after 2 rows."""
    rng = random.Random(3)
    spec = Spec(3, cover="portrait", costs=True)
    for index, shape in enumerate(["paysage", "portrait", "scan", "carre"], 1):
        spec.images[f"image-{index}.jpg" if SHAPES[shape][1] == ".jpg"
                    else f"image-{index}.png"] = shape
    names = list(spec.images)
    sections = []
    for index in range(1, 6):
        parts = []
        for sub in range(1, 4):
            parts.append(f"## Partie {index}.{sub}")
            parts += _paragraphs(rng, 170)
        if index <= 4:
            parts.insert(3, _figure(names[index - 1], f"Illustration {index}"))
        sections.append(parts)
    sections[2][1:1] = ["### Les pierres", _table(rng, 18, 4)]
    for index, parts in enumerate(sections, 1):
        spec.sections[f"{index:02d}-partie-{index}.md"] = (
            f"---\ntitre: Partie {index}\n---\n\n" + "\n\n".join(parts) + "\n")
    spec.sections["06-couts.md"] = ("---\ntitre: Étude des coûts\nrole: couts\n---\n\n"
                                    + "\n\n".join(_paragraphs(rng, 120))
                                    + "\n\n```couts\n```\n")
    return spec


@pytest.mark.parametrize(("make", "most_pages"), [(image_heavy, 12), (text_heavy, 15)],
                         ids=["images", "texte"])
def test_issue_dossiers_keep_the_invariants(tmp_path, monkeypatch, make, most_pages):
    spec = make()
    root = write_dossier(spec, tmp_path / "students")
    if spec.costs:
        shutil.copy(REPO / "students" / "lea-moreau" / "couts.yml", root / "couts.yml")
    result = report(built(root, tmp_path / "cache", monkeypatch))
    assert result.problems == []
    assert result.pages <= most_pages
    assert result.fill_problems() == [], result.fills
