"""Finding direct quotes by their quotation marks.

Works on characters, not tokens, because quotation marks are often tokenized
oddly (glued to words, doubled, or left unclosed by careless editing).
The rules follow newspaper practice:

- a quote that runs over several paragraphs leaves each paragraph open and
  reopens the next one with a mark; only the last paragraph closes it;
- a quote left open at the end of a paragraph that is *not* followed by a
  reopening mark simply ends there (a missing closing mark), and if a glued
  attribution such as "...exploitationSaid Williams." ends it, the quote ends
  before that attribution;
- a doubled opening mark (``""This``) is one mark;
- a closing mark with no opening one after a short attribution sentence ends a
  quote resumed without its reopening mark (``"We won," Lee said. It was hard."``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimkb.ingest.extract.cues import (
    FINDING_LEMMAS,
    FINITE_TAGS,
    SAY_FORMS,
    SUBJECT_DEPS,
    according_to,
    cue_phrase,
    is_document_noun,
    is_finding,
    is_reporting_verb,
    name_span,
    subject_of,
)
from claimkb.ingest.extract.names import ORG_LABELS, PERSON_LABELS, is_thing
from claimkb.ingest.extract.quoted_terms import continues_a_quotation, is_phrase, term_kind
from claimkb.ingest.records import QuotedTerm

# Verbs whose subject may be a thing that shows something (see ``_speaking_cue``):
# those of a finding, and those of bringing something to notice.
SHOWING_LEMMAS = FINDING_LEMMAS | {"underscore", "highlight"}
DEMONSTRATIVES = frozenset({"this", "that"})
POINTING_BACK = DEMONSTRATIVES | {"those", "these"}
# What someone said, named after the quotation it points back to ("That was the message from ...").
SPEECH_NOUNS = frozenset("word message verdict reply response answer warning".split())

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
MARKS = OPENING + CLOSING + STRAIGHT
DOUBLED_SINGLES = ("‘’", "''", "‘‘")
DOUBLED_CLOSING_SINGLES = ("’’", "''")
RELATIVE_PRONOUN_TAGS = frozenset({"WP", "WDT"})  # "who", "which", "that" opening a relative clause
VERB_TAGS = frozenset({"VERB", "AUX"})
# A dash after a quotation and the words that credit it, to the end of the line.
CREDIT_AFTER_DASH = re.compile(r"[ \t]*[-–—][ \t]*(\S[^\n]*)")
NON_SPACE = re.compile(r"\S")

# British style quotes in single marks and nests a quotation inside one in double marks.
# A text's style shows where a quotation opens an utterance: a paragraph's start, or
# right after a colon or a comma ("She said: 'We ...'"); single marks elsewhere are as
# often scare quotes ("so-called 'reform'") in a text that quotes speech in double marks.
UTTERANCE_OPENING_MARK = re.compile(r"(?:^|(?<=[:,]))[ \t]*([‘'“„«\"])(?=[^\W_])", re.MULTILINE)
SINGLE_MARKS = "‘’'"
ALL_MARKS = MARKS + SINGLE_MARKS
DOUBLE_AS_SINGLE = str.maketrans({"“": "‘", "„": "‘", "«": "‘", "”": "’", "»": "’", '"': "'"})
# What may stand right before a quotation's opening mark, besides a space; right after
# it, besides a letter or a digit; and right after its closing mark, besides a space.
BEFORE_OPENING = "([{—–-/"
AFTER_OPENING = "…$£€#@(["
AFTER_CLOSING = ".,;:!?…)]}—–-"
# A word-initial apostrophe, not an opening mark: "the '90s", "'em", "'til", "rock 'n' roll".
ELISION = re.compile(r"(?:\d|(?:em|til|cause|n|tis|twas)\b)", re.IGNORECASE)

# An attribution glued onto an unclosed quote: "...further exploitationSaid Williams."
# Only the commonest inflections are listed; the lemma set covers the rest at parse time.
_SAY_FORMS = "|".join(SAY_FORMS + tuple(form.capitalize() for form in SAY_FORMS))
GLUED_ATTRIBUTION = re.compile(
    rf"(?:[,.!?]\s*|(?<=[a-z]))(?P<cue>{_SAY_FORMS})\s+"
    r"(?P<speaker>(?:[A-Z][\w'’-]+)(?:\s[A-Z][\w'’-]+)*|he|she|they)\b[^\n\"“”]*$"
)


@dataclass
class QuoteSpan:
    """A stretch of text between quotation marks."""

    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or of the quote's last character)
    content_start: int  # the quoted words alone
    content_end: int
    closed: bool = True
    # an attribution glued to an unclosed quote ("...exploitationSaid Williams."):
    # offsets of its cue word and of its speaker, which the tokenizer cannot split off
    glued_cue: tuple[int, int] | None = None
    glued_speaker: tuple[int, int] | None = None
    # the quoted words paragraph by paragraph, for a quote that runs over several
    # (each paragraph left open and the next reopened); one part otherwise
    parts: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self):
        if not self.parts:
            self.parts = [(self.content_start, self.content_end)]


def _paragraphs(text: str):
    """(start, end) of each paragraph; a blank line or a single newline both separate
    paragraphs in plain-text news."""
    start = 0
    for match in re.finditer(r"\n+", text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _is_opening_straight(text: str, i: int) -> bool:
    """A straight mark opens a quote when it follows a space, a bracket or the start
    of the paragraph and precedes a word; otherwise it closes one."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if before.isspace() or before in "([{—–-:;/" or before in MARKS:
        # `connected ", said` closes: a mark before punctuation ends a quote
        return after.isalnum() or after in "'‘(…$£€#@[-"
    return False


def _opens_doubled_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 2] if i + 2 < len(text) else "\n"
    return (before.isspace() or before in "([{") and after.isalnum()


def _closes_doubled_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 2] if i + 2 < len(text) else "\n"
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _marks(text: str, start: int, end: int):
    """Yield (offset, 'open'|'close') for each quotation mark in a paragraph."""
    i = start
    while i < end:
        ch = text[i]
        if text[i : i + 2] in DOUBLED_SINGLES and _opens_doubled_single(text, i):
            # two single marks typed for a double one: "‘’It is ..."
            yield i + 1, "open"
            i += 2
        elif text[i : i + 2] in DOUBLED_CLOSING_SINGLES and _closes_doubled_single(text, i):
            # ... and closing one: "“... local creators,’’ says the founder"
            yield i, "close"
            i += 2
        elif ch in MARKS:
            run = i
            while run + 1 < end and text[run + 1] in MARKS:
                run += 1
            # a right mark before a word, after a space, is an opening one typed the
            # wrong way round ("(”This guy is ...”)"), as a straight mark would be
            reversible = ch == STRAIGHT or ch in CLOSING
            if ch in OPENING or (reversible and _is_opening_straight(text, run if run > i else i)):
                # a doubled opening mark counts once, at its last character
                yield run, "open"
            elif ch in CLOSING or ch == STRAIGHT:
                yield i, "close"
                if run > i and text[run] in OPENING + STRAIGHT and run + 1 < end and not text[run + 1].isspace():
                    yield run, "open"
            i = run + 1
        else:
            i += 1


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def as_double_quoted(text: str) -> str:
    """``text`` with its quotations in double marks: unchanged, unless it quotes in
    single marks (British style, see ``UTTERANCE_OPENING_MARK``). Then each single mark
    that opens or closes a quotation becomes the double one, and each double mark (a
    quotation inside one) a single one, so that the quote finder, which reads double
    marks, reads it as the same text in American style. An apostrophe stays what it is:
    inside a word ("won’t", "Lee's"), before an elision ("the ’90s") or after a plural
    possessive ("the players’ union"). The length is kept, so every offset found in the
    result indexes ``text``."""
    openings = [m for m in UTTERANCE_OPENING_MARK.finditer(text) if not ELISION.match(text, m.end(1))]
    singles = sum(m.group(1) in SINGLE_MARKS for m in openings)
    if singles <= len(openings) - singles:
        return text
    chars = list(text.translate(DOUBLE_AS_SINGLE))
    for i, role in _single_quotation_marks(text):
        chars[i] = "“" if role == "open" else "”"
    return "".join(chars)


def _single_quotation_marks(text: str):
    """Yield (offset, "open" | "close") for each single mark that is a quotation mark.
    A mark that may be a plural possessive ("the players’ union") closes the open
    quotation unless a later mark of its paragraph does, before any opens ('Game of
    Thrones' releases a trailer)."""
    for p_start, p_end in _paragraphs(text):
        marks = [(i, _single_mark_role(text, i)) for i in range(p_start, p_end) if text[i] in SINGLE_MARKS]
        marks = [(i, role) for i, role in marks if role is not None]
        quoting = False
        for k, (i, role) in enumerate(marks):
            if role == "possessive":
                if not quoting:
                    continue
                later = next((r for _, r in marks[k + 1 :] if r != "possessive"), None)
                if later == "close":
                    continue
                role = "close"
            quoting = role == "open"
            yield i, role


def _single_mark_role(text: str, i: int) -> str | None:
    """"open" or "close" when the single mark at ``i`` can only be a quotation mark,
    "possessive" when it may close one or end a plural possessive, None when it is an
    apostrophe."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if before.isalnum() and after.isalnum():
        return None  # inside a word: "won’t", "O'Neill" (and "Lee‘s", the wrong key)
    if before.isspace() or before in BEFORE_OPENING:
        if not (after.isalnum() or after in AFTER_OPENING) or ELISION.match(text, i + 1):
            return None
        return "open"
    if after.isspace() or after in AFTER_CLOSING:
        # "the players’ union", "Jones’ car": after an "s" and before a word in lower case
        if before in "sS" and after == " " and text[i + 2 : i + 3].islower():
            return "possessive"
        return "close"
    return None


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every stretch of text enclosed in double quotation marks, in order."""
    spans: list[QuoteSpan] = []
    carried: QuoteSpan | None = None  # a quote continuing from the previous paragraph
    for p_start, p_end in _paragraphs(text):
        open_at: int | None = None
        continued: QuoteSpan | None = None
        for offset, kind in _marks(text, p_start, p_end):
            if kind == "close" and open_at is None and carried is not None:
                # the closing mark of a quote left open at the end of the line before,
                # with no reopening mark: one quote broken over two lines
                cs, ce = _strip(text, p_start, offset)
                spans.remove(carried)
                spans.append(_continuing(carried, QuoteSpan(p_start, offset + 1, cs, ce)))
                carried = None
            elif kind == "open" and open_at is None:
                if carried is not None and text[p_start:offset].strip() == "":
                    # the reopening mark of a multi-paragraph quote
                    continued = carried
                    spans.remove(carried)
                else:
                    continued = None
                open_at = offset
                carried = None
            elif kind == "close" and open_at is not None:
                cs, ce = _strip(text, open_at + 1, offset)
                spans.append(_continuing(continued, QuoteSpan(open_at, offset + 1, cs, ce)))
                open_at = continued = None
            elif kind == "close" and spans and spans[-1].end > p_start:
                resumed = _resumed_without_mark(text, spans[-1].end, offset)
                if resumed is not None:
                    spans.append(resumed)
        carried = None
        if open_at is not None:
            spans.append(_continuing(continued, _unclosed(text, open_at, p_end)))
            carried = None if spans[-1].closed else spans[-1]
    return [s for s in spans if s.content_end > s.content_start]


def _resumed_without_mark(text: str, after: int, close: int) -> QuoteSpan | None:
    """ '"We won," Lee said. It was never about the money."': a quote resumed after its
    attribution sentence whose reopening mark was left out; the closing mark with no
    opening one ends it. The attribution between must be short, and end a sentence."""
    boundary = re.search(r"[.!?]\s+", text[after:close])
    if boundary is None or word_count(text[after : after + boundary.start()]) > MAX_ATTRIBUTION_WORDS:
        return None
    cs, ce = _strip(text, after + boundary.end(), close)
    return QuoteSpan(cs, close + 1, cs, ce) if ce > cs else None


def _continuing(earlier: QuoteSpan | None, span: QuoteSpan) -> QuoteSpan:
    """``span`` as the next paragraph of the quote ``earlier`` left open, if any."""
    if earlier is None:
        return span
    parts = [p for p in earlier.parts + span.parts if p[1] > p[0]]
    span.start, span.content_start, span.parts = earlier.start, parts[0][0], parts
    return span


def _unclosed(text: str, open_at: int, p_end: int) -> QuoteSpan:
    """A quote whose paragraph ends before its closing mark."""
    tail = text[open_at + 1 : p_end]
    glued = GLUED_ATTRIBUTION.search(tail)
    cs, ce = _strip(text, open_at + 1, p_end)
    if glued is None:
        return QuoteSpan(open_at, p_end, cs, ce, closed=False)
    # an attribution glued on marks where the quote ended: it is not continued
    base = open_at + 1
    end = base + glued.start()
    cs, ce = _strip(text, base, end)
    return QuoteSpan(
        open_at, end, cs, ce,
        glued_cue=(base + glued.start("cue"), base + glued.end("cue")),
        glued_speaker=(base + glued.start("speaker"), base + glued.end("speaker")),
    )


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)?", text))


def looks_like_speech(text: str) -> bool:
    """Quoted words that stand on their own as speech: a clause rather than a
    scare-quoted term or a title. Short quotes are speech only when a reporting
    verb attributes them, which the caller checks."""
    words = word_count(text)
    if words >= 6:
        return True
    return words >= 4 and bool(re.search(r"[.!?,;:…]$", text.rstrip("'’ ")))


# A pull quote repeats this many words at least: fewer could open a paragraph by chance.
MIN_PULL_QUOTE_WORDS = 6


# Where a quoted sentence ends and the next begins.
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[A-Z‘'])")


def pull_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where the quoted words ``text[start:end]``, or one of their sentences, open a
    paragraph elsewhere without quotation marks: a pull quote, the page repeating a
    quotation or a sentence of it in large type beside the story and signing it with the
    speaker's name ("It was never safe. Jo Lee, mayor")."""
    found = []
    for sentence_start in [start] + [m.end() for m in SENTENCE_BREAK.finditer(text, start, end)]:
        found += [(at, at_end) for at, at_end in _paragraph_openings(text, text[sentence_start:end].rstrip(",;: "))
                  if at != sentence_start]
    return found


def _paragraph_openings(text: str, words: str) -> list[tuple[int, int]]:
    """Where ``words``, or their first sentence at least, open a paragraph."""
    candidates = [words]
    first = SENTENCE_BREAK.search(words)
    if first is not None:
        candidates.append(words[: first.start()])
    for candidate in candidates:
        if word_count(candidate) < MIN_PULL_QUOTE_WORDS:
            continue
        found, at = [], text.find(candidate)
        while at >= 0:
            if at == 0 or text[at - 1] == "\n":
                found.append((at, at + len(candidate)))
            at = text.find(candidate, at + 1)
        if found:
            return found
    return []


# An attribution between two parts of one quotation ("she said", "said Jo Lee, the
# mayor, on Monday") is short; more words between two quotes are narration.
MAX_ATTRIBUTION_WORDS = 12
# What hands a quotation over to its attribution: a comma, dash, colon or stop at the
# end of the quoted words ("X," she said) or right after the closing mark ('X', she said).
HANDOVER = frozenset(",.!?…:;—–-")
NESTED_CLOSING = "'’\"”"  # a quote inside the quote may close last: "... say, 'Who cares?'"


@dataclass
class DirectQuote:
    """A quotation judged to be a person's words, with the cue that attributes it (if
    any). One quotation may be several quote spans: the parts of an interrupted quote
    ("The law," she said, "is clear.") or paragraphs a speaker goes on with."""

    spans: list[QuoteSpan]
    cue: str | None  # as written: "said", "told"
    subject: Span | None
    cue_token: Token | None = None
    index: int = 0  # of the last span in the article's quote spans

    def segments(self, article: str) -> list[tuple[int, int]]:
        """The quoted words part by part, without the comma that closes a part
        before its attribution ("The law," she said, ...)."""
        parts = [part for span in self.spans for part in span.parts]
        return [_without_attribution_comma(article, part) for part in parts[:-1]] + parts[-1:]


def _without_attribution_comma(text: str, part: tuple[int, int]) -> tuple[int, int]:
    start, end = part
    if end - start > 1 and text[end - 1] == ",":
        end -= 1
    return start, end


def find_direct_quotes(
    doc: Doc, spans: list[QuoteSpan], cues: list[Token], marked: str | None = None,
) -> tuple[list[DirectQuote], list[QuotedTerm]]:
    """The quotations that are speech, each with its nearest attribution, and the
    quote spans that are titles, nicknames or scare quotes.

    A cue attributes a quote when it sits in the same sentence outside any quote,
    between this quote and its neighbours (so "X," she said, "Y." gives both
    halves to "she"), or in a short fragment right after the quote ("...abuse."
    Said Williams.). The parts of one quotation are then joined. ``marked``: the
    article as the spans were found in (``as_double_quoted``), whose marks are read."""
    cue_starts = [t.idx for t in cues]
    original = doc.text  # Doc.text joins every token: build it once
    article = original if marked is None else marked
    found, terms = [], []
    for n, span in enumerate(spans):
        text = article[span.content_start : span.content_end]
        as_written = original[span.content_start : span.content_end]
        if span.glued_cue is not None and span.glued_speaker is not None:  # set together
            speaker = doc.char_span(*span.glued_speaker, alignment_mode="expand")
            found.append(DirectQuote([span], article[slice(*span.glued_cue)].lower(), speaker, index=n))
            continue
        prev_end = spans[n - 1].end if n > 0 else 0
        next_start = spans[n + 1].start if n + 1 < len(spans) else len(article)
        before_from = max(prev_end, _sentence_start(doc, span.start), paragraph_start(article, span.start))
        after_to = min(next_start, _attribution_end(doc, span.end), paragraph_end(article, span.end))
        candidates = [
            (span.start - t.idx, t)
            for t in cues[bisect.bisect_left(cue_starts, before_from) : bisect.bisect_left(cue_starts, span.start)]
        ] + [
            (t.idx - span.end, t)
            for t in cues[bisect.bisect_left(cue_starts, span.end) : bisect.bisect_left(cue_starts, after_to)]
            if not _names_a_quoted_thing(t, span)
        ]
        cue = min(candidates, key=lambda c: c[0])[1] if candidates else None
        # only a quote with no cue of its own looks for a colon that introduces it
        colon = _colon_before(doc, article, span) if cue is None else None
        if colon is not None:
            # "X said:" closing the paragraph before a quote that opens its own
            cue = next((t for t in reversed(cues) if colon.sent.start_char <= t.idx < colon.idx), None)
        cue = _speaking_cue(cue) if cue is not None else None
        # "according to the mayor" names its source where a verb has a subject
        subject = (according_to(cue) or subject_of(cue) or _named_after(cue, spans)) if cue is not None \
            else _subject_before(colon)
        # with no verb of saying, a headline's own ways of naming whose words it gives
        credit = (_named_before(colon) or _credited_after(doc, article, span) or _in_whose_words(doc, span)
                  or _credited_by_words_after(doc, article, span)) if cue is None and subject is None else None
        kind = term_kind(article, span.start, span.end, text, cue)
        if kind is None and cue is None and credit is None and not (
                looks_like_speech(text) or continues_a_quotation(article, span.start, text)):
            kind = "term"
        if kind is not None:
            terms.append(QuotedTerm(text=as_written, kind=kind, char_start=span.content_start, char_end=span.content_end))
            continue
        if subject is None and cue is not None and _names_no_one(cue) and is_phrase(text):
            # a phrase under four words that a passive reports and no one is written as
            # saying ("the range called "slush season"", "was described as "steep""): a term
            terms.append(QuotedTerm(text=as_written, kind="term", char_start=span.content_start,
                                    char_end=span.content_end))
            continue
        mention = name_span(subject) if subject is not None else credit
        found.append(DirectQuote([span], cue_phrase(cue) if cue is not None else None, mention, cue, n))
    return _join_parts(found, article), terms


def _speaking_cue(cue: Token) -> Token:
    """The cue a quote belongs to: ``cue``, or the verb of saying whose clause holds it
    when ``cue`` only tells what a thing showed ("Kovac said the strikes showed "no loss
    of aircraft"": the words are Kovac's; a survey or a person that showed something
    still speaks for itself)."""
    subject = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or cue.lemma_.lower() not in SHOWING_LEMMAS or cue.dep_ != "ccomp":
        return cue
    # a thing: a common noun, not named, neither a document nor evidence that finds; or
    # what a demonstrative points back to ("Roe says this underscores the stakes: "...")
    thing = (subject.pos_ == "NOUN" and not subject.ent_type_ and not is_document_noun(subject)
             and not is_finding(cue, subject)) or subject.lower_ in DEMONSTRATIVES
    return cue.head if thing and is_reporting_verb(cue.head) else cue


def _names_a_quoted_thing(cue: Token, span: QuoteSpan) -> bool:
    """A past participle after a quote that tells which thing a noun of the quote is and
    names no one ("... the small plan" announced in May, said Dana Roe): no attribution
    of the quote. After a noun outside it, it may be the verb of saying the parser took
    for one ("...," the patient described in her letter)."""
    return cue.dep_ == "acl" and _names_no_one(cue) and span.content_start <= cue.head.idx < span.content_end


def _names_no_one(cue: Token) -> bool:
    """A past participle with no agent: "called", "(was) described" with no "by X"."""
    return cue.tag_ == "VBN" and not any(c.dep_ == "agent" for c in cue.children)


def _colon_before(doc: Doc, article: str, span: QuoteSpan) -> Token | None:
    """The colon that introduces a quote: ending the words before it in its paragraph
    ("The minister posted this on Sunday: "...""), or, when the quote opens its
    paragraph, ending the paragraph before ("The council said:" and the statement
    below it, as news sets a statement apart)."""
    start = paragraph_start(article, span.start)
    before = article[start : span.start].rstrip()
    if not before and start > 0:
        before = article[:start].rstrip()
        start = 0
    if not before.endswith(":"):
        return None
    return _token_at(doc, start + len(before) - 1)


def _subject_before(colon: Token | None) -> Token | None:
    """ "The marchers carried one banner: "...."": a quote a colon introduces with no
    reporting verb is the words of the subject of the clause the colon ends, the
    nearest before it that names someone (not the "who" of a relative clause). A thing
    names no one ("That process led to a realization: "..."": the quote continues the
    speaker before)."""
    if colon is None:
        return None
    clause = colon.doc[colon.sent.start : colon.i]
    # "Here is how bad things got, in the words of the patient:", "In Lee's own words:"
    owner = _owner_of_words(clause)
    if owner is not None:
        return owner
    subject = next((t for t in reversed(clause)
                    if t.dep_ == "nsubj" and t.tag_ not in RELATIVE_PRONOUN_TAGS), None)
    if subject is not None and subject.lemma_.lower() in SPEECH_NOUNS:
        # "Ana Ruiz's message was simple:", "Her answer:", "The reply from the council
        # was blunt:": whose message it was (a message of no one named is no speaker)
        owners = [c for c in subject.children if c.dep_ == "poss"] + _whose_words(subject, ("of", "from"))
        return owners[0] if owners else None
    return None if subject is not None and is_thing(subject) else subject


def _owner_of_words(tokens) -> Token | None:
    """Who the "words" of an "in the words of X" or "in X's own words" among ``tokens``
    belong to."""
    return next((owner for t in tokens if t.lower_ == "words" and t.head.lower_ == "in"
                 for owner in _whose_words(t)), None)


def _whose_words(words: Token, prepositions: tuple[str, ...] = ("of",)) -> list[Token]:
    """Who "words" belong to: "the words of the patient", "Lee's own words" (or a
    message: "the message from the mayor", with ``prepositions`` ("of", "from"))."""
    return [c for c in words.children if c.dep_ == "poss" and c.pos_ != "PRON"] + [
        pobj for c in words.children if c.dep_ == "prep" and c.lower_ in prepositions
        for pobj in c.children if pobj.dep_ == "pobj"]


def _in_whose_words(doc: Doc, span: QuoteSpan) -> Span | None:
    """ "In the words of one resident, "the whole town is angry."": a quotation opened
    after nothing but "in the words of X" (or "in X's own words") and a comma, at the
    start of its sentence, is X's."""
    opening = _token_at(doc, span.start)
    if opening is None:
        return None
    before = [t for t in doc[opening.sent.start : opening.i] if not t.is_punct]
    if not before or before[0].lower_ != "in" or any(t.i > before[0].right_edge.i for t in before):
        return None
    owner = _owner_of_words(before)
    return name_span(owner) if owner is not None else None


def _named_after(cue: Token, spans: list[QuoteSpan]) -> Token | None:
    """ "'The law,' said Ann Marsh, the harbour master, 'is clear.'": an attribution
    between two parts of a quotation, which the parser reads as a verb with no subject
    and the name right after it as the subject of the words quoted next, or of the
    clause after it ("'The water rose,' said Mara Quill, as 300 homes were flooded": the
    subject of "were flooded"). The name, outside every quotation, speaks."""
    for complement in cue.children:
        if complement.dep_ != "ccomp" or complement.i < cue.i:
            continue
        for name in complement.children:
            if (name.dep_ in SUBJECT_DEPS and name.pos_ == "PROPN" and name.left_edge.i == cue.i + 1
                    and not any(s.start <= name.idx < s.end for s in spans)):
                return name
    return None


def _named_before(colon: Token | None) -> Span | None:
    """ "Edward Snowden: "...."", "Snowden on the NSA: "..."": a headline gives a
    quotation after the bare name of its speaker. The words from the start of the line
    to the colon hold no verb (but in a name, which the tagger may read as one), and
    name a person, or are all one organization's name; that name speaks."""
    if colon is None:
        return None
    doc = colon.doc
    line_start = paragraph_start(doc.text, colon.idx)
    first = colon.i
    while first > 0 and doc[first - 1].idx >= line_start:
        first -= 1
    lead = doc[first : colon.i]
    if not len(lead) or _has_verb(lead):
        return None
    named = [e for e in lead.ents if e.label_ in PERSON_LABELS + ORG_LABELS]
    person = next((e for e in named if e.label_ in PERSON_LABELS), None)
    if person is not None:
        return person[:-1] if person[-1].tag_ == "POS" else person  # "Justin Bieber's"
    return named[0] if len(named) == 1 and named[0].text == lead.text else None


def _credited_after(doc: Doc, article: str, span: QuoteSpan) -> Span | None:
    """ "'We will not back down' - Ann Marsh, union leader": a quotation credited after
    a dash, by a name or a role with no verb, to the end of its line; or, for a
    quotation that is a paragraph of its own, on the line after it (a testimonial or an
    epigraph signed below: "'...'" then "– Ann Marsh")."""
    line_end = paragraph_end(article, span.end)
    start = span.end
    if not article[span.end : line_end].strip() and not article[paragraph_start(article, span.start) : span.start].strip():
        following = NON_SPACE.search(article, line_end)
        if following is None:
            return None
        start, line_end = following.start(), paragraph_end(article, following.start())
        if word_count(article[start:line_end]) > MAX_ATTRIBUTION_WORDS:
            return None
    credit = CREDIT_AFTER_DASH.match(article, start, line_end)
    if credit is None:
        return None
    words = doc.char_span(credit.start(1), line_end, alignment_mode="expand")
    return words if words is not None and not _has_verb(words) else None


def _has_verb(words: Span) -> bool:
    return any(t.pos_ in VERB_TAGS and not t.ent_type_ for t in words)


def _join_parts(quotes: list[DirectQuote], article: str) -> list[DirectQuote]:
    joined: list[DirectQuote] = []
    for quote in quotes:
        if joined and _continues(joined[-1], quote, article):
            joined[-1].spans += quote.spans
            joined[-1].index = quote.index
        else:
            joined.append(quote)
    return joined


def _continues(earlier: DirectQuote, later: DirectQuote, article: str) -> bool:
    """Whether ``later`` is the next part of the quotation ``earlier``: the very next
    quote span, with no attribution of its own (or the one they share), and
    between them only ``earlier``'s attribution, either in the same paragraph ("X,"
    she said, "Y." / "X," she said. "Y.") or ending a paragraph that ``later``,
    a paragraph of quoted words alone, follows."""
    first, second = earlier.spans[-1], later.spans[0]
    if later.index != earlier.index + 1 or first.glued_cue or second.glued_cue or earlier.cue_token is None:
        return False
    if later.cue_token is not None and later.cue_token.i != earlier.cue_token.i:
        return False
    gap = article[first.end : second.start]
    if word_count(gap) > MAX_ATTRIBUTION_WORDS or any(ch in MARKS for ch in gap):
        return False
    if _is_subject(earlier.cue_token, article[first.content_start : first.content_end], gap, first.end):
        return False
    if _another_sentence_between(earlier.cue_token, first.end, second.start):
        return False
    attribution_between = first.end <= earlier.cue_token.idx < second.start
    if "\n" not in gap:
        return attribution_between
    # a new paragraph: the very next one, holding nothing but the quote
    return (
        later.cue_token is None
        and len(re.findall(r"\n\s*", gap)) == 1
        and gap[gap.rfind("\n") :].strip() == ""
        and article[second.end : paragraph_end(article, second.end)].strip() == ""
    )


def _another_sentence_between(cue: Token, start: int, end: int) -> bool:
    """Whether words outside the attribution's sentence lie between two quotations
    (""X," Lee said. Fares rose; passengers paid. "Y.""): the narration makes
    them two quotations, however short it is."""
    span = cue.doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(not t.is_punct and not t.is_space and t.sent != cue.sent for t in span)


def _is_subject(cue: Token, quoted: str, gap: str, gap_start: int) -> bool:
    """Whether the quoted words are the subject of the verb right after them ("Arrive
    alive" was painted on every bus), not an utterance its attribution takes over from:
    nothing hands them over (a comma or a stop, inside the marks or right after them),
    and a finite verb other than the attribution's follows."""
    if quoted.rstrip().rstrip(NESTED_CLOSING)[-1:] in HANDOVER or gap.lstrip()[:1] in HANDOVER:
        return False
    following = _token_at(cue.doc, gap_start + len(gap) - len(gap.lstrip()))
    return following is not None and following.tag_ in FINITE_TAGS and following.i != cue.i


def _sentence_start(doc: Doc, char: int) -> int:
    token = _token_at(doc, char)
    return token.sent.start_char if token is not None else char


def _attribution_end(doc: Doc, char: int) -> int:
    """Where an attribution after a quote ending at ``char`` may end: the end of the
    quote's sentence, or of the next one when the quote closed its own sentence and
    the next is a short attribution fragment ("she said." / "Said Williams.")."""
    token = _token_at(doc, max(char - 1, 0))
    if token is None:
        return char
    sent = token.sent
    if sent.end_char > char + 1:
        return sent.end_char
    if sent.end < len(doc):
        following = doc[sent.end].sent
        if (len(following) <= 8 or _points_back(following)) and not any(t.text in MARKS for t in following):
            return following.end_char
    return sent.end_char


def _credited_by_words_after(doc: Doc, article: str, span: QuoteSpan) -> Span | None:
    """ "That was the message from Ana Ruiz on Monday.", "Those were the words of the
    judge.": the sentence after a quotation that closes its own points back at it and
    names whose words, message or verdict it was."""
    opening = NON_SPACE.search(article, span.end, paragraph_end(article, span.end))
    token = _token_at(doc, opening.start()) if opening is not None else None
    if token is None or token.i != token.sent.start or token.lower_ not in POINTING_BACK:
        return None
    said = next((t for t in token.sent if t.dep_ == "attr" and t.head.lemma_ == "be"
                 and t.lemma_.lower() in SPEECH_NOUNS), None)
    owners = _whose_words(said, ("of", "from")) if said is not None else []
    return name_span(owners[0]) if owners else None


def _points_back(sentence: Span) -> bool:
    """ "That is how Ana Ruiz, the union's president, described the deal.", "That's
    what she told the board.": a sentence that opens by pointing back at the quotation
    before it and tells, at any length, who said it and how."""
    words = [t for t in sentence if not t.is_space]
    return (len(words) > 2 and words[0].lower_ in POINTING_BACK and words[1].lemma_ == "be"
            and words[2].lower_ in ("how", "what"))


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def paragraph_start(text: str, char: int) -> int:
    """Where the line holding ``char`` starts (a line is a paragraph in plain-text news)."""
    return text.rfind("\n", 0, char) + 1


def paragraph_end(text: str, char: int) -> int:
    """Where the line holding ``char`` ends."""
    end = text.find("\n", char)
    return len(text) if end < 0 else end
