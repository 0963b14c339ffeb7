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

__all__ = ["SafeStream", "unsafe_in_name", "visible", "visible_name"]

# C0 controls but tab and line ends, DEL, C1 controls, bidirectional overrides and isolates,
# the line and paragraph separators (U+2028, U+2029).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
                      "\u2066-\u2069\u2028\u2029]")
# In a name (file, folder): every control, format (invisible: U+200B, U+FEFF...), separator but
# the plain space, and unpaired surrogate (bytes that are not UTF-8) character.
_NAME_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
                          "\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``)."""
    return _CONTROL.sub(_escape, text)


def unsafe_in_name(name: str) -> list[str]:
    """The characters of ``name`` that must never enter a line-based file or a terminal raw
    (``["\\u2028", "\\n"]``), each once, as escapes."""
    return list(dict.fromkeys(_escape(m) for m in _NAME_UNSAFE.finditer(name)))


def visible_name(name: str) -> str:
    """``name`` with every control, invisible or line-breaking character as an escape: a file
    named ``a\\n✓ b`` prints on one line, ``lea\\u200b`` does not look like ``lea``."""
    return _NAME_UNSAFE.sub(_escape, name)


class SafeStream:
    """A text stream that escapes control characters before writing them (see :func:`visible`)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self.stream, name)
