"""Turning raw bytes from anywhere into clean, safe text.

Articles come from scraped pages, pasted text and other people's folders, so the
bytes may be in any encoding and may carry terminal escape sequences or control
characters that must never reach a terminal. Everything is cleaned here, once, at
load time; the rest of the program can trust the text it is given.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass


class BinaryFileError(ValueError):
    """The bytes are not text (they hold NUL bytes outside a UTF-16/32 file)."""


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used when it was not UTF-8."""

    text: str
    encoding: str
    guessed: bool  # True when the encoding was detected, not known (worth a warning)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes: BOM, else UTF-8, else a detected encoding.

    Raises BinaryFileError for data that is not text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.replace("-sig", ""), False)
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise BinaryFileError("contains NUL bytes (binary, not text)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # only for files that are not UTF-8 (start-up time)

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise BinaryFileError("not text in any encoding that could be detected")
    if best.encoding in _OTHER_LATIN and len(data) <= _SHORT:
        # A short Western text fits several Latin code pages equally ("naïve" or
        # "naďve"); English and Western copy is written in Windows-1252 far more often.
        # (A longer one gives the detector enough to tell Polish from French.)
        try:
            return Decoded(data.decode("cp1252"), "cp1252", True)
        except UnicodeDecodeError:
            pass
    return Decoded(str(best), best.encoding, True)


#: Up to this many bytes, a detector's Latin code page is a guess among equals.
_SHORT = 600

#: Code pages a detector picks for short Western text that Windows-1252 also reads (the
#: Latin ones, and cp1006, seen picked for a Latin-1 file).
_OTHER_LATIN = frozenset(
    "cp1250 cp1254 cp1257 iso8859_2 iso8859_3 iso8859_4 iso8859_9 iso8859_10 iso8859_13"
    " iso8859_14 iso8859_15 iso8859_16 latin_1 mac_roman mac_latin2 cp1006 cp437 cp850".split()
)


# Escape sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), DCS/SOS/PM/APC
# (ESC P/X/^/_ … ST), the 8-bit forms of those introducers, and two-byte ESC x.
_ESCAPES = re.compile(
    r"""
      (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                    # CSI
    | (?:\x1b\]|\x9d).*?(?:\x07|\x1b\\|\x9c|$)            # OSC, ended by BEL or ST
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f]).*?(?:\x1b\\|\x9c|$)  # DCS, SOS, PM, APC
    | \x1b[ -/]*[0-~]?                                    # any other ESC sequence
    """,
    re.VERBOSE | re.DOTALL,
)

# C0 controls except tab and newline, DEL, C1 controls; and the bidi embedding,
# override and isolate characters, which can reorder what a terminal shows.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Spaces that are not plain spaces but should read as one.
_SPACES = re.compile("[\u00a0\u2007\u202f]")


#: Characters that can start an escape sequence: only text holding one needs the
#: (slow, on megabytes) escape-sequence pass; ``in`` finds them at memchr speed.
_INTRODUCERS = "\x1b\x9b\x9d\x90\x98\x9e\x9f"


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters; keep newlines and tabs."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(c in text for c in _INTRODUCERS):
        text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def clean_text(text: str) -> str:
    """Everything the loader does to text: controls out, NFC, non-breaking spaces to spaces."""
    text = strip_controls(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        text = _SPACES.sub(" ", text)
    return text


def is_clean(text: str) -> bool:
    """True when the text holds nothing a terminal could interpret."""
    return not _CONTROLS.search(text) and "\x1b" not in text


def fold_accents(text: str) -> str:
    """Drop combining marks: ``Güneş`` → ``Gunes``. Used for search and matching only."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
