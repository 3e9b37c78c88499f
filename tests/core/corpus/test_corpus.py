"""The document model on the five bundled articles, and loading odd folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from seed_ids import A000, A001, A002, A003, A004

from kzreader.core.corpus.collection import Corpus
from kzreader.core.corpus.model import Kind
from kzreader.core.corpus.txt import split_paragraphs as split_paragraphs_for_tests
from kzreader.core.paths import bundled_seeds


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.open(bundled_seeds())


def kinds(corpus: Corpus, article_id: str, kind: Kind) -> list[str]:
    return [p.text for p in corpus.article(article_id).paragraphs if p.kind is kind]


def test_five_articles_no_issues(corpus: Corpus) -> None:
    assert corpus.ids == [A000, A001, A002, A003, A004]
    assert corpus.issues == []


def test_titles_are_real(corpus: Corpus) -> None:
    titles = {info.id: info.title for info in corpus}
    assert titles[A000].startswith("Kazakhstan 'slavery' incident")
    assert titles[A003] == "A Week in Almaty, Part 3"
    for title in titles.values():
        assert "Analysis-" not in title and "ISSN" not in title
        assert len(title) > 10


def test_001_has_no_title_line_but_gets_a_title(corpus: Corpus) -> None:
    article = corpus.article(A001)
    assert kinds(corpus, A001, Kind.TITLE) == []
    assert article.paragraphs[0].text == "-Analysis-"
    assert article.paragraphs[0].kind is Kind.BOILERPLATE
    assert article.title == "Kazakhstan's crackdown on pro-Russian separatism"


def test_001_splits_on_single_newlines(corpus: Corpus) -> None:
    article = corpus.article(A001)
    assert len(article.paragraphs) == 52
    assert article.paragraph(2).text.startswith("In June, a court in the city of Ust-Kamenogorsk")
    newsletter = article.paragraph(3)
    assert "Worldcrunch Today" in newsletter.text and newsletter.kind is Kind.BOILERPLATE


def test_bylines_and_authors(corpus: Corpus) -> None:
    assert kinds(corpus, A000, Kind.BYLINE) == ["By Kanat Altynbayev"]
    assert corpus.info(A000).author == "Kanat Altynbayev"
    assert kinds(corpus, A004, Kind.BYLINE) == [
        "Akhas Tazhutov",
        "Akhas Tazhutov is a political analyst from Kazakhstan.",
    ]
    assert "*Akhas Tazhutov is a political analyst" in kinds(corpus, A002, Kind.BYLINE)


def test_issn_line_is_boilerplate_and_names_the_outlet(tmp_path: Path) -> None:
    # Without the sidecar, the ISSN alone tells the outlet.
    (tmp_path / "a.txt").write_bytes((bundled_seeds() / f"{A002}.txt").read_bytes())
    article = Corpus.open(tmp_path).article("a")
    assert article.paragraphs[0].text == "ISSN 2330-717X"
    assert article.paragraphs[0].kind is Kind.BOILERPLATE
    assert article.outlet == "Eurasia Review"
    assert article.paragraphs[1].kind is Kind.TITLE
    assert article.author == "Akhas Tazhutov"


def test_comment_sections(corpus: Corpus) -> None:
    comments_000 = kinds(corpus, A000, Kind.COMMENT)
    assert len(comments_000) == 10
    assert comments_000[0].startswith("CHURka (Turkic CHIRik)")
    assert comments_000[-1].startswith("I'm wondering how many Central Asians")
    comments_004 = kinds(corpus, A004, Kind.COMMENT)
    assert comments_004[0] == "• August 20, 2022 at 8:23 am"
    assert comments_004[-1].startswith("As for drawing away from Moscow towards Beijing")
    # The article body never contains comment text, and comments come after it.
    for article_id in (A000, A004):
        article = corpus.article(article_id)
        last_body = max(p.number for p in article.paragraphs if p.kind is Kind.BODY)
        first_comment = min(p.number for p in article.paragraphs if p.kind is Kind.COMMENT)
        assert last_body < first_comment
    assert kinds(corpus, A001, Kind.COMMENT) == []


def test_comment_form_and_reply_boilerplate(corpus: Corpus) -> None:
    boiler_000 = kinds(corpus, A000, Kind.BOILERPLATE)
    assert "Do you like this article?" in boiler_000
    assert "10 Comment(s)" in boiler_000
    assert any(t.startswith("Comment Policy") for t in boiler_000)
    boiler_004 = kinds(corpus, A004, Kind.BOILERPLATE)
    assert "Leave a Reply" in boiler_004
    assert boiler_004[-1].startswith("Your email address will not be published")
    assert "Leave a Reply" in kinds(corpus, A002, Kind.BOILERPLATE)


def test_repeated_captions_are_kept_once(corpus: Corpus) -> None:
    article = corpus.article(A000)
    texts = [p.text for p in article.paragraphs]
    assert len(texts) == len(set(texts))
    captions = kinds(corpus, A000, Kind.CAPTION)
    assert len(captions) == 2
    assert captions[0].endswith("[]")
    assert "screenshot from a video" in captions[1]
    # Numbers stay consecutive after the repeats are dropped.
    assert [p.number for p in article.paragraphs] == list(range(1, len(texts) + 1))


def test_text_is_clean_and_literal(corpus: Corpus) -> None:
    a003 = corpus.article(A003)
    assert any("[i.e. Russian cars–Trans.]" in p.text for p in a003.paragraphs)
    a004 = corpus.article(A004)
    assert a004.title.startswith("The Untold Truth")
    for article_id in corpus.ids:
        for para in corpus.article(article_id).paragraphs:
            assert "\u00a0" not in para.text
    assert corpus.article(A004).paragraph(1).text.startswith("The Untold Truth")


def test_cyrillic_link_line_is_boilerplate(corpus: Corpus) -> None:
    assert any("нажмите сюда" in t for t in kinds(corpus, A003, Kind.BOILERPLATE))


def test_headings_are_marked(corpus: Corpus) -> None:
    headings = [p.text for p in corpus.article(A000).paragraphs if p.heading]
    assert headings == [
        "Kotov's tall tale",
        "A lesson of censorship",
        "Not in Russia",
        "Feeding the Kremlin narrative",
    ]


def test_sidecar_metadata_wins(corpus: Corpus) -> None:
    info = corpus.info(A003)
    assert (info.author, info.outlet, info.date) == ("Grigory Pasko", "Robert Amsterdam", "2009-09")


def test_bad_files_are_skipped_with_one_warning_each(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A headline\n\nSome body text here.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.md").write_text("  \n\n \t\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.txt").write_bytes("Un café à Almaty, déjà vu à Astana.".encode("latin-1"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    corpus = Corpus.open(tmp_path)
    assert sorted(corpus.ids) == ["good", "latin1"]
    by_file = {issue.path: issue.message for issue in corpus.issues}
    assert set(by_file) == {"empty.txt", "blank.md", "binary.txt", "latin1.txt", "notes.pdf"}
    assert "not a PDF that can be read" in by_file["notes.pdf"]
    assert "empty" in by_file["empty.txt"]
    assert "binary" in by_file["binary.txt"]
    assert "not UTF-8" in by_file["latin1.txt"]
    assert "café" in corpus.article("latin1").paragraphs[0].text


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text", encoding="utf-8")
    real = os.open

    def deny(where: str | os.PathLike[str], flags: int, *args: int) -> int:
        if Path(where).name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(where))
        return real(where, flags, *args)

    monkeypatch.setattr(os, "open", deny)
    corpus = Corpus.open(tmp_path)
    assert corpus.ids == []
    assert "cannot be read" in corpus.issues[0].message


def test_recursive_and_duplicate_stems(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "note.md").write_text("# First\n\nBody one.", encoding="utf-8")
    (tmp_path / "b" / "note.txt").write_text("Second\n\nBody two.", encoding="utf-8")
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    corpus = Corpus.open(tmp_path)
    assert corpus.ids == ["note", "b/note"]
    assert corpus.article("note").title == "First"
    assert any("also called" in issue.message for issue in corpus.issues)


def test_hard_wrapped_text_is_joined() -> None:
    text = (
        "A headline here\n\n"
        "This paragraph was wrapped at a fixed width by an editor so that\n"
        "each line is about seventy characters long, and it goes on to a\n"
        "third line that ends the sentence.\n\n"
        "Second paragraph."
    )
    paragraphs = split_paragraphs_for_tests(text)
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("This paragraph") and paragraphs[1].endswith("sentence.")


def test_catalog_avoids_rereading_unchanged_files(tmp_path: Path, seeds_copy: Path) -> None:
    catalog = tmp_path / "catalog.json"
    first = Corpus.open(seeds_copy, catalog=catalog)
    assert catalog.exists()
    (seeds_copy / f"{A003}.txt").write_text("Changed title\n\nNew body.", encoding="utf-8")
    second = Corpus.open(seeds_copy, catalog=catalog)
    assert second.info(A000) == first.info(A000)
    assert second.info(A003).sha256 != first.info(A003).sha256
    assert second.info(A003).title == "A Week in Almaty, Part 3"  # the sidecar still wins
    assert second.article(A003).paragraphs[0].text == "Changed title"


def test_articles_from_many_threads(seeds_copy: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    corpus = Corpus.open(seeds_copy)
    corpus.CACHE_SIZE = 2  # force evictions while threads read
    ids = corpus.ids * 40
    with ThreadPoolExecutor(max_workers=8) as pool:
        titles = list(pool.map(lambda i: corpus.article(i).title, ids))
    assert titles == [corpus.info(i).title for i in ids]


def test_escape_sequences_in_a_file_never_reach_the_text(tmp_path: Path) -> None:
    (tmp_path / "evil.txt").write_text(
        "Title \x1b]0;pwned\x07here\n\nBody \x1b[2J\x1b[31mred\x1b[0m and \x9b1;1H text.\r\n",
        encoding="utf-8",
    )
    article = Corpus.open(tmp_path).article("evil")
    assert [p.text for p in article.paragraphs] == ["Title here", "Body red and text."]
