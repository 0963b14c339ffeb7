"""Conforming dossiers of every voie, as text, for the conformance tests (each breaks one rule)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from helpers import DOSSIER_YML

PROSE = ("Ce texte explique la démarche suivie pour le projet avec assez de mots pour être lu "
         "comme une vraie rédaction par le jury de l'examen, sans rien laisser au hasard.")

COSTS_TABLE = """\
| Poste | Montant |
|---|---|
| Argent 925 | 12,50 € |
| Main d'œuvre | 75,00 € |
| Coût de réalisation d'une pièce | 87,50 € |
| Coût de production par pièce (série de 10) | 52,00 € |
"""


def section(title: str, role: str, body: str) -> str:
    return f"---\ntitre: {title}\nrole: {role}\n---\n\n{body}\n"


def paged(sections: dict[str, str]) -> dict[str, str]:
    """``sections`` each starting a page of its own (``saut_de_page: oui``; by default a
    section continues on the page where the previous one ends), their lines unchanged below."""
    return {name: text.replace("\n---\n", "\nsaut_de_page: oui\n---\n", 1)
            for name, text in sections.items()}


def image(name: str) -> str:
    return f'![{name}](../images/{name} "{name}")'


PROJET = {   # scolaire, apprentissage, formation continue: every required content of part 2
    "01-objectifs.md": section("Objectifs", "objectifs", PROSE),
    "02-plastiques.md": section("Recherches plastiques", "recherches-plastiques", PROSE),
    "03-historiques.md": section("Recherches historiques", "recherches-historiques", PROSE),
    "04-techniques.md": section("Recherches techniques", "recherches-techniques", PROSE),
    "05-croquis.md": section("Croquis", "croquis", image("croquis.jpg")),
    "06-etapes.md": section("Étapes", "etapes", f"{PROSE}\n\n{image('etape.jpg')}"),
    "07-couts.md": section("Étude des coûts", "couts", COSTS_TABLE),
}

PERFECTIONNEMENT = {
    "01-historiques.md": section("Recherches historiques et artistiques",
                                 "recherches-historiques", PROSE),
    "02-methodes.md": section("Méthodes et techniques", "methodes", PROSE),
    "03-schemas.md": section("Schémas", "schemas", image("croquis.jpg")),
    "04-dessins.md": section("Dessins", "dessins", image("croquis.jpg")),
    "05-gouaches.md": section("Gouachés", "gouaches", image("etape.jpg")),
    "06-gestion.md": section("Gestion de la réalisation", "gestion", PROSE),
    "07-couts.md": section("Étude des coûts", "couts", COSTS_TABLE),
}

IMAGES = {"croquis.jpg": (400, 300), "etape.jpg": (400, 300)}

# 40 + 44 = 84 days = 12 weeks, first and last days included.
STAGES = """\
partie1:
  stages:
    - entreprise: Atelier Durand
      secteur: bijouterie-joaillerie
      debut: 2025-06-02
      fin: 2025-07-11
      attestation: partie1/attestation-durand.pdf
      rapport: partie1/rapport-durand.pdf
      bilan: partie1/bilan-durand.pdf
    - entreprise: Maison Roux
      secteur: joaillerie
      debut: 2026-01-05
      fin: 2026-02-17
      attestation: partie1/attestation-roux.pdf
      rapport: partie1/rapport-roux.pdf
      bilan: partie1/bilan-roux.pdf
"""

APPRENTISSAGE = """\
partie1:
  stages:
    - entreprise: Atelier Durand
      secteur: bijouterie
      debut: 2025-09-01
      fin: 2026-06-30
      attestation: partie1/attestation-durand.pdf
      rapport: partie1/rapport-durand.pdf
      bilan: partie1/bilan-durand.pdf
"""

# Session 2027: hand-in 2027-04-15; six calendar months full time within the year before.
CERTIFICATS = """\
partie1:
  rapport: partie1/rapport-activite.pdf
  certificats:
    - employeur: Maison Roux
      secteur: bijouterie
      debut: 2026-09-01
      fin: 2027-02-28
      temps: plein
      fichier: partie1/certificat-roux.pdf
"""

# One year part time, across two calendar years, within the two years before the exam.
CERTIFICATS_PARTIEL = """\
partie1:
  rapport: partie1/rapport-activite.pdf
  certificats:
    - employeur: Atelier Vidal
      secteur: sertissage
      debut: 2025-05-01
      fin: 2026-04-30
      temps: partiel
      quotite: 50
      fichier: partie1/certificat-vidal.pdf
"""

VOIES = {   # voie -> (sections, partie1 block)
    "scolaire": (PROJET, STAGES),
    "apprentissage": (PROJET, APPRENTISSAGE),
    "formation-continue": (PROJET, APPRENTISSAGE),
    "perfectionnement": (PERFECTIONNEMENT, CERTIFICATS),
    "experience": (PERFECTIONNEMENT, CERTIFICATS_PARTIEL),
}


def dossier_yml(voie: str = "scolaire", partie1: str = "", session: str = "2027") -> str:
    text = DOSSIER_YML.format(prenom="Ana", nom="Dupont", numero="01234567890",
                              titre="Pendentif Lune", voie=voie, brouillon="false",
                              format="A3-paysage")
    return text.replace("session: 2027", f"session: {session}") + textwrap.dedent(partie1)


def write_pieces(root: Path, partie1: str) -> None:
    """A small placeholder file for every ``partie1/...`` path named in the block."""
    for word in partie1.split():
        if word.startswith("partie1/"):
            path = root / word
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"%PDF-1.4\n% piece de la 1re partie\n")


def conforming(make_dossier, students: Path, voie: str = "scolaire", *,
               slug: str = "ana", sections: dict | None = None, partie1: str | None = None,
               session: str = "2027") -> Path:
    """A dossier of ``voie`` that passes every rule (override one piece to break one rule)."""
    default_sections, default_partie1 = VOIES[voie]
    partie1 = default_partie1 if partie1 is None else partie1
    root = make_dossier(students, slug, default_sections if sections is None else sections,
                        voie=voie, images=IMAGES, yml=dossier_yml(voie, partie1, session))
    write_pieces(root, partie1)
    return root
