"""``build.py new "Prénom Nom"`` -> a new ``students/<slug>/`` with a commented template (never overwrites)."""

from __future__ import annotations

from pathlib import Path

from .errors import DossierError
from .model import slugify

__all__ = ["scaffold"]

DOSSIER_YML = """\
# Dossier de projet (épreuve E1, 2e partie). Les lignes commençant par # sont des commentaires.
# Remplacez les valeurs entre guillemets ; gardez l'indentation (2 espaces, jamais de tabulation).

candidat:
  prenom: "{prenom}"
  nom: "{nom}"
  numero: "00000000000"          # votre numéro de candidat, entre guillemets
  etablissement: ""              # votre lycée ou CFA

option: bijouterie-joaillerie    # bijouterie-joaillerie | bijouterie-sertissage | polissage-finition
voie: scolaire                   # scolaire | apprentissage | formation-continue | perfectionnement | experience
session: {session}

projet:
  titre: "Titre de mon projet"
  theme: "Le thème choisi, en une phrase"

# couverture: images/couverture.jpg   # l'image de la page de couverture
brouillon: true                  # passez à false quand le dossier est prêt à être publié
format: A3-paysage               # A3-paysage | A3-portrait | A4-portrait | A4-paysage

# Les sections sont les fichiers de sections/, dans l'ordre de leur numéro.
# Chaque fichier commence par un en-tête avec son titre et son rôle.
"""

SECTIONS = [
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

SECTION_MD = """\
---
titre: {title}
role: {role}
---

<!-- {help} -->

## Première partie

Écrivez ici. Une image avec sa légende :
`![description de l'image](../images/mon-image.jpg "Légende de la figure")`
"""


def scaffold(students_dir: Path, full_name: str, session: int) -> Path:
    """Create ``students/<slug>/`` for ``full_name``; refuses to touch an existing folder."""
    words = full_name.strip().split()
    if not words:
        raise DossierError("indiquez le prénom et le nom : build.py new \"Prénom Nom\".")
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
        DOSSIER_YML.format(prenom=quote(prenom), nom=quote(nom), session=session),
        encoding="utf-8")
    for name, title, role, help_text in SECTIONS:
        (root / "sections" / name).write_text(
            SECTION_MD.format(title=title, role=role, help=help_text), encoding="utf-8")
    return root
