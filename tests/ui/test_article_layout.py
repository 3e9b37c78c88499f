"""The article layout: word wrap by offsets, reading order, sections apart from the body."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from kzreader.core.corpus.model import Article, Kind, Paragraph
from kzreader.ui.article_layout import ArticleLayout, Role, wrap_offsets


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("ab cdé\tЖ日 [/]\\-—\u0301"),
        max_size=300,
    ),
    st.integers(min_value=1, max_value=40),
)
def test_wrapped_lines_fit_and_lose_no_words(text: str, width: int) -> None:
    lines = wrap_offsets(text, width)
    for start, end in lines:
        assert 0 <= start <= end <= len(text)
        assert cell_len(text[start:end].rstrip()) <= max(width, 2)
    # every non-space character is on exactly one line, in order
    covered = "".join(text[s:e] for s, e in lines)
    assert "".join(covered.split()) == "".join(text.split())
    assert [s for s, _ in lines] == sorted(s for s, _ in lines)


def test_wrap_breaks_at_spaces_and_folds_long_words() -> None:
    text = "the quick brown fox jumps over supercalifragilistic"
    lines = [text[s:e].rstrip() for s, e in wrap_offsets(text, 10)]
    assert lines == ["the quick", "brown fox", "jumps over", "supercalif", "ragilistic"]
    assert wrap_offsets("", 10) == [(0, 0)]


def _article(*paragraphs: tuple[Kind, str], title: str = "T") -> Article:
    return Article(
        id="x",
        path=None,  # type: ignore[arg-type]
        title=title,
        author="A. Author",
        outlet="Outlet",
        date="2024-01",
        paragraphs=tuple(
            Paragraph(n, kind, text, heading=text.startswith("#"))
            for n, (kind, text) in enumerate(paragraphs, 1)
        ),
        sha256="0",
    )


def test_comments_and_boilerplate_come_after_the_body_under_rules() -> None:
    article = _article(
        (Kind.TITLE, "T"),
        (Kind.BODY, "first"),
        (Kind.BOILERPLATE, "ISSN 1234"),
        (Kind.BODY, "# Heading"),
        (Kind.COMMENT, "a comment"),
        (Kind.BODY, "last body"),
    )
    layout = ArticleLayout(article, 40, words=3)
    roles = [(b.role, b.paragraph) for b in layout.blocks]
    assert roles == [
        (Role.TITLE, 1),
        (Role.META, None),
        (Role.BODY, 2),
        (Role.HEADING, 4),
        (Role.BODY, 6),
        (Role.RULE, None),
        (Role.COMMENT, 5),
        (Role.RULE, None),
        (Role.BOILERPLATE, 3),
    ]
    assert layout.order == [1, 2, 4, 6, 5, 3]
    assert layout.blocks[1].text == "A. Author · Outlet · 2024-01 · 3 words"
    hidden = ArticleLayout(article, 40, show_comments=False)
    assert hidden.block(5) is None and hidden.order == [1, 2, 4, 6, 3]
    assert any(b.role is Role.HINT for b in hidden.blocks)


def test_lines_map_back_to_blocks_and_paragraphs() -> None:
    article = _article((Kind.BODY, "word " * 30), (Kind.BODY, "second"), title="Given title")
    layout = ArticleLayout(article, 20)
    assert layout.blocks[0].role is Role.TITLE and layout.blocks[0].paragraph is None
    body = layout.block(1)
    assert body is not None and len(body.lines) >= 7
    assert layout.paragraph_at(body.top) == 1
    assert layout.paragraph_at(body.bottom) is None  # the gap line
    assert layout.paragraph_at(body.bottom + 1) == 2
    assert layout.first_at_or_below(body.top + 1) == 2
    assert layout.at(layout.height) is None
    assert body.line_of(0) == 0 and body.line_of(len(body.text) - 1) == len(body.lines) - 1
