"""A class-sized benchmark: this tool's build against the plain tools a user would pick instead.

    .venv/bin/python -m pip install -r bench/requirements.txt     # Pandoc, Typst, libvips
    .venv/bin/python bench/classe.py --dir /tmp/bench-classe        # N = 30, generation cached
    .venv/bin/python bench/classe.py --dir /tmp/bench-classe --count 10 --scaling 10,30
    .venv/bin/python bench/classe.py --dir /tmp/bench-classe --profile    # cProfile, 5 dossiers
    .venv/bin/python bench/classe.py --dir /tmp/bench-classe --scaling 10,100 --warm-only

1. Generates (once, cached in ``--dir/gen``) a reference class: N dossiers near their budget
   (13-15 A3 pages + annexes), French text made from a jewellery vocabulary, 20 photos of
   12 MP each (camera-like JPEG, EXIF orientation/GPS; crop/tint variants of a pool of base
   photos from ``bench/images.py``, so that every dossier's bytes differ), 5 pencil sketches
   scanned at 300 dpi (4 PNG, 1 TIFF) and the example's ``couts.yml``.
2. Times on the same files, each step in its own process: plain ``mkdocs build`` (Material, the
   same Markdown and images, no plugin), raw WeasyPrint on the print HTML this tool generates
   (captured after the cold build, images = the tool's print variants) and Pandoc + Typst on
   the same Markdown (A3), both as many dossiers at a time as there are cores, each dossier
   timed in its worker as the tool's PDFs are; the same image files made by a Pillow script
   done well and by libvips (``bench/images.py``: ``competent``, ``vips``) on every image of
   the class, as many at a time as there are cores; and this tool's build
   (``build.py --project DIR -v build``, in-process in the step): cold, warm, one section
   edited. The tool's figures come from its timing records (``portfolio/processes/timings.py``, JSON
   lines in the file ``PORTFOLIO_TIMINGS`` names): a build that leaves none stops the run.
3. Samples the step's process tree every 0.2 s (resident memory summed over the tree, CPU per
   process), reads its rusage at the end, and prints the table, the ratios and the targets.

N = 30 on 2 cores: about 25 minutes (the cold build alone about 11), plus generation the first
time (about 15 s per dossier); ``--scaling 10,30`` adds a cold + warm build of 10 dossiers.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from images import as_shot, camera_like  # noqa: E402  (bench/images.py)

GEN_VERSION = "7"               # bump when the generator changes: dossiers are made again
PHOTOS, SKETCHES = 20, 5
BASE_PHOTOS, BASE_SKETCHES = 24, 8
PHOTO_SIZE = (4000, 3000)       # 12 MP
BASE_SIZE = (4096, 3072)        # crops of 4000 x 3000 at random offsets
SCAN_SIZE = (3508, 2480)        # A4 landscape at 300 dpi
EXAMPLE = ROOT / "students" / "lea-moreau"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLK = os.sysconf("SC_CLK_TCK")


# == 1. the reference class =====================================================================

FIRST = ["Léa", "Hugo", "Inès", "Lucas", "Chloé", "Nathan", "Manon", "Théo", "Camille", "Jules",
         "Sarah", "Louis", "Emma", "Adam", "Zoé", "Gabriel", "Jade", "Raphaël", "Lina", "Arthur",
         "Alice", "Noah", "Rose", "Ethan", "Anna", "Sacha", "Louise", "Maël", "Romane", "Tom"]
LAST = ["Moreau", "Lefèvre", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller",
        "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier",
        "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Boyer",
        "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger"]
PIECES = [("Bague", "une bague"), ("Pendentif", "un pendentif"), ("Broche", "une broche"),
          ("Bracelet", "un bracelet"), ("Boucles d'oreilles", "des boucles d'oreilles"),
          ("Manchette", "une manchette"), ("Collier", "un collier")]
MOTIFS = ["Ginkgo", "Nautile", "Libellule", "Corail", "Rosace", "Écaille", "Vague", "Fougère",
          "Méduse", "Art déco", "Pavot", "Lierre", "Oursin", "Graine", "Vitrail", "Givre"]
METALS = ["or jaune 750", "or gris 750", "or rose 750", "argent 925", "platine 950"]
STONES = ["un saphir", "un rubis", "une émeraude", "un diamant", "une tourmaline", "un grenat",
          "une améthyste", "une perle de culture", "une aigue-marine", "une tanzanite"]
OPENERS = ["Pour commencer", "Ensuite", "À cette étape", "Après un premier contrôle",
           "Sur les conseils de mon tuteur", "Pendant la formation en milieu professionnel",
           "Pour gagner du temps", "Afin de garantir la solidité de la pièce", "Au préalable",
           "Une fois la pièce décapée", "Avant le sertissage", "Comme le montre la photographie",
           "En reprenant le plan coté", "Après réflexion", "Dans un second temps", "Enfin"]
ACTIONS = ["j'ai scié", "j'ai limé", "j'ai recuit", "j'ai soudé", "j'ai embouti", "j'ai ajusté",
           "j'ai serti", "j'ai poli", "j'ai modélisé", "j'ai dessiné", "j'ai mesuré",
           "j'ai contrôlé", "j'ai émerisé", "j'ai satiné", "j'ai ébauché", "j'ai repercé",
           "j'ai mis en forme", "j'ai préparé", "j'ai tracé", "j'ai redressé", "j'ai gratté",
           "j'ai avivé", "j'ai ciselé", "j'ai gravé", "j'ai repris"]
OBJECTS = ["le chaton", "les griffes", "le corps de bague", "l'anneau", "la plaque de {n},{m} mm",
           "le fil de {n},{m} mm", "la bélière", "le fermoir", "les maillons", "le brut de fonte",
           "la cire", "le modèle en résine", "la feuille de métal", "le paillon de soudure",
           "les nervures", "le serti clos", "la carrure", "le dessous du chaton", "la galerie",
           "le jonc", "le demi-jonc", "la tête de la pièce", "les ajours", "le millegrain",
           "les pierres", "l'arbre de coulée", "le lingot", "les charnières", "le pavé"]
TOOLS = ["à la lime demi-ronde", "au bocfil", "au chalumeau", "à la brossette",
         "sur le triboulet", "avec une soudure moyenne", "sous la loupe binoculaire",
         "au pied à coulisse", "au tour à polir", "en trois passes successives",
         "à l'échoppe plate", "au burin", "à la bouterolle", "sur le dé à emboutir",
         "au laminoir", "à la filière", "au micromoteur", "à la fraise boule de {n} mm",
         "au papier émeri grain {g}", "avec la pince à becs plats", "dans le bain de décapage"]
PURPOSES = ["pour obtenir un galbe régulier", "afin que la pierre soit bien tenue",
            "pour éviter les porosités", "afin de respecter les cotes du plan",
            "pour que la lumière glisse sur la surface", "pour garder une épaisseur constante",
            "afin de limiter les pertes de métal", "pour préparer le polissage",
            "pour que la pièce reste confortable à porter", "afin de ne pas marquer le métal",
            "pour retrouver la souplesse du métal", "pour vérifier l'équilibre de la pièce",
            "afin de réduire le temps d'établi", "pour que les soudures restent invisibles"]
OBSERVATIONS = [
    "le résultat est régulier, mais {o} demande encore une reprise",
    "cette solution est plus simple à fabriquer et moins coûteuse en {metal}",
    "la lumière accroche mieux les arêtes vives que les surfaces bombées",
    "l'écart mesuré reste inférieur à {n} dixièmes de millimètre",
    "le contraste entre le poli miroir et le satiné met {stone} en valeur",
    "la pièce pèse {n},{m} g après finition, ce qui reste raisonnable",
    "le temps passé dépasse de {n} heures ce que j'avais prévu",
    "mon tuteur m'a conseillé de reprendre {o} avant de continuer",
    "la fonte à cire perdue a été sous-traitée, comme le permet le règlement",
    "le prix de revient suit de près le cours du métal à la date de l'étude"]
HISTORY = [
    "Au XIXe siècle, les ateliers du Marais produisent en série des bijoux estampés",
    "René Lalique associe dès 1895 l'or, l'émail et la corne",
    "L'Art nouveau puise ses formes dans la nature : tiges, feuilles, insectes",
    "Les joailliers de la rue de la Paix imposent le platine au début du XXe siècle",
    "L'Art déco préfère la géométrie, les contrastes francs et les pierres calibrées",
    "Les bijoux de deuil de l'époque victorienne utilisent le jais et les cheveux tressés",
    "Le japonisme fait découvrir aux bijoutiers parisiens l'asymétrie et le vide",
    "Les orfèvres de la Renaissance émaillent les pendentifs en ronde-bosse"]
# Every figure is in the text (no ``!!! planche`` board): the reference class was generated
# that way when boards still lost one image per row, and changing it would change every page.
SECTIONS = [  # file, title, role, photos, sketches, words (the main part: 10 photos, 4 scans)
    ("01-objectifs", "Objectifs du projet", "objectifs", 1, 0, 350),
    ("02-recherches-plastiques", "Recherches plastiques", "recherches-plastiques", 2, 0, 300),
    ("03-recherches-historiques", "Recherches historiques", "recherches-historiques", 2, 0,
     300),
    ("04-recherches-techniques", "Recherches techniques", "recherches-techniques", 2, 0, 250),
    ("05-croquis", "Croquis et recherches de formes", "croquis", 0, 4, 250),
    ("06-etapes", "Étapes de réalisation", "etapes", 4, 0, 300),
    ("07-couts", "Étude des coûts", "couts", 0, 0, 150),
    ("08-bilan", "Bilan", "bilan", 1, 0, 300),
]
ANNEXES = [  # file, title, words, photos, sketches (10 photos, 1 scan)
    ("01-fiche-technique", "Fiche technique", 300, 2, 0),
    ("02-journal-de-bord", "Journal de bord", 1400, 6, 0),
    ("03-planches", "Planches complémentaires", 150, 2, 1),
    ("04-glossaire", "Glossaire", 700, 0, 0)]
HEADINGS = ["Démarche", "Observations", "Choix retenus", "Mise en œuvre", "Contraintes",
            "Analyse", "Difficultés rencontrées", "Solutions", "Contrôles", "Références"]
TEXT_SCALE = 1.0   # scales every text amount (tuned: 14 main pages, 8 annex pages)


class Text:
    """Plausible French paragraphs about making a piece, from a small vocabulary."""

    def __init__(self, rnd: random.Random, metal: str, stone: str) -> None:
        self.rnd, self.metal, self.stone = rnd, metal, stone

    def _fill(self, text: str) -> str:
        r = self.rnd
        return text.format(n=r.randint(1, 9), m=r.randint(0, 9), g=r.choice((400, 600, 1200)),
                           o=r.choice(OBJECTS).format(n=1, m=2), metal=self.metal,
                           stone=self.stone)

    def sentence(self) -> str:
        r = self.rnd
        kind = r.random()
        if kind < 0.55:
            s = (f"{r.choice(OPENERS)}, {r.choice(ACTIONS)} {r.choice(OBJECTS)} "
                 f"{r.choice(TOOLS)} {r.choice(PURPOSES)}.")
        elif kind < 0.8:
            s = f"{r.choice(OPENERS)}, j'ai constaté que {r.choice(OBSERVATIONS)}."
        elif kind < 0.9:
            s = f"{r.choice(HISTORY)} ; {r.choice(OBSERVATIONS)}."
        else:
            s = (f"Le choix de l'{self.metal} et de {self.stone} répond au cahier des charges "
                 f"{r.choice(PURPOSES)}.").replace("de un", "d'un")
        return self._fill(s).replace(" de une ", " d'une ").replace(" de un ", " d'un ")

    def paragraph(self, words: int) -> tuple[str, int]:
        out, count = [], 0
        while count < words:
            s = self.sentence()
            out.append(s)
            count += len(s.split())
        return " ".join(out), count


def _figure(name: str, alt: str, caption: str) -> str:
    return f'![{alt}](../images/{name} "{caption}")'


def section_md(rnd: random.Random, text: Text, title: str, role: str, words: int,
               photos: list[str], sketches: list[str]) -> str:
    lines = ["---", f"titre: {title}", f"role: {role}", "---", ""]
    figures = [(p, "photo") for p in photos] + [(s, "croquis") for s in sketches]
    blocks = max(2, len(figures) + 1)
    per = max(60, int(words * TEXT_SCALE / blocks))
    headings = rnd.sample(HEADINGS, k=min(len(HEADINGS), 3 + blocks // 3))
    for index in range(blocks):
        if index % 3 == 0 and headings:
            lines += [f"## {headings.pop()}", ""]
        para, _ = text.paragraph(per)
        lines += [para, ""]
        if index == 1 and role in ("recherches-techniques", "etapes"):
            lines += ["| Opération | Outil | Durée |", "|---|---|---|"]
            lines += [f"| {rnd.choice(ACTIONS)[6:].capitalize()} | "
                      f"{text._fill(rnd.choice(TOOLS))} | {rnd.randint(10, 90)} min |"
                      for _ in range(5)] + [""]
        if index == 2:
            lines += [f"- {text.sentence()}" for _ in range(3)] + [""]
        if index < len(figures):
            name, kind = figures[index]
            what = ("Planche de croquis au crayon, recherche de formes" if kind == "croquis"
                    else f"Photographie : {rnd.choice(OBJECTS).format(n=1, m=2)} "
                         f"{text._fill(rnd.choice(TOOLS))}")
            lines += [_figure(name, what, f"{what} ({title.lower()})"), ""]
    if role == "couts":
        lines += ["```couts", "```", ""]
        para, _ = text.paragraph(per)
        lines += ["## Analyse", "", para, ""]
    return "\n".join(lines).rstrip() + "\n"


def annex_md(rnd: random.Random, text: Text, title: str, words: int, photos: list[str]) -> str:
    lines = ["---", f"titre: {title}", "role: autre", "---", ""]
    if "Glossaire" in title:
        terms = sorted({t.split(" ", 1)[-1].split("{")[0].strip(" ,") for t in OBJECTS + TOOLS})
        lines += ["| Terme | Définition |", "|---|---|"]
        lines += [f"| {t} | {text.sentence()} |" for t in terms[: words // 20]]
        return "\n".join(lines) + "\n"
    chunks = max(1, len(photos) + 1)
    for index in range(chunks):
        lines += [f"## {rnd.choice(HEADINGS)}", ""]
        para, _ = text.paragraph(int(words * TEXT_SCALE / chunks))
        lines += [para, ""]
        if index < len(photos):
            what = "Croquis scanné" if "croquis" in photos[index] else "Photographie de détail"
            lines += [_figure(photos[index], what, f"{what} ({title.lower()})"), ""]
    return "\n".join(lines) + "\n"


def make_base_photo(path: str, seed: int) -> None:
    camera_like(BASE_SIZE, 1000 + seed).save(path, "JPEG", quality=95)


def make_base_sketch(path: str, seed: int) -> None:
    """A pencil sketch on grained paper, as a 300 dpi colour scan gives it (noisy, warm)."""
    rnd = random.Random(2000 + seed)
    w, h = SCAN_SIZE
    paper = Image.new("L", (w, h), 236)
    paper = ImageChops.add(paper, Image.effect_noise((w, h), 7), offset=-128)
    strokes = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(strokes)
    for _ in range(rnd.randint(6, 10)):              # shapes: ellipses, fans, leaves
        cx, cy, r = rnd.randrange(w), rnd.randrange(h), rnd.randrange(150, 700)
        for _ in range(rnd.randint(3, 9)):
            jitter = rnd.randrange(-12, 12)
            draw.arc((cx - r + jitter, cy - r * 0.7, cx + r, cy + r * 0.7 + jitter),
                     rnd.randrange(0, 180), rnd.randrange(180, 360),
                     fill=rnd.randrange(40, 120), width=rnd.randint(2, 5))
            r = int(r * 0.93)
    for _ in range(1500):                            # hatching and construction lines
        x, y = rnd.randrange(w), rnd.randrange(h)
        length = rnd.randrange(10, 120)
        draw.line((x, y, x + length, y - length * rnd.uniform(0.3, 1.2)),
                  fill=rnd.randrange(90, 190),
                  width=rnd.randint(1, 3))
    strokes = strokes.filter(ImageFilter.GaussianBlur(1.2))
    gray = ImageChops.multiply(paper, strokes)
    scan = Image.merge("RGB", [gray.point(lambda v, d=d: max(0, min(255, v + d)))
                               for d in (3, 0, -8)])
    scan.save(path, "PNG", compress_level=6)


def _variant_photo(base: str, out: str, seed: int) -> None:
    """A 12 MP crop/tint of a base photo, with a camera's EXIF (orientation, GPS sometimes)."""
    rnd = random.Random(seed)
    with Image.open(base) as img:
        img = img.convert("RGB")
    x = rnd.randrange(BASE_SIZE[0] - PHOTO_SIZE[0])
    y = rnd.randrange(BASE_SIZE[1] - PHOTO_SIZE[1])
    img = img.crop((x, y, x + PHOTO_SIZE[0], y + PHOTO_SIZE[1]))
    gains = [rnd.uniform(0.9, 1.1) for _ in range(3)]
    img = img.point([min(255, int(v * g)) for g in gains for v in range(256)])
    if rnd.random() < 0.5:
        img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    orientation = rnd.choice((1, 1, 1, 6, 8))
    date = f"2026:{rnd.randint(1, 12):02d}:{rnd.randint(1, 28):02d} 10:00:00"
    img, exif = as_shot(img, orientation, rnd.random() < 0.5, date)
    img.save(out, "JPEG", quality=92, exif=exif)


def _variant_sketch(base: str, out: str, seed: int) -> None:
    rnd = random.Random(seed)
    with Image.open(base) as img:
        img = img.convert("RGB")
    dx, dy = rnd.randrange(-40, 40), rnd.randrange(-40, 40)
    img = ImageChops.offset(img, dx, dy)
    if rnd.random() < 0.5:
        img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    shade = rnd.randint(-6, 6)
    img = img.point(lambda v: max(0, min(255, v + shade)))
    if out.endswith(".tif"):
        img.save(out, "TIFF", compression="tiff_lzw", dpi=(300, 300))
    else:
        img.save(out, "PNG", compress_level=6, dpi=(300, 300))


def _dossier_yml(index: int, first: str, last: str, title: str, theme: str) -> str:
    text = (EXAMPLE / "dossier.yml").read_text(encoding="utf-8")
    text = text.replace("prenom: Léa", f"prenom: {first}").replace("nom: Moreau", f"nom: {last}")
    text = text.replace('"02417583901"', f'"0241758{index:04d}"')
    text = text.replace("titre: Bague Ginkgo", f"titre: {title}")
    lines = [(f"  theme: {theme}" if line.startswith("  theme:") else line)
             for line in text.splitlines()]
    text = "\n".join(lines) + "\n"
    return text.replace("couverture: images/couverture.jpg", "couverture: images/photo-01.jpg")


def make_dossier(gen: Path, index: int, pool: Path) -> str:
    """One dossier in ``gen/<slug>/`` (skipped when complete for this GEN_VERSION)."""
    rnd = random.Random(index)
    first, last = FIRST[index % len(FIRST)], LAST[(index * 7) % len(LAST)]
    slug = f"{index + 1:03d}-{first.lower()}-{last.lower()}".replace("é", "e").replace(
        "è", "e").replace("ë", "e").replace("ï", "i").replace("ç", "c").replace("ô", "o")
    root = gen / slug
    stamp = root / ".complete"
    if stamp.is_file() and stamp.read_text() == GEN_VERSION:
        return slug
    if root.exists():
        shutil.rmtree(root)
    (root / "images").mkdir(parents=True)
    (root / "sections").mkdir()
    (root / "annexes").mkdir()
    shutil.copytree(EXAMPLE / "partie1", root / "partie1")
    shutil.copy2(EXAMPLE / "couts.yml", root / "couts.yml")
    photos = [f"photo-{i:02d}.jpg" for i in range(1, PHOTOS + 1)]
    sketches = [f"croquis-{i}.png" for i in range(1, SKETCHES)] + [f"croquis-{SKETCHES}.tif"]
    bases = sorted(pool.glob("base-*.jpg"))
    for i, name in enumerate(photos):
        _variant_photo(str(bases[rnd.randrange(len(bases))]), str(root / "images" / name),
                       index * 1000 + i)
    scans = sorted(pool.glob("scan-*.png"))
    for i, name in enumerate(sketches):
        _variant_sketch(str(scans[rnd.randrange(len(scans))]), str(root / "images" / name),
                        index * 1000 + 500 + i)
    piece, piece_text = rnd.choice(PIECES)
    motif, metal, stone = rnd.choice(MOTIFS), rnd.choice(METALS), rnd.choice(STONES)
    (root / "dossier.yml").write_text(_dossier_yml(
        index, first, last, f"{piece} {motif}",
        f"{piece_text.capitalize()} en {metal} et {stone[3:].strip()} inspiré du motif "
        f"« {motif} »."), encoding="utf-8")
    text = Text(rnd, metal, stone)
    queue, scans = list(photos), list(sketches)
    for name, title, role, n_photos, n_sketch, words in SECTIONS:
        mine, queue = queue[:n_photos], queue[n_photos:]
        drawn, scans = scans[:n_sketch], scans[n_sketch:]
        md = section_md(rnd, text, title, role, words, mine, drawn)
        (root / "sections" / f"{name}.md").write_text(md, encoding="utf-8")
    for name, title, words, n_photos, n_sketch in ANNEXES:
        mine, queue = queue[:n_photos], queue[n_photos:]
        drawn, scans = scans[:n_sketch], scans[n_sketch:]
        md = annex_md(rnd, text, title, words, mine + drawn)
        (root / "annexes" / f"{name}.md").write_text(md, encoding="utf-8")
    assert not queue and not scans, (queue, scans)    # every photo and scan is placed once
    stamp.write_text(GEN_VERSION)
    return slug


def generate(folder: Path, count: int) -> list[Path]:
    pool, gen = folder / "pool", folder / "gen"
    pool.mkdir(parents=True, exist_ok=True)
    gen.mkdir(parents=True, exist_ok=True)
    jobs = [(make_base_photo, str(pool / f"base-{i:02d}.jpg"), i) for i in range(BASE_PHOTOS)]
    jobs += [(make_base_sketch, str(pool / f"scan-{i:02d}.png"), i) for i in range(BASE_SKETCHES)]
    jobs = [j for j in jobs if not Path(j[1]).is_file()]
    start = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(2) as pool_ex:
        if jobs:
            print(f"Génération de {len(jobs)} images de base dans {pool}...", flush=True)
            for f in [pool_ex.submit(fn, path, seed) for fn, path, seed in jobs]:
                f.result()
        todo = [i for i in range(count)]
        futures = [pool_ex.submit(make_dossier, gen, i, pool) for i in todo]
        slugs = [f.result() for f in futures]
    took = time.perf_counter() - start
    if took > 2:
        print(f"  classe générée dans {gen} en {took:.0f} s", flush=True)
    return [gen / s for s in slugs]


# == 2. projects and steps ======================================================================

def _link_tree(src: Path, dest: Path) -> None:
    try:
        shutil.copytree(src, dest, copy_function=os.link,
                        ignore=shutil.ignore_patterns(".complete"))
    except OSError:
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".complete"))


def make_project(dossiers: list[Path], dest: Path) -> Path:
    """A project folder like this checkout: mkdocs.yml, themes (link), students/ (hard links)."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "students").mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "themes").symlink_to(ROOT / "themes")
    for root in dossiers:
        _link_tree(root, dest / "students" / root.name)
    return dest


def make_plain(dossiers: list[Path], dest: Path) -> Path:
    """The same Markdown and images as a plain MkDocs + Material project (no plugin)."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Dossiers\n", encoding="utf-8")
    for root in dossiers:
        for part in ("sections", "annexes", "images"):
            _link_tree(root / part, docs / root.name / part)
    (dest / "mkdocs.yml").write_text(
        "site_name: Dossiers\ntheme:\n  name: material\n  language: fr\nplugins:\n  - search\n",
        encoding="utf-8")
    return dest


def tree_pids(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


class Sampler(threading.Thread):
    """Every ``interval`` s: resident memory summed over the tree, CPU % of the tree."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples: list[tuple[float, float, int]] = []   # (time, cpu %, rss bytes)
        self.stop = threading.Event()
        self._cpu: dict[int, int] = {}

    def _read(self) -> tuple[int, int]:
        ticks_delta, rss = 0, 0
        for p in tree_pids(self.pid):
            try:
                with open(f"/proc/{p}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                with open(f"/proc/{p}/statm") as f:
                    rss += int(f.read().split()[1]) * PAGE_SIZE
            except (OSError, IndexError):
                continue
            ticks = int(fields[11]) + int(fields[12])
            ticks_delta += ticks - self._cpu.get(p, 0)
            self._cpu[p] = ticks
        return ticks_delta, rss

    def run(self) -> None:
        last = time.time()
        self._read()
        while not self.stop.wait(self.interval):
            ticks, rss = self._read()
            now = time.time()
            self.samples.append((now, 100 * ticks / CLK / (now - last), rss))
            last = now

    def cpu_between(self, intervals: list[tuple[float, float]]) -> float | None:
        vals = [c for t, c, _ in self.samples
                if any(a + self.interval <= t <= b for a, b in intervals)]
        return sum(vals) / len(vals) if vals else None


def measure(command: list[str], env: dict | None = None, cwd: Path | None = None) -> dict:
    """Run ``command``; wall time, CPU % (rusage of the process and its reaped children),
    peak resident memory (sum over the process tree, sampled; and the largest process)."""
    start = time.time()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                            cwd=cwd, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    out, err = [], []
    readers = [threading.Thread(target=lambda s=s, o=o: o.append(s.read()), daemon=True)
               for s, o in ((proc.stdout, out), (proc.stderr, err))]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.time() - start
    sampler.stop.set()
    sampler.join()
    for r in readers:
        r.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak_tree = max((s[2] for s in sampler.samples), default=0)
    return {"wall": wall, "cpu": 100 * (usage.ru_utime + usage.ru_stime) / wall,
            "cpu_s": usage.ru_utime + usage.ru_stime,
            "rss_mb": max(peak_tree, usage.ru_maxrss * 1024) / 2**20,
            "maxrss_mb": usage.ru_maxrss / 1024, "rc": proc.returncode,
            "stdout": "".join(out), "stderr": "".join(err), "sampler": sampler}


def step(name: str, *args: str, **kwargs) -> dict:
    result = measure([sys.executable, __file__, "--step", name, *args], **kwargs)
    if result["rc"] != 0 and name != "tool":
        sys.exit(f"étape {name} en échec :\n{result['stderr'][-3000:]}")
    lines = result["stdout"].strip().splitlines()
    try:
        result["data"] = json.loads(lines[-1]) if lines else {}
    except ValueError:
        sys.exit(f"étape {name} : sortie illisible\n{result['stdout'][-2000:]}"
                 f"\n{result['stderr'][-2000:]}")
    return result


# -- steps (each runs in its own process: ``--step NAME``) -----------------------------------

def _reap_forkserver() -> None:
    """Stop the image pool's forkserver, so that its workers count in our rusage."""
    from multiprocessing import forkserver
    server = getattr(forkserver, "_forkserver", None)
    if server is not None and hasattr(server, "_stop"):
        server._stop()


class NoTimingsError(RuntimeError):
    """The build left no timing record: the pipeline's records changed or were dropped."""


def read_timings(path: Path) -> list[dict]:
    """The timing records (JSON lines, see ``portfolio/processes/timings.py``) a build appended to
    ``path``; :class:`NoTimingsError` when there is none (a benchmark that reads nothing must
    say so, not print 0.0 s)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    records = [json.loads(line) for line in text.split("\n") if line.strip()]
    if not any(r.get("event") == "dossiers" for r in records):
        raise NoTimingsError(f"aucun enregistrement « dossiers » dans {path} : le pipeline n'émet "
                        "plus ses temps (portfolio/processes/timings.py), la mesure serait fausse.")
    return records


def summarize_timings(records: list[dict]) -> dict:
    """What the table needs from a build's records: the PDFs rendered (slugs, seconds each),
    the images decoded, and the spans of the image and PDF phases (for the CPU they used).

    The PDF phase is the parallel stage when there was one, else each PDF rendered in the
    build's own process (the one that emitted the ``dossiers`` record)."""
    main_pid = next((r["pid"] for r in records if r["event"] == "dossiers"), None)
    pdfs = [r for r in records if r["event"] == "pdf"]
    stages = [(r["start"], r["end"]) for r in records if r["event"] == "pdf-stage"]
    inside = [r for r in pdfs if r["pid"] == main_pid
              and not any(a <= r["start"] <= b for a, b in stages)]
    phases = [("images", r["start"], r["end"]) for r in records if r["event"] == "images"]
    phases += [("pdf", a, b) for a, b in stages]
    phases += [("pdf", r["start"], r["end"]) for r in inside]
    processed = sum(r["sources"] for r in records if r["event"] == "images")
    processed += sum(1 for r in records if r["event"] == "image" and r["variants"] > 0)
    return {"printed": sorted(r["slug"] for r in pdfs),
            "pdf_each": [r["seconds"] for r in pdfs], "processed": processed,
            "phases": phases, "records": len(records)}


def step_tool(project: Path) -> dict:
    """``build.py --project P -v build`` in this process, its timing records read back.

    The build appends its records (``portfolio/processes/timings.py``) to a file named by
    ``PORTFOLIO_TIMINGS``; worker processes inherit it. No record: :class:`NoTimingsError`.
    """
    from portfolio.cli.main import main as cli_main
    from portfolio.processes.timings import ENV

    timings = project / ".timings.jsonl"
    timings.unlink(missing_ok=True)
    os.environ[ENV] = str(timings)
    start = time.time()
    sys.stdout = sys.stderr            # the CLI's summary: keep stdout for our JSON
    try:
        rc = cli_main(["--project", str(project), "-v", "build"])
    finally:
        sys.stdout = sys.__stdout__
    seconds = time.time() - start
    _reap_forkserver()
    data = summarize_timings(read_timings(timings))
    pdfs = sorted((project / "site").rglob("*.pdf"))
    return {"rc": rc, "seconds": seconds, **data,
            "pdf_sizes": {p.parent.name: p.stat().st_size for p in pdfs
                          if p.parent.parent == project / "site"}}


def step_capture(project: Path, capture: Path) -> dict:
    """The print HTML the tool gives WeasyPrint, for each dossier (untimed, images cached)."""
    import portfolio.pdf.output.render as render_mod
    from portfolio import BuildOptions
    from portfolio.builder.assemble import render_print
    from portfolio.dossier.load import find_dossiers, load_dossier
    from portfolio.images import ImageCache

    class CapturedError(Exception):
        pass

    def render_pdf(main_html_for, annex_html, annex_entries, main_entries, base_url,
                   **kwargs):
        labels = [(title, "A1") for _, title, _ in annex_entries]
        slug = Path(base_url.rstrip("/")).name
        capture.mkdir(parents=True, exist_ok=True)
        (capture / f"{slug}.json").write_text(json.dumps(
            {"main": main_html_for(labels), "annex": annex_html, "base_url": base_url}))
        raise CapturedError

    render_mod.render_pdf = render_pdf
    cache = project / ".cache" / "portfolio"
    options, images = BuildOptions(cache_dir=cache), ImageCache(cache)
    for root in find_dossiers(project / "students"):
        try:
            render_print(load_dossier(root), options, images)
        except CapturedError:
            pass
    return {"captured": len(list(capture.glob("*.json")))}


def _weasyprint_one(path: str, out: str) -> tuple[str, float, int]:
    """Raw WeasyPrint on one captured print HTML (main part + annexes), timed in its worker."""
    import weasyprint
    doc = json.loads(Path(path).read_text())
    t0 = time.time()
    size = 0
    for part in ("main", "annex"):
        if doc[part]:
            target = Path(out) / f"{Path(path).stem}-{part}.pdf"
            weasyprint.HTML(string=doc[part], base_url=doc["base_url"]).write_pdf(target)
            size += target.stat().st_size
    return Path(path).stem, time.time() - t0, size


def step_weasyprint(capture: Path, out: Path, workers: int) -> dict:
    """Raw WeasyPrint (default URL fetcher) on each captured print HTML, measured as the tool's
    PDFs are: ``workers`` processes at a time, each dossier's time taken in its worker."""
    out.mkdir(parents=True, exist_ok=True)
    paths = sorted(str(p) for p in capture.glob("*.json"))
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        done = list(pool.map(_weasyprint_one, paths, [str(out)] * len(paths)))
    return {"per": {slug: t for slug, t, _ in done}, "sizes": {slug: n for slug, _, n in done}}


TYPST_WRAPPER = '''#!{python}
"""``typst compile [--root DIR] IN OUT`` over the typst package of PyPI (it ships no CLI)."""
import sys
import typst
args, root, files = sys.argv[2:], None, []
while args:
    a = args.pop(0)
    if a == "--root":
        root = args.pop(0)
    elif a.startswith("--root="):
        root = a.split("=", 1)[1]
    else:
        files.append(a)
typst.compile(files[0], output=files[1], root=root)
'''


def _pandoc_one(pandoc: str, root: Path, out: Path, env: dict) -> tuple[str, float, int]:
    """One dossier through Pandoc + Typst, timed in its worker."""
    files = sorted(p.name for p in (root / "sections").glob("*.md"))
    files += sorted(f"../annexes/{p.name}" for p in (root / "annexes").glob("*.md"))
    target = out / f"{root.name}.pdf"
    t0 = time.time()
    subprocess.run([pandoc, *files, "--pdf-engine=typst", "--pdf-engine-opt=--root=..",
                    "-V", "papersize=a3", "-o", str(target)],
                   cwd=root / "sections", env=env, check=True, capture_output=True)
    return root.name, time.time() - t0, target.stat().st_size


def step_pandoc(students: Path, out: Path, bindir: Path, workers: int) -> dict:
    """``pandoc sections/*.md annexes/*.md --pdf-engine=typst -V papersize=a3`` per dossier,
    ``workers`` at a time, each timed in its worker (as the tool's PDFs)."""
    import pypandoc
    pandoc = pypandoc.get_pandoc_path()
    bindir.mkdir(parents=True, exist_ok=True)
    wrapper = bindir / "typst"
    wrapper.write_text(TYPST_WRAPPER.format(python=sys.executable))
    wrapper.chmod(0o755)
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}
    out.mkdir(parents=True, exist_ok=True)
    roots = []
    for src in sorted(p for p in students.iterdir() if (p / "dossier.yml").is_file()):
        root = out / "src" / src.name         # Typst reads no TIFF: a PNG copy, untimed
        shutil.rmtree(root, ignore_errors=True)
        _link_tree(src, root)
        for tif in (root / "images").glob("*.tif"):
            with Image.open(tif) as img:
                img.save(tif.with_suffix(".png"), compress_level=1)
        for md in (*(root / "sections").glob("*.md"), *(root / "annexes").glob("*.md")):
            text = md.read_text(encoding="utf-8")
            if ".tif" in text:
                md.unlink()
                md.write_text(text.replace(".tif)", ".png)").replace('.tif "', '.png "'),
                              encoding="utf-8")
        roots.append(root)
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:    # pandoc: its own process
        done = list(pool.map(lambda r: _pandoc_one(pandoc, r, out, env), roots))
    return {"per": {slug: t for slug, t, _ in done}, "sizes": {slug: n for slug, _, n in done}}


def image_jobs(students: Path) -> list[tuple[Path, int]]:
    """Every image of the class with the print width (px at 300 dpi) the tool first makes for
    it (its placement on the A3 grid), so that the anchors make the same files."""
    from portfolio.images.decode import header
    from portfolio.pdf.page.grid import figure_placement
    jobs = []
    for root in sorted(p for p in students.iterdir() if (p / "dossier.yml").is_file()):
        for path in sorted((root / "images").iterdir()):
            width, height, _ = header(path)
            mm = figure_placement(width, height, (420, 297), vector=False,
                                  drawing=path.suffix.lower() == ".png").copy_mm
            jobs.append((path, round(mm / 25.4 * 300)))
    return jobs


def _anchor_one(engine: str, path: Path, print_px: int, out: str) -> None:
    import images
    getattr(images, engine)([(path, print_px)], Path(out))


def step_images(students: Path, engine: str, out: Path, workers: int) -> dict:
    """An image anchor (``competent``: Pillow done well; ``vips``: libvips) on every image of
    the class, ``workers`` processes at a time (as the tool's pool)."""
    jobs = image_jobs(students)                    # header reads: before the clock
    t0 = time.time()
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        list(pool.map(_anchor_one, [engine] * len(jobs), *zip(*jobs, strict=True),
                      [str(out)] * len(jobs)))
    return {"images": len(jobs), "seconds": time.time() - t0}


def step_count(students: Path) -> dict:
    """Pages per part of each dossier, counted by the tool itself (tuning the generator)."""
    from portfolio import BuildOptions, build_dossier
    options = BuildOptions(cache_dir=students.parent / ".cache" / "portfolio")
    out = {}
    for root in sorted(p for p in students.iterdir() if (p / "dossier.yml").is_file()):
        build = build_dossier(root, options)
        out[root.name] = build.count.parts if build.count else str(build.error)
    _reap_forkserver()
    return out


# == 3. the run ================================================================================

def fmt_ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x" if base else "-"


def run_tool(project: Path, label: str) -> dict:
    result = step("tool", "--project", str(project))
    data = result["data"]
    sampler = result["sampler"]
    for kind in ("images", "pdf"):
        spans = [(a, b) for k, a, b in data.get("phases", []) if k == kind]
        data[f"cpu_{kind}"] = sampler.cpu_between(spans)
        data[f"{kind}_seconds"] = sum(b - a for a, b in spans)
    print(f"  {label:<22} {result['wall']:7.1f} s  CPU {result['cpu']:4.0f} %  "
          f"mémoire {result['rss_mb']:5.0f} Mo  PDF refaits {len(data.get('printed', []))}  "
          f"images traitées {data.get('processed')}", flush=True)
    if data.get("rc") not in (0, None):
        print(f"    (build.py a rendu {data['rc']} : {result['stderr'][-600:]})")
    return result


def edit_one_section(project: Path) -> str:
    root = sorted((project / "students").iterdir())[0]
    path = root / "sections" / "04-recherches-techniques.md"
    text = path.read_text(encoding="utf-8")
    tmp = path.with_name(".edit.tmp")        # a new file: the hard link to gen/ is broken
    tmp.write_text(text + "\nJ'ai ajouté cette remarque après la relecture de mon tuteur.\n",
                   encoding="utf-8")
    os.replace(tmp, path)
    return root.name


def scaling_runs(dossiers: list[Path], counts: list[int], work: Path, known: dict) -> dict:
    out = {}
    for n in counts:
        if n in known:
            out[n] = known[n]
            continue
        if n > len(dossiers):
            continue
        print(f"Échelle : {n} dossiers", flush=True)
        project = make_project(dossiers[:n], work / f"scale-{n}")
        plain = make_plain(dossiers[:n], work / f"scale-plain-{n}")
        cold = run_tool(project, f"outil à froid ({n})")
        warm = run_tool(project, f"outil à chaud ({n})")
        mk = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                      str(plain / "mkdocs.yml")])
        out[n] = {"cold": cold["wall"], "warm": warm["wall"], "mkdocs": mk["wall"]}
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(plain, ignore_errors=True)
    return out


def warm_scaling(dossiers: list[Path], counts: list[int], work: Path) -> dict:
    """Warm builds only, for each class size: the projects share one content cache (made by a
    first, unmeasured build of the largest class), so no class pays its cold images and PDFs
    and a busy machine spends its time on what is measured. Two warm builds each, the faster
    kept."""
    shared = work / "cache"
    shared.mkdir(parents=True, exist_ok=True)
    out = {}
    for n in sorted(counts, reverse=True):
        if n > len(dossiers):
            continue
        project = make_project(dossiers[:n], work / f"warm-{n}")
        (project / ".cache").symlink_to(shared)
        print(f"Échelle : {n} dossiers (premier build, non mesuré)", flush=True)
        run_tool(project, f"préparation ({n})")
        warm = min((run_tool(project, f"outil à chaud ({n})") for _ in range(2)),
                   key=lambda r: r["wall"])
        out[n] = warm["wall"]
        shutil.rmtree(project, ignore_errors=True)
    print("\n| dossiers | warm s | s/dossier |")
    print("|---:|---:|---:|")
    for n in sorted(out):
        print(f"| {n} | {out[n]:.1f} | {out[n] / n:.3f} |")
    if len(out) >= 2:
        (a, wa), *_, (b, wb) = sorted(out.items())
        ratio = (wb / b) / (wa / a)
        print(f"\n{'OK' if ratio <= 1.2 else 'NON'} : à chaud, {wb / b:.3f} s/dossier à {b} contre "
              f"{wa / a:.3f} s/dossier à {a} ({ratio:.2f}x ; objectif : au plus 1,2x)")
    return out


def profile(dossiers: list[Path], work: Path, out: Path) -> None:
    import pstats
    project = make_project(dossiers[:5], work / "profile")
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for label in ("cold", "warm"):
        prof = out / f"{label}.prof"
        t0 = time.time()
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof),
                        str(ROOT / "build.py"), "--project", str(project), "build"],
                       env=env, capture_output=True)
        print(f"\n== profil {label} (5 dossiers, {time.time() - t0:.1f} s ; "
              f"processus principal seulement) : {prof}")
        with open(out / f"{label}.txt", "w") as f:
            pstats.Stats(str(prof), stream=f).sort_stats("cumulative").print_stats(45)
            pstats.Stats(str(prof), stream=f).sort_stats("tottime").print_stats(25)
        stats = pstats.Stats(str(prof))
        stats.sort_stats("cumulative").print_stats(30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30, help="dossiers de la classe (30)")
    parser.add_argument("--dir", type=Path, help="dossier de travail (génération en cache)")
    parser.add_argument("--scaling", nargs="?", const="10,30", default=None,
                        help="mesurer froid/chaud pour ces tailles de classe (10,30 ; "
                             "extrapolé à 100 si 100 n'est pas demandé)")
    parser.add_argument("--profile", action="store_true", help="cProfile froid + chaud, 5 dossiers")
    parser.add_argument("--warm-only", action="store_true",
                        help="avec --scaling : builds à chaud seulement, cache partagé")
    parser.add_argument("--count-pages", action="store_true", help="pages par dossier (réglage)")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--capture", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.step:
        data = {"tool": lambda: step_tool(args.project),
                "capture": lambda: step_capture(args.project, args.capture),
                "weasyprint": lambda: step_weasyprint(args.capture, args.out, args.workers),
                "pandoc": lambda: step_pandoc(args.project / "students", args.out,
                                              args.out / "bin", args.workers),
                "images": lambda: step_images(args.project / "students", args.engine, args.out,
                                              args.workers),
                "count": lambda: step_count(args.project / "students")}[args.step]()
        print(json.dumps(data, default=str))
        return 0

    folder = (args.dir or Path(tempfile.mkdtemp(prefix="bench-classe-"))).resolve()
    need = max([args.count] + ([int(n) for n in args.scaling.split(",")]
                               if args.scaling else []))
    dossiers = generate(folder, need)
    if args.generate_only:
        return 0
    work = folder / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    if args.profile:
        profile(dossiers, work, folder / "profile")
        return 0
    if args.warm_only:
        warm_scaling(dossiers, [int(c) for c in (args.scaling or "10,30").split(",")], work)
        return 0
    n = args.count
    class_dossiers = dossiers[:n]
    project = make_project(class_dossiers, work / "projet")
    if args.count_pages:
        result = step("count", "--project", str(project))
        for slug, parts in result["data"].items():
            print(f"  {slug}: {parts}")
        return 0
    plain = make_plain(class_dossiers, work / "plain")
    print(f"\n{n} dossiers ({PHOTOS} photos 12 Mpx + {SKETCHES} croquis scannés chacun), "
          f"{os.cpu_count()} cœurs ; dossier de travail {folder}", flush=True)

    # plain anchors (pages of the cache are warm for everybody: the files were just linked)
    mk = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                  str(plain / "mkdocs.yml")])
    print(f"  {'mkdocs build (Material)':<22} {mk['wall']:7.1f} s  CPU {mk['cpu']:4.0f} %  "
          f"mémoire {mk['rss_mb']:5.0f} Mo", flush=True)
    capture = work / "print-html"
    cold = run_tool(project, "outil à froid")
    step("capture", "--project", str(project), "--capture", str(capture))
    warm = run_tool(project, "outil à chaud")
    edited = edit_one_section(project)
    edit = run_tool(project, "outil, 1 section modifiée")
    workers = str(os.cpu_count() or 1)          # as many at a time as the tool's pools
    wp = step("weasyprint", "--capture", str(capture), "--out", str(work / "weasyprint"),
              "--workers", workers)
    print(f"  {'WeasyPrint seul':<22} {wp['wall']:7.1f} s  CPU {wp['cpu']:4.0f} %  "
          f"mémoire {wp['rss_mb']:5.0f} Mo", flush=True)
    pt = step("pandoc", "--project", str(project), "--out", str(work / "pandoc"),
              "--workers", workers)
    print(f"  {'Pandoc + Typst':<22} {pt['wall']:7.1f} s  CPU {pt['cpu']:4.0f} %  "
          f"mémoire {pt['rss_mb']:5.0f} Mo", flush=True)
    anchors_img = {}
    for engine, label in (("competent", "Pillow soigné"), ("vips", "libvips")):
        r = anchors_img[engine] = step("images", "--project", str(project), "--engine", engine,
                                       "--out", str(work / engine), "--workers", workers)
        r["cpu_per_image"] = r["cpu_s"] / r["data"]["images"]
        print(f"  {label:<22} {r['wall']:7.1f} s  CPU {r['cpu']:4.0f} %  "
              f"mémoire {r['rss_mb']:5.0f} Mo  ({r['data']['images']} images, "
              f"{r['cpu_per_image']:.2f} s CPU par image)", flush=True)
        shutil.rmtree(work / engine, ignore_errors=True)
    pil, vip = anchors_img["competent"], anchors_img["vips"]

    # -- table ------------------------------------------------------------------------------
    rows = [("mkdocs build, Material (plain)", mk, mk["wall"]),
            ("WeasyPrint alone, print HTML", wp, wp["wall"]),
            ("Pandoc + Typst, A3", pt, pt["wall"]),
            ("Pillow done well, every image", pil, pil["wall"]),
            ("libvips (pyvips), every image", vip, vip["wall"]),
            ("this tool, cold", cold, cold["wall"]),
            ("this tool, warm", warm, warm["wall"]),
            ("this tool, 1 section edited", edit, edit["wall"])]
    print(f"\n| step ({n} dossiers, {os.cpu_count()} cores) | wall s | vs mkdocs | CPU % "
          f"| peak RSS MB | PDFs rendered | images processed |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, r, wall in rows:
        d = r.get("data", {})
        printed = len(d["printed"]) if "printed" in d else "-"
        processed = d.get("processed", d.get("images", "-"))
        print(f"| {label} | {wall:.1f} | {fmt_ratio(wall, mk['wall'])} | {r['cpu']:.0f} "
              f"| {r['rss_mb']:.0f} | {printed} | {processed} |")
    cd = cold["data"]
    tool_image_cpu = ((cd["cpu_images"] or 0) / 100 * cd["images_seconds"]
                      / max(1, cd["processed"]))
    print(f"\nCold build: images {cd['images_seconds']:.0f} s at "
          f"{cd['cpu_images'] or 0:.0f} % CPU ({tool_image_cpu:.2f} s CPU per image), PDFs "
          f"{cd['pdf_seconds']:.0f} s at {cd['cpu_pdf'] or 0:.0f} % CPU, rest "
          f"{cold['wall'] - cd['images_seconds'] - cd['pdf_seconds']:.0f} s.")
    contenders = [(tool_image_cpu, "this tool"), (pil["cpu_per_image"], "Pillow done well"),
                  (vip["cpu_per_image"], "libvips")]
    print(f"Images, CPU per image: this tool {tool_image_cpu:.2f} s, Pillow done well "
          f"{pil['cpu_per_image']:.2f} s, libvips {vip['cpu_per_image']:.2f} s: "
          f"{min(contenders)[1]} wins.")

    # -- targets ------------------------------------------------------------------------------
    verdicts = []

    def target(ok: bool, text: str) -> None:
        verdicts.append((ok, text))
        print(f"{'PASS' if ok else 'MISS'}  {text}")

    print()
    ratio = warm["wall"] / mk["wall"]
    target(ratio <= 1.3, f"warm rebuild {warm['wall']:.1f} s = {ratio:.2f}x plain mkdocs "
           f"{mk['wall']:.1f} s (target <= 1.3x; "
           f"{'margin' if ratio <= 1.3 else 'over by'} "
           f"{abs(warm['wall'] - 1.3 * mk['wall']):.1f} s)")
    ed = edit["data"]
    target(ed["printed"] == [edited] and ed["processed"] == 0,
           f"one section edited: PDFs rendered {ed['printed']} (want [{edited}]), "
           f"images processed {ed['processed']} (want 0); {edit['wall']:.1f} s")
    busy = min(cd["cpu_images"] or 0, cd["cpu_pdf"] or 0)
    target(busy >= 170, f"cold build, both cores busy: images {cd['cpu_images'] or 0:.0f} %, "
           f"PDFs {cd['cpu_pdf'] or 0:.0f} % (target ~200 %, counted >= 170 %)")
    for name, img in (("Pillow done well", pil), ("libvips", vip)):
        anchors = mk["wall"] + wp["wall"] + img["wall"]
        target(cold["wall"] <= 0.5 * anchors,
               f"cold build {cold['wall']:.0f} s vs mkdocs + raw WeasyPrint + {name} "
               f"{mk['wall']:.0f} + {wp['wall']:.0f} + {img['wall']:.0f} = {anchors:.0f} s "
               f"({cold['wall'] / anchors:.2f}x; target <= 0.5x)")
    target(tool_image_cpu <= 0.3, f"image preparation {tool_image_cpu:.2f} s CPU per image, "
           f"all variants (target <= 0.3 s; libvips {vip['cpu_per_image']:.2f} s)")
    tool_pdf = sum(cd["pdf_each"]) / max(1, len(cd["pdf_each"]))
    edit_pdf = sum(ed["pdf_each"])
    pt_per = sum(pt["data"]["per"].values()) / n
    wp_per = sum(wp["data"]["per"].values()) / n
    tool_size = sum(cd["pdf_sizes"].values()) / max(1, len(cd["pdf_sizes"])) / 1e6
    pt_size = sum(pt["data"]["sizes"].values()) / n / 1e6
    target(tool_pdf <= 0.7 * pt_per and tool_size < pt_size,
           f"PDF per dossier (each timed in its worker, {workers} at a time): this tool "
           f"{tool_pdf:.1f} s (cold; {edit_pdf:.1f} s after an edit, alone), raw WeasyPrint "
           f"on the tool's HTML {wp_per:.1f} s; {tool_size:.1f} MB vs Pandoc + Typst "
           f"{pt_per:.1f} s, {pt_size:.1f} MB ({tool_pdf / pt_per:.2f}x the time; "
           f"target <= 0.7x)")
    peak = max(cold["rss_mb"], warm["rss_mb"], edit["rss_mb"])
    target(peak < 2048, f"peak resident memory {peak:.0f} MB (tree sum; target < 2048 MB)")
    if args.scaling:
        counts = [int(c) for c in args.scaling.split(",")]
        known = {n: {"cold": cold["wall"], "warm": warm["wall"], "mkdocs": mk["wall"]}}
        scale = scaling_runs(dossiers, counts, work, known)
        print("\n| dossiers | cold s | s/dossier | warm s | s/dossier | plain mkdocs s |")
        print("|---:|---:|---:|---:|---:|---:|")
        for c in sorted(scale):
            s = scale[c]
            print(f"| {c} | {s['cold']:.0f} | {s['cold'] / c:.1f} | {s['warm']:.1f} "
                  f"| {s['warm'] / c:.2f} | {s['mkdocs']:.1f} |")
        if 100 not in scale and len(scale) >= 2:
            (a, sa), (b, sb) = sorted(scale.items())[:2]
            slope = {k: (sb[k] - sa[k]) / (b - a) for k in ("cold", "warm", "mkdocs")}
            extra = {k: sb[k] + slope[k] * (100 - b) for k in slope}
            print(f"| 100 (extrapolated from {a} and {b}) | {extra['cold']:.0f} | "
                  f"{extra['cold'] / 100:.1f} | {extra['warm']:.1f} | "
                  f"{extra['warm'] / 100:.2f} | {extra['mkdocs']:.1f} |")
        if len(scale) >= 2:
            (a, sa), *_, (b, sb) = sorted(scale.items())
            per_a, per_b = sa["cold"] / a, sb["cold"] / b
            target(per_b <= per_a * 1.15, f"linear growth: cold {per_a:.1f} s/dossier at {a}, "
                   f"{per_b:.1f} s/dossier at {b}")
    print(f"\n{sum(ok for ok, _ in verdicts)}/{len(verdicts)} targets met. "
          f"Files kept in {folder} (generation cached; work/ is rebuilt each run).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
