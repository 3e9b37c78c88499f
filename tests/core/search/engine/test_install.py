"""engine.install: the hooks go in explicitly, and only into the whoosh they were written for."""

from __future__ import annotations

import pytest
import whoosh
from whoosh.codec import whoosh3
from whoosh.writing import SegmentWriter

from kzreader.core.search import engine
from kzreader.core.search.errors import EngineUnsupported


def test_install_is_idempotent() -> None:
    engine.install()
    dumps, reader = whoosh3.dumps, SegmentWriter.per_document_reader
    engine.install()
    assert whoosh3.dumps is dumps and SegmentWriter.per_document_reader is reader
    assert getattr(dumps, "_kz_modern", False)  # the hooks are in
    assert getattr(reader, "_kz_cached", False)


def test_install_refuses_another_whoosh_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whoosh, "__version__", (2, 8, 0))
    with pytest.raises(EngineUnsupported) as raised:
        engine.install()
    message = str(raised.value)
    assert "2.7.5" in message and "2.8.0" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("owner", "attribute"),
    [
        (SegmentWriter, "per_document_reader"),
        (whoosh3, "W3TermsReader"),
        (whoosh3.W3PerDocReader, "_cached_reader"),
    ],
)
def test_install_refuses_when_a_hook_is_missing(
    monkeypatch: pytest.MonkeyPatch, owner: object, attribute: str
) -> None:
    monkeypatch.delattr(owner, attribute)
    with pytest.raises(EngineUnsupported) as raised:
        engine.install()
    message = str(raised.value)
    assert attribute in message and "\n" not in message


def test_every_hook_is_checked() -> None:
    """The list install() checks names only attributes that exist in this whoosh."""
    engine.check()
    assert all(hasattr(owner, name) for owner, name in engine.HOOKS)
