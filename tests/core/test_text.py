from __future__ import annotations

import codecs

import pytest

from kzreader.core.text import BinaryFileError, clean_text, decode_bytes, fold_accents, is_clean


def test_utf8_with_and_without_bom() -> None:
    assert decode_bytes("Алматы".encode()).text == "Алматы"
    decoded = decode_bytes(codecs.BOM_UTF8 + "Алматы".encode())
    assert decoded.text == "Алматы" and not decoded.guessed


def test_utf16_with_bom_is_text_not_binary() -> None:
    decoded = decode_bytes("Kazakhstan – Казахстан".encode("utf-16"))
    assert decoded.text == "Kazakhstan – Казахстан"


def test_cp1251_is_detected_and_named() -> None:
    text = (
        "Президент Казахстана Касым-Жомарт Токаев заявил, что страна не признает референдумы. " * 3
    )
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded.guessed
    assert decoded.text == text
    assert "1251" in decoded.encoding


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(BinaryFileError):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


@pytest.mark.parametrize(
    "raw",
    [
        "a\x1b[2Jb",  # CSI clear screen
        "a\x1b]0;title\x07b",  # OSC window title
        "a\x1b]8;;http://x\x1b\\b",  # OSC hyperlink
        "a\x1b[?1049hb",  # alternate screen
        "a\x9b2Jb",  # C1 CSI clear screen
        "a\x85b",  # C1 next line
        "a\u202eb",  # bidi override
        "a\x07b",  # bell
    ],
)
def test_escapes_and_controls_are_removed(raw: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned == "ab"
    assert is_clean(cleaned)


def test_newlines_tabs_nbsp_and_nfc() -> None:
    assert clean_text("a\r\nb\tc\u00a0d") == "a\nb\tc d"
    assert clean_text("Gu\u0308nes\u0327") == "Güneş"


def test_fold_accents() -> None:
    assert fold_accents("Güneş") == "Gunes"


def test_a_short_western_text_in_a_latin_code_page_reads_as_windows_1252() -> None:
    """A detector finds several Latin code pages equally likely for a few accented
    words; the Western one reads them as written."""
    data = "Café owners in Almaty said the naïve plan would fail, Müller wrote.\n"
    decoded = decode_bytes(data.encode("latin-1"))
    assert decoded.text == data and decoded.guessed
    russian = "Президент провёл встречу в Астане с делегацией.\n"
    assert decode_bytes(russian.encode("cp1251")).text == russian


def test_a_longer_central_european_text_keeps_its_code_page() -> None:
    text = (
        "Prezydent Kazachstanu spotkał się z delegacją w Astanie. Rozmawiano o współpracy "
        "gospodarczej, tranzycie ropy i zbóż oraz o inwestycjach w energetykę. "
    ) * 6
    assert decode_bytes(text.encode("cp1250")).text == text
