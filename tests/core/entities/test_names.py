"""Name keys: romanisation, Cyrillic, case, accents and possessives do not matter."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzreader.core import translit
from kzreader.core.entities.gazetteer import load_gazetteer
from kzreader.core.entities.names import edit_distance, name_key, slugify, transliterate
from kzreader.core.entities.tokens import _TOKEN


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


# ------------------------------------------------------------------ fast paths
# name_key, strip_possessive and the tokenizer run on millions of words in a build; each
# has a quicker form than its plain definition. These check the quick forms against the
# plain ones on generated text (letters chosen to hit every romanisation rule).


_ROMAN = st.text(alphabet="abcdehijklmnopqrstuvwxyz'  yyhhszcjdkqwiie", max_size=16)


def _folds_reference(key: str) -> str:
    for pattern, repl in translit._FOLDS:
        key = pattern.sub(repl, key)
    return key


@settings(max_examples=3000, deadline=None)
@given(_ROMAN)
def test_fold_romanisation_matches_every_rule_in_order(key: str) -> None:
    assert translit.fold_romanisation(key) == _folds_reference(key)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="ab's’S \n-", max_size=8))
def test_strip_possessive_matches_its_pattern(text: str) -> None:
    assert translit.strip_possessive(text) == translit._POSSESSIVE.sub("", text)


_TOKEN_REFERENCE = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:\w|[-'’.](?=\w))*")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="aZ9_-'’. \nÉжK", max_size=14))
def test_token_pattern_matches_the_per_letter_definition(text: str) -> None:
    spans = [m.span() for m in _TOKEN.finditer(text)]
    assert spans == [m.span() for m in _TOKEN_REFERENCE.finditer(text)]


def test_longest_from_bounds_every_listed_name() -> None:
    """The gazetteer pass tries n-grams only as long as ``longest_from`` allows: every
    listed name must fit under the bound of its own first word."""
    gaz = load_gazetteer()
    keys = [*gaz.by_key, *gaz.weak_keys, *gaz.generic, *gaz.titles, *gaz.non_entities]
    for key in keys:
        words = key.split()
        assert gaz.first_words[words[0]] >= min(len(words), gaz.max_tokens), key
    assert gaz.longest_from("Kazakhstan") >= 3  # "Kazakhstan Temir Zholy"
    assert gaz.longest_from("Kazakhstan's") == gaz.max_tokens  # keys apart from the word
    assert gaz.longest_from("Zzyzx") == 0
