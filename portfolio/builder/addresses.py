"""A dossier's files -> their site addresses; two dossiers on one address: both refused."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..dossier.model import Dossier, slugify
from ..markdown.figures import MEDIA
from ..util.errors import AssetError, DossierError, Problem, display_path
from ..util.hashes import FileHashes
from ..util.limits import bound
from .results import DossierBuild

__all__ = ["annex_pdf_site_path", "annex_pdf_slug", "media_site_path",
           "published_stem", "refuse_same_address", "site_url_notice"]


def annex_pdf_slug(path: Path) -> str:
    return f"annexe-{slugify(path.stem, 'pdf')}"


def annex_pdf_site_path(dossier: Dossier, path: Path) -> str:
    """Where an annex PDF of the dossier is published (site-relative)."""
    index = dossier.annex_pdfs.index(path) + 1
    name = f"annexe-{index}" if dossier.anonymous else annex_pdf_slug(path)
    return f"{dossier.slug}/annexes/{name}.pdf"


def published_stem(path: Path, dossier: Dossier, neutral: str) -> str:
    """The start of a published file's name: from the student's file name, or ``neutral``
    (always for an anonymous dossier: a file name may carry the candidate's name)."""
    if dossier.anonymous:
        return neutral
    return re.sub(r"[^a-z0-9-]+", "-", path.stem.lower()).strip("-")[:40] or neutral


def media_site_path(dossier: Dossier, path: Path, hashes: FileHashes) -> str:
    """Where a video, sound or 3D file of the dossier is published (site-relative): its name
    carries a hash of its bytes (memoised in ``hashes``: a 200 MB video is read once)."""
    bound("media").check(path.stat().st_size, path, kind=AssetError)
    digest = hashes.sha256(path)[:8]
    stem = published_stem(path, dossier, "media")
    return f"{dossier.slug}/media/{stem}-{digest}{path.suffix.lower()}"


def refuse_same_address(builds: list[DossierBuild]) -> None:
    """Folders with one web address refuse each other, all of them: ``Lea-moreau``,
    ``lea-moreau``, ``lea\u200b-moreau`` or ``Le\u0301a-moreau`` (one address once lower-cased,
    folded and stripped of invisible characters), or, anonymous, two dossiers with one
    candidate number (``candidat-<numero>``). Refusing only the second would let a folder that
    sorts first take a classmate's address and name; refused, each keeps its previous
    publication."""
    groups: dict[str, list[DossierBuild]] = {}
    for build in builds:
        if build.dossier is not None and build.error is None:
            groups.setdefault(build.dossier.slug, []).append(build)
    for slug, group in groups.items():
        if len(group) < 2:
            continue
        folders = " et ".join(display_path(b.root) for b in group)
        anonymous = group[0].dossier.anonymous
        why = (f"ont le même numéro de candidat ({group[0].dossier.candidate.number}), donc la "
               f"même adresse anonyme (« {slug}/ »)" if anonymous else
               f"auraient la même adresse sur le site (« {slug}/ »)")
        for build in group:
            build.error = DossierError(
                f"les dossiers {folders} {why} : l'un prendrait la place de l'autre, les deux "
                "sont refusés.", build.dossier.yml,
                hint="Corrigez le numéro de candidat dans dossier.yml ou retirez le dossier qui "
                "n'est pas le bon ; la version publiée précédente reste en ligne d'ici là."
                if anonymous else "Renommez ou retirez celui qui n'est pas le bon dans "
                "students/ ; la version publiée précédente reste en ligne d'ici là.")


def site_url_notice(site_url: str, site_files: Iterable[str], config_file: str | Path
                    ) -> Problem | None:
    """The teacher's warning, once per publication: PDFs with videos, sounds or 3D models give
    their web address only when ``site_url`` is set in mkdocs.yml (never a student's problem).
    ``site_files`` are the site's paths (``ana/media/x-1a2b.mp4``...)."""
    if site_url:
        return None
    slugs = sorted({path.split("/", 1)[0] for path in site_files
                    if path.lower().endswith(tuple(MEDIA))})
    if not slugs:
        return None
    config_file, line = Path(config_file), None
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
        line = next((n for n, text in enumerate(lines, 1) if text.startswith("site_url:")),
                    None)
    except (OSError, UnicodeDecodeError):
        pass
    shown = ", ".join(slugs[:10]) + (" ..." if len(slugs) > 10 else "")
    return Problem(f"« site_url » est vide : les PDF de {len(slugs)} dossier(s) ({shown}) ne "
                   "peuvent pas donner l'adresse de leurs vidéos, sons et modèles 3D.",
                   config_file, line, "Écrivez l'adresse où le site sera publié (site_url: "
                   "https://...) puis relancez : python3 build.py publier")
