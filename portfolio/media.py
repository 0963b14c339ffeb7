"""A student's video, sound or 3D model -> a copy to publish without its metadata (cached).

A phone's video carries where it was shot (MP4 ``©xyz`` GPS atom), a sound file its ID3 tags
(artist, cover picture), a 3D export the software and author that made it. The site publishes
a copy: videos and sounds re-muxed by ffmpeg (from the pinned ``imageio-ffmpeg`` wheel) with
their audio and video streams only, no metadata, no chapters, no attached picture; glTF models
with their ``asset`` reduced to its version and no ``extras``; a video's subtitles (WebVTT,
``.vtt``) with their cues only (no ``NOTE`` comments, no ``STYLE`` block that could load a
remote image, no header text). The streams are copied, never re-encoded. A file ffmpeg cannot
read, a subtitles file that is not WebVTT, or a file too big (rules/limites.yml), is refused
with a French message. Copies live in the content cache (``media/``), keyed by the source's
bytes, hashed once per version of the file (its size, times and inode).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import subprocess
from pathlib import Path

from .errors import AssetError
from .hashes import FileHashes
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
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{target.stem}.{os.getpid()}.part{suffix}"
    try:
        CLEANERS.get(suffix, _ffmpeg)(source, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
