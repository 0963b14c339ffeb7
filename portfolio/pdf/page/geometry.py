"""The printed page's geometry, as the Python side reads it: the one place for these numbers.

The print stylesheet (``themes/print/print.css``) lays the page out with the same values (a
test reads them back from it): the grid (:mod:`.grid`), the print copies' sizes, the resolution
warnings, the cover check and the body classes of the print document all come from here.
"""

from __future__ import annotations

from ...markdown.figures import BLOCKS as WIDE_BLOCKS  # boards: across the page, not in a column

__all__ = ["COLUMN_GAP_MM", "COVER_INSET_MM", "COVER_PORTRAIT_IMAGE", "COVER_TEXT_MM",
           "MARGINS_MM", "ONE_COLUMN_BELOW_MM", "SHORT_BELOW_MM", "SIDE_MARGIN_MM",
           "THREE_COLUMNS_FROM_MM", "WIDE_BLOCKS"]

MARGINS_MM = (16, 20, 18, 20)   # @page margin: top, right, bottom, left
SIDE_MARGIN_MM = MARGINS_MM[1]  # left and right
COLUMN_GAP_MM = 12              # .band column-gap: the gutter of the grid
THREE_COLUMNS_FROM_MM = 400     # a page this wide has three text columns (A3 landscape)...
ONE_COLUMN_BELOW_MM = 260       # ...a narrower one than this one (body.fmt-narrow), else two
SHORT_BELOW_MM = 250            # a lower page has short board rows (body.fmt-short)
COVER_TEXT_MM = 130             # .cover-text panel; the photo is fitted beside it...
COVER_INSET_MM = 16             # ...this far from the page's edges (.cover-image)
COVER_PORTRAIT_IMAGE = 0.58     # portrait: the photo above the text, on this share of the height
