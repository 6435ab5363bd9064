"""Cheap per-claim features for comparing claims: computed once per claim, no spaCy,
so that ~1M claims take minutes. ``kb.compare`` works on pairs of these.
"""
from __future__ import annotations

import re
import sys
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from claimkb.ingest.extract.assertions import CUT_SHORT
from claimkb.ingest.extract.dates import DateMention, find_dates
from claimkb.ingest.extract.hedges import FORMS as HEDGE_FORMS
from claimkb.ingest.extract.hedges import find_hedge, hedge_strength
from claimkb.ingest.extract.language import in_latin_script
from claimkb.ingest.extract.quantities import find_quantities, looks_title_cased, offsets
from claimkb.ingest.records import Quantity

# Words, numbers and contractions; hyphens and dashes split ("end-to-end").
TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
NEGATION_WORDS = frozenset(
    "not no never none nobody nothing neither nor without cannot n't".split()
)
# Negation words that deny nothing in these phrases (the words after the cue): "nothing
# but" and "not only" restrict or add ("performed in nothing but a towel" says she
# performed in a towel), "none other than" names, "no doubt" affirms, and "no more
# than", "not fewer than" bound a figure or a kind ("no more than a rumour" says it is
# a rumour; the figure's bound is its qualifier, ``claimkb.ingest.extract.quantities``).
# "no more" without "than" still denies ("the paper is no more").
NEGATION_IDIOMS: dict[str, set[tuple[str, ...]]] = {
    "nothing": {("but",)},
    "not": {("only",), ("just",), ("merely",), ("least",), ("more", "than"), ("less", "than"), ("fewer", "than")},
    "none": {("other", "than")},
    "no": {("doubt",), ("more", "than"), ("less", "than"), ("fewer", "than")},
}
# Words that lower a degree rather than deny: "less able" against "not able" is a claim
# made stronger, not turned around (``claimkb.match.compare``). "barely" is left out:
# "barely survived" says the person survived.
DIMINISHER_WORDS = frozenset("less fewer rarely seldom hardly scarcely".split())
# What a negation cue negates: the next few content words of its clause. "No tsunami
# warning was issued" negates the warning, not the injuries later in the sentence.
NEGATION_SCOPE_WORDS = 3
CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]—–]")
# Marks after which a word is capitalized as the first of a sentence or a part.
SENTENCE_OPENERS = (".", "!", "?", ":", ";", "—", "–", "-", "…", "\n")
# What sets an alternative aside before "not": a comma or a dash ("X, not Y").
CONTRAST_BREAK = re.compile(r"[,—–]|\s-\s")
# Quoted spans: straight, curly and guillemet quotes, at least two words inside.
QUOTED_RE = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")
QUOTE_CHARS = frozenset("\"“”„«»")
HAS_DIGIT = re.compile(r"\d").search
# Words that carry no claim but sit in stop lists' blind spot for news.
NEWS_FILLER = frozenset("said says say told according also added".split())
# Dates and times: every story has them, so two claims sharing "Tuesday" or
# "January ... pm" share nothing about what they assert.
DATE_WORDS = frozenset(
    "january february march april june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday today yesterday tomorrow tonight morning afternoon evening "
    "night day days week weeks weekend month months year years am pm gmt utc est pst".split()
)
QUOTE_KINDS = ("direct_quote",)
OPENING_MARKS = frozenset(" \t\"'“‘(")  # may sit between a sentence end and its first word
# Plurals no suffix rule finds, common in counts: "one person" and "three people"
# count the same thing.
IRREGULAR_PLURALS = {"people": "person", "persons": "person", "children": "child", "men": "man",
                     "women": "woman"}
# A content word this long or longer is full evidence; shorter ones ("end", "CA")
# are more often incidental and count in proportion.
FULL_WEIGHT_LENGTH = 6


@dataclass(slots=True)
class ClaimFeatures:
    # A bulk link keeps hundreds of thousands of these at once, so the per-word parts
    # are compact: interned words, offsets in arrays rather than tuples of ints.
    text: str
    tokens: tuple[str, ...]  # lower-cased words as written, in order
    content: tuple[str, ...]  # stemmed content words, in order (no stop words, numbers or dates)
    content_set: frozenset[str]
    quantities: list[Quantity]
    dates: list[DateMention]  # weekdays, months and years named (not quantities)
    hedge: str | None
    hedge_strength: float
    negations: tuple[str, ...]  # negation cues in order: ("not",), ("never", "no")
    # per cue, the content stems it negates (see NEGATION_SCOPE_WORDS)
    negation_scopes: tuple[frozenset[str], ...]
    diminishers: tuple[str, ...]  # DIMINISHER_WORDS in order, each with its scope, as negations
    diminisher_scopes: tuple[frozenset[str], ...]
    entities: frozenset[str]  # stems of capitalized non-initial words and acronyms
    quoted: list[str]  # quoted spans as written (the whole text for a direct quote)
    quoted_content: frozenset[str]  # the stemmed content words inside them
    speaker: str | None = None
    kind: str | None = None
    content_starts: array = field(default_factory=lambda: array("I"))  # offsets of ``content`` words
    content_ends: array = field(default_factory=lambda: array("I"))
    weights: dict[str, float] = field(default_factory=dict)  # evidence weight of each content stem
    latin: bool = True  # written mostly in Latin letters (``compare`` reads no other script)
    # the main statement negated, by the parse at ingest (``claimkb.ingest.extract.polarity``);
    # None when unknown (a claim stored before it was recorded)
    negated: bool | None = None

    def bigrams(self) -> frozenset[tuple[str, str]]:
        """Adjacent pairs of ``content`` (word order kept); made when asked rather than
        kept, as they took a third of a claim's features' memory."""
        return frozenset(zip(self.content, self.content[1:]))


def claim_features(text: str, speaker: str | None = None, kind: str | None = None,
                   negated: int | None = None) -> ClaimFeatures:
    """Features of one claim; ``kind`` is a ``CLAIM_KINDS`` value when known, ``negated``
    the parse's reading of its main statement (``claims.negated``) when known."""
    quantities = find_quantities(text)
    title_cased = None  # computed only when a capitalized content word needs it
    tokens, content, spans, entities, negations = [], [], [], set(), []
    weights: dict[str, float] = {}
    scopes: list[list[str]] = []  # one per negation cue, filled by the content words after it
    diminishers: list[str] = []
    diminisher_scopes: list[list[str]] = []
    open_scopes: list[list[str]] = []  # those of the current clause
    previous_end = 0
    matches = list(TOKEN_RE.finditer(text))
    for k, match in enumerate(matches):
        word = match.group()
        lower = sys.intern(word.lower())
        tokens.append(lower)
        if CLAUSE_BREAK.search(text, previous_end, match.start()):
            open_scopes = []
        previous_end = match.end()
        stemmed, negation = word_role(lower)
        if negation and _denies_nothing(text, matches, k):
            negation = None
        if negation:
            negations.append(negation)
            scopes.append([])
            open_scopes.append(scopes[-1])
        elif lower in DIMINISHER_WORDS:
            diminishers.append(lower)
            diminisher_scopes.append([])
            open_scopes.append(diminisher_scopes[-1])
        # Figures ("million", "half") and hedges are compared on their own terms.
        if stemmed is None:
            continue
        start = match.start()
        if quantities and any(q_start <= start < q_end for q_start, q_end in map(offsets, quantities)):
            continue
        for scope in open_scopes:
            if len(scope) < NEGATION_SCOPE_WORDS:
                scope.append(stemmed)
        content.append(stemmed)
        spans.append((start, match.end()))
        weights[stemmed] = max(weights.get(stemmed, 0.0), min(1.0, len(lower) / FULL_WEIGHT_LENGTH))
        if word[0].isupper() or word[1:] != lower[1:]:
            if title_cased is None:
                title_cased = looks_title_cased(text)
            if _is_entity_like(word, text, start, title_cased):
                entities.add(stemmed)
    quoted: list[str] = []
    quoted_content: frozenset[str] = frozenset()
    if not QUOTE_CHARS.isdisjoint(text):
        quotes = [m for m in QUOTED_RE.finditer(text) if len(m.group(1).split()) >= 2]
        quoted = [m.group(1).strip() for m in quotes]
        quoted_content = frozenset(
            word for word, (start, _) in zip(content, spans) if any(m.start(1) <= start < m.end(1) for m in quotes)
        )
    if not quoted and kind in QUOTE_KINDS:
        quoted, quoted_content = [text.strip()], frozenset(content)
    hedge = find_hedge(text)
    return ClaimFeatures(
        text=text,
        tokens=tuple(tokens),
        content=tuple(content),
        content_set=frozenset(content),
        quantities=quantities,
        dates=find_dates(text),
        hedge=hedge,
        hedge_strength=hedge_strength(hedge),
        negations=tuple(negations),
        negation_scopes=tuple(frozenset(scope) for scope in scopes),
        diminishers=tuple(diminishers),
        diminisher_scopes=tuple(frozenset(scope) for scope in diminisher_scopes),
        entities=frozenset(entities),
        quoted=quoted,
        quoted_content=quoted_content,
        speaker=speaker,
        kind=kind,
        content_starts=array("I", (start for start, _ in spans)),
        content_ends=array("I", (end for _, end in spans)),
        weights=weights,
        latin=in_latin_script(text),
        negated=None if negated is None else bool(negated),
    )


@lru_cache(maxsize=200_000)
def word_role(lower: str) -> tuple[str | None, str | None]:
    """(stem if a content word, negation cue if one): decided once per distinct word."""
    negation = _negation(lower)
    if negation or not _is_content(lower):
        return None, negation
    if lower.endswith(("'s", "’s")):
        lower = lower[:-2]  # "Palin's" is Palin
    return stem(lower), None


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light suffix stripping, enough to match "reports"/"report", "begins"/"began" not.
    Deliberately conservative: a wrong merge links different claims."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if len(word) <= 3:
        return word
    for suffix, _replacement, min_stem in (
        ("ies", "y", 3), ("sses", "ss", 2), ("ing", "", 4), ("ied", "y", 3),
        ("ed", "", 4), ("es", "", 4), ("s", "", 3),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            base = word[: len(word) - len(suffix)]
            if suffix == "s" and base[-1] in "su":
                return word  # "crisis", "status", "bus"
            if suffix == "es" and base[-1] not in "sxz" and not base.endswith(("ch", "sh")):
                return word[:-1]  # "issues" -> "issue", "taxes" -> "tax"
            if suffix in ("ing", "ed") and len(base) > 2 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "stopped" -> "stop"
            return base
    return word


def _is_content(lower: str) -> bool:
    return (
        len(lower) > 1
        and lower not in STOP_WORDS
        and lower not in NEWS_FILLER
        and lower not in DATE_WORDS
        and not HAS_DIGIT(lower)
        and lower not in HEDGE_FORMS
    )


def _denies_nothing(text: str, matches: list[re.Match], k: int) -> bool:
    """Whether the negation word ``matches[k]`` opens a phrase that denies nothing
    (``NEGATION_IDIOMS``), is the number sign ("No. 3"), sets something aside
    (``_opens_contrast``), is followed by nothing it could deny (``_names_nothing_after``) or
    is part of a name (``_names_a_title``)."""
    word = matches[k].group()
    following = tuple(m.group().lower() for m in matches[k + 1:k + 3])
    if any(following[:len(idiom)] == idiom for idiom in NEGATION_IDIOMS.get(word.lower(), ())):
        return True
    if _opens_contrast(text, matches, k) or _names_nothing_after(text, matches, k) or _names_a_title(text, matches, k):
        return True
    if word.lower() != "no" or not following or not following[0][0].isdigit():
        return False
    between = text[matches[k].end():matches[k + 1].start()]
    # "No." before a figure anywhere, or "No" capitalized inside the text ("world No 1")
    return between.strip() == "." or (word[0] == "N" and k > 0 and not between.strip())


def _opens_contrast(text: str, matches: list[re.Match], k: int) -> bool:
    """A "not" after a comma, a dash or "but" sets an alternative aside ("792p on the
    console, not 900p", "gets married — but not to Tom Baird", "about the journey, not
    the finale"): the claim around it stands, so a copy without the aside is no claim
    turned around. (A "not" the copies share, "..., but did not win", follows a verb.)"""
    if matches[k].group().lower() != "not" or k == 0:
        return False
    before = text[matches[k - 1].end():matches[k].start()]
    return bool(CONTRAST_BREAK.search(before)) or matches[k - 1].group().lower() == "but"


def _names_a_title(text: str, matches: list[re.Match], k: int) -> bool:
    """A negation word written with a capital inside a sentence of a text that is not
    title-cased is part of a name or a title ("HBO Go becomes HBO No during the
    finale", "a Dr. No screening", "the band No Doubt"), not a denial."""
    word = matches[k].group()
    if not word[0].isupper() or k == 0:
        return False
    before = text[:matches[k].start()].rstrip(" \t\"'“‘(")
    return not before.endswith(SENTENCE_OPENERS) and not looks_title_cased(text)


def _names_nothing_after(text: str, matches: list[re.Match], k: int) -> bool:
    """Nothing that names anything (no content word, no figure) follows the negation
    in its clause, though something did or was meant to: words that deny nothing
    readable ("won't get us anywhere", "Sorry, not now"), or the ellipsis of a feed that
    cut the text short ("She's Not The Only  ...", "says he has no  ..."). A cue that
    ends its clause ("Absolutely not.") still denies what came before it."""
    clause_end = CLAUSE_BREAK.search(text, matches[k].end())
    end = clause_end.start() if clause_end else len(text)
    after = [m.group() for m in matches[k + 1:] if m.start() < end]
    if any(word_role(w.lower())[0] is not None or HAS_DIGIT(w) for w in after):
        return False
    return bool(after) or (clause_end is not None and CUT_SHORT.match(text, clause_end.start()) is not None)


def _negation(lower: str) -> str | None:
    if lower in NEGATION_WORDS:
        return lower
    if lower.endswith(("n't", "n’t")):
        return "n't"
    return None


def _is_entity_like(word: str, text: str, start: int, title_cased: bool) -> bool:
    """Acronyms ("NCMEC") and capitalized words not opening a sentence ("Williams").
    In headlines every word is capitalized, so only acronyms and inner capitals count."""
    if len(word) >= 2 and word.isupper():
        return True
    if word[1:] != word[1:].lower():
        return True  # "iPhone", "McDonald"
    if not word[0].isupper() or title_cased:
        return False
    k = start - 1
    while k >= 0 and text[k] in OPENING_MARKS:
        k -= 1
    return k >= 0 and text[k] not in ".!?\n:"

