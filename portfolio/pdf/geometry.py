"""The printed page's geometry, as the Python side reads it: the one place for these numbers.

The print stylesheet (``themes/print/print.css``) lays the page out with the same values (a
test reads them back from it): image widths for the print variants, the resolution warnings,
the cover check and the body classes of the print document all come from here.
"""

from __future__ import annotations

from ..markdown.figures import BLOCKS as WIDE_BLOCKS  # boards: across the page, not in a column

__all__ = ["COLUMN_GAP_MM", "COVER_LANDSCAPE_WIDTH", "COVER_PORTRAIT_HEIGHT",
           "ONE_COLUMN_BELOW_MM", "SHORT_BELOW_MM", "SIDE_MARGIN_MM", "WIDE_BLOCKS"]

SIDE_MARGIN_MM = 20             # @page margin, left and right
COLUMN_GAP_MM = 12              # .section-body column-gap (two text columns)
ONE_COLUMN_BELOW_MM = 260       # a narrower page has one text column (body.fmt-narrow)
SHORT_BELOW_MM = 250            # a lower page has short board rows (body.fmt-short)
COVER_LANDSCAPE_WIDTH = 0.56    # .cover-image: 56 % of the width, the full height
COVER_PORTRAIT_HEIGHT = 0.55    # portrait: the full width, 55 % of the height (bottom: 45%)
