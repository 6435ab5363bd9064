"""What a name or noun phrase of a parsed article names, read off its words and parse:
a person, an organization, a place, an office or a relative; the title written before
or beside a name; and a name's clean form ("the Halifax's Tom Ferris" -> "Tom Ferris").
The vocabularies of roles, organizations and places that these readings share live
here too. ``speakers.SpeakerResolver`` decides with them who a mention is."""
from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from claimkb.ingest.extract.cues import SUBJECT_DEPS, entity_of, is_document_noun, name_after_opening_cue, set_beside
from claimkb.ingest.extract.given_names import sex_of_given_name
from claimkb.ingest.extract.nlp import TITLE_ABBREVIATIONS

PERSON_LABELS = ("PERSON",)
ORG_LABELS = ("ORG", "NORP", "GPE", "FAC")

HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f"}
HONORIFICS = set(HONORIFIC_GENDER) | {"dr", "dr.", "prof", "prof.", "rev", "rev."}
# Role nouns that carry a gender: "Jo Lee, a mother of two", "spokeswoman Jo Lee".
GENDERED_NOUNS = {
    **dict.fromkeys(
        "man spokesman chairman businessman congressman father dad son brother husband "
        "boyfriend grandfather uncle nephew king prince".split(), "m"),
    **dict.fromkeys(
        "woman spokeswoman chairwoman businesswoman congresswoman mother mom mum daughter "
        "sister wife girlfriend grandmother aunt niece queen princess actress widow".split(), "f"),
}

# Roles whose holder speaks for the organization they serve ("a Hydro spokesperson", "an
# official at the ministry", "an AFP journalist" reporting); a resident, customer or
# engineer of it speaks for themselves.
REPRESENTATIVE_NOUNS = frozenset(
    """
    spokesperson spokesman spokeswoman representative rep official officer executive
    director chief head president ceo cfo coo chair chairman chairwoman chairperson
    manager secretary minister commissioner superintendent administrator negotiator
    lawyer attorney counsel staff journalist reporter correspondent
    """.split()
)
# Kinds of organization that are businesses: "the company" may be one named with any of
# them ("Tellan Motors", "the Harbour Retail Group"), but not one whose name says it is a
# public or member body ("the Westmere Police Department", "the Pub Association").
BUSINESS_KINDS = frozenset(
    """
    company firm corporation business retailer carrier airline insurer lender manufacturer
    automaker publisher broadcaster chain utility employer
    """.split()
)
# What news calls a company it has named ("Tellan released a patch. The software giant
# said ..."): "the <epithet>" refers back to the business as "the company" does. Only
# words that name no person: "the producer" or "the miner" may be one.
BUSINESS_EPITHETS = frozenset("giant conglomerate behemoth startup chipmaker drugmaker carmaker".split())
# ... and the words of such a body's name
PUBLIC_BODY_WORDS = frozenset(
    """
    association council ministry department agency police university hospital court commission
    committee government union party foundation charity authority school church parliament
    federation society institute college embassy tribunal bureau congress senate
    """.split()
)


def may_be_of_kind(name: str, kind: str) -> bool:
    """Whether an organization so named may be what "the <kind>" refers to: a business
    kind never refers to a body whose name says it is a public or member one."""
    return kind not in BUSINESS_KINDS or not PUBLIC_BODY_WORDS & set(name.lower().split())


# Nouns for a place, which a name given to them names ("the district of Kota Lama").
PLACE_NOUNS = frozenset(
    "district province region county state city town village township municipality neighbourhood "
    "neighborhood suburb island valley river lake mountain regency prefecture territory".split()
)
# Family members, whom news calls by first name ("her father, Tobias").
KINSHIP_NOUNS = frozenset(
    "father mother dad mom mum parent son daughter child brother sister sibling husband wife spouse "
    "partner boyfriend girlfriend fiance fiancee grandfather grandmother grandson granddaughter "
    "uncle aunt nephew niece cousin stepfather stepmother stepson stepdaughter".split()
)
# Head nouns that name an organization rather than a person.
ORG_NOUNS = frozenset(
    """
    organization organisation company agency group department ministry government
    firm association union board council committee commission police service office
    center centre institute university hospital bank court party campaign team network
    foundation charity authority regulator watchdog coalition federation society
    corporation business employer retailer airline force army military navy school
    district city province state county municipality administration railway railroad
    utility carrier insurer broadcaster publisher manufacturer automaker lender chain
    diocese church league club bureau college embassy consulate tribunal parliament
    congress senate cabinet constabulary trust newspaper magazine tabloid outlet newsletter
    channel station
    """.split()
)
# A state's institutions: news tells them apart by the state's name ("Russia's Defence
# Ministry", "Pakistan's Ministry of Foreign Affairs"), which belongs to the name.
STATE_INSTITUTION_NOUNS = frozenset(
    "ministry department government embassy consulate army military navy police court parliament "
    "cabinet senate congress office agency".split()
)
# Role nouns that are the same office under another name; kept to generic words of
# public life so that "the prosecutor" can refer back to an attorney general.
ROLE_SYNONYMS = {
    "prosecutor": {"attorney", "prosecutor", "crown"},
    "attorney": {"attorney", "prosecutor", "lawyer", "counsel"},
    "lawyer": {"attorney", "lawyer", "counsel", "solicitor", "barrister"},
    "premier": {"premier", "leader"},
    "leader": {"leader", "premier", "chief", "head"},
    "head": {"head", "chief", "director", "president", "leader"},
    "chief": {"chief", "head", "director", "leader"},
    "spokesman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokeswoman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson"},
    "official": {"official", "officer"},
    # a judge of a Commonwealth superior court is titled "Justice": "Justice Ann Roe"
    "judge": {"judge", "justice"},
    "officer": {"officer", "official", "constable", "sergeant", "inspector"},
    # business news writes "CEO Dana Roe" and then "the chief executive", or the reverse
    "executive": {"executive", "ceo"},
    "ceo": {"ceo", "executive"},
    "chair": {"chair", "chairman", "chairwoman", "chairperson"},
    "chairman": {"chair", "chairman", "chairperson"},
    "chairwoman": {"chair", "chairwoman", "chairperson"},
    "chairperson": {"chair", "chairman", "chairwoman", "chairperson"},
}
# Words with an office that make it another: a deputy mayor is not the mayor, nor a
# former premier or the opposition leader the premier or the leader, nor is a
# president-elect president yet ("interim" and "acting" still hold the office, and an
# assistant attorney general is still "the prosecutor")
OTHER_OFFICE_WORDS = frozenset("deputy vice former ex elect opposition shadow".split())
# Prepositions after a role that say whom it serves: "a spokesman for the trust", "the
# director of the museum", "a lawyer with the firm", "a teacher at the school".
SERVING_PREPOSITIONS = frozenset({"for", "of", "with", "at"})
# Offices that are written capitalized yet are roles, not names ("Prosecutor said").
ROLE_NOUNS = frozenset(ROLE_SYNONYMS) | frozenset(
    """
    minister president premier mayor governor senator judge justice commissioner
    director manager secretary chair chairman chairwoman chairperson ceo founder
    coach captain detective sergeant constable inspector superintendent professor
    doctor councillor councilor mp mpp mla ambassador general colonel spokesperson
    organizer organiser analyst economist activist executive researcher author
    officer lieutenant corporal chancellor deputy trustee
    """.split()
)
# Nouns for a person that no suffix rule finds ("a witness", "the victim").
PERSON_WORDS = frozenset(
    "person victim witness source friend neighbour neighbor child kid teen teenager girl boy guy "
    "colleague relative spouse one someone individual expert official aide employee".split()
)
# Nouns for a body of people that is no organization: singular in form, yet never one
# person whom "the crowd" or "the audience" could refer back to.
COLLECTIVE_NOUNS = frozenset("crowd audience mob throng gathering crew congregation public jury".split())
# Kinds of business written before an organization's name ("Retailer Harbourmart",
# "developer Valve"): agent nouns that describe it and that no company's name opens
# with, unlike "Union Pacific" or "Trust Bank".
ORG_DESCRIPTORS = frozenset(
    "developer publisher retailer broadcaster manufacturer automaker carmaker chipmaker drugmaker lender "
    "insurer distributor supplier producer brewer miner".split()
)
# Nouns for a share of a group ("a majority of nurses", "40 per cent of voters", "half
# of the respondents", "most of the staff"): the group speaks, never one person. "One
# of", "each of" name one, and are not here.
PORTION_NOUNS = frozenset(
    "majority minority half third quarter fifth tenth percent cent proportion share number fraction "
    "handful dozen dozens hundreds thousands millions bulk rest most some many all several few both".split()
)
# Offices of public life: news names their holder by title ("Judge Ann Roe"), so "the
# judge" with no such title in the article is someone new, not the person last discussed.
PUBLIC_OFFICES = frozenset(
    "judge justice minister premier mayor governor senator prosecutor attorney commissioner "
    "chancellor ambassador coroner sheriff".split()
)
# Capitalized words that mark a proper name as an organization's, not a person's.
ORG_NAME_WORDS = ORG_NOUNS | frozenset(
    """
    inc corp corporation ltd llc co news times post press star globe mail herald tribune
    journal magazine media hydro canada airlines league club fc united town ministry
    services systems technologies energy health care capital holdings partners labs
    radio tv television church museum library fund trust alliance institute college
    electronics street avenue road mall studio studios
    motors automotive mining minerals metals resources industries pharmaceuticals pharma
    therapeutics biotech foods beverages brewing airways aviation aerospace logistics
    shipping freight construction properties realty developments ventures solutions brands
    entertainment pictures records productions communications telecom telecommunications
    networks software semiconductors chemicals petroleum insurance financial securities
    investments hotels resorts cinemas
    """.split()
)
# Verbs whose subject issued a document: "the union released a statement".
PLACE_LABELS = ("GPE", "LOC", "DATE", "NORP", "FAC")
TITLE_STOP_LABELS = ("GPE", "NORP", "LOC", "DATE", "CARDINAL", "ORDINAL")
TITLE_LOWER_WORDS = {"of", "for", "and", "&", "the"}
# What an age is counted in: "56-year-old", "18-month-old".
AGE_UNITS = frozenset({"year", "month", "week"})
# A position written in capitals before a name: "DL", "QB", "MLA", "CEO".
ABBREVIATED_POSITION = re.compile(r"[A-Z]{2,4}")
# Words an organization's acronym leaves out, and the fewest letters one has: two-letter
# initials ("BA", "UN") are too often another name's.
ACRONYM_SKIPPED_WORDS = frozenset({"of", "for", "and", "&", "the", "on", "in"})
MIN_ACRONYM_LETTERS = 3
# A noun joined by hyphens to a preposition's object: "sergeant-at-arms", "editor-in-chief"
# (five tokens, the hyphens among them; see ``head_token``).
HYPHENATED_COMPOUND = re.compile(r"[^\W\d_]+-(?:at|in|of|on|to|for)-[^\W\d_]+")
HYPHENATED_COMPOUND_TOKENS = 5
# A time zone's abbreviation: standard or daylight time of a region ("EST", "AEST",
# "BST", "NZDT"), or one of the few written otherwise. Read as one only right after a
# date or time, as in "(early Wednesday AEST)", where the NER takes it for an organization.
TIME_ZONE = re.compile(r"(?:[A-Z]{1,3}[SD]T|GMT|UTC|CET|EET|WET|IST|JST|KST|HKT|SGT)")
# The apostrophe a name may begin with (see ``with_name_apostrophes``).
NAME_APOSTROPHE = "’"
# What joins the places an organization is named after: the last by "and" ("Eastvale and
# Norland Police"), those before it by a comma too ("Dorset, Wiltshire and Somerton").
LAST_PLACE_JOINERS = frozenset({"and", "&"})
PLACE_JOINERS = LAST_PLACE_JOINERS | {","}
# What the NER calls one such place on its own: a place, or a person for a name it
# does not know ("Eastvale"); never a day ("On Wednesday, Harbour Police said").
NAME_LABELS_OF_PLACES = frozenset({"GPE", "LOC", "FAC", "PERSON"})
# Endings of English agent and demonym nouns: founder, proprietor, economist,
# defenceman, politician, resident, Republican, democrat.
PERSON_NOUN = re.compile(r"(?:er|or|ist|man|woman|ian|ent|ant|crat|ee)$")
# The running time closing a video's caption: "... in the harbour dispute. 3:17"
RUNNING_TIME = re.compile(r"[.!?]\s+\d{1,2}:\d{2}\s*$")
# Where someone stands in a photo, which only a caption says: "Jo Lee, left, and Ann Roe"
PHOTO_POSITION = re.compile(
    r"[,(]\s*(?:(?:second|third|fourth|fifth|far)\s+(?:from\s+(?:the\s+)?)?)?"
    r"(?:left|right|centre|center|middle|front|back)\s*[,)]"
)
# Honours, seats and degrees written after a name (British and Commonwealth usage);
# letters that are also states or common abbreviations (MS, MD, TD, SC) are left out.
POST_NOMINALS = re.compile(r"(?:,?\s+(?:MBE|OBE|CBE|KBE|DBE|GBE|KC|QC|MP|MSP|MEP|MLA|MPP|MHA|PhD|Ph\.D\.?))+$")
# A generation written after a name ("Dale R. Hutton Jr.", "Marcus Penrose III") is part
# of it, but the family name before it is what news calls the person later ("Hutton").
GENERATION = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?$")


def clean_name(text: str) -> str:
    # "Lund‘s": a left quotation mark typed for an apostrophe is still a possessive
    text = re.sub(r"['’‘]s?$", "", text.strip())
    text = re.sub(r"^(?:the|The|['’‘]s)\s+", "", text)
    # "Halifax's Tom Ferris": the possessive before a full name is a place or team; a
    # role it owns keeps it ("Lee's late father" is no "late father")
    text = re.sub(r"^[A-Z][\w.-]*['’]s?\s+(?=[A-Z]\S*\s+\S)", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:").lstrip(".")
    # a final period ends the sentence, except after an abbreviated generation ("Jr.")
    if text.endswith(".") and not GENERATION.match(text.split()[-1]):
        text = text.rstrip(" .,;:")
    # a bracket the name does not close or open ("[Bohdan Fedorenko", an editor's
    # insertion cut at its edge) is no part of it; "Nepal (CAAN)" keeps its pair
    if text[:1] in "([" and not any(c in text for c in ")]"):
        text = text[1:].lstrip()
    if text[-1:] in ")]" and not any(c in text for c in "(["):
        text = text[:-1].rstrip()
    # "Dana Whitfield MP", "Ian Roe KC": letters after a name are no part of it, or
    # "Whitfield" would not find her later ("Labour MP" alone is a role and stays)
    bare = POST_NOMINALS.sub("", text)
    text = bare if len(bare.split()) >= 2 else text
    # "Retailer Harbourmart", "Developer Valve": the kind of business, capitalized to
    # open a sentence, says what the organization is, as "the retailer" would
    kind, _, rest = text.partition(" ")
    return rest if rest[:1].isupper() and kind.lower() in ORG_DESCRIPTORS else text


def with_joined_organizations(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents`` with each organization named after the places it serves joined
    whole, where the NER took only the last place with the organization's noun:
    "Eastvale and Norland Police" (read as the place "Eastvale" and "Norland Police"),
    "Dorset, Wiltshire and Somerton Fire Service". A person's
    full name before "and" is someone else ("Jo Marsh and Harbour Police")."""
    ents = list(doc.ents)
    for ent in doc.ents:
        # an organization written with "the" is named alone ("India and the European Union")
        if ent.label_ != "ORG" or ent.root.lemma_.lower() not in ORG_NOUNS or ent[0].lower_ == "the":
            continue
        start = ent.start
        # a comma alone joins nothing ("In Paris, French police said ...")
        joiners = LAST_PLACE_JOINERS
        while start >= 2 and doc[start - 1].lower_ in joiners and _place_word(doc[start - 2]):
            start -= 2
            joiners = PLACE_JOINERS
        if start < ent.start:
            joined = Span(doc, start, ent.end, label="ORG")
            ents = [e for e in ents if e.end <= start or e.start >= ent.end] + [joined]
    return tuple(sorted(ents, key=lambda e: e.start))


# Words after a given name read as the rest of the name: a middle name and a surname.
MAX_SURNAME_WORDS = 2


def without_opening_cue(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents`` without the verb of saying that an inverted attribution opens with,
    which the NER reads as the name's first word ("Said Petrie: "...""; see
    ``name_after_opening_cue``)."""
    ents = []
    for ent in doc.ents:
        name = name_after_opening_cue(ent[0]) if len(ent) > 1 else None
        if name is not None and name.end == ent.end:
            ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)
        ents.append(ent)
    return tuple(ents)


def with_given_name_persons(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents`` with a person's name the NER left unlabelled: a capitalized proper
    noun that is a given name one sex clearly bears (``given_names``), followed by one or
    two more capitalized proper nouns, none of them in an entity ("The union president,
    Ana Ruiz, said": the small model labels "Maria Lopez" there, not "Ana Ruiz"). A name
    the NER labelled anything ("Grace Church", "May Day") stays as it labelled it."""
    ents = list(doc.ents)
    i = 0
    while i < len(doc):
        end = i + 1
        # the cheap tests first: most tokens are no unlabelled capitalized pair
        if (end < len(doc) and _unlabelled_capital(doc[i]) and _unlabelled_capital(doc[end])
                and sex_of_given_name(doc[i].text) is not None):
            while end < len(doc) and end - i <= MAX_SURNAME_WORDS and _unlabelled_capital(doc[end]):
                end += 1
            ents.append(Span(doc, i, end, label="PERSON"))
        i = end
    return tuple(sorted(ents, key=lambda e: e.start))


def _unlabelled_capital(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title and not token.ent_type_ and token.is_alpha


def with_time_zones(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents`` with a time zone written after a date or time ("early Wednesday
    AEST") read as part of that time, not as the organization the NER takes it for:
    "it said" after such a line must not find "AEST"."""
    ents: list[Span] = []
    for ent in doc.ents:
        before = ents[-1] if ents else None
        if (before is not None and before.end == ent.start and before.label_ in ("DATE", "TIME")
                and TIME_ZONE.fullmatch(ent.text)):
            ents[-1] = Span(doc, before.start, ent.end, label="TIME")
            continue
        ents.append(ent)
    return tuple(ents)


def with_numbered_organizations(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents`` with the number that ends an organization's name read as part of it,
    where the NER leaves it out or takes it for a count or a date: "HWU Local 1005" (a
    union's branches are numbered). Only a number the parser hangs on the name's last
    word."""
    ents = list(doc.ents)
    for n, ent in enumerate(ents):
        number = doc[ent.end] if ent.label_ == "ORG" and ent.end < len(doc) else None
        if number is None or not number.is_digit or number.dep_ != "nummod" or number.head.i != ent.end - 1:
            continue
        ents[n] = Span(doc, ent.start, ent.end + 1, label="ORG")
        after = ents[n + 1] if n + 1 < len(ents) else None
        if after is not None and after.start == number.i:
            # "1005 late Friday": the rest of what the NER read with the number
            ents[n + 1] = Span(doc, number.i + 1, after.end, label=after.label_)
    return tuple(e for e in ents if len(e))


def with_name_apostrophes(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents`` with the apostrophe a name begins with, which the NER leaves out:
    Sesotho names write "’Ma" for "Mma", mother of ("’Mamello Ntho"). Only a right single
    quotation mark glued to the name after a space counts: it cannot open a quotation,
    where a straight mark may."""
    ents = []
    for ent in doc.ents:
        mark = doc[ent.start - 1] if ent.start > 0 else None
        if (mark is not None and mark.text == NAME_APOSTROPHE and not mark.whitespace_ and not mark.ent_type_
                and (mark.i == 0 or doc[mark.i - 1].whitespace_)):
            ent = Span(doc, mark.i, ent.end, label=ent.label_)
        ents.append(ent)
    return tuple(ents)


def _place_word(token: Token) -> bool:
    """One capitalized word that may name a place before "and": not part of a longer
    name the NER read (a person's full name, another organization)."""
    if not (token.pos_ == "PROPN" and token.is_title):
        return False
    ent = entity_of(token)
    return ent is None or len(ent) == 1 and ent.label_ in NAME_LABELS_OF_PLACES


def surname(name: str) -> str:
    """The family name of a person's full name: its last word before any generation
    ("Hutton" of "Dale R. Hutton Jr.")."""
    words = name.split()
    while len(words) > 1 and GENERATION.match(words[-1].strip(",")):
        words.pop()
    return words[-1] if words else ""


def head_token(span: Span) -> Token:
    """The noun a mention is headed by: its root, or the first word of a compound the
    parser heads with its last ("sergeant-at-arms" is a sergeant, "editors-in-chief"
    editors, not arms or a chief). A determiner is never the head, even where the
    parser hangs it outside the phrase ("the 54-year-old said", see ``cues.name_span``)."""
    root = span.root
    if root.dep_ == "det" and len(span) > 1:
        root = span[1:].root
    first = root.i - HYPHENATED_COMPOUND_TOKENS + 1
    if first >= span.start and HYPHENATED_COMPOUND.fullmatch(span.doc[first : root.i + 1].text):
        return span.doc[first]
    return root


def full_organization_names(names: set[str], unlabelled: Iterable[str] = ()) -> dict[str, str]:
    """Short forms of an organization's name mapped to the full one the article
    also uses: "Norvale" -> "Norvale Energy", "Pacifica" -> "Pacifica Corp".
    Only corporate words may complete a name, so that "Glimmer" never becomes
    "Glimmer Research", a product or division of it. An acronym may also stand for
    a run of capitalized words the NER labelled nothing (``unlabelled``: "the CRE"
    after "the Coastal Rates Examiner")."""
    full: dict[str, str] = {}
    for name in sorted(names, key=lambda n: -len(n.split())):
        words = name.split()
        for cut in range(len(words) - 1, 0, -1):
            rest = words[cut:]
            if all(w.lower().strip(".,") in ORG_NAME_WORDS for w in rest):
                short = " ".join(words[:cut]).lower()
                full.setdefault(short, full.get(name.lower(), name))
    # "the CSA" after "the Coastal Shipping Authority": an acronym of one name alone
    by_initials: dict[str, set[str]] = {}
    for name in names | set(unlabelled):
        for initials in acronyms_of(name):
            by_initials.setdefault(initials.lower(), set()).add(full.get(name.lower(), name))
    for initials, expansions in by_initials.items():
        if len(expansions) == 1:
            full.setdefault(initials, expansions.pop())
    return full


def acronym_of(name: str) -> str | None:
    """The initials of a name of several capitalized words, its short words left out
    ("Harbour Works and Procurement Norland" -> "HWPN"), or None for a name of one
    word or one with a word in lower case."""
    words = [w for w in re.split(r"[\s,]+", name) if w and w.lower() not in ACRONYM_SKIPPED_WORDS]
    if len(words) < MIN_ACRONYM_LETTERS or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def acronyms_of(name: str) -> set[str]:
    """The acronyms a name may go by: its initials (``acronym_of``), and those of the name
    without a first word that says whose it is or a last "and ..." that the short form
    drops ("Chinese Center for Disease Control and Prevention" is "the CDC", "U.S.
    Securities and Exchange Commission" "the SEC")."""
    words = name.split()
    trimmed = [words, words[1:]]
    if len(words) > 2 and words[-2] == "and":
        trimmed += [words[:-2], words[1:-2]]
    return {initials for variant in trimmed if (initials := acronym_of(" ".join(variant))) is not None}


def name_beside(mention: Span) -> str | None:
    """The proper name in apposition to the head of ``mention`` ("the union Unifor")."""
    for child in mention.root.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i < mention.end:
            words = [t for t in mention.doc[child.left_edge.i : child.i + 1] if t.pos_ == "PROPN"]
            return clean_name(" ".join(t.text for t in words)) or None
    return None


def named_beside_organization_noun(ent: Span) -> bool:
    """ "the clothing company Ralph Lauren", "the aid group Harbourlight", "her employer,
    Harbourmart,": a name set right after an organization noun, or after it and a comma,
    names that organization, whatever the NER labelled it."""
    head = ent.root.head
    doc = ent.doc
    right_after = head.i == ent.start - 1 or head.i == ent.start - 2 and doc[ent.start - 1].text == ","
    return (ent.root.dep_ == "appos" and right_after and head.pos_ == "NOUN"
            and head.lemma_.lower() in ORG_NOUNS)


def institution_name(mention: Span) -> str | None:
    """ "The Royal Society of DJs", "the Institute for Ferry Studies": an organization
    noun written capitalized with a capitalized "of" or "for" phrase after it is one
    name, whatever part of it the NER labelled ("DJs", "Royal Society"). A place's
    government ("the City of Eastvale") is named by its place, as the NER names it."""
    root = mention.root
    if root.lemma_.lower() in PLACE_NOUNS:
        return None
    start = mention.start + (mention[0].lower_ in ("the", "a", "an"))
    words = mention.doc[start : mention.end]
    if not root.text[:1].isupper() or not any(t.lower_ in ("of", "for") and t.i > root.i for t in words):
        return None
    if not all(t.text[:1].isupper() or t.lower_ in TITLE_LOWER_WORDS for t in words):
        return None
    return clean_name(words.text) or None


def is_age(token: Token) -> bool:
    """ "old" of "56-year-old" (the tokenizer splits it in five), which stands for a
    person when nothing follows it."""
    return token.lower_ == "old" and any(child.lemma_.lower() in AGE_UNITS for child in token.children)


def is_portion_of_group(noun: Token) -> bool:
    """ "A majority of nurses", "40 per cent of voters", "half of the respondents": a
    share of what the "of" names, which is a group of people speaking, not one person,
    though the noun is singular ("cent" looks like "student")."""
    return (noun.lemma_.lower() in PORTION_NOUNS
            and any(child.dep_ == "prep" and child.lower_ == "of" for child in noun.children))


def names_a_person(mention: Span) -> bool:
    """A noun phrase whose head is a kind of person: an office ("minister"), an
    agent noun ("founder", "defenceman", "economist"), or anyone given an age."""
    head = mention.root
    lemma = head.lemma_.lower()
    if head.tag_ in ("NNS", "NNPS") or lemma in ORG_NOUNS or is_document_noun(head) or is_portion_of_group(head):
        return False
    if _role_or_agent(lemma):
        return True
    # the tokenizer splits "26-year-old" into five tokens
    return re.search(r"\b\d+-year-old\b", mention.text) is not None


def is_kind_of_people(noun: Token) -> bool:
    """A noun for people of some kind, singular or plural: an office or role, an agent
    noun ("authors", "residents"), or a word for persons ("officials", "experts")."""
    lemma = noun.lemma_.lower()
    return _role_or_agent(lemma) or lemma in PERSON_WORDS


def _role_or_agent(lemma: str) -> bool:
    """An office or role ("minister"), or an agent noun ("founder", "economist")."""
    return lemma in ROLE_NOUNS or PERSON_NOUN.search(lemma) is not None


def is_thing(noun: Token) -> bool:
    """A singular common noun, named by no entity, that is no kind of person, group,
    organization or document: "That process", "the realization". It speaks for no one."""
    if noun.tag_ != "NN" or noun.ent_type_:
        return False
    lemma = noun.lemma_.lower()
    words = PERSON_WORDS | ORG_NOUNS | COLLECTIVE_NOUNS
    return (lemma not in words and not is_document_noun(noun) and not is_portion_of_group(noun)
            and not names_a_person(noun.doc[noun.i : noun.i + 1]))


def described_as_person(ent: Span) -> bool:
    """A name the text describes as a person's: set beside a kind of person ("Taufik, an
    official of the disaster agency"; "the economist Ann Roe") or followed by "who"
    ("Taufik, who goes by one name")."""
    root = ent.root
    beside = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        beside.append(root.head)
    if any(names_a_person(token.doc[token.i : token.i + 1]) or token.lemma_.lower() in PERSON_WORDS for token in beside):
        return True
    return any(c.dep_ == "relcl" and any(w.lower_ == "who" and w.dep_ == "nsubj" for w in c.children)
               for c in root.children)


def names_a_place(ent: Span) -> bool:
    """A name given to a place noun: "the district of Kota Lama", "Kota Lama
    district", "the village, Sungai Besar"."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_NOUNS:
        return True
    if root.dep_ == "appos" and root.head.lemma_.lower() in PLACE_NOUNS:
        return True
    if len(ent) > 1 and ent[-1].lemma_.lower() in PLACE_NOUNS:  # the NER took the noun in
        return True
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return after is not None and after.pos_ in ("NOUN", "PROPN") and after.lemma_.lower() in PLACE_NOUNS


def only_a_kind(ent: Span) -> bool:
    """An entity that is only a kind of organization ("Council" of "The Council")."""
    return len(ent) == 1 and ent.root.lemma_.lower() in ORG_NOUNS


def state_owning(ent: Span) -> str | None:
    """The place or public office whose institution ``ent`` is, as written with its
    possessive ("Russia's" of "Russia's Defence Ministry", "California Governor's" of
    "California Governor's Office of Emergency Services"), or None: the capitalized
    words before the possessive, among them a place or an office."""
    if ent.start < 2 or not any(t.lower_ in STATE_INSTITUTION_NOUNS for t in ent):
        return None
    if ent.doc[ent.start - 1].tag_ != "POS":
        return None
    start = ent.start - 1
    while start > 0 and _in_owner_name(ent.doc[start - 1]):
        start -= 1
    owner = ent.doc[start : ent.start - 1]
    if not any(t.ent_type_ == "GPE" or t.lemma_.lower() in PUBLIC_OFFICES for t in owner):
        return None
    return ent.doc[start : ent.start].text


def _in_owner_name(token: Token) -> bool:
    """A capitalized word of a place's or an office's name ("California", "Governor"),
    not of a person's."""
    return token.tag_ == "NNP" and token.is_title and token.ent_type_ not in PERSON_LABELS


def names_a_relative(ent: Span) -> bool:
    """A name set in apposition to a family noun: "her father, Tobias", "Tobias, her father"."""
    root = ent.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in KINSHIP_NOUNS:
        return True
    return any(child.dep_ == "appos" and child.lemma_.lower() in KINSHIP_NOUNS for child in root.children)


def is_credit(ent: Span) -> bool:
    """A byline, photo credit or caption rather than a person in the story: a name
    beside a slash ("Jane Roe/Reuters"), on a line with no verb ("By Jane Roe, CBC
    News"), in a sentence that places people in a photo ("Jo Lee, left, and ...") or
    in a paragraph ending with a video's running time."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].text == "/" or ent.end < len(doc) and doc[ent.end].text == "/":
        return True
    if any(t.text == "/" for t in ent):  # the NER may take the slash into the name
        return True
    sent = ent.sent
    if len(sent) <= 12 and not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return True
    if is_caption(sent):
        return True
    # a video's caption, which ends its paragraph with the running time ("... 3:17")
    end = ent.end
    while end < len(doc) and "\n" not in doc[end].text:
        end += 1
    return RUNNING_TIME.search(doc[ent.end : end].text) is not None


def is_caption(sent: Span) -> bool:
    """A sentence that places people in a photo ("Jo Lee, left, and Ann Roe ...")."""
    return PHOTO_POSITION.search(sent.text) is not None


def is_definite_office(token: Token) -> bool:
    """ "the mayor", "The minister": one office held by one person, named by title."""
    return (
        token.pos_ == "NOUN" and token.tag_ == "NN" and token.lemma_.lower() in ROLE_NOUNS
        and any(child.dep_ == "det" and child.lower_ == "the" for child in token.children)
    )


def is_modifier(ent: Span) -> bool:
    """A name between a determiner and the common noun it qualifies ("the Kinder Hill
    pipeline", "the Lee administration") speaks of a thing, not of the person: no
    pronoun refers to it. The determiner is required because the small parser also
    makes a name a compound of the phrase after it ("for Lee jumping bail")."""
    root = ent.root
    head = root.head
    return (
        root.dep_ == "compound" and head.pos_ == "NOUN" and not ent.start <= head.i < ent.end
        and any(child.dep_ == "det" and child.i < ent.start for child in head.children)
    )


def role_name(mention: Span) -> str:
    """A role or group as written, less its article: "a spokesperson" -> "spokesperson"."""
    text = re.sub(r"^(?:the|a|an)\s+", "", mention.text.strip(), flags=re.IGNORECASE)
    return clean_name(text) or mention.text


def title_before(ent: Span) -> Span | None:
    """Capitalized office words right before a name: "Assistant Attorney General"."""
    doc = ent.doc
    i = ent.start
    words: list[Token] = []
    while i > 0:
        token = doc[i - 1]
        if token.ent_type_ in TITLE_STOP_LABELS or token.ent_type_ in PERSON_LABELS:
            break
        if token.is_title or token.is_upper and len(token) > 1 or (words and token.lower_ in TITLE_LOWER_WORDS):
            if token.lower_ in HONORIFICS or token.is_sent_start and token.pos_ not in ("PROPN", "NOUN"):
                break
            words.insert(0, token)
            i -= 1
        else:
            break
    while words and words[0].lower_ in TITLE_LOWER_WORDS:
        words.pop(0)
    if not words or not any(t.pos_ in ("NOUN", "PROPN") for t in words):
        return None
    return doc[words[0].i : ent.start]


def role_before(ent: Span) -> Span | None:
    """An office in lower case right before a name, which news runs together with it:
    "chief executive Mark Dunn", "union leader Ann Reyes", "spokeswoman Mia Clark"."""
    doc = ent.doc
    i = ent.start
    # each word modifies a later one of the office or the name
    while i > 0 and doc[i - 1].is_lower and doc[i - 1].is_alpha and doc[i - 1].dep_ in ("compound", "amod") \
            and i <= doc[i - 1].head.i < ent.end:
        i -= 1
    if i == ent.start or doc[ent.start - 1].lower_ not in ROLE_NOUNS:
        return None
    return doc[i : ent.start]


def with_other_office_words(title: Span) -> Span:
    """``title`` with the words before it that make it another office, whatever their
    case: "Former premier", "Opposition leader", "Vice-president"."""
    doc, start = title.doc, title.start
    while start > 0 and (doc[start - 1].lower_ in OTHER_OFFICE_WORDS
                         or doc[start - 1].text == "-" and start > 1 and doc[start - 2].lower_ in OTHER_OFFICE_WORDS):
        start -= 1
    return doc[start : title.end]


def title_in_apposition(ent: Span) -> str | None:
    """ "Beth Williams, the assistant attorney general," or "the minister, Jane Doe,"
    (an office the tagger calls a proper noun too: "the company's CEO, Dana Roe")."""
    root = ent.root
    for child in root.children:
        if _is_role_noun(child) and set_beside(child, root):
            return role_phrase(child)
    if _is_role_noun(root.head) and set_beside(root, root.head):
        return role_phrase(root.head)
    return None


def _is_role_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.lower_ in ROLE_NOUNS


def role_phrase(token: Token) -> str:
    doc = token.doc
    start = token.left_edge.i
    while start < token.i and doc[start].dep_ in ("det", "punct", "poss", "case"):
        start += 1
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.i == end:
            end = child.right_edge.i + 1
    return doc[start:end].text


def proper_name_runs(doc: Doc):
    """Maximal runs of two or more capitalized proper nouns."""
    run: list[Token] = []
    for token in doc:
        if token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha or run and token.text in ("-",):
            run.append(token)
            continue
        if len(run) >= 2:
            yield doc[run[0].i : run[-1].i + 1]
        run = []
    if len(run) >= 2:
        yield doc[run[0].i : run[-1].i + 1]


def person_name_in(span: Span) -> str | None:
    """The person's name ending a run of proper nouns, without the office before
    it ("Prime Minister Justin Trudeau" -> "Justin Trudeau"); None when the run
    names an organization or a place."""
    words = [t for t in span if t.text != "-"]
    name: list[Token] = []
    for token in reversed(words):
        if token.lower_ in ROLE_NOUNS or token.lower_ in HONORIFICS or len(name) == 2:
            break
        name.insert(0, token)
    if len(name) < 2:
        return None
    if any(is_org_name_word(t) or t.is_upper and len(t) > 1 or t.ent_type_ in PLACE_LABELS for t in name):
        return None
    return clean_name(" ".join(t.text for t in name))


def is_org_name_word(token: Token) -> bool:
    """One of ``ORG_NAME_WORDS``, abbreviated or not ("Corp." as "corp")."""
    return token.lower_.rstrip(".") in ORG_NAME_WORDS


def starts_as_organization(ent: Span) -> bool:
    """A name the NER took for a person's that opens with an organization's word
    ("Studio Kellerman", "Radio Halton"): a firm named after its founder or place.
    Only the first word counts, since surnames can be such words ("Emily Post")."""
    return len(ent) > 1 and is_org_name_word(ent[0])


def name_after_office(ent: Span) -> str | None:
    """The name after a capitalized office that ends an entity the NER took for an
    organization or a place ("Gitxsan Hereditary Chief Wii'lax" -> "Wii'lax"): one or
    two capitalized words, none an organization's word."""
    office = max((t.i for t in ent if is_office_word(t.text) and t.is_title), default=None)
    if office is None:
        return None
    name = ent.doc[office + 1 : ent.end]
    if not 1 <= len(name) <= 2 or not all(t.text[:1].isupper() and not t.is_upper for t in name):
        return None
    if any(is_org_name_word(t) or t.lower_ in ROLE_NOUNS for t in name):
        return None
    return clean_name(name.text)


def main_subject(token: Token) -> bool:
    """The subject of a main clause: the likeliest antecedent of a later pronoun.
    Subjects inside reported content ("Pike said Marsh would ...") are not."""
    if token.dep_ == "appos" and (is_dateline(token.head) or _set_off_beside_description(token)):
        # "OTTAWA — Jo Lee said ...": the parser makes the dateline the subject and the
        # name its apposition; and a name set beside a description ("Its chief
        # executive, Mark Dunn, blamed the strike", "the clothing company Ralph Lauren
        # saw sales climb") is who the subject is
        token = token.head
    if token.dep_ not in SUBJECT_DEPS:
        return False
    verb = token.head
    return verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT"


def _set_off_beside_description(name: Token) -> bool:
    """ "its chief executive, Mark Dunn,", "the clothing company Ralph Lauren": a name
    right after a common noun, or after it and a comma (not after a colon, which sets
    off a title: "the comic Grunt: The Lost Soldier")."""
    description, start = name.head, name.left_edge.i
    return description.pos_ == "NOUN" and (
        description.i == start - 1 or description.i == start - 2 and name.doc[start - 1].text == ",")


def introduced_by_who(token: Token) -> bool:
    """Whether a "who" clause tells about the name ``token`` heads ("I'm talking about
    Ana Ruiz, who was born in Lima")."""
    return any(
        child.dep_ == "relcl" and any(g.dep_ in SUBJECT_DEPS and g.lower_ == "who" for g in child.children)
        for child in token.children
    )


def is_dateline(token: Token) -> bool:
    """Whether ``token`` ends a dateline: the words in capitals that open a sentence
    ("CEDAR FALLS, N.S. — ...", "OTTAWA — ...")."""
    words = [t for t in token.doc[token.sent.start : token.i + 1] if t.is_alpha]
    return bool(words) and all(t.is_upper and len(t) > 1 for t in words)


def organization_of(mention: Span) -> list[Span]:
    """ "a spokesperson for HMRC": the proper noun a role speaks for, when the NER
    did not label it, as an ORG span."""
    for prep in mention.root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "with"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN" and pobj.i < mention.end:
                    start = pobj.i
                    while start > prep.i + 1 and mention.doc[start - 1].pos_ == "PROPN":
                        start -= 1
                    return [Span(mention.doc, start, pobj.i + 1, label="ORG")]
    return []


def holds_office(title: str, offices: set[str], qualifiers: Iterable[str] = ()) -> bool:
    """Whether someone titled ``title`` holds one of ``offices`` as a mention with
    ``qualifiers`` (the words before its noun) names it: "Mayor Jo Lee" is "the mayor",
    and "Deputy Mayor Sam Petrie" is "the deputy mayor" but not "the mayor", nor is a
    former premier "the premier"."""
    return bool(offices & title_words(title)) and _other_office_words(title.split()) == _other_office_words(qualifiers)


def holds_other_office(title: str, offices: set[str], qualifiers: Iterable[str] = ()) -> bool:
    """Whether ``title`` names one of ``offices`` as another office than the mention
    with ``qualifiers`` does: a vice-president is no "president"."""
    return bool(offices & title_words(title)) and _other_office_words(title.split()) != _other_office_words(qualifiers)


def serves_another(title: str | None, served: Iterable[str]) -> bool:
    """Whether someone titled ``title`` serves another than ``served`` names (the words a
    mention sets after its role: "a spokesman for [the Harbour Trust]"): a "spokesman for
    the city council" is not the trust's spokesman, a "spokesman for the trust" may be.
    A title or mention that names no one served is no evidence either way."""
    if title is None:
        return False
    words = title.split()
    at = next((i for i, word in enumerate(words) if word.lower() in SERVING_PREPOSITIONS), None)
    titled, named = _served_words(words[at + 1:] if at is not None else []), _served_words(served)
    return bool(titled) and bool(named) and not titled & named


def _served_words(words: Iterable[str]) -> set[str]:
    # "Sudan's armed forces" and "the Harbour Trust" by their words, not their articles
    cleaned = (re.sub(r"['’]s$", "", word.lower()).strip(".,") for word in words)
    return {word for word in cleaned if word and word not in ("the", "a", "an")}


def _other_office_words(words: Iterable[str]) -> frozenset[str]:
    # hyphenated too: "Vice-president", "ex-mayor"
    return frozenset(part for word in words for part in word.lower().split("-") if part in OTHER_OFFICE_WORDS)


def title_words(title: str) -> set[str]:
    """The words of a title, an abbreviated office read as the office: "Gov." is
    "governor", so that "the governor" refers back to Gov. Dana Whitcomb."""
    words = title.lower().replace("-", " ").split()
    return {TITLE_ABBREVIATIONS.get(w.rstrip("."), w) for w in words}


def is_office_word(word: str) -> bool:
    """An office written before a name, in full or abbreviated: "Mayor", "Cllr", "Sgt."."""
    word = word.lower()
    return word in ROLE_NOUNS or word.rstrip(".") in TITLE_ABBREVIATIONS


def without_leading_role(name: str) -> str:
    """Drop office words the NER left at the front of a person's name, keeping at
    least a first and last name: "Organizer Dana Reyes", "Cllr Dana Reyes" -> "Dana Reyes";
    an abbreviated title goes before a surname alone too: "Cllr Reyes" -> "Reyes"."""
    words = name.split()
    # a position abbreviated in capitals ends what goes before the name, with the team
    # or party it is held in: "Falcons DL Frank Moss", "Harbour Party MLA Dana Pryce"
    abbreviated = [i for i, word in enumerate(words[:-2]) if ABBREVIATED_POSITION.fullmatch(word)]
    if abbreviated:
        words = words[abbreviated[-1] + 1 :]
    while len(words) > 2 and (is_office_word(words[0]) or words[0].islower()):
        words.pop(0)
    # an abbreviated title or an honorific is never part of a name, even before a
    # surname alone ("Cllr Reyes", "Ms Reyes", as British and South African papers write)
    if len(words) == 2 and (words[0].lower().rstrip(".") in TITLE_ABBREVIATIONS or words[0].lower() in HONORIFICS) \
            and words[1][:1].isupper():
        words.pop(0)
    return " ".join(words)
