"""Claim extraction: from one parsed article to its claims, speakers and cited sources.

The steps, each in its own module:

1. ``quotes``: quotation marks -> direct quotes, with the cue that attributes them,
   and the pull quotes that repeat them without marks;
2. ``reported_speech``: reporting verbs and "according to" -> indirect quotes;
   ``tweets``: a tweet the page embeds -> a direct quote of its author;
3. ``speakers``: every written speaker mention -> one canonical ``Speaker``;
4. ``citations``: the organizations and outlets each claim cites;
5. ``assertions`` and ``quantities``: unquoted sentences with numbers become
   statistics, other checkable ones assertions.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import groupby
from typing import NamedTuple, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimkb.ingest.extract import names
from claimkb.ingest.extract.assertions import is_checkable
from claimkb.ingest.extract.chunks import LONG_TEXT, split_text
from claimkb.ingest.extract.citations import find_citations
from claimkb.ingest.extract.cues import (
    SUBJECT_DEPS,
    is_document_noun,
    is_reporting_verb,
    is_unattributed_passive,
    name_span,
)
from claimkb.ingest.extract.hedges import find_hedge
from claimkb.ingest.extract.link_lines import link_line_ranges
from claimkb.ingest.extract.nlp import parseable
from claimkb.ingest.extract.polarity import negated
from claimkb.ingest.extract.quantities import find_quantities, offsets
from claimkb.ingest.extract.quoted_terms import is_phrase
from claimkb.ingest.extract.quotes import (
    ALL_MARKS,
    as_double_quoted,
    find_direct_quotes,
    find_quote_spans,
    paragraph_end,
    paragraph_start,
    pull_quotes,
)
from claimkb.ingest.extract.ranges import CharRanges
from claimkb.ingest.extract.reported_speech import ReportedClaim, find_reported_speech, reporting_cues
from claimkb.ingest.extract.speakers import SpeakerResolver
from claimkb.ingest.extract.tweets import find_embedded_tweets
from claimkb.ingest.records import Claim, Extraction, Quantity, QuotedTerm

T = TypeVar("T")  # what travels with each text through extract_all


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping ranges joined (a quote inside a link line), for a membership test
    that looks at one range only."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def extract_all(
    nlp: Language, items: Iterable[tuple[str, T]], batch_size: int
) -> Iterator[tuple[Extraction, T]]:
    """(extraction, context) for each (text, context), in order; texts longer than
    LONG_TEXT are extracted piece by piece (see ``chunks``), others parsed in batches;
    each text as ``parseable`` gives it, so the offsets index the text as given."""
    for long, group in groupby(items, key=lambda item: len(item[0]) > LONG_TEXT):
        if long:
            for text, context in group:
                yield extract_long(nlp, parseable(text)), context
        else:
            parsed = nlp.pipe(((parseable(text), context) for text, context in group), as_tuples=True,
                              batch_size=batch_size)
            for doc, context in parsed:
                yield extract_claims(doc), context


def extract_long(nlp: Language, text: str, limit: int = LONG_TEXT) -> Extraction:
    """The extraction of ``text`` from its pieces of at most ``limit`` characters, with
    every offset moved to index ``text``."""
    whole, offset = Extraction(), 0
    for piece in split_text(text, limit):
        part = extract_claims(nlp(piece))
        for claim in part.claims:
            _shift(claim, offset)
        whole.claims += part.claims
        whole.speakers += part.speakers
        whole.citations += [cited for cited in part.citations if cited not in whole.citations]
        for term in part.quoted_terms:
            term.char_start += offset
            term.char_end += offset
        whole.quoted_terms += part.quoted_terms
        offset += len(piece)
    return whole


def _shift(claim: Claim, offset: int) -> None:
    claim.char_start += offset
    claim.char_end += offset
    if claim.speaker_start is not None and claim.speaker_end is not None:
        claim.speaker_start += offset
        claim.speaker_end += offset
    claim.segments = [(start + offset, end + offset) for start, end in claim.segments]
    for quantity in claim.quantities:
        if quantity.start is not None and quantity.end is not None:
            quantity.start += offset
            quantity.end += offset


def extract_claims(doc: Doc) -> Extraction:
    """All claims, their resolved speakers and the article-level citations of one article.
    doc is nlp(article.text); every offset in the result indexes into doc.text."""
    text = doc.text
    doc.ents = names.with_joined_organizations(doc)
    doc.ents = names.with_name_apostrophes(doc)
    doc.ents = names.with_time_zones(doc)
    doc.ents = names.with_numbered_organizations(doc)
    doc.ents = names.with_given_name_persons(doc)
    doc.ents = names.without_opening_cue(doc)
    # quotation marks as the finder reads them (British style read as American)
    marked = as_double_quoted(text)
    spans = find_quote_spans(marked)
    quoted = CharRanges((s.start, s.end) for s in spans)
    cues = reporting_cues(doc, quoted)
    # A link to another story ("READ MORE: ...") carries that story's claims and
    # names, not this one's: no claim comes from it and no one there is an antecedent.
    links = CharRanges(link_line_ranges(text))
    # where each quoted part is repeated as a pull quote, by the part's start (looked up
    # once: each look searches the whole text); a pull quote's words are quoted too,
    # so "he" in one names no antecedent
    pulled_from = {start: pull_quotes(text, start, end) for span in spans for start, end in span.parts}
    pulled = [repeat for repeats in pulled_from.values() for repeat in repeats]
    resolver = SpeakerResolver(doc, _merged(quoted.ranges + links.ranges + pulled))

    quotes, quoted_terms = find_direct_quotes(doc, spans, cues, marked)
    found = [_Found("direct_quote", q.cue, q.subject, q.segments(text),
                    unnamed=q.subject is None and q.cue_token is not None and is_unattributed_passive(q.cue_token))
             for q in quotes]
    reported = find_reported_speech(doc, cues, quoted)
    reported_cues = {r.cue.i for r in reported if not r.unspoken}
    for speech in reported:
        if speech.cue.lower_ == "according":
            before_inner = _before_inner_claim(doc, speech, reported_cues)
            if before_inner is None:
                continue
            speech = before_inner
        kind = "unspoken" if speech.unspoken else "indirect_quote"
        found.append(_Found(kind, speech.cue_text, speech.subject, speech.segments))

    # an embedded tweet is its author's own words
    for tweet in find_embedded_tweets(text):
        author = doc.char_span(*tweet.author, alignment_mode="expand")
        found.append(_Found("direct_quote", "tweeted", author, [tweet.content], embedded=True))

    # A "subject" inside quotation marks is the parser tripping over a quote
    # within the attribution ("Jo Roe, who lost "a dozen medals", says ...") or
    # over the quoted words themselves: quoted words never name their own speaker.
    found = [f if f.subject is None or not quoted(f.subject.root.idx)
             else f._replace(subject=_subject_outside_quotes(f.subject, quoted)) for f in found]
    found = [f for f in found if not links(f.segments[0][0])]
    # Resolve in reading order: a pronoun's antecedent is an earlier attribution.
    found.sort(key=lambda f: f.subject.start_char if f.subject is not None else f.segments[0][0])
    claims = []
    for f in found:
        if f.kind == "unspoken":
            # a finding or a belief, not speech: the sentence stays a checkable statement
            # (citing the document that found it), and its subject (which a finding or a
            # belief always has) an antecedent
            if f.subject is not None:
                resolver.cite(f.subject)
        else:
            claim = _quote_claim(doc, text, resolver, f)
            if claim.kind == "direct_quote" and claim.speaker_mention is None and claim.speaker is None \
                    and is_phrase(claim.content):
                # a phrase under four words that no one is written or found to say
                # ('"Who?" asked people'): a term, as the same words with no verb of saying are
                quoted_terms.append(QuotedTerm(claim.content, "term", claim.char_start, claim.char_end))
            else:
                claims.append(claim)
    # a phrase quoted inside a speaker's own reported words ('Critics call the plan a "cash
    # grab" that will hurt families') is part of that claim, not a second one
    indirect = [c for c in claims if c.kind == "indirect_quote"]
    for claim in [c for c in claims if c.kind == "direct_quote" and is_phrase(c.content)]:
        if any(r.char_start <= claim.char_start < r.char_end and r.speaker is claim.speaker for r in indirect):
            claims.remove(claim)
            quoted_terms.append(QuotedTerm(claim.content, "term", claim.char_start, claim.char_end))
    quoted_terms.sort(key=lambda t: t.char_start)
    claims += _repeated_as_pull_quotes(doc, text, claims, pulled_from)
    claims.sort(key=lambda c: c.char_start)
    # Who spoke, with what the writer says of them ("Jo Roe, a 47-year-old farmer"):
    # the attribution of a quote, whose figures describe the speaker, not a claim.
    attributions = CharRanges(_merged([
        (min(f.subject.start_char, f.subject.root.left_edge.idx), max(f.subject.end_char, _end(f.subject.root.right_edge)))
        for f in found if f.subject is not None]))
    claims += _sentence_claims(doc, text, resolver, claims, quoted, attributions)
    claims.sort(key=lambda c: c.char_start)
    claims = [c for c in claims if not links(c.char_start)]

    speakers = resolver.speakers
    citations: list[str] = []
    for claim in claims:
        if claim.speaker is not None and claim.speaker not in speakers:
            speakers.append(claim.speaker)
        citations += [c for c in claim.citations if c not in citations]
        claim.negated = _main_statement_negated(doc, claim)
    return Extraction(claims=claims, speakers=speakers, citations=citations, quoted_terms=quoted_terms)


def _subject_outside_quotes(subject: Span, quoted: CharRanges) -> Span | None:
    """The speaker the parser passed over when it took a noun inside quotation marks for
    the subject ("'Great coach,' the owner, Dana Cole, said": "coach"): the verb's other
    subject, or the name set beside that noun, outside the marks; else no one."""
    root = subject.root
    others = [t for t in root.head.children if t.dep_ in SUBJECT_DEPS and t is not root]
    others += [t for t in root.children if t.dep_ == "appos"]
    outside = next((t for t in others if not quoted(t.idx)), None)
    return name_span(outside) if outside is not None else None


def _before_inner_claim(doc: Doc, speech: ReportedClaim, inner_cues: set[int]) -> ReportedClaim | None:
    """ "According to X, A, but Y says B": X's claim ends where the clause of a reporting
    verb inside it begins; when that clause is all of it ("According to X, the NCMEC
    believes ...") the inner cue makes the claim and X is only its source (None)."""
    inner = [doc[i] for i in sorted(inner_cues)
             if speech.content_start <= doc[i].idx < speech.content_end and i != speech.cue.i]
    if not inner:
        return speech
    end = inner[0].left_edge.i
    # the comma and the "but" that join the two clauses belong to neither (a "%" ends a figure)
    while end > 0 and (doc[end - 1].text in JOINING_PUNCTUATION or doc[end - 1].dep_ == "cc"):
        end -= 1
    content_end = doc[end - 1].idx + len(doc[end - 1]) if end > 0 else 0
    if content_end <= speech.content_start:
        return None
    segments = [(start, min(stop, content_end)) for start, stop in speech.segments if start < content_end]
    return replace(speech, content_end=content_end, segments=segments)


# Punctuation that joins two clauses, and belongs to neither.
JOINING_PUNCTUATION = frozenset(",;:—–-")


class _Found(NamedTuple):
    """A quote or reported claim found, before its speaker is resolved."""

    kind: str  # a claim kind, or "unspoken": what a document found or someone believes, no quote
    cue: str | None  # as written: "said", "according to"
    subject: Span | None  # the written speaker mention
    segments: list[tuple[int, int]]  # the content's parts; one for a claim in one piece
    # an embedded tweet: signed apart from the story, so its author is no antecedent
    # of the story's pronouns
    embedded: bool = False
    # attributed to no one on purpose ("was described as '...'"): no speaker is guessed
    unnamed: bool = False


def _quote_claim(doc: Doc, text: str, resolver: SpeakerResolver, found: _Found) -> Claim:
    start, end = found.segments[0][0], found.segments[-1][1]
    subject = found.subject
    context = _sentences(doc, start, end)
    speaker = None
    document = subject is not None and is_document_noun(subject.root)
    if subject is not None:
        speaker = resolver.resolve(subject)
        if speaker is not None and not found.embedded:
            resolver.remember(speaker, subject)
    elif found.kind == "direct_quote" and not found.unnamed:
        # a quote standing alone continues the previous speaker, as news writing does
        speaker = resolver.last_speaker(start, within=1500)
    content = " ".join(text[s:e] for s, e in found.segments)
    # "According to the union, ...": the organization is the claim's source as well as
    # its speaker; a person "according to" whom something is true is only its speaker
    cites_speaker = document or found.cue == "according to" and speaker is not None and speaker.kind == "organization"
    citations = find_citations(context, resolver, None if cites_speaker else speaker)
    # an unnamed spokesperson's organization, and each of two people who speak together,
    # is a source of what they say
    for represented in reversed(resolver.represented(speaker) if speaker is not None else []):
        if represented.name not in citations:
            citations.insert(0, represented.name)
    return Claim(
        kind=found.kind,
        text=context.text.strip(),
        content=content,
        char_start=start,
        char_end=end,
        speaker=speaker,
        speaker_mention=subject.text if subject is not None else None,
        speaker_start=subject.start_char if subject is not None else None,
        speaker_end=subject.end_char if subject is not None else None,
        cue=found.cue,
        hedge=find_hedge(content) or (find_hedge(found.cue) if found.cue else None),
        quantities=[q for s, e in found.segments for q in _quantities(text[s:e], s)],
        # "a report by X found ...": X speaks through the report and is still its cited source
        citations=citations,
        segments=list(found.segments) if len(found.segments) > 1 else [],
    )


def _main_statement_negated(doc: Doc, claim: Claim) -> bool:
    """``polarity.negated`` over the claim's parts (a quotation's pieces, else its words)."""
    parts = (doc.char_span(start, end, alignment_mode="expand")
             for start, end in claim.segments or [(claim.char_start, claim.char_end)])
    return any(negated(part) for part in parts if part is not None and len(part))


def _repeated_as_pull_quotes(doc: Doc, text: str, claims: list[Claim],
                             pulled_from: dict[int, list[tuple[int, int]]]) -> list[Claim]:
    """A quotation the page repeats as a pull quote, without marks (see ``pull_quotes``):
    the same words of the same speaker where the repeat stands. ``pulled_from``: the
    repeats already found, by the start of the quoted part (an embedded tweet's are not)."""
    repeats = []
    for claim in claims:
        if claim.kind != "direct_quote":
            continue
        for start, end in claim.segments or [(claim.char_start, claim.char_end)]:
            found = pulled_from[start] if start in pulled_from else pull_quotes(text, start, end)
            repeats += [
                replace(claim, text=_sentences(doc, s, e).text.strip(), content=text[s:e], char_start=s, char_end=e,
                        quantities=_quantities(text[s:e], s), segments=[])
                for s, e in found
            ]
    return repeats


def _end(token) -> int:
    return token.idx + len(token)


def _sentence_claims(doc: Doc, text: str, resolver: SpeakerResolver, claims: list[Claim], quoted,
                     attributions) -> list[Claim]:
    """Statistics and assertions from sentences that no quote claim covers; a figure in a
    quote's attribution (``attributions``) makes no statistic."""
    # claims overlap (a quote inside someone's reported words), and a membership test
    # looks at one range only
    covered = CharRanges(_merged([(c.char_start, c.char_end) for c in claims]))
    out = []
    for sent in doc.sents:
        words = [t for t in sent if not (t.is_space or t.is_quote or quoted(t.idx) and t.is_punct)]
        if not words:
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        if quoted.holds(start, end) and not _whole_line(text, quoted.around(start)):
            # quoted words are the quote's to claim (a sentence between two quotes is
            # not), unless they are all the line says: a headline or a record quoting
            # a statement whose speaker it leaves out ('Global growth to stay weak')
            continue
        # a quoted title or term that opens or closes the sentence keeps its marks
        # ("Cosmos" returns to Fox); a quote that is a claim of its own stays apart
        first, last = quoted.around(start), quoted.around(end - 1)
        if first is not None and first[0] >= sent.start_char and not covered(start):
            start = first[0]
        if last is not None and last[1] <= sent.end_char and not covered(end - 1) and text[last[1] - 1] in ALL_MARKS:
            end = last[1]  # (a quote left open, as a feed cuts one short, ends with its words)
        # ... and what the sentence says outside such a quote ('"We lost," Lee said after
        # the 2-1 defeat.') starts after it or ends before it, never inside its marks
        outside_words = [t for t in words if not covered(t.idx) and not t.is_punct]
        if not outside_words:
            continue
        if covered(start):
            start = outside_words[0].idx
        if covered(end - 1):
            end = _end(outside_words[-1])
        outside = [
            q for q in _quantities(text[start:end], start)
            if not covered(offsets(q)[0]) and not quoted(offsets(q)[0]) and not attributions(offsets(q)[0])
        ]
        if not is_checkable(sent) or _only_attribution(words, attributions):
            continue
        if outside:
            kind = "statistic"
        elif not any(covered(t.idx) for t in sent):
            kind = "assertion"
        else:
            continue
        content = text[start:end]
        out.append(
            Claim(
                kind=kind,
                text=content,
                content=content,
                char_start=start,
                char_end=end,
                hedge=find_hedge(content),
                quantities=outside,
                citations=find_citations(sent, resolver),
            )
        )
    return out


def _only_attribution(words: list[Token], attributions: CharRanges) -> bool:
    """ "an officer shouted.", "Lee was asked.": what the sentence splitter cut off after
    a quote ending in "!" or "?" is the quote's attribution alone (its speaker, its verb
    of saying and its auxiliaries, an adverb), no claim of its own."""
    return all(t.is_punct or attributions(t.idx) or t.pos_ in ("ADV", "PART", "AUX") or is_reporting_verb(t)
               for t in words)


def _whole_line(text: str, quote: tuple[int, int]) -> bool:
    """Whether the quotation ``quote`` (marks included) is all its line holds, but a stop."""
    start, end = quote
    return not text[paragraph_start(text, start) : start].strip() and not text[end : paragraph_end(text, end)].strip(" \t.!?")


def _quantities(text: str, offset: int) -> list[Quantity]:
    found = find_quantities(text)
    for q in found:
        if q.start is not None and q.end is not None:
            q.start += offset
            q.end += offset
    return found


def _sentences(doc: Doc, start: int, end: int) -> Span:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return doc[0:0]
    return doc[span[0].sent.start : span[-1].sent.end]
