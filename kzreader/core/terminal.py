"""The one sanitiser for text on its way to a terminal (CLI output, notices, JSON).

Article text is cleaned when it is loaded (``core.text``), but a file name, a theme's
description, a YAML key or a query reaches a message as it came, and a name holding
``ESC ] 52 ; …`` sets the user's clipboard when printed, ``ESC ] 0`` retitles the
terminal, ``ESC [ 2J`` clears it. Every text bound for a terminal goes through
:func:`printable` here (the CLI's streams, JSON included, and the app's
notifications): control characters are shown, not obeyed — ESC as the six characters
``\\u001b`` — so the user can still tell which file is meant.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

# C0 controls (tab and newline are decided per call), DEL, C1 controls, the bidi
# embedding/override/isolate characters (they reorder what is shown), the line and
# paragraph separators, and lone surrogates (undecodable bytes of a file name).
_OTHER = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = "\x00-\x08\x0b-\x1f" + _OTHER
_UNSAFE_LINE = re.compile(f"[\n\t{_UNSAFE}]")
# Text of several lines keeps CRLF line ends (CSV's) but not a lone CR, which would
# draw the rest of a line over its start.
_UNSAFE_TEXT = re.compile(f"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f{_OTHER}]")

#: Style (SGR) sequences only: the one escape sequence a CLI's own colours use.
_SGR = re.compile(r"\x1b\[[0-9;:]*m")

_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or f"\\u{ord(char):04x}"


def printable(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character shown as ``\\uNNNN`` instead of obeyed.

    One line by default (a newline in a file name becomes ``\\n``); with
    ``multiline`` newlines and tabs are kept. The notation is JSON's, so JSON text
    passed through stays valid JSON and means the same (``\\u009b``, ``\\udcff``).
    """
    if text.isascii() and text.isprintable():
        return text
    return (_UNSAFE_TEXT if multiline else _UNSAFE_LINE).sub(_shown, text)


class OutputClosed(Exception):
    """The reader of the output went away (``| head``): stop quietly.

    Not a ``BrokenPipeError``: Rich turns that into ``SystemExit(1)``, and code that
    reports ``OSError`` on its input files must not take it for theirs.
    """


class OutputError(Exception):
    """Writing the output failed (a full disk, ``/dev/full``, an I/O error) — not a bug."""

    def __init__(self, error: OSError) -> None:
        self.reason = error.strerror or str(error)
        super().__init__(self.reason)


class PrintableStream:
    """A text stream that passes everything written through :func:`printable`.

    The CLI's stdout and stderr are wrapped in one, so no command can print a raw
    escape sequence whatever it prints. On a terminal, Rich's own style sequences
    (SGR, ``ESC [ … m``: colour, bold) are let through, nothing else.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._styles = _isatty(stream)

    def write(self, text: str) -> int:
        try:
            self._stream.write(self._safe(text))
        except BrokenPipeError as error:
            raise OutputClosed from error
        except OSError as error:
            raise OutputError(error) from error
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError as error:
            raise OutputClosed from error
        except OSError as error:
            raise OutputError(error) from error

    def _safe(self, text: str) -> str:
        if self._styles and "\x1b" in text:
            parts = _SGR.split(text)
            styles = _SGR.findall(text)
            out = [printable(parts[0], multiline=True)]
            for style, part in zip(styles, parts[1:], strict=True):
                out += [style, printable(part, multiline=True)]
            return "".join(out)
        return printable(text, multiline=True)

    @property
    def raw(self) -> TextIO:
        """The wrapped stream, for a progress bar drawing only our own fixed labels."""
        return self._stream

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        # flush, fileno, isatty, encoding, errors…: the wrapped stream's own.
        return getattr(self._stream, name)


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
