"""English word lists the detector uses to tell names from capitalised words.

These are about English, not about the region (that is the gazetteer): words that
are capitalised only because a sentence or a heading starts with them, the nouns
that head organisation and place names, the verbs and role nouns around people. The
parts of people's names (given names, surname endings) are in ``person_names``, the
words of places in ``place_words``.
"""

from __future__ import annotations

from .person_names import FAMILY_NAMES_FIRST as FAMILY_NAMES_FIRST
from .person_names import FIRST_NAMES as FIRST_NAMES
from .person_names import PATRONYMIC_SUFFIXES as PATRONYMIC_SUFFIXES
from .person_names import SURNAME_SUFFIXES as SURNAME_SUFFIXES
from .person_names import words as _words
from .place_words import ADMIN_HEADS as ADMIN_HEADS
from .place_words import DIRECTIONS as DIRECTIONS
from .place_words import FACILITY_KINDS as FACILITY_KINDS
from .place_words import FACILITY_NOUNS as FACILITY_NOUNS
from .place_words import OFFICES_OF_PLACES as OFFICES_OF_PLACES
from .place_words import PLACE_BEFORE as PLACE_BEFORE
from .place_words import PLACE_FIRST_HEADS as PLACE_FIRST_HEADS
from .place_words import PLACE_HEADS as PLACE_HEADS
from .place_words import PLACE_NOUNS_JOINED as PLACE_NOUNS_JOINED
from .place_words import PLACE_PREPOSITIONS as PLACE_PREPOSITIONS

# Re-exported: the detector reads every word list as ``lexicon.X``.
from .place_words import PLANT_CODES as PLANT_CODES
from .place_words import PLURAL_UNITS as PLURAL_UNITS
from .place_words import ROUTE_NOUNS as ROUTE_NOUNS
from .place_words import SETTLEMENT_NOUNS as SETTLEMENT_NOUNS
from .place_words import SITE_MODIFIERS as SITE_MODIFIERS
from .place_words import SITE_NOUNS as SITE_NOUNS
from .place_words import STREET_HEADS as STREET_HEADS
from .place_words import UNIT_NOUNS as UNIT_NOUNS

#: Common English words (lower case). A capitalised one is a name only with evidence.
COMMON = _words(
    """
    a about above according across actually after afterwards again against ago all almost
    alone along already also although always am among an and another any anyone anything
    anyway are around as at back be because been before being below beside besides between
    beyond both but by can cannot could did do does doing done down during each either else
    enough even ever every everyone everything except few for from further had has have
    having he her here hers herself him himself his how however i if in indeed instead into
    is it its itself just last least less let like many may me meanwhile might mine more
    moreover most much must my myself neither never nevertheless next no nobody none nor
    not nothing now of off often on once one only or other others otherwise our ours
    ourselves out over own perhaps please quite rather really same several she should since
    so some someone something sometimes still such than that the their theirs them
    themselves then there therefore these they this those though through thus to together
    too toward towards under unless until up upon us very via was we well were what whatever
    when whenever where whereas whether which while who whoever whole whom whose why will
    with within without would yet you your yours yourself yourselves
    finally first second third later earlier today tomorrow yesterday tonight recently
    previously initially eventually meanwhile nonetheless furthermore additionally
    consequently similarly likewise hence accordingly clearly obviously apparently
    surely certainly probably possibly maybe unfortunately fortunately interestingly
    importantly notably especially particularly generally usually normally typically
    currently formerly officially reportedly allegedly literally basically essentially
    ultimately overall anyway anyhow so-called new old good bad great big small long
    short high low early late young major minor main key real true false full free open
    local national international regional federal state public private official political
    social economic military foreign domestic global western eastern northern southern
    central common general special certain various different similar such own other
    conclusion version experts expert footage attempts attempt nostalgia mutual language
    languages patrols fueling feeding look lesson tale news police farmer farm deputies
    deputy amendments investigators investigation case cases court courts government
    governments state states country countries people persons person man men woman women
    children child family officials official authorities authority leaders leader
    president presidents minister ministers ministry ministries committee council party
    parties agency agencies service services office region regions province district city
    cities town village street republic empire army navy police security parliament
    internet website online media press newspaper journal magazine radio television tv
    channel program programme film book memoir chronicle article report reports statement
    statements letter letters law laws code act treaty constitution decree order orders
    independence freedom democracy history future past present war peace crisis protest
    protests riots revolution movement opposition power powers elite elites economy market
    oil gas money business capital border borders territory territories land lands north
    south east west homeland nationality nation nations world globe earth god heaven
    dear mom dad mother father son daughter wife husband brother sister friend friends
    thanks thank yes ok okay hello sir madam comment comments reply policy field required
    note notes update source sources photo video image images caption analysis opinion
    editorial interview part chapter section page volume issue edition
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    spring summer autumn fall winter morning evening night day days week weeks month months
    year years decade decades century centuries time times
    ngo ngos tv mp mps pr ceo it ok sizo ps pm am usd eur gdp trans civil
    ipo ipos lng lpg vat co2 h2s so2 no2 ch4 nox mw gw kwh mwh twh bcm
    kzt rub uzs kgs tjs tmt cny gbp chf aed
    credit credits reporting editing writing summary sources risks
    who what when where why how which whose
    according amid despite regarding concerning following including excluding
    do don't doesn't didn't can't couldn't won't wouldn't isn't aren't wasn't weren't
    i'm i've i'll i'd you're we're they're it's that's there's here's let's what's
    be come go get make take see know think say tell ask give find keep let put run
    set show try turn call move play live believe bring happen write sit stand lose pay
    meet include continue learn change lead understand watch follow stop create speak
    read allow add spend grow offer remember love consider appear buy wait serve die send
    expect build stay fall cut reach kill remain suggest raise pass sell require report
    decide pull save help hold hear judge imagine wonder
    both neither either each every all any few many much most several some
    eurobond eurobonds mw mwh gw gwh kw kwh twh bcm bpd gmt utc cet celsius fahrenheit epc
    capex opex
    """
)

#: Months and days: capitalised mid-sentence in English, never entities.
CALENDAR = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    """
)
_MONTHS = sorted(CALENDAR - _words("monday tuesday wednesday thursday friday saturday sunday"))
#: ... and a span of months, one token for the tokenizer (``in January-September``).
CALENDAR |= frozenset(f"{a}-{b}" for a in _MONTHS for b in _MONTHS if a != b)

#: Abbreviated months: calendar words only before a day (``Aug 23``; ``Jan Harvey``).
MONTH_ABBREVIATIONS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")

#: Nouns that end an organisation's name (``National Security Committee``).
ORG_HEADS = _words(
    """
    ministry committee council court office agency service services organization
    organisation organizations party union center centre institute university academy
    bank company corporation corp inc ltd llc group fund foundation association commission
    department administration embassy consulate assembly parliament duma senate majilis
    mazhilis watch news times post gazeta gazette tribune herald journal daily weekly radio
    tv channel press media network club society bureau studies research front brigade
    battalion regiment guard guards police army navy forces federation alliance coalition
    movement league congress cabinet government secretariat directorate inspectorate
    prosecutor's procuracy school college church mosque museum library theatre theater
    hospital clinic airlines airways railways holding holdings group trust partnership
    cooperative factory plants enterprise enterprises initiative treasury exchange
    observatory laboratory review authority gymnasium lyceum kindergarten
    polyclinic conservatory conservatoire orphanage grid grids philharmonic orchestra
    ensemble choir chamber chambers
    llp jsc pjsc ojsc cjsc llc limited consortium express railway troops mmc gmbh plc
    kenesh kenes majlis majlisi maslahaty khural kurultai campaign system combine forum
    lab labs laboratory telecom co ag kg sa nv bv b.v. n.v. s.a. spa pte bhd ao pao
    """
)

#: Lower-case nouns that make a preceding capitalised word an organisation
#: (``the Chatroulette website``, ``the KazTAG news agency``).
ORG_NOUNS_AFTER = _words(
    """
    website site portal platform app newspaper paper magazine journal channel agency
    outlet party company corporation bank organization organisation movement group
    network service foundation fund ngo broadcaster station tv radio daily weekly news
    brigade battalion regiment unit militia
    institute center centre committee council union association club brand firm holding
    airline operator exchange lender lenders insurer carrier shipowner forwarder developer
    manufacturer retailer conglomerate concern watchdog regulator charity utility carmaker
    subsidiary affiliate society marketplace startup start-up fintech consultancy studio
    publisher broker orchestra ensemble choir troupe band team squad contractor dredger
    producer exporter supplier trader miner builder
    """
)

#: Lower-case nouns that head an organisation's name when they follow a capitalised
#: word (``Strategy center for social and political research``).
ORG_NOUNS_JOINED = _words("center centre institute foundation fund academy university")

#: Departments after "Head of" or "Director for": a part of a title, not a body.
DEPARTMENTS = _words(
    """
    communications marketing sales operations procurement compliance strategy finance
    research development engineering security logistics
    """
)

#: Abbreviations before a sports club's name (``FC Kairat``, ``HC Barys``).
CLUB_PREFIXES = frozenset({"FC", "PFC", "FK", "HC", "BC", "SC", "VC"})

#: Offices named after a body's name (``Senate speaker``, ``Cabinet Chairman``).
BODY_OFFICES = _words("speaker chairman chairwoman chair")

#: Legal forms that end a company's name; "X LLP and Y LLP" are two companies.
LEGAL_FORM_ENDS = _words(
    "llp jsc pjsc cjsc ojsc ltd llc gmbh plc inc corp ag limited co kg sa nv bv b.v. n.v. s.a."
)


#: Abbreviated legal forms written with a full stop, which does not end the name
#: (``Jiangxi Copper Co. Ltd``, ``Shanghai Electric Co., Ltd.``).
LEGAL_ABBREVIATIONS = _words("co corp inc ltd pte")

#: Kyrgyz and Kazakh patronymic words written after the father's name in lower case
#: (``Aizada Sharshenbek kyzy``, ``Kanat Isa uulu``): part of a person's name.
PATRONYMIC_WORDS = _words("uulu kyzy uly kyzi qyzy")

#: Verbs of saying that follow a person's name.
SAY_VERBS = _words(
    """
    said says told tells wrote writes added adds explained explains claimed claims noted
    notes stated states recalled recalls argued argues believes believed thinks thought
    insisted insists warned warns denied denies asked asks replied replies commented
    comments continued concluded admitted admits suggested suggests recounted recounts
    assured assures announced announces declared declares urged urges threatened
    complained emphasized emphasised stressed acknowledged confirmed confirms described
    called calls met meets signed visited visits tweeted posted
    """
)

#: Role nouns written in lower case just before or after a person's name
#: (``lawyer Dzhokhar Utebekov``, ``Dosym Satpayev, an analyst``).
ROLE_NOUNS = _words(
    """
    lawyer attorney analyst journalist blogger reporter activist resident driver thinker
    philosopher composer mystic conqueror playwright novelist
    scientist politician mechanic official colleague aide spokesman spokeswoman historian
    writer author economist expert businessman businesswoman oligarch ambassador minister
    president commander general officer chairman chairwoman head leader director founder
    editor correspondent professor academician member student farmer worker advocate
    defender poet singer
    artist priest son daughter wife husband brother sister mother father personality
    candidate counterpart opponent critic representative deputy mp senator governor mayor
    akim consul diplomat envoy judge prosecutor investigator detective soldier colonel
    captain lieutenant sergeant pilot teacher doctor nurse engineer entrepreneur banker
    investor billionaire millionaire tycoon dissident opposition activist organizer
    organiser rapper actor actress director producer host presenter anchor columnist
    commentator observer researcher fellow lecturer scholar sociologist political
    technologist strategist adviser advisor consultant chief citizen native man woman guy
    lad boy girl pensioner veteran ataman cossack emigrant migrant refugee prisoner convict
    defendant victim witness widow heir ruler king queen tsar emperor empress khan manager
    coordinator administrator welder herder shepherd miner steelworker driver teacher
    executive astronaut cosmonaut linguist philologist psychologist demographer
    ethnographer orientalist archaeologist geologist ecologist lawmaker parliamentarian
    coach player athlete footballer boxer wrestler spokesperson
    """
)

#: Written before a name, they make it a company's (``JV Inkai``, ``TOO Zhebe``).
VENTURE_PREFIXES = frozenset({"JV", "TOO", "AO", "OOO", "ZAO", "OAO", "PAO", "LLP", "JSC"})

#: Legal forms written before a company's name (``AO Tau-Ken Samruk``, ``PJSC MMC
#: Norilsk Nickel``): before a known name, part of no entity of their own.
#: ("JV Inkai" is the venture's name: JV stays in it.)
LEGAL_PREFIXES = (VENTURE_PREFIXES - {"JV"}) | {"PJSC", "OJSC", "CJSC", "NJSC", "LLC", "NAC", "NC"}

#: Legal forms that are English words in lower case ("too"), so heads only in capitals
#: (``Ostwind Energie Kasachstan TOO``; "Too many" is no company).
CAPS_LEGAL_FORMS = VENTURE_PREFIXES - {"JV", "LLP", "JSC"}

#: Organisation heads that also start a two-word name (``Alliance Altyn``, ``Radio Azattyk``).
ORG_FIRST_HEADS = _words(
    "alliance bank radio channel club group fund foundation union agency holding company jv too "
    "corporation studio bureau institute academy majlis majlisi"
)

#: Nouns of trade that name a company after a commodity (``an oil producer``), though
#: alone they may name a person (``a film producer``). Not "miner": a coal miner is a man.
TRADE_NOUNS = _words("producer producers exporter importer maker supplier")

#: Role nouns that also name a business: the company when the name is an acronym or
#: the noun is a superlative's (``SUEK, the country's largest coal miner``).
TRADE_ROLES = _words("miner miners trader traders")

#: Superlatives before a noun of an apposition: said of companies, rarely of people.
SUPERLATIVES = _words("largest biggest second-largest third-largest leading")

#: Lower-case nouns of a trade that make the capitalised word right after them a
#: company (``the aluminium smelter X``), though after a name they may name a site.
ORG_NOUNS_BEFORE = _words("smelter shipbuilder refiner steelmaker automaker")

#: Role nouns that are also kinds of company (``the Uzbek miner Almalyk``, ``miner Ivan
#: Petrov``): before a word of no person's shape, the company.
COMPANY_ROLES = _words("miner producer exporter trader operator supplier carrier")

#: Words of a cause that, before a country's name, name a group's chapter there
#: (``Freedom Tajikistan``); with them, abstract nouns by their ending (``Transparency``).
CAUSE_NOUNS = _words("justice peace freedom liberty rights hope truth")
ABSTRACT_SUFFIXES = ("ency", "ancy", "ity", "ism", "ness", "dom", "ship", "ence", "ance")

#: Offices held in an organisation: "the chairman of X", "the editor of X" make X one.
OFFICES_OF_ORGS = _words(
    """
    chairman chairwoman chairperson director founder owner owners shareholder shareholders
    editor executive ceo president head spokesman spokeswoman spokesperson employees staff
    board service
    """
)

#: Words before a capitalised span that make it a work (film, book, programme): dropped.
WORK_NOUNS = _words(
    """
    film movie book memoir memoirs novel programme program show song album documentary
    series poem play opera painting exhibition campaign hashtag slogan entitled
    titled headlined chronicle ticker missile missiles rocket rockets drone drones
    howitzer howitzers launcher launchers satellite satellites spacecraft
    """
)

#: Last words of names that are not people, places or organisations (laws, events).
DROP_HEADS = _words(
    """
    act code law laws treaty agreement accord doctrine declaration constitution revolution
    war wars uprising massacre crisis day eve year prize award cup games olympics festival
    summit forum conference chronicle program programme plan strategy concept decree
    resolution amendment amendments bill list index convention register ranking project
    trophy tournament championship championships finals marathon week fair expo exhibition
    biennale
    """
)

#: Nicknames for centuries and regnal numbers that continue a name (``Nicholas II``).
ROMAN_NUMERALS = _words(
    "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX XXI"
)

#: Endings of one-word company names of the region (``Gazprom``, ``Kazatomprom``,
#: ``Uztransgaz``, ``Türkmennebit``, ``Lukoil``, ``Kazmortransflot``, ``Roscosmos``), and
#: of state agencies named the same way (``Belstat``, ``Roskomnadzor``, ``Roshydromet``).
COMPANY_STEMS = (
    "gaz", "gas", "neft", "nebit", "prom", "atom", "kosmos", "cosmos", "flot", "oil",
    "bank", "energo", "stroy", "invest", "telecom", "mash", "khim", "avia", "trans",
    "holding", "group", "tech", "munai", "munay", "stat", "nadzor", "hydromet", "film",
    "vodkhoz", "vodokanal", "avtodor", "bonk", "resursy", "aviatsia",
)  # fmt: skip

#: Last words of company names that are no organisation head in general English
#: (``Halyk Finance``, ``Globalink Logistics``, ``Steppe Gold``).
BUSINESS_WORDS = _words(
    """
    finance financial logistics capital energy mining shipping gold oil gas motors systems
    solutions telecom trading partners consulting resources metals minerals industries
    construction development airlines airline petroleum chemicals pharma technologies
    invest investments container containers cargo freight lines securities munai munay
    electronics engineering machinery steel cement textiles foods agro trans auto
    automotive insurance life leasing software broker brokers air advisory advisors advisers
    ventures analytics energie energia neft neftegaz internet boxing sports promotions komir
    kurylys
    entertainment communications info trade supply supplies components distribution equipment
    materials products export import transit
    """
)
