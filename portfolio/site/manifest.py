"""Published dossiers <-> ``portfolio.json``, the list of what a site holds.

A build writes it; the next build reads it back to keep online the last published version of a
dossier that is now refused (its entry and its folder are carried over).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..builder.results import DossierBuild
from ..rules import load_rules
from ..util.files import atomic_write
from . import SitePlan

__all__ = ["MANIFEST", "carried_entries", "write_manifest"]

MANIFEST = "portfolio.json"


def carried_entries(previous: Path, refused: set[str], anonymous: bool) -> list[dict]:
    """Entries of ``previous`` site's manifest for the ``refused`` slugs whose folder is there;
    ``_root`` is that folder. Nothing is carried between a named and an anonymous site."""
    try:
        manifest = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
        entries = list(manifest["dossiers"])
        previous_anonymous = bool(manifest.get("anonymous", False))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []
    if previous_anonymous != anonymous:
        return []
    carried = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        root = previous / str(entry.get("slug", ""))
        if entry.get("slug") in refused and root.is_dir() and root.parent == previous:
            carried.append({**entry, "_root": str(root)})
    return carried


def write_manifest(site_dir: Path, published: list[DossierBuild], plan: SitePlan,
                   anonymous: bool) -> None:
    """``site_dir/portfolio.json``: each published dossier (and each carried one)."""
    rules = load_rules()
    entries = []
    for build in published:
        dossier = build.dossier
        entry = {"slug": dossier.slug, "title": dossier.title,
                 "candidate": dossier.candidate.full_name,
                 "option": rules.options[dossier.option], "session": dossier.session,
                 "pdf": f"{dossier.slug}/{dossier.pdf_name}", "pages": build.count.parts}
        if dossier.cover:
            dest, variant = plan.media(dossier.cover, "thumb")
            entry.update(thumb=dest, thumb_w=variant.width, thumb_h=variant.height)
        entries.append(entry)
    entries += [{k: v for k, v in e.items() if not k.startswith("_")} for e in plan.carried]
    atomic_write(site_dir / MANIFEST, json.dumps({"anonymous": anonymous, "dossiers": entries},
                                                 ensure_ascii=False, indent=1))
