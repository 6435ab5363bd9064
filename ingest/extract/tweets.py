"""Tweets embedded in a news page: the tweet's words are its author's, a direct quote.

A page's text keeps an embedded tweet as Twitter's embed markup renders it: the
tweet's words, its links, then "— Display Name (@handle) Month Day, Year", all in
one paragraph. The display name is the speaker; the words before the links are
what was said.
"""
from __future__ import annotations

import re
from typing import NamedTuple

# "— BC Hydro (@bchydro) December 22, 2018" closing its paragraph. A display name
# is at most 50 characters and a handle at most 15 (Twitter's limits).
SIGNATURE = re.compile(
    r"\s*[—–-]\s*(?P<name>[^\s()@—–][^()@\n—–]{0,49}?)\s*\(@\w{1,15}\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$"
)
# Links closing the tweet's words ("... days. #BCStormpic.twitter.com/rg2GLQvMx7",
# "... Chicken. https://t.co/oI5iCg4bU3"); the page glues a hashtag to a picture link.
TRAILING_LINKS = re.compile(r"(?:\s*(?:#\w+?)?(?:pic\.twitter\.com/\w+|https?://\S+))+\s*$")


class EmbeddedTweet(NamedTuple):
    content: tuple[int, int]  # the tweet's words
    author: tuple[int, int]  # its display name


def find_embedded_tweets(text: str) -> list[EmbeddedTweet]:
    """Every paragraph of ``text`` that is an embedded tweet, in order."""
    found = []
    for paragraph in re.finditer(r"[^\n]+", text):
        signature = SIGNATURE.search(paragraph.group())
        if signature is None:
            continue
        words = paragraph.group()[: signature.start()]
        links = TRAILING_LINKS.search(words)
        end = links.start() if links is not None else len(words.rstrip())
        start = len(words) - len(words.lstrip())
        if end <= start:
            continue
        base = paragraph.start()
        found.append(EmbeddedTweet((base + start, base + end),
                                   (base + signature.start("name"), base + signature.end("name"))))
    return found
