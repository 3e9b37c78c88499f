"""From a parser's blocks to numbered paragraphs with kinds, and metadata read from the text.

The rules are built on real scraped articles: headlines with no markup, ``By …``
bylines, an ISSN line above the headline, a ``-Analysis-`` kicker, image captions
repeated by the scraper, newsletter promos, reader-comment sections with their
"Leave a Reply" form, and author blurbs at the end. They apply to every format:
a parser says what its format knows (a page's comment section, a Markdown heading)
and these rules decide the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .formats import Block
from .model import Kind, Paragraph

# --- recognising kinds -------------------------------------------------------

_ISSN = re.compile(r"^ISSN[:\s]+(\d{4}-\d{3}[\dXx])$")
_KICKER = re.compile(
    r"^[-–—*\s]*(analysis|opinion|commentary|comment|news|interview|editorial|feature|"
    r"op-ed|explainer|review)[-–—*\s]*$",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"""^(
        leave\ a\ (reply|comment)
      | your\ email\ address\ will\ not\ be\ published.*
      | comment\ policy\b.*
      | do\ you\ like\ this\ article\??
      | share\ this( article)?:?
      | (related|read\ more|advertisement|subscribe)[.:]?
      | .*\b(sign\ up\ (here|now|today)|subscribe\ (here|now|to\ our))\b.*
      | .*\bnewsletter\b.*\bsign\ up\b.*
      | .*\b(click|tap)\ here\b.*
      | .*нажмите\ (сюда|здесь).*
      | (this\ (article|story)\ was\ (originally\ )?(published|first\ appeared)).*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_COMMENTS_HEADER = re.compile(
    r"""^(
        \d+\s+comments?(\s*\(s\))?
      | comments?\s*\(\d+\)
      | \d+\s+(thoughts?|responses?|comments?|replies|reactions?)\s+(on|to)\b.*
      | (reader\s+)?comments
      | discussion
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(
    r"^(?:by|written\s+by|author:)\s+(?P<name>[A-ZА-ЯЁ][\w.'’-]*(?:\s+[A-ZА-ЯЁ][\w.'’-]*){0,4})"
    r"(?:\s*(?:,|and|&|\|).*)?$",
    re.IGNORECASE,
)
_NAME = r"[A-ZА-ЯЁ][\w'’-]+(?:\s+[A-ZА-ЯЁ][\w'’.-]+){1,3}"
_BLURB = re.compile(rf"^\*?\s*(?P<name>{_NAME})\s+is\s+(?:a|an|the)\s+.{{3,240}}$")
_JUST_NAME = re.compile(rf"^\*?\s*(?P<name>{_NAME})$")
_AUTHOR_TITLE = re.compile(rf"^(?P<name>{_NAME}):\s+\S")
_CAPTION = re.compile(
    r"(\[\s*\]$)|(^(photo|image|picture|illustration|video|screenshot)\s*(:|\(|credit|by)\b)"
    r"|(\((photo|image|picture)[^)]*\)$)",
    re.IGNORECASE,
)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATELINE = re.compile(
    rf"^(?:(?:published|posted|updated|date)[:\s]+)?(?:\w+day,?\s+)?"
    rf"(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<mon>{_MONTHS})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MONTHS}),?\s+(?P<year2>\d{{4}}))$",
    re.IGNORECASE,
)

#: Boilerplate, captions and section markers are short; longer paragraphs skip those
#: checks (their patterns are costly on long text, and a 5 MB article has thousands).
SHORT = 400

#: ISSNs of outlets that print one on every page.
KNOWN_ISSNS = {"2330-717X": "Eurasia Review"}


def _iso_date(match: re.Match[str]) -> str:
    if match["iso"]:
        return match["iso"]
    months = _MONTHS.split("|")
    month = (match["mon"] or match["mon2"]).lower()
    day = int(match["day"] or match["day2"])
    year = match["year"] or match["year2"]
    return f"{year}-{months.index(month) + 1:02d}-{day:02d}"


def _is_headline(text: str) -> bool:
    """A first line that reads as a headline rather than a sentence of the body."""
    if len(text) > 250 or len(text.split()) < 2:
        return False
    return not text.endswith((".", ",", ";", ":")) or text.endswith("...")


def _is_heading(text: str) -> bool:
    if len(text) > 90:  # most paragraphs: no need to count their words
        return False
    words = text.split()
    return (
        0 < len(words) <= 14
        and text[0].isupper()
        and not text.endswith((".", ",", ";", ":", "!", '"', "”", "»", ")", "…"))
    )


@dataclass
class ParsedText:
    """The outcome of reading one article's text."""

    paragraphs: list[Paragraph]
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    date: str | None = None
    dropped_repeats: int = 0


#: Repeats are dropped only this close to the paragraph they repeat: a scraper writes
#: an image's caption twice in a row; a long file that repeats a paragraph far away
#: (a running text, a report that restates its findings) means it.
REPEAT_WINDOW = 3


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def classify(blocks: list[Block], *, title: str | None = None) -> ParsedText:
    """Number and classify a parser's blocks and read metadata from the text.

    ``title`` is a title the file's metadata gave: then a paragraph is the title only
    if it is that text, and no headline is guessed.
    """
    raw = [block.text for block in blocks]
    # Drop exact repeats (scrapers repeat image captions); a repeat marks a caption.
    last_seen: dict[str, int] = {}
    repeated: set[str] = set()
    texts: list[str] = []
    kept: list[Block] = []
    for i, para in enumerate(raw):
        before = last_seen.get(para)
        last_seen[para] = i
        if before is not None and i - before <= REPEAT_WINDOW and len(para) >= 20:
            repeated.add(para)
            continue
        texts.append(para)
        kept.append(blocks[i])
    result = ParsedText(paragraphs=[], dropped_repeats=len(raw) - len(texts))

    kinds: list[Kind] = [Kind.BODY] * len(texts)
    given = [block.kind for block in kept]
    in_comments = False
    comments_at = _comments_start(texts, given)
    title_index: int | None = None
    for i, para in enumerate(texts):
        if given[i] is Kind.COMMENT:
            in_comments = True  # the parser found the comment section
        if given[i] is not None:
            kinds[i] = given[i]  # type: ignore[assignment]
            if given[i] is Kind.TITLE and title_index is None:
                title_index = i
                result.title = para
            continue
        if kept[i].heading:
            continue  # a heading of the format's own (Markdown, a page): body, shown as such
        if in_comments:
            boiler = len(para) <= SHORT and _BOILERPLATE.match(para)
            kinds[i] = Kind.BOILERPLATE if boiler else Kind.COMMENT
            continue
        short = len(para) <= SHORT
        if short and _COMMENTS_HEADER.match(para):
            in_comments = i == comments_at
            kinds[i] = Kind.BOILERPLATE
            continue
        if short and (issn := _ISSN.match(para)):
            kinds[i] = Kind.BOILERPLATE
            result.outlet = result.outlet or KNOWN_ISSNS.get(issn[1].upper())
            continue
        if short and (_BOILERPLATE.match(para) or (i < 4 and _KICKER.match(para))):
            kinds[i] = Kind.BOILERPLATE
            continue
        if para in repeated or (short and _CAPTION.search(para)):
            kinds[i] = Kind.CAPTION
            continue
        if i < 6 and (byline := _BYLINE.match(para)):
            kinds[i] = Kind.BYLINE
            result.author = result.author or byline["name"]
            continue
        if i < 6 and (dateline := _DATELINE.match(para)):
            kinds[i] = Kind.BYLINE
            result.date = result.date or _iso_date(dateline)
            continue
        # A headline comes first: only boilerplate (an ISSN line, a kicker) may precede it.
        if title is not None:
            if title_index is None and i < 3 and _same(para, title):
                kinds[i] = Kind.TITLE
                title_index = i
                result.title = para
            continue
        if (
            title_index is None
            and i < 3
            and _is_headline(para)
            and all(k is Kind.BOILERPLATE for k in kinds[:i])
        ):
            kinds[i] = Kind.TITLE
            title_index = i
            result.title = para
            continue

    # Author blurbs at the end of the article proper ("X is a political analyst").
    article_end = next((i for i, k in enumerate(kinds) if k is Kind.COMMENT), len(texts))
    blurb_names: set[str] = set()
    for i in range(max(0, article_end - 8), article_end):
        if kinds[i] is not Kind.BODY:
            continue
        if blurb := _BLURB.match(texts[i]):
            kinds[i] = Kind.BYLINE
            blurb_names.add(blurb["name"])
            result.author = result.author or blurb["name"]
    for i in range(max(0, article_end - 8), article_end):
        name = _JUST_NAME.match(texts[i])
        if kinds[i] is Kind.BODY and name and name["name"] in blurb_names | {result.author}:
            kinds[i] = Kind.BYLINE

    if result.author is None and result.title and (named := _AUTHOR_TITLE.match(result.title)):
        result.author = named["name"]

    result.paragraphs = [
        Paragraph(
            number=i + 1,
            kind=kind,
            text=para,
            heading=kind is Kind.BODY
            and (block.heading or (block.kind is None and i > 0 and _is_heading(para))),
            links=block.links,
        )
        for i, (kind, para, block) in enumerate(zip(kinds, texts, kept, strict=True))
    ]
    return result


#: A comment section ends a page: a "Comments" header followed by more than this many
#: paragraphs that is not the last such header does not start it (a file that joins
#: several articles has a comment header in each; the articles after the first are not
#: comments).
COMMENTS_MOST = 200


def _comments_start(texts: list[str], given: list[Kind | None]) -> int | None:
    """Where the reader comments start: the first header with a plausible tail after
    it, else the last header."""
    headers = [
        i
        for i, para in enumerate(texts)
        if given[i] is None and len(para) <= SHORT and _COMMENTS_HEADER.match(para)
    ]
    for i in headers:
        if len(texts) - i - 1 <= COMMENTS_MOST:
            return i
    return headers[-1] if headers else None


def parse_text(text: str, *, markdown: bool = False) -> ParsedText:
    """Clean text (plain, or Markdown) → classified paragraphs, as the loader reads it."""
    if markdown:
        from .md import render

        return classify(render(text))
    from .txt import split_paragraphs

    return classify([Block(p) for p in split_paragraphs(text)])


def fallback_title(paragraphs: list[Paragraph], stem: str) -> str:
    """A title for an article whose text has none: its first sentence, shortened."""
    for para in paragraphs:
        if para.kind is Kind.BODY and not para.heading:
            sentence = re.split(r"(?<=[.!?])\s", para.text, maxsplit=1)[0]
            words = sentence.split()
            if len(words) > 12:
                return " ".join(words[:12]).rstrip(",;:") + "…"
            return sentence
    return stem.replace("_", " ")
