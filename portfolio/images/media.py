"""A student's video, sound or 3D model -> a copy to publish without its metadata (cached).

A phone's video carries where it was shot (MP4 ``©xyz`` GPS atom), a sound file its ID3 tags
(artist, cover picture), a 3D export the software and author that made it. The site publishes
a copy: videos and sounds re-muxed by ffmpeg (from the pinned ``imageio-ffmpeg`` wheel) with
their audio and video streams only, no metadata, no chapters, no attached picture; glTF models
with their ``asset`` reduced to its version, and no ``extras``, no names of nodes, meshes or
materials, no XMP packet (``KHR_xmp_json_ld``), anywhere; a video's subtitles (WebVTT,
``.vtt``) with their cues only (no ``NOTE`` comments, no ``STYLE`` block that could load a
remote image, no header text). The streams are copied, never re-encoded. A file ffmpeg cannot
read, a subtitles file that is not WebVTT, a file too big (rules/limites.yml), or a glTF model
that loads a buffer or texture from outside itself (``uri`` other than ``data:``: a viewer
would fetch it when the page is opened), is refused with a French message. Copies live in the
content cache (``media/``), keyed by the source's bytes, hashed once per version of the file
(its size, times and inode).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import struct
import subprocess
from pathlib import Path

from ..util.errors import AssetError
from ..util.files import replacing
from ..util.hashes import FileHashes
from ..util.limits import bound

__all__ = ["clean_media"]

VERSION = "2"        # bump when the cleaning changes: cached copies are made again
FFMPEG_SUFFIXES = {".mp4", ".webm", ".mp3", ".ogg", ".m4a", ".wav"}
_AUDIO = {".mp3", ".ogg", ".m4a", ".wav"}
_FORMATS = {".mp4": "mp4", ".m4a": "ipod", ".webm": "webm", ".mp3": "mp3", ".ogg": "ogg",
            ".wav": "wav"}
_FFMPEG_OPTIONS = {
    ".mp4": ["-movflags", "+faststart"], ".m4a": ["-movflags", "+faststart"],
    ".mp3": ["-id3v2_version", "0", "-write_xing", "0"],
}


def _digest(path: Path, cache_dir: Path) -> str:
    """The cached copy's name: the source's SHA-256 (read again only when the file's stat
    changed, :class:`FileHashes`: a 200 MB video is not hashed at every render) and
    :data:`VERSION`."""
    hashes = FileHashes.for_cache(cache_dir)
    digest = hashes.sha256(path)
    hashes.save()
    return hashlib.sha256(f"{VERSION}|{digest}".encode()).hexdigest()


def _refused(path: Path, what: str) -> AssetError:
    return AssetError(f"{what} illisible : ce fichier ne peut pas être publié sans ses "
                      "métadonnées.",
                      path, hint="Exportez-le de nouveau (MP4 H.264 pour une vidéo, MP3 pour un "
                      "son) depuis votre téléphone ou votre logiciel de montage.")


def _ffmpeg(source: Path, target: Path) -> None:
    import imageio_ffmpeg

    suffix = source.suffix.lower()
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error",
               "-nostdin", "-y", "-i", str(source), "-map", "0:V?", "-map", "0:a?",
               "-map_metadata", "-1", "-map_chapters", "-1", "-c", "copy",
               "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
               *_FFMPEG_OPTIONS.get(suffix, []), "-f", _FORMATS[suffix], str(target)]
    what = "enregistrement sonore" if suffix in _AUDIO else "vidéo"
    limit = bound("media_secondes")
    try:
        run = subprocess.run(command, capture_output=True, timeout=limit.max, check=False)
    except subprocess.TimeoutExpired:
        raise limit.error(limit.max, source, kind=AssetError) from None
    except OSError:
        raise _refused(source, what) from None
    if run.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        raise _refused(source, what)


# A glTF's metadata: who made it, with what, where (extras may hold GPS), the names given to
# nodes, meshes and materials in the modelling software (often the author's or client's).
_GLB_DROPPED_KEYS = ("extras", "name")
_GLB_DROPPED_EXTENSIONS = ("KHR_xmp_json_ld", "KHR_xmp")
_GLB_URIS = ("buffers", "images")
_EMBEDDED = tuple(f"data:{kind};base64," for kind in (
    "application/octet-stream", "application/gltf-buffer", "image/png", "image/jpeg",
    "image/webp", "image/ktx2"))


def _glb_refused(source: Path, what: str) -> AssetError:
    return AssetError(f"modèle 3D refusé : {what}", source,
                      hint="Exportez-le de nouveau en GLB (glTF binaire) avec ses textures et "
                      "ses données incluses dans le fichier (option « intégrer » / « embed »).")


def _strip_glb(document: dict) -> None:
    """Drop the metadata (see above) everywhere in ``document``, without recursion (a deeply
    nested JSON is a fault, not a crash)."""
    stack: list = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key in _GLB_DROPPED_KEYS:
                if item is not document:
                    item.pop(key, None)
            extensions = item.get("extensions")
            if isinstance(extensions, dict):
                for name in _GLB_DROPPED_EXTENSIONS:
                    extensions.pop(name, None)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    document.pop("extras", None)
    asset = document.get("asset") if isinstance(document.get("asset"), dict) else {}
    document["asset"] = {"version": str(asset.get("version", "2.0"))}  # no generator, copyright
    for key in ("extensionsUsed", "extensionsRequired"):
        if isinstance(document.get(key), list):
            document[key] = [e for e in document[key] if e not in _GLB_DROPPED_EXTENSIONS]


def _external_uris(document: dict) -> list[str]:
    """The ``uri`` of buffers and images that are not embedded (``data:``): a viewer would fetch
    them from the network or the disk when the page is opened."""
    found = []
    for key in _GLB_URIS:
        items = document.get(key)
        for item in items if isinstance(items, list) else []:
            uri = item.get("uri") if isinstance(item, dict) else None
            if uri is not None and not (isinstance(uri, str) and uri.startswith(_EMBEDDED)):
                found.append(f"{key}[].uri = « {str(uri)[:80]} »")
    return found


def _glb(source: Path, target: Path) -> None:
    """A binary glTF with its metadata dropped (see :func:`_strip_glb`), refused when it loads
    anything outside itself. Read as a stream: the JSON chunk alone (bounded) is held in memory,
    the binary chunks are copied block by block."""
    with source.open("rb") as handle:
        head = handle.read(20)
        try:
            magic, version, total = struct.unpack_from("<4sII", head, 0)
            length, kind = struct.unpack_from("<I4s", head, 12)
        except struct.error:
            raise _refused(source, "modèle 3D") from None
        if magic != b"glTF" or kind != b"JSON" or length > source.stat().st_size - 20:
            raise _refused(source, "modèle 3D")
        bound("glb_json").check(length, source, kind=AssetError)
        try:
            document = json.loads(handle.read(length))
            if not isinstance(document, dict):
                raise ValueError
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise _refused(source, "modèle 3D") from None
        if external := _external_uris(document):
            raise _glb_refused(source, "il charge des données hors du fichier ("
                               + ", ".join(external[:3]) + ") ; le site n'en charge aucune "
                               "depuis le réseau ou le disque.")
        _strip_glb(document)
        text = json.dumps(document, separators=(",", ":")).encode()
        text += b" " * (-len(text) % 4)
        rest = source.stat().st_size - 20 - length
        with target.open("wb") as out:
            out.write(struct.pack("<4sII", b"glTF", version, 12 + 8 + len(text) + rest))
            out.write(struct.pack("<I4s", len(text), b"JSON") + text)
            shutil.copyfileobj(handle, out, 1 << 20)


_VTT_DROPPED = re.compile(r"(?:NOTE|STYLE|REGION)(?=[ \t\n]|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _vtt(source: Path, target: Path) -> None:
    """WebVTT subtitles with their cues only (see the module's docstring)."""
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    blocks = re.split(r"\n[ \t]*\n", _CONTROL.sub("", text.replace("\r\n", "\n")
                                                     .replace("\r", "\n")).strip())
    if not re.match(r"WEBVTT(?:[ \t]|$)", blocks[0]):
        raise AssetError("sous-titres illisibles : ce n'est pas un fichier WebVTT.", source,
                         hint="Enregistrez les sous-titres au format WebVTT (.vtt, texte UTF-8 "
                         "qui commence par la ligne WEBVTT) ; un fichier .srt se convertit avec "
                         "la plupart des logiciels de sous-titrage.")
    cues = [block.strip("\n") for block in blocks[1:]
            if block.strip() and not _VTT_DROPPED.match(block.lstrip("\n"))]
    target.write_text("WEBVTT\n\n" + "\n\n".join(cues) + "\n", encoding="utf-8")


CLEANERS = {".glb": _glb, ".vtt": _vtt}


def clean_media(source: Path, cache_dir: Path) -> Path:
    """The copy of ``source`` to publish (see the module's docstring), made once and cached."""
    bound("media").check(source.stat().st_size, source, kind=AssetError)
    suffix = source.suffix.lower()
    if suffix not in FFMPEG_SUFFIXES and suffix not in CLEANERS:
        return source
    folder = cache_dir / "media"
    target = folder / f"{_digest(source, cache_dir)}{suffix}"
    if target.is_file() and target.stat().st_size > 0:
        return target
    with replacing(target, suffix) as partial:
        CLEANERS.get(suffix, _ffmpeg)(source, partial)
    return target
