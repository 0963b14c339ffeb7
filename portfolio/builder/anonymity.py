"""A dossier -> its anonymous form (candidate number only), and warnings where the name still shows.

Exam juries may need candidates anonymised: in an anonymous build the candidate appears by number
everywhere the tool writes (titles, navigation, URLs, file names, PDF cover and metadata, search
index); sections' addresses become ``section-1``, ``annexe-1``... instead of their file names.
Images, drawings, media and annex PDFs are published without their metadata (EXIF, SVG and XMP
metadata, ID3 tags, annotations' authors). What the student wrote is not rewritten: the build
warns where the name still appears (texts, titles, including those made from a first heading or
a file name, the costs, file names, the text and ids of SVG drawings, the comments written on
annex PDFs), and where a tutor's name (``tuteur:`` of a stage) appears. Part 1's scans
(attestations, signed bilans) bear names: an anonymous PDF leaves them out.
"""

from __future__ import annotations

import re

from ..dossier.model import Candidate, Dossier, slugify
from ..dossier.sections import title_from_name
from ..util.errors import Problem
from ..util.text import ascii_fold

__all__ = ["MASK", "anonymize", "mask_names", "name_leaks", "tutor_leaks", "written_sections"]

MASK = "[nom masqué]"


def _fold(text: str) -> str:
    return ascii_fold(text).casefold()


def _patterns(candidate: Candidate) -> list[re.Pattern]:
    return _word_patterns([candidate.first_name, candidate.last_name])


def _word_patterns(words: list[str]) -> list[re.Pattern]:
    return [re.compile(rf"(?<![a-z0-9]){re.escape(_fold(w.strip()))}(?![a-z0-9])")
            for w in words if len(w.strip()) >= 2]


def written_sections(dossier: Dossier) -> list:
    """Every text the student wrote: part 2, its annexes, part 1's pieces written here."""
    return [*dossier.all_sections(), *(s for s in dossier.part1_sections
                                       if s.path.suffix.lower() == ".md")]


def tutor_leaks(dossier: Dossier) -> list[Problem]:
    """Where a tutor's name (``tuteur:`` of a stage) appears in what the student wrote: the
    first line of each text, the tutor named."""
    if dossier.partie1 is None:
        return []
    problems = []
    for period in dossier.partie1.stages:
        words = [w for w in period.tutor.split() if len(w) >= 3 and not w.endswith(".")]
        patterns = _word_patterns(words)
        if not patterns:
            continue

        def found(text: str, patterns=patterns) -> bool:
            return any(p.search(_fold(text)) for p in patterns)

        for section in written_sections(dossier):
            for problem in _lines(section.path, section.body, section.body_line, found,
                                  "le texte"):
                problems.append(Problem(
                    f"anonymat : le nom du tuteur ou de la tutrice ({period.tutor}) apparaît "
                    "dans le texte.", problem.path, problem.line,
                    hint="Écrivez « mon tuteur » ou « la cheffe d'atelier » pour un jury "
                    "anonyme : un nom de personne peut désigner le candidat."))
    return problems


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
    for section in written_sections(dossier):
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
    from ..images.svg import sanitize_svg
    from ..util.errors import DossierError

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
    leaks = name_leaks(dossier, real) + tutor_leaks(dossier)
    dossier.candidate = Candidate(first_name="Candidat", last_name=f"n° {real.number}",
                                  number=real.number, school="")
    dossier.slug = f"candidat-{slugify(real.number, 'x')}"
    dossier.anonymous = True
    tutors = [period.tutor for period in (dossier.partie1.stages if dossier.partie1 else ())]
    names = " ".join([real.first_name, real.last_name, *tutors]).split()
    dossier.hidden_names = tuple(dict.fromkeys(
        word for word in names if len(word) >= 2 and not word.endswith(".")))
    for section in written_sections(dossier):
        section.title = mask_names(section.title, dossier.hidden_names)
    # Addresses of the sections: numbers, not file names ("quartzberg-atelier").
    for index, section in enumerate(dossier.sections, start=1):
        section.slug = f"section-{index}"
    for index, section in enumerate(dossier.annexes, start=1):
        section.slug = f"annexe-{index}"
    for index, section in enumerate((s for s in dossier.part1_sections if s.web), start=1):
        section.slug = f"piece-{index}"
    # Part 1's scans (attestations, certificates, signed bilans) bear names and signatures the
    # tool cannot take out: an anonymous PDF prints part 1 as written here, without them.
    scans = [s for s in dossier.part1_sections if s.path.suffix.lower() != ".md"]
    dossier.part1_sections = [s for s in dossier.part1_sections if s not in scans]
    if dossier.partie1 is not None and (scans or _joined(dossier)):
        leaks.append(Problem(
            "anonymat : les pièces numérisées de la 1re partie (attestations, certificats, "
            "bilans signés) portent des noms et des signatures : elles ne sont pas jointes au "
            "PDF anonyme.", dossier.yml, dossier.partie1.line,
            hint="Elles restent dans le PDF nominatif (publication normale, remise)."))
    return leaks


def _joined(dossier: Dossier) -> bool:
    """Whether part 1 declares a scan given as a PDF."""
    refs = [dossier.partie1.report or ""] + [ref for period in (*dossier.partie1.stages,
                                                                *dossier.partie1.certificates)
                                            for ref in period.pieces.values()]
    return any(ref.strip().lower().endswith(".pdf") for ref in refs)


_TAG = re.compile(r"(<[^>]*>)")
_TEXT_ATTR = re.compile(r'(\s(?:alt|title|aria-label)=")([^"]*)(")')


def _mask_text(text: str, words: tuple[str, ...]) -> str:
    """``text`` with each run of ``words`` written with a capital (a name, not the word
    « petit ») replaced by :data:`MASK`; accents and case aside for the rest of the word."""
    folded, where = "", []          # the folded text, and each folded character's origin
    for index, char in enumerate(text):
        piece = ascii_fold(char).casefold() or ("\x00" if not char.isascii() else char)
        folded += piece
        where += [index] * len(piece)
    name = "|".join(re.escape(_fold(w)) for w in sorted(words, key=len, reverse=True))
    runs = re.finditer(rf"(?<![a-z0-9])(?:{name})(?:[ \u00a0-]+(?:{name}))*(?![a-z0-9])", folded)
    out, last = [], 0
    for run in runs:
        start, end = where[run.start()], where[run.end() - 1] + 1
        if not text[start].isupper():
            continue
        out += [text[last:start], MASK]
        last = end
    return "".join(out) + text[last:]


def mask_names(html: str, words: tuple[str, ...]) -> str:
    """``html`` (or plain text) with the names ``words`` masked in its text and in the text of
    its ``alt``, ``title`` and ``aria-label`` attributes; markup and addresses untouched."""
    if not words:
        return html
    parts = _TAG.split(html)
    for index, part in enumerate(parts):
        if index % 2:
            parts[index] = _TEXT_ATTR.sub(
                lambda m: m[1] + _mask_text(m[2], words) + m[3], part)
        else:
            parts[index] = _mask_text(part, words)
    return "".join(parts)
