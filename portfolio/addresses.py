"""A dossier's files -> their site addresses; two dossiers on one address: the second refused."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .errors import AssetError, DossierError, Problem, display_path
from .hashes import FileHashes
from .limits import bound
from .markdown.figures import MEDIA
from .model import Dossier, slugify
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
    """Two folders with one web address (``Ana`` and ``ana``): the second one is refused."""
    seen: dict[str, Path] = {}
    for build in builds:
        if build.dossier is None or build.error is not None:
            continue
        slug = build.dossier.slug
        if slug not in seen:
            seen[slug] = build.root
            continue
        build.error = DossierError(
            f"ce dossier aurait la même adresse sur le site (« {slug} ») que le dossier "
            f"{display_path(seen[slug])} : l'un effacerait l'autre.", build.dossier.yml,
            hint="Renommez l'un des deux dossiers dans students/ (par exemple prenom-nom).")


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
