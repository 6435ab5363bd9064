"""The records that flow from readers through extraction into the knowledge base.

Readers produce ``ArticleRecord`` and ``ClaimReviewRecord`` (or ``InputError`` for
input they cannot use);
extraction turns an article's text into ``Claim`` objects that carry their
``Speaker``, ``Quantity`` and citation details. ``kb.store`` writes them.
All character offsets index into ``ArticleRecord.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from claimkb.errors import ClaimkbError

CLAIM_KINDS = ("direct_quote", "indirect_quote", "statistic", "assertion")
SPEAKER_KINDS = ("person", "organization")


@dataclass
class ArticleRecord:
    """One article as read from an input, before extraction."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 text
    language: str | None = None
    source: str = ""  # where it came from, for messages: "feed.xml", "a.jsonl:3"
    # What was read but not kept, for messages: '"published": '2024-13-45' is not a date'.
    warnings: list[str] = field(default_factory=list)


@dataclass
class ClaimReviewRecord:
    """One fact-check as published in schema.org ``ClaimReview`` markup, as written."""

    claim_text: str  # claimReviewed
    source: str = ""  # "page.html#claimreview-2", "feed.jsonl:3"
    claimant: str | None = None  # itemReviewed.author
    rating_text: str | None = None  # reviewRating.alternateName, as written
    rating_value: float | None = None  # reviewRating.ratingValue, when a number
    best_rating: float | None = None
    worst_rating: float | None = None
    reviewer: str | None = None  # author: the fact-checker
    url: str | None = None  # the fact-check's own page
    reviewed_at: str | None = None  # datePublished, ISO 8601 text
    language: str | None = None  # inLanguage
    claim_published: str | None = None  # itemReviewed.datePublished
    appearances: list[str] = field(default_factory=list)  # itemReviewed.appearance URLs


class InputError(ClaimkbError):
    """An input that cannot become an article; readers yield it instead of raising,
    so that one bad input never stops the others."""

    def __init__(self, source: str, reason: str):
        super().__init__(reason, source)


@dataclass
class Speaker:
    """A speaker as resolved within one article."""

    name: str  # canonical: "Beth Williams", "National Center for Missing & Exploited Children"
    kind: str = "person"  # one of SPEAKER_KINDS
    title: str | None = None  # "Assistant Attorney General"
    aliases: list[str] = field(default_factory=list)  # other names seen: "NCMEC", "Williams"


@dataclass
class Quantity:
    text: str  # as written: "16,9 million"
    value: float | None  # 16900000.0
    unit: str | None = None  # "percent", "USD", "reports", ...
    qualifier: str | None = None  # "over", "more than", "about", ...
    start: int | None = None  # offsets of ``text`` in the article
    end: int | None = None
    high: float | None = None  # top of a range: "between 10 and 20" has value 10, high 20
    # The place of the last digit written, scale applied: 100000.0 for "16.9 million",
    # 0.01 for "16.90"; None for words and shares ("twelve", "half"), read as exact.
    precision: float | None = None


@dataclass
class Claim:
    kind: str  # one of CLAIM_KINDS
    text: str  # the claim as a readable sentence
    content: str  # the quoted or reported content alone
    char_start: int  # offsets of ``content`` in the article text
    char_end: int
    speaker: Speaker | None = None
    speaker_mention: str | None = None  # as written: "she", "Williams", "the Prosecutor"
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None  # "said", "according to", "warned that"
    hedge: str | None = None  # "may", "estimates", "will"
    quantities: list[Quantity] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)  # sources the claim cites: "NCMEC"
    # The parts of a quotation the text interrupts ("The law," she said, "is clear.")
    # or that runs over paragraphs, as offsets; ``content`` is them joined with a
    # space. Empty for a claim in one piece.
    segments: list[tuple[int, int]] = field(default_factory=list)
    # Whether the claim's main statement is negated, by the parse
    # (``claimkb.ingest.extract.polarity``); None when it was not parsed.
    negated: bool | None = None


QUOTED_TERM_KINDS = ("title", "nickname", "term")


@dataclass
class QuotedTerm:
    """Words in quotation marks that quote no statement: a title, a nickname or a
    scare-quoted term."""

    text: str
    kind: str  # one of QUOTED_TERM_KINDS
    char_start: int  # offsets of ``text`` (without the marks) in the article text
    char_end: int


@dataclass
class Extraction:
    """Everything extracted from one article."""

    claims: list[Claim] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)  # article-level: "Infosecurity Magazine"
    quoted_terms: list[QuotedTerm] = field(default_factory=list)
