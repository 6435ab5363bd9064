"""Cited sources: outlets and organizations a claim rests on."""
from claimkb.ingest.extract import extract_claims


def test_according_to_an_outlet_is_cited_and_inner_cue_keeps_the_speaker(nlp):
    text = "According to Infosecurity Magazine, the NCMEC believes the reports will be limited by encryption."
    extraction = extract_claims(nlp(text))
    claim = next(c for c in extraction.claims if c.kind == "indirect_quote")
    assert claim.cue == "believes"
    assert claim.content == "the reports will be limited by encryption"
    assert "Infosecurity Magazine" in claim.citations
    assert "Infosecurity Magazine" in extraction.citations


def test_according_to_a_person_is_a_speaker_not_a_citation(nlp):
    text = "Beth Williams spoke on Monday. According to Williams, sexual blackmail is reported daily."
    extraction = extract_claims(nlp(text))
    claim = next(c for c in extraction.claims if c.cue == "according to")
    assert claim.speaker.name == "Beth Williams"
    assert claim.citations == []


def test_organization_reporting_figures_is_the_source_of_a_reported_statistic(nlp):
    text = (
        "Last year, the National Center for Missing & Exploited Children (NCMEC) received "
        "16.9 million reports of suspected abuse, said Beth Williams."
    )
    claim = next(c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote")
    assert claim.speaker.name == "Beth Williams"
    assert claim.citations == ["National Center for Missing & Exploited Children"]
    assert [q.value for q in claim.quantities] == [16_900_000]


def test_report_by_an_organization(nlp):
    text = "A report by the World Health Organization found that obesity rates had tripled since 1975."
    extraction = extract_claims(nlp(text))
    assert "World Health Organization" in extraction.citations


def test_data_from_an_organization(nlp):
    text = "Data from Statistics Canada shows that unemployment rose to 7.5 per cent in March."
    extraction = extract_claims(nlp(text))
    claim = next(c for c in extraction.claims if "7.5" in c.content)
    assert "Statistics Canada" in claim.citations
