"""From candidates to entities: linking surface forms, voting on types, filtering.

Decides over the whole corpus, because the evidence is spread out: a surname in one
paragraph belongs to the full name two paragraphs up, a word capitalised only at the
start of sentences in one article is an ordinary word, and a name's type is what most
of its mentions say it is. The modules: ``links`` (inside one article: acronyms, short
forms, people), ``clusters`` (what is kept of a name), ``resolver`` (the per-article
pass and the corpus's decisions), ``stream`` (a whole corpus, to a store or in memory),
``records`` (the result). The names below are the public API.
"""

from .records import Cancelled, EntityRecord, Resolution
from .resolver import Resolver
from .stream import article_mentions, resolve, resolve_stream

__all__ = [
    "Cancelled",
    "EntityRecord",
    "Resolution",
    "Resolver",
    "article_mentions",
    "resolve",
    "resolve_stream",
]
