"""Unquoted sentences that make a checkable claim.

A sentence is checkable when it states a number, a comparison or superlative, a
cause or effect, a change, or a prediction; narrative filler ("Speaking yesterday
at an event, ...") is not. Sentences with numbers are statistics.
"""
from __future__ import annotations

from spacy.tokens import Span

from claimkb.ingest.extract.hedges import find_hedge

COMPARISON_TAGS = frozenset({"JJR", "JJS", "RBR", "RBS"})
# Causes, effects and changes: words whose claim can be checked against the world.
CAUSAL_LEMMAS = frozenset(
    """
    because cause lead result due trigger drive prevent contribute responsible
    increase decrease rise fall drop double triple halve grow decline surge plunge
    reduce boost cut raise lower exceed outnumber outpace worsen improve
    """.split()
)
MIN_WORDS = 6


def is_checkable(sent: Span) -> bool:
    """Does this sentence assert something a fact-checker could verify?"""
    words = [t for t in sent if t.is_alpha]
    if len(words) < MIN_WORDS or sent.text.rstrip().endswith("?"):
        return False
    if not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in sent):
        return False  # headlines, captions and fragments
    if any(t.tag_ in COMPARISON_TAGS and not _is_amount_word(t) for t in sent):
        return True
    if any(t.lemma_.lower() in CAUSAL_LEMMAS for t in sent):
        return True
    return find_hedge(sent.text) is not None


def _is_amount_word(token) -> bool:
    """ "more time", "less money": an amount, not a comparison, unless followed by "than"."""
    following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    return token.lower_ in ("more", "less", "fewer", "most") and following != "than"
