"""SVG drawings: published as vector once scripts, handlers and external references are gone."""

from __future__ import annotations

import time

import pytest

from portfolio.images import ImageCache, sanitize_svg
from portfolio.pdf.page.placement import print_problems
from portfolio.util.errors import AssetError

DANGEROUS = """<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="210mm" height="100mm" viewBox="0 0 210 100" onload="alert(1)">
  <script>alert(document.cookie)</script>
  <style>@import url(http://evil.test/x.css); .a { fill: red }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="gold"/></linearGradient></defs>
  <rect width="210" height="100" fill="url(#g)" onclick="steal()"/>
  <image xlink:href="http://evil.test/pixel.png" width="10" height="10"/>
  <use href="#g"/>
  <a href="javascript:alert(1)"><circle r="5" cx="20" cy="20"/></a>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
  <set attributeName="href" to="javascript:alert(1)"/>
</svg>
"""


def test_scripts_handlers_and_external_references_are_removed(tmp_path):
    source = tmp_path / "croquis.svg"
    source.write_text(DANGEROUS, encoding="utf-8")
    data, width, height, notes = sanitize_svg(source)
    text = data.decode()
    for bad in ("<script", "onload", "onclick", "evil.test", "javascript:", "foreignObject",
                "<set", "@import"):
        assert bad not in text, bad
    assert 'fill="url(#g)"' in text and 'href="#g"' in text and "<circle" in text
    assert (width, height) == (794, 378)                      # 210 x 100 mm in CSS px
    assert "élément <script>" in notes and "attribut onload=" in notes
    variant = ImageCache(tmp_path / "cache").variant(source, "print")
    assert variant.vector and variant.suffix == ".svg"
    [problem] = print_problems(variant, 184)
    assert "dessin SVG nettoyé" in str(problem) and "croquis.svg" in str(problem)


def test_a_clean_svg_has_nothing_to_say(tmp_path):
    source = tmp_path / "plan.svg"
    source.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30">'
                      '<path d="M0 0L40 30"/></svg>', encoding="utf-8")
    cache = ImageCache(tmp_path / "cache")
    variant = cache.variant(source, "web")
    assert (variant.width, variant.height) == (40, 30) and not variant.notes
    assert cache.web_variants(source) == [variant]
    assert print_problems(variant, 184) == []                 # vector: no resolution limit


@pytest.mark.parametrize(("content", "message"), [
    ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
     "DOCTYPE ou des entités"),
    ("<svg><g></svg>", "XML mal formé"),
    ("<html><body/></html>", "ne contient pas de dessin SVG"),
    ("", "dessin SVG vide"),
])
def test_unusable_svg_is_refused_in_french(tmp_path, content, message):
    source = tmp_path / "dessin.svg"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(AssetError, match=message) as caught:
        ImageCache(tmp_path / "cache").variant(source, "web")
    assert caught.value.path == source


# Issue 28, item 9: an allowlist. Each row: a fragment inside <svg>, what must not remain.
ALLOWLIST = [
    ('<a href="java\tscript:alert(1)"><circle r="5"/></a>', ["script:"]),
    ('<a xlink:href=" java&#10;script:alert(1)"><circle r="5"/></a>', ["script:"]),
    ('<a href="#x"><set attributeName="xlink:href" to="javascript:alert(1)"/></a>',
     ["<set", "javascript"]),
    ('<a href="#x"><animate attributeName="href" values="javascript:alert(1)"/></a>',
     ["<animate", "javascript"]),
    ('<circle r="5" style="fill:url(java\tscript:x)"/>', ["script"]),
    ('<g data-auteur="Ana Dupont" aria-label="Ana Dupont"><circle r="5"/></g>',
     ["Ana Dupont", "data-", "aria-"]),
    ('<blink>x</blink><handler type="text/javascript">alert(1)</handler>',
     ["blink", "handler", "alert"]),
    ('<circle r="5" formaction="javascript:alert(1)" srcdoc="&lt;script&gt;"/>',
     ["formaction", "srcdoc", "script"]),
]


@pytest.mark.parametrize(("fragment", "absent"), ALLOWLIST)
def test_only_a_static_drawing_is_kept(tmp_path, fragment, absent):
    source = tmp_path / "dessin.svg"
    source.write_text('<svg xmlns="http://www.w3.org/2000/svg" '
                      'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 40 30">'
                      f'{fragment}<rect id="fond" width="40" height="30" fill="gold"/></svg>',
                      encoding="utf-8")
    text = sanitize_svg(source)[0].decode()
    for bad in absent:
        assert bad not in text, (bad, text)
    assert '<rect id="fond" width="40" height="30" fill="gold"' in text


def test_a_drawing_keeps_its_shapes_text_gradients_and_filters(tmp_path):
    source = tmp_path / "bague.svg"
    drawing = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30">'
               '<defs><radialGradient id="or" cx="0.5" fx="0.4"><stop offset="0" '
               'stop-color="#fd0"/></radialGradient><filter id="flou"><feGaussianBlur '
               'stdDeviation="1"/></filter></defs><g transform="translate(2 2)">'
               '<ellipse cx="10" cy="10" rx="8" ry="6" fill="url(#or)" filter="url(#flou)"/>'
               '<text x="1" y="28" font-family="serif" text-anchor="start">Anneau '
               '<tspan font-weight="bold">18 mm</tspan></text></g></svg>')
    source.write_text(drawing, encoding="utf-8")
    text, _, _, notes = sanitize_svg(source)
    for kept in (b"<radialGradient", b'fx="0.4"', b"<feGaussianBlur", b'stdDeviation="1"',
                 b'filter="url(#flou)"', b"<tspan", b"18 mm", b'text-anchor="start"'):
        assert kept in text, kept
    assert notes == []


def _blurred(count: int, how: str = 'filter="url(#f)"', style: str = "",
             copies: int = 1) -> str:
    """``count`` circles drawn through a blur (``how``), the group ``<use>``d ``copies`` times."""
    circles = "".join(f'<circle cx="{i % 100}" cy="{i // 100}" r="3" {how}/>'
                      for i in range(count))
    uses = '<use href="#c"/>' * (copies - 1)
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><defs><filter '
            f'id="f"><feGaussianBlur stdDeviation="4"/></filter></defs>{style}'
            f'<g id="c">{circles}</g>{uses}</svg>')


TOO_COSTLY = ("dessin SVG trop long à dessiner ({} éléments dessinés à travers un filtre — "
              "flou, ombre portée…, copies « <use> » comprises ; 1 000 éléments au plus), "
              "refusé.")

# Issue 28, item 8: drawing cost. Each row: the drawing, the count refused (None: kept).
FILTER_COST = [
    (_blurred(1000), None),                                       # at the bound
    (_blurred(1001), 1001),                                       # one more
    (_blurred(1001, 'style="filter: url(#f)"'), 1001),            # in the style attribute
    (_blurred(1001, 'style="fil\\74 er:url(#f)"'), 1001),         # escaped as CSS allows
    (_blurred(1001, 'filter="none"'), None),                      # no filter: nothing to count
    (_blurred(2000, ""), None),                                   # 2,000 plain circles
    # A style sheet with filters: every drawn element is counted (here the <g> too).
    (_blurred(999, "", "<style>circle { filter: url(#f) }</style>"), None),
    (_blurred(1000, "", "<style>circle { filter: url(#f) }</style>"), 1001),
    (_blurred(500, copies=2), None),                              # 1,000 with the copy
    (_blurred(501, copies=2), 1002),                              # a copy draws it again
    ('<svg xmlns="http://www.w3.org/2000/svg"><filter id="f"><feGaussianBlur '
     'stdDeviation="4"/></filter><g filter="url(#f)">' + '<circle r="3"/>' * 5000
     + "</g></svg>", None),                                       # one filter on a group
]


@pytest.mark.parametrize(("content", "refused"), FILTER_COST)
def test_a_drawing_too_costly_to_draw_is_refused_quickly(tmp_path, content, refused):
    source = tmp_path / "flou.svg"
    source.write_text(content, encoding="utf-8")
    if refused is None:
        assert sanitize_svg(source)[0].startswith(b"<?xml")
        return
    start = time.perf_counter()
    with pytest.raises(AssetError) as caught:
        ImageCache(tmp_path / "cache").variant(source, "web")
    assert time.perf_counter() - start < 5
    assert caught.value.path == source
    assert TOO_COSTLY.format(f"{refused:,}".replace(",", " ")) in str(caught.value)
