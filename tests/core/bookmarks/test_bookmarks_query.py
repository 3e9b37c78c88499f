"""The bookmarks filter as typed in the Bookmarks tab: words and #tags, tags by prefix."""

from __future__ import annotations

from kzreader.core.bookmarks import Anchor, Bookmark
from kzreader.core.bookmarks.model import Placed
from kzreader.core.bookmarks.query import parse_filter, typed_tag_matches


def _placed(*tags: str) -> Placed:
    anchor = Anchor(article="a", paragraph=1, start=0, end=4, quote="Text")
    return Placed(Bookmark(id="b1", anchor=anchor, tags=tags), None)


def test_words_and_tags_are_told_apart() -> None:
    assert parse_filter("putin #law  sanctions #") == ("putin sanctions", ["law"])
    assert parse_filter("") == ("", [])


def test_a_tag_matches_exactly_when_one_is_called_that_else_by_prefix() -> None:
    law, lawsuit = _placed("law"), _placed("Lawsuit")
    known = {"law", "lawsuit"}
    assert typed_tag_matches(law, "LAW", known) and not typed_tag_matches(lawsuit, "law", known)
    # Half typed: a prefix of a tag no bookmark is called.
    assert typed_tag_matches(lawsuit, "laws", known)
    assert not typed_tag_matches(law, "laws", known)
