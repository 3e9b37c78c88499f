"""Name keys: romanisation, Cyrillic, case, accents and possessives do not matter."""

from __future__ import annotations

import pytest

from kzreader.core.entities.names import edit_distance, name_key, slugify, transliterate


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kassym-Jomart Tokayev", "Kassym-Zhomart Tokayev"),
        ("Kassym-Jomart Tokayev", "Қасым-Жомарт Тоқаев"),
        ("Yevgeny", "Evgeny"),
        ("Sergey", "Sergei"),
        ("Dmitry", "Dmitriy"),
        ("Aleksei", "Alexei"),
        ("Fyodorov", "Fedorov"),
        ("Tokayev’s", "Tokayev"),
        ("Медведев", "Medvedev"),
        ("Нур-Султан", "Nur-Sultan"),
        ("Güneş", "Gunes"),
        ("KARAGANDA PROVINCE", "Karaganda province"),
    ],
)
def test_same_name(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("EU", "EEU"),  # acronyms keep every letter
        ("Nur-Sultan", "Nursultan"),  # the city is not the man
        ("Karaganda", "Karaganda province"),
        ("Evgenia", "Evgeny"),
    ],
)
def test_different_names(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_transliterate_and_slug() -> None:
    assert transliterate("Медведев") == "Medvedev"
    assert slugify("Kassym-Jomart Tokayev") == "kassym-jomart-tokayev"
    assert slugify("Prosecutor General’s Office") == "prosecutor-generals-office"
    assert slugify("Қонаев") == "konaev"


def test_edit_distance() -> None:
    assert edit_distance("jovtis", "zovtis", 1) == 1
    assert edit_distance("kotov", "kotova", 1) == 1
    assert edit_distance("abc", "xyzabc", 1) == 2
