"""Is a claim's main statement negated? Read from the parse, once, at ingest.

Comparing two copies word by word (``claimkb.match.compare``) finds a "not" in one that
the other lacks, but not what the "not" is about: in "Keibler married some guy who
isn't Clooney" it is in a relative clause, in "792p, not 900p" it sets an alternative
aside, and neither copy denies what the other asserts. The parse says which clause a
negation belongs to, so a claim's **main statement** is negated when one of its main
clauses is:

- the main clause is the root of the claim's words; when that is a verb of saying with
  a clause it reports ("Lee says the ferry will not run"), the reported clause is, as
  the claim is what was said; the clauses joined to these by "and" or "but" ("checked
  into rehab, but the clinic has not been approved") are main clauses too;
- a main clause is negated by "not", "n't" or "never" on its verb, or by a subject,
  object or complement that is a negative pronoun or carries "no" ("Nobody saw the
  fire", "the mill has no workers left"); a verbless headline by a "no" on its noun
  ("No deal for the pier").

A negation in a relative, adverbial or subordinate clause, on a noun ("to Not George
Clooney") or in a headline's label before a colon ("No second place: Tellan wins")
leaves the main statement asserted. A claim of several sentences is negated when any
of them is.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claimkb.ingest.extract.cues import is_reporting_verb
from claimkb.ingest.extract.nlp import load_pipeline, parseable

NEGATIVE_PRONOUNS = frozenset({"nobody", "nothing", "none", "noone", "nowhere", "neither"})
NEGATING_ADVERBS = frozenset({"never"})
# The words of a clause that a negative pronoun or a "no" negates the clause through.
ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "expl"})
# The words ``negated`` reads a negation from, as a text may write them: a text with
# none of them has no negated clause, and need not be parsed to know it.
NEGATION_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(NEGATIVE_PRONOUNS | NEGATING_ADVERBS | {"not", "cannot", "no", "nor"})) + r")\b|n['’]t\b",
    re.IGNORECASE)
# A verb of saying reports a clause, which may report another ("says officials admit
# the ferry will not run"): the chain is followed this far.
MAX_REPORTED_DEPTH = 3


def negated(span: Span) -> bool:
    """Whether the main statement of ``span`` (a claim's words) is negated; an empty
    span states nothing."""
    if not len(span):
        return False
    doc = span.doc
    parts = [doc[max(sent.start, span.start):min(sent.end, span.end)] for sent in _sentences(span)]
    # a part closed by a colon labels or leads into the next ("No second place: Tellan
    # wins"), which states the claim
    stated = [part for part in parts[:-1] if not _ends_with_colon(part)] + parts[-1:]
    return any(_part_negated(part) for part in stated)


def _ends_with_colon(part: Span) -> bool:
    words = [t for t in part if not t.is_space]
    return bool(words) and words[-1].text == ":"


def _sentences(span: Span) -> list[Span]:
    """The sentences ``span`` touches, found from its first one on (not by a walk over
    every sentence of the doc, once per claim)."""
    sentences = [span.doc[span.start].sent]
    while sentences[-1].end < span.end:
        sentences.append(span.doc[sentences[-1].end].sent)
    return sentences


def _part_negated(part: Span) -> bool:
    if not len(part):
        return False
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in part)
    return any(_clause_negated(clause, verbless) for clause in _main_clauses(part))


def _main_clauses(part: Span) -> list[Token]:
    chain = [part.root]
    for _ in range(MAX_REPORTED_DEPTH):
        verb = chain[-1]
        reported = [c for c in verb.children if c.dep_ == "ccomp" and part.start <= c.i < part.end]
        if not (reported and is_reporting_verb(verb)):
            break
        chain.append(reported[0])
    # the claim is what was said: the reported clause, and the clauses joined to the chain
    joined = [c for verb in chain for c in verb.children
              if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and part.start <= c.i < part.end]
    return [chain[-1], *joined]


def _clause_negated(head: Token, verbless: bool) -> bool:
    """The clause of ``head`` (its verb, or the noun of a headline with no verb at all:
    "No deal for the pier", or the noun after its label, which the parser hangs on the
    label as an apposition: "Harbour board: no deal for the pier") is negated. A noun
    with "no" before a headline's verb is a label ("No second place: Tellan wins")."""
    if verbless and head.pos_ in ("NOUN", "PROPN") and any(
            _says_no(noun) for noun in (head, *(c for c in head.children if c.dep_ == "appos"))):
        return True
    for child in head.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in NEGATING_ADVERBS):
            return True
        if (child.dep_ in ARGUMENTS and (child.lower_ in NEGATIVE_PRONOUNS or _says_no(child))
                and not _set_off_by_colon(child, head)):
            return True
    return False


def _set_off_by_colon(word: Token, head: Token) -> bool:
    """A colon between them: a headline's label, which the parser hangs on the verb of
    the statement after it ("No second place: Tellan wins the cup")."""
    low, high = sorted((word.i, head.i))
    return any(t.text == ":" for t in word.doc[low + 1:high])


def _says_no(noun: Token) -> bool:
    return any(d.dep_ == "det" and d.lower_ == "no" for d in noun.children)


def texts_negated(texts: list[str]) -> list[bool]:
    """``negated`` of each text as a claim of its own words (``claimkb compare``'s
    statements, a ``similar`` query). Only a text with a negation word is parsed (with
    ``load_pipeline``): without one no clause of it can be negated."""
    result = [False] * len(texts)
    negating = [k for k, text in enumerate(texts) if NEGATION_WORD.search(text)]
    if negating:
        docs = load_pipeline().pipe(parseable(texts[k]) for k in negating)
        for k, doc in zip(negating, docs):
            result[k] = negated(doc[:])
    return result
