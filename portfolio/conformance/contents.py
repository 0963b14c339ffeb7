"""Sections (declared roles + Markdown) and the required contents of the voie -> present or missing.

The checks a content may name in rules/voies.yml (``verifs``) form a small registry,
:data:`CHECKS`: each looks at one section's Markdown and says whether it passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import yaml

from ..dossier.model import Dossier, Section
from ..dossier.scaffold import is_template_costs, strip_placeholders
from ..rules import RULES_FILE, RequiredContent
from ..util.errors import ConfigError, Problem

__all__ = ["CHECKS", "Check", "ContentStatus", "ReaderView", "assess_contents", "reader_view"]

MIN_WORDS = 20

# Markdown as the reader gets it (raw HTML passes through, as it does before sanitising).
READER_EXTENSIONS = ["extra", "admonition", "sane_lists"]
_WORD = re.compile(r"[^\W\d_]{2,}")
_AMOUNT = re.compile(r"\d\s*(€|eur\b|euros?\b)|(€|eur\b)\s*\d", re.I)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# A production run named in a table of costs: "série de 10", "production", "10 pièces".
_PRODUCTION = re.compile(r"s[ée]ries?\b|production|\d+\s*pi[èe]ces", re.I)
_HIDDEN = {"code", "pre", "script", "style", "template", "textarea"}   # not read as prose


@dataclass(frozen=True)
class ReaderView:
    """What a reader of a section sees: its prose, its images, its tables, its cost block."""

    words: int
    images: int
    tables: tuple[str, ...]      # each table's text (header and rows)
    costs_block: bool            # a ```couts``` block (rendered as the cost study)
    costs_text: str = ""         # the block's inline YAML (empty: it reads couts.yml)


class _Reader(HTMLParser):
    """Walks the section's HTML: text outside code, images, tables, and ```couts``` blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.text: list[str] = []
        self.images = 0
        self.tables: list[list[str]] = []
        self.costs_block = False
        self.in_costs = False
        self.costs_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img" and not self.hidden:
            self.images += 1
        elif tag == "code" and self.hidden == 1 and "language-couts" in (
                dict(attrs).get("class") or "").split():
            self.costs_block = self.in_costs = True     # <pre><code class="language-couts">
        if tag == "table" and not self.hidden:
            self.tables.append([])
        if tag in _HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "code":
            self.in_costs = False
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.in_costs:
            self.costs_text.append(data)
        if self.hidden:
            return
        self.text.append(data)
        if self.tables:
            self.tables[-1].append(data)


@lru_cache(maxsize=256)
def reader_view(body: str) -> ReaderView:
    """The section's Markdown ``body`` seen as a reader sees it: no code span or block, no HTML
    comment, none of the placeholder lines of the ``build.py new`` template."""
    html = markdown.markdown(strip_placeholders(body), extensions=READER_EXTENSIONS)
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return ReaderView(len(_WORD.findall(" ".join(reader.text))), reader.images,
                      tuple(" ".join(t) for t in reader.tables), reader.costs_block,
                      "".join(reader.costs_text))


def has_text(section: Section, dossier: Dossier) -> bool:
    return reader_view(section.body).words >= MIN_WORDS


def has_image(section: Section, dossier: Dossier) -> bool:
    return reader_view(section.body).images > 0


def _has_production(text: str) -> bool:
    """Whether a cost study's YAML studies a production run (a series of more than one piece;
    without ``series`` the study's default series of 10 and 50 pieces count)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return True                  # the render says what is wrong with it
    series = data.get("series") if isinstance(data, dict) else None
    if series is None:
        return True
    sizes = series if isinstance(series, list) else [series]
    return any(isinstance(n, int) and not isinstance(n, bool) and n > 1 for n in sizes)


def has_costs(section: Section, dossier: Dossier) -> bool:
    """The costs of making one piece and of producing it: a ```couts``` block (whose couts.yml
    is not the untouched template) with a series of more than one piece, or a table with an
    amount in euros for the piece and one for a production named as such (« série »,
    « production », « 10 pièces »)."""
    view = reader_view(section.body)
    if view.costs_block:
        if view.costs_text.strip():
            return _has_production(view.costs_text)
        costs = dossier.root / "couts.yml"
        try:
            text = costs.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return True              # no file: the render says what is wrong
        return not is_template_costs(text) and _has_production(text)
    return any((_AMOUNT.search(table) or "€" in table) and len(_NUMBER.findall(table)) >= 2
               and _PRODUCTION.search(table) for table in view.tables)


@dataclass(frozen=True)
class Check:
    test: Callable[[Section, Dossier], bool]
    wanted: str        # French, completes "Ajoutez une section avec « role: x » ..."
    needs: str         # French, completes "Complétez cette section : il lui faut ..."
    lacking: str       # French, what the section lacks


CHECKS: dict[str, Check] = {
    "texte": Check(has_text, f"rédigée (au moins {MIN_WORDS} mots)",
                   f"au moins {MIN_WORDS} mots de texte", f"moins de {MIN_WORDS} mots de texte"),
    "image": Check(has_image, "avec au moins une image", "au moins une image", "aucune image"),
    "couts": Check(has_costs, "contenant le bloc ```couts``` (ou un tableau chiffré en € du "
                   "coût d'une pièce et de sa production en série)",
                   "le bloc ```couts``` et son couts.yml rempli (pas le modèle de « nouveau »), "
                   "avec une série de plus d'une pièce (« series: [1, 10] »), ou un tableau "
                   "chiffré en € du coût de réalisation d'une pièce et du coût de production "
                   "en série",
                   "ni coût de réalisation et de production : bloc ```couts``` avec une série "
                   "de plus d'une pièce, ou tableau chiffré en € nommant la série"),
}


@dataclass
class ContentStatus:
    """One required content: present or not, where, and what to do."""

    content: RequiredContent
    present: bool
    sections: list[Section] = field(default_factory=list)   # sections with an accepted role
    problem: Problem | None = None

    @property
    def label(self) -> str:
        return self.content.label


def _roles_text(roles: tuple[str, ...]) -> str:
    """``("a", "b")`` -> ``« role: a » (ou « role: b »)``."""
    first, *others = (f"« role: {r} »" for r in roles)
    return first + (f" (ou {', '.join(others)})" if others else "")


def _status(content: RequiredContent, dossier: Dossier) -> ContentStatus:
    candidates = [s for s in dossier.all_sections() if set(s.roles) & set(content.roles)]
    checks = [CHECKS[name] for name in content.checks]
    for section in candidates:
        if all(check.test(section, dossier) for check in checks):
            return ContentStatus(content, True, candidates)
    wanted = " et ".join(check.wanted for check in checks)
    hint = f"Ajoutez une section avec {_roles_text(content.roles)}" + (
        f" {wanted}." if wanted else ".")
    if not candidates:
        problem = Problem(f"contenu obligatoire manquant : {content.label}.",
                          dossier.root / "sections", hint=hint)
    else:
        section = candidates[0]
        failed = [c for c in checks if not c.test(section, dossier)]
        problem = Problem(
            f"contenu obligatoire incomplet : {content.label} "
            f"({', '.join(c.lacking for c in failed)} dans « {section.title} »).",
            section.path, hint="Complétez cette section : il lui faut "
            + " et ".join(c.needs for c in failed) + ".")
    return ContentStatus(content, False, candidates, problem)


def assess_contents(dossier: Dossier, contents: tuple[RequiredContent, ...]
                    ) -> list[ContentStatus]:
    """The status of each required content of the dossier's voie, in the rules' order."""
    unknown = {name for c in contents for name in c.checks} - set(CHECKS)
    if unknown:
        raise ConfigError(f"règles : vérification inconnue « {sorted(unknown)[0]} » dans les "
                          "contenus obligatoires.", RULES_FILE,
                          hint="Corrigez portfolio/rules/voies.yml : les vérifications possibles "
                          f"sont {', '.join(sorted(CHECKS))}.")
    return [_status(content, dossier) for content in contents]
