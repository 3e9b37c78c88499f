"""Reading positions and search history: round trip, merging, broken files left alone."""

from __future__ import annotations

from pathlib import Path

import yaml

from kzreader.core.state import HISTORY_LIMIT, ReadingState


def test_positions_and_history_survive_a_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    state, warnings = ReadingState.load(path)
    assert warnings == [] and state.position("/c", "a") is None
    state.set_position("/c", "a", 12)
    state.set_position("/c", "b", 3)
    state.add_search("Tokayev")
    state.add_search("  CSTO   troops ")
    assert state.save() is None
    again, warnings = ReadingState.load(path)
    assert warnings == []
    assert again.position("/c", "a") == 12 and again.position("/c", "b") == 3
    assert again.last_article("/c") == "b"
    assert again.history == ["Tokayev", "CSTO troops"]


def test_history_has_no_duplicates_and_is_bounded(tmp_path: Path) -> None:
    state, _ = ReadingState.load(tmp_path / "state.yaml")
    for number in range(HISTORY_LIMIT + 20):
        state.add_search(f"q{number}")
    state.add_search("q50")
    assert len(state.history) == HISTORY_LIMIT
    assert state.history[-1] == "q50" and state.history.count("q50") == 1
    state.add_search("   ")
    assert state.history[-1] == "q50"


def test_two_readers_merge_their_positions(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    first, _ = ReadingState.load(path)
    second, _ = ReadingState.load(path)
    first.set_position("/c", "a", 5)
    assert first.save() is None
    second.set_position("/c", "b", 7)
    assert second.save() is None
    merged, _ = ReadingState.load(path)
    assert merged.position("/c", "a") == 5
    assert merged.position("/c", "b") == 7


def test_a_broken_file_is_reported_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    path.write_text("corpora: [unclosed\n", encoding="utf-8")
    state, warnings = ReadingState.load(path)
    assert len(warnings) == 1 and str(path) in warnings[0] and "YAML" in warnings[0]
    state.set_position("/c", "a", 2)
    problem = state.save()
    assert problem is not None and "not saved" in problem
    assert path.read_text(encoding="utf-8") == "corpora: [unclosed\n"


def test_wrong_shapes_are_broken_but_odd_entries_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    path.write_text("- a list\n", encoding="utf-8")
    _, warnings = ReadingState.load(path)
    assert warnings and "mapping" in warnings[0]
    path.write_text(
        yaml.safe_dump(
            {
                "corpora": {
                    "/c": {"positions": {"a": 4, "b": "x", "c": -1, "d": True}, "last": "a"},
                    "/d": "nonsense",
                },
                "search_history": ["ok", {"not": "a query"}],
            }
        ),
        encoding="utf-8",
    )
    state, warnings = ReadingState.load(path)
    assert warnings == []
    assert state.corpora["/c"].positions == {"a": 4}
    assert "/d" not in state.corpora
    assert state.history == ["ok"]


def test_python_tags_are_not_executed(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    path.write_text("!!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    state, warnings = ReadingState.load(path)
    assert warnings and state.broken


def test_saving_where_nothing_can_be_written_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    state, _ = ReadingState.load(blocker / "state.yaml")
    state.set_position("/c", "a", 1)
    problem = state.save()
    assert problem is not None and "not saved" in problem
