"""Cheap per-claim features for comparing claims: computed once per claim, no spaCy,
so that ~1M claims take minutes. ``kb.compare`` works on pairs of these.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ingest.hedges import FORMS as HEDGE_FORMS
from ingest.hedges import find_hedge, hedge_strength
from ingest.quantities import find_quantities, looks_title_cased
from ingest.records import Quantity

# Words, numbers and contractions; hyphens and dashes split ("end-to-end").
TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
NEGATION_WORDS = frozenset(
    "not no never none nobody nothing neither nor without cannot n't".split()
)
# Quoted spans: straight, curly and guillemet quotes, at least two words inside.
QUOTED_RE = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")
SHINGLE_SIZE = 4
HAS_DIGIT = re.compile(r"\d").search
# Words that carry no claim but sit in stop lists' blind spot for news.
NEWS_FILLER = frozenset("said says say told according also added".split())
QUOTE_KINDS = ("direct_quote",)


@dataclass
class ClaimFeatures:
    text: str
    tokens: list[str]  # lower-cased words as written, in order
    content: list[str]  # stemmed content words, in order (no stop words, no numbers)
    content_set: frozenset[str]
    shingles: frozenset[str]  # character 4-grams of the normalized text without numbers
    quantities: list[Quantity]
    hedge: str | None
    hedge_strength: float
    negations: tuple[str, ...]  # negation cues in order: ("not",), ("never", "no")
    entities: frozenset[str]  # stems of capitalized non-initial words and acronyms
    quoted: list[str]  # quoted spans as written (the whole text for a direct quote)
    quoted_content: frozenset[str]  # the stemmed content words inside them
    speaker: str | None = None
    kind: str | None = None
    content_spans: list[tuple[int, int]] = field(default_factory=list)  # offsets of ``content`` words


def claim_features(text: str, speaker: str | None = None, kind: str | None = None) -> ClaimFeatures:
    """Features of one claim; ``kind`` is a ``CLAIM_KINDS`` value when known."""
    words = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    tokens = [w.lower() for w, _, _ in words]
    title_cased = looks_title_cased(text)
    quantities = find_quantities(text)
    content, spans, entities = [], [], set()
    for index, (word, start, end) in enumerate(words):
        lower = tokens[index]
        # Figures ("million", "half") and hedges are compared on their own terms.
        if not _is_content(lower) or any(q.start <= start < q.end for q in quantities):
            continue
        stemmed = stem(lower)
        content.append(stemmed)
        spans.append((start, end))
        if _is_entity_like(word, text, start, title_cased):
            entities.add(stemmed)
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
        tokens=tokens,
        content=content,
        content_set=frozenset(content),
        shingles=_shingles(" ".join(t for t in tokens if not HAS_DIGIT(t))),
        quantities=quantities,
        hedge=hedge,
        hedge_strength=hedge_strength(hedge),
        negations=tuple(filter(None, map(_negation, tokens))),
        entities=frozenset(entities),
        quoted=quoted,
        quoted_content=quoted_content,
        speaker=speaker,
        kind=kind,
        content_spans=spans,
    )


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light suffix stripping, enough to match "reports"/"report", "begins"/"began" not.
    Deliberately conservative: a wrong merge links different claims."""
    if len(word) <= 3:
        return word
    for suffix, replacement, min_stem in (
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
        and not HAS_DIGIT(lower)
        and _negation(lower) is None
        and lower not in HEDGE_FORMS
    )


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
    before = text[:start].rstrip(" \t\"'“‘(")
    return bool(before) and before[-1] not in ".!?\n:"


def _shingles(normalized: str) -> frozenset[str]:
    if len(normalized) <= SHINGLE_SIZE:
        return frozenset([normalized]) if normalized else frozenset()
    return frozenset({normalized[i : i + SHINGLE_SIZE] for i in range(len(normalized) - SHINGLE_SIZE + 1)})
