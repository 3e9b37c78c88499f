"""The document model now lives in ``core.corpus.model``; these names stay importable here."""

from .corpus.model import ARTICLE_KINDS, Article, ArticleInfo, Kind, Link, Paragraph, count_words

__all__ = ["ARTICLE_KINDS", "Article", "ArticleInfo", "Kind", "Link", "Paragraph", "count_words"]
