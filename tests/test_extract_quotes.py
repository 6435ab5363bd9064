"""Direct and indirect quotes, with spans written from the sentences themselves."""
import pytest

from claimkb.ingest.extract import extract_claims
from claimkb.ingest.extract.quotes import as_double_quoted, find_quote_spans


def quotes(nlp, text, kind=None):
    claims = extract_claims(nlp(text)).claims
    return [c for c in claims if c.kind in ((kind,) if kind else ("direct_quote", "indirect_quote"))]


def claims_made(nlp, text):
    """(kind, content) of every claim of ``text``."""
    return [(c.kind, c.content) for c in extract_claims(nlp(text)).claims]


def content_of(text, span):
    return text[span.content_start : span.content_end]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we will win" today.', ["we will win"]),
        ("He said “we will win” today.", ["we will win"]),
        ('She called it "a toll of Marsh\'s making."', ["a toll of Marsh's making."]),
        # a space before the closing mark still closes the quote
        ('"We are lucky to stay connected ", said Lee. "However, it is hard."',
         ["We are lucky to stay connected", "However, it is hard."]),
        # a doubled opening mark is one mark
        ('""This has real consequences," Lee said.', ["This has real consequences,"]),
        # two single marks typed for the closing double one, curly or straight
        ("“We print anything by anyone,’’ says Dana Holt.", ["We print anything by anyone,"]),
        ("The board said the plan \"would not be enough'' for a permit.", ["would not be enough"]),
        # a quote resumed after its attribution with its reopening mark left out
        ('"We won," Lee said. It was never about the money."', ["We won,", "It was never about the money."]),
        # but not after a sentence of narration: the stray mark quotes nothing
        ('"We won," Lee said after a long final match that ended well after midnight on a cold night in March. '
         'Fans cheered."', ["We won,"]),
    ],
)
def test_quote_marks(text, expected):
    assert [content_of(text, s) for s in find_quote_spans(text)] == expected


def test_a_closing_mark_the_parser_takes_for_a_subject_is_no_speaker(nlp):
    # the small parser makes "’’" the subject of "says" beside the speaker
    text = "“We print anything by anyone,’’ says the founder of Harbour Press.\n"
    (quote,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert (quote.content, quote.speaker_mention) == ("We print anything by anyone,", "the founder of Harbour Press")


def test_quote_over_several_paragraphs_is_one_quote_in_parts():
    text = '"The first paragraph goes on.\n\n"The second one ends it," she said.'
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert [text[s:e] for s, e in spans[0].parts] == ["The first paragraph goes on.", "The second one ends it,"]


def test_quote_over_several_paragraphs_is_one_claim_with_segments(nlp):
    text = 'Jo Park spoke on Monday.\n\n"The first paragraph goes on.\n\n"The second one ends it," she said.'
    (claim,) = quotes(nlp, text, "direct_quote")
    assert claim.content == "The first paragraph goes on. The second one ends it,"
    assert [text[s:e] for s, e in claim.segments] == ["The first paragraph goes on.", "The second one ends it,"]
    assert (claim.char_start, claim.char_end) == (claim.segments[0][0], claim.segments[-1][1])
    assert claim.speaker.name == "Jo Park"


def test_quote_broken_over_two_lines_without_a_reopening_mark_is_one_claim(nlp):
    # Sentence-per-line text: the quote opens on one line and closes on the next.
    text = ('The agency gave an update on Monday.\n"The river rose by two metres overnight.\n'
            'Roads to the north are closed," spokeswoman Ana Brill said.\nThe next update is due on Tuesday.')
    (claim,) = quotes(nlp, text, "direct_quote")
    assert claim.content == "The river rose by two metres overnight. Roads to the north are closed,"
    assert claim.speaker.name == "Ana Brill"
    # A line whose first mark closes nothing left open is no continuation.
    assert find_quote_spans('The river rose.\nRoads are closed," she said.') == []


def test_unclosed_quote_ends_before_glued_attribution():
    text = '"Predators meet children online and abuse follows in the real worldSaid Williams.\nNext paragraph.'
    spans = find_quote_spans(text)
    assert content_of(text, spans[0]) == "Predators meet children online and abuse follows in the real world"
    assert text[slice(*spans[0].glued_speaker)] == "Williams"


def test_quote_after_attribution_with_colon(nlp):
    text = 'Speaking yesterday, Mary Lee said: "Addressing this problem requires that all of society work together."'
    (claim,) = quotes(nlp, text)
    assert claim.kind == "direct_quote"
    assert claim.content == "Addressing this problem requires that all of society work together."
    assert text[claim.char_start : claim.char_end] == claim.content
    assert claim.speaker.name == "Mary Lee"
    assert claim.cue == "said"


def test_inverted_attribution_after_quote(nlp):
    text = '"Abuse that begins online often leads to abuse in the real world," said Tom Hardy.'
    (claim,) = quotes(nlp, text)
    assert claim.content == "Abuse that begins online often leads to abuse in the real world,"
    assert claim.speaker_mention == "Tom Hardy"
    assert text[claim.speaker_start : claim.speaker_end] == "Tom Hardy"


def test_interrupted_quote_is_one_claim_with_two_segments(nlp):
    text = 'Ann Berg spoke on Monday. "We are fortunate to have this technology," she said, "but predators use it too."'
    (claim,) = quotes(nlp, text, "direct_quote")
    # the comma closing the first part belongs to the attribution
    assert claim.content == "We are fortunate to have this technology but predators use it too."
    assert [text[s:e] for s, e in claim.segments] == [
        "We are fortunate to have this technology",
        "but predators use it too.",
    ]
    assert claim.char_start == text.index("We are") and claim.char_end == len(text) - 1
    assert claim.speaker.name == "Ann Berg" and claim.speaker_mention == "she"


def test_quote_resumed_after_its_attribution_sentence_is_one_claim(nlp):
    text = 'Ann Berg spoke on Monday. "The bridge is safe," she said. "It will reopen in May."'
    (claim,) = quotes(nlp, text, "direct_quote")
    assert claim.content == "The bridge is safe It will reopen in May."
    assert len(claim.segments) == 2


def test_quote_paragraph_without_attribution_continues_the_quotation_before(nlp):
    text = (
        "Ann Berg spoke on Monday.\n\n"
        '"The bridge is safe for every car and every truck," she said.\n\n'
        '"It will reopen in May, as the council promised last year."\n\n'
        '"We will see," said Tom Hale, who runs the ferry.'
    )
    claims = quotes(nlp, text, "direct_quote")
    assert [len(c.segments) for c in claims] == [2, 0]
    assert claims[0].content.endswith("truck It will reopen in May, as the council promised last year.")
    assert claims[1].speaker.name == "Tom Hale"


@pytest.mark.parametrize("text", [
    # the comma after the closing mark hands the first part over, British style
    'Ann Berg spoke on Monday. "We are fortunate to have this technology", she said, "but predators use it too."',
    # a quote inside the first part closes last, after its comma
    "Ann Berg spoke on Monday. \"Parents ask me, 'Is the app safe?'\" she said, \"and the answer is no.\"",
])
def test_an_interrupted_quote_handed_over_by_its_punctuation_is_one_claim(nlp, text):
    (claim,) = quotes(nlp, text, "direct_quote")
    assert len(claim.segments) == 2


def test_quoted_words_that_are_the_subject_of_a_sentence_are_not_joined_to_the_next_quote(nlp):
    # "Drive slow" is what the sentence is about, not the first half of what drivers say
    text = ('The city painted "Drive slow, arrive alive" on its buses in June.\n\n'
            '"Drive slow, arrive alive" was soon on every tram too, and drivers say, "Nobody reads it."')
    assert all("Nobody" not in c.content or "arrive" not in c.content for c in quotes(nlp, text))


def test_two_speakers_quoted_in_turn_stay_two_claims(nlp):
    text = '"The bridge is safe," said Ann Berg. "It is not," said Tom Hale.'
    claims = quotes(nlp, text, "direct_quote")
    assert [c.speaker.name for c in claims] == ["Ann Berg", "Tom Hale"]
    assert all(c.segments == [] for c in claims)


def test_a_claim_in_one_piece_has_no_segments(nlp):
    (claim,) = quotes(nlp, '"The bridge will reopen in May," said Ann Berg.', "direct_quote")
    assert claim.segments == []


def test_partial_quote_inside_reported_sentence(nlp):
    text = 'Senator Jim Kane called the invasion "a war of choice that cost too much" in a speech.'
    direct = quotes(nlp, text, "direct_quote")
    assert [c.content for c in direct] == ["a war of choice that cost too much"]
    assert direct[0].speaker.name == "Jim Kane"


def test_reported_speech_with_that(nlp):
    text = "Mary Lee warned that abuse in one sphere may result in further abuse in another."
    (claim,) = quotes(nlp, text)
    assert claim.kind == "indirect_quote"
    assert claim.content == "that abuse in one sphere may result in further abuse in another"
    assert claim.cue == "warned"
    assert claim.hedge == "may"
    assert claim.speaker.name == "Mary Lee"


def test_a_long_that_clause_the_parser_misreads_is_still_reported(nlp):
    # The small pipeline takes this "that" for a determiner and finds no complement.
    text = ("Mary Lee added that loan sharks, in which gangs use threats and other means to push families "
            "into signing debts, and then blackmail the families into paying cash, selling property, or "
            "working for free, are on the rise.")
    (claim,) = quotes(nlp, text)
    assert claim.kind == "indirect_quote" and claim.cue == "added"
    assert claim.content.startswith("that loan sharks, in which gangs") and claim.content.endswith("are on the rise")
    assert claim.speaker.name == "Mary Lee"


def test_that_as_a_determiner_after_a_reporting_verb_reports_nothing(nlp):
    assert quotes(nlp, "The librarian added that book to the list of banned titles.") == []


def test_a_call_for_people_to_act_is_reported(nlp):
    text = "Mayor Ann Cole has called for residents to stay indoors until the smoke clears."
    (claim,) = quotes(nlp, text)
    assert claim.content == "for residents to stay indoors until the smoke clears"
    assert claim.speaker.name == "Ann Cole"


def test_reported_speech_without_that(nlp):
    text = "The mayor, Nora Pike, said the plan would fail."
    (claim,) = quotes(nlp, text)
    assert claim.content == "the plan would fail"
    assert claim.speaker.name == "Nora Pike"


@pytest.mark.parametrize("text, segments", [
    ("Ann Cole spoke on Monday. The new rules will cost families more, she said, especially those in rural areas.",
     ["The new rules will cost families more", "especially those in rural areas"]),
    ("Ann Cole spoke on Monday. Most of the workers went home early, she said, but two stayed behind to lock up.",
     ["Most of the workers went home early", "but two stayed behind to lock up"]),
])
def test_an_attribution_set_off_by_commas_reports_the_sentence_around_it(nlp, text, segments):
    # The parser hangs "she said" off the sentence's own verb: the claim is the
    # sentence on both sides of the attribution, which is no part of it.
    (claim,) = quotes(nlp, text)
    assert claim.kind == "indirect_quote" and claim.cue == "said"
    assert [text[s:e] for s, e in claim.segments] == segments
    assert claim.content == " ".join(segments)
    assert claim.speaker.name == "Ann Cole"


@pytest.mark.parametrize("text, segments, speaker", [
    ("Dana Reyes runs the youth centre. That is not just a problem for the young, but for society at large, "
     "argued Reyes.", ["That is not just a problem for the young, but for society at large"], "Dana Reyes"),
    ("Dana Reyes runs the youth centre. There is a real satisfaction, insists 16-year-old Sam Wise, in seeing "
     "the work through.", ["There is a real satisfaction", "in seeing the work through"], "Sam Wise"),
    # a particle between the verb and the speaker
    ("Dana Reyes runs the youth centre. Most artists draw no superheroes at all, points out Reyes.",
     ["Most artists draw no superheroes at all"], "Dana Reyes"),
])
def test_an_attribution_inverted_after_the_words_it_reports_gives_the_speaker_after_the_verb(nlp, text, segments,
                                                                                             speaker):
    # the parser takes the speaker after the verb for its object
    (claim,) = quotes(nlp, text)
    assert [text[s:e] for s, e in claim.segments or [(claim.char_start, claim.char_end)]] == segments
    assert claim.speaker.name == speaker


@pytest.mark.parametrize("text, segments, speaker", [
    ("The outages, said Mayor Ann Roe, were the worst in a decade.",
     ["The outages", "were the worst in a decade"], "Ann Roe"),
    ("The outages, said Ann Roe, the mayor, were the worst in a decade.",
     ["The outages", "were the worst in a decade"], "Ann Roe"),
    ("The bridge, said Fire Chief Dan Oakes, would stay closed until Friday.",
     ["The bridge", "would stay closed until Friday"], "Dan Oakes"),
])
def test_an_attribution_inverted_inside_the_sentence_it_reports_splits_it_in_two(nlp, text, segments, speaker):
    # the parser takes the words before the attribution for the verb's subject, and
    # reads the speaker as the subject of the rest or as a second subject of the verb
    (claim,) = quotes(nlp, text)
    assert claim.kind == "indirect_quote" and claim.cue == "said"
    assert [text[s:e] for s, e in claim.segments] == segments
    assert claim.speaker.name == speaker


def test_a_speaker_described_between_commas_before_the_verb_is_no_inverted_attribution(nlp):
    (claim,) = quotes(nlp, "Jo Lee, the harbour master, said he would close the pier on Friday.")
    assert claim.content == "he would close the pier on Friday" and claim.speaker.name == "Jo Lee"


# The parser sometimes hangs a closing attribution's speaker on the last noun of what
# was said, as an appositive ("stores, a source"), leaving the verb without a subject:
# the object of "told" had then been taken for an inverted speaker ("Reuters").
@pytest.mark.parametrize("text, content, mention", [
    ("Harbourmart plans to close 40 stores, a source close to the company told Reuters.",
     "Harbourmart plans to close 40 stores", "a source close to the company"),
    ("The airline plans to cut 200 flights, a source close to the carrier told Reuters.",
     "The airline plans to cut 200 flights", "a source close to the carrier"),
    ("The club wants to sign two strikers, a source close to the club told Sky Sports.",
     "The club wants to sign two strikers", "a source close to the club"),
    # guards, read right by the parser before and after
    ("Tellan Foods will sell its dairy arm, a person familiar with the talks told the Courier.",
     "Tellan Foods will sell its dairy arm", "a person familiar with the talks"),
    ("The ferry service will end in March, a council official told the Eastvale Herald.",
     "The ferry service will end in March", "a council official"),
])
def test_a_speaker_read_as_an_appositive_of_what_was_said_is_the_speaker(nlp, text, content, mention):
    (claim,) = quotes(nlp, text)
    assert claim.content == content
    assert claim.speaker_mention == mention


@pytest.mark.parametrize("text", [
    "The vote was rigged, the minister, speaking from Ottawa, told CNN.",
    "Prices will rise in May, the minister, speaking from Ottawa, told reporters.",
])
def test_whom_something_was_told_is_never_its_speaker(nlp, text):
    # with the speaker out of reach, the parser leaves "told" with only its object, which
    # had been read as a speaker inverted after the verb
    assert all(c.speaker_mention not in ("CNN", "reporters") for c in extract_claims(nlp(text)).claims)


def test_an_attribution_the_parser_read_as_what_the_verb_before_it_reports(nlp):
    # the parser makes "told" the complement of "expects": the claim had been "told the Courier"
    text = "Okonta Mining expects to reopen the mine, a source close to the board told the Courier."
    (claim,) = quotes(nlp, text)
    assert claim.content == "Okonta Mining expects to reopen the mine"
    assert claim.speaker_mention == "a source close to the board"


@pytest.mark.parametrize("text, content, speaker", [
    ("The talks have stalled, said officials not authorized to speak publicly.", "The talks have stalled", "officials"),
    ("The mill will close in June, said two managers not allowed to comment on the record.",
     "The mill will close in June", "managers"),
])
def test_an_inverted_speaker_described_by_a_participle_is_the_speaker(nlp, text, content, speaker):
    # the parser reads "officials not authorized ..." as a clause of its own after "said"
    (claim,) = quotes(nlp, text)
    assert claim.content == content
    assert speaker in claim.speaker.name


def test_a_verb_of_saying_joined_to_a_sentence_with_its_object_reports_nothing(nlp):
    # "told Reyes" names who was told, after "and": no attribution set off by a comma
    assert quotes(nlp, "Lee met the mayor on Monday, and told Reyes about the plan.") == []


@pytest.mark.parametrize("text", [
    # a list of noun phrases around the attribution has no finite verb: no statement
    "More snow, more cold and fewer buses, she said, for the rest of the winter.",
    # the writer's own words
    "The new rules will cost families more, I said, especially those in rural areas.",
])
def test_an_attribution_set_off_by_commas_reports_no_claim_without_a_clause_or_source(nlp, text):
    assert quotes(nlp, text) == []


@pytest.mark.parametrize("text, content", [
    ("The station also reports that Vera Holm has re-hired the lawyer Tom Aske.",
     "that Vera Holm has re-hired the lawyer Tom Aske"),
    ("Mayor Ann Cole said the council will re-open the harbour baths in May.",
     "the council will re-open the harbour baths in May"),
    ("Ann Cole said the two unions had co-signed the letter on Monday.",
     "the two unions had co-signed the letter on Monday"),
])
def test_a_reported_clause_never_ends_inside_a_hyphenated_word(nlp, text, content):
    # The tokenizer splits "re-hired" in three and the small parser can strand "re" as
    # the last word of the clause.
    (claim,) = quotes(nlp, text)
    assert claim.content == content


def test_a_participle_naming_a_thing_after_a_quote_is_no_attribution(nlp):
    # "announced" only tells which plan; the quote is Dana Roe's, not carried over from
    # the people who spoke before
    text = ('Two people close to the talks said the mayor had decided to wait.\n\n'
            '"The council wants a bigger budget. Bigger than the small plan" announced in May, said Dana Roe, '
            'an analyst at the Harbour Institute.')
    (quote,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert (quote.speaker.name, quote.cue) == ("Dana Roe", "said")


def test_a_participle_after_a_noun_outside_the_quote_may_still_attribute_it(nlp):
    # "the patient described": the parser takes the verb of saying for a participle
    # naming the patient; the two parts stay one quotation, as before the rule above
    text = ('The woman went back to her doctor in June. "Climbing the stairs took an hour as I had to rest," '
            'the patient described in her letter. "I slept most of the day."')
    (quote,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert quote.content.endswith("I slept most of the day.") and quote.cue == "described"


@pytest.mark.parametrize("text, content", [
    ("The harbour master said Monday she is weighing a run.", "she is weighing a run"),
    ("Jo Lee told reporters Friday the plan was dead.", "the plan was dead"),
    ("The minister said Tuesday the bridge will reopen in May.", "the bridge will reopen in May"),
    # guards: the day is what the clause is about, or "last year" may date what it tells
    ("Jo Lee said Monday was the worst day of the year.", "Monday was the worst day of the year"),
    ("Jo Lee said last year sales fell by half.", "last year sales fell by half"),
])
def test_the_day_something_was_said_is_no_part_of_what_was_said(nlp, text, content):
    (claim,) = quotes(nlp, text)
    assert claim.content == content


@pytest.mark.parametrize("text, content", [
    ("The mayor urged residents to stay indoors.", "residents to stay indoors"),
    ("Police told the crowd to stay put until the bridge reopened.", "the crowd to stay put until the bridge reopened"),
    # advice and reminders are said to someone as well
    ("Harbour Health advised residents to boil their drinking water.", "residents to boil their drinking water"),
    ("The utility reminded customers to check their smoke alarms.", "customers to check their smoke alarms"),
])
def test_what_someone_was_urged_to_do_names_who(nlp, text, content):
    # "to stay indoors" alone says the same of anyone: who was urged is part of the claim.
    (claim,) = quotes(nlp, text)
    assert claim.content == content


@pytest.mark.parametrize("text, contents", [
    ("A resident, who asked not to be named, said the water was brown.", ["the water was brown"]),
    ("The driver asked to be released on bail.", []),
    # a guard: asking someone names who is to act
    ("The mayor asked residents to stay indoors.", ["residents to stay indoors"]),
])
def test_what_someone_asks_for_themselves_is_not_reported_speech(nlp, text, contents):
    assert [q.content for q in quotes(nlp, text)] == contents


@pytest.mark.parametrize("text", [
    "A spokesman for the club would not say what the striker was being treated for.",
    "The council did not say the harbour plan would fail.",
    "Police declined to say whether the driver had a licence.",
    "Her agent refused to confirm that the singer had signed with another label.",
])
def test_what_someone_would_not_say_is_not_reported_speech(nlp, text):
    # Nothing was said: the sentence is a checkable statement about the refusal.
    assert claims_made(nlp, text) == [("assertion", text)]


def test_a_small_clause_after_a_verb_of_finding_is_not_reported_speech(nlp):
    assert quotes(nlp, "In the sequel Bella finds her loyalties tested.") == []


@pytest.mark.parametrize("text, kind, cited", [
    ("A survey by the Harbour Tenants Union found that rents rose by 9 per cent in two years.",
     "statistic", ["Harbour Tenants Union"]),
    ("Most tenants pay more than half their income in rent, the Harbour Tenants Union survey shows.",
     "statistic", ["Harbour Tenants Union"]),
    ("Provincial records indicate the bridge was last inspected before the flood.", "assertion", []),
    ("Video posted by a neighbour shows the roof collapsing within seconds.", "assertion", []),
])
def test_what_a_document_found_is_a_checkable_statement_not_a_quote(nlp, text, kind, cited):
    # evidence a study, records or footage hold is no one's speech: the whole sentence
    # is the claim, citing whoever issued the document
    claims = extract_claims(nlp(text)).claims
    assert [(c.kind, c.content, c.speaker, c.citations) for c in claims] == [(kind, text, None, cited)]


def test_an_organization_that_found_something_still_speaks(nlp):
    (claim,) = quotes(nlp, "The Harbour Tenants Union found that rents rose by 9 per cent in two years.")
    assert claim.cue == "found" and claim.speaker.name == "Harbour Tenants Union"


def test_the_issuer_of_a_document_cited_for_its_finding_is_an_antecedent(nlp):
    text = ("Harbour News reported that the plan was late. A Metrolinx study concluded the line would cost "
            "more than planned. The agency said it would review the study.")
    claim = next(c for c in quotes(nlp, text) if c.content == "it would review the study")
    assert claim.speaker.name == "Metrolinx"


@pytest.mark.parametrize("text", [
    "Councillor Mara Quist believes the ferry fare will double next spring.",
    "Many residents think the new bridge will never open.",
])
def test_what_someone_believes_is_a_checkable_statement_not_a_quote(nlp, text):
    # a state of mind the writer reports: no words were said
    claims = extract_claims(nlp(text)).claims
    assert [(c.kind, c.content, c.speaker) for c in claims] == [("assertion", text, None)]


def test_a_belief_inside_what_someone_said_is_the_speakers_claim(nlp):
    (claim,) = quotes(nlp, "Jo Vance said she thinks the ferry fare will double next spring.")
    assert claim.cue == "said" and claim.speaker.name == "Jo Vance"


def test_a_named_organization_that_expects_something_states_its_position(nlp):
    (claim,) = quotes(nlp, "Acme Foods expects that its sales will fall by a tenth this year.")
    assert claim.cue == "expects" and claim.speaker.name == "Acme Foods"


def test_who_believes_something_is_still_the_antecedent_of_a_later_pronoun(nlp):
    text = ('Tom Rill spoke at the rally on Friday. Ana Bell stayed home. Rill feels the council has ignored '
            'the east side. "We were never asked," he said.')
    (claim,) = quotes(nlp, text)
    assert claim.speaker.name == "Tom Rill"


@pytest.mark.parametrize("text", [
    "The mayor promised to repave Elm Street before winter.",
    "Both unions vowed to keep striking until the port reopens.",
    "Councillor Jan Toll pledged to fight the tower in court.",
])
def test_a_commitment_to_act_is_a_checkable_statement_not_a_quote(nlp, text):
    # what someone promised to do is an intention, not a claim anyone made
    assert claims_made(nlp, text) == [("assertion", text)]


def test_what_someone_promised_would_be_true_is_a_claim(nlp):
    (claim,) = quotes(nlp, "Councillor Jan Toll promised that the new ferry would sail by May.")
    assert claim.content == "that the new ferry would sail by May" and claim.speaker.name == "Jan Toll"


@pytest.mark.parametrize("text, content, speaker", [
    ("Harbour master Lena Ostrova called the new pier a waste of public money.", "a waste of public money",
     "Lena Ostrova"),
    ("Police described the fire at the mill as an act of arson.", "an act of arson", "Police"),
])
def test_what_someone_calls_a_thing_is_their_claim(nlp, text, content, speaker):
    # a characterization: the speaker says what the object is
    (claim,) = quotes(nlp, text)
    assert (claim.content, claim.speaker.name) == (content, speaker)


@pytest.mark.parametrize("text", [
    "Fishers on the coast call the shoal the Graveyard.",  # a name given, not a judgement
    "Ostrova called the harbour office on Monday.",  # a call, no characterization
])
def test_a_name_or_a_phone_call_is_no_characterization(nlp, text):
    assert quotes(nlp, text) == []


def test_a_pull_quote_repeating_a_quotation_without_marks_is_the_same_speakers_quote(nlp):
    text = ('The pier will close in June.\n\n'
            '"We have waited far too long for this repair," said harbour master Lena Ostrova.\n\n'
            'We have waited far too long for this repair. Lena Ostrova, harbour master\n\n'
            'Work starts on Monday.')
    claims = quotes(nlp, text)
    assert [(c.kind, c.content, c.speaker.name) for c in claims] == [
        ("direct_quote", "We have waited far too long for this repair,", "Lena Ostrova"),
        ("direct_quote", "We have waited far too long for this repair", "Lena Ostrova")]
    assert claims[1].char_start == text.index("We have waited", text.index("Ostrova"))


def test_a_pull_quote_may_repeat_one_sentence_of_a_quotation(nlp):
    text = ('"The pier is older than anyone in this town. It has not been painted since the war. We will fix it," '
            'said harbour master Lena Ostrova.\n\n'
            'It has not been painted since the war. Lena Ostrova, harbour master\n\n'
            'Work starts on Monday.')
    repeat = quotes(nlp, text)[-1]
    assert (repeat.content, repeat.speaker.name) == ("It has not been painted since the war.", "Lena Ostrova")


def test_a_pronoun_inside_a_pull_quote_is_no_antecedent(nlp):
    # "He" in the pull quote is quoted words: the quote after it goes on with the last
    # speaker, not with the man "he" stands for
    text = ('"He is a danger to everyone. He has a long record of violence against the people closest to him," '
            'Harbour County District Attorney Ann Bell said of Tom Rill.\n\n'
            'Bell questioned the ruling, saying there are limits on her power to keep Rill in jail.\n\n'
            '"Nothing in that decision leaves the town any safer than it was before," she said.\n\n'
            'He has a long record of violence against the people closest to him. Harbour County District Attorney '
            'Ann Bell\n\n'
            '"We will ask for the longest sentence the law allows."')
    assert quotes(nlp, text)[-1].speaker.name == "Ann Bell"


def test_a_short_quoted_phrase_repeated_is_no_pull_quote(nlp):
    text = ('"Not this year," said Lena Ostrova.\n\nNot this year, the council replied, and the pier stayed shut.')
    assert [c.content for c in quotes(nlp, text, "direct_quote")] == ["Not this year,"]


@pytest.mark.parametrize("text, content", [
    ("Jan Toll said in a statement that the new ferry would be launched in May.",
     "that the new ferry would be launched in May"),
    ("The union said in a release that the contract would be signed on Friday.",
     "that the contract would be signed on Friday"),
])
def test_a_that_clause_after_where_something_was_said_is_what_was_said(nlp, text, content):
    # the parser hangs the clause on "statement" or "release", not on the verb
    (claim,) = quotes(nlp, text)
    assert claim.content == content


def test_a_relative_clause_after_a_phrase_is_not_what_was_said(nlp):
    assert quotes(nlp, "The club asked for a coach in a post that has now been shared thousands of times.") == []


@pytest.mark.parametrize("text, mention", [
    ('Lena Ostrova runs the harbour office.\n\nTempers rose in March after ferry operator Jan Toll posted a warning: '
     '"The crossing will stay closed until the storm passes."', "ferry operator Jan Toll"),
    ('"The schedule is full," said harbour master Lena Ostrova.\n\nThe row began when ferry operator Jan Toll posted '
     'this message: "The crossing will stay closed until the storm passes."', "ferry operator Jan Toll"),
    # a message as the subject: the words of whose message it is
    ('"The schedule is full," said Lena Ostrova.\n\nFerry operator Jan Toll\'s reply was blunt: '
     '"The crossing will stay closed until the storm passes."', "Ferry operator Jan Toll's"),
    ('"The schedule is full," said Lena Ostrova.\n\nThe reply from ferry operator Jan Toll was blunt: '
     '"The crossing will stay closed until the storm passes."', "ferry operator Jan Toll"),
])
def test_a_quote_a_colon_introduces_is_the_words_of_the_clauses_subject(nlp, text, mention):
    # no reporting verb: whoever the clause before the colon is about said it, not the
    # last speaker named
    claim = quotes(nlp, text)[-1]
    assert (claim.speaker_mention, claim.speaker.name) == (mention, "Jan Toll")


def test_a_thing_that_convinced_someone_of_a_quotation_is_not_its_speaker(nlp):
    text = ('"I have learned to trust my own tests," Lena Ostrova told me.\n\nA year at the shipyard had '
            'convinced her that "you just have to respect the sea" and its moods.')
    claim = quotes(nlp, text)[-1]
    assert (claim.content, claim.speaker_mention, claim.speaker.name) == (
        "you just have to respect the sea", None, "Lena Ostrova")


def test_a_thing_before_the_colon_speaks_for_no_one_and_the_quote_continues_the_speaker(nlp):
    text = ('"I read the whole script twice," Mary Steen said.\n\nThat process led to a realization: '
            '"It was a love song from a girl to her mother."')
    claim = quotes(nlp, text)[-1]
    assert (claim.speaker_mention, claim.speaker.name) == (None, "Mary Steen")


@pytest.mark.parametrize("text, mention, speaker", [
    # the reporting verb ends the paragraph before, and the statement stands apart
    ('Ferry operator Jan Toll cancelled the crossing.\n\nIn an update on its website, the Harbour Board said:'
     '\n\n"Ferries will run on the winter timetable from Monday."', "the Harbour Board", "Harbour Board"),
    ('The ferry crews met on Tuesday, harbour master Lena Ostrova said.\n\nMayor Omar Diallo, who chairs the '
     'board, has issued the following statement:\n\n"We will rebuild the pier before winter."',
     "Mayor Omar Diallo", "Omar Diallo"),
])
def test_a_quote_opening_its_paragraph_after_a_colon_is_the_lead_in_s(nlp, text, mention, speaker):
    claim = quotes(nlp, text)[-1]
    assert (claim.speaker_mention, claim.speaker.name) == (mention, speaker)


def test_a_colon_two_paragraphs_back_introduces_nothing(nlp):
    # Guard: a paragraph of its own stands between the lead-in and the quote.
    text = ('Mayor Omar Diallo, who chairs the board, has issued the following statement:\n\nThe pier will be '
            'rebuilt.\n\n"We will pay for it ourselves," said harbour master Lena Ostrova.')
    claim = quotes(nlp, text)[-1]
    assert claim.speaker.name == "Lena Ostrova"


@pytest.mark.parametrize("text", [
    "Every time, there is only one ferry running on the north route, the harbour crew tweets it out.",
    "Each time, there is no doctor on call at the clinic, the nurses report it to the board.",
])
def test_a_verb_with_an_object_of_its_own_reports_no_clause_before_it(nlp, text):
    # "tweets it out": what is tweeted is "it", the clause before is a condition
    assert quotes(nlp, text) == []


@pytest.mark.parametrize("text", [
    "The fare will rise again in spring, she said.",
    "The fare will rise again in spring, the mayor told CBC News.",  # the object is whom she told
])
def test_a_clause_before_its_attribution_is_still_reported(nlp, text):
    (claim,) = quotes(nlp, text)
    assert claim.content == "The fare will rise again in spring"


@pytest.mark.parametrize("text, speaker", [
    ("Police Chief Ana Ruiz was quoted as saying by local media that officers had received several reports of threats.",
     "Ana Ruiz"),
    ("Councillor Jan Toll left the meeting after saying that the budget was final.", "Jan Toll"),
    # whoever is quoted speaks, not the outlet quoting them
    ("Mark Dunn was quoted by the Courier as saying that the plant would close.", "Mark Dunn"),
])
def test_saying_after_a_preposition_is_said_by_the_subject_of_the_verb_it_follows(nlp, text, speaker):
    (claim,) = quotes(nlp, text)
    assert claim.speaker.name == speaker


def test_an_attribution_opening_the_sentence_before_a_comma_reports_the_rest(nlp):
    # the parser takes "The harbour master concedes in this case" for a clause the
    # sentence reports
    (claim,) = quotes(nlp, "The harbour master concedes in this case, the pier was never inspected.")
    assert (claim.content, claim.cue) == ("the pier was never inspected", "concedes")


def test_a_belief_inside_a_reported_sentence_is_no_attribution_of_its_rest(nlp):
    (claim,) = quotes(nlp, "Crews expect most homes to have power back by Sunday, the utility said.")
    assert (claim.content, claim.cue) == ("Crews expect most homes to have power back by Sunday", "said")


@pytest.mark.parametrize("text", [
    "Ferry costs are lower than the operator says they are.",
    "The bridge reopened in May, as the mayor said it would.",
])
def test_a_reported_clause_whose_predicate_is_left_out_claims_nothing(nlp, text):
    assert claims_made(nlp, text) == [("assertion", text)]


def test_told_reporters(nlp):
    text = "Jane Smith told reporters the company would close two plants."
    (claim,) = quotes(nlp, text)
    assert claim.cue == "told"
    assert claim.content == "the company would close two plants"


def test_according_to(nlp):
    text = "According to the ministry, the number of cases doubled last year."
    (claim,) = quotes(nlp, text)
    assert claim.cue == "according to"
    assert claim.content == "the number of cases doubled last year"
    assert claim.speaker_mention == "the ministry"


def test_according_to_ends_where_another_speakers_clause_begins(nlp):
    text = "According to the ministry, the wait for a ferry is under two hours, but residents say it is often longer."
    claims = quotes(nlp, text)
    assert [(c.content, c.speaker.name) for c in claims] == [
        ("the wait for a ferry is under two hours", "ministry"), ("it is often longer", "residents")]


@pytest.mark.parametrize(
    "text",
    [
        "Jo Lee asked whether the harbour plan would work.",
        "Reporters wondered why the mayor left the meeting early.",
        "Sam Lund would not say how much the club paid for the land.",
    ],
)
def test_an_indirect_question_is_no_claim(nlp, text):
    assert extract_claims(nlp(text)).claims == []


def test_a_condition_opening_a_reported_claim_is_still_a_claim(nlp):
    text = "Ana Ruiz said if the vote fails, the workers will strike."
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert claim.content == "if the vote fails, the workers will strike"


def test_a_dateline_is_not_what_was_said(nlp):
    text = "HALIFAX — Union leader Dan Pike says the ambulance fleet is short of staff."
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert claim.content == "the ambulance fleet is short of staff"


def test_a_link_to_another_story_gives_no_claim_and_no_antecedent(nlp):
    text = (
        "Ana Ruiz said the bridge will reopen in May.\n\n"
        "READ MORE: Budget won't balance until 2040, Finance Department says\n\n"
        "Related: Harbour tax to rise, mayor says\n\n"
        "The council said the tax will not rise."
    )
    claims = extract_claims(nlp(text)).claims
    assert [c.content for c in claims] == ["the bridge will reopen in May", "the tax will not rise"]
    assert claims[1].speaker.name != "Finance Department"


@pytest.mark.parametrize(
    "text, quoted",
    [
        # a right mark typed for the opening one, after a space and before a word
        ("I side with the skeptics (\u201dThe ferry will never pay for itself\u201d) on this one.",
         ["The ferry will never pay for itself"]),
        # two single marks typed for a double one
        ("Lund spoke on Sunday. \u2018\u2019Nobody wins a strike, we all lose,\u201d he said.",
         ["Nobody wins a strike, we all lose,"]),
        # an ordinary closing mark after a word stays a closing mark
        ("She called it \u201ca mess\u201d and left.", ["a mess"]),
    ],
)
def test_quotation_marks_typed_the_wrong_way_round_still_open_a_quote(text, quoted):
    assert [text[s.content_start : s.content_end] for s in find_quote_spans(text)] == quoted


@pytest.mark.parametrize("text, content, speaker", [
    ("Rail fares to rise 5% next year, transport union says", "Rail fares to rise 5% next year", "transport union"),
    ("Harbour Bridge Repairs a Year Behind Schedule, Says City Engineer",
     "Harbour Bridge Repairs a Year Behind Schedule", "City Engineer"),
])
def test_a_headline_closing_with_its_attribution_reports_what_comes_before(nlp, text, content, speaker):
    # headlines drop the finite verb, so the parser finds no clause for "says" to report
    (claim,) = extract_claims(nlp(text)).claims
    assert (claim.kind, claim.content, claim.speaker.name) == ("indirect_quote", content, speaker)


@pytest.mark.parametrize("text", [
    "Yes, she says.",  # an answer, not a claim
    "Norland Bank Cuts Fees, Adds Weekend Opening Hours",  # "adds" something, no speaker
])
def test_what_is_no_closing_attribution(nlp, text):
    assert not [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]


@pytest.mark.parametrize("text, speaker", [
    # what a thing "showed" inside someone's words is still that person's quote ...
    ('Major Tomas Berg said the raids showed "no loss of aircraft at all".', "Tomas Berg"),
    # ... as is what "this" showed or underscored, or what a thing highlights
    ('Dana Roe runs the lab. Roe says that this shows the worth of the new labs: "proving that they are the '
     'real ones" with the right to grant degrees.', "Dana Roe"),
    ('Dana Roe runs the lab. Roe says this underscores the stakes: "proving that they are the real ones."',
     "Dana Roe"),
    ('Ben Ortiz chairs the board. Ortiz said the delay highlights "a deeper rot" in the council.', "Ben Ortiz"),
    # ... while a document still speaks for itself
    ('Dana Ruiz said the survey showed "a clear drop in rents" last year.', None),
])
def test_a_quote_a_thing_showed_inside_reported_speech_is_the_reporters(nlp, text, speaker):
    claims = extract_claims(nlp(text)).claims
    # a quoted phrase under four words is part of the reported claim holding it
    (quote,) = [c for c in claims if c.kind == "direct_quote"] or [c for c in claims if c.kind == "indirect_quote"]
    assert (quote.speaker.name if quote.speaker else None) == speaker
    # through the person's own mention, not the thing's ("the delay" once led back to him)
    assert speaker is None or quote.speaker_mention.split()[-1] in speaker


# British style: quotations in single marks, a quotation inside one in double marks.
# Each sentence is written for the test.
@pytest.mark.parametrize("text, content, speaker", [
    ("‘We won’t close the library,’ the council leader, Ann Marsh, said on Monday.",
     "We won’t close the library,", "Ann Marsh"),
    # straight marks, and a plural possessive inside the quotation
    ("'The players' union is strong and it will not give in,' said Ana Cole.",
     "The players' union is strong and it will not give in,", "Ana Cole"),
    # an elision is no opening mark, a nested quotation in double marks stays inside
    ("‘Back in the ’90s we had nothing at all,’ said Ruth Akers.", "Back in the ’90s we had nothing at all,",
     "Ruth Akers"),
    ('‘He told me "never again", and I believed him,’ said Jo Reid.', 'He told me "never again", and I believed him,',
     "Jo Reid"),
])
def test_a_quotation_in_single_marks_is_a_direct_quote(nlp, text, content, speaker):
    (quote,) = quotes(nlp, text)
    assert (quote.kind, quote.content, quote.speaker.name) == ("direct_quote", content, speaker)


def test_an_interrupted_quotation_in_single_marks_is_one_claim_with_two_segments(nlp):
    text = "‘The law,’ said Ann Marsh, ‘is perfectly clear on this.’"
    (quote,) = quotes(nlp, text)
    assert [text[start:end] for start, end in quote.segments] == ["The law", "is perfectly clear on this."]


@pytest.mark.parametrize("text, quoted", [
    # a mark after a plural closes the quotation when no later mark does
    ("'Harbour Lights' returns for a second season", ["Harbour Lights"]),
    ("'The ferries' timetables are a mess,' said Ann Marsh, 'and the buses' too.'",
     ["The ferries' timetables are a mess,", "and the buses' too."]),
    # a guard: single marks only around a word or two, speech in double marks (American style,
    # whose single marks are no quotations)
    ('The so-called ‘reform’ failed.\n\n"We tried everything we could," said Tom Baird.',
     ["We tried everything we could,"]),
    # nor does an elision opening a paragraph make a text British
    ("'90s fashion is back.\n\nTom Baird called it \"a craze that will not end\".", ["a craze that will not end"]),
])
def test_the_quotation_marks_of_a_text_are_read_in_its_own_style(text, quoted):
    marked = as_double_quoted(text)
    assert len(marked) == len(text)
    assert [content_of(text, s) for s in find_quote_spans(marked)] == quoted


def test_a_single_mark_inside_a_word_is_an_apostrophe_whatever_the_style():
    # a left mark typed for an apostrophe ("Lee‘s") opens nothing
    text = "'Lee‘s plan will fail,' said Ann Marsh."
    assert [content_of(text, s) for s in find_quote_spans(as_double_quoted(text))] == ["Lee‘s plan will fail,"]


# Headlines name whose words they give without a verb of saying. Written for the test.
@pytest.mark.parametrize("text, content, speaker", [
    # the bare name before a colon, with a topic or a possessive around it
    ("Edward Hale: 'They are setting fire to the harbour'", "They are setting fire to the harbour", "Edward Hale"),
    ('Ann Marsh on the ferry cuts: "We will not back down"', "We will not back down", "Ann Marsh"),
    # a credit after a dash, however short the words
    ('"We will not back down" — Ann Marsh, union leader', "We will not back down", "Ann Marsh"),
])
def test_a_headline_names_the_speaker_before_a_colon_or_after_a_dash(nlp, text, content, speaker):
    (quote,) = quotes(nlp, text)
    assert (quote.kind, quote.content, quote.speaker.name) == ("direct_quote", content, speaker)


def test_a_quotation_signed_on_the_line_below_is_its_signers(nlp):
    # testimonials and epigraphs: a paragraph of quoted words, then a dash and a name
    text = ('"A gorgeous play with a storytelling style of its own."\n\n– Tomas Vell\n\n'
            '"Beautiful spectacle! The costumes are wonderful."\n\n— Mira Kessel, Eastvale')
    assert [q.speaker.name for q in quotes(nlp, text)] == ["Tomas Vell", "Mira Kessel"]


def test_a_dash_line_that_says_something_signs_nothing(nlp):
    # guard: a line after the quote that opens with a dash but has a verb is no signature
    text = 'The council met on Monday.\n\n"We will not back down."\n\n- The board meets again on Friday.'
    (quote,) = quotes(nlp, text)
    assert quote.speaker is None


@pytest.mark.parametrize("verb", ["ordered", "commanded"])
def test_a_command_given_is_said(nlp, verb):
    (quote,) = quotes(nlp, f'"Hands up! Step away from the car!" an officer {verb}.')
    assert (quote.content, quote.speaker.name) == ("Hands up! Step away from the car!", "officer")


@pytest.mark.parametrize("text, speaker", [
    # before a colon: not "things", the subject of the clause the colon ends
    ('Here is how bad things got, in the words of the patient: "I was unable to walk from one room to another."',
     "patient"),
    ("In Dana Roe's own words: \"I was unable to walk from one room to another.\"", "Dana Roe"),
    # before a comma
    ('Locals are furious. In the words of one resident, "the whole town is angry."', "one resident"),
    ("In Dana Roe's own words, \"nobody listens to the river towns.\"", "Dana Roe"),
])
def test_in_the_words_of_someone_names_the_speaker(nlp, text, speaker):
    (quote,) = quotes(nlp, text)
    assert quote.speaker.name == speaker


@pytest.mark.parametrize("after, speaker", [
    ("That is how Ana Ruiz, the union's president, described the deal on Monday.", "Ana Ruiz"),
    ("That was the message from Ana Ruiz on Monday.", "Ana Ruiz"),
    ("Those were the words of the judge.", "judge"),
])
def test_a_sentence_pointing_back_at_a_quotation_names_its_speaker(nlp, after, speaker):
    (quote,) = quotes(nlp, f'"This offer is an insult to every worker in the plant." {after}')
    assert quote.speaker.name == speaker


@pytest.mark.parametrize("after", [
    # guards: a sentence that points back at the quotation without saying whose it was
    "That was the mood in the hall.",
    "That is why the union went on strike, Lee said.",
])
def test_a_sentence_pointing_back_without_a_source_names_no_speaker(nlp, after):
    quote = quotes(nlp, f'"This offer is an insult to every worker in the plant." {after}')[0]
    assert quote.speaker is None


def test_in_other_words_names_no_one(nlp):
    # a guard, before and after: no owner of the words
    assert quotes(nlp, 'In other words, "nothing will change for the river towns."')[0].speaker is None


def test_a_headline_label_before_a_colon_names_no_speaker(nlp):
    # a guard: the words before the colon name no one
    (quote,) = quotes(nlp, 'Weekly roundup: "We will not back down on fares"')
    assert quote.speaker is None


@pytest.mark.parametrize("text", [
    '"The ferry will run until the end of May," according to the harbour master, Ann Marsh.',
    'According to Ann Marsh, the harbour master, "the ferry will run until the end of May."',
])
def test_according_to_names_the_speaker_of_a_direct_quote(nlp, text):
    (quote,) = quotes(nlp, text)
    assert (quote.kind, quote.speaker.name) == ("direct_quote", "Ann Marsh")


@pytest.mark.parametrize("text", [
    '"The law," said Ann Marsh, the harbour master, "is perfectly clear on this."',
    "‘The law,’ said Ann Marsh, the harbour master, ‘is perfectly clear on this.’",
])
def test_an_attribution_with_a_role_between_two_parts_of_a_quote_names_the_speaker(nlp, text):
    # the parser reads the name after "said" as the subject of the second part
    (quote,) = quotes(nlp, 'Sam Reid spoke first.\n\n' + text)
    assert (quote.content, quote.speaker.name) == ("The law is perfectly clear on this.", "Ann Marsh")


def test_narration_between_two_quotations_keeps_them_two(nlp):
    text = ('"The ferries are failing," Ana Ruiz explained. Fares went up twice; passengers kept paying. '
            '"That pays for a lot of diesel."')
    made = claims_made(nlp, text)
    assert ("direct_quote", "The ferries are failing,") in made
    assert ("direct_quote", "That pays for a lot of diesel.") in made
    assert ("assertion", "Fares went up twice; passengers kept paying.") in made


def test_a_clause_before_a_semicolon_is_not_what_the_verb_after_it_reports(nlp):
    assert claims_made(nlp, "Prices rose sharply; analysts warned of more pain ahead.") == [
        ("assertion", "Prices rose sharply; analysts warned of more pain ahead.")]
    (claim,) = quotes(nlp, "The ferry was late again; the harbour master says the engines are old.")
    assert claim.content == "the engines are old"


@pytest.mark.parametrize("text", [
    'As Ana Ruiz put it, "the bridge is older than the town."',
    'The bridge, as Ana Ruiz put it, "is older than the town."',
    '"The bridge is older than the town," as Ana Ruiz put it.',
])
def test_as_someone_put_it_names_whose_words_follow(nlp, text):
    (quote,) = quotes(nlp, text)
    assert quote.speaker.name == "Ana Ruiz" and quote.cue == "put it"


def test_putting_a_thing_somewhere_is_no_cue(nlp):
    # guard: only the idiom "as X put it" reports words
    assert quotes(nlp, 'Ana Ruiz put it on the shelf marked "old maps".') == []


@pytest.mark.parametrize("surname", ["Still", "Soon", "Young"])
def test_a_surname_that_is_also_an_adverb_or_adjective_speaks_after_an_inverted_cue(nlp, surname):
    text = (f"Dana {surname}, the harbour master, opened the pier on Monday.\n\n"
            f'"The ferry will run until May," says {surname}.')
    (quote,) = quotes(nlp, text, "direct_quote")
    assert quote.speaker.name == f"Dana {surname}" and quote.speaker_mention == surname


@pytest.mark.parametrize("surname, opening", [
    ("Early", "{}"), ("May", "{}"), ("Long", "{}"),
    ("Early", "The ward was quiet on Monday, but {} still"),
])
def test_a_surname_that_is_also_an_adverb_or_modal_speaks_when_it_opens_its_clause(nlp, surname, opening):
    text = (f"Dana {surname} runs the harbour clinic.\n\n"
            f"{opening.format(surname)} said the waiting lists were growing every month.")
    (quote,) = quotes(nlp, text, "indirect_quote")
    assert quote.speaker.name == f"Dana {surname}" and quote.speaker_mention == surname


def test_an_opening_adverb_before_a_verb_of_saying_names_no_one_the_text_does_not(nlp):
    # guard: with no one of that name, the word stays what the parser says it is
    assert quotes(nlp, "Early said the waiting lists were growing every month.") == []


def test_a_day_after_an_inverted_cue_is_a_time_not_a_speaker(nlp):
    # guard: "said Monday" dates the saying
    (quote,) = quotes(nlp, '"The ferry will run until May," said Monday.')
    assert quote.speaker is None


@pytest.mark.parametrize("text, content", [
    ('Ines Ford said the toll on the old east bridge was "a tax".', 'the toll on the old east bridge was "a tax"'),
    ('Ines Ford said the toll on the old east bridge was "a tax."', 'the toll on the old east bridge was "a tax."'),
    ("Ines Ford said the toll on the old east bridge was “a tax”.", "the toll on the old east bridge was “a tax”"),
    # guard: a quotation closed inside what was said needs nothing more
    ('Ines Ford said the toll on the old east bridge was a "tax" on the poor.',
     'the toll on the old east bridge was a "tax" on the poor'),
])
def test_what_was_said_keeps_the_mark_that_closes_a_quotation_opened_in_it(nlp, text, content):
    (claim,) = quotes(nlp, text, "indirect_quote")
    assert claim.content == content


@pytest.mark.parametrize("text, content", [
    ("Mr Okafor, 52, told the Courier he was 'devastated'.", "he was 'devastated'"),
    # guards: a quotation closed inside what was said, and a possessive's apostrophe
    ("A spokesman said the minister 'retains full confidence' in the plan.",
     "the minister 'retains full confidence' in the plan"),
    ("Okafor said Reyes' plan would fail.", "Reyes' plan would fail"),
])
def test_what_was_said_keeps_the_mark_closing_a_quotation_opened_inside_it(nlp, text, content):
    (claim,) = quotes(nlp, text, "indirect_quote")
    assert claim.content == content


def test_someone_who_interrupts_says_what_follows(nlp):
    # "interrupted" is a verb of speaking: the second quotation is not more of Lee's words
    claims = quotes(nlp, '"We won the vote," Lee said, before Reyes interrupted: "Not yet, we have not."')
    assert [(c.content, c.speaker.name) for c in claims] == [
        ("We won the vote,", "Lee"), ("Not yet, we have not.", "Reyes")]


@pytest.mark.parametrize("text, content, parts", [
    ("The plant, according to Dana Roe, will close in June.", "The plant will close in June", 2),
    ("The plant will close, according to Dana Roe, after the holidays.", "The plant will close after the holidays", 2),
    # guards: at either end of the sentence, the side that is the claim, in one piece
    ("According to Dana Roe, the plant will close in June.", "the plant will close in June", 1),
    ("The plant will close in June, according to Dana Roe.", "The plant will close in June", 1),
])
def test_according_to_someone_inside_a_sentence_reports_the_sentence_around_it(nlp, text, content, parts):
    (claim,) = quotes(nlp, text)
    assert (claim.content, claim.speaker.name) == (content, "Dana Roe")
    assert max(len(claim.segments), 1) == parts


def test_a_figure_keeps_its_percent_sign_where_another_claim_begins(nlp):
    claims = quotes(nlp, "According to Dana Roe, sales fell 8%, but Tom Reyes says they rose.")
    assert [c.content for c in claims] == ["sales fell 8%", "they rose"]


def test_a_participle_set_off_between_the_speaker_and_the_verb_leaves_the_speaker(nlp):
    # the parser makes "asked" the main verb and hangs "said" on it, unlabelled
    (claim,) = quotes(nlp, "Dunn, asked about the strike, said it had cost $40 million.")
    assert (claim.content, claim.speaker.name) == ("it had cost $40 million", "Dunn")


def test_a_figure_before_a_parenthetical_attribution_keeps_its_percent_sign(nlp):
    (claim,) = quotes(nlp, "Sales fell 8%, Dunn said, because of the strike.")
    assert claim.content.startswith("Sales fell 8%")


@pytest.mark.parametrize("text, speaker, content", [
    ("The plant, Dana Roe said on Monday, will close in June.", "Dana Roe", "The plant will close in June"),
    ("The plant, Dana Roe told reporters, will close in June.", "Dana Roe", "The plant will close in June"),
    ("The ruling, Okonta Mining said in a statement, would be appealed.", "Okonta Mining", "The ruling would be appealed"),
    # whom it was told is part of the attribution, where the parser hangs it inside the sentence
    ("The pier, Jan Toll told reporters, will close in June.", "Jan Toll", "The pier will close in June"),
    # guard: a name set off by commas before the verb is the subject's appositive when what
    # was said has a subject of its own
    ("Jo Lee, the mayor, said he would run again.", "Jo Lee", "he would run again"),
])
def test_an_attribution_after_the_subject_of_what_was_said_reports_the_sentence_around_it(nlp, text, speaker, content):
    (claim,) = quotes(nlp, text)
    assert (claim.content, claim.speaker.name) == (content, speaker)


@pytest.mark.parametrize("text", [
    "Mark Dunn told analysts on a conference call that demand had slowed in Europe.",
    "Mark Dunn told reporters at a briefing that demand had slowed in Europe.",
])
def test_what_was_told_after_whom_and_where_it_was_told(nlp, text):
    (claim,) = quotes(nlp, text)
    assert (claim.content, claim.speaker.name) == ("that demand had slowed in Europe", "Mark Dunn")


def test_what_was_said_after_when_it_was_said(nlp):
    # the parser reads "that ..." as a relative clause of "win"; the score joins one word
    (claim,) = quotes(nlp, "Sam Petrie said after the 3-1 win that the team played with heart.")
    assert (claim.content, claim.speaker.name) == ("that the team played with heart", "Sam Petrie")


@pytest.mark.parametrize("text, content", [
    ("Jo Lee told Reuters rents had doubled.", "rents had doubled"),
    ("Jo Lee told the Herald prices would rise.", "prices would rise"),
    ("Jo Lee told lawmakers taxes would rise.", "taxes would rise"),
    # guards: the parser's own addressee, and a name that is part of the subject
    ("Jo Lee told investors sales had slowed.", "sales had slowed"),
    ("Jo Lee told reporters Harbourmart shares would rise.", "Harbourmart shares would rise"),
])
def test_whom_something_was_told_is_no_part_of_what_was_told(nlp, text, content):
    (claim,) = quotes(nlp, text)
    assert (claim.content, claim.speaker.name) == (content, "Jo Lee")


@pytest.mark.parametrize("text, content", [
    ("Scientists warn sea levels could rise by a metre.", "sea levels could rise by a metre"),
    # guards: whom something was told, and an expletive subject of the clause
    ("Jo Lee warned residents the water was unsafe.", "the water was unsafe"),
    ("Jo Lee told the Herald there were no survivors.", "there were no survivors"),
])
def test_the_subject_of_what_was_said_read_as_the_object_of_the_verb_of_saying(nlp, text, content):
    (claim,) = quotes(nlp, text)
    assert claim.content == content


def test_an_attribution_before_a_quotation_leaves_no_closing_mark_without_its_opening_one(nlp):
    (claim,) = quotes(nlp, 'The decision, Ana Ruiz argued, "ignores the evidence."')
    assert claim.content == "The decision ignores the evidence"


def test_what_was_said_ends_before_adding(nlp):
    text = 'Jo Lee told the Herald: "We have counted 24 injured", adding that 300 homes were damaged.'
    assert claims_made(nlp, text) == [("direct_quote", "We have counted 24 injured"),
                                      ("indirect_quote", "that 300 homes were damaged")]


@pytest.mark.parametrize("text, content", [
    # guard: another participle there is as often part of what was said
    ("Police said the driver called 911, saying he was lost.", "the driver called 911, saying he was lost"),
])
def test_a_participle_inside_what_was_said_stays_in_it(nlp, text, content):
    assert quotes(nlp, text)[0].content == content


@pytest.mark.parametrize("text", [
    "In the case of the bridge, rest assured that the city wants it built.",
    "Fishers, many of whom call Westmere their home, marched on the port.",
])
def test_an_idiom_with_a_verb_of_saying_reports_no_one(nlp, text):
    assert quotes(nlp, text) == []


def test_a_clause_about_where_something_was_told_is_not_what_was_told(nlp):
    claims = quotes(nlp, '"We are done," Mark Dunn told reporters at a briefing that lasted ten minutes.')
    assert [(c.kind, c.content) for c in claims] == [("direct_quote", "We are done,")]


def test_a_closing_attribution_the_parser_makes_what_was_found_is_no_part_of_it(nlp):
    # the parser makes "said" the complement of "found", with "the drug cut ..." before it
    claims = quotes(nlp, "Researchers at Westmere University found that the drug cut deaths by 20%, the study said.")
    assert [c.content for c in claims] == ["that the drug cut deaths by 20%", "the drug cut deaths by 20%"]


@pytest.mark.parametrize("text, content", [
    ("The bridge will open in May, Jo Lee said, though she gave no details.", "The bridge will open in May"),
    ("The bridge will open in May, Jo Lee said, but she did not say how.", "The bridge will open in May"),
    # guard: a clause with another subject after the attribution is more of what was said
    ("The bridge will open in May, Jo Lee said, though work could slip.",
     "The bridge will open in May though work could slip"),
])
def test_narration_about_the_speaker_after_an_attribution_is_no_part_of_what_was_said(nlp, text, content):
    (claim,) = quotes(nlp, text)
    assert (claim.content, claim.speaker.name) == (content, "Jo Lee")
