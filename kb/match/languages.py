"""Which claims the matcher can judge: both tiers read English.

The same-claim model's weights were fitted on English pairs, its cue words (negations,
hedges, number words) are English, and the dense tier's all-MiniLM-L6-v2 is an English
model: for two unrelated sentences in Norwegian and Danish, or in Russian, it gives
cosines as high as two copies', and the calibrated score follows. So a claim of an
article in another language is linked only to a copy of it word for word
(``same_words``), which needs no reading; ``compare`` applies the same rule to a
statement written in another script than Latin, and ``compare_texts`` to a statement
whose words plainly show another language.

An article's language is the one its text plainly shows (``articles.text_language``,
``claimkb.ingest.extract.language.text_language``), else the one it declares; an article
that shows and declares none is read as English, as most of what claimkb ingests is.
"""
from __future__ import annotations

from functools import lru_cache

from claimkb.ingest.extract.language import declared_language, text_language
from claimkb.match.features import TOKEN_RE

MATCHER_LANGUAGE = "en"


def article_language(declared: str | None, shown: str | None) -> str | None:
    """An article's language: what its text shows, else what it declares ("en-GB" is "en")."""
    return shown or declared_language(declared)


@lru_cache(maxsize=1024)  # asked once a claim at link time; articles share a few language tags
def matcher_reads(declared: str | None, shown: str | None) -> bool:
    """Whether the matcher can judge the claims of an article with these languages."""
    return article_language(declared, shown) in (None, MATCHER_LANGUAGE)


def same_words(a: str, b: str) -> bool:
    """The same words in the same order, case and punctuation aside: a copy in any
    language, which takes no reading to see."""
    return [w.lower() for w in TOKEN_RE.findall(a)] == [w.lower() for w in TOKEN_RE.findall(b)]


def text_read(text: str) -> bool:
    """Whether the matcher reads a statement given on its own: unless its words plainly
    show another language (a long enough text; see ``text_language``)."""
    return matcher_reads(None, text_language(text))


def can_judge(a_read: bool, b_read: bool, a_text: str, b_text: str) -> bool:
    """Whether the matcher may call two claims the same claim: both in a language it
    reads (``matcher_reads``), or the same words in the same order."""
    return a_read and b_read or same_words(a_text, b_text)
