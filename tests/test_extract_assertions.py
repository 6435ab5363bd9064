"""Unquoted checkable sentences become assertion (or statistic) claims; filler does not."""
import pytest

from claimkb.ingest.extract import extract_claims


def kinds(nlp, text):
    return [(c.kind, c.content) for c in extract_claims(nlp(text)).claims]


@pytest.mark.parametrize(
    "sentence",
    [
        "The new bridge is the longest in the country.",  # superlative
        "Rents are higher in the capital than in any other city.",  # comparison
        "Flooding worsened because the levees failed.",  # cause
        "House prices in the capital will rise sharply next year.",  # prediction
    ],
)
def test_checkable_sentences_are_assertions(nlp, sentence):
    assert kinds(nlp, sentence) == [("assertion", sentence)]


@pytest.mark.parametrize(
    "sentence",
    ["The meeting began in the town hall after lunch.", "She walked her dog slowly through the park."],
)
def test_narrative_filler_is_not_a_claim(nlp, sentence):
    assert kinds(nlp, sentence) == []


def test_a_sentence_stating_a_figure_is_a_statistic(nlp):
    claims = extract_claims(nlp("Unemployment fell to 5 percent in March.")).claims
    assert [c.kind for c in claims] == ["statistic"]
    assert [(q.value, q.unit) for q in claims[0].quantities] == [(5.0, "percent")]
