"""``kzreader entities`` run as a user runs it: a separate process, its own data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kzreader.core.paths import bundled_seeds


def kz(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KZREADER_HOME": str(home), "COLUMNS": "120"}
    env.pop("KZREADER_NER", None)
    return subprocess.run(
        [sys.executable, "-m", "kzreader", "--corpus", str(bundled_seeds()), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_json_lists_entities_most_mentioned_first(tmp_path: Path) -> None:
    done = kz(tmp_path, "entities", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["entities"]
    assert rows[0]["name"] == "Kazakhstan"
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)
    keys = {"id", "name", "type", "aliases", "articles", "mentions", "comments_only"}
    assert all(set(r) == keys for r in rows)
    assert any(r["comments_only"] for r in rows)
    assert list((tmp_path).rglob("entities/*.json")), "the per-article cache was written"


def test_type_and_article_filters(tmp_path: Path) -> None:
    done = kz(tmp_path, "entities", "--type", "org", "--article", "003", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["entities"]
    assert {r["type"] for r in rows} == {"organisation"}
    assert all("003_e563ca9e96c9e019" in r["articles"] for r in rows)
    assert {"National Security Committee of Kazakhstan", "Human Rights Watch"} <= {
        r["name"] for r in rows
    }
    assert all(r["article_mentions"] >= 1 for r in rows)


def test_human_table_is_plain_text(tmp_path: Path) -> None:
    done = kz(tmp_path, "entities", "--type", "person")
    assert done.returncode == 0, done.stderr
    assert "Aleksei Kotov" in done.stdout and "\x1b" not in done.stdout
    assert "(comments only)" in done.stdout


def test_bad_arguments_are_one_line_errors(tmp_path: Path) -> None:
    done = kz(tmp_path, "entities", "--type", "planet")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "planet" in done.stderr
    done = kz(tmp_path, "entities", "--article", "999")
    assert done.returncode == 1 and "999: no such article" in done.stderr


def test_broken_overlay_is_one_warning(tmp_path: Path) -> None:
    (tmp_path / "overlay.yaml").write_text("operations: [\n", encoding="utf-8")
    done = kz(tmp_path, "entities", "--json")
    assert done.returncode == 0
    assert "overlay.yaml" in done.stderr and done.stderr.count("\n") == 1
    assert (tmp_path / "overlay.yaml").read_text(encoding="utf-8") == "operations: [\n"
