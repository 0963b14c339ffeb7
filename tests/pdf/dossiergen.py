"""Test helper: a seed -> a random dossier written the way students write them (issue 25).

A dossier has a few sections of random length (two lines to several pages), images of random
shapes (portraits 3:4, landscapes 4:3, squares, 4:1 panoramas, 1:4 tall strips set
``!!! pleine-page``, scans of drawings, boards ``!!! planche``), tables of 2 to 25 rows and
media (a video with its poster, a GLB model). Every image is drawn with a dark frame one
pixel inside its edge and a mark in each corner: an image printed stretched shows in its
placed size against its pixels, one cropped loses a corner mark.

Images are small in pixels (a few hundred to 1,800 on their long side, flat colours: fast to
write and to copy for print) but in realistic proportions; their pixels allow 150 dpi at the
widths the layout gives photos, so the layout is the one a student's 12 MP photo gets.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from helpers import DOSSIER_YML, make_glb, make_mp4
from PIL import Image, ImageDraw

__all__ = ["SHAPES", "Spec", "draw_image", "random_spec", "write_dossier"]

# name -> (width, height) in pixels, suffix (a drawing is a PNG: the layout treats it so)
SHAPES = {
    "portrait": ((1200, 1600), ".jpg"),
    "paysage": ((1600, 1200), ".jpg"),
    "carre": ((1400, 1400), ".jpg"),
    "panorama": ((1800, 450), ".jpg"),
    "scan": ((1400, 1000), ".png"),          # a scanned drawing, a little wider than A4
    "plan": ((1800, 1100), ".png"),          # a technical drawing
    "bande": ((450, 1800), ".jpg"),          # a tall strip: set alone on a page
}

WORDS = ("la bague est montée sur un corps demi-jonc en or jaune dont la feuille épouse le "
         "doigt ; le saphir est serti clos à la naissance du limbe, comme une goutte de rosée "
         "posée sur une nervure ; j'ai contrôlé chaque épaisseur au pied à coulisse avant la "
         "fonte, puis ajusté la feuillure à la fraise en plusieurs passes ; le polissage "
         "alterne satiné et miroir pour que la lumière tourne sur le volume").split()
HEADINGS = ("Observer", "Analyser la forme", "Choisir le métal", "Le serti", "Essais",
            "La fonte", "Finitions", "Contrôles", "Variantes", "Le modèle", "Sources")


@cache
def _video() -> bytes:
    """A real 2-second video (made once: ffmpeg takes a second)."""
    path = Path(tempfile.mkdtemp(prefix="video-")) / "video.mp4"
    make_mp4(path)
    return path.read_bytes()


def draw_image(path: Path, size: tuple[int, int], seed: int) -> Path:
    """A flat picture ``size`` pixels with a dark frame and a mark in each corner."""
    rng = random.Random(seed)
    width, height = size
    background = tuple(rng.randrange(120, 230) for _ in range(3))
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    edge = max(4, min(size) // 60)
    draw.rectangle((0, 0, width - 1, height - 1), outline=(20, 20, 20), width=edge)
    mark = max(12, min(size) // 8)
    for x, y in ((0, 0), (width - mark, 0), (0, height - mark), (width - mark, height - mark)):
        draw.rectangle((x, y, x + mark - 1, y + mark - 1), fill=(200, 30, 30))
    # A circle: round only when the image keeps its proportions.
    radius = min(size) // 4
    draw.ellipse((width // 2 - radius, height // 2 - radius, width // 2 + radius,
                  height // 2 + radius), outline=(30, 40, 120), width=edge)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=80) if path.suffix == ".jpg" else image.save(path)
    return path


@dataclass
class Spec:
    """What a generated dossier holds (enough to compute its lower bound and to report it)."""

    seed: int
    sections: dict[str, str] = field(default_factory=dict)     # file name -> Markdown
    images: dict[str, str] = field(default_factory=dict)       # file name -> shape
    media: list[str] = field(default_factory=list)             # files of medias/
    costs: bool = False
    cover: str | None = None                                   # shape of the cover photo


def _sentence(rng: random.Random, count: int) -> str:
    words = [rng.choice(WORDS) for _ in range(count)]
    return " ".join(words).capitalize() + "."


def _paragraphs(rng: random.Random, words: int) -> list[str]:
    out = []
    while words > 0:
        size = min(words, rng.randint(40, 120))
        out.append(" ".join(_sentence(rng, rng.randint(8, 22)) for _ in range(max(1, size // 15))))
        words -= size
    return out


def _table(rng: random.Random, rows: int, columns: int) -> str:
    head = ["Pierre", "Taille", "Carats", "Prix", "Source", "Remarque"][:columns]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * columns]
    for row in range(rows):
        cells = [f"Saphir {row + 1}", f"{rng.randint(2, 9)},{rng.randint(0, 9)} mm",
                 f"0,{rng.randint(10, 99)}", f"{rng.randint(40, 900)} €", "devis négociant",
                 _sentence(rng, rng.randint(2, 8))][:columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _figure(name: str, number: int) -> str:
    return f'![Image {number}](../images/{name} "Figure {number} : {name}")'


def random_spec(seed: int) -> Spec:
    """A dossier of 3 to 7 sections; images, text, tables and media drawn from ``seed``."""
    rng = random.Random(seed)
    spec = Spec(seed)
    numbers = iter(range(1, 1000))
    shapes = [s for s in SHAPES if s != "bande"]
    spec.cover = rng.choice(["paysage", "portrait", "carre", None])
    count = rng.randint(3, 7)
    for index in range(1, count + 1):
        parts: list[str] = []
        kind = rng.choice(["texte", "images", "mixte", "mixte"])
        subsections = rng.randint(1, 3)
        for _ in range(subsections):
            parts.append(f"## {rng.choice(HEADINGS)}")
            words = {"texte": rng.choice([30, 200, 600, 1400]), "images": rng.choice([15, 40]),
                     "mixte": rng.choice([20, 80, 250, 500])}[kind]
            text = _paragraphs(rng, words)
            figures = {"texte": rng.randint(0, 1), "images": rng.randint(2, 4),
                       "mixte": rng.randint(0, 2)}[kind]
            for _ in range(figures):
                number = next(numbers)
                shape = rng.choice(shapes)
                name = f"img-{number}{SHAPES[shape][1]}"
                spec.images[name] = shape
                text.insert(rng.randint(0, len(text)), _figure(name, number))
            if rng.random() < 0.3:
                rows = rng.choice([2, 3, 5, 8, 14, 25])
                text.insert(rng.randint(0, len(text)), _table(rng, rows, rng.randint(2, 6)))
            parts.extend(text)
        if rng.random() < 0.12:
            number = next(numbers)
            name = f"img-{number}.jpg"
            spec.images[name] = "bande"
            parts.append(f'!!! pleine-page "Bande {number}"\n\n    {_figure(name, number)}')
        if rng.random() < 0.15:
            board = []
            for _ in range(rng.randint(3, 6)):
                number = next(numbers)
                name = f"img-{number}.png"
                spec.images[name] = rng.choice(["portrait", "carre", "paysage"])
                board.append("    " + _figure(name, number))
            parts.append('!!! planche "Planche de recherches"\n\n' + "\n\n".join(board))
        if rng.random() < 0.1 and "video.mp4" not in spec.media:
            spec.media.append("video.mp4")
            spec.images["poster.jpg"] = "paysage"
            parts.append('![Le polissage](../medias/video.mp4 "Le polissage au tour")'
                         '{: poster="../images/poster.jpg" }')
        if rng.random() < 0.1 and "modele.glb" not in spec.media:
            spec.media.append("modele.glb")
            parts.append('![Le modèle 3D](../medias/modele.glb "La bague en 3D")')
        follows = "saut_de_page: non\n" if index > 1 and rng.random() < 0.5 else ""
        spec.sections[f"{index:02d}-partie-{index}.md"] = (
            f"---\ntitre: Partie {index} du projet\n{follows}---\n\n" + "\n\n".join(parts)
            + "\n")
    return spec


def write_dossier(spec: Spec, students: Path, slug: str | None = None,
                  page_format: str = "A3-paysage") -> Path:
    """The dossier of ``spec`` written under ``students``; returns its folder."""
    root = students / (slug or f"gen-{spec.seed}")
    (root / "sections").mkdir(parents=True)
    yml = DOSSIER_YML.format(prenom="Alex", nom="Martin", numero="01234567890",
                             titre=f"Dossier généré {spec.seed}", voie="scolaire",
                             brouillon="false", format=page_format)
    if spec.cover:
        yml += "couverture: images/couverture.jpg\n"
        draw_image(root / "images" / "couverture.jpg", SHAPES[spec.cover][0], spec.seed)
    (root / "dossier.yml").write_text(yml, encoding="utf-8")
    for name, text in spec.sections.items():
        (root / "sections" / name).write_text(text, encoding="utf-8")
    for index, (name, shape) in enumerate(spec.images.items()):
        draw_image(root / "images" / name, SHAPES[shape][0], spec.seed * 1000 + index)
    for name in spec.media:
        (root / "medias").mkdir(exist_ok=True)
        if name.endswith(".glb"):
            make_glb(root / "medias" / name)
        else:
            (root / "medias" / name).write_bytes(_video())
    return root
