"""``build.py new "Prénom Nom"`` -> a new ``students/<slug>/`` from a commented template (no overwrite).

The sections written are those the regulation asks of the student's voie (``--voie``). Their
placeholder lines (:data:`PLACEHOLDERS`) and the untouched couts.yml are not content: the
conformance check ignores them (:func:`strip_placeholders`, :func:`is_template_costs`).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..rules import load_rules
from ..util.errors import DossierError
from .model import slugify
from .part1_scaffold import scaffold_part1

__all__ = ["PLACEHOLDERS", "SECTIONS", "is_template_costs", "scaffold", "strip_placeholders"]

DOSSIER_YML = """\
# Dossier de projet (épreuve E1, 2e partie). Les lignes commençant par # sont des commentaires.
# Remplacez les valeurs entre guillemets ; gardez l'indentation (2 espaces, jamais de tabulation).

candidat:
  prenom: "{prenom}"
  nom: "{nom}"
  numero: "00000000000"          # votre numéro de candidat, entre guillemets
  etablissement: ""              # votre lycée ou CFA

option: bijouterie-joaillerie    # bijouterie-joaillerie | bijouterie-sertissage | polissage-finition
voie: {voie}                   # scolaire | apprentissage | formation-continue | perfectionnement | experience
session: {session}

projet:
  titre: "Titre de mon projet"
  theme: "Le thème choisi, en une phrase"

# couverture: images/couverture.jpg   # l'image de la page de couverture
brouillon: true                  # passez à false quand le dossier est prêt à être publié
format: A3-paysage               # A3-paysage | A3-portrait | A4-portrait | A4-paysage

# Les sections sont les fichiers de sections/, dans l'ordre de leur numéro.
# Chaque fichier commence par un en-tête avec son titre et son rôle.

# 1re partie : les pièces à joindre (fichiers rangés dans partie1/). Sans elles, la partie de
# l'épreuve E1 évaluant la formation en milieu professionnel ne pourra pas être validée.
# Retirez les « # » des lignes qui vous concernent. Dates : 2026-01-05 ou 05/01/2026.
# Voie scolaire : 12 semaines, comptées du lundi au vendredi (jours fériés compris) ; si
# l'attestation indique la durée, recopiez-la : « semaines: 6 ».
# partie1:
#   stages:                        # voies scolaire, apprentissage, formation continue
#     - entreprise: "Atelier ..."
#       secteur: bijouterie-joaillerie
#       debut: 2026-01-05
#       fin: 2026-02-13
#       # semaines: 6                # la durée écrite sur l'attestation, si elle la donne
#       attestation: partie1/attestation-stage-1.pdf   # le scan de l'attestation
#       rapport: partie1/rapport-stage-1.md    # écrit ici (modèle créé) ; ou un PDF
#       bilan: partie1/bilan-stage-1.md        # écrit ici (modèle créé) ; ou un PDF
#       bilan_signe: partie1/bilan-stage-1-signe.pdf   # le scan du bilan signé
#   # Un rapport et un bilan par stage : « build.py partie1 prenom-nom » crée les modèles
#   # des fichiers .md déclarés qui n'existent pas encore.
#   # perfectionnement, expérience professionnelle : rapport d'activité et certificats de
#   # travail (6 mois à temps plein dans l'année avant l'examen, ou 1 an à temps partiel
#   # dans les deux années avant l'examen ; un mois compte 30 jours)
#   rapport: partie1/rapport-activite.md      # écrit ici (modèle créé) ; ou un PDF
#   certificats:
#     - employeur: "Maison ..."
#       secteur: bijouterie
#       debut: {session_prev}-05-01
#       fin: {session_prev}-10-31
#       temps: plein               # plein | partiel
#       quotite: 50                # temps partiel : pourcentage (facultatif)
#       fichier: partie1/certificat-travail-1.pdf
"""

PROJET = [     # scolaire, apprentissage, formation continue: "cette seconde partie présente..."
    ("01-objectifs.md", "Objectifs du projet", "objectifs",
     "Quel bijou, pour qui, pour quel usage ? Quels objectifs esthétiques et techniques ?"),
    ("02-recherches-plastiques.md", "Recherches plastiques", "recherches-plastiques",
     "Vos sources d'inspiration : formes, matières, couleurs, planches de tendance."),
    ("03-recherches-historiques.md", "Recherches historiques", "recherches-historiques",
     "Le contexte historique et artistique : époques, styles, créateurs de référence."),
    ("04-recherches-techniques.md", "Recherches techniques", "recherches-techniques",
     "Alliages, pierres, sertissage, procédés de fabrication envisagés et vos choix."),
    ("05-croquis.md", "Croquis et recherches de formes", "croquis",
     "Vos croquis, gouaches et plans ; expliquez l'évolution de vos idées."),
    ("06-etapes.md", "Étapes de présentation et de réalisation", "etapes",
     "Les étapes de la réalisation, en photos, avec vos remarques et commentaires."),
    ("07-couts.md", "Étude des coûts", "couts",
     "Le coût de réalisation d'une pièce et de production en série."),
]
PERFECTIONNEMENT = [   # perfectionnement, expérience: "dans cette partie, on doit trouver..."
    ("01-recherches-historiques.md", "Recherches historiques et artistiques",
     "recherches-historiques",
     "Les éléments historiques et artistiques de votre domaine professionnel."),
    ("02-methodes.md", "Études des méthodes et techniques de réalisation", "methodes",
     "Les différentes méthodes et techniques possibles, comparées, et votre choix."),
    ("03-schemas.md", "Schémas", "schemas", "Vos schémas (montage, mécanismes, cotes)."),
    ("04-dessins.md", "Dessins artistiques et techniques", "dessins",
     "Vos dessins artistiques et vos dessins techniques."),
    ("05-gouaches.md", "Gouachés et maquettes de présentation", "gouaches",
     "Vos gouachés et/ou les photos de vos maquettes de présentation."),
    ("06-gestion.md", "Étude de gestion de la réalisation", "gestion",
     "Planning, organisation de l'atelier, approvisionnements, sous-traitance."),
    ("07-couts.md", "Étude des coûts de réalisation", "couts",
     "Le coût de réalisation de la pièce."),
]
SECTIONS = {"scolaire": PROJET, "apprentissage": PROJET, "formation-continue": PROJET,
            "perfectionnement": PERFECTIONNEMENT, "experience": PERFECTIONNEMENT}


COUTS_YML = """\
# Étude des coûts : le tableau est calculé à partir de ce fichier et inséré dans la section
# « couts » à l'endroit du bloc ```couts```. Les taux sont en pourcentage (20 = 20 %).
titre: "Titre de mon projet"
date: {session_prev}-01
metaux:
  - alliage: argent-925          # voir la liste des alliages dans le message d'erreur si besoin
    designation: Corps du bijou
    poids_g: 5                   # ou volume_cm3: 0.5 (volume mesuré en CAO)
    perte: 5                     # perte à la fonte et au travail, en %
    prix_g: 1.10                 # prix du métal au gramme
    date: {session_prev}-01
    source: cours indicatif du métal
main_oeuvre:
  - operation: Conception (croquis, gouachés)
    heures: 4
  - operation: Fabrication
    heures: 3
taux_horaire: 25
frais_generaux: 30
marge: 35
tva: 20
series: [1, 10, 50]
"""

# The template's placeholder lines: not the student's content until changed.
PLACEHOLDERS = (
    "## Première partie",
    "Écrivez ici. Une image avec sa légende :",
    '`![description de l\'image](../images/mon-image.jpg "Légende de la figure")`',
)
SECTION_MD = ("---\ntitre: {title}\nrole: {role}\n---\n\n<!-- {help} -->\n\n"
              f"{PLACEHOLDERS[0]}\n\n{PLACEHOLDERS[1]}\n{PLACEHOLDERS[2]}\n")


def strip_placeholders(body: str) -> str:
    """``body`` without the lines of the ``new`` template left as they were written."""
    return "\n".join(line for line in body.split("\n") if line.strip() not in PLACEHOLDERS)


def is_template_costs(text: str) -> bool:
    """Whether ``text`` is the couts.yml written by ``new``, untouched (whatever its year)."""
    return re.sub(r"\b\d{4}-01\b", "{session_prev}-01", text) == COUTS_YML


def scaffold(students_dir: Path, full_name: str, session: int, voie: str = "scolaire") -> Path:
    """Create ``students/<slug>/`` for ``full_name`` with the sections of ``voie``; refuses to
    touch an existing folder."""
    words = full_name.strip().split()
    if not words:
        raise DossierError("indiquez le prénom et le nom : build.py nouveau \"Prénom Nom\".")
    slug = slugify(full_name, "")
    if not slug:
        raise DossierError(f"impossible de tirer un nom de dossier de « {full_name} ».",
                           hint="Écrivez le prénom et le nom en lettres.")
    root = students_dir / slug
    if root.exists():
        raise DossierError(f"le dossier {slug}/ existe déjà : rien n'a été modifié.", root,
                           hint="Choisissez un autre nom ou modifiez le dossier existant.")
    prenom, nom = words[0], " ".join(words[1:])
    (root / "sections").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "annexes").mkdir()
    quote = lambda text: text.replace("\\\\", "").replace('"', "'")  # noqa: E731
    (root / "dossier.yml").write_text(
        DOSSIER_YML.format(prenom=quote(prenom), nom=quote(nom), session=session,
                           session_prev=session - 1, voie=voie),
        encoding="utf-8")
    for name, title, role, help_text in SECTIONS[voie]:
        text = SECTION_MD.format(title=title, role=role, help=help_text)
        if role == "couts":
            text += "\n```couts\n```\n"
        (root / "sections" / name).write_text(text, encoding="utf-8")
    (root / "couts.yml").write_text(COUTS_YML.format(session_prev=session - 1),
                                    encoding="utf-8")
    scaffold_part1(root, load_rules().voies[voie].partie1.pieces)   # reports, bilans
    return root
