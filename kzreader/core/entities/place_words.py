"""English words of places: the nouns that head or follow a place's name and the cues
around one. Apart from the rest of the English word lists (``lexicon``, which
re-exports them) because the place rules grew their own vocabulary: streets, units,
sites, facilities and routes."""

from __future__ import annotations

from .person_names import words as _words

#: Plants: named by their abbreviations, Soviet and English (``Ekibastuz GRES-1``,
#: ``Ridder TETs``, ``Nurek HPP``), or by the word (``Pavlodar Aluminium Plant``,
#: ``Atyrau Oil Refinery``): places; the company that runs one is an organisation
#: (``Shymkent Oil Refinery LLP``, ``Kazakhstan Nuclear Power Plants``).
PLANT_CODES = _words("gres tets tes ges aes hpp tpp chp npp shpp plant refinery complex")

#: Words that head a place's name from the front (``Lake Chagan``, ``Mount Khan Tengri``).
PLACE_FIRST_HEADS = _words("lake mount cape gulf")

#: Words of direction that start a place's name (``Southern Gas Corridor``, ``North
#: Aral Sea``): a part of the place, not the place itself.
DIRECTIONS = _words("north south east west northern southern eastern western central upper lower")

#: Words that end a place's name (``Shet District``, ``Ural River``).
PLACE_HEADS = (
    _words(
        """
    province region oblast district krai raion county territory city town village river
    lake sea ocean mountains mountain valley steppe desert island islands peninsula street
    avenue square boulevard prospect highway bay gulf strait canal okrug municipality
    mine reservoir dam airport bridge deposit oilfield gorge cosmodrome field fields hills
    basin port terminal pipeline corridor route glacier mausoleum cathedral monastery palace
    embankment quay promenade prefecture arena stadium hall cemetery farm garden gardens
    memorial monument fortress citadel
    """
    )
    | PLANT_CODES
)

#: Heads of names of streets and structures named after someone or something
#: (``Lenin Street`` is a street, not Lenin).
STREET_HEADS = _words(
    """
    street avenue square boulevard prospect lane road highway bridge airport station
    stadium park embankment mausoleum cathedral monastery memorial monument arena
    """
)

#: Lower-case nouns after a known place that make another place of it (``Beineu
#: district``, ``Moskva station``): not a mention of the town or city it is named after.
UNIT_NOUNS = _words("district raion station")

#: Plural unit and site nouns after a list of names, and the head each name takes
#: (``Akmola and Kostanay regions`` → ``Akmola Region``; ``the Akkar East and Akkar
#: North fields``).
PLURAL_UNITS = {
    "regions": "Region", "oblasts": "Oblast", "provinces": "Province",
    "districts": "District", "raions": "District",
    "fields": "field", "deposits": "deposit", "mines": "mine", "stations": "station",
    "ports": "port", "terminals": "terminal", "plants": "plant", "refineries": "refinery",
    "crossings": "crossing", "checkpoints": "checkpoint",
}  # fmt: skip

#: Capitalised heads of administrative units after a known place (``Leningrad Region``,
#: ``Kurgan Region``) that the gazetteer does not list: a unit of its own.
ADMIN_HEADS = _words(
    "district raion region oblast province krai county okrug velayat welayat viloyat etrap oblys"
)

#: Place nouns kept as part of the name when written after it in lower case.
PLACE_NOUNS_JOINED = _words(
    """
    province region oblast district krai raion county river lake street avenue square
    velayat welayat viloyat etrap oblys
    boulevard prospect highway mountains valley steppe desert okrug municipality canal
    bridge gorge pass reservoir
    """
)

#: Lower-case nouns of sites named after a word before them, which stays the name
#: (``the Tengiz field``, ``the Bolashak processing plant``, ``the Aktau port``).
SITE_NOUNS = _words(
    """
    field fields oilfield deposit deposits cosmodrome pipeline port terminal plant refinery
    mine mines reservoir dam airport crossing checkpoint pit block structure intake complex
    station stations glacier bazaar ports terminals plants refineries airports cemetery
    cinema base range junction hills
    """
)

#: Facilities named after a word before them, by a kind and a noun (``the Sakharovo
#: migration centre``, ``the Harbmaidon training ground``, ``Kotelniki metro station``):
#: the noun alone after a name is often a body (``the Zertteu centre``), so both words.
FACILITY_KINDS = _words(
    "migration detention pre-trial remand training proving test metro railway bus border"
    " compressor pumping state presidential summer counter"
)
FACILITY_NOUNS = _words("centre center ground grounds station site range residence regulator")

#: Lower-case nouns of routes named after their ends (``the Russia-China pipeline``).
ROUTE_NOUNS = _words(
    "pipeline pipelines railway railroad highway road corridor route link canal line"
)

#: Lower-case words that may stand between a name and its site noun
#: (``Karachaganak gas condensate field``).
SITE_MODIFIERS = _words(
    """
    oil gas condensate gold silver copper uranium coal iron ore zinc and processing
    hydropower power chemical launch offshore onshore sour-gas export water thermal
    hydroelectric nuclear solar wind coal-fired mountain air naval military firing
    """
)

#: Lower-case words that make the following capitalised word a place.
PLACE_BEFORE = _words(
    """
    city town village region province district oblast capital river lake port exclave enclave
    settlement settlements towns cities villages island
    """
)

#: Prepositions after which a capitalised word is more likely a place.
PLACE_PREPOSITIONS = _words(
    "in from to near across at into throughout outside inside toward towards via"
)

#: Nouns of settlements: after a name or in an apposition they make it a place.
SETTLEMENT_NOUNS = _words("city town village settlement settlements capital")

#: Offices held in a place: "the akim of X", "the mayor of X".
OFFICES_OF_PLACES = _words("mayor governor akim residents")
