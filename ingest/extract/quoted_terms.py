"""Quotation marks that do not quote anyone: titles, nicknames and scare quotes.

Newspapers put marks around the title of a work ("The Big Short"), a nickname
(Dwayne "The Rock" Johnson), a term they keep at a distance (the so-called
"experts") and a word or two borrowed from someone (called the plan "a
disaster"). None of these is a claim: a claim needs a statement, and a
borrowed phrase under four words is not one unless it stands as a speaker's
whole utterance ("No," she said). They are kept as quoted terms instead.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

# Fewer quoted words than this are a term, not a statement, unless a speaker says
# them as a whole utterance: "a dozen medals" is a phrase, "We will win." a clause.
MIN_STATEMENT_WORDS = 4
# A quoted sentence continuing a quotation needs a subject and a verb at least ("They
# deserve better."): a single word ("Never.") is as often an exclamation about it.
MIN_CONTINUING_WORDS = 2
# Small words a title leaves in lower case: "Face the Nation", "The Girl Who Fell From the Pier".
TITLE_SMALL_WORDS = frozenset("a an and as at but by for from in into nor of on or per the to vs via with".split())
# Words that introduce a name or a title rather than speech.
NICKNAME_CUES = re.compile(r"\b(?:nicknamed|dubbed|known as|aka|a\.k\.a\.|called him|called her)\s*$", re.IGNORECASE)
# "Locals call the road "the Snake"": a naming verb and its object, then the name.
NAMING_CUES = re.compile(
    r"\b(?:call|calls|called|calling|name|names|named|naming|dub|dubs|dubbed)(?:\s+[\w'’-]+){1,3}\s*$",
    re.IGNORECASE,
)
# Verbs that only ever give a name ("dubbed the bridge "the road to nowhere""), unlike
# "call", which also judges: what they give is a name however it is written, up to
# MAX_NICKNAME_WORDS words (a longer quotation may be the words of whoever "dubbed" it).
DUBBING_CUES = re.compile(r"\b(?:dub|dubs|dubbed|dubbing|nickname|nicknames|nicknamed|christened)"
                          r"(?:\s+[\w'’-]+){0,3}\s*$", re.IGNORECASE)
MAX_NICKNAME_WORDS = 6
TITLE_CUES = re.compile(
    r"\b(?:titled|entitled|headlined|named|called|show|film|book|song|album|series"
    r"|program|programme|podcast|column|report|play|novel|movie)\s*$",
    re.IGNORECASE,
)
# Nouns that name words said by no one in particular: the slogan "Meth. We're on it.".
SLOGAN_NOUNS = r"(?:slogan|tagline|motto|catchphrase|hashtag|jingle|chant)s?"
# Things that carry such words: a sign reading "Closed", a "Stop the Steal" rally.
CARRIER_NOUNS = (r"(?:campaign|ad|advert|advertisement|billboard|banner|placard|sign|t-shirt|sticker|rally|march"
                 r"|protest|initiative|movement|challenge)s?")
# Right before the opening mark: a slogan noun ("with the slogan", "The tagline?"), or
# a carrier that reads the words.
LABEL_BEFORE = re.compile(
    rf"\b(?:{SLOGAN_NOUNS}\s*[:?,]?|(?:{CARRIER_NOUNS}|{SLOGAN_NOUNS})\s+(?:reading|that read|that reads))\s*$",
    re.IGNORECASE)
# Right after the closing mark, the sentence going on in lower case: the quotation
# modifies a slogan or carrier noun, up to two words on (the viral "..." awareness campaign).
LABEL_AFTER = re.compile(rf"^\s+(?:[a-z][\w-]*\s+){{0,2}}(?:{SLOGAN_NOUNS}|{CARRIER_NOUNS})\b")
# Dependents of a reporting verb that hold what was said.
COMPLEMENT_DEPS = frozenset("dobj ccomp xcomp prep attr oprd acomp dative obj".split())
# Clauses that modify another word rather than complete it (earning a rating of "hazardous",
# the cash he received from the use of "We"): a quote inside one is not what the reporting
# verb reports.
CLAUSE_MODIFIER_DEPS = frozenset("advcl relcl parataxis".split())
# A quotation in these relations to a noun names it (one more "Bachelor" spoiler, the
# "reform" plan, "Hard Knocks"'s host): a name or a term, not words the speaker is
# reported to say. An adjective is the speaker's judgement ("highly disappointing" results).
NOUN_MODIFIER_DEPS = frozenset("compound nmod poss".split())
# Punctuation after which a quote opens a new utterance rather than sitting inside a phrase.
UTTERANCE_OPENERS = ".!?:;,—–“”\"«»"
WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def term_kind(text: str, start: int, end: int, content: str, cue: Token | None) -> str | None:
    """``"title"``, ``"nickname"`` or ``"term"`` when the quote whose marks run from
    ``start`` to ``end`` in ``text`` quotes no statement; None when it may.
    ``cue``: the reporting verb nearest the quote in its sentence, if any."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    before = text[paragraph_start:start].rstrip()
    after = text[end : text.find("\n", end) if "\n" in text[end:] else len(text)]
    words = WORD.findall(content)
    if len(words) < MIN_STATEMENT_WORDS and (NICKNAME_CUES.search(before) or _between_names(before, after)):
        return "nickname"
    # A capitalized name given to something ("call the road "the Snake""), not an
    # evaluation the speaker voices ("called the plan "a disgrace"").
    if len(words) < MIN_STATEMENT_WORDS and NAMING_CUES.search(before) and _is_name(words):
        return "nickname"
    if len(words) <= MAX_NICKNAME_WORDS and DUBBING_CUES.search(before):
        return "nickname"
    if _is_label(before, after, content):
        return "title"
    named_by_cue = TITLE_CUES.search(before) and words and words[0][0].isupper() and len(words) < MIN_STATEMENT_WORDS
    if _is_title(content, words) or named_by_cue:
        return "title"
    if len(words) < MIN_STATEMENT_WORDS and not (
        cue is not None and (_whole_utterance(before, content) or _governs(cue, start, end))
    ) and not continues_a_quotation(text, start, content):
        return "term"
    return None


def continues_a_quotation(text: str, start: int, content: str) -> bool:
    """A quoted sentence of its own after a quotation earlier in its paragraph, however
    short: in '"We heard the residents," Okafor said. "They deserve better."' the second
    quotation is more of Okafor's words, not a term. It opens after a sentence's end,
    starts with a capital and ends with a stop."""
    before = text[text.rfind("\n", 0, start) + 1 : start].rstrip()
    return (bool(re.search(r"[.!?][\"”’']?$", before)) and bool(re.search(r"[\"”]", before))
            and len(WORD.findall(content)) >= MIN_CONTINUING_WORDS
            and content[:1].isupper() and bool(re.search(r"[.!?]$", content.rstrip("'’ "))))


def is_phrase(content: str) -> bool:
    """Fewer words than a statement needs, unless a speaker says them whole."""
    return len(WORD.findall(content)) < MIN_STATEMENT_WORDS


def _is_label(before: str, after: str, content: str) -> bool:
    """A quotation that names a slogan, a campaign, a sign: right after a naming noun
    ("launched the slogan "We're on it."") or modifying one right after it (the
    "We're on it." campaign). A quote that ends in a comma hands over to its
    attribution ("We will win," campaign chief Jo Li said): never a label."""
    if LABEL_BEFORE.search(before):
        return True
    return not content.rstrip().endswith(",") and LABEL_AFTER.match(after) is not None


def _is_name(words: list[str]) -> bool:
    """Every word capitalized but the small ones, one at least: "the Snake", "Big Ben"."""
    capitalized = [w for w in words if w[0].isupper()]
    return bool(capitalized) and all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)


def _between_names(before: str, after: str) -> bool:
    """Dwayne "The Rock" Johnson: a capitalized word right before the opening mark
    and right after the closing one, with no punctuation between."""
    last = before.split()[-1] if before.split() else ""
    following = after.split()[0] if after.split() else ""
    return (
        bool(last) and last[0].isupper() and last[-1].isalpha()
        and bool(following) and following[0].isupper() and after[:1] == " "
    )


def _is_title(content: str, words: list[str]) -> bool:
    """Every word capitalized but the small ones, at least two capitalized words,
    and no full stop inside: "The Girl Who Fell From the Pier", "Face the Nation.". A
    quoted sentence in capitals throughout (a slogan, a sign) counts as well."""
    if len(words) < 2 or re.search(r"[.!?]\s", content):
        return False
    capitalized = [w for w in words if w[0].isupper()]
    small = [w for w in words if w.lower() in TITLE_SMALL_WORDS and not w[0].isupper()]
    # "I" is capitalized in any sentence and proves nothing
    return len(capitalized) >= 2 and len(capitalized) + len(small) == len(words) and any(
        w != "I" for w in capitalized[1:]
    )


def _governs(cue: Token, start: int, end: int) -> bool:
    """A short quote is a speaker's words when it is what the verb reports: inside
    its object or complement (expressed "deep concern", described it as "a
    scaffold", has been "life-changing," she said), not a modifier of the verb
    (has "never once" asked) or in another clause of the sentence (keeps a "starter
    kit" and says ...)."""
    span = cue.doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span if not (t.is_punct or t.is_space)] if span is not None else []
    if not words:
        return False
    # The quote's head word: the parser may hang the marks, the final full stop and a
    # line break on the verb, and span.root can then be a mark.
    token = min(words, key=lambda word: sum(1 for _ in word.ancestors))
    # spaCy makes a new Token object on every access: compare positions, not identity
    if token.dep_ in NOUN_MODIFIER_DEPS:
        return False
    while token.head.i != token.i and token.head.i != cue.i:
        if token.dep_ in CLAUSE_MODIFIER_DEPS:
            return False
        token = token.head
    return token.head.i == cue.i and token.dep_ in COMPLEMENT_DEPS


def _whole_utterance(before: str, content: str) -> bool:
    """A short quote that is all a speaker said ("No," she said. / She said: "Never.")
    rather than a phrase inside a sentence (called the plan "a disaster.")."""
    opens_utterance = not before or before[-1] in UTTERANCE_OPENERS
    return opens_utterance and bool(re.search(r"[.!?,…]$", content.rstrip("'’ ")))
