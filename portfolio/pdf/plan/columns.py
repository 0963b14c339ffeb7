"""Blocks + a number of columns and their width -> the columns filled one after the other, or
balanced (of nearly equal height), as CSS would set them: margins collapsing, a heading never
last in a column, a paragraph cut between lines (no widow, no orphan)."""

from __future__ import annotations

from ..page.grid import Grid
from .blocks import Block, Heading, Typeset

__all__ = ["balance", "fill", "text_columns"]


def _space_above(block: Block, t: Typeset, at_top: bool) -> float:
    return 0.0 if at_top or not isinstance(block, Heading) else t.heading_above_mm


def fill(blocks: list[Block], count: int, width: float, height: float, t: Typeset,
         force: bool = True) -> tuple[list[list[Block]], list[Block], list[float]]:
    """Set ``blocks`` in ``count`` columns ``height`` high, one after the other: the columns,
    what did not fit, and each column's height. Margins collapse as in CSS: between two
    blocks the larger of the first's bottom margin and the space above the second. A block
    taller than a column is set in an empty one anyway when ``force``, else left over."""
    queue = list(blocks)
    columns: list[list[Block]] = []
    heights: list[float] = []
    for _ in range(count):
        column: list[Block] = []
        y = pending = 0.0
        while queue:
            block = queue[0]
            gap = max(pending, _space_above(block, t, False)) if column else 0.0
            need = gap + block.height(width)
            if y + need <= height + 0.01:
                if block.keep_with_next and len(queue) > 1 and column:
                    after = queue[1]
                    rest = height - (y + need + max(block.margin, 0.0))
                    if after.min_height(width) > rest + 0.01:
                        break                        # a heading never ends a column
                column.append(block)
                y += need
                pending = block.margin
                queue.pop(0)
                continue
            head, tail = block.split(width, height - y - gap)
            if head is not None and not (block.keep_with_next and column):
                column.append(head)
                y += gap + head.height(width)
                if tail is None:
                    queue.pop(0)
                else:
                    queue[0] = tail
            elif not column and head is None and force:   # taller than a column: set it
                column.append(block)
                y += need
                queue.pop(0)
            break
        if column and column[-1].keep_with_next and queue:
            queue.insert(0, column.pop())            # a heading left at a column's foot
            y = _column_height(column, width, t)
        columns.append(column)
        heights.append(y)
    return columns, queue, heights


def _column_height(column: list[Block], width: float, t: Typeset) -> float:
    y = pending = 0.0
    for index, block in enumerate(column):
        y += (max(pending, _space_above(block, t, False)) if index else 0.0) + \
            block.height(width)
        pending = block.margin
    return y


def balance(blocks: list[Block], count: int, width: float, t: Typeset
            ) -> tuple[list[list[Block]], float]:
    """``blocks`` in ``count`` columns of (nearly) equal height: the columns and their
    height (the tallest)."""
    total = sum(b.height(width) + b.margin for b in blocks) + sum(
        t.heading_above_mm for b in blocks if isinstance(b, Heading))
    if count == 1 or total <= 0:
        columns, _, heights = fill(blocks, 1, width, max(total, 1.0) + 1, t)
        return columns, max(heights, default=0.0)
    low = max(total / count, max((b.min_height(width) for b in blocks), default=0.0)) - 1
    high = total + 1
    best = None
    for _ in range(14):
        middle = (low + high) / 2
        columns, rest, heights = fill(blocks, count, width, middle, t)
        if rest:
            low = middle
        else:
            high = middle
            best = (columns, max(heights, default=0.0))
        if high - low < 0.8:
            break
    if best is None:
        columns, _, heights = fill(blocks, count, width, high, t)
        best = (columns, max(heights, default=0.0))
    return best


def text_columns(grid: Grid, units: int) -> tuple[int, float]:
    """Text columns in ``units`` of the grid: ``(count, width)`` (0 when no room)."""
    if units < 2:
        return 0, 0.0
    if units % 2 == 0:
        count = units // 2
        return count, grid.unit_span(2)
    span = grid.unit_span(units)
    return 2, (span - grid.gutter) / 2
