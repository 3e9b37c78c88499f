"""Finding candidate names in one article's paragraphs, with offsets and evidence.

Detection is per article and context-free across articles, so its output can be
cached by the article's content hash. It does two passes over each paragraph:

1. the gazetteer pass (``known``) matches the longest known name at each capitalised
   token (entities, generic state bodies with their country qualifier, and the words
   that are never entities: demonyms, titles, months; ``countries`` says whose a
   generic body is);
2. the span pass (``spans``) groups the remaining capitalised tokens into candidate
   names (``runs`` says where a name's run of words ends), and ``evidence`` records
   what their shape and the words around them say about their type, as votes;
   ``frame`` adds what datelines, credits and author lines say.

What is kept, how candidates are merged into entities and which type wins is
decided later, over the whole corpus, by ``resolve``. ``Detector`` and ``Proposer``
are the public API, re-exported here.
"""

from .detector import Detector
from .patterns import FIRST_NAME_KEYS, MODEL_VOTE, Proposer

__all__ = ["FIRST_NAME_KEYS", "MODEL_VOTE", "Detector", "Proposer"]
