"""Resizing: libvips (pinned wheel) gives Pillow's Lanczos pictures at the exact sizes (its speed
is measured by bench/classe.py, not here)."""

from __future__ import annotations

import pytest
from imagegen import photo
from PIL import Image, ImageChops, ImageStat

from portfolio.images.resample import ENGINE, Resampler, libvips

CHAIN = [(2763, 2072), (2400, 1800), (1600, 1200), (960, 720), (480, 360)]


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel, 0 to 255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / len(a.getbands())


def test_libvips_is_installed_and_keys_the_variants():
    """pyvips-binary is pinned (requirements.lock): no system library, the same on every
    machine; the engine is part of the variants' cache key (pixels differ slightly)."""
    assert libvips() is not None and ENGINE.startswith("vips-")


@pytest.mark.parametrize("mode", ["RGB", "L"])
def test_a_chain_of_widths_matches_pillows_lanczos(tmp_path, mode):
    """Each size exact, each picture within a grey level on average of Pillow's own
    ``resize`` (Lanczos 3 both): no visible change from the engine."""
    img = Image.open(photo(tmp_path / "p.jpg", (4000, 3000))).convert(mode)
    chain, reference = Resampler(img), img
    for size in CHAIN:
        made = chain.resize(size)
        reference = reference.resize(size, Image.Resampling.LANCZOS)
        assert made.size == size and made.mode == mode
        assert _mean_difference(made, reference) < 1.0, size


def test_transparency_is_resized_by_pillow_with_its_alpha_premultiplied():
    """A transparent pixel's colour does not bleed into its visible neighbours."""
    img = Image.new("RGBA", (400, 100), (255, 0, 0, 0))      # transparent red
    img.paste((0, 0, 255, 255), (200, 0, 400, 100))          # opaque blue
    small = Resampler(img).resize((100, 25))
    red, _, blue, alpha = small.getpixel((51, 12))
    assert alpha > 0 and red == 0 and blue == 255
