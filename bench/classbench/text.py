"""Plausible French text about making a piece, and the Markdown of a section or an annex."""

from __future__ import annotations

import random

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
