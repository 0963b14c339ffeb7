"""Text bound for a terminal -> the same text with control characters shown, never obeyed.

A file name, a link target or a title a student typed can hold ESC / OSC sequences (``\\x1b]0;``
renames the teacher's terminal window, others rewrite what was printed) or bidirectional
overrides (text shown in another order than it reads). Messages show them escaped (``\\x1b``),
and the command line writes through :class:`SafeStream`, which does the same to whatever else
it prints.
"""

from __future__ import annotations

import re
from typing import TextIO

__all__ = ["SafeStream", "visible"]

# C0 controls but tab and line ends, DEL, C1 controls, bidirectional overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
                      "\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``)."""
    return _CONTROL.sub(_escape, text)


class SafeStream:
    """A text stream that escapes control characters before writing them (see :func:`visible`)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self.stream, name)
