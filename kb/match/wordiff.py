"""The one word diff: what a copy keeps, adds, drops and changes of an earlier text.

``kb.match.compare`` reads its wording evidence off it and the Datasette family
page highlights it, so the words a page marks are the words a link's evidence
names. Words match case-insensitively ("SOCIAL MEDIA" keeps "social media") and
are aligned by longest common subsequence; whatever differs between two kept runs
is one segment, with each side as its text wrote it. A kept run of function words
and punctuation alone between two changes ("requires [that] all [of] civil society"
/ "requires [cooperation from] all [members] of society") joins them into one
change: such words anchor an alignment by chance and split a reworded phrase
into crumbs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel
from spacy.lang.en.stop_words import STOP_WORDS

# Words and numbers with inner punctuation ("4.2", "16,9", "all-too-common",
# "don't") stay whole; other punctuation stands alone.
TOKEN = re.compile(r"\w+(?:[.,'’\-]\w+)*|[^\w\s]")
SAME, ADDED, DROPPED, CHANGED = "same", "added", "dropped", "changed"
TOKENIZED_CACHE = 100_000  # texts kept tokenized: linking diffs one claim against many


@dataclass(frozen=True)
class DiffSegment:
    op: str  # SAME, ADDED, DROPPED or CHANGED
    before: str  # the earlier text's words ("" when added)
    after: str  # the copy's words ("" when dropped)
    space_before: bool  # the segment follows a space in the text it is shown from
    span_a: tuple[int, int]  # character offsets of ``before`` in the earlier text
    span_b: tuple[int, int]  # character offsets of ``after`` in the copy


def word_diff(original: str, copy: str) -> list[DiffSegment]:
    """``copy`` compared word by word with ``original``, in order."""
    (a, words_a), (b, words_b) = _tokenized(original), _tokenized(copy)
    segments = []
    for op, i1, i2, j1, j2 in _joined(_opcodes(words_a, words_b), words_a):
        span_a, span_b = _span(a, i1, i2, len(original)), _span(b, j1, j2, len(copy))
        space = _spaced(a, i1) if op == DROPPED else _spaced(b, j1)
        segments.append(DiffSegment(op, original[slice(*span_a)], copy[slice(*span_b)], space, span_a, span_b))
    return segments


@lru_cache(maxsize=TOKENIZED_CACHE)
def _tokenized(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...]]:
    """(offsets, case-folded words) of the text's tokens."""
    tokens = list(TOKEN.finditer(text))
    return tuple(t.span() for t in tokens), tuple(t.group().casefold() for t in tokens)


def _opcodes(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[str, int, int, int, int]]:
    """Kept runs, and between them one segment for whatever differs."""
    out: list[tuple[str, int, int, int, int]] = []
    for opcode in Indel.opcodes(a, b):
        op, i1, i2, j1, j2 = opcode.tag, opcode.src_start, opcode.src_end, opcode.dest_start, opcode.dest_end
        if op != "equal" and out and out[-1][0] != SAME:
            _, i1, _, j1, _ = out.pop()  # a deletion next to an insertion is one change
        if op == "equal":
            out.append((SAME, i1, i2, j1, j2))
        else:
            out.append((CHANGED if i2 > i1 and j2 > j1 else DROPPED if i2 > i1 else ADDED, i1, i2, j1, j2))
    return out


def _joined(opcodes: list[tuple[str, int, int, int, int]], words_a: tuple[str, ...]) -> list[tuple[str, int, int, int, int]]:
    """Join two changes around a kept run of function words and punctuation."""
    out: list[tuple[str, int, int, int, int]] = []
    for k, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == SAME and 0 < k < len(opcodes) - 1 and all(_is_function(w) for w in words_a[i1:i2]):
            op = CHANGED  # a change on both sides now
        if op != SAME and out and out[-1][0] != SAME:
            _, i1, _, j1, _ = out.pop()
            op = CHANGED if i2 > i1 and j2 > j1 else DROPPED if i2 > i1 else ADDED
        out.append((op, i1, i2, j1, j2))
    return out


def _is_function(word: str) -> bool:
    return word in STOP_WORDS or not word[0].isalnum()


def _span(tokens: tuple[tuple[int, int], ...], start: int, end: int, length: int) -> tuple[int, int]:
    if end > start:
        return tokens[start][0], tokens[end - 1][1]
    at = tokens[start][0] if start < len(tokens) else length
    return at, at


def _spaced(tokens: tuple[tuple[int, int], ...], index: int) -> bool:
    return 0 < index < len(tokens) and tokens[index][0] > tokens[index - 1][1]
