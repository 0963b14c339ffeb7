"""Part 1 as declared in dossier.yml -> its print: the pieces written in the tool (laid out by
WeasyPrint as their own part, numbered apart) followed by the scans joined (PDF pages appended).

Part 1 comes after part 2 and its annexes in the file: part 2's pages keep their numbers, and
part 1's pages are numbered "1re partie · page 1" onwards. A scan that cannot be printed (a
page larger than A3) is left out here: the conformance check names it.
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfWriter

from ...dossier.model import Dossier
from ...dossier.paths import resolve_ref
from ...dossier.sections import PIECE_TITLES
from ...rules import load_rules
from ...util.errors import AssetError, DossierError, Problem
from .annexes import AnnexPdf, _append, page_sizes_mm, read_annex, written

__all__ = ["append_part1", "joined_pieces"]



def joined_pieces(dossier: Dossier) -> tuple[list[AnnexPdf], list[Problem]]:
    """The PDF pieces of part 1 (attestations, certificates, reports and bilans given as
    scans), in the order dossier.yml declares them, each file once; and the warnings on those
    that cannot be joined.

    An unreadable piece refuses the dossier where part 1's pages are counted (perfectionnement:
    it must not count as nothing); elsewhere it is left out of the PDF with a warning.
    """
    declared = dossier.partie1
    if declared is None or dossier.anonymous:     # scans bear names: anonymity.py
        return [], []
    counted = any("partie1" in limit.parts for limit in load_rules().voies[dossier.voie].limits)
    problems: list[Problem] = []
    refs: list[tuple[str, str]] = []
    if declared.report:
        refs.append((declared.report, "Rapport d'activité professionnelle"))
    for period in (*declared.stages, *declared.certificates):
        refs += [(ref, f"{PIECE_TITLES.get(key, key)} — {period.company}")
                 for key, ref in period.pieces.items()]
    pieces: dict[Path, AnnexPdf] = {}
    for ref, title in refs:
        if not ref.strip().lower().endswith(".pdf"):
            continue
        try:
            path = resolve_ref(ref, dossier.root, dossier.root, source=dossier.yml)
        except DossierError:
            continue                       # not found: the conformance check names it
        if path in pieces:
            continue
        try:
            pieces[path] = read_annex(path, f"piece-{len(pieces) + 1}", title)
        except AssetError as exc:
            try:
                page_sizes_mm(path)        # readable, larger than A3: the conformance check
            except AssetError:             # names the page
                if counted:
                    raise
                problems.append(Problem(f"{exc.problem.message} Cette pièce de la 1re partie "
                                        "n'est pas jointe au PDF.", path,
                                        hint=exc.problem.hint))
    return list(pieces.values()), problems


def append_part1(pdf: bytes, pieces: list[AnnexPdf], archive: bool = False) -> bytes:
    """``pdf`` (part 2, its annexes, then part 1's pages laid out here: one document, tagged)
    followed by part 1's joined pieces, one bookmark each."""
    if not pieces:
        return pdf
    writer = PdfWriter(clone_from=io.BytesIO(pdf), keep_initial_header=True)
    first = len(writer.pages)
    for piece in pieces:
        _append(writer, piece.path, outline_item=f"1re partie : {piece.title}")
    return written(writer, first, archive)
