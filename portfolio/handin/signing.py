"""The school's Ed25519 key pair -> signatures of a hand-in's manifest and RENDU.json, checked back.

``build.py cle`` makes the pair once: the private key (PKCS#8 PEM, mode 600) stays with the
teacher or the exam centre, outside ``students/`` and the published site; the public key
(``<name>.pub.pem``, SubjectPublicKeyInfo PEM) may be handed to anyone who checks hand-ins.
A snapshot's ``SIGNATURE.json`` holds the raw Ed25519 signatures (base64) of ``MANIFEST.sha256``
and ``RENDU.json``, and a copy of the signed manifest: when someone edits a file *and* its
manifest line, the signed copy still names the file. Each signature is also checkable without
this tool: ``openssl pkeyutl -verify -pubin -inkey cle.pub.pem -rawin -in MANIFEST.sha256
-sigfile <signature decoded from base64>``.
"""

from __future__ import annotations

import base64
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..dossier.paths import within
from ..util.errors import DossierError

__all__ = ["ALGORITHM", "KEY_ENV", "KeyPair", "SigningError", "default_key_path", "fingerprint",
           "load_private_key", "load_public_key", "make_key_pair", "public_path", "sign",
           "signature_ok"]

ALGORITHM = "Ed25519"
KEY_ENV = "PORTFOLIO_CLE"            # setting: where the private key lives
KEY_NAME = "cle-rendus.pem"
PUBLIC_SUFFIX = ".pub.pem"
FORBIDDEN = ("students", "site", "rendus")   # a key never lives inside these project folders


class SigningError(DossierError):
    """A key that is missing, unreadable, misplaced or too widely readable."""


@dataclass(frozen=True)
class KeyPair:
    private: Path
    public: Path
    fingerprint: str


def default_key_path() -> Path:
    """``$PORTFOLIO_CLE``, else ``$XDG_CONFIG_HOME/portfolio/cle-rendus.pem`` (``~/.config``)."""
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV]).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config) / "portfolio" / KEY_NAME


def public_path(private: Path) -> Path:
    """The public key kept beside ``private``: ``cle-rendus.pem`` -> ``cle-rendus.pub.pem``."""
    name = private.name.removesuffix(".pem")
    return private.with_name(name + PUBLIC_SUFFIX)


def fingerprint(key: Ed25519PublicKey) -> str:
    """``SHA256:`` and 16 hex digits of the raw public key's hash (what people compare)."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(raw).hexdigest()[:16]
    return "SHA256:" + ":".join(digest[i:i + 4] for i in range(0, 16, 4))


def _check_place(path: Path, project: Path) -> None:
    for folder in FORBIDDEN:
        if within(path, project / folder) or within(path.parent, project / folder):
            raise SigningError(
                f"la clé de signature ne doit pas se trouver dans {folder}/ (elle serait "
                "copiée, publiée ou lue par les élèves).", path,
                hint="Choisissez un emplacement hors du projet, par exemple le dossier par "
                f"défaut {default_key_path()} (option --cle ou variable {KEY_ENV}).")


def make_key_pair(private: Path, project: Path) -> KeyPair:
    """Write a new key pair; never overwrites an existing key (raises SigningError)."""
    public = public_path(private)
    _check_place(private, project)
    for path in (private, public):
        if path.exists():
            raise SigningError(
                "une clé existe déjà ici : elle n'est pas remplacée (les rendus déjà signés "
                "ne pourraient plus être vérifiés).", path,
                hint="Pour une nouvelle clé, choisissez un autre fichier avec --cle.")
    private.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    # O_EXCL: two teachers running `cle` at once cannot overwrite each other's key.
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    os.chmod(private, 0o600)                   # whatever the umask
    public.write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return KeyPair(private, public, fingerprint(key.public_key()))


def load_private_key(path: Path, project: Path) -> Ed25519PrivateKey:
    """The teacher's private key, refused if misplaced, readable by others or not Ed25519."""
    _check_place(path, project)
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise SigningError(
            "la clé privée est lisible par d'autres comptes que le vôtre.", path,
            hint=f"Restreignez-la : chmod 600 {path}")
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, OSError) as exc:
        raise SigningError(f"clé privée illisible ({type(exc).__name__}).", path,
                           hint="Elle a été faite par « python3 build.py cle » ? Sinon, "
                           "refaites-en une dans un autre fichier.") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError("ce fichier n'est pas une clé Ed25519.", path,
                           hint="Utilisez la clé faite par « python3 build.py cle ».")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (ValueError, TypeError, OSError) as exc:
        raise SigningError(f"clé publique illisible ({type(exc).__name__}).", path,
                           hint="Donnez le fichier .pub.pem fait par « python3 build.py cle ».") \
            from None
    if not isinstance(key, Ed25519PublicKey):
        raise SigningError("ce fichier n'est pas une clé publique Ed25519.", path)
    return key


def sign(key: Ed25519PrivateKey, data: bytes) -> str:
    """The raw 64-byte Ed25519 signature of ``data``, base64."""
    return base64.b64encode(key.sign(data)).decode("ascii")


def signature_ok(key: Ed25519PublicKey, data: bytes, signature: str) -> bool:
    try:
        key.verify(base64.b64decode(signature, validate=True), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
