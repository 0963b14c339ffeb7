"""Source images -> cached variants, keyed by content; batches run on a small process pool.

Sources are known by the hash of their bytes (memoised in ``<cache>/hashes.json``, see
:mod:`portfolio.util.hashes`, so that a warm build does not re-read unchanged 5 MB photos).
Layout of ``<cache>/images/`` (any file may be deleted at any time; a broken one is rebuilt):

- ``info/<hh>/<sha256>.json``: what the source is (upright size, photo / line art / SVG),
  examined again when the rules that tell them apart change (:data:`KIND_RULES`);
- ``<hh>/<key>.json`` + ``<key>.webp|.jpg|.png|.svg``: one variant, ``key`` hashing the source
  hash, the spec, the encoder settings and :data:`VERSION`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..processes.parallel import NoWorkersError, run_in_workers
from ..processes.parallel import workers as default_workers
from ..processes.progress import advance, counted
from ..processes.timings import timed
from ..util.errors import AssetError
from ..util.files import atomic_write, read_json_object
from ..util.hashes import FileHashes
from .decode import RASTER_SUFFIXES, fail, header, open_image
from .svg import sanitize_svg
from .variants import (
    ENCODER,
    KIND_RULES,
    SRC_WIDTH,
    THUMB_WIDTH,
    Spec,
    encode_all,
    image_kind,
    print_width,
    web_widths,
)

__all__ = ["DEFAULT_PLACED_MM", "ImageCache", "Request", "Variant"]

log = logging.getLogger(__name__)

VERSION = "2"
DEFAULT_PLACED_MM = 420 - 40        # full content width of an A3 landscape page
PURPOSES = ("web", "thumb", "print")

#: ``(source, purpose, placed_mm)``; ``placed_mm`` only matters for "print".
Request = tuple[Path, str, "float | None"]


@dataclass(frozen=True)
class Variant:
    path: Path
    width: int
    height: int
    source: Path
    source_size: tuple[int, int] = (0, 0)   # upright size of the source (px; CSS px for SVG)
    vector: bool = False                    # SVG: drawn by the browser / WeasyPrint at any size
    notes: tuple[str, ...] = ()             # what sanitising removed (French), SVG only

    @property
    def suffix(self) -> str:
        return self.path.suffix


# -- files of the cache ----------------------------------------------------------------------

def _info_path(root: Path, digest: str) -> Path:
    return root / "info" / digest[:2] / f"{digest}.json"


def _meta_path(root: Path, digest: str, spec: Spec) -> Path:
    key = hashlib.sha256(f"{digest}|{spec.purpose}|{spec.width}|{ENCODER}|{VERSION}".encode()
                         ).hexdigest()
    return root / key[:2] / f"{key}.json"


def _specs(info: dict, purpose: str, placed_mm: float | None) -> list[Spec]:
    if info["kind"] == "svg":
        return [Spec("svg", 0)]
    if purpose == "print":
        return [Spec("print", print_width(info["w"], placed_mm or DEFAULT_PLACED_MM))]
    return [Spec("web", w) for w in web_widths(info["w"])]


def _load_variant(root: Path, digest: str, spec: Spec, source: Path, info: dict
                  ) -> Variant | None:
    meta_path = _meta_path(root, digest, spec)
    meta = read_json_object(meta_path)
    try:
        path = meta_path.with_name(Path(meta["file"]).name)
        if path.stat().st_size != meta["bytes"]:       # truncated or replaced: rebuild
            return None
        return Variant(path, int(meta["width"]), int(meta["height"]), source,
                       (int(info["w"]), int(info["h"])), info["kind"] == "svg",
                       tuple(info.get("notes", ())))
    except (OSError, KeyError, TypeError, ValueError):
        return None


def _store_variant(root: Path, digest: str, spec: Spec, data: bytes, suffix: str,
                   width: int, height: int) -> None:
    meta_path = _meta_path(root, digest, spec)
    out = meta_path.with_suffix(suffix)
    atomic_write(out, data)
    atomic_write(meta_path, json.dumps({"file": out.name, "width": width, "height": height,
                                         "bytes": len(data)}).encode())


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _valid_info(info: dict | None) -> dict | None:
    ok = (info is not None and all(k in info for k in ("w", "h", "kind"))
          and info.get("rules") == KIND_RULES)
    return info if ok else None


def _header(source: Path) -> tuple[int, int, str | None]:
    """Upright size and format read from the header only (errors: open_image's message)."""
    try:
        return header(source)
    except Exception:  # noqa: BLE001 - open_image says what is wrong, in French
        img = open_image(source)
        return img.width, img.height, None


# -- the work on one source (runs in a worker process or in-process) -------------------------

def _process(source: Path, digest: str, requests: Sequence[tuple[str, float | None]],
             root: Path) -> int:
    """Make the missing variants of ``source`` for ``requests``; returns how many were made.

    The source is decoded once (JPEG: at the smallest scale that covers the widest variant
    missing) and every variant is made from that decoded image.
    """
    if source.suffix.lower() == ".svg":
        data, width, height, notes = sanitize_svg(source)
        _store_variant(root, digest, Spec("svg", 0), data, ".svg", width, height)
        info = {"w": width, "h": height, "kind": "svg", "notes": notes, "rules": KIND_RULES}
        atomic_write(_info_path(root, digest), json.dumps(info).encode())
        return 1
    if source.suffix.lower() not in RASTER_SUFFIXES:
        open_image(source)                       # raises the French "format" message
    info = _valid_info(read_json_object(_info_path(root, digest)))
    if info is None:
        width, height, source_format = _header(source)
    else:
        width, height = info["w"], info["h"]
    specs = {s for purpose, mm in requests
             for s in _specs({"w": width, "kind": "raster"}, purpose, mm)}
    missing = sorted(specs if info is None else
                     [s for s in specs if _load_variant(root, digest, s, source, info) is None])
    if not missing:
        return 0
    img = open_image(source, need_width=max(s.width for s in missing))
    if info is None:
        info = {"w": width, "h": height, "kind": image_kind(img, source_format),
                "rules": KIND_RULES}
        atomic_write(_info_path(root, digest), json.dumps(info).encode())
    for spec, data, suffix, out_w, out_h in encode_all(img, missing, info["kind"], width):
        _store_variant(root, digest, spec, data, suffix, out_w, out_h)
    return len(missing)


def _process_job(source: str, digest: str, requests: list, root: str
                 ) -> tuple[int, tuple[str, str] | None]:
    """Pool entry point: errors a person can cause come back as (message, hint)."""
    try:
        return _process(Path(source), digest, requests, Path(root)), None
    except AssetError as exc:
        return 0, (exc.problem.message, exc.problem.hint)


# -- the cache ---------------------------------------------------------------------------------

class ImageCache:
    """Variants of source images in ``cache_dir / "images"``, keyed by content and options.
    ``hits``/``misses`` count variants found / encoded, ``processed`` the sources decoded."""

    def __init__(self, cache_dir: Path, workers: int | None = None) -> None:
        self.dir = cache_dir / "images"
        self.workers = workers or default_workers()
        self.hits = self.misses = self.processed = 0
        self.hashes = FileHashes.for_cache(cache_dir)
        self._failed: dict[str, tuple[str, str]] = {}     # digest -> French message, hint

    def digest(self, source: Path) -> str:
        """SHA-256 of ``source``'s bytes (read again only when its stat changed)."""
        if not source.exists():
            raise AssetError("image introuvable.", source,
                             hint="Vérifiez le nom du fichier dans images/.")
        try:
            return self.hashes.sha256(source)
        except OSError:
            raise fail(source, "image illisible (droits d'accès ?).",
                       "Copiez-la de nouveau dans votre dossier.") from None

    def size(self, source: Path) -> tuple[int, int] | None:
        """The upright pixel size of a raster ``source`` as its variants were made (None: no
        variant made yet, or an SVG). Read from the cache's record, not from the file: a PNG's
        orientation can only be read by decoding it whole."""
        try:
            info = self._info(self.digest(source))
        except AssetError:
            return None
        return (info["w"], info["h"]) if info is not None and info["kind"] != "svg" else None

    # lookups

    def _info(self, digest: str) -> dict | None:
        return _valid_info(read_json_object(_info_path(self.dir, digest)))

    def _lookup(self, source: Path, digest: str, requests: Sequence[tuple[str, float | None]]
                ) -> dict[tuple[str, float | None], list[Variant]] | None:
        info = self._info(digest)
        if info is None:
            return None
        found = {}
        for purpose, mm in requests:
            variants = []
            for spec in _specs(info, purpose, mm):
                variant = _load_variant(self.dir, digest, spec, source, info)
                if variant is None:
                    return None
                variants.append(variant)
            found[(purpose, mm)] = variants
        return found

    def _variants(self, source: Path, purpose: str, placed_mm: float | None) -> list[Variant]:
        if purpose not in PURPOSES:
            raise ValueError(f"unknown purpose {purpose!r}")
        request = ("web" if purpose == "thumb" else purpose, placed_mm)
        digest = self.digest(source)
        self.hashes.save()
        if digest in self._failed:
            message, hint = self._failed[digest]
            raise AssetError(message, source, hint=hint)
        found = self._lookup(source, digest, [request])
        if found is None:
            with timed("image", source=os.fspath(source), variants=0) as record:
                try:
                    made = record["variants"] = _process(source, digest, [request], self.dir)
                except AssetError as exc:
                    self._failed[digest] = (exc.problem.message, exc.problem.hint)
                    raise
            self.misses += made
            self.processed += 1
            found = self._lookup(source, digest, [request])
            if found is None:
                raise RuntimeError(f"image cache did not keep the variants of {source}")
        else:
            log.debug("image cached: %s (%s)", source.name, purpose)
            self.hits += len(found[request])
        return found[request]

    # public API

    def variant(self, source: Path, purpose: str = "web", placed_mm: float | None = None
                ) -> Variant:
        """One variant of ``source``.

        ``"web"``: the site's ``src`` (1600 px WebP, or narrower); ``"thumb"``: 960 px or
        narrower; ``"print"``: ``placed_mm`` wide at 300 dpi (default: an A3 landscape page's
        full content width), JPEG for photos, PNG for line art and transparency. Never upscaled.
        An SVG gives its sanitised copy for every purpose.
        """
        variants = self._variants(source, purpose, placed_mm)
        if purpose == "print" or len(variants) == 1:
            return variants[0]
        limit = THUMB_WIDTH if purpose == "thumb" else SRC_WIDTH
        fitting = [v for v in variants if v.width <= limit]
        return fitting[-1] if fitting else variants[0]

    def web_variants(self, source: Path) -> list[Variant]:
        """Every web variant of ``source``, narrowest first (the ``srcset``)."""
        return sorted(self._variants(source, "web", None), key=lambda v: v.width)

    def prepare(self, sources: Iterable[Path], purposes: Iterable[str] = ("web", "print"), *,
                placed_mm: float | None = None, requests: Iterable[Request] = ()
                ) -> dict[Path, AssetError]:
        """Make every missing variant up front, images spread over ``workers`` processes.

        Each source is decoded once for all its variants. Returns the sources that failed
        (with their French error); a later :meth:`variant` call raises that error again.
        """
        wanted: dict[Path, list[tuple[str, float | None]]] = {}
        purposes = tuple(purposes)
        for source in sources:
            for purpose in purposes:
                wanted.setdefault(source, []).append(
                    ("web" if purpose == "thumb" else purpose, placed_mm))
        for source, purpose, mm in requests:
            wanted.setdefault(source, []).append(("web" if purpose == "thumb" else purpose, mm))
        errors: dict[Path, AssetError] = {}
        jobs = []
        for source, reqs in wanted.items():
            reqs = list(dict.fromkeys(reqs))
            try:
                digest = self.digest(source)
            except AssetError as exc:
                errors[source] = exc
                continue
            if digest in self._failed:
                message, hint = self._failed[digest]
                errors[source] = AssetError(message, source, hint=hint)
            elif self._lookup(source, digest, reqs) is None:
                jobs.append((source, digest, reqs))
        self.hashes.save()
        if not jobs:
            return errors
        jobs.sort(key=lambda job: -_file_size(job[0]))       # big ones first: balanced cores
        with timed("images", sources=0, variants=0, workers=self.workers) as record:
            for (source, digest, _), (made, error) in zip(jobs, self._run(jobs), strict=True):
                if error is not None:
                    self._failed[digest] = error
                    errors[source] = AssetError(error[0], source, hint=error[1])
                elif made is not None:
                    self.misses += made
                    self.processed += 1
                    record["sources"] += made > 0
                    record["variants"] += made
        return errors

    def _run(self, jobs: list) -> list[tuple[int | None, tuple[str, str] | None]]:
        """Each job's (variants made, error); (None, None) when it failed: variant() redoes it
        and reports."""
        root = os.fspath(self.dir)
        args = [(os.fspath(s), d, r, root) for s, d, r in jobs]
        if len(jobs) > 1 and self.workers > 1:
            try:
                done = dict(counted(run_in_workers(_process_job, args, self.workers,
                                                   preload=[__name__]), "images", len(args),
                                    lambda item: Path(args[item[0]][0]).name))
                return [done.get(index) or (None, None) for index in range(len(args))]
            except NoWorkersError:
                pass
        results = []
        for a in args:
            try:
                results.append(_process_job(*a))
            except Exception as exc:  # noqa: BLE001 - variant() redoes it and reports
                log.debug("cannot prepare %s: %r", a[0], exc)
                results.append((None, None))
            advance("images", len(results), len(args), Path(a[0]).name)
        return results
