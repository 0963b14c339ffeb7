"""Sections (declared roles + Markdown) and the required contents of the voie -> present or missing.

The checks a content may name in rules/voies.yml (``verifs``) form a small registry,
:data:`CHECKS`: each looks at one section's Markdown and says whether it passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import Problem
from ..model import Dossier, Section
from ..rules import RequiredContent

__all__ = ["CHECKS", "Check", "ContentStatus", "assess_contents"]

MIN_WORDS = 20

_FENCE = re.compile(r"^(`{3,}|~{3,})[ \t]*([\w-]*)[^\n]*\n.*?^\1[ \t]*$", re.M | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_IMAGE = re.compile(r"!\[[^\]]*\]\s*[(\[]|<img\b", re.I)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"[^\W\d_]{2,}")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M)
_AMOUNT = re.compile(r"\d\s*(€|eur\b|euros?\b)|(€|eur\b)\s*\d", re.I)


def _visible(body: str) -> str:
    """The Markdown without comments (students' templates hide their instructions there)."""
    return _COMMENT.sub("", body)


def _prose(body: str) -> str:
    text = _FENCE.sub("", _visible(body))
    text = _IMAGE.sub("", text)
    return _LINK_TARGET.sub("]", _INLINE_CODE.sub("", text))


def has_text(section: Section) -> bool:
    return len(_WORD.findall(_prose(section.body))) >= MIN_WORDS


def has_image(section: Section) -> bool:
    return bool(_IMAGE.search(_FENCE.sub("", _visible(section.body))))


def _tables(body: str) -> list[str]:
    """Markdown tables (header, rule, rows) of ``body``."""
    lines = body.split("\n")
    tables = []
    for index, line in enumerate(lines):
        if index and _TABLE_RULE.match(line) and "|" in lines[index - 1]:
            rows = [lines[index - 1]]
            for row in lines[index + 1:]:
                if "|" not in row:
                    break
                rows.append(row)
            tables.append("\n".join(rows))
    return tables


def has_costs(section: Section) -> bool:
    body = _visible(section.body)
    if any(m.group(2).lower() == "couts" for m in _FENCE.finditer(body)):
        return True
    for table in _tables(_FENCE.sub("", body)):
        header, _, rows = table.partition("\n")
        if _AMOUNT.search(table) or ("€" in header and re.search(r"\d", rows)):
            return True
    return False


@dataclass(frozen=True)
class Check:
    test: Callable[[Section], bool]
    wanted: str        # French, completes "Ajoutez une section avec « role: x » ..."
    needs: str         # French, completes "Complétez cette section : il lui faut ..."
    lacking: str       # French, what the section lacks


CHECKS: dict[str, Check] = {
    "texte": Check(has_text, f"rédigée (au moins {MIN_WORDS} mots)",
                   f"au moins {MIN_WORDS} mots de texte", f"moins de {MIN_WORDS} mots de texte"),
    "image": Check(has_image, "avec au moins une image", "au moins une image", "aucune image"),
    "couts": Check(has_costs, "contenant le bloc ```couts``` (ou un tableau chiffré en €)",
                   "le bloc ```couts``` (ou un tableau chiffré en €)",
                   "ni bloc ```couts``` ni tableau chiffré en €"),
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
    candidates = [s for s in dossier.all_sections() if s.role in content.roles]
    checks = [CHECKS[name] for name in content.checks]
    for section in candidates:
        if all(check.test(section) for check in checks):
            return ContentStatus(content, True, candidates)
    wanted = " et ".join(check.wanted for check in checks)
    hint = f"Ajoutez une section avec {_roles_text(content.roles)}" + (
        f" {wanted}." if wanted else ".")
    if not candidates:
        problem = Problem(f"contenu obligatoire manquant : {content.label}.",
                          dossier.root / "sections", hint=hint)
    else:
        section = candidates[0]
        failed = [c for c in checks if not c.test(section)]
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
    assert not unknown, f"rules/voies.yml names unknown checks: {sorted(unknown)}"
    return [_status(content, dossier) for content in contents]
