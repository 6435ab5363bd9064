"""Lines that point to another story: "READ MORE: Budget won't balance until 2040,
Finance Department says". News pages interleave such links with the article; the
headline after the label is another article's, so nothing in it is a claim here.
"""
from __future__ import annotations

import re

# A label a news page puts before a link to another story, then a colon.
LINK_LABEL = re.compile(r"(?:read more|related|watch|listen|also read|read also|see also)\s*:", re.IGNORECASE)


def link_line_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that opens with a link label."""
    ranges = []
    for line in re.finditer(r"[^\n]+", text):
        body = line.group().lstrip()
        if LINK_LABEL.match(body):
            ranges.append((line.start(), line.end()))
    return ranges
