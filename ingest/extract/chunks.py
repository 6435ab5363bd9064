"""Cutting a long text into pieces for extraction, at paragraph breaks where possible.

Extraction time grows faster than the length of an article (speaker and citation
lookups scan the whole document's entities), and spaCy refuses texts over its
``max_length`` (1,000,000 characters), so a text longer than LONG_TEXT is parsed and
extracted piece by piece. LONG_TEXT is longer than nearly every news article (about
8,000 words) and far under ``max_length``. A pronoun at the start of a piece does not
reach a speaker named in the piece before; nothing else changes, because sentences
never span a line break (``nlp.paragraph_sentences``).
"""
from __future__ import annotations

import re

LONG_TEXT = 50_000  # characters
# Where a piece may end, best first: a paragraph break, a line break, the end of a
# sentence, any white space; failing all, the piece is cut at the limit.
CUT_POINTS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"[.!?][\"'”’)]?\s"),
    re.compile(r"\s"),
)


def split_text(text: str, limit: int = LONG_TEXT) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters that join back to it exactly,
    each cut after the last match of the best CUT_POINTS pattern in its second half."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start + limit // 2 : start + limit]
        cut = limit
        for pattern in CUT_POINTS:
            ends = [match.end() for match in pattern.finditer(window)]
            if ends:
                cut = limit // 2 + ends[-1]
                break
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces
