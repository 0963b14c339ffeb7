"""Trusted blocks (the cost study) put back into a section's HTML (issue 28, items 10 and 11):
only where the block was, never where a student typed a token, and a failure inside the
sanitiser's callback refuses the section in French instead of being swallowed."""

from __future__ import annotations

import pytest

from portfolio.dossier.load import load_dossier
from portfolio.markdown import render_section
from portfolio.util.errors import DossierError

TRUSTED = '<div class="etude">ÉTUDE DES COÛTS</div>'


def keep(kind, target, fragment):
    return fragment if kind == "external" else "x.png"


def render(make_dossier, project, body: str, link=keep):
    root = make_dossier(project / "students", "ana",
                        {"01-texte.md": "---\ntitre: Texte\n---\n" + body},
                        images={"photo.png": (40, 30)})
    dossier = load_dossier(root)
    section = dossier.sections[0]
    return render_section(section, {s.path: s for s in dossier.sections}, dossier.root, link,
                          blocks={"couts": lambda text, line, section: TRUSTED})


TYPED = [   # where a student types the old fixed token
    "Texte PORTFOLIOBLOCK0X dans une phrase.",
    "PORTFOLIOBLOCK0X",
    '![PORTFOLIOBLOCK0X](../images/photo.png "PORTFOLIOBLOCK0X")',
    "[lien](https://example.org/PORTFOLIOBLOCK0X)",
    "- PORTFOLIOBLOCK0X",
]


@pytest.mark.parametrize("typed", TYPED)
def test_a_typed_token_is_never_replaced_by_the_trusted_block(make_dossier, project, typed):
    html = render(make_dossier, project, f"\n{typed}\n\n```couts\n```\n\nFin.\n").html
    assert html.count(TRUSTED) == 1                      # once, where the block was
    assert html.index(TRUSTED) < html.index("Fin.")
    assert "PORTFOLIOBLOCK0X" in html                    # the student's text, as typed


def test_an_unexpected_failure_in_the_sanitiser_callback_refuses_in_french(make_dossier,
                                                                          project):
    def broken(kind, target, fragment):
        raise RecursionError("maximum recursion depth exceeded")

    with pytest.raises(DossierError) as error:
        render(make_dossier, project, "\n![photo](../images/photo.png)\n", link=broken)
    assert "students/ana/sections/01-texte.md:5 : lien ou média « ../images/photo.png » " \
        "illisible (erreur interne : RecursionError) : le dossier est refusé." in str(error.value)
