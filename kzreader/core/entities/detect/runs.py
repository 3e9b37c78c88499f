"""Where a capitalised run ends: the extent of one name before it is split or typed.

A run goes on across of/and/for, digits, name particles and a known place that ends an
organisation's name, and stops where a second body begins, a possessive ends the name,
or a person's name meets "of" (a person of that body).
"""

from __future__ import annotations

from .. import lexicon as lx
from ..model import EntityType
from ..names import name_key, strip_possessive
from ..tokens import Token
from ..tokens import gap as _gap
from .demonyms import demonym_org
from .evidence import Evidence
from .joins import (
    chamber_of,
    hard_end,
    is_head,
    person_after,
    portfolio_after,
    registered_ahead,
    share_after,
    superior_end,
)
from .patterns import (
    CONNECTORS,
    EPITHETS,
    FIRST_NAME_KEYS,
    NAME_PARTICLES,
    company_word,
    head_of,
)
from .shapes import known_noun

#: Whom a Central Asian state body answers to: ``under the President``, ``under the Government``.
_SUPERIORS = frozenset({"president", "government", "cabinet", "ministry", "prime"})
#: Heads of the names of schools and cultural bodies, often named after a person.
_SCHOOLS = frozenset(
    "university institute academy conservatory conservatoire college lyceum gymnasium"
    " school theatre theater".split()
)


def _person_run(words: list[Token]) -> bool:
    """``Timur Dauletov`` in ``Timur Dauletov of the Kazakh Association of …``: a given name
    and a surname before "of" are a person of that body, not the start of its name."""
    if not 2 <= len(words) <= 3 or not all(w.cap for w in words):
        return False
    last = strip_possessive(words[-1].text).lower()
    return name_key(words[0].text) in FIRST_NAME_KEYS or (
        len(last) >= 5 and last.endswith(lx.SURNAME_SUFFIXES)
    )


class Runs(Evidence):
    """Finds the end of a capitalised run (used by both passes)."""

    _article_lower: frozenset[str]  # the article's lower-case words (set per article)

    def _given_name(self, text: str, tokens: list[Token], i: int, j: int) -> bool:
        """Whether the one word before a particle at ``j`` is a given name the lexicon
        lacks: a word of no known name, and a role or a verb of speech after the name
        (``Sanne de Vries, Head of Communications``; not ``Rio de Janeiro``)."""
        word = tokens[i]
        if j != i + 1 or word.acronym or word.lower in lx.COMMON or word.kind:
            return False
        if name_key(word.text) in self.gaz.by_key or j + 2 >= len(tokens):
            return False
        after = tokens[j + 2]
        if _gap(text, tokens[j + 1], after) not in (", ", " "):
            return False
        low = after.lower
        return (
            low in lx.ROLE_NOUNS or low in lx.SAY_VERBS or name_key(after.text) in self.gaz.titles
        )

    def _run_end(self, text: str, tokens: list[Token], i: int) -> int:
        """One past the last token of the capitalised run starting at ``i``."""
        j = i + 1
        has_head = self._is_head(tokens[i])
        while j < len(tokens):
            left, right = tokens[j - 1], tokens[j]
            gap = _gap(text, left, right)
            if (
                gap in (". ", "., ", ", ")
                and left.lower in lx.LEGAL_ABBREVIATIONS
                and right.cap
                and head_of(right.text) in lx.LEGAL_FORM_ENDS
            ):
                j += 1  # "Jiangxi Copper Co. Ltd", "Shanghai Electric Co., Ltd."
                continue
            if gap == " & " and right.lower == "co" and self._is_head(left):
                j += 1  # "Ring GmbH & Co. KG"
                continue
            if gap in (" & ", "&") and left.cap and right.cap and not right.kind:
                j += 1  # "Steppe Oil & Gas", "Altyn C&T": one name
                continue
            if (
                gap == ". "
                and j == i + 1
                and len(left.text) <= 2
                and left.text.istitle()
                and right.cap
                and self._school_ahead(text, tokens, j)
            ):
                j += 1  # "S. Seifullin Kazakh Agrotechnical University": named after him
                continue
            if gap.strip():
                break
            if (
                right.text == "No"
                and self._is_head(left)
                and j + 1 < len(tokens)
                and tokens[j + 1].text.isdigit()
                and _gap(text, right, tokens[j + 1]) in (". ", " ")
            ):
                j += 2  # "School No. 54", "Oral City Court No. 2": numbered bodies
                continue
            if left.text.endswith(("'s", "’s")) and not self._head_ahead(text, tokens, j):
                break
            if right.kind == "hard" and has_head and left.lower in ("of", "for", "the"):
                if left.lower == "of" and self._bank_of_origin(tokens, i, j):
                    j -= 1
                    break  # "Lesha Bank of Qatar": where the bank is from
                end = (
                    self._known_place_end(text, tokens, j)
                    or superior_end(text, tokens, j)
                    or (chamber_of(tokens, j) and hard_end(text, tokens, j))
                )
                if end and portfolio_after(text, tokens, end):
                    j = end + 1  # "Agency of the Republic of Kazakhstan for Regulation …"
                    continue
                j = end or j
                break  # "Nuclear Society of Kazakhstan": the place is part of the name
            if right.kind in ("hard", "title"):
                break
            if (self._is_head(left) or left.lower == "board") and name_key(
                right.text
            ) in FIRST_NAME_KEYS:
                break  # "Head of the National Bank Timur Suleimenov": the head's name
            if person_after(text, tokens, j):
                break  # "… for Crewed Space Programs Sergey Krikalev": the person after

            numbered = (
                right.text.isdigit()
                and len(right.text) <= 3
                and left.cap
                and (j + 1 >= len(tokens) or not tokens[j + 1].text[:1].isdigit())
                and not share_after(text, tokens, j)  # "LukArco 5%": a stake, not a name
                and head_of(left.text) not in lx.STREET_HEADS  # "Dostyk Avenue 43": an address
            )
            if right.cap or numbered or (right.text in lx.ROMAN_NUMERALS and left.cap):
                has_head = has_head or self._is_head(right)
                j += 1
                continue
            if (
                right.lower == "of"
                and self._is_head(left)
                and self._head_ahead(text, tokens, j + 1, bodies=head_of(left.text) in lx.ORG_HEADS)
                and not registered_ahead(text, tokens, j + 1)
                and not superior_end(text, tokens, j + 1)
                and head_of(left.text) != "chamber"  # "the Legislative Chamber of the Oliy Majlis"
            ):
                # "Ecological Inspectorate of the Ministry of Ecology": two bodies;
                # "Zhambyl District of Almaty Region": two places ("Court of Abai
                # Region" is one court)
                break
            if (
                right.lower == "under"
                and has_head
                and j + 2 < len(tokens)
                and tokens[j + 1].lower == "the"
                and tokens[j + 2].lower in _SUPERIORS
                and tokens[j + 2].cap
            ):
                j += 3  # "Agency for Statistics under the President of …"
                while (
                    j < len(tokens)
                    and tokens[j - 1].kind == "hard"
                    and tokens[j].kind == "hard"
                    and _gap(text, tokens[j - 1], tokens[j]) == " "
                ):
                    j += 1  # "… under the Ministry of Agriculture of the Kyrgyz Republic"
                has_head = True
                continue
            if (
                right.lower == "to"
                and self._is_head(left)
                and j + 1 < len(tokens)
                and tokens[j + 1].cap
                and not tokens[j + 1].kind
                and not _gap(text, right, tokens[j + 1]).strip()
            ):
                j += 1  # "Committee to Protect Journalists"
                continue
            if (
                right.lower in ("and", "&")
                and (self._is_head(left) or self._name_of_its_own(text, tokens, i, j))
                and not self._portfolio_goes_on(text, tokens, i, j)
            ):
                break  # "Freedom Finance JSC and Freedom Bank": two names
            if (
                right.lower in CONNECTORS
                and right.lower != "the"
                and (has_head or self._head_ahead(text, tokens, j))
                and not (right.lower == "of" and not has_head and _person_run(tokens[i:j]))
                and not (right.lower == "on" and not has_head)  # "Traffic on Abai Avenue"
                and not (right.lower == "and" and not has_head and _person_run(tokens[i:j]))
                and not (right.lower == "of" and head_of(left.text) in lx.LEGAL_FORM_ENDS)
                and not (  # "the Barys Arena for Matchroom Boxing": a place takes no "for"
                    right.lower == "for"
                    and self._is_head(left)
                    and head_of(left.text) not in lx.ORG_HEADS
                )
            ):
                k = j
                while k < len(tokens) and tokens[k].lower in CONNECTORS:
                    if _gap(text, tokens[k - 1], tokens[k]).strip():
                        break
                    k += 1
                if (
                    k < len(tokens)
                    and tokens[k].cap
                    and tokens[k].kind != "title"
                    and tokens[k].lower not in lx.CALENDAR  # "Kloop Media on Tuesday"
                    and not _gap(text, tokens[k - 1], tokens[k]).strip()
                ):
                    j = k
                    continue
                break
            if (
                right.text in NAME_PARTICLES
                and j + 1 < len(tokens)
                and tokens[j + 1].cap
                and not tokens[j + 1].kind
                and (
                    name_key(tokens[i].text) in FIRST_NAME_KEYS
                    or self._given_name(text, tokens, i, j)
                )
                and not _gap(text, right, tokens[j + 1]).strip()
            ):
                j += 2  # "Anna van Densky", "Ursula von der Leyen" (one particle)
                continue
            if right.lower == "the" and j + 1 < len(tokens) and tokens[j + 1].lower in EPITHETS:
                j += 2
                break
            break
        # ", Conversion, and Disarmament Studies": a list inside an organisation's name.
        if (
            j < len(tokens)
            and _gap(text, tokens[j - 1], tokens[j]).strip() == ","
            and any(self._is_head(t) for t in tokens[i:j])
        ):
            k = j
            while k < len(tokens) and (tokens[k].cap or tokens[k].lower == "and"):
                if _gap(text, tokens[k - 1], tokens[k]).strip() not in ("", ","):
                    break
                k += 1
            last = head_of(tokens[k - 1].text)
            if (
                k > j
                and tokens[k - 1].cap
                and last in lx.ORG_HEADS
                and last not in lx.LEGAL_FORM_ENDS
            ):
                j = k  # (not "Abai Avenue and Dostyk Avenue": two streets)
        return j

    def _portfolio_goes_on(self, text: str, tokens: list[Token], i: int, j: int) -> bool:
        """``Center for Economic Research and Reforms``: after "for", "and" joins the
        body's portfolio when plain capitalised words without a head of their own follow."""
        if not any(t.lower == "for" for t in tokens[i + 1 : j - 1]):
            return False
        k = j + 1
        while k < len(tokens) and k < j + 4 and tokens[k].cap and not tokens[k].kind:
            if self._is_head(tokens[k]) or _gap(text, tokens[k - 1], tokens[k]) != " ":
                return False
            k += 1
        return k > j + 1 and (k >= len(tokens) or not tokens[k].cap)

    def _bank_of_origin(self, tokens: list[Token], i: int, j: int) -> bool:
        """``Lesha Bank of Qatar``: a bank named by a word of its own, then "of" and a
        country, says where it is from (but ``National Bank of Kazakhstan``,
        ``Commercial Bank of Qatar`` are names with their country)."""
        if j - i != 3 or head_of(tokens[i + 1].text) != "bank" or not self._country_at(tokens, j):
            return False
        word = tokens[i].lower
        return not (
            word in lx.COMMON
            or word in lx.BUSINESS_WORDS
            or word.endswith(("al", "ic", "ive", "an", "ern", "ial", "ing", "s"))
        )

    def _name_of_its_own(self, text: str, tokens: list[Token], i: int, j: int) -> bool:
        """Before an "and" at ``j``: a known name or a company-shaped word alone (``Halyk
        and Freedom Bank``), or a code, "the" or the run's own first word after it
        (``Magnit and X5 Group``, ``Uzpromstroybank and the Fund for …``) ends the first
        of two names."""
        if j + 1 >= len(tokens):
            return False
        after = tokens[j + 1]
        if after.lower == "the" or after.text == tokens[i].text:
            return True  # "Orken Finance and Orken Bank": the same family's second name
        if any(c.isdigit() for c in after.text) and any(c.isalpha() for c in after.text):
            return True
        if j - i != 1:
            return False
        word = strip_possessive(tokens[i].text)
        return company_word(word) or name_key(word) in self.gaz.by_key

    def _known_place_end(self, text: str, tokens: list[Token], j: int) -> int:
        """One past a gazetteer place starting at ``j`` (its tokens already matched), or 0."""
        k = j
        while k < len(tokens) and tokens[k].kind == "hard" and k < j + 4:
            if k > j and _gap(text, tokens[k - 1], tokens[k]) != " ":
                break
            k += 1
        if k == j or (
            k < len(tokens) and tokens[k].cap and not _gap(text, tokens[k - 1], tokens[k])
        ):
            return 0  # the name goes on after the place ("of Kazakhstan Temir Zholy")
        words = strip_possessive(text[tokens[j].start : tokens[k - 1].end])
        entry_id = self.gaz.by_key.get(name_key(words))
        if entry_id and self.gaz.entries[entry_id].type is EntityType.PLACE:
            return k
        return 0

    def _head_ahead(self, text: str, tokens: list[Token], j: int, bodies: bool = False) -> bool:
        """Whether an organisation or place head word (only an organisation's, with
        ``bodies``: "Court of Abai Region" is one court) ends the run from ``j``."""
        k = j
        while k < len(tokens) and k < j + 6:
            if k > j and _gap(text, tokens[k - 1], tokens[k]).strip():
                return False
            if self._is_head(tokens[k]):
                return not bodies or head_of(tokens[k].text) in lx.ORG_HEADS
            if bodies and k > j and tokens[k].lower in CONNECTORS:
                return False  # "Institute of Geological Sciences of the Academy …": one body
            if not (tokens[k].cap or tokens[k].lower in CONNECTORS):
                return False
            k += 1
        return False

    def _starts_a_body(self, text: str, tokens: list[Token], k: int) -> bool:
        """Whether a title word is the first word of a body's name instead: "for" and
        capitalised words after it up to a head (``Justice for Journalists Foundation``,
        ``Justice for Peace Council``)."""
        if k + 1 >= len(tokens) or tokens[k].lower != "for" or not tokens[k + 1].cap:
            return False
        end = self._run_end(text, tokens, k + 1)
        return tokens[end - 1].cap and head_of(tokens[end - 1].text) in lx.ORG_HEADS

    def _names_a_school(self, text: str, tokens: list[Token], i: int, n: int) -> bool:
        """Whether a title word is part of the name a school is named after: a name
        before it, a school's name after it (``Zhangir Khan West Kazakhstan
        Agrarian-Technical University``, ``Oguz Han Engineering and Technology
        University``)."""
        k = i + n
        if i == 0 or k >= len(tokens) or not tokens[i - 1].cap or not tokens[k].cap:
            return False
        if (
            _gap(text, tokens[i - 1], tokens[i]) != " "
            or _gap(text, tokens[k - 1], tokens[k]) != " "
        ):
            return False
        return self._school_ahead(text, tokens, k)

    def _school_ahead(self, text: str, tokens: list[Token], k: int) -> bool:
        """Whether the capitalised run from ``k`` names a school or a theatre."""
        end = self._run_end(text, tokens, k)
        return any(t.cap and head_of(t.text) in _SCHOOLS for t in tokens[k:end])

    def _weak(self, token: Token, heading: bool) -> bool:
        """A capitalised word that names nothing by itself (``The``, ``June``, ``Kazakh``)."""
        if token.kind == "soft":
            return True
        low = strip_possessive(token.text).lower().replace("’", "'")
        if low in lx.CALENDAR or low in lx.COMMON:
            return True
        # "Analyst Marlen Abishev said": a sentence-initial noun is not part of the name.
        if not (token.initial or heading):
            return False
        return known_noun(low) or low in self._article_lower

    def _demonym_org(self, text: str, tokens: list[Token], i: int) -> int:
        """``demonym_org`` with this detector's gazetteer and runs."""
        return demonym_org(self.gaz, self._run_end, text, tokens, i)

    @staticmethod
    def _is_head(token: Token) -> bool:
        """``is_head``, for the passes that ask it of the detector."""
        return is_head(token)
