"""A dossier -> its anonymous form (candidate number only), and warnings where the name still shows.

Exam juries may need candidates anonymised: in an anonymous build the candidate appears by number
everywhere the tool writes (titles, navigation, URLs, file names, PDF cover and metadata, search
index); sections' addresses become ``section-1``, ``annexe-1``... instead of their file names.
Images, drawings, media and annex PDFs are published without their metadata (EXIF, SVG and XMP
metadata, ID3 tags, annotations' authors). What the student wrote is not rewritten: the build
warns where the name still appears (texts, titles, including those made from a first heading or
a file name, the costs, file names, the text and ids of SVG drawings, the comments written on
annex PDFs).
"""

from __future__ import annotations

import re

from .errors import Problem
from .model import Candidate, Dossier, slugify
from .sections import title_from_name
from .text import ascii_fold

__all__ = ["anonymize", "name_leaks"]


def _fold(text: str) -> str:
    return ascii_fold(text).casefold()


def _patterns(candidate: Candidate) -> list[re.Pattern]:
    words = [w for w in (candidate.prenom, candidate.nom) if len(w.strip()) >= 2]
    return [re.compile(rf"(?<![a-z0-9]){re.escape(_fold(w.strip()))}(?![a-z0-9])")
            for w in words]


def name_leaks(dossier: Dossier, candidate: Candidate) -> list[Problem]:
    """Where the candidate's first or last name appears in the texts or in file names."""
    patterns = _patterns(candidate)
    problems: list[Problem] = []
    if not patterns:
        return problems

    def found(text: str) -> bool:
        return any(p.search(_fold(text)) for p in patterns)

    fields = [("titre du projet", dossier.title), ("thème du projet", dossier.theme)]
    for label, value in fields:
        if found(value):
            problems.append(Problem(f"anonymat : le nom du candidat apparaît dans le {label}.",
                                    dossier.yml, hint="Retirez-le pour un jury anonyme."))
    for section in dossier.all_sections():
        if found(section.title):      # front matter, first heading or file name
            problems.append(Problem(
                f"anonymat : le nom du candidat apparaît dans le titre « {section.title} ».",
                section.path, hint="Changez ce titre (en-tête « titre: », premier titre « # » "
                "ou nom du fichier) pour un jury anonyme."))
        problems.extend(_lines(section.path, section.body, section.body_line, found, "le texte"))
    costs = dossier.root / "couts.yml"
    if costs.is_file():
        text = costs.read_text(encoding="utf-8", errors="replace")
        problems.extend(_lines(costs, text, 1, found, "l'étude des coûts"))
    for path in dossier.annex_pdfs:      # its title is made from its file name
        if found(title_from_name(path.stem)):
            problems.append(Problem(
                "anonymat : le nom du candidat apparaît dans le titre de cette annexe (tiré "
                "du nom du fichier).", path, hint="Renommez le fichier pour un jury anonyme."))
    problems.extend(_drawing_leaks(dossier, found))
    problems.extend(_annotation_leaks(dossier, found))
    for path in sorted(dossier.root.rglob("*")):
        if path.is_file() and found(path.name):
            problems.append(Problem(
                "anonymat : le nom du candidat apparaît dans un nom de fichier.", path,
                hint="Le site et le PDF ne publient pas ce nom (les fichiers, les adresses des "
                "sections et des annexes y sont renommés), sauf s'il est cité dans le texte ou "
                "sert de titre : renommez-le par prudence."))
    return problems


def _drawing_leaks(dossier: Dossier, found) -> list[Problem]:
    """SVG drawings whose published form (metadata gone) still shows the name: a ``<text>``, an
    id, a class (what an editor names after the account or the file)."""
    from .errors import DossierError
    from .images.svg import sanitize_svg

    problems = []
    for path in sorted(dossier.root.rglob("*.svg")):
        try:
            text = sanitize_svg(path)[0].decode("utf-8", "replace")
        except (DossierError, OSError):
            continue                         # the build says why it cannot be published
        if found(re.sub(r"[<>\"=/]", " ", text)):
            problems.append(Problem(
                "anonymat : le nom du candidat apparaît dans ce dessin SVG (texte, identifiant "
                "ou classe d'un élément).", path, hint="Retirez-le dans votre logiciel de "
                "dessin, ou exportez le dessin en PNG, pour un jury anonyme."))
    return problems


def _annotation_leaks(dossier: Dossier, found) -> list[Problem]:
    """Annex PDFs whose comments (annotations' ``/Contents``) hold the name; their author
    (``/T``) is never published."""
    from pypdf import PdfReader

    problems = []
    for path in dossier.annex_pdfs:
        try:
            pages = PdfReader(path).pages
            texts = [str(annot.get_object().get("/Contents", ""))
                     for page in pages for annot in page.get("/Annots", None) or ()]
        except Exception:        # an unreadable annex is refused by the build, in French
            continue
        if any(found(text) for text in texts):
            problems.append(Problem(
                "anonymat : le nom du candidat apparaît dans un commentaire (annotation) de "
                "cette annexe PDF.", path, hint="Supprimez ou modifiez ce commentaire dans "
                "votre lecteur PDF, puis enregistrez, pour un jury anonyme."))
    return problems


def _lines(path, text: str, first: int, found, where: str) -> list[Problem]:
    """The first line of ``text`` (line ``first`` of ``path``) where the name appears."""
    for number, line in enumerate(text.splitlines(), start=first):
        if found(line):
            return [Problem(f"anonymat : le nom du candidat apparaît dans {where}.", path,
                            number, hint="Retirez-le ou remplacez-le par votre numéro de "
                            "candidat.")]
    return []


def anonymize(dossier: Dossier) -> list[Problem]:
    """Replace the candidate by their number, in place; return the name leaks found."""
    real = dossier.candidate
    leaks = name_leaks(dossier, real)
    dossier.candidate = Candidate(prenom="Candidat", nom=f"n° {real.numero}",
                                  numero=real.numero, etablissement="")
    dossier.slug = f"candidat-{slugify(real.numero, 'x')}"
    dossier.anonymous = True
    # Addresses of the sections: numbers, not file names ("quartzberg-atelier").
    for index, section in enumerate(dossier.sections, start=1):
        section.slug = f"section-{index}"
    for index, section in enumerate(dossier.annexes, start=1):
        section.slug = f"annexe-{index}"
    return leaks
