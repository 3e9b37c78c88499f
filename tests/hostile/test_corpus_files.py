"""Issue 15, the article files: odd names that collide, files that turn into FIFOs or point
out of the folder, trees too deep to recurse, link loops, runaway sizes and counts.

Each test failed on the code before the fix (f5bcdec).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kzreader.__main__ import main
from kzreader.core.corpus.collection import Corpus, CorpusError
from kzreader.core.corpus.formats import MAX_PARAGRAPHS
from kzreader.core.corpus.reading import ArticleError
from kzreader.core.paths import DataPaths
from kzreader.core.search.index import SearchIndex
from kzreader.core.text import is_clean

BODY = "Grain wagons waited at the border crossing near {place} for three days."


def write(folder: Path, name: bytes | str, place: str) -> None:
    """A small article under a raw file name (bytes: not valid UTF-8, possibly)."""
    raw = name if isinstance(name, bytes) else name.encode()
    path = os.path.join(os.fsencode(folder), raw)
    with open(path, "wb") as out:
        out.write(f"A note about {place}\n\n{BODY.format(place=place)}".encode())


def index_of(corpus: Corpus, home: Path) -> SearchIndex:
    return SearchIndex.open(corpus, DataPaths.resolve(home).index_dir(corpus.root))


def found(ix: SearchIndex, word: str) -> list[str]:
    return [hit.article for hit in ix.search(word).hits]


@pytest.mark.parametrize(
    ("first", "second"),
    [(b"\xff.txt", b"\xfe.txt"), (b"report.txt", b"report\x1b[0m.txt")],
    ids=["invalid-utf8", "escape-sequence"],
)
def test_names_that_clean_up_alike_are_all_listed(
    tmp_path: Path, first: bytes, second: bytes
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, first, "Khorgos")
    write(folder, second, "Dostyk")
    corpus = Corpus.open(folder)
    assert len(corpus.ids) == 2 and len(set(corpus.ids)) == 2
    assert all(is_clean(article_id) for article_id in corpus.ids)
    ix = index_of(corpus, tmp_path / "home")
    assert len(found(ix, "Khorgos")) == 1 and len(found(ix, "Dostyk")) == 1
    assert found(ix, "Khorgos") != found(ix, "Dostyk")
    for issue in corpus.issues:
        assert is_clean(str(issue))
    # The same ids on the next scan, whatever the order the files are met in.
    assert Corpus.open(folder).ids == corpus.ids


@pytest.mark.parametrize("name", [b"caf\xe9 notes.txt", b"line\nbreak\xff.md"])
def test_a_name_with_invalid_utf8_is_read_and_searchable(tmp_path: Path, name: bytes) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, name, "Aktobe")
    corpus = Corpus.open(folder)
    assert corpus.issues == []
    [article_id] = corpus.ids
    assert is_clean(article_id) and "\n" not in article_id
    assert corpus.article(article_id).title == "A note about Aktobe"
    assert found(index_of(corpus, tmp_path / "home"), "Aktobe") == [article_id]
    # Listed from the catalog without the files, it still opens the right file.
    catalog = tmp_path / "catalog.json"
    Corpus.open(folder, catalog=catalog)
    listed = Corpus.from_catalog(folder, catalog)
    assert listed is not None
    assert listed.article(article_id).title == "A note about Aktobe"


def test_an_article_that_became_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, "pipe.txt", "Semey")
    corpus = Corpus.open(folder)
    corpus._cache.clear()  # the scan kept the parsed article; make it read the file again
    path = folder / "pipe.txt"
    path.unlink()
    os.mkfifo(path)
    outcome: list[object] = []

    def read() -> None:
        try:
            outcome.append(corpus.article("pipe"))
        except ArticleError as error:
            outcome.append(error)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # free the blocked reader before failing
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("reading an article that became a FIFO blocked")
    [error] = outcome
    assert isinstance(error, ArticleError)
    assert "FIFO" in str(error)


def test_a_fifo_or_device_named_like_an_article_is_skipped_at_the_scan(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "null.md").symlink_to("/dev/null")
    write(folder, "ok.txt", "Taraz")
    corpus = Corpus.open(folder, outside_links=True)  # /dev/null is not refused as outside
    assert corpus.ids == ["ok"]


def test_a_tree_deeper_than_python_recurses(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    levels = 1100  # Python's recursion limit is 1000
    # os.makedirs and shutil.rmtree recurse themselves: the tree is made and removed by hand.
    deep = os.fsencode(folder)
    for _ in range(levels):
        deep += b"/d"
        os.mkdir(deep)
    with open(deep + b"/bottom.txt", "wb") as out:
        out.write(b"At the bottom\n\nOf a very deep well in Turkistan.")
    write(folder, "top.txt", "Oral")
    try:
        corpus = Corpus.open(folder)
        assert sorted(corpus.ids) == ["bottom", "top"]
        assert corpus.article("bottom").title == "At the bottom"
        assert corpus.info("bottom").path.count("/") == levels
    finally:
        os.remove(deep + b"/bottom.txt")
        for _ in range(levels):
            os.rmdir(deep)
            deep = deep.rsplit(b"/", 1)[0]


def test_a_symlink_loop_as_the_corpus_folder_is_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(CorpusError, match="loop"):
        Corpus.open(loop)
    status = main(["--corpus", str(loop), "--data-dir", str(tmp_path / "home"), "articles"])
    err = capsys.readouterr().err
    assert status != 0
    assert "loop" in err and "internal error" not in err
    assert err.count("\n") == 1


def test_a_link_to_a_file_outside_the_folder_is_not_read_by_default(tmp_path: Path) -> None:
    secret = tmp_path / "home" / ".ssh" / "id_rsa"
    secret.parent.mkdir(parents=True)
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nsecretkeymaterial\n", "utf-8")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "innocent.txt").symlink_to(secret)
    write(folder, "inside.txt", "Kokshetau")
    (folder / "again.txt").symlink_to(folder / "inside.txt")  # a link inside is fine
    corpus = Corpus.open(folder)
    assert sorted(corpus.ids) == ["again", "inside"]
    [issue] = corpus.issues
    assert issue.path == "innocent.txt"
    assert "outside the folder" in issue.message and str(secret) in issue.message
    assert not found(index_of(corpus, tmp_path / "kzhome"), "secretkeymaterial")
    allowed = Corpus.open(folder, outside_links=True)
    assert "innocent" in allowed.ids


def test_a_link_swapped_to_outside_after_the_scan_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Private\n\nA private text.", "utf-8")
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, "note.txt", "Pavlodar")
    corpus = Corpus.open(folder)
    corpus._cache.clear()
    (folder / "note.txt").unlink()
    (folder / "note.txt").symlink_to(secret)
    with pytest.raises(ArticleError, match="outside the folder"):
        corpus.article("note")


def test_three_million_tiny_paragraphs_are_bounded(tmp_path: Path) -> None:
    # The issue's 30 MB file at a tenth of the size: the bound is the same.
    folder = tmp_path / "corpus"
    folder.mkdir()
    count = 300_000
    text = "Tiny list\n\n" + "\n\n".join(f"w{i}" for i in range(count)) + "\n\nlastwordzhem\n"
    (folder / "tiny.txt").write_text(text, encoding="utf-8")
    corpus = Corpus.open(folder)
    article = corpus.article("tiny")
    assert len(article.paragraphs) <= MAX_PARAGRAPHS
    assert any("more than" in note for note in article.notes)
    assert "lastwordzhem" in article.paragraphs[-1].text
    assert [issue.path for issue in corpus.issues] == ["tiny.txt"]  # the notice, once
    assert found(index_of(corpus, tmp_path / "home"), "lastwordzhem") == ["tiny"]


def test_paragraphs_repeated_far_apart_are_all_shown(tmp_path: Path) -> None:
    # A long file that restates its paragraphs (a running text, a merged file): only a
    # repeat right after its original (a scraper's doubled caption) is hidden.
    sections = [
        f"Section {n}: the railway to the Caspian ports carried {n * 1000} tonnes this month, "
        "and officials expect the figure to rise again."
        for n in range(40)
    ]
    repeated = sections * 30
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "report.txt").write_text(
        "Monthly report\n\n" + "\n\n".join(repeated) + "\n\nComments\n\nA reader's note.",
        encoding="utf-8",
    )
    article = Corpus.open(folder).article("report")
    body = [p.text for p in article.paragraphs if p.text.startswith("Section")]
    assert body == repeated
    assert article.words > 20 * len(repeated)
    assert [p.text for p in article.comments] == ["A reader's note."]


@pytest.mark.slow
def test_the_issues_thirty_megabyte_file_opens_indexes_and_searches(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = "Tiny\n\n" + "\n\n".join(f"item {i % 1000}." for i in range(3_000_000))
    (folder / "tiny.txt").write_text(text + "\n\nlastwordzhem\n", encoding="utf-8")
    corpus = Corpus.open(folder)
    assert len(corpus.article("tiny").paragraphs) <= MAX_PARAGRAPHS
    assert found(index_of(corpus, tmp_path / "home"), "lastwordzhem") == ["tiny"]


def test_articles_json_gives_each_file_s_real_path(tmp_path: Path) -> None:
    """The paths a script reads from ``articles --json`` open the files, odd names too
    (control bytes as JSON escapes, invalid UTF-8 as lone surrogates)."""
    folder = tmp_path / "odd"
    folder.mkdir()
    for name in (b"evil\x1b]0;PWNED\x07.txt", b"bad\xff.txt", b"plain.txt"):
        write(folder, name, "Atyrau")
    env = {**os.environ, "KZREADER_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-m", "kzreader", "--corpus", str(folder), "articles", "--json"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert b"\x1b" not in done.stdout and b"\x07" not in done.stdout
    paths = [row["path"] for row in json.loads(done.stdout)["articles"]]
    assert len(paths) == 3
    assert all(os.path.exists(os.fsencode(p)) for p in paths), paths
