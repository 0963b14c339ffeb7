"""A student's video, sound or 3D model -> a copy to publish without its metadata (cached).

A phone's video carries where it was shot (MP4 ``©xyz`` GPS atom), a sound file its ID3 tags
(artist, cover picture), a 3D export the software and author that made it. The site publishes
a copy: videos and sounds re-muxed by ffmpeg (from the pinned ``imageio-ffmpeg`` wheel) with
their audio and video streams only, no metadata, no chapters, no attached picture; glTF models
with their ``asset`` reduced to its version and no ``extras``. The streams are copied, never
re-encoded. A file ffmpeg cannot read, or that is too big (rules/limites.yml), is refused with a
French message. Copies live in the content cache (``media/``), keyed by the source's bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import subprocess
from pathlib import Path

from .errors import AssetError
from .limits import bound

__all__ = ["clean_media"]

VERSION = "1"        # bump when the cleaning changes: cached copies are made again
FFMPEG_SUFFIXES = {".mp4", ".webm", ".mp3", ".ogg", ".m4a", ".wav"}
_AUDIO = {".mp3", ".ogg", ".m4a", ".wav"}
_FORMATS = {".mp4": "mp4", ".m4a": "ipod", ".webm": "webm", ".mp3": "mp3", ".ogg": "ogg",
            ".wav": "wav"}
_FFMPEG_OPTIONS = {
    ".mp4": ["-movflags", "+faststart"], ".m4a": ["-movflags", "+faststart"],
    ".mp3": ["-id3v2_version", "0", "-write_xing", "0"],
}


def _digest(path: Path) -> str:
    sha = hashlib.sha256(VERSION.encode())
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


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


def _glb(source: Path, target: Path) -> None:
    """A binary glTF with its JSON chunk's ``asset`` reduced to the version, no ``extras``."""
    data = source.read_bytes()
    try:
        magic, version, _ = struct.unpack_from("<4sII", data, 0)
        length, kind = struct.unpack_from("<I4s", data, 12)
        if magic != b"glTF" or kind != b"JSON":
            raise ValueError
        document = json.loads(data[20:20 + length])
        if not isinstance(document, dict):
            raise ValueError
    except (struct.error, ValueError, UnicodeDecodeError):
        raise _refused(source, "modèle 3D") from None
    asset = document.get("asset") if isinstance(document.get("asset"), dict) else {}
    document["asset"] = {"version": str(asset.get("version", "2.0"))}
    document.pop("extras", None)
    for node in document.get("nodes", []) if isinstance(document.get("nodes"), list) else []:
        if isinstance(node, dict):
            node.pop("extras", None)
    text = json.dumps(document, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 4)
    rest = data[20 + length:]
    body = struct.pack("<I4s", len(text), b"JSON") + text + rest
    target.write_bytes(struct.pack("<4sII", b"glTF", version, 12 + len(body)) + body)


def clean_media(source: Path, cache_dir: Path) -> Path:
    """The copy of ``source`` to publish (see the module's docstring), made once and cached."""
    bound("media").check(source.stat().st_size, source, kind=AssetError)
    suffix = source.suffix.lower()
    if suffix not in FFMPEG_SUFFIXES and suffix != ".glb":
        return source
    folder = cache_dir / "media"
    target = folder / f"{_digest(source)}{suffix}"
    if target.is_file() and target.stat().st_size > 0:
        return target
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{target.stem}.{os.getpid()}.part{suffix}"
    try:
        (_glb if suffix == ".glb" else _ffmpeg)(source, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
