"""French typography on the web: non-breaking spaces before : ; ? ! and inside « », on text only."""

from __future__ import annotations

import pytest

from portfolio.util.text import NBSP, NNBSP, french_spacing, french_spacing_html


@pytest.mark.parametrize("typed, shown", [
    ("Prix : 12 €", f"Prix{NBSP}: 12{NBSP}€"),
    ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
    ("Attention !", f"Attention{NNBSP}!"),
    ("or ; argent", f"or{NNBSP}; argent"),
    ("« feuille »", f"«{NNBSP}feuille{NNBSP}»"),
    ("«feuille»", f"«{NNBSP}feuille{NNBSP}»"),
    ("Quoi ?!", f"Quoi{NNBSP}?!"),
    ("Note  :\nsuite", f"Note{NBSP}:\nsuite"),          # several spaces, line break after
    ("30 % du coût", f"30{NBSP}% du coût"),
    # Nothing added where nothing was typed: times, addresses, ratios.
    ("à 10:30", "à 10:30"),
    ("https://exemple.fr/page?x=1", "https://exemple.fr/page?x=1"),
    ("1:2", "1:2"),
    ("sans ponctuation", "sans ponctuation"),
    ("déjà\u00a0: insécable", f"déjà{NBSP}: insécable"),  # idempotent
])
def test_french_spacing_of_plain_text(typed, shown):
    assert french_spacing(typed) == shown
    assert french_spacing(shown) == shown


@pytest.mark.parametrize("html, expected", [
    ("<p>Note : voir</p>", f"<p>Note{NBSP}: voir</p>"),
    ("<p><strong>Pourquoi</strong> ?</p>", f"<p><strong>Pourquoi</strong>{NNBSP}?</p>"),
    # Code and preformatted text are left as written, and so is what follows them correctly.
    ("<p><code>a ? b : c</code> puis ?</p>", f"<p><code>a ? b : c</code> puis{NNBSP}?</p>"),
    ("<pre><code>x ;\n</code></pre><p>y ;</p>", f"<pre><code>x ;\n</code></pre><p>y{NNBSP};</p>"),
    ("<kbd>Ctrl :</kbd>", "<kbd>Ctrl :</kbd>"),
    # Attributes are never touched.
    ('<a href="/x?y=1" title="Voir : ici">lien ?</a>',
     f'<a href="/x?y=1" title="Voir : ici">lien{NNBSP}?</a>'),
    ('<img alt="Bague « Ginkgo » ?" src="a.png"> fin !',
     f'<img alt="Bague « Ginkgo » ?" src="a.png"> fin{NNBSP}!'),
    ("<!-- a : b --><p>c :</p>", f"<!-- a : b --><p>c{NBSP}:</p>"),
    ("<p>a &lt; b ; c</p>", f"<p>a &lt; b{NNBSP}; c</p>"),
])
def test_french_spacing_of_html_touches_text_only(html, expected):
    assert french_spacing_html(html) == expected
