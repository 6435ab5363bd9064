"""Every checkable sentence becomes an assertion (or statistic) claim; questions, datelines,
lead-ins, pointers, instructions, list titles, wishes and opinions do not.

Every sentence here was written for this test; none comes from the gold files."""
import json

import pytest
from click.testing import CliRunner
from spacy.tokens import Doc

from claimkb.cli import cli
from claimkb.ingest.extract import extract_claims
from claimkb.ingest.extract.assertions import why_not_checkable
from claimkb.store.db import open_db


def kinds(nlp, text):
    return [(c.kind, c.content) for c in extract_claims(nlp(text)).claims]


@pytest.mark.parametrize(
    "sentence",
    [
        "The new bridge is the longest in the country.",  # superlative
        "Rents are higher in the capital than in any other city.",  # comparison
        "Flooding worsened because the levees failed.",  # cause
        "House prices in the capital will rise sharply next year.",  # prediction
        "The museum reopened to visitors on Saturday.",  # an event, with no cause or comparison word
        "The ferry to Inishmore no longer stops at Rossdale.",  # a state of the world
        "Cars will be banned from the old town from next spring.",  # a policy
        "A kilowatt-hour is a unit of energy.",  # background that can be checked
        "The council never replied to the residents' letter.",  # a negative claim
        "The minister appeared to contradict her own department.",  # hedged, still a claim
        "the school board quietly dropped the uniform rule",  # social-media style, no capital or stop
        "Heavy snow closes mountain pass",  # headline
        "Mayor quits after audit",  # short headline
        "Locals call the road \"the Snake\" because it winds up the hill.",  # a scare quote is no attribution
        "Ferry strike enters third week – will talks resume?",  # a statement, then a question
        "Port Elmer council votes to sell harbour land: what happens next?",
        "Harbour ferry cut to weekends only, but who pays for the buses?",  # question after a comma
        "Ferry fares rise again… is it worth it?",  # question after an ellipsis
        "MPs to question Lindqvist over harbour deal",  # the parser reads "MPs" as an imperative verb
        # a condition after the statement, which the parser made the main clause
        "Harbour Board Vows 'Fare Freeze' If Budget Passed",
        # the statement sits before the last separator, the question after it
        "Port news: the harbour board sold the pier; was it worth it?",
        # cut short, but going on stating after a comma, or stating before "what it means"
        "Harbour ferry crew walks out, is replaced by volunteers  ...",
        "Harbour strike ends after talks: what it means for commuters  ...",
        # a credit after the statement, which the parser reads as an imperative governing it
        "City Hall to sell the old library building - report",
        "The ferry app is live, download it today",
    ],
)
def test_checkable_sentences_are_assertions(nlp, sentence):
    assert kinds(nlp, sentence) == [("assertion", sentence)]


@pytest.mark.parametrize(
    "sentence, reason",
    [
        ("Is the ferry still running on Sundays?", "question"),
        ("Who Wins the Final: Did the Favourite Get Through?", "question"),  # a question on both sides
        ("Will fares rise again, and who pays for it?", "question"),  # the question comes first
        # a label before the separator, no statement: the headline only asks
        ("Harbour Festival Finale Preview: Who Will Win the Rowing Cup?", "question"),
        ("Ferry Timetable Spoilers: Is the Night Boat Back?", "question"),
        # the same cut short by a feed, its question mark lost with the end
        ("Ferry Timetable Spoilers: Who Will Run the Night Boat  ...", "question"),
        ("Rowing final: who will win the cup …", "question"),
        # a reported question whose "if" the parser takes for a condition of the asking
        ("Reporters asked the mayor if the bridge would reopen.", "question"),
        ("She wondered if the ferry would run.", "question"),
        ("Updated: Fri 9 Aug 2019, 4:05 pm BST", "dateline"),
        ("Sat Mar 09 2019, 07:15 hrs", "dateline"),
        ("Written by", "dateline"),  # a byline whose name is on the next line
        ("By Marta Okonjo", "fragment"),  # byline
        ("— Henrik Dahl", "fragment"),  # caption
        ("On the ground floor", "fragment"),  # a phrase naming nothing
        ("Asked about the delay, the minister answered:", "lead-in"),
        ("Here are the main points of the budget.", "lead-in"),
        ("The complete ruling is reproduced below.", "pointer"),
        ("Full details are available from this link.", "pointer"),
        ("The minister's statement follows.", "pointer"),
        ("For tickets, visit www.northgateopera.example today.", "pointer"),
        ("(Daily Ledger report)", "pointer"),
        ("[Photo gallery of the new stadium]", "pointer"),
        ("To register, fill in the form at the library desk.", "instruction"),
        ("Cyclists should wear a helmet at night.", "instruction"),
        ("You should never leave a dog in a hot car.", "instruction"),
        ("Download the app to book a ferry seat.", "instruction"),  # guard: no clause before the verb
        ("Don't miss the last ferry of the season.", "instruction"),  # the "do" of a negative imperative
        ("Do check your tyres before the trip.", "instruction"),
        ("What a final it was.", "opinion"),  # an exclamation, whatever its last mark
        ("How lucky the rowers were!", "opinion"),
        # an exclamation that names no one and gives no figure: a feeling, a call to the reader
        ("I have to say, I was moved!", "opinion"),
        ("Late-comers are warned!", "opinion"),
        ("The golden harbour light!", "opinion"),
        ("How to cut your heating bill this winter", "listicle"),
        ("7 things you need to know about the new bus fares", "listicle"),
        ("Four reasons the harbour plan collapsed", "listicle"),
        ("If only the trains ran on time!", "wish"),
        ("Oh, if only the ferry ran on Sundays!", "wish"),  # guard: an interjection before it
        ("Now if only the trains ran on time!", "wish"),  # a first word the parser makes the root
        ("The driver's identity will not be released until his family has been informed.", "procedure"),
        ("© 2024 Harbour Press Ltd, all rights reserved", "boilerplate"),
        ("Copyright 2023 Valley Ledger Media, registered in Norland with company number 4411.", "boilerplate"),
        ("All Rights Reserved.", "boilerplate"),
        ("Originally published on the Valley Ledger.", "boilerplate"),
        ("This article first appeared in Northgate Weekly.", "boilerplate"),
        ("This story has been updated.", "boilerplate"),
        ("This article was corrected to give the mayor's full name.", "boilerplate"),
        ("Harbour Review is published monthly, ISSN 1234-567X.", "boilerplate"),
        ("Provided by the Harbour Trust", "boilerplate"),  # a credit line
        ("Image courtesy of Tellan Mining.", "boilerplate"),
        ("Detective Sergeant Ana Ruiz said.", "attribution"),  # what she said was cut off before it
        ("The agency reported on Monday.", "attribution"),
        ("Ruiz told reporters.", "attribution"),
        ("Ruiz, who chairs the ferry board, said.", "attribution"),  # a clause about the speaker
        ("The festival was a wonderful celebration of local food.", "opinion"),
        ("I am so proud of everyone on this team.", "opinion"),
        ("We love this little town.", "opinion"),
        ("The new library is beautiful, welcoming and inspiring.", "opinion"),
    ],
)
def test_sentences_that_assert_nothing_checkable_are_not_claims(nlp, sentence, reason):
    doc = nlp(sentence)
    assert [why_not_checkable(s) for s in doc.sents] == [reason]
    assert kinds(nlp, sentence) == []


@pytest.mark.parametrize(
    "sentence",
    ["Temperatures fell below zero overnight.", "The town spent less on roads than on parks.",
     "Trains ran on time all week.", "Two more banks followed within a week.", "Protests followed.",
     "The agency reported a loss.", "Firefighters responded within minutes.", "The search continued.",
     "The terms of the sale have not been reported.", "A new bus timetable was written for the winter.",
     "The ministry did not comment.", "(The harbour bridge reopened in May.)",
     # an "if" clause after another verb is a condition: the sentence still asserts
     "The union said if the vote fails, its members will strike.",
     "Now, if the vote fails, its members will strike.",  # an opening adverb and a consequence
     "Don't expect fares to fall, the ferry company warned.",  # an imperative the company reports
     "The ferry timetable has been updated for the winter.",  # an update, not of the text itself
     # "what" and "how" opening a clause the sentence is about
     "What a ferry ticket costs has doubled since May.", "How the ferry sank is still unknown.",
     "How much the new ferry cost has not been disclosed.",
     "How the ferry sank remains a mystery",  # a headline whose wh-clause is the subject
     # what was said, which the parser hangs on a noun after the verb of saying
     "Ruiz said after the 3-1 win that the crew had rowed with heart.",
     "Ruiz: What I saw at the harbour changed me",
     # an explainer's headline presupposes the fact it explains, which is checkable
     "Why Harbourmart shares plunged today",
     "The council will ask residents to vote if the budget passes.",
     # notice words inside news: a copyright dispute, a first publication as the event
     "The band sued the studio over copyright in 2021.", "The novel was originally published in 1954.",
     "Her first book appeared in 2019 and sold 40,000 copies.",
     # credit words opening a claim
     "Data provided by the harbour board show fares rose 3 percent.",
     "Provided by the Harbour Trust, the grant will fund three schools.",
     # exclamations that name whom the news is about, or give a figure
     "Greyford Rovers win the cup!", "Ferry fares up 40 percent!"],
)
def test_words_of_the_rules_in_ordinary_claims_do_not_exclude_them(nlp, sentence):
    assert why_not_checkable(next(nlp(sentence).sents)) is None


def parsed(nlp, analysis: str) -> Doc:
    """A Doc parsed as written ("word/POS/head index/dependency ..."), for the rules that
    must hold whatever the small parser makes of a headline."""
    words, pos, heads, deps = zip(*(item.split("/") for item in analysis.split()))
    return Doc(nlp.vocab, words=list(words), pos=list(pos), heads=[int(h) for h in heads], deps=list(deps))


def test_only_a_short_phrase_without_a_head_is_a_fragment(nlp):
    short = parsed(nlp, "Inside/ADP/0/ROOT the/DET/2/det factory/NOUN/0/pobj")
    assert why_not_checkable(next(short.sents)) == "fragment"
    # A title-case headline the parser roots in its opening preposition still states something.
    headline = parsed(nlp, "In/ADP/0/ROOT A/DET/3/det Tense/PROPN/3/compound Final/PROPN/0/pobj ,/PUNCT/0/punct "
                           "Greyford/PROPN/6/compound Rovers/PROPN/0/appos Beat/PROPN/6/appos "
                           "Elmer/PROPN/9/compound United/PROPN/7/dobj")
    assert why_not_checkable(next(headline.sents)) is None


@pytest.mark.parametrize("text", ['"Open the door!" an officer shouted.', '"Is it safe?" the boy later asked.',
                                  # with the verb's auxiliary
                                  '"Stop right there!" the officer had shouted.', '"Why now?" Reyes has asked.'])
def test_the_attribution_cut_off_after_a_quote_is_no_claim(nlp, text):
    # the sentence splitter ends a sentence at the quote's "!" or "?"
    assert [kind for kind, _ in kinds(nlp, text)] == ["direct_quote"]


def test_a_verbless_line_of_its_own_inside_a_text_is_a_label(nlp):
    # a section heading and the entries of a list, each a line of its own after the first
    text = ("Three phones went on sale in Port Elmer this week.\n\n"
            "The best value\n\n"
            "Harbor X2 phone for $300\n\n"
            "Harbor X3 phone with a larger screen\n\n"
            "The X2 sold out within a day.")
    assert [content for _, content in kinds(nlp, text)] == [
        "Three phones went on sale in Port Elmer this week.", "The X2 sold out within a day."]


@pytest.mark.parametrize("text, line", [
    # a headline above the prose, first or after a timestamp
    ("Factory fire in Lowtown, 3 hurt\n\nThe fire started in a paint store on Monday.", "Factory fire in Lowtown, 3 hurt"),
    ("4 May 2021 Last updated at 09:12 GMT\nFactory fire in Lowtown, 3 hurt\nThe fire started in a paint store.",
     "Factory fire in Lowtown, 3 hurt"),
    # a verbless line that closes with a stop is a sentence
    ("The council met on Monday.\n\nNo injuries and no damage to the harbour.", "No injuries and no damage to the harbour."),
    # a line with a verb
    ("The council met on Monday.\n\nRams top Bears as offenses struggle", "Rams top Bears as offenses struggle"),
])
def test_a_headline_first_a_closed_sentence_and_a_line_with_a_verb_are_not_labels(nlp, text, line):
    assert line in [content for _, content in kinds(nlp, text)]


def test_a_sentence_stating_a_figure_is_a_statistic(nlp):
    claims = extract_claims(nlp("Unemployment fell to 5 percent in March.")).claims
    assert [c.kind for c in claims] == ["statistic"]
    assert [(q.value, q.unit) for q in claims[0].quantities] == [(5.0, "percent")]


def test_a_number_does_not_make_a_list_title_or_a_timestamp_a_statistic(nlp):
    assert kinds(nlp, "12 ways to save on your energy bill") == []
    assert kinds(nlp, "Posted 14 March 2021, 9:30 am") == []


@pytest.mark.parametrize("text", [
    # a title that opens the sentence keeps its marks
    '"Harbour Lights" returns to the screen for a second season.',
    # a sentence that opens with one quoted name and ends with another
    "'Harbour Lights' cast praise the crew of 'Deep Water'",
])
def test_a_sentence_that_opens_or_closes_with_a_quoted_name_is_a_claim_with_its_marks(nlp, text):
    assert kinds(nlp, text) == [("assertion", text)]


@pytest.mark.parametrize("text", ['"Ferry fares to rise again"', "‘Ferry fares to rise again’"])
def test_a_line_that_only_quotes_a_statement_is_a_claim(nlp, text):
    # a headline quoting an unnamed source: too short to pass for speech, and no one said it
    assert [content for _, content in kinds(nlp, text)] == [text]


def test_a_figure_describing_the_speaker_of_a_quote_makes_no_statistic(nlp):
    sentence = '"The water rose faster than anyone expected," said Mara Quill, a 47-year-old farmer from the valley.'
    assert [kind for kind, _ in kinds(nlp, sentence)] == ["direct_quote"]
    # A figure the writer reports beside the quote is still a claim of the sentence.
    beside = '"The water rose," said Mara Quill, as 300 homes were flooded.'
    assert [kind for kind, _ in kinds(nlp, beside)] == ["direct_quote", "statistic"]


def test_a_figure_inside_a_claim_that_holds_another_claim_makes_no_statistic(nlp):
    # the quote inside Lee's reported words once hid the rest of them from the check
    text = 'Jo Lee said the plan, which she called "a waste of public money," would close 3 schools.'
    assert [kind for kind, _ in kinds(nlp, text)] == ["indirect_quote", "direct_quote"]


@pytest.mark.parametrize("text, statistic", [
    ('"We played poorly," Sam Petrie said after the 2-1 loss to Riverton.',
     "Sam Petrie said after the 2-1 loss to Riverton."),
    ('After the 2-1 loss to Riverton, Sam Petrie said: "We played poorly."',
     "After the 2-1 loss to Riverton, Sam Petrie said"),
    ('"The water rose," said Mara Quill, as 300 homes were flooded.', "said Mara Quill, as 300 homes were flooded."),
])
def test_a_figure_beside_a_quote_makes_a_statistic_of_the_words_outside_the_quote(nlp, text, statistic):
    # the quote is a claim of its own: the statistic neither opens nor closes inside its marks
    assert [content for kind, content in kinds(nlp, text) if kind == "statistic"] == [statistic]


def test_a_name_after_the_verb_read_as_the_subject_of_a_passive_clause_after_it_speaks(nlp):
    # the parser makes "Mara Quill" the subject of "were flooded"
    claims = extract_claims(nlp('"The water rose," said Mara Quill, as 300 homes were flooded.')).claims
    assert [(c.content, c.speaker.name) for c in claims if c.kind == "direct_quote"] == [("The water rose,", "Mara Quill")]


def test_one_sentence_records_each_give_a_claim(tmp_path):
    """A JSON Lines file of single statements, as fact-checkers keep them: each one is stored
    as at least one claim; a question is not."""
    statements = [
        "The Tolvan health service cut waiting times for hip surgery by a third.",
        "Greyford's new incinerator was approved without a public hearing.",
        "tap water in Lannock is safe to drink",
        "Ferry fares to the islands doubled after the route was privatized",
        "The Tolvan senate rejected the mining bill.",
    ]
    question = "Did the senate reject the mining bill?"
    source = tmp_path / "statements.jsonl"
    source.write_text("".join(json.dumps({"url": f"https://example.org/{i}", "text": text}) + "\n"
                              for i, text in enumerate([*statements, question])))
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "kb.db"), str(source), "--no-link"])
    assert result.exit_code == 0, result.output
    rows = open_db(tmp_path / "kb.db").execute(
        "select a.text, count(c.id) from articles a left join claims c on c.article_id = a.id group by a.id"
    ).fetchall()
    counts = dict(rows)
    assert all(counts[s] >= 1 for s in statements)
    assert counts[question] == 0


@pytest.mark.parametrize("headline", [
    "Brightwell Foods To Buy Welsh Bakery Chain",
    "Norland Rail And Harbour Ferries To End Partnership",
])
def test_a_headline_is_not_split_where_no_sentence_ends(nlp, headline):
    # the parser cut title-cased headlines before "To", leaving half a claim
    assert [s.text for s in nlp(headline).sents] == [headline]
    assert kinds(nlp, headline) == [("assertion", headline)]


@pytest.mark.parametrize("sentence", [
    "Reporters asked Msgr. Paul Brandt if the parish would sell the hall.",
    "Const. Ana Ruiz and Insp. Ray Lund said the bridge was safe to cross.",
])
def test_no_sentence_ends_after_an_abbreviated_title(nlp, sentence):
    assert [s.text for s in nlp(sentence).sents] == [sentence]


def test_sentences_still_end_at_full_stops_and_closing_quotes(nlp):
    text = 'The ferry stopped. "We ran out of fuel." Repairs start today.'
    assert [s.text for s in nlp(text).sents] == ["The ferry stopped.", '"We ran out of fuel."', "Repairs start today."]


@pytest.mark.parametrize("text, first", [
    ("Critics mocked the city's \u201cSlow down. Arrive alive.\u201d road campaign all week. The council defended it.",
     "Critics mocked the city's \u201cSlow down. Arrive alive.\u201d road campaign all week."),
    ('The mayor unveiled the slogan "Clean harbour. Clean town." The council defended it.',
     'The mayor unveiled the slogan "Clean harbour. Clean town."'),
])
def test_no_sentence_ends_inside_a_short_quotation_opened_after_a_word(nlp, text, first):
    # a slogan with a stop inside is a phrase of the sentence around it: no half sentence
    # ending at "Slow down." and no "road campaign all week." of its own
    assert [s.text.strip() for s in nlp(text).sents] == [first, "The council defended it."]


def test_a_speakers_sentences_after_a_comma_still_end_at_their_stops(nlp):
    text = 'Ann Berg said, "The ferry stopped. We ran out of fuel." Repairs start today.'
    assert [s.text.strip() for s in nlp(text).sents] == [
        'Ann Berg said, "The ferry stopped.', 'We ran out of fuel."', "Repairs start today."]


@pytest.mark.parametrize("text, kept", [
    ("The harbour bridge reopened in May after two years of repairs.\n\nJournal du Port 2024. Tous droits réservés.",
     "The harbour bridge reopened in May after two years of repairs."),
    ("The harbour bridge reopened in May after two years of repairs.\n\nHafenblatt 2024. Alle Rechte vorbehalten.",
     "The harbour bridge reopened in May after two years of repairs."),
    ("The harbour bridge reopened in May after two years of repairs.\n\nВсе права защищены.",
     "The harbour bridge reopened in May after two years of repairs."),
    # the notice's second sentence, cut from a copyright line after the site's name
    ("항구 다리가 2년간의 보수 끝에 5월에 다시 열렸다.\n\nCopyright ⓒ Harbournews.example. 무단전재 및 재배포 금지",
     "항구 다리가 2년간의 보수 끝에 5월에 다시 열렸다."),
])
def test_a_rights_notice_in_another_language_is_no_claim(nlp, text, kept):
    assert [content for _, content in kinds(nlp, text)] == [kept]


@pytest.mark.parametrize("text", [
    "It is fair to say that the plan failed.",
    "It is too early to say whether the new bridge will cut traffic.",
    "Though his style gave Petrie some moments of discomfort, it would be a stretch to say that he troubled Lee.",
])
def test_a_verb_of_saying_that_no_one_speaks_leaves_the_writers_assertion(nlp, text):
    # "it is fair to say": the writer's hedge, not words reported of "it" or of "a stretch"
    (claim,) = extract_claims(nlp(text)).claims
    assert (claim.kind, claim.speaker) == ("assertion", None)


@pytest.mark.parametrize("text", ["The council said yes to the new bridge.", "Jo Lee said no to the plan."])
def test_saying_yes_or_no_to_something_is_a_decision_not_a_bare_attribution(nlp, text):
    (claim,) = extract_claims(nlp(text)).claims
    assert claim.kind == "assertion"
