"""The two seed articles: an Infosecurity Magazine report and its poor machine-
translated re-publication. Expectations are read off the articles themselves."""
from pathlib import Path

import pytest
from conftest import REPO, SEEDS

from claimkb.ingest.extract import extract_claims

SHARED_SEEDS = REPO.parent / "shared" / "seeds"
NCMEC = "National Center for Missing & Exploited Children"


def seed_text(name: str) -> str:
    """The seed's body, from data/seeds (front matter stripped) or shared/seeds."""
    for folder in (SEEDS, SHARED_SEEDS):
        path = Path(folder) / name
        if path.exists():
            text = path.read_text(encoding="utf-8")
            if text.startswith("---\n"):
                text = text.split("\n---\n", 1)[1].lstrip("\n")
            return text
    pytest.skip(f"seed {name} is absent from {SEEDS} and {SHARED_SEEDS}")


@pytest.fixture(scope="module")
def original(nlp):
    return extract_claims(nlp(seed_text("infosecurity-magazine.txt")))


@pytest.fixture(scope="module")
def republished(nlp):
    return extract_claims(nlp(seed_text("republished-translation.txt")))


def quote_claims(extraction):
    return [c for c in extraction.claims if c.kind in ("direct_quote", "indirect_quote")]


def claim_containing(extraction, words):
    # the original uses non-breaking spaces between some words
    matches = [c for c in extraction.claims if words in " ".join(c.content.split())]
    assert matches, f"no claim contains {words!r}"
    return matches[0]


@pytest.mark.parametrize("which", ["original", "republished"])
def test_williams_quotes_resolve_to_beth_williams(which, request):
    extraction = request.getfixturevalue(which)
    williams = [c for c in quote_claims(extraction) if c.speaker_mention and "Williams" in c.speaker_mention]
    assert len(williams) >= 4
    for claim in williams:
        assert claim.speaker.name == "Beth Williams"
        assert claim.speaker.title == "Assistant Attorney General"
    speakers = {id(c.speaker) for c in williams}
    assert len(speakers) == 1  # one shared Speaker object


def test_original_pronoun_claims_are_williams(original):
    she = [c for c in quote_claims(original) if c.speaker_mention == "She"]
    assert len(she) >= 2
    assert {c.speaker.name for c in she} == {"Beth Williams"}


def test_republished_he_prosecutor_and_glued_said_are_williams(republished):
    he = claim_containing(republished, "online sexual exploitation / blackmail")
    assert he.speaker_mention == "He"
    prosecutor = claim_containing(republished, "one form of exploitation / abuse can lead to another form")
    assert prosecutor.speaker_mention == "the Prosecutor"
    glued = claim_containing(republished, "in the virtual world, often lead to abuse in the real world")
    assert glued.kind == "direct_quote"
    assert glued.content.endswith("further exploitation")  # the glued "Said Williams" is not quoted
    assert glued.speaker_mention == "Williams"
    for claim in (he, prosecutor, glued):
        assert claim.speaker.name == "Beth Williams"


@pytest.mark.parametrize(
    "which, figure, words",
    [
        ("original", "16.9 million", "16.9 million reports"),
        ("republished", "16,9 million", "16,9 million reports"),
    ],
)
def test_ncmec_report_counts_carry_quantities(which, figure, words, request):
    claim = claim_containing(request.getfixturevalue(which), words)
    values = {q.text: q.value for q in claim.quantities}
    assert values[figure] == 16_900_000
    assert NCMEC in claim.citations


@pytest.mark.parametrize("which, words", [("original", "over 69 million"), ("republished", "more than 69 million")])
def test_photo_counts_carry_qualified_quantities(which, words, request):
    claim = claim_containing(request.getfixturevalue(which), words)
    (quantity,) = [q for q in claim.quantities if " ".join(q.text.split()) == words]
    assert quantity.value == 69_000_000
    assert quantity.qualifier in ("over", "more than")
    text = seed_text("infosecurity-magazine.txt" if which == "original" else "republished-translation.txt")
    assert " ".join(text[quantity.start : quantity.end].split()) == words


def test_organization_estimate_is_an_indirect_claim_with_hedge(original):
    claim = claim_containing(original, "more than half of its CyberTipline reports will vanish")
    assert claim.kind == "indirect_quote"
    assert claim.cue == "estimates"
    assert claim.speaker.name == NCMEC
    assert "NCMEC" in claim.speaker.aliases
    assert claim.hedge is not None
    (half,) = [q for q in claim.quantities if " ".join(q.text.split()) == "more than half"]
    assert half.value == 0.5


def test_citations_name_ncmec_and_infosecurity_magazine(original, republished):
    assert NCMEC in original.citations
    assert NCMEC in republished.citations
    assert "Infosecurity Magazine" in republished.citations
    believes = claim_containing(republished, "the reports about online child exploitation will be limited")
    assert believes.speaker.name == NCMEC
    assert "Infosecurity Magazine" in believes.citations


def test_offsets_index_the_article_text(original, republished):
    for name, extraction in (("infosecurity-magazine.txt", original), ("republished-translation.txt", republished)):
        text = seed_text(name)
        for claim in extraction.claims:
            # a quotation in parts: its content is the parts joined with a space
            parts = claim.segments or [(claim.char_start, claim.char_end)]
            assert " ".join(text[s:e] for s, e in parts) == claim.content
            assert (claim.char_start, claim.char_end) == (parts[0][0], parts[-1][1])
            if claim.speaker_start is not None:
                assert text[claim.speaker_start : claim.speaker_end] == claim.speaker_mention
