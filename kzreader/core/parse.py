"""Paragraph splitting and classifying now live in ``core.corpus``; old names stay here."""

from .corpus.classify import ParsedText, classify, fallback_title, parse_text
from .corpus.txt import split_paragraphs

__all__ = ["ParsedText", "classify", "fallback_title", "parse_text", "split_paragraphs"]
