"""Quotation marks that quote no statement: titles, nicknames, scare quotes and short
borrowed phrases are quoted terms, not claims. Every sentence here is written for the
test."""
import pytest

from claimkb.ingest.extract import extract_claims


def quote_claims(extraction):
    return [c for c in extraction.claims if c.kind == "direct_quote"]


@pytest.mark.parametrize(
    "text, term, kind",
    [
        # scare quotes around a word or two, no speaker
        ('The so-called "experts" met again on Sunday.', "experts", "term"),
        ('The council has "never once" asked residents what they want.', "never once", "term"),
        # a short phrase in narration, while a reporting verb sits elsewhere in the sentence
        ('The bakery keeps a "starter kit" for new staff and says it will hire 40 people.', "starter kit", "term"),
        # titles of works, with or without a cue nearby
        ('Hundreds queued to watch "The Long Winter Road" at the festival.', "The Long Winter Road", "title"),
        ('The minister said as much on "Sunday Morning With Dana Cole."', "Sunday Morning With Dana Cole.", "title"),
        ('Her new book, titled "Salt", sold out in a week.', "Salt", "title"),
        # a short phrase a verb reports but no one is written as saying
        ('Below the snow line, in what is called "slush season", the trails close.', "slush season", "term"),
        ('Rosa Linden spoke first.\n\nThe toll was later described as "steep" in a council memo.', "steep", "term"),
        # slogans, and words a campaign, a sign or a banner carries, however long
        ('The ministry launched its road campaign with the slogan "Slow down. Arrive alive." on Monday.',
         "Slow down. Arrive alive.", "title"),
        ('The tagline? "Our river, our future."\n\nIt ran on every bus.', "Our river, our future.", "title"),
        ('Critics mocked the city\'s "Clean streets start with you." poster campaign all week.',
         "Clean streets start with you.", "title"),
        ('Protesters carried a banner reading "The harbour is not for sale" past the town hall.',
         "The harbour is not for sale", "title"),
        # a name given to a noun inside what a verb reports: the reform's name, not the
        # speaker's words (quoted words that name a noun, not words the speaker said)
        ('Rosa Linden said the "reform" plan was dead.', "reform", "term"),
        ('The blogger adds one more "Harbour" spoiler every week.', "Harbour", "term"),
        # a short phrase in a clause that modifies what the verb reports (an adverbial or
        # relative clause): a label or a name, not the words the source reported
        ('The agency reported that rainfall hit 90 mm, earning the month a rating of "very wet" in its records.',
         "very wet", "term"),
        ('The singer agreed to return the fees she earned from the brand "Glowup" last year.', "Glowup", "term"),
        # nicknames
        ('Tom "The Hammer" Ruiz won the title fight in Reno.', "The Hammer", "nickname"),
        ('The striker, nicknamed "Lightning", scored twice on Saturday.', "Lightning", "nickname"),
        # a verb that only names gives a name however it is written, and at four words too
        ('Residents have dubbed the bridge "the road to nowhere."', "the road to nowhere.", "nickname"),
        # a short phrase quoted inside a speaker's own reported words is part of that claim
        ('Critics call the plan a "cash grab" that will hurt families.', "cash grab", "term"),
    ],
)
def test_quoted_words_that_are_not_a_statement_are_terms(nlp, text, term, kind):
    extraction = extract_claims(nlp(text))
    assert all(term not in c.content for c in quote_claims(extraction))
    (found,) = [t for t in extraction.quoted_terms if t.text == term]
    assert found.kind == kind
    assert text[found.char_start : found.char_end] == term


@pytest.mark.parametrize(
    "text, words",
    [
        # a short quote that is all a speaker said
        ('"Never," said Rosa Linden.', "Never,"),
        ('Asked about a second term, Rosa Linden said: "No."', "No."),
        # a short quote inside the clause of the verb that reports it
        ('The ministry described the delays as "deeply regrettable."', "deeply regrettable."),
        ('The ministry expressed "grave concern" over the arrests.', "grave concern"),
        ('Rosa Linden called the new toll a "cash grab."', "cash grab."),
        # a guard: an adjective before the noun is the speaker's judgement, not its name
        ('The retailer reported "highly disappointing" sales for the quarter.', "highly disappointing"),
        # ... also at the end of a paragraph, where the parser may hang the closing mark and
        # the line break on the verb
        ('Rosa Linden said the risk was "extremely low."\n', "extremely low."),
        # four words or more, standing as a sentence
        ('"We will rebuild the pier," Rosa Linden said.', "We will rebuild the pier,"),
        # a campaign's own people speak: the comma hands the words to the attribution
        ('"We will win this seat," campaign manager Dana Holt said.', "We will win this seat,"),
    ],
)
def test_a_speakers_words_stay_claims_however_short(nlp, text, words):
    extraction = extract_claims(nlp(text))
    assert [c.content for c in quote_claims(extraction)] == [words]
    assert extraction.quoted_terms == []


@pytest.mark.parametrize("text, content, speaker", [
    ('"We heard the residents," Okafor said. "They deserve better."',
     "We heard the residents They deserve better.", "Okafor"),
    ('"He had a rifle," the chief said. "He fired twice."', "He had a rifle He fired twice.", "chief"),
])
def test_a_short_sentence_continuing_a_quotation_is_more_of_it(nlp, text, content, speaker):
    extraction = extract_claims(nlp(text))
    (claim,) = quote_claims(extraction)
    assert claim.content == content and claim.speaker.name == speaker
    assert len(claim.segments) == 2 and extraction.quoted_terms == []


@pytest.mark.parametrize("text", [
    # guards, terms before this rule and after: no quotation before it in its paragraph
    # (a sign's words, not speech)
    'Reyes read the sign. "Keep out." It was old.',
    # one word: an exclamation as often as more of the words
    '"We won," Lee said. "Wow."',
])
def test_a_short_quoted_sentence_that_continues_no_quotation_is_a_term(nlp, text):
    extraction = extract_claims(nlp(text))
    assert all(len(c.content.split()) > 1 for c in quote_claims(extraction))
    assert len(extraction.quoted_terms) == 1


def test_a_short_quote_no_one_is_found_to_say_is_a_term(nlp):
    # the parser finds no subject for "asked", and no one spoke before
    extraction = extract_claims(nlp('"Who?" asked several people in the back row.'))
    assert quote_claims(extraction) == []
    assert [(t.text, t.kind) for t in extraction.quoted_terms] == [("Who?", "term")]


def test_a_short_quote_a_speaker_says_stays_a_claim(nlp):
    # a guard, before and after: the same short answer, with its speaker
    extraction = extract_claims(nlp('Rosa Linden was asked if she would run again. "No," she said.'))
    assert [(c.content, c.speaker.name) for c in quote_claims(extraction)] == [("No,", "Rosa Linden")]


def test_a_long_quote_in_title_case_is_not_mistaken_for_a_title(nlp):
    text = '"The Board Is Wrong and it knows it," said Rosa Linden.'
    (claim,) = quote_claims(extract_claims(nlp(text)))
    assert claim.speaker.name == "Rosa Linden"


def test_a_name_given_with_a_naming_verb_is_a_nickname_and_an_evaluation_is_not(nlp):
    from claimkb.ingest.extract import extract_claims

    named = extract_claims(nlp('Drivers call the pass "the Corkscrew" because it bends so often.'))
    assert [(t.text, t.kind) for t in named.quoted_terms] == [("the Corkscrew", "nickname")]
    assert all("Corkscrew" not in c.content or c.kind == "assertion" for c in named.claims)
    voiced = extract_claims(nlp('The mayor called the plan "a disgrace" on Monday.'))
    assert not [t for t in voiced.quoted_terms if t.kind == "nickname"]


def test_the_reported_words_holding_a_short_quoted_phrase_are_one_claim(nlp):
    extraction = extract_claims(nlp('Critics call the plan a "cash grab" that will hurt families.'))
    assert [(c.kind, c.speaker.name) for c in extraction.claims] == [("indirect_quote", "Critics")]
    assert "cash grab" in extraction.claims[0].content
