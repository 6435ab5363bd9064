"""Indirect (reported) speech: "Williams warned that ...", "X said the plan would fail",
"According to NCMEC, ...".

The claimed content is the clausal complement (ccomp) of a reporting verb, found
in the dependency parse; "according to X" claims the rest of its sentence; an
attribution set off by commas inside or at the end of the sentence it reports ("The
rules will cost more, she said, especially in rural areas", "..., argued Jo Lee")
claims that sentence on both sides of it; one opening the sentence ("Lee admits in
this case, the count was wrong") claims the rest. What a speaker calls something ("calls it a
costly error", "described the fire as arson") is a claim too: the object predicate. A
reporting verb followed by "that" and a clause with a finite verb, directly or after
where or when it was said ("said in a statement that ..."), reports that clause to the
end of its sentence even when the parser found no complement:
the small pipeline takes a long "that"-clause's "that" for a determiner ("She added
that sextortion cases, in which ..., are on the rise"). A complement whose parse ends
inside a hyphenated word ("that the firm has re-hired ...": the tokenizer splits
"re", "-", "hired" and the parser strands "re") is read to the end of the sentence
when it follows the cue, else to the end of that word: a claim never ends mid-word.
Nothing is reported when nothing was said ("would not say what ...", "declined to
confirm that ...") or when the complement is a small clause with no finite verb
("finds her loyalties tested"); the sentence stays a checkable statement. What a
document found ("the survey found that ...") and what someone believes ("he thinks the
plan will fail") are marked unspoken: evidence and states of mind, not speech; so is
a commitment to act ("she promised to meet the leaders"), an intention, not a claim.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from claimkb.ingest.extract.cues import (
    ADDRESSEE_VERBS,
    FINITE_TAGS,
    SUBJECT_DEPS,
    according_to,
    cue_phrase,
    described_subject_read_as_clause,
    entity_of,
    is_belief,
    is_commitment,
    is_finding,
    is_indirect_question,
    is_reporting_verb,
    name_span,
    subject_of,
    subject_read_as_appositive,
    subject_read_as_conjunct,
)
from claimkb.ingest.extract.names import is_kind_of_people, is_thing
from claimkb.ingest.extract.quotes import MAX_ATTRIBUTION_WORDS

# How news dates when something was said, right after the verb ("said Monday she ...").
DAYS_OF_SAYING = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split())
PARTS_OF_DAY = frozenset("morning afternoon evening night".split())
# Verbs whose infinitive complement is what was said: "urged people to stay home",
# "called for people to come together".
XCOMP_CUES = frozenset("urge call ask promise vow pledge warn tell encourage advise remind".split())
FIRST_SECOND_PERSON = {"i", "we", "you", "me", "us"}
# The subject of a clause after an attribution that is the writer going on about the
# speaker ("..., Lee said, though she gave no details"), not more of what was said.
NARRATION_SUBJECTS = frozenset({"he", "she"})
REQUEST_LEMMAS = frozenset({"ask"})  # of XCOMP_CUES: asks for something, where "urge" calls on others
HYPHENS = frozenset("-‐‑")
CLAUSE_SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass", "csubj", "csubjpass", "expl"))
# Words a claim before a closing attribution needs: "Rates to rise, bank says" reports
# something, "Yes, she says" answers a question.
MIN_REPORTED_WORDS = 3
# A phrase about the saying between a cue and its "that": "in a statement released on
# Monday" is as long as it gets.
MAX_CIRCUMSTANCE_TOKENS = 8
CIRCUMSTANCE_DEPS = frozenset(("prep", "npadvmod", "advmod"))
# Prepositions of where or when something was said ("in a statement", "on Monday"); a
# verb's "to" names what it answers ("responded to the revelation that ...").
CIRCUMSTANCE_PREPOSITIONS = frozenset("in on at during after".split())
WITHHOLDING_VERBS = frozenset({"decline", "refuse"})  # "declined to say whether ..."
# Verbs whose infinitive is asked of someone, not done: "asked the engineer to confirm
# that ..." reports no confirmation (the asking itself is the claim, see XCOMP_CUES).
REQUESTING_VERBS = frozenset("ask urge tell encourage advise remind invite order".split())
# Verbs that characterize their object: "calls it a costly error", "described her as
# the owner's sister" (see ``_characterization``).
CHARACTERIZING_VERBS = frozenset({"call", "describe"})
# A parenthetical attribution is short ("she said", "said Jo Lee, the mayor, on
# Monday"): the same reach as an attribution between two parts of a quotation, plus
# the two commas that set it off.
MAX_ATTRIBUTION_TOKENS = MAX_ATTRIBUTION_WORDS + 2


@dataclass
class ReportedClaim:
    cue: Token
    cue_text: str  # "said", "according to", "pointed out"
    subject: Span | None  # the written speaker mention
    content_start: int
    content_end: int
    # the content's parts, for a claim an attribution interrupts ("X, she said, Y"); one otherwise
    segments: list[tuple[int, int]] = field(default_factory=list)
    # what a document found ("the survey found that ...") or someone believes ("he thinks
    # ..."): no words were said (see ``is_finding`` and ``is_belief``); or a commitment to
    # act, which claims nothing (see ``is_commitment``)
    unspoken: bool = False

    def __post_init__(self):
        if not self.segments:
            self.segments = [(self.content_start, self.content_end)]


def reporting_cues(doc: Doc, quoted) -> list[Token]:
    """Reporting verbs and "according" outside quotation marks, in text order.
    ``quoted(char)`` tells whether a character lies inside a quote."""
    return [
        t for t in doc
        if (t.lower_ == "according" or is_reporting_verb(t) or _introduces_quote(t, quoted)) and not quoted(t.idx)
    ]


def _introduces_quote(verb: Token, quoted) -> bool:
    """A verb outside the lexicon that has a subject and whose clausal complement is
    a quotation ("'We are done,' snapped Jo Lee"; "Jo Lee fired back: 'Never.'"): the
    parse shows it reports the quoted words, whatever the verb. Not inside what a verb
    of saying reports ("Ng said the figures do not mean the clinic should close, rather
    "that ..."): the quotation there is the words of whoever said it, and the parser
    hanging it on the inner verb makes that verb no speaker. Nor when its subject is a
    thing, which says nothing ("a stint in the oil industry had convinced her that
    "..."")."""
    subject = subject_of(verb)
    if verb.pos_ != "VERB" or subject is None or is_thing(subject):
        return False
    if any(is_reporting_verb(ancestor) for ancestor in verb.ancestors):
        return False
    return any(child.dep_ == "ccomp" and quoted(child.idx) for child in verb.children)


def find_reported_speech(doc: Doc, cues: list[Token], quoted) -> list[ReportedClaim]:
    found = []
    text = doc.text  # Doc.text joins every token: build it once
    for cue in cues:
        claim = _according_to(cue) if cue.lower_ == "according" else _complement_claim(cue)
        if claim is None:
            continue
        inside = sum(1 for i in range(claim.content_start, claim.content_end) if quoted(i))
        # the complement is itself a direct quote ("...," said X): the quote is the claim
        if inside > (claim.content_end - claim.content_start) / 2:
            continue
        found.append(_with_its_closing_mark(text, claim))
    return found


# A stop or comma the quotation closes on, then its closing double mark
CLOSING_MARK = re.compile(r'[.,!?]?["”]')
# ... or its closing single mark, after a single mark opened inside what was said and
# left open to its end (British style: "told the BBC he was 'devastated'.")
SINGLE_CLOSING_MARK = re.compile(r"[.,!?]?[’']")
OPEN_SINGLE_QUOTE = re.compile(r"(?:^|\s)[‘']\w[^’']*$")


def _with_its_closing_mark(text: str, claim: ReportedClaim) -> ReportedClaim:
    """What was said ends where its clause does, without the closing punctuation, but a
    quotation opened inside it keeps the mark that closes it (and the stop before that
    mark): 'said the plan was "a disaster".' reports 'the plan was "a disaster"', not
    'the plan was "a disaster', and "was 'devastated'." reports "was 'devastated'"."""
    # the parts as stored: an attribution set inside the sentence is no part of them
    # ("The decision, Ana Ruiz argued, "ignores the evidence."" trims the opening mark)
    content = " ".join(text[start:end] for start, end in claim.segments)
    double_open = content.count("“") > content.count("”") or content.count('"') % 2 == 1
    if not double_open and not OPEN_SINGLE_QUOTE.search(content):
        return claim
    closing = (CLOSING_MARK if double_open else SINGLE_CLOSING_MARK).match(text, claim.content_end)
    if closing is None:
        return claim
    end = closing.end()
    return replace(claim, content_end=end, segments=[*claim.segments[:-1], (claim.segments[-1][0], end)])


def _complement_claim(cue: Token) -> ReportedClaim | None:
    if _withheld(cue) or _rest_assured(cue) or _impersonal(cue):
        return None
    # a clause (headed by a verb) before any other complement: the parser also takes
    # a dateline for one ("OTTAWA — Jo Lee says the budget ...")
    complements = [c for c in cue.children if c.dep_ == "ccomp" and not _across_semicolon(c, cue)]
    complement = next((c for c in complements if c.pos_ in ("VERB", "AUX")), complements[0] if complements else None)
    # nor is a clause whose subject the parser joined to a noun of this one ("asked
    # about the budget and Lorna Bright said ..."): it is the next clause, not what was asked
    # nor is an attribution the parser hung on this verb ("expects to reopen the mine, a
    # source told the Courier": see _attribution_read_as_complement)
    if complement is not None and (is_indirect_question(complement) or _object_of_its_own(cue, complement)
                                   or subject_read_as_conjunct(complement) is not None
                                   or subject_read_as_appositive(complement) is not None
                                   or described_subject_read_as_clause(cue) is not None):
        return None
    if complement is None and cue.lemma_.lower() in XCOMP_CUES:
        complement = next((c for c in cue.children if c.dep_ == "xcomp" or _for_clause(c)), None)
    if complement is None and cue.lemma_.lower() in CHARACTERIZING_VERBS:
        return _characterization(cue)
    if complement is None and cue.dep_ in ("parataxis", "conj"):
        return _parenthetical_claim(cue)
    if complement is None and cue.dep_ == "ccomp" and cue.head.i > cue.i and not is_reporting_verb(cue.head):
        return _opening_attribution(cue)
    if complement is None and cue.dep_ == "ccomp" and cue.head.i < cue.i:
        return _attribution_read_as_complement(cue)
    if complement is None and cue.dep_ == "ROOT":
        closing = _closing_attribution(cue)
        if closing is not None:
            return closing
    speaker = _speaker_read_as_complement_subject(cue, complement)
    around = _claim_around(cue, speaker) if speaker is not None else None
    if around is not None:
        return around
    around = _subject_set_before_attribution(cue, complement)
    if around is not None:
        return around
    if complement is not None:
        start, end = _with_addressee(complement, cue), _past_split_word(complement.right_edge.i + 1, cue)
        end = min(end, _closing_attribution_inside(complement), _adding_inside(complement))
        if complement.dep_ == "ccomp" and not any(t.tag_ in FINITE_TAGS for t in cue.doc[start:end]):
            return None  # a small clause, not speech: "Bella finds her loyalties tested"
    else:
        start, end = _that_clause(cue)
        if end <= start:
            return None
    subject = subject_of(cue)
    if subject is None or subject.lower_ in FIRST_SECOND_PERSON:
        return None
    if subject.dep_ == "appos" and start <= subject.i < end:  # see subject_read_as_appositive
        end = subject.left_edge.i
    start, end = _trimmed(start, end, cue.doc)
    if end <= start or _elided(cue.doc[start:end]):
        return None
    doc = cue.doc
    return ReportedClaim(cue, cue_phrase(cue), name_span(subject), doc[start].idx, doc[end - 1].idx + len(doc[end - 1]),
                         unspoken=_unspoken(cue, subject) or is_commitment(cue, complement)
                         or _asked_for_oneself(cue, complement))


def _closing_attribution_inside(complement: Token) -> int:
    """Where what was said ends when the parser makes its closing attribution the
    complement ("Researchers found that the drug cut deaths by 20%, the study said":
    "said" is what "found" reports, with "the drug cut ..." before it): before that
    attribution's speaker, which the reported words do not hold."""
    inner = next((c for c in complement.children if c.dep_ == "ccomp" and c.i < complement.i), None)
    if inner is None or not is_reporting_verb(complement):
        return len(complement.doc)
    speaker = subject_of(complement)
    return speaker.left_edge.i if speaker is not None and speaker.i > inner.right_edge.i else len(complement.doc)


def _adding_inside(complement: Token) -> int:
    """Where what was said ends when ", adding" follows it inside the parse ('told AFP:
    "We have recorded 24 deaths", adding that ...'): before the comma, as "adding" is
    the reporter's word for more of the speaker's. Other participles of saying there are
    as often part of what was said ("said Hiller called 911, saying ...")."""
    doc = complement.doc
    participle = next((t for t in complement.subtree if t.i > complement.i and t.lower_ == "adding"
                       and doc[t.i - 1].text == ","), None)
    return participle.i - 1 if participle is not None else len(doc)


def _across_semicolon(complement: Token, cue: Token) -> bool:
    """A clause before a semicolon is a sentence of its own, which the verb after the
    semicolon does not report ("Prices rose; analysts warned of more pain"), though the
    parser may hang it on that verb as its complement."""
    if complement.i > cue.i:
        return False
    return any(t.text == ";" for t in cue.doc[complement.right_edge.i + 1 : cue.i])


def _asked_for_oneself(cue: Token, complement: Token | None) -> bool:
    """ "A resident, who asked not to be named, said ...", "He asked to be released":
    asking, with no one asked, for what is to happen to oneself is a request, as a
    commitment is an intention, and no claim ("asked residents to leave" names who)."""
    return (cue.lemma_.lower() in REQUEST_LEMMAS and complement is not None and complement.dep_ == "xcomp"
            and not any(c.dep_ in ("dobj", "dative") for c in cue.children))


def _characterization(cue: Token) -> ReportedClaim | None:
    """ "He now calls it a costly error", "Police described the theft as a carjacking":
    what the speaker says the object is, the verb's object predicate or what follows
    "as", is the claim. A proper name is a name given, not a judgement ("locals call the
    road the Snake"), and in the passive the subject is who was described, not who spoke."""
    if not any(c.dep_ == "dobj" for c in cue.children) or any(c.dep_ == "nsubjpass" for c in cue.children):
        return None
    predicate = next((c for c in cue.children if c.dep_ == "oprd"), None)
    if predicate is None:
        as_phrase = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        predicate = next((c for c in as_phrase.children if c.dep_ == "pobj"), None) if as_phrase else None
    subject = subject_of(cue)
    if (predicate is None or _is_name(predicate) or _calls_home(predicate) or subject is None
            or subject.lower_ in FIRST_SECOND_PERSON):
        return None
    start, end = _trimmed(predicate.left_edge.i, predicate.right_edge.i + 1, cue.doc)
    if end <= start:
        return None
    doc = cue.doc
    return ReportedClaim(cue, cue_phrase(cue), name_span(subject), doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))


def _calls_home(predicate: Token) -> bool:
    """ "many of whom call Exarchia their home": to call a place home is to live there,
    no judgement of it."""
    return predicate.lemma_.lower() == "home"


def _is_name(phrase: Token) -> bool:
    """A phrase of proper nouns but for its determiner: "the Snake", "Big Ben"."""
    return all(t.pos_ == "PROPN" or t.dep_ == "det" for t in phrase.subtree)


def _object_of_its_own(cue: Token, complement: Token) -> bool:
    """ "Whenever a berth is free, the crew posts it online", "a 'lifeline,' she calls
    it": a verb with a subject and an object of its own after it reports that object;
    the clause before it is no complement of its. The object of a verb of telling is
    whom it was told ("..., the mayor told the radio station")."""
    if complement.i > cue.i or cue.lemma_.lower() in ADDRESSEE_VERBS:
        return False
    return any(c.dep_ in SUBJECT_DEPS for c in cue.children) and any(c.dep_ == "dobj" and c.i > cue.i for c in cue.children)


def _closing_attribution(cue: Token) -> ReportedClaim | None:
    """ "Rail fares to rise next year, union says", "Bridge repairs a year late, says city
    engineer": an attribution closing the sentence after a comma, where what it reports has no
    finite verb (headlines drop them) and the parser took it for the verb's subject or a
    loose dependent. The claim is everything before the comma."""
    doc, sent = cue.doc, cue.sent
    # "Fares to rise, union says", "..., says city engineer": the parser may give the verb
    # a second subject, the claim before the comma; the speaker is the last one
    subjects = [c for c in cue.children if c.dep_ in SUBJECT_DEPS]
    subject = subjects[-1] if len(subjects) > 1 else subject_of(cue)
    if subject is None or subject.lower_ in FIRST_SECOND_PERSON or _withheld(cue):
        return None
    if subject.i > cue.i and cue.lemma_.lower() != "say":
        return None  # inverted, only "says X" is an attribution: "..., Adds Weekend Hours" adds something
    attribution = [cue.i, *(t.i for t in subject.subtree)]
    comma = min(attribution) - 1
    if comma <= sent.start or doc[comma].text != ",":
        return None
    closing = [t for t in doc[comma + 1 : sent.end] if not t.is_punct]
    if len(closing) > MAX_ATTRIBUTION_WORDS or any(t.i not in attribution for t in closing):
        return None  # more follows the attribution than its speaker
    start, end = _trimmed(sent.start, comma, doc)
    if sum(1 for t in doc[start:end] if t.is_alpha) < MIN_REPORTED_WORDS:
        return None
    return ReportedClaim(cue, cue_phrase(cue), name_span(subject), doc[start].idx, doc[end - 1].idx + len(doc[end - 1]),
                         unspoken=_unspoken(cue, subject))


def _opening_attribution(cue: Token) -> ReportedClaim | None:
    """ "Lee admits in this case, the count was wrong.": an attribution that
    opens the sentence, set off by a comma, which the parser takes for a clause the
    sentence's verb reports. The claim is the rest of the sentence, a clause with a
    finite verb."""
    doc, subject = cue.doc, subject_of(cue)
    comma = cue.right_edge.i + 1
    if subject is None or subject.lower_ in FIRST_SECOND_PERSON or _withheld(cue):
        return None
    if comma >= cue.sent.end or doc[comma].text != "," or cue.left_edge.i != cue.sent.start:
        return None
    start, end = _trimmed(comma + 1, cue.sent.end, doc)
    if end <= start or not any(t.tag_ in FINITE_TAGS for t in doc[start:end]):
        return None
    return ReportedClaim(cue, cue_phrase(cue), name_span(subject), doc[start].idx, doc[end - 1].idx + len(doc[end - 1]),
                         unspoken=_unspoken(cue, subject))


def _attribution_read_as_complement(cue: Token) -> ReportedClaim | None:
    """ "Okonta Mining expects to reopen the mine, a source close to the board told the
    Courier.": the parser reads the closing attribution as what the verb before it
    reports, and its speaker as an appositive of that verb's last noun. The claim is the
    sentence up to the comma before the speaker."""
    subject = subject_read_as_appositive(cue)
    if subject is None or _withheld(cue):
        return None
    doc = cue.doc
    start, end = _trimmed(cue.sent.start, subject.left_edge.i, doc)
    if end <= start or not any(t.tag_ in FINITE_TAGS for t in doc[start:end]):
        return None
    return ReportedClaim(cue, cue_phrase(cue), name_span(subject), doc[start].idx, doc[end - 1].idx + len(doc[end - 1]),
                         unspoken=_unspoken(cue, subject))


def _elided(clause: Span) -> bool:
    """ "costs are lower than the operator says they are", "as she said it would": a clause
    of a pronoun and an auxiliary whose predicate is left out claims nothing itself."""
    return all(t.pos_ in ("PRON", "AUX") for t in clause)


def _parenthetical_claim(cue: Token) -> ReportedClaim | None:
    """ "The rules will cost families more, she said, especially in rural areas." or
    "..., argued Jo Lee.": an attribution set off by a comma inside or at the end of the
    sentence it reports, which the parser hangs off that sentence's verb (the speaker
    after the verb it takes for the verb's object). The claim is the sentence around
    the attribution, which must follow some of it and be a clause with a finite verb."""
    if _withheld(cue) or any(c.dep_ in ("ccomp", "xcomp") for c in cue.children):
        return None
    subjects = [c for c in cue.children if c.dep_ in SUBJECT_DEPS]
    # "The outages, said Mayor Ann Roe, were ...": the parser can hang the reported
    # sentence's own subject off the cue too; the speaker is the one after the verb
    subject = next((c for c in subjects if c.i > cue.i), subjects[0] if subjects else None)
    # "..., argued Jo Lee": the speaker inverted after the verb, but the object of a verb
    # of telling is whom it was told
    if subject is None and cue.lemma_.lower() not in ADDRESSEE_VERBS:
        subject = next((c for c in cue.children if c.dep_ == "dobj" and c.left_edge.i == cue.i + 1 + _skipped(cue)), None)
    if subject is None or subject.lower_ in FIRST_SECOND_PERSON:
        return None
    return _claim_around(cue, subject)


def _speaker_read_as_complement_subject(cue: Token, complement: Token | None) -> Token | None:
    """ "The bridge, said Fire Chief Dan Oakes, would stay closed until Friday.": an
    attribution inverted inside the sentence it reports, which the parser reads as the
    cue's subject ("The bridge") followed by a complement whose subject is the speaker.
    The speaker is that subject, right after the verb, with the attribution set off by
    commas on both sides ("Jo Lee, the mayor, said he ..." is no such attribution)."""
    doc = cue.doc
    if complement is None or cue.i == cue.sent.start or doc[cue.i - 1].text != ",":
        return None
    if not any(c.dep_ in SUBJECT_DEPS and c.i < cue.i for c in cue.children):
        return None
    speaker = next((c for c in complement.children
                    if c.dep_ in SUBJECT_DEPS and c.left_edge.i == cue.i + 1 + _skipped(cue)), None)
    end = name_span(speaker).end if speaker is not None else len(doc)
    return speaker if end < len(doc) and doc[end].text == "," else None


def _subject_set_before_attribution(cue: Token, complement: Token | None) -> ReportedClaim | None:
    """ "The plant, Dana Roe said on Monday, will close in June.": an attribution set off
    by commas right after the subject of the sentence it reports. The parser makes that
    subject the cue's too, beside the speaker or with the speaker as its appositive, and
    the rest of the sentence a complement with no subject. The speaker is the name right
    before the verb, and the claim the sentence on both sides of the attribution ("Jo Lee,
    the mayor, said he ..." is no such sentence: its complement has a subject)."""
    if (complement is None or complement.i < cue.i
            or any(c.dep_ in (*SUBJECT_DEPS, "expl") for c in complement.children)):
        return None
    doc, sent = cue.doc, cue.sent
    resumes = complement.left_edge.i
    subjects = [c for c in cue.children if c.dep_ in SUBJECT_DEPS and c.i < cue.i]
    appositives = [c for s in subjects for c in s.children if c.dep_ == "appos"]
    speaker = subjects[-1] if len(subjects) > 1 else next(iter(appositives), None)
    if speaker is None or speaker.lower_ in FIRST_SECOND_PERSON or doc[resumes - 1].text != ",":
        return None
    opening_comma = speaker.left_edge.i - 1
    if (opening_comma <= sent.start or doc[opening_comma].text != ","
            or any(t.head != cue for t in doc[speaker.right_edge.i + 1 : cue.i])
            or resumes - opening_comma > MAX_ATTRIBUTION_TOKENS):
        return None
    parts = [_trimmed(sent.start, opening_comma, doc), _trimmed(resumes, sent.end, doc)]
    if any(end <= start for start, end in parts) or not any(t.tag_ in FINITE_TAGS for t in doc[slice(*parts[1])]):
        return None
    segments = [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) for start, end in parts]
    return ReportedClaim(cue, cue_phrase(cue), name_span(speaker), segments[0][0], segments[-1][1], segments,
                         _unspoken(cue, speaker))


def _claim_around(cue: Token, subject: Token) -> ReportedClaim | None:
    """The sentence on both sides of an attribution (``cue`` and the speaker
    ``subject``) that a comma sets off from its first part, when the attribution is
    short and the sentence a clause with a finite verb."""
    doc, sent = cue.doc, cue.sent
    first = min(cue.i, subject.left_edge.i)
    last = max(cue.i, subject.right_edge.i) + 1
    while last - 1 > subject.i and doc[last - 1].is_punct:
        last -= 1  # the comma closing "Ann Roe, the mayor," is the parser's to hang anywhere
    # what the verb says of the saying itself: "said in an interview", "said Monday", and
    # whom it was told: "told reporters"
    told = ("dobj", "dative") if cue.lemma_.lower() in ADDRESSEE_VERBS else ()
    for child in cue.rights:
        if child.i == last and child.dep_ in ("prep", "npadvmod", "advmod", "agent", *told):
            last = child.right_edge.i + 1
    if first <= sent.start or doc[first - 1].text != "," or last - first > MAX_ATTRIBUTION_TOKENS:
        return None
    if last < sent.end and not (doc[last].is_punct or doc[last].is_space):
        return None  # the attribution must end where the reported words resume or stop
    parts = [_trimmed(sent.start, first, doc), _trimmed(last, sent.end, doc)]
    parts = [(start, end) for start, end in parts if end > start and not _narration_after(doc[start], first)]
    if not any(t.tag_ in FINITE_TAGS for start, end in parts for t in doc[start:end]):
        return None
    segments = [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) for start, end in parts]
    return ReportedClaim(cue, cue_phrase(cue), name_span(subject), segments[0][0], segments[-1][1], segments,
                         _unspoken(cue, subject))


def _narration_after(opening: Token, attribution: int) -> bool:
    """ "The bridge will open in May, Lee said, though she gave no details.": after an
    attribution, a clause that a conjunction opens and whose subject is he or she is the
    writer going on about the speaker, not more of what was said ("..., Lee said, though
    work could slip" is)."""
    if opening.i < attribution or opening.dep_ not in ("mark", "cc"):
        return False
    # "though" marks its clause's verb; "but" hangs on the verb before the one it joins
    clause = opening.head if opening.dep_ == "mark" else next(
        (c for c in opening.head.children if c.dep_ == "conj" and c.i > opening.i), None)
    return clause is not None and any(c.dep_ in SUBJECT_DEPS and c.lower_ in NARRATION_SUBJECTS
                                      for c in clause.children)


def _unspoken(cue: Token, subject: Token) -> bool:
    return is_finding(cue, subject) or is_belief(cue, subject)


def _skipped(cue: Token) -> int:
    """Particles between a verb and an inverted speaker: "points out the owner"."""
    n = 0
    while cue.i + 1 + n < len(cue.doc) and cue.doc[cue.i + 1 + n].dep_ == "prt":
        n += 1
    return n


def _rest_assured(cue: Token) -> bool:
    """ "Rest assured that the city wants it built": the writer telling the reader, no
    one reported (the parser makes "rest" the subject of "assured")."""
    return cue.lower_ == "assured" and cue.i > 0 and cue.nbor(-1).lower_ == "rest"


def _impersonal(cue: Token) -> bool:
    """ "It is fair to say that ...", "it would be a stretch to say that ...": the
    writer's own judgment, hedged in a verb of saying that no one is said to speak (the
    infinitive belongs to a clause whose subject is the empty "it")."""
    if cue.dep_ not in ("xcomp", "acl", "relcl") or not any(
            child.dep_ == "aux" and child.lower_ == "to" for child in cue.children):
        return False
    # "a stretch to say": the parser hangs the infinitive on the noun
    clause = cue.head.head if cue.dep_ != "xcomp" and cue.head.dep_ in ("attr", "acomp") else cue.head
    return any(child.dep_ == "nsubj" and child.lower_ == "it" for child in clause.children)


def _withheld(cue: Token) -> bool:
    """Nothing was said: "would not say what ...", "declined to confirm that ...", "asked
    the engineer to confirm that ..."."""
    return (any(child.dep_ == "neg" for child in cue.children)
            or (cue.dep_ == "xcomp" and cue.head.lemma_.lower() in WITHHOLDING_VERBS | REQUESTING_VERBS))


def _with_addressee(complement: Token, cue: Token) -> int:
    """Where the claim starts: an infinitive said to someone ("urged residents to stay
    indoors") names who is to act, so the claim is "residents to stay indoors", not
    "to stay indoors", which says the same of anyone."""
    start = complement.left_edge.i
    if complement.dep_ == "xcomp":
        addressee = next((c for c in cue.children if c.dep_ == "dobj" and c.i < complement.i), None)
        if addressee is not None:
            start = min(start, addressee.left_edge.i)
    elif complement.dep_ == "ccomp" and not any(c.dep_ in CLAUSE_SUBJECT_DEPS for c in complement.children) \
            and complement.doc[start].dep_ != "mark":
        # "Scientists warn sea levels could rise", "call him a traditional boss": the
        # parser takes the subject of what was said, right before its verb, for the
        # object of the verb of saying; but a verb of telling's object is whom it told
        subject = next((c for c in cue.children if c.dep_ == "dobj" and c.right_edge.i + 1 == start), None)
        if subject is not None and not (cue.lemma_.lower() in ADDRESSEE_VERBS and _names_someone(subject)):
            start = subject.left_edge.i
    return _after_day_of_saying(_past_addressee_read_as_compound(start, cue), complement)


def _names_someone(noun: Token) -> bool:
    """A pronoun, a name, or a noun for people: whom something could be told."""
    return noun.pos_ in ("PRON", "PROPN") or bool(noun.ent_type_) or is_kind_of_people(noun)


def _past_addressee_read_as_compound(start: int, cue: Token) -> int:
    """``start``, or past whom something was told when the parser glues them onto the
    subject of what was told ("told Reuters rents had doubled", "told the Herald prices
    would rise", "told lawmakers taxes would rise"): "tell" names whom it told first,
    and a plural noun or a name is no compound of a common noun in news English."""
    doc = cue.doc
    if cue.lemma_.lower() != "tell" or start != cue.i + 1:
        return start
    first = start + 1 if doc[start].dep_ == "det" else start
    end = first
    while end < len(doc) and doc[end].dep_ == "compound" and doc[end].pos_ == "PROPN":
        end += 1
    if end == first == start and doc[first].dep_ == "compound" and doc[first].tag_ == "NNS":
        end = first + 1  # a plural noun with no article: "told lawmakers taxes would rise"
    return end if end > first and end < len(doc) and doc[end].pos_ == "NOUN" else start


def _after_day_of_saying(start: int, complement: Token) -> int:
    """``start``, or past the day that opens the clause before its subject: "said Monday
    she will run" says when it was said (the parser hangs the day on the clause's verb),
    where in "said Monday was the worst day" the day is what the clause is about."""
    when = entity_of(complement.doc[start])
    if (when is None or when.label_ not in ("DATE", "TIME") or when.start != start or when.root.dep_ != "npadvmod"
            or when.root.head != complement or not _is_day_of_saying(when)):
        return start
    subject_after = any(c.dep_ in SUBJECT_DEPS and c.i >= when.end for c in complement.children)
    return when.end if subject_after else start


def _is_day_of_saying(when: Span) -> bool:
    """A day as news dates what was said: "Monday", "Tuesday night", "yesterday" (not
    "last year", which more often dates what the clause tells)."""
    words = {t.lower_ for t in when}
    return bool(words & DAYS_OF_SAYING) and words <= DAYS_OF_SAYING | PARTS_OF_DAY


def _past_split_word(end: int, cue: Token) -> int:
    """``end``, or past the rest of the hyphenated word it cuts (see the module doc)."""
    doc = cue.doc
    if not (end + 1 < cue.sent.end and not doc[end - 1].whitespace_ and doc[end].text in HYPHENS
            and not doc[end].whitespace_):
        return end
    if end - 1 > cue.i:
        return cue.sent.end
    end += 2
    while end < cue.sent.end and not doc[end - 1].whitespace_ and not doc[end].is_punct:
        end += 1
    return end


def _for_clause(token: Token) -> bool:
    """ "called for people to come together": the parser makes the "for ... to" clause
    an adverbial clause; after a verb of calling it is what was called for."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in token.children)


def _that_clause(cue: Token) -> tuple[int, int]:
    """Token range of "that ..." after the cue to the sentence end, when it holds a
    finite verb ("added that the cases are rising"; not "added that book")."""
    doc, end = cue.doc, cue.sent.end
    that = _opening_that(cue)
    if that is None or not any(t.tag_ in FINITE_TAGS for t in doc[that + 1:end]):
        return 0, 0
    return that, end


def _opening_that(cue: Token) -> int | None:
    """Where the "that" opening what was said stands: right after the cue, or after a
    phrase about the saying itself ("said in a statement that ...", "said on Monday
    that ..."), which the parser often takes the "that"-clause to belong to, and after
    whom it was told ("told analysts on a call that ...")."""
    first = cue.i + 1
    addressee = next((c for c in cue.children if c.dep_ in ("dobj", "dative") and c.left_edge.i == first), None)
    if addressee is not None and cue.lemma_.lower() in ADDRESSEE_VERBS:
        first = addressee.right_edge.i + 1
    doc, end = cue.doc, min(cue.sent.end, first + MAX_CIRCUMSTANCE_TOKENS)
    if first >= end or doc[first].lower_ == "that":
        return first if first < end else None
    if doc[first].head.i != cue.i or not (
        doc[first].dep_ in CIRCUMSTANCE_DEPS and doc[first].pos_ != "ADP" or doc[first].lower_ in CIRCUMSTANCE_PREPOSITIONS
    ):
        return None
    for token in doc[first:end]:
        if token.lower_ == "that":
            # a "that" opening a clause; not a relative pronoun ("in a video that has
            # ..."), but a "that" the parser makes the object of a relative clause with a
            # subject of its own ("told reporters at a briefing that demand had slowed",
            # "said after the 3-1 win that the team played with heart") opens what was
            # said: the verb of saying has no other complement (else this is not asked),
            # and a verb of saying asks for one
            opens = token.dep_ == "mark" or (token.dep_ == "dobj" and subject_of(token.head) is not None)
            return token.i if opens else None
        if token.pos_ in ("VERB", "AUX") or token.is_punct and not _inside_word(token):
            return None  # another clause, or the phrase is over
    return None


def _inside_word(token: Token) -> bool:
    """A hyphen with no space on either side joins one word ("the 3-1 win")."""
    return token.text in HYPHENS and not token.whitespace_ and token.i > 0 and not token.nbor(-1).whitespace_


def _according_to(cue: Token) -> ReportedClaim | None:
    source = according_to(cue)
    if source is None:
        return None
    sent = cue.sent
    phrase_start = cue.i
    # a name set after the source (``name_set_after``) ends the phrase at its own end:
    # the parser hangs the clause's words on it
    phrase_end = source.right_edge.i + 1 if source.dep_ == "pobj" else name_span(source).end
    doc = cue.doc
    before, after = _trimmed(sent.start, phrase_start, doc), _trimmed(phrase_end, sent.end, doc)
    if (phrase_start > sent.start and doc[phrase_start - 1].text == "," and phrase_end < sent.end
            and doc[phrase_end].text == "," and before[1] > before[0] and after[1] > after[0]):
        # set off by commas inside the sentence it reports ("The plant, according to
        # Dunn, will close in June"): the claim is the sentence around it, in two parts
        segments = [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) for start, end in (before, after)]
        return ReportedClaim(cue, "according to", name_span(source), segments[0][0], segments[1][1], segments)
    # else the claim is the larger side of the sentence around "according to X"
    start, end = before if phrase_start - sent.start >= sent.end - phrase_end else after
    if end <= start:
        return None
    return ReportedClaim(cue, "according to", name_span(source), doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))


def _trimmed(start: int, end: int, doc: Doc) -> tuple[int, int]:
    """Drop punctuation and quotation marks at either end of a token range (but the
    "%" that ends a figure)."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text != "%" or doc[end - 1].is_space):
        end -= 1
    return start, end
