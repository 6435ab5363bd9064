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
        return self.around(char) is not None

    def around(self, char: int) -> tuple[int, int] | None:
        """The range ``char`` falls inside, if any."""
        i = bisect.bisect_right(self._starts, char) - 1
        return self.ranges[i] if i >= 0 and char < self.ranges[i][1] else None

    def holds(self, start: int, end: int) -> bool:
        """Whether the characters ``start`` to ``end`` (exclusive) all fall inside one range."""
        found = self.around(start)
        return found is not None and end <= found[1]
