"""The class's hand-ins (``rendus/``) -> a receipt for the exam centre: one PDF and one CSV.

One row per candidate, from the latest snapshot's RENDU.json (re-checked on the way: a snapshot
changed since, or whose signature fails, says so in its row): number, name (or the number only
when anonymous), title, pages per part, date and time of hand-in, start of the PDF's SHA-256,
signed or not, and a remark when two dossiers bear one candidate number. The PDF comes from
the Jinja2 template ``themes/bordereau/bordereau.html`` (autoescaped) laid out by WeasyPrint as
PDF/A; the CSV is what a spreadsheet opens in France (UTF-8 with BOM, ``;``), every cell that
a spreadsheet would read as a formula (starting with ``= + - @``, tab, CR) neutralised by a
leading ``'``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ..util.errors import DossierError
from ..util.text import french_spacing_html
from .snapshot import check_snapshot, latest_handin, read_record, shared_numbers, snapshots

__all__ = ["ReceiptRow", "receipt_rows", "write_receipt"]

THEME = Path(__file__).resolve().parent.parent.parent / "themes" / "bordereau"
HASH_PREFIX = 16
PARTS = (("principal", "principal"), ("annexes", "annexes"), ("partie1", "1re partie"))
# What a spreadsheet reads as the start of a formula (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True)
class ReceiptRow:
    slug: str
    number: str                # RENDU.json's "numero"
    name: str                  # "" when anonymous
    title: str
    voie: str
    session: str
    pages: dict[str, int | None]
    handed_in: dt.datetime | None
    pdf_hash: str              # first HASH_PREFIX hex digits
    signature: str             # "oui" | "non" | "invalide" | "non vérifiée"
    intact: bool
    late: str                  # the teacher's reason, "" when on time
    school: str = ""
    note: str = ""             # what the exam office must look at (a number borne twice)

    @property
    def alert(self) -> bool:
        return not self.intact or bool(self.note) or self.signature == "invalide"

    @property
    def date(self) -> str:
        return self.handed_in.strftime("%d/%m/%Y") if self.handed_in else "?"

    @property
    def time(self) -> str:
        return self.handed_in.strftime("%H:%M:%S") if self.handed_in else "?"


def _pdf_hash(snapshot: Path, record: dict) -> str:
    pdf = record.get("pdf")
    if isinstance(pdf, dict) and isinstance(pdf.get("sha256"), str):
        return pdf["sha256"][:HASH_PREFIX]
    name = pdf if isinstance(pdf, str) else f"dossier-{snapshot.parent.name}.pdf"
    try:   # snapshots made before RENDU.json held the PDF's hash
        return hashlib.sha256((snapshot / name).read_bytes()).hexdigest()[:HASH_PREFIX]
    except OSError:
        return "?"


def _row(snapshot: Path, public: Ed25519PublicKey | None, anonymous: bool,
         shared: list[str]) -> ReceiptRow:
    record = read_record(snapshot) or {}
    checked = check_snapshot(snapshot, public)
    signature = ("non" if not checked.signed else "oui" if checked.checked and checked.ok
                 else "invalide" if checked.checked or public is not None else "non vérifiée")
    try:
        handed_in = dt.datetime.fromisoformat(str(record.get("rendu_le")))
    except ValueError:
        handed_in = None
    pages = record.get("pages") if isinstance(record.get("pages"), dict) else {}
    late = record.get("hors_delai") or {}
    return ReceiptRow(
        slug=snapshot.parent.name, number=str(record.get("numero", "?")),
        name="" if anonymous else str(record.get("candidat", "")),
        title=str(record.get("titre", "")), voie=str(record.get("voie", "")),
        session=str(record.get("session", "")),
        pages={part: pages.get(part) for part, _ in PARTS}, handed_in=handed_in,
        pdf_hash=_pdf_hash(snapshot, record), signature=signature, intact=checked.ok,
        late=str(late.get("raison", "")) if isinstance(late, dict) else "",
        school=str(record.get("etablissement", "")),
        note="numéro en double (aussi : " + ", ".join(shared) + ")" if shared else "")


def receipt_rows(project: Path, public: Ed25519PublicKey | None = None,
                 anonymous: bool = False, session: str | None = None) -> list[ReceiptRow]:
    """The latest hand-in of every dossier in ``rendus/`` (of ``session``), by number."""
    slugs = sorted({p.parent.name for p in snapshots(project)})
    shared = shared_numbers(project)
    rows = [_row(latest_handin(project, slug), public, anonymous, shared.get(slug, []))
            for slug in slugs]
    rows = [r for r in rows if session is None or r.session == str(session)]
    return sorted(rows, key=lambda r: (r.number, r.slug))


def _cell(value: object) -> str:
    """``value`` as a cell no spreadsheet runs: ``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv(rows: list[ReceiptRow], anonymous: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Numéro", *([] if anonymous else ["Candidat"]), "Titre", "Voie",
                     *(f"Pages ({label})" for _, label in PARTS), "Date de remise", "Heure",
                     f"Empreinte du PDF (SHA-256, {HASH_PREFIX} premiers caractères)",
                     "Signé", "Intact", "Hors délai", "Remarque"])
    for r in rows:
        writer.writerow(map(_cell, [
            r.number, *([] if anonymous else [r.name]), r.title, r.voie,
            *("" if r.pages[p] is None else r.pages[p] for p, _ in PARTS),
            r.date, r.time, r.pdf_hash, r.signature, "oui" if r.intact else "non", r.late,
            r.note]))
    return "\ufeff" + out.getvalue()     # BOM: French spreadsheets then read UTF-8


def _pdf(rows: list[ReceiptRow], missing: list[str], anonymous: bool,
         made: dt.datetime) -> bytes:
    import jinja2

    from ..pdf.output.archive import VARIANT
    from ..pdf.output.render import ConfinedFetcher
    from ..util.fonts import FONTS, print_font_css

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    sessions = sorted({r.session for r in rows if r.session})
    schools = sorted({r.school for r in rows if r.school})
    html = env.get_template("bordereau.html").render(
        rows=rows, missing=missing, anonymous=anonymous, parts=PARTS, sessions=sessions,
        schools=schools, made=made.strftime("%d/%m/%Y à %H:%M"), hash_prefix=HASH_PREFIX,
        fonts=print_font_css(),
        signed=sum(r.signature == "oui" for r in rows))
    html = french_spacing_html(html)     # « » kept with their word (non-breaking spaces)
    import weasyprint

    fetcher = ConfinedFetcher([THEME, *{f.path.parent for f in FONTS}])
    document = weasyprint.HTML(string=html, base_url=THEME.as_uri() + "/",
                               url_fetcher=fetcher).render()
    document.metadata.title = "Bordereau de remise des dossiers"
    document.metadata.lang = "fr"
    return document.write_pdf(pdf_variant=VARIANT)


def write_receipt(rows: list[ReceiptRow], folder: Path, missing: list[str] = (),
                  anonymous: bool = False, made: dt.datetime | None = None) -> tuple[Path, Path]:
    """Write ``bordereau-<date>.pdf`` and ``.csv`` into ``folder``; returns both paths."""
    if not rows:
        raise DossierError("aucun dossier rendu : pas de bordereau à faire.", folder,
                           hint="Rendez d'abord les dossiers : python3 build.py rendre <nom>")
    made = (made or dt.datetime.now()).replace(microsecond=0)
    folder.mkdir(parents=True, exist_ok=True)
    stem = "bordereau" + ("-anonyme" if anonymous else "") + made.strftime("-%Y-%m-%dT%H%M%S")
    pdf, table = folder / f"{stem}.pdf", folder / f"{stem}.csv"
    pdf.write_bytes(_pdf(rows, list(missing), anonymous, made))
    table.write_text(_csv(rows, anonymous), encoding="utf-8", newline="")
    return pdf, table
