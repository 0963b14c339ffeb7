"""The site's fonts: WOFF2 subsets for French of whatever fonts FONTS lists, cached by content."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont
from helpers import session_font_cache

from portfolio.site import fonts as site_fonts
from portfolio.site.fonts import CHARACTERS, unicode_ranges, web_font_css, web_fonts
from portfolio.util.fonts import FONTS

FRENCH = "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»’€–—…\u202f\u00a0"


@pytest.mark.slow      # every font subset from nothing
def test_every_font_becomes_a_small_woff2_with_the_french_characters(tmp_path, monkeypatch):
    fonts = web_fonts(tmp_path)
    assert len(fonts) == len(FONTS) and len({web.name for web in fonts}) == len(FONTS)
    total = 0
    for web in fonts:
        original = TTFont(str(web.font.path), lazy=True)
        subset = TTFont(str(web.path))
        assert subset.flavor == "woff2" and web.name.endswith(".woff2")
        cmap = subset.getBestCmap()
        assert all(ord(ch) in cmap for ch in FRENCH), web.font
        assert set(cmap) <= CHARACTERS
        # The weights stay variable (one file per style serves every weight).
        if "fvar" in original:
            assert [a.axisTag for a in subset["fvar"].axes] == [
                a.axisTag for a in original["fvar"].axes]
        size = web.path.stat().st_size
        assert size < web.font.path.stat().st_size / 4
        total += size
    assert total < 600_000

    # Made once: a second build finds them in the cache.
    def no_subsetting(*args):
        raise AssertionError("subset again")

    monkeypatch.setattr(site_fonts, "_subset", no_subsetting)
    assert [web.path for web in web_fonts(tmp_path)] == [web.path for web in fonts]


def test_css_declares_woff2_and_the_range_each_font_covers():
    fonts = web_fonts(session_font_cache())     # subsets made once for the whole run
    css = web_font_css(fonts, lambda web: f"fonts/{web.name}")
    assert css.count("@font-face") == len(FONTS)
    assert "format('woff2')" in css and "truetype" not in css
    for web in fonts:
        assert f"url('fonts/{web.name}')" in css
    assert "unicode-range: U+20-7E, U+A0-" in css


@pytest.mark.parametrize("points, ranges", [
    ([0x41], "U+41"),
    ([0x41, 0x42, 0x43], "U+41-43"),
    ([0x20, 0x21, 0xA0, 0x152, 0x153], "U+20-21, U+A0, U+152-153"),
    ([0x153, 0x152, 0x152], "U+152-153"),
])
def test_unicode_ranges(points, ranges):
    assert unicode_ranges(points) == ranges
