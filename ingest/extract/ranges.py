"""Character ranges of a text with a fast membership test: quotes, link lines, questions."""
from __future__ import annotations

import bisect
from collections.abc import Iterable


class CharRanges:
    """Sorted, non-overlapping character ranges; ``ranges(char)`` says whether ``char``
    falls inside one."""

    def __init__(self, ranges: Iterable[tuple[int, int]]):
        self.ranges = sorted(ranges)
        self._starts = [r[0] for r in self.ranges]

    def __call__(self, char: int) -> bool:
        i = bisect.bisect_right(self._starts, char) - 1
        return i >= 0 and char < self.ranges[i][1]
