"""Speaker resolution across an article: names, titles, pronouns, roles, organizations."""
import pytest

from claimkb.ingest.extract import extract_claims
from claimkb.ingest.extract.cues import entity_of
from claimkb.ingest.extract.names import acronym_of, acronyms_of, serves_another, with_time_zones, without_leading_role


def the_quote(nlp, text, kind="quote"):
    """The one claim of ``text`` whose kind ends with ``kind``."""
    (quote,) = [c for c in extract_claims(nlp(text)).claims if c.kind.endswith(kind)]
    return quote


def quotes_of(nlp, text):
    return [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]


def claims_by_content(nlp, text):
    return {c.content: c for c in extract_claims(nlp(text)).claims}


def test_surname_resolves_to_full_name_and_title(nlp):
    text = (
        "United States Assistant Attorney General Beth Williams has called for action.\n\n"
        'Williams said: "Online exploitation requires all of civil society to work together."'
    )
    extraction = extract_claims(nlp(text))
    (quote,) = [c for c in extraction.claims if c.kind == "direct_quote"]
    assert quote.speaker.name == "Beth Williams"
    assert quote.speaker.title == "Assistant Attorney General"
    assert quote.speaker_mention == "Williams"
    assert quote.speaker in extraction.speakers


@pytest.mark.parametrize("full, surname", [
    ("Dale R. Hutton Jr.", "Hutton"), ("Orla Kessling Sr.", "Kessling"), ("Marcus Penrose III", "Penrose"),
])
def test_a_generation_after_a_name_is_part_of_it_and_the_surname_before_it_finds_it(nlp, full, surname):
    text = (f"{full}, the county's chief engineer, inspected the bridge on Monday.\n\n"
            f'"The deck needs new bearings," {surname} said.')
    quote = the_quote(nlp, text)
    assert quote.speaker.name == full
    assert quote.speaker_mention == surname


@pytest.mark.parametrize("full, surname", [("’Mamello Ntho", "Ntho"), ("’Matlali Sekhesa", "Sekhesa")])
def test_an_apostrophe_a_name_begins_with_is_part_of_it(nlp, full, surname):
    # Sesotho names write "’Ma" for "Mma" (mother of); the NER leaves the mark out
    text = (f"Seventy-year-old {full} sits outside her cracked house near the quarry.\n\n"
            f'"The blasting shakes the walls every day," Ms {surname} said.')
    quote = the_quote(nlp, text)
    assert quote.speaker.name == full


@pytest.mark.parametrize("letters", ["MP", "KC", "MBE", "OBE MSP"])
def test_letters_after_a_name_are_no_part_of_it(nlp, letters):
    text = (f"Dana Whitfield {letters} said the pier would reopen in May.\n\n"
            '"We will rebuild it ourselves," Whitfield added.')
    claims = [c for c in extract_claims(nlp(text)).claims if c.kind.endswith("quote")]
    assert [c.speaker.name for c in claims] == ["Dana Whitfield", "Dana Whitfield"]
    assert claims[0].speaker is claims[1].speaker


def test_a_seat_alone_is_a_role_not_a_name(nlp):
    # Guard: with no name before it, "MP" stays in the role that speaks.
    assert the_quote(nlp, "A Labour MP said the pier would reopen in May.").speaker_mention == "A Labour MP"


def test_same_speaker_object_across_claims(nlp):
    text = (
        "Dr. Sarah Connor warned that the virus may spread further.\n\n"
        '"We must act now," Connor said.\n\n'
        "She added that hospitals were running out of beds."
    )
    claims = [c for c in extract_claims(nlp(text)).claims if c.kind.endswith("quote")]
    assert len(claims) == 3
    assert all(c.speaker is claims[0].speaker for c in claims)
    assert claims[0].speaker.name == "Sarah Connor"
    assert claims[2].speaker_mention == "She"


def test_pronoun_prefers_the_speaker_over_people_in_the_reported_content(nlp):
    text = (
        "Nora Pike said Owen Marsh would make a fine harbour master.\n\n"
        '"He knows every boat and every captain on this coast," she said.'
    )
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Nora Pike"


def test_pronouns_follow_gender_given_by_honorifics(nlp):
    text = (
        "Mr. Paul Grant met Ms. Ana Silva on Monday. Silva said the talks went well.\n\n"
        '"We made real progress on the pipeline," he said.'
    )
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Paul Grant"


def test_role_noun_resolves_to_the_person_holding_the_title(nlp):
    text = (
        "Assistant Attorney General Beth Williams spoke at the event.\n\n"
        "According to the Prosecutor, one form of abuse can lead to another form."
    )
    claim = next(c for c in extract_claims(nlp(text)).claims if c.cue == "according to")
    assert claim.speaker.name == "Beth Williams"
    assert claim.speaker_mention == "the Prosecutor"


def test_acronym_becomes_alias_and_organization_noun_resolves(nlp):
    text = (
        "The National Center for Missing & Exploited Children (NCMEC) received millions of reports.\n\n"
        "The organization estimates that more than half of its reports will vanish."
    )
    extraction = extract_claims(nlp(text))
    claim = next(c for c in extraction.claims if c.cue == "estimates")
    assert claim.speaker.name == "National Center for Missing & Exploited Children"
    assert claim.speaker.kind == "organization"
    assert "NCMEC" in claim.speaker.aliases
    assert claim.speaker_mention == "The organization"


def test_spokesperson_for_an_organization(nlp):
    # an unnamed spokesperson is a person named after what it speaks for, which it cites
    text = "A spokesperson for HMRC said the checks would continue into next year."
    claim = next(c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote")
    assert (claim.speaker.name, claim.speaker.kind) == ("HMRC spokesperson", "person")
    assert claim.speaker_mention == "A spokesperson for HMRC"
    assert claim.citations == ["HMRC"]


def test_a_spokesperson_naming_no_one_speaks_for_the_organization_the_sentence_before_is_about(nlp):
    text = ("Harbourmart, part of the Tellan Group, did not accept the offer. A spokesperson who "
            "did not wish to be named said the chain never sells vaccines.\n\n"
            '"Running a clinic is not feasible," the spokesperson said.')
    claims = [c for c in extract_claims(nlp(text)).claims if c.kind.endswith("quote")]
    assert [c.speaker.name for c in claims] == ["Harbourmart spokesperson"] * 2
    assert claims[0].citations == ["Harbourmart"]


@pytest.mark.parametrize("text", [
    "Premier Ann Reyes did not attend. A spokeswoman said the premier was ill.",
    "Harbourmart opened a store in May.\n\nShoppers lined up early. Many waited for an hour. "
    "Later a spokesperson said more stores would open soon.",
])
def test_a_spokesperson_after_a_person_or_far_from_an_organization_speaks_for_no_organization(nlp, text):
    # guard: only an organization that a sentence right before is about
    claim = the_quote(nlp, text, "indirect_quote")
    assert claim.speaker.name in ("spokeswoman", "spokesperson")


@pytest.mark.parametrize("text, speaker", [
    ('A fisherman on the pier said "the catch is down."', "fisherman on the pier"),
    ('A volunteer from the food bank said "demand has doubled."', "volunteer from the food bank"),
    ('Residents in Eastvale said "the water tastes odd."', "Residents in Eastvale"),
])
def test_where_an_unnamed_source_is_or_comes_from_is_part_of_who_they_are(nlp, text, speaker):
    assert the_quote(nlp, text).speaker.name == speaker


@pytest.mark.parametrize("text", [
    'An official on Tuesday said "the bridge is safe."',
    'The ministry in a statement said "the bridge is safe."',
])
def test_a_time_or_a_document_after_the_source_is_not_part_of_who_they_are(nlp, text):
    # guard: the parser hangs the saying's own time or document on the noun
    name = the_quote(nlp, text).speaker.name
    assert "Tuesday" not in name and "statement" not in name


@pytest.mark.parametrize("name", ["Office of Science and Technology Policy", "Harbour Board of Trade and Shipping"])
def test_an_organization_named_whole_is_not_cut_at_its_own_and(nlp, name):
    text = f'The {name} said "the port will reopen."'
    assert the_quote(nlp, text).speaker.name == name


def test_quote_with_no_attribution_continues_the_previous_speaker(nlp):
    text = (
        '"The storm knocked out power to half the city," said Mayor Tom Reid.\n\n'
        "Many streets were still dark on Tuesday.\n\n"
        '"Crews will work through the night to restore it to every home."'
    )
    quotes = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert len(quotes) == 2
    assert quotes[1].speaker is quotes[0].speaker
    assert quotes[1].speaker.name == "Tom Reid"
    assert quotes[1].speaker_mention is None


def test_definite_description_refers_back_to_the_person_introduced(nlp):
    text = (
        "Maria Lopez opened her bakery on Main Street in 2015.\n\n"
        '"We bake everything by hand, every morning," says the 41-year-old owner of Crumb Bakery.'
    )
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Maria Lopez"
    assert quote.speaker_mention.startswith("the 41-year-old owner")


def test_a_definite_description_refers_back_to_a_person_a_who_clause_introduced(nlp):
    text = (
        "I am talking about Maria Lopez, who was born in Peru.\n\n"
        "“We print anything by anyone,” says the 41-year-old founder of Harbour Press.\n"
    )
    (quote,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert quote.speaker.name == "Maria Lopez"


def test_a_person_a_who_clause_introduces_does_not_take_over_the_quotes_of_the_speaker(nlp):
    # a guard (passes before and after): only a description refers back to such a person
    text = (
        "“They made him our problem,” prosecutor Jane Roe said of Tom Reyes, who fled bail in 1996.\n\n"
        "“He is a danger to everyone.”\n"
    )
    quotes = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert {q.speaker.name for q in quotes} == {"Jane Roe"}


@pytest.mark.parametrize("description", ["the soft-spoken veteran", "the bow-tied maverick", "the local legend"])
def test_definite_description_with_any_noun_refers_back_to_the_person_introduced(nlp, description):
    # the noun need not be a known kind of person: whoever "says" it is one
    text = (
        "Maria Lopez opened her bakery on Main Street in 2015.\n\n"
        f'"We bake everything by hand, every morning," says {description}.'
    )
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Maria Lopez"


@pytest.mark.parametrize("body", ["the audience", "the angry crowd"])
def test_a_body_of_people_named_by_a_singular_noun_is_not_the_person_introduced(nlp, body):
    text = (
        "Senator Adam Cole spoke for an hour at the town hall.\n\n"
        f"Then {body} said the speech was far too long."
    )
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert claim.speaker.name == body.removeprefix("the ")


@pytest.mark.parametrize("share", ["About 40 per cent of the drivers", "A majority of the drivers",
                                   "Half of the drivers", "Most of the drivers"])
def test_a_share_of_a_group_is_a_group_that_no_he_refers_back_to(nlp, share):
    text = (
        "Tom Varga runs the ferry company's yearly survey of its staff.\n\n"
        f"{share} said the night shifts were too long.\n\n"
        '"We will hire more crews next spring," he said.'
    )
    claims = claims_by_content(nlp, text)
    share_said = claims["the night shifts were too long"]
    assert share_said.speaker.kind == "organization"  # the kind unnamed groups have
    assert claims["We will hire more crews next spring,"].speaker.name == "Tom Varga"


def test_one_of_a_group_is_one_person(nlp):
    # guard: "one of" names a single member, whom "he" may refer back to
    text = (
        "Tom Varga runs the ferry company's yearly survey of its staff.\n\n"
        "One of the drivers said the night shifts were too long.\n\n"
        '"We are worn out," he said.'
    )
    claims = claims_by_content(nlp, text)
    assert claims["We are worn out,"].speaker == claims["the night shifts were too long"].speaker


@pytest.mark.parametrize("description", ["The former sergeant-at-arms of the legislature",
                                         "The deputy sergeants-at-arms of the legislature"])
def test_a_hyphenated_compound_is_headed_by_its_first_noun(nlp, description):
    # the parser heads "sergeant-at-arms" with "arms", a plural that named a group
    text = (
        "Maria Lopez ran the legislature's security for a decade before she retired in May.\n\n"
        f'{description} said on Monday that "we never once missed a sitting."'
    )
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    # one person, the one the passage is about; several, a group of their own (a guard)
    assert (quote.speaker.name == "Maria Lopez") == ("sergeants" not in description)


@pytest.mark.parametrize("dateline", ["CEDAR FALLS, N.S. —", "PINE HILL —"])
def test_the_person_a_dateline_opens_with_is_the_ledes_subject(nlp, dateline):
    # the parser makes the dateline the subject and the name its apposition (with no
    # state, "PINE HILL", the lede found her before the rule too: a guard)
    text = (
        f"{dateline} Maria Quint, who ran the port authority for a decade, is weighing a run for mayor.\n\n"
        '"The harbour needs a plan," says the former harbour master.'
    )
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Maria Quint"


def test_a_pronoun_takes_a_clauses_subject_over_a_name_in_passing_in_the_same_sentence(nlp):
    # the NER takes the bend's name for a person's; no main-clause subject fits "she"
    text = ('Locals call the bend Widow Reach, after the writer Sarah Collins named it in her 1998 book. '
            '"Nobody crosses there at night," she said.')
    assert the_quote(nlp, text, "direct_quote").speaker.name == "Sarah Collins"


def test_a_document_speaking_is_not_the_person_introduced(nlp):
    text = "Maria Lopez opened her bakery on Main Street in 2015.\n\nThe company website says that every loaf is baked by hand."
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert claim.speaker is None or claim.speaker.name != "Maria Lopez"


def test_indefinite_role_stays_a_role(nlp):
    text = (
        "Maria Lopez opened her bakery on Main Street in 2015.\n\n"
        "A spokesperson for the city said the street would be repaved next year."
    )
    claim = next(c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote")
    assert claim.speaker.name != "Maria Lopez"


def test_possessive_place_before_a_name_is_not_part_of_it(nlp):
    text = '"We played hard for sixty minutes and it showed," Calgary\'s Tom Becker said.'
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Tom Becker"


def test_shared_surname_means_the_person_introduced_first(nlp):
    text = (
        "Anna Kovac founded the clinic in 1998.\n\n"
        "Her son, Peter Kovac, joined the practice in 2019.\n\n"
        "Kovac said the clinic would open a second office next year."
    )
    claim = next(c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote")
    assert claim.speaker.name == "Anna Kovac"


def test_photo_credit_is_not_an_antecedent(nlp):
    text = (
        "Alex Martin organized the vigil outside city hall.\n\n"
        "Photo by Sam Kerr/Global News\n\n"
        '"We wanted people to remember the ones we lost," she said.'
    )
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Alex Martin"


def test_pronoun_follows_a_chain_of_subject_pronouns(nlp):
    text = (
        "Ben Ortiz grew up in Winnipeg.\n\n"
        "He moved to Toronto in 2010, where his cousin Tom Reyes found him a job at a garage. "
        "He still works there.\n\n"
        '"I was lucky to have family here," he says.'
    )
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Ben Ortiz"


def test_quoted_words_inside_an_attribution_are_not_its_speaker(nlp):
    text = (
        "Toronto nurse Amy Chen, who lost 10 pounds “and a dress size” since June, "
        "says the program changed her habits."
    )
    claims = [c for c in extract_claims(nlp(text)).claims if c.kind.endswith("quote")]
    assert all(c.speaker is None or "dress size" not in c.speaker.name for c in claims)


def test_pronoun_finds_a_surname_the_ner_missed_outside_subject_position(nlp):
    # "Lopez" as an object is not labelled a PERSON by the small model; it is
    # still the nearest mention of a person before "she", not "Grant".
    text = (
        "Maria Lopez founded the shelter in 2010 with Peter Grant. Grant retired last year.\n\n"
        'On Monday the board gave Lopez an award. "It was never about me," she said.'
    )
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Maria Lopez"


def test_full_name_mislabelled_a_place_is_a_person_when_its_surname_is_one(nlp):
    # The small model sometimes labels a full name GPE; when the surname alone is
    # labelled PERSON elsewhere, the full name is still the person's.
    from spacy.tokens import Span

    text = (
        "Megan Dorvik runs the animal shelter in town.\n\n"
        'The dogs were all rescued on Monday, according to Dorvik. "We have never seen this many," Dorvik said.'
    )
    doc = nlp(text)
    dorviks = [Span(doc, t.i, t.i + 1, label="PERSON") for t in doc[2:] if t.text == "Dorvik"]
    doc.ents = [Span(doc, 0, 2, label="GPE"), *dorviks]
    quote = next(c for c in extract_claims(doc).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Megan Dorvik"


def test_video_caption_with_running_time_is_not_an_antecedent(nlp):
    # an embedded video's caption ends its paragraph with the running time
    text = (
        "Anna Kowal lost her brother to an overdose in 2016.\n\n"
        "Reporter Tom Reddick explains the rise of counterfeit pills in the region. 3:17\n\n"
        'After the funeral, she went to the police. "I wanted answers," she says.'
    )
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Anna Kowal"


@pytest.mark.parametrize(
    "text, cue",
    [
        # verbs of saying that news uses for a quote's attribution
        ('Rita Holm chairs the school board. "That is not what we agreed," she interjected.', "interjected"),
        ('"We will appeal the ruling," retorted Sam Lund, the club president.', "retorted"),
        ('"The fees will rise next spring," Sam Lund continued.', "continued"),
        # a verb of no lexicon, whose clausal complement is the quotation
        ('"We are done talking to the council," snapped Sam Lund.', "snapped"),
    ],
)
def test_a_verb_reporting_a_quotation_is_its_cue(nlp, text, cue):
    quote = the_quote(nlp, text, "direct_quote")
    assert quote.cue == cue
    assert quote.speaker.name in ("Rita Holm", "Sam Lund")


@pytest.mark.parametrize(
    "text",
    [
        'Nora Patel runs the clinic. But she said the figures also do not mean the clinic should close, '
        'rather "that the board needs to find new money before winter."',
        'Ana Cruz chairs the council. She said the vote does not mean the plan will pass, only "that the debate can '
        'begin."',
    ],
)
def test_a_quotation_inside_what_someone_said_is_theirs_not_the_inner_verbs(nlp, text):
    # the parser hangs the quotation on a verb of the reported clause ("close", "pass"),
    # which is no verb of saying: the words are the outer speaker's
    (quote,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert quote.cue == "said"
    assert quote.speaker.name in ("Nora Patel", "Ana Cruz")
    assert quote.speaker_mention in ("she", "She")


def test_a_verb_whose_complement_is_not_quoted_is_no_cue(nlp):
    # "knows" has a clausal complement, but it is not a quotation and "know" is no verb of saying
    text = "Sam Lund knows the pier will close in June."
    assert [c for c in extract_claims(nlp(text)).claims if c.kind.endswith("quote")] == []


def test_according_to_a_statement_from_an_organization_cites_it(nlp):
    text = "The pier will close for two months, according to a statement from the Westmere Fishers Union."
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.cue == "according to"]
    assert claim.speaker.name == "Westmere Fishers Union"
    assert claim.citations == ["Westmere Fishers Union"]


def test_a_name_with_no_words_refers_to_nobody(nlp):
    from claimkb.ingest.extract.speakers import SpeakerResolver

    resolver = SpeakerResolver(nlp("Mayor Ana Ruiz said the bridge will reopen."))
    assert resolver._lookup_person("", 0) is None
    assert resolver._lookup_person("  ", 0) is None


def test_a_name_qualifying_a_noun_is_no_antecedent(nlp):
    # "the Dana Cole pipeline" speaks of a pipeline: "she" is still the activist
    text = (
        "Rita Holm has organized youth rallies for three years.\n\n"
        "The youth council said in July that it opposed the Dana Cole pipeline.\n\n"
        '"This land is who we are," she said.'
    )
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Rita Holm"


def test_a_possessor_is_not_the_speaker_of_its_role(nlp):
    # "Lund's lawyers" speak for Lund but are not Lund
    text = "Sam Lund lost his case on Monday.\n\nLund's lawyers said they would appeal the ruling."
    claims = {c.content: c for c in extract_claims(nlp(text)).claims}
    assert claims["they would appeal the ruling"].speaker.name == "Lund's lawyers"


@pytest.mark.parametrize("text, speaker", [
    ('Tellan Motors said profits fell 9%. Its chief executive, Mark Dunn, blamed the strike. '
     '"It was a tough quarter," he told analysts.', "Mark Dunn"),
    ('Harbourmart said it would appeal. Its lawyer, Jan Toll, called the fine unfair. '
     '"We will win," he said.', "Jan Toll"),
    # guard: a title after a colon is no subject's name
    ('"We sold 40 copies," says the self-taught artist, who drew the comic Grunt: The Lost Soldier. '
     '"It was worth it."', "self-taught artist"),
])
def test_a_name_set_off_beside_the_subject_is_who_the_subject_is(nlp, text, speaker):
    # so a later "he" or "she" refers to the name, not to someone who spoke before
    last = extract_claims(nlp(text)).claims[-1]
    assert (last.speaker.name if last.speaker else None) == speaker


@pytest.mark.parametrize("text, speaker", [
    ('"We will not back down," the Harbour Workers Union\'s statement read.', "Harbour Workers Union"),
    ('"We are done here," a note from Dana Roe read.', "Dana Roe"),
    # people who wrote it together
    ('"She died peacefully," a statement from the family of Jo Lee said.', "family of Jo Lee"),
    ('"The road is unsafe," a letter from residents read.', "residents"),
    ('Jo Lee ran the shop for years. "Closed until further notice," a sign on its door reads.', None),
    ('Jo Lee ran the shop for years. A sign on its door warned, "Keep out."', None),
    ('Calls to Harbourmart were not answered, and a recording said, "Our offices are closed."', None),
    ('"We found no breach," the Tellan Security blog said.', "Tellan Security"),
])
def test_what_a_document_or_a_sign_reads_is_its_writers_or_no_ones(nlp, text, speaker):
    (quote,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert (quote.speaker.name if quote.speaker else None) == speaker


@pytest.mark.parametrize("text, speaker", [
    ('Dana Roe issued a statement on Monday. "I have done my best," the statement said.', "Dana Roe"),
    ('In a statement, Dana Roe said she would resign. "I have done my best," the statement said.', "Dana Roe"),
    ('Jo Lee released a report on Monday. The report said rents rose 12 per cent.', "Jo Lee"),
    # reading a statement out is no sign of having written it
    ('Dana Roe read a statement to reporters. "I have done my best," the statement said.', None),
])
def test_the_document_named_before_speaks_for_whoever_issued_it(nlp, text, speaker):
    *_, quote = [c for c in extract_claims(nlp(text)).claims if c.kind in ("direct_quote", "indirect_quote")]
    assert (quote.speaker.name if quote.speaker else None) == speaker


@pytest.mark.parametrize("subject, issuer", [("Tenants", "Tenants"), ("Hours", None)])
def test_a_time_the_parser_takes_for_the_subject_of_issuing_issued_nothing(nlp, subject, issuer):
    from spacy.tokens import Doc

    from claimkb.ingest.extract.speakers import _issuer_of_earlier

    # "Hours later filed a lawsuit ...": a parse such as the small model gives when a
    # list of names follows the real subject (set by hand: it is the parse under test)
    words = [subject, "later", "filed", "a", "lawsuit", ".", "The", "lawsuit", "said", "so", "."]
    doc = Doc(nlp.vocab, words=words, heads=[2, 2, 2, 4, 2, 2, 7, 8, 8, 8, 8],
              deps=["nsubj", "advmod", "ROOT", "det", "dobj", "punct", "det", "nsubj", "ROOT", "advmod", "punct"],
              pos=["NOUN", "ADV", "VERB", "DET", "NOUN", "PUNCT", "DET", "NOUN", "VERB", "ADV", "PUNCT"],
              lemmas=[subject.lower().rstrip("s"), "later", "file", "a", "lawsuit", ".", "the", "lawsuit", "say", "so", "."])
    found = _issuer_of_earlier(doc[7])
    assert (found.text if found is not None else None) == issuer


@pytest.mark.parametrize("text, speaker", [
    ("Dana Roe believed no such meeting occurred, saying she kept the mayor's diary.", "Dana Roe"),
    # guard: where the parser hangs it on the verb of saying already
    ("Jo Lee said the ferry had sunk, adding that all 40 passengers were rescued.", "Jo Lee"),
])
def test_a_participle_of_saying_after_what_someone_said_or_believed_is_theirs(nlp, text, speaker):
    # the parser hangs "saying" on the clause said or believed, whose subject is a thing
    last = extract_claims(nlp(text)).claims[-1]
    assert last.speaker.name == speaker


def test_they_after_a_group_that_spoke_is_the_group_not_a_subject_of_what_it_said(nlp):
    text = "Police say that the fires started after midnight. They say the suspect fled on foot."
    assert extract_claims(nlp(text)).claims[-1].speaker.name == "Police"


@pytest.mark.parametrize("text, speaker", [
    # a heading before a quotation is not its speaker: the parser gives "says" two
    # subjects, the heading and the name after the verb
    ('New parking rules for the port: "No trucks after six," says Dana Roe.', "Dana Roe"),
    # an officer of a kind of organization is not of a group of its people named before
    ('Police sources and witnesses said the crowd grew quickly. "They are calling us names," said a police '
     'officer at the scene.', "police officer at the scene"),
])
def test_the_speaker_of_a_quotation_is_not_a_heading_or_a_group_before_it(nlp, text, speaker):
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker.name == speaker


@pytest.mark.parametrize("text, speaker", [
    # a business kind does not refer to a public or member body named before
    ("The Harbour Workers Association said pay had fallen. Tellan shares rose. The company said sales grew 4%.",
     "company"),
    ("The Westmere Police Department said two men were arrested. The company said it would cooperate.", "company"),
    # a name set right after an organization noun names that organization
    ("The upmarket clothing company Dana Ruiz saw sales climb 1 per cent. The company said it opened stores.",
     "Dana Ruiz"),
    # ... nor a council that is the subject of the sentence before, where a business spoke
    ("Okonta Mining said output fell. The Westmere Council approved the mine. The company said it was pleased.",
     "Okonta Mining"),
])
def test_the_company_is_a_business_named_before(nlp, text, speaker):
    assert extract_claims(nlp(text)).claims[-1].speaker.name == speaker


@pytest.mark.parametrize("company", ["Tellan Motors", "Okonta Mining", "Brindle Pharmaceuticals", "Kessel Airways"])
def test_a_company_named_with_its_trade_is_no_person(nlp, company):
    # the small NER labels such names ORG, and two capitalized words with no word of an
    # organization had been read as a person's name, whom a later "he" could mean
    text = (f'{company} said profits fell 9%. The strike was blamed on its chief executive, Mark Dunn. '
            '"It was a tough quarter," he told analysts.')
    assert extract_claims(nlp(text)).claims[-1].speaker.name == "Mark Dunn"


@pytest.mark.parametrize("text, speaker", [
    ("Lawyers for Dana Roe argue the search was illegal.", "Lawyers for Dana Roe"),
    ("Friends of Jo Lee say she never owned a gun.", "Friends of Jo Lee"),
    ("Supporters of Mayor Ana Ruiz said the vote was rigged.", "Supporters of Mayor Ana Ruiz"),
    ("Whitfield administration officials said the sanctions would be lifted.", "Whitfield administration officials"),
    ("Mark Dunn campaign aides said the rally would go ahead.", "Mark Dunn campaign aides"),
    # guards: a person named beside a role is the speaker
    ("Local accountant Jane Roe said the tax was unfair.", "Jane Roe"),
    ("The lawyer for the family, Jane Roe, said the tax was unfair.", "Jane Roe"),
])
def test_people_who_act_for_a_person_speak_not_the_person(nlp, text, speaker):
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert claim.speaker.name == speaker


def test_an_unnamed_source_keeps_its_description_and_is_referred_back_to(nlp):
    text = (
        "The Pacers signed two guards on Friday. A person familiar with the negotiations "
        "said the deal was done to save money.\n\n"
        "The team has not commented. The person, who spoke on condition of anonymity, "
        "said the club will waive both players."
    )
    claims = {c.content: c for c in extract_claims(nlp(text)).claims}
    first = claims["the deal was done to save money"].speaker
    assert first.name == "person familiar with the negotiations"
    assert claims["the club will waive both players"].speaker is first


def test_a_definite_office_as_subject_carries_the_pronoun_chain(nlp):
    # "the mayor raised the plan" names the mayor again, so "he" is the mayor and
    # not the spokesperson quoted in between
    text = (
        "Mayor Tom Brandt wants the rail line built at night.\n\n"
        "\u201cThe line will not be built at night,\u201d a spokesperson for the transit agency said.\n\n"
        "On Monday, the mayor raised the plan again at a meeting with residents.\n\n"
        "\u201cWe can save millions if crews work around the clock,\u201d he said."
    )
    quotes = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert quotes[-1].speaker.name == "Tom Brandt"


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a relative clause, a coordination or a phrase about the object is no part of the name
        ("A member of the public, whose name was withheld, wrote that the fees are unfair.", "member of the public"),
        ("One of the players in the video said the coach needs a kidney.", "one of the players"),
        ("A person familiar with the talks but not allowed to speak said the deal is close.",
         "person familiar with the talks"),
        # two nouns joined name one source together: both are its name
        ("Several tax lawyers and accountants say the new rule is unclear.", "Several tax lawyers and accountants"),
        ("Local farmers and fishermen said the harbour plan would cost them dearly.", "Local farmers and fishermen"),
        # an adverb that focuses the subject is no part of it
        ("Even the ferry operators said the harbour plan would cost them dearly.", "ferry operators"),
        ("Only the harbour master said the pier was unsafe.", "harbour master"),
    ],
)
def test_an_unnamed_source_is_named_by_its_noun_phrase_alone(nlp, text, speaker):
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert claim.speaker.name.lower() == speaker.lower()


@pytest.mark.parametrize("subject", ["Tom Reyes and Ana Ruiz", "The cafe's owners, Tom Reyes and Ana Ruiz,"])
def test_people_who_speak_together_are_one_source_citing_each(nlp, subject):
    text = (
        f"{subject} said they respected the vote. \"We will keep the cafe open,\" they said.\n\n"
        "Ruiz said the rent had doubled.\n"
    )
    claims = extract_claims(nlp(text)).claims
    together = [c for c in claims if "rent" not in c.content]
    assert [c.speaker.name for c in together] == ["Tom Reyes and Ana Ruiz"] * 2
    assert all(c.citations[:2] == ["Tom Reyes", "Ana Ruiz"] for c in together)
    (alone,) = [c for c in claims if "rent" in c.content]
    assert alone.speaker.name == "Ana Ruiz"


def test_a_person_joined_to_an_object_speaks_alone(nlp):
    # a guard (passes before and after): "and" joins two verbs here, not two speakers
    (claim,) = extract_claims(nlp("Tom Reyes met Ana Ruiz and said the vote was fair.")).claims
    assert claim.speaker.name == "Tom Reyes"


def test_a_name_set_beside_a_role_is_the_speaker(nlp):
    text = (
        "Keeper of the Royal Seal, Syed Danial Syed Ahmad, said the council met on Monday. "
        "Ana Ruiz, who once met the singer Tom Waits, said the hall was full."
    )
    claims = {c.content: c for c in extract_claims(nlp(text)).claims}
    assert claims["the council met on Monday"].speaker.name == "Syed Danial Syed Ahmad"
    assert claims["the hall was full"].speaker.name == "Ana Ruiz"


def test_a_name_set_after_a_clause_about_the_role_is_not_the_role(nlp):
    # the parser sets the comic's title, which the NER reads as a person, beside the
    # role; the relative clause between says it is no name of the speaker
    text = (
        "Nina Marsh started drawing at nine.\n"
        '"It takes months of panels and fixes," says the young Leeds artist, who sold 30 copies'
        " of her comic Lost Harbour: The Quiet Sailor, inspired by old war films.\n"
    )
    (quote,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert quote.speaker_mention == "the young Leeds artist"
    assert quote.speaker.name == "Nina Marsh"


def test_a_public_office_no_one_holds_is_someone_new(nlp):
    # the passage is about Dale Pruitt, but "the judge" is not Pruitt
    text = (
        "Dale Pruitt was released on parole in May after serving eleven years.\n\n"
        "In his ruling, the Ontario judge said he saw no risk in letting Pruitt go home.\n\n"
        "The judge said Pruitt had completed every program offered to him."
    )
    claims = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert [c.speaker.name for c in claims] == ["Ontario judge", "Ontario judge"]


def test_it_refers_to_an_organization_not_a_group_of_people(nlp):
    text = (
        "Health Canada said the rules will change in April. Researchers at three universities "
        "said the change is overdue. It said the new labels will be tested first."
    )
    claims = {c.content: c for c in extract_claims(nlp(text)).claims}
    assert claims["the new labels will be tested first"].speaker.name == "Health Canada"


def test_a_thing_that_shows_something_is_no_antecedent_of_he(nlp):
    text = (
        "Marc Vidal spent the summer on a rescue boat. A photo showed Vidal lifting a child "
        "from the water. He wrote that the crossing had been terrible."
    )
    claims = {c.content: c for c in extract_claims(nlp(text)).claims}
    assert claims["that the crossing had been terrible"].speaker.name == "Marc Vidal"


def test_a_name_the_tagger_calls_a_pronoun_is_still_a_name(nlp):
    # the small tagger takes "Brind'Amour" for a pronoun; the NER still sees a name
    text = (
        "Carolina coach Rod Brind'Amour praised his goalie after the game. "
        '"He enabled us to hang in there," Brind\'Amour said.'
    )
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Rod Brind'Amour"


def test_an_office_before_an_unrecognized_name_is_not_part_of_it(nlp):
    text = "Hereditary Chief Na'moks said he did not consider the protest a threat."
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert claim.speaker.name == "Na'moks"


def test_an_inverted_attribution_with_a_transitive_cue_names_the_speaker(nlp):
    # the parser takes "the retired teacher" for the object of "points out"
    text = "\u201cThe fees are far too high for families,\u201d points out the retired teacher, who moved here in 1990."
    quote = the_quote(nlp, text, "direct_quote")
    assert quote.speaker.name == "retired teacher"


def test_an_organization_noun_qualified_by_a_place_is_that_places_own(nlp):
    text = (
        "The Australian government said it was concerned about the detentions. "
        "The Canadian government said its two citizens are being held without cause."
    )
    claims = {c.content: c for c in extract_claims(nlp(text)).claims}
    assert claims["its two citizens are being held without cause"].speaker.name == "Canadian government"


def test_a_document_speaks_for_the_author_named_in_its_clause_and_later_as_the_same(nlp):
    text = (
        "Youth jobs grew fastest in retail, according to a study which is being released Monday "
        "by the Harbour Youth Council. Statistics Canada released its own figures last week. "
        "Most of the new jobs were part-time, the study says."
    )
    claims = {c.content: c for c in extract_claims(nlp(text)).claims}
    assert claims["Most of the new jobs were part-time"].speaker.name == "Harbour Youth Council"


@pytest.mark.parametrize("text, author", [
    ("Tellan will be sold, according to an email Mark Dunn sent to staff on Monday.", "Mark Dunn"),
    # (a name inside the mention was found before this rule too)
    ("According to a letter Mayor Ana Ruiz wrote to residents, the pool will close.", "Ana Ruiz"),
])
def test_a_document_speaks_for_whoever_a_clause_says_wrote_or_sent_it(nlp, text, author):
    assert the_quote(nlp, text).speaker.name == author


def test_whoever_a_clause_says_read_a_document_did_not_write_it(nlp):
    # guard: reading, like obtaining, holds a document
    text = "Tellan will be sold, according to a report Mark Dunn read to staff on Monday."
    speaker = the_quote(nlp, text).speaker
    assert speaker is None or speaker.name != "Mark Dunn"


def test_a_zero_width_space_after_a_name_does_not_hide_the_speaker(nlp):
    from claimkb.ingest.extract import extract_all

    text = ("Union organizer Dana Kowalczyk met the owners on Monday.\n\n"
            "Kowalczyk\u200b said the vote had been fair and the count was public.")
    (extraction, _), = extract_all(nlp, [(text, None)], batch_size=1)
    (claim,) = [c for c in extraction.claims if c.kind == "indirect_quote"]
    assert claim.speaker.name == "Dana Kowalczyk"
    # the offsets still index the text as given, the zero-width space included
    assert text[claim.char_start:claim.char_end] == "the vote had been fair and the count was public"


def test_an_apostrophe_typed_as_a_left_quotation_mark_still_makes_a_possessive(nlp):
    from claimkb.ingest.extract import extract_all

    text = 'Frank Moss won the final on Sunday. "I was so proud of him," Frank Moss\u2018s mom said.'
    (extraction, _), = extract_all(nlp, [(text, None)], batch_size=1)
    (quote,) = [c for c in extraction.claims if c.kind == "direct_quote"]
    assert quote.speaker.name != "Frank Moss" and "mom" in quote.speaker.name
    # the offsets still index the text as given
    assert text[quote.char_start:quote.char_end] == "I was so proud of him,"


def test_an_office_and_a_name_the_ner_took_for_an_organization_is_that_person(nlp):
    from spacy.tokens import Span

    text = ("Gitxsan Hereditary Chief Wii'lax said he did not consider the arrests a threat.\n\n"
            '"We were standing there peacefully," he said.')
    doc = nlp(text)
    # what the small NER model does to some such names: one organization from the
    # nation's name to the chief's
    doc.ents = [Span(doc, 0, next(t.i for t in doc if t.text == "said"), label="ORG")]
    claims = extract_claims(doc).claims
    assert [(c.kind, c.speaker.name) for c in claims] == [("indirect_quote", "Wii'lax"), ("direct_quote", "Wii'lax")]


def test_a_firm_named_after_its_founder_is_not_the_founder(nlp):
    # the small NER model labels "Studio Kellerman" a person, and "Kellerman" alone
    # then named the firm, introduced first, rather than the architect
    text = ("Studio Kellerman designed the new library for the town.\n\n"
            "Architect Mary Ann Kellerman led the project for three years.\n\n"
            '"The roof collects all of the rain we need," Kellerman said.\n\n'
            "Kellerman said the plans will be sold to other towns.\n")
    claims = [c for c in extract_claims(nlp(text)).claims if c.kind.endswith("quote")]
    assert [c.speaker.name for c in claims] == ["Mary Ann Kellerman", "Mary Ann Kellerman"]


@pytest.mark.parametrize("text, speaker", [
    # the group is the subject of the sentence "they" speaks in ...
    ("Mayor Dana Hill opened the new library on Saturday. Residents complained about what they said "
     "was a lack of parking.", "Residents"),
    # ... or of the sentence before
    ("Coach Ray Tamm praised his team after the final. The young players were thrilled. "
     '"We never stopped believing," they said.', "young players"),
])
def test_they_refers_to_the_group_just_named_as_a_subject(nlp, text, speaker):
    # not to the person named before the group
    quote = the_quote(nlp, text)
    assert quote.speaker_mention == "they" and quote.speaker.name == speaker


def test_they_skips_a_plural_subject_inside_a_quote(nlp):
    text = ('The owners of Harbour Bakery spoke on Friday. "Bakers need sleep," said one of them. '
            '"We will close on Mondays," they said.')
    quotes = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert quotes[-1].speaker_mention == "they" and quotes[-1].speaker.name != "Bakers"


def _with_entities(doc, labels):
    """``doc`` with its entities set by hand: (word, label) for each occurrence of the
    word in turn, so a test does not depend on what the small NER model guesses."""
    from spacy.tokens import Span

    tokens = iter(doc)
    spans = []
    for word, label in labels:
        token = next(t for t in tokens if t.text == word)
        spans.append(Span(doc, token.i, token.i + 1, label=label))
    doc.ents = spans
    return doc


@pytest.mark.parametrize("person_at", [0, 1, 2])
def test_a_word_mostly_labelled_an_organization_stays_one_where_labelled_a_person(nlp, person_at):
    text = ("Brightwave said on Monday that it would close the Halden plant. Brightwave told workers that the plant "
            "had lost money for years. Brightwave added that staff would be offered other jobs.")
    labels = [("Brightwave", "PERSON" if n == person_at else "ORG") for n in range(3)]
    claims = [c for c in extract_claims(_with_entities(nlp(text), labels)).claims if c.kind == "indirect_quote"]
    assert len(claims) == 3
    assert all(c.speaker is claims[0].speaker for c in claims)
    assert claims[0].speaker.kind == "organization"


@pytest.mark.parametrize("labels", [["PERSON", "ORG"], ["PERSON", "PERSON", "ORG"]])
def test_a_word_not_mostly_labelled_an_organization_stays_a_person_where_labelled_one(nlp, labels):
    text = ("Brightwave said on Monday that she would run again. Brightwave added that the race would be close. "
            "Brightwave also said that she had raised enough money.")
    doc = _with_entities(nlp(text), [("Brightwave", label) for label in labels])
    claims = [c for c in extract_claims(doc).claims if c.kind == "indirect_quote"]
    assert claims[0].speaker.kind == "person"


@pytest.mark.parametrize("text, speaker", [
    ("The British aid group Harbourlight said its director was among those killed.", "Harbourlight"),
    ("The union Unifor said the deal was fair.", "Unifor"),
    ("The company Acme Widgets said sales fell.", "Acme Widgets"),
])
def test_the_name_beside_an_organization_noun_is_the_organization(nlp, text, speaker):
    # not a new organization named by the whole description
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert claim.speaker.name == speaker and claim.speaker.kind == "organization"


def test_a_document_after_an_organization_named_beside_its_noun_is_the_organizations(nlp):
    text = "The British aid group Harbourlight said its director was among those killed. A statement said the group was shocked."
    claims = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert [c.speaker.name for c in claims] == ["Harbourlight", "Harbourlight"]


def test_people_placed_in_a_photo_caption_are_no_antecedents(nlp):
    # "Lina, left, and Mira": only a caption says where people stand
    text = ("Ann Cole has worked with refugee families for a decade.\n\n"
            "Syrian refugee Omar Haddad watches as his daughters Lina, left, and Mira play in the yard.\n\n"
            "The fees can be impossible for some families, she said.")
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert claim.speaker_mention == "she" and claim.speaker.name == "Ann Cole"


@pytest.mark.parametrize("text, speaker", [
    # one of several, or someone named as a second one, is no one named by that title
    ('"It\'s a disaster," said one resident. Another resident, Jo Lee, disagreed.', "one resident"),
    ('"It\'s a disaster," said a resident. Another resident, Jo Lee, disagreed.', "resident"),
    # "a mayor" is not the mayor the story named before
    ('Mayor Jo Lee opened the bridge on Monday. Traffic was heavy. "It\'s a disaster," a mayor from a nearby'
     ' town said.', "mayor from a nearby town"),
    ('Coach Sam Petrie celebrates with his players on Sunday.\n\nA Harbour City coach says his team never gave'
     ' up.\n\nSam Petrie said the players deserved the win.', "Harbour City coach"),
    # but it may be the one the story names later (delayed identification in a lede),
    # whoever a photo's caption named before the story began
    ("A Harbour City coach says his team never gave up. The team lost 3-1 on Sunday. Fans cheered anyway."
     " Coach Sam Petrie said the players deserved better.", "Sam Petrie"),
    ('Coach Sam Petrie, second from right, celebrates with his players on Sunday.\n\nA Harbour City coach says'
     ' his team never gave up.\n\nSam Petrie said the players deserved the win.', "Sam Petrie"),
    # and set beside a name it describes that person
    ("Jo Lee, a resident who says the water rose within minutes, left her home on Monday.", "Jo Lee"),
])
def test_an_indefinite_role_is_someone_new_or_named_later(nlp, text, speaker):
    first = next(c for c in extract_claims(nlp(text)).claims if c.kind in ("direct_quote", "indirect_quote"))
    assert first.speaker.name == speaker


@pytest.mark.parametrize("text, speaker", [
    # a deputy, vice, former or opposition office is another office
    ("Deputy Mayor Sam Petrie chaired the meeting. The mayor said the budget would pass.", "mayor"),
    ("Former premier Jo Lee attended the ceremony. The premier said the bridge would open in May.", "premier"),
    ("Vice-president Mia Cole toured the plant. The president said sales had doubled.", "president"),
    ("The premier said the deal was fair. Opposition leader Dana Roe called it a giveaway.", "premier"),
    ("The president-elect, Jo Lee, met the cabinet on Monday. The president said the talks went well.", "president"),
    # the same office still is the same person's, and so is an interim one
    ("Deputy Mayor Sam Petrie chaired the meeting. The deputy mayor said the budget would pass.", "Sam Petrie"),
    ("Former premier Jo Lee attended the ceremony. The former premier said the bridge would open.", "Jo Lee"),
    ("Interim police chief Dana Roe spoke first. The chief said the force was understaffed.", "Dana Roe"),
])
def test_a_deputy_or_former_office_is_another_office(nlp, text, speaker):
    quote, *_ = [c for c in extract_claims(nlp(text)).claims if c.kind in ("direct_quote", "indirect_quote")]
    assert quote.speaker.name == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Harbourmart chairman and founder Tom Reyes said the purchase would help.", "Tom Reyes"),
    ("Harbourmart president and chief executive Tom Reyes said the purchase would help.", "Tom Reyes"),
    # with no second office, the office and the name are two sources
    ("Harbourmart chairman and Tom Reyes said the purchase would help.", "Harbourmart chairman"),
])
def test_two_offices_before_a_name_are_that_persons(nlp, text, speaker):
    assert the_quote(nlp, text, "indirect_quote").speaker.name == speaker


def test_a_name_set_off_after_a_kind_of_business_is_the_business_not_a_she(nlp):
    text = ('Mia Cole, a mother of three, lost her job in May. Her employer, Harbourmart, cited falling sales. '
            '"It came out of nowhere," she said.')
    assert the_quote(nlp, text, "direct_quote").speaker.name == "Mia Cole"


def test_a_he_that_takes_a_person_says_he_is_no_she(nlp):
    # neither given name tells a gender; the "He" after them does
    text = 'Jo Lee met with Mayor Sam Petrie on Friday. He promised to review the case.\n\n"I was heard," she said.'
    assert the_quote(nlp, text, "direct_quote").speaker.name == "Jo Lee"


@pytest.mark.parametrize("sentence", [
    "Jo Lee, second from right, celebrates with her players.",
    "Jo Lee (left) and Sam Petrie at the opening.",
    "Jo Lee, far left, at the opening.",
])
def test_a_photo_position_makes_a_caption(nlp, sentence):
    from claimkb.ingest.extract.names import is_caption

    assert is_caption(next(nlp(sentence).sents))
    assert not is_caption(next(nlp("Jo Lee left the party before the speeches.").sents))


def test_a_description_opening_a_story_refers_to_the_person_named_next(nlp):
    # delayed identification: the lede describes, the next sentence names
    text = ('The most talked-about chef in town finally said "enough is enough" on Sunday. '
            "Dana Reyes has announced that she will close her restaurant in May.")
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "Dana Reyes"


def test_a_description_opening_a_story_stays_itself_when_no_one_is_named_next(nlp):
    text = ('The most talked-about chef in town finally said "enough is enough" on Sunday. '
            "The restaurant will close in May. Its landlord, Dana Reyes, plans to sell the building.")
    quote = next(c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote")
    assert quote.speaker.name == "most talked-about chef in town"


@pytest.mark.parametrize("text, mention", [
    ("Premier Dana Reyes toured the flooded valley on Monday. \"The province will pay for the repairs,\" "
     "a spokeswoman for Reyes said in an email.", "a spokeswoman for Reyes"),
    ("Mayor Tom Ferris opened the new library on Friday. Ferris's staff said the building cost less than planned.",
     "Ferris's staff"),
])
def test_who_speaks_for_a_person_is_not_that_person(nlp, text, mention):
    quote = the_quote(nlp, text)
    assert quote.speaker_mention == mention
    assert quote.speaker.name not in ("Dana Reyes", "Tom Ferris")


def test_a_spokesperson_for_an_organization_is_named_after_it(nlp):
    text = "Harbourlight Shipping cancelled two sailings. A spokesperson for Harbourlight Shipping said the ferry would return."
    quote = the_quote(nlp, text)
    assert (quote.speaker.name, quote.citations) == ("Harbourlight Shipping spokesperson", ["Harbourlight Shipping"])


@pytest.mark.parametrize("text, speaker, cited", [
    # "a company spokesperson" speaks for the company "the company" would refer to
    ('Halcyon Energy said it would cut jobs. "The plant stays open," a company spokesperson said.',
     "Halcyon Energy spokesperson", ["Halcyon Energy"]),
    # with no such organization named it stays as written, citing nothing
    ('"The plant stays open," a company spokesperson said.', "company spokesperson", []),
])
def test_a_spokesperson_of_a_kind_of_organization_speaks_for_the_one_it_refers_to(nlp, text, speaker, cited):
    quote = claims_by_content(nlp, text)["The plant stays open,"]
    assert (quote.speaker.name, quote.citations) == (speaker, cited)


@pytest.mark.parametrize("text", [
    # a lone first name before anyone of that first name is named in full
    "Mara Quill died in the crash. Her father, Tobias, said she loved the mountains. "
    "Police chief Tobias Wendt said the road would stay closed.",
    # a first name set beside a family noun, after a namesake was named in full
    "Police chief Tobias Wendt said the road would stay closed. "
    "Her father, Tobias, said she loved the mountains. Wendt said divers would return at dawn.",
])
def test_a_first_name_for_a_relative_is_not_a_namesake(nlp, text):
    claims = claims_by_content(nlp, text)
    assert claims["she loved the mountains"].speaker.name == "Tobias"
    assert claims["the road would stay closed"].speaker.name == "Tobias Wendt"


def test_an_indefinite_role_is_someone_new_and_a_definite_one_refers_back(nlp):
    first = "A police officer said the road was closed. Later, "
    new = claims_by_content(nlp, first + "a fire officer said the blaze was out.")
    assert new["the blaze was out"].speaker is not new["the road was closed"].speaker
    same = claims_by_content(nlp, first + "the officer said the blaze was out.")
    assert same["the blaze was out"].speaker is same["the road was closed"].speaker


def test_an_unattributed_quote_is_not_given_to_an_organization_that_has_not_spoken(nlp):
    text = ("Jo Lee has run the bakery on Main Street for ten years. Acme Corp opened a store across "
            "the street in May.\n\n\"I lost half my customers overnight.\"")
    quote = the_quote(nlp, text, "direct_quote")
    assert quote.speaker.name == "Jo Lee"


def test_an_unattributed_quote_continues_an_organization_that_spoke(nlp):
    text = ("\"We apologize to every passenger,\" Harbour Ferries said in a statement. The ferry broke down "
            "twice this week.\n\n\"Refunds will be paid within a week.\"")
    quotes = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert [q.speaker.name for q in quotes] == ["Harbour Ferries", "Harbour Ferries"]


@pytest.mark.parametrize("told, quote, speaker", [
    # the parser reads "insisted" as the company's verb, inside what the chief admitted
    ("Village chief Tom Baird denied taking bribes. He admitted that the company is building him an "
     "office but insisted it was a gift.", "It is a gift, nothing more.", "Tom Baird"),
    ("Resident Sam Petrie accused the chiefs of taking money. He added that some leaders now deny that "
     "any deal existed.", "I have heard that money was paid to the chief.", "Sam Petrie"),
])
def test_an_unattributed_quote_does_not_continue_a_speaker_reported_inside_another_s_words(
        nlp, told, quote, speaker):
    text = f'"We will extend the quarry," the Tellan Mining Company said on Monday.\n\n{told}\n\n"{quote}"'
    (last,) = [c for c in quotes_of(nlp, text) if c.content == quote]
    assert last.speaker.name == speaker


@pytest.mark.parametrize("comparison", ["Unlike Petrie", "Like Petrie"])
def test_a_pronoun_is_not_the_person_its_clause_compares_it_with(nlp, comparison):
    text = ("Sam Petrie found a job at the port within a month.\n\n"
            "In Halifax, Tom Baird, 49, and Ana Ruiz, 39, are eager to apply for citizenship.\n\n"
            "They came to Canada in 2016 from Jordan, where Baird was with his sister when war broke out.\n\n"
            f"{comparison}, he has been looking for work since the spring.\n\n"
            '"My studies will have to wait," he said.')
    quote = the_quote(nlp, text, "direct_quote")
    assert quote.speaker.name == "Tom Baird"


@pytest.mark.parametrize("participle", ["Speaking to Ana Ruiz and Tom Baird on Monday",
                                        "Influenced by figures like Tom Baird"])
def test_a_pronoun_is_not_anyone_in_the_participle_clause_it_is_the_subject_of(nlp, participle):
    text = ("Sam Petrie grew up in Harbour City.\n\n"
            "The spark that ignited Petrie's passion for law came early. "
            f"{participle}, he said the pier would close.")
    claim = claims_by_content(nlp, text)["the pier would close"]
    assert claim.speaker.name == "Sam Petrie"


@pytest.mark.parametrize("text", [
    # a clause with a subject of its own may name the pronoun's antecedent
    "Sam Petrie grew up in Harbour City.\n\nThe spark that ignited Petrie's passion for law came early. "
    "After Tom Baird arrived on Monday, he said the pier would close.",
    # and so may a clause the pronoun's verb does not govern (the search for it ends at the root)
    "Sam Petrie grew up in Harbour City.\n\nThe spark that ignited Petrie's passion for law came early. "
    "Officials met Tom Baird on Monday, and he said the pier would close.",
])
def test_a_pronoun_may_still_be_someone_named_in_a_clause_of_its_own(nlp, text):
    claim = claims_by_content(nlp, text)["the pier would close"]
    assert claim.speaker.name == "Tom Baird"


def test_a_pronoun_may_still_be_the_person_a_comparison_named_in_another_sentence(nlp):
    text = ("Unlike Sam Petrie, Ana Ruiz opened her bakery after the war.\n\n"
            '"Business is slow," he said.')
    quote = the_quote(nlp, text, "direct_quote")
    assert quote.speaker.name == "Sam Petrie"


@pytest.mark.parametrize("title, served, other", [
    ("spokesman for the city council", ["the", "Harbour", "Trust"], True),
    ("spokesman for Sudan's armed forces", ["the", "Enough", "Project"], True),
    ("spokesman for the trust", ["the", "Harbour", "Trust"], False),
    ("director of the Harbour Trust's museum", ["the", "trust"], False),
    ("spokesman", ["the", "Harbour", "Trust"], False),  # the title names no one served
    ("spokesman for the city council", [], False),  # nor does the mention
    (None, ["the", "trust"], False),
])
def test_a_title_serving_another_is_told_apart_by_the_words_of_whom_it_serves(title, served, other):
    assert serves_another(title, served) is other


@pytest.mark.parametrize("text, mention", [
    # a role named before the person: not the one named later for another body
    ("A spokesman for the Harbour Trust said there were no injuries.\n\n"
     "Sam Petrie, spokesman for the city council, said the council had not closed the pier.",
     "A spokesman for the Harbour Trust"),
    # a role named after: not the one named before for another body
    ("Sam Petrie, spokesman for the city council, said the council had not closed the pier.\n\n"
     "The spokesman for the Harbour Trust said there were no injuries.",
     "The spokesman for the Harbour Trust"),
])
def test_a_role_serving_one_body_is_not_the_person_serving_another(nlp, text, mention):
    claims = claims_by_content(nlp, text)
    (claim,) = [c for c in claims.values() if c.speaker_mention == mention]
    assert claim.speaker.name != "Sam Petrie"
    assert claims["the council had not closed the pier"].speaker.name == "Sam Petrie"


def test_a_role_serving_the_body_a_later_title_names_is_that_person(nlp):
    text = ("A spokesman for the Harbour Trust said there were no injuries.\n\n"
            "Sam Petrie, a spokesman for the trust, said later that the pier would reopen.")
    claims = claims_by_content(nlp, text)
    assert claims["there were no injuries"].speaker.name == "Sam Petrie"


def test_a_passive_description_names_no_speaker(nlp):
    # the subject of "was described as" is what was described, not who described it
    text = ("Mayor Jo Lee unveiled the budget on Monday. The plan was described as \"a disaster for renters\" "
            "in the local paper.")
    quote = the_quote(nlp, text, "direct_quote")
    assert quote.content == "a disaster for renters"
    assert quote.speaker is None


def test_what_a_passive_relative_clause_describes_is_no_speaker(nlp):
    text = ("Dockworker Jo Lee was detained in May. The detention, which was described as "
            "\"an attack on every striker\" in a union leaflet, ended on Sunday.")
    quote = the_quote(nlp, text, "direct_quote")
    assert quote.speaker is None


def test_whom_something_was_told_is_not_its_speaker(nlp):
    claims = extract_claims(nlp("Jo Lee was told that the plant would close in March.")).claims
    assert not [c for c in claims if c.kind.endswith("quote") and c.speaker is not None]


def test_the_subject_of_was_quoted_as_saying_is_the_speaker(nlp):
    (quote,) = [c for c in extract_claims(nlp("Jo Lee was quoted as saying that the plant would close.")).claims
                if c.kind.endswith("quote")]
    assert quote.speaker.name == "Jo Lee"


def test_a_name_described_as_a_person_is_a_person_whatever_the_ner_says(nlp):
    # a single name set beside "an official" is a person, whatever the NER says: "he" can refer to it
    text = ("Rain flooded the lower town overnight and cut the road to the port, said Taufik, an official "
            "of the river authority.\nHe said the water would recede by Friday.")
    claim = claims_by_content(nlp, text)["the water would recede by Friday"]
    assert (claim.speaker.name, claim.speaker.kind) == ("Taufik", "person")


@pytest.mark.parametrize("text, speaker", [
    # a representative is named after the organization named in the role's phrase ...
    ("A Hydro One spokesperson said power would be back by noon.", "Hydro One spokesperson"),
    ("An official at Health Canada said the recall was voluntary.", "Health Canada official"),
    # ... anyone else as written
    ("An Acme Corp engineer said the bridge was safe.", "Acme Corp engineer"),
    ("A Tesla customer said the car caught fire twice.", "Tesla customer"),
])
def test_only_a_representative_is_named_after_the_organization_in_its_phrase(nlp, text, speaker):
    assert the_quote(nlp, text).speaker.name == speaker


def test_two_nouns_joined_name_one_source_with_the_second_nouns_modifiers(nlp):
    text = "Eyewitnesses and local residents say many homes have collapsed."
    quote = the_quote(nlp, text)
    assert quote.speaker_mention == "Eyewitnesses and local residents"


@pytest.mark.parametrize("place", ["the district of Kota Lama", "Kota Lama district"])
def test_a_name_given_to_a_place_noun_is_no_person(nlp, place):
    text = (f"Jo Marsh, a ferry captain, said the crossing was rough. The river burst its banks in {place} "
            "and washed away a farmer's barn and his tractor.\nHe said the harbour would reopen on Monday.")
    assert claims_by_content(nlp, text)["the harbour would reopen on Monday"].speaker.name == "Jo Marsh"


def test_a_city_named_as_a_government_still_speaks(nlp):
    (quote,) = [c for c in extract_claims(nlp("The City of Eastvale said the pool would close in June.")).claims
                if c.kind.endswith("quote")]
    assert quote.speaker.name == "Eastvale"


# Who says a quote, each case a general pattern in a sentence written for it:
# (text, the claim's content, its speaker).
SPEAKER_CASES = [
    # a name set beside a person's role names the speaker, whatever the determiner
    pytest.param("Major Tomas Berg, an air force officer, said the runway was repaired overnight.\n\n"
                 "Another officer, Captain Ines Kovac, said the radar station had been hit twice.",
                 "the radar station had been hit twice", "Ines Kovac", id="name-beside-another-role"),
    pytest.param("Major Tomas Berg, an air force officer, said the runway was repaired overnight.\n\n"
                 "A second officer, Ines Kovac, said the radar station had been hit twice.",
                 "the radar station had been hit twice", "Ines Kovac", id="name-beside-a-second-role"),
    # a company's name takes no country before it (only a state's institution does)
    pytest.param("Canada's Royal Bank said profits rose by a tenth.", "profits rose by a tenth", "Royal Bank",
                 id="company-without-country"),
    # a legislature named in a run of proper nouns lends "Congress" to no one as a
    # surname, so it is no antecedent of "he"
    pytest.param("Senator Paul Okafor spoke after Congress voted on Monday. Congress passed the bill late at night.\n\n"
                 '"It is a good day," he said.\n\n'
                 'Historian Mira Sand wrote that the Restoration Congress "never sat in winter" at all.',
                 "It is a good day,", "Paul Okafor", id="legislature-lends-no-surname"),
    # an interview's answer is not given to whom the question before it is about
    pytest.param('"We will open two more clinics next year," says Dr. Hana Okoro.\n\n'
                 "Is Mayor Pell a good partner?\n\n"
                 '"He has kept every promise he made to the clinics."',
                 "He has kept every promise he made to the clinics.", "Hana Okoro", id="interview-answer"),
    # an honorific written without a full stop is no part of the name
    pytest.param('Lindiwe Maseko, a crime novelist, spoke first. "The market is growing," Ms Maseko said.',
                 "The market is growing,", "Lindiwe Maseko", id="honorific-without-full-stop"),
    # a role refers back to the person titled with its abbreviation
    pytest.param('Gov. Dana Whitcomb signed the order on Monday. "It is a good day for the state," the governor said.',
                 "It is a good day for the state,", "Dana Whitcomb", id="governor-for-gov"),
    pytest.param('Insp. Ray Lund signed the order on Monday. "It is a good day for the state," the inspector said.',
                 "It is a good day for the state,", "Ray Lund", id="inspector-for-insp"),
    # a bracket left open at a name's edge is no part of it
    pytest.param("Minister [Bohdan Fedorenko said the drones were ready.", "the drones were ready", "Bohdan Fedorenko",
                 id="open-bracket"),
    # a name set after a role's whole phrase is the role's, though the parser hangs it
    # on the phrase's last noun: not the organization, nor a role named "... , Name"
    pytest.param('"The ferry will run again," says the new director of the Harbour Trust, Mirela Dunn.',
                 "The ferry will run again,", "Mirela Dunn", id="name-after-role-of-organization"),
    pytest.param('"We were told nothing," said a cousin of the victim, Paul Ames.',
                 "We were told nothing,", "Paul Ames", id="name-after-role-of-someone"),
    # a name the parser joined to the noun before an "and" is the subject of the verb
    # after it, when that verb has no subject of its own (a guard: one that has keeps it)
    pytest.param("The mayor spoke about the harbour and Tom Reyes said the ferry would return.",
                 "the ferry would return", "Tom Reyes", id="subject-read-as-conjunct"),
    pytest.param("The mayor and Tom Reyes said the ferry would return.",
                 "the ferry would return", "mayor", id="conjoined-subjects-guard"),
    # a name set off by commas after the source of "according to" names it, where the
    # parser makes it the subject of what follows
    pytest.param('Everyone called him Ned. According to his aunt, Jane Starling, "He was reading at three." He played chess.',
                 "He was reading at three.", "Jane Starling", id="according-to-role-then-name-quote"),
    pytest.param("According to the mayor, Jane Starling, the pier is safe.",
                 "the pier is safe", "Jane Starling", id="according-to-role-then-name-clause"),
    # the object of a verb does what the infinitive after it says (object control)...
    pytest.param("The report led the minister to warn that prices would rise.",
                 "that prices would rise", "minister", id="object-control"),
    pytest.param("The flood damaged the pumping station, prompting the council to urge residents to boil their water.",
                 "residents to boil their water", "council", id="object-control-after-participle"),
    # ...but not after a verb of committing oneself, nor of repeating another's words
    pytest.param("The mayor promised voters to announce that the bridge would reopen.",
                 "that the bridge would reopen", "mayor", id="subject-control-guard"),
    pytest.param("Dana Roe often quotes Abraham Lincoln saying that public sentiment is everything.",
                 "that public sentiment is everything", "Dana Roe", id="quoting-another-guard"),
    # a verb conjoined to a passive shares its subject, not its agent, and a passive
    # with no agent still gives the verb after it a subject
    pytest.param("The minister was criticized by the union and said she would not resign.",
                 "she would not resign", "minister", id="conjoined-to-passive-with-agent"),
    pytest.param("The minister was criticized and said she would not resign.",
                 "she would not resign", "minister", id="conjoined-to-passive"),
    # guard: a participle after a passive with an agent is the agent's
    pytest.param("The plan was announced by the mayor, saying it would cut costs.",
                 "it would cut costs", "mayor", id="participle-after-passive-guard"),
]


@pytest.mark.parametrize("text, content, speaker", SPEAKER_CASES)
def test_who_says_a_quote(nlp, text, content, speaker):
    assert claims_by_content(nlp, text)[content].speaker.name == speaker


def test_a_states_institution_keeps_the_states_name(nlp):
    text = ("Norway's Fisheries Ministry said the cod quota would be cut by a third. "
            "Iceland's Fisheries Ministry said its own quota would stay the same.\n\n"
            'The ministry added that "the stock is in decline".')
    claims = claims_by_content(nlp, text)
    assert claims["the cod quota would be cut by a third"].speaker.name == "Norway's Fisheries Ministry"
    assert claims["its own quota would stay the same"].speaker.name == "Iceland's Fisheries Ministry"


@pytest.mark.parametrize("owner", ["Westmere Governor's", "South Eastvale's", "The Eastvale Mayor's"])
def test_an_office_or_place_whose_institution_it_is_keeps_its_name(nlp, owner):
    text = f"{owner} Office of Emergency Services said in a letter that the carriers' response was too slow."
    claim = the_quote(nlp, text, "indirect_quote")
    assert claim.speaker.name == f"{owner.removeprefix('The ')} Office of Emergency Services"


def test_a_persons_office_is_not_named_after_an_institution(nlp):
    # guard: a person's possessive is no place's or office's
    text = "Dana Whitfield's Office of Public Affairs said that the charges would stand."
    claim = the_quote(nlp, text, "indirect_quote")
    assert not claim.speaker.name.startswith("Dana Whitfield's")


@pytest.mark.parametrize("text, speaker", [
    # a kind of organization, as the institution capitalizes it or not, refers back
    ('The Royal College of Harbour Pilots urged calm. The College said staff should "avoid sailing alone".',
     "Royal College of Harbour Pilots"),
    ('Harrow Council approved the budget. The Council said "no library will close this year".', "Harrow Council"),
    ('The Bureau of Coastal Fisheries seized two boats. The bureau said the crews "ignored every warning".',
     "Bureau of Coastal Fisheries"),
])
def test_an_organization_called_by_its_kind_is_the_one_named_before(nlp, text, speaker):
    assert the_quote(nlp, text, "direct_quote").speaker.name == speaker


@pytest.mark.parametrize("first, again", [("Cllr Jo Marsh", "Cllr Marsh"), ("Adv Thabo Mokoena", "Adv Mokoena"),
                                          ("Sgt. Ana Ruiz", "Sgt. Ruiz")])
def test_an_abbreviated_title_is_not_part_of_the_name(nlp, first, again):
    text = f'{first} said the depot would close in May. "We have no choice," {again} said.'
    claims = claims_by_content(nlp, text)
    name = first.split(" ", 1)[1]
    assert claims["the depot would close in May"].speaker.name == name
    assert claims["We have no choice,"].speaker.name == name


def test_an_unnamed_speaker_called_a_man_or_a_woman_has_that_gender(nlp):
    # "she" is not the man who shouted, and "the woman" is not the mayor who is a "he"
    said = claims_by_content(nlp, 'Ana Ruiz watched from her porch. A man in a red cap shouted, "Get out of here '
                                  'now, all of you!" "It was frightening," she said.')
    assert said["Get out of here now, all of you!"].speaker.name == "man in a red cap"
    assert said["It was frightening,"].speaker is None or said["It was frightening,"].speaker.name != "man in a red cap"
    said = claims_by_content(nlp, 'Tom Reyes, the mayor, spoke first. He said the plan was fine. The woman, who runs '
                                  'the bakery, called it "a disaster for the whole town."')
    assert said["a disaster for the whole town."].speaker.name == "woman"


@pytest.mark.parametrize("text, name", [
    # the NER labels only part of the name ("Royal Society")
    ('The Royal Society of DJs said the ban was "unfair and unworkable".', "Royal Society of DJs"),
    ('The Royal Institute of CPAs said the ban was "unfair and unworkable".', "Royal Institute of CPAs"),
    # a guard: in lower case it is a kind of organization, named as written
    ("The college of nursing said staff were tired.", "college of nursing"),
])
def test_a_capitalized_organization_noun_with_its_of_phrase_is_one_name(nlp, text, name):
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.speaker is not None]
    assert claim.speaker.name == name


def test_a_finding_told_inside_someones_words_leaves_the_next_quote_theirs(nlp):
    # the source of what Ruiz reports is no main subject the next quote could continue
    text = ("Ana Ruiz, a geologist, has studied the delta for years. Ruiz says a survey by Tom Hale found the "
            'coast is sinking. "We have ten years, maybe less."')
    assert claims_by_content(nlp, text)["We have ten years, maybe less."].speaker.name == "Ana Ruiz"


def test_where_a_document_comes_from_is_not_its_author(nlp):
    extraction = extract_claims(nlp("Reports from Bangladesh show that the coast is sinking."))
    assert [s.name for s in extraction.speakers] == []
    assert extraction.citations == []
    text = ("Ana Ruiz, a geologist, has studied the delta for years. Ruiz says that reports from Bangladesh show "
            'the coast is sinking. "We have ten years, maybe less."')
    assert claims_by_content(nlp, text)["We have ten years, maybe less."].speaker.name == "Ana Ruiz"


@pytest.mark.parametrize("text, speaker", [
    ('Susan Clark edited the atlas. Mike Dunn drew its maps in 1983.\n\n"I was sure it would sell," she said.',
     "Susan Clark"),
    ('Frank Moss bought the mill in 2012. Donna Hale ran it until 2010.\n\n"It was falling apart," he said.',
     "Frank Moss"),
])
def test_a_given_name_one_sex_clearly_bears_tells_who_he_or_she_can_be(nlp, text, speaker):
    assert the_quote(nlp, text).speaker.name == speaker


def test_a_given_name_borne_by_both_sexes_tells_nothing(nlp):
    # guard: "Dana" and "Jordan" are women's and men's names, so the nearest subject stays
    text = 'Jordan Hale edited the atlas. Dana Pryce drew its maps in 1983.\n\n"I was sure it would sell," she said.'
    assert the_quote(nlp, text).speaker.name == "Dana Pryce"


def test_an_honorific_outranks_the_given_name(nlp):
    # guard: "Ms." says who she is whatever her given name
    text = 'Ms. Jesse Park wrote the novel.\n\n"I was sure it would sell," she said.'
    assert the_quote(nlp, text).speaker.name == "Jesse Park"


def test_a_pronoun_no_one_else_fits_still_finds_a_speaker_a_given_name_seemed_to_exclude(nlp):
    # guard of the fallback: a machine translation's "he" for a woman who has been
    # speaking, or a man's name the census gives women
    text = '"We will appeal," said Susan Clark, who chairs the harbour board.\n\n"We have the votes," he said.'
    claims = extract_claims(nlp(text)).claims
    assert [c.speaker.name for c in claims if c.kind == "direct_quote"] == ["Susan Clark", "Susan Clark"]


def test_a_pronoun_is_not_given_to_someone_only_named_whom_a_given_name_excludes(nlp):
    # the one meant is more likely a name the NER missed than a pronoun of the wrong sex
    text = 'Susan Clark chairs the harbour board.\n\n"We will appeal," he said.'
    assert the_quote(nlp, text).speaker is None


@pytest.mark.parametrize("text", [
    'Tom Baird and Ana Ruiz met on Monday.\n\n"It went well," she said.',
    'The union president, Ana Ruiz, said the deal was a disaster.',
    '"The deal is a disaster," the union\'s president, Ana Ruiz, said.',
])
def test_a_given_name_and_a_surname_the_ner_missed_name_a_person(nlp, text):
    # the small model labels "Maria Lopez" in these sentences, but not "Ana Ruiz"
    assert the_quote(nlp, text).speaker.name == "Ana Ruiz"


def test_a_name_the_ner_labelled_otherwise_is_no_given_name_person(nlp):
    from claimkb.ingest.extract.names import with_given_name_persons

    doc = nlp("Grace Church will reopen in June.")  # "Grace" is a given name; the NER reads a church
    labelled = {e.text for e in doc.ents}
    assert not [e for e in with_given_name_persons(doc) if e.label_ == "PERSON" and e.text not in labelled]


@pytest.mark.parametrize("organization", ["Eastvale and Norland Police", "Dorset, Wiltshire and Somerton Fire Service"])
def test_an_organization_named_after_the_places_it_serves_is_one_speaker(nlp, organization):
    # the NER reads only the last place with the organization's noun
    claim = the_quote(nlp, f"{organization} said the coast road was closed.")
    assert claim.speaker.name == organization and claim.speaker.kind == "organization"


@pytest.mark.parametrize("before", [
    "Jo Marsh and",  # a person's full name
    "Norland and the",  # an organization its article opens is named alone
    "In Eastvale,",  # a comma alone joins nothing
    "On Wednesday,",  # a day is no place
])
def test_what_comes_before_an_organization_is_joined_only_when_it_names_places_it_serves(nlp, before):
    # guards
    speaker = the_quote(nlp, f"{before} Harbour Police said the pier was closed.").speaker
    assert speaker.name in ("Harbour Police", "Jo Marsh", "Norland")


def test_an_acronym_is_the_organization_whose_initials_it_gives(nlp):
    text = ('The Coastal Shipping Authority closed the pier on Monday. The CSA said "the pier will reopen in May."')
    speaker = the_quote(nlp, text).speaker
    assert speaker.name == "Coastal Shipping Authority" and "CSA" in speaker.aliases


def test_an_acronym_that_two_organizations_share_stays_itself(nlp):
    # guard: whose initials they are is not known
    text = ("The Coastal Shipping Authority and the Canadian Sailing Association met on Monday. "
            'The CSA said "the pier will reopen in May."')
    assert the_quote(nlp, text).speaker.name == "CSA"


@pytest.mark.parametrize("name, initials", [
    ("Harbour Works and Procurement Norland", "HWPN"), ("Ferries, Ports and Shipping Norland", "FPSN"),
    ("Coastal Shipping Authority", "CSA"),
    ("Harbour Board", None),  # two letters: too often another name's
    ("Ministry of health", None),  # a word in lower case: not a name's every word
])
def test_the_initials_of_an_organization_leave_its_short_words_out(name, initials):
    assert acronym_of(name) == initials


def test_an_acronym_may_leave_out_whose_the_name_is_and_an_and_tail():
    assert acronyms_of("Norland Centre for Ferry Safety and Research") == {"NCFSR", "CFSR", "NCFS", "CFS"}
    assert acronyms_of("Harbour Board") == set()


def test_the_short_form_of_an_organization_s_name_finds_it(nlp):
    # "the CFS" is the Norland Centre for Ferry Safety and Research, named in full before
    text = ("The Norland Centre for Ferry Safety and Research said it had inspected every hull.\n\n"
            'The CFS said the risk was "extremely low."')
    quote = claims_by_content(nlp, text)["extremely low."]
    assert quote.speaker.name == "Norland Centre for Ferry Safety and Research"


def test_an_age_alone_refers_back_to_the_person_the_passage_is_about(nlp):
    text = 'Susan Clark has run the bakery on Main Street since 2004.\n\n"Bread is my life," the 61-year-old said.'
    assert the_quote(nlp, text).speaker.name == "Susan Clark"


def test_an_age_the_parser_hangs_on_the_verb_word_by_word_is_still_the_subject(nlp):
    # here the parser makes "the" and "old" modifiers of "said", which has no subject
    text = ('Maria Reyes, 54, a nurse from Dunmore, has worked nights for a decade.\n\n'
            '"We are exhausted," the 54-year-old said.')
    claims = extract_claims(nlp(text)).claims
    assert [(c.kind, c.speaker_mention, c.speaker.name) for c in claims if c.kind == "direct_quote"] == [
        ("direct_quote", "the 54-year-old", "Maria Reyes")]
    assert not [c for c in claims if c.content.startswith("the 54-year-old")]  # the attribution is no statistic


@pytest.mark.parametrize("description", ["the Democrat", "the Republican", "the Canadian"])
def test_a_party_or_nationality_alone_refers_back_to_the_person_the_passage_is_about(nlp, description):
    text = f'Senator Tom Baird voted against the bill on Tuesday.\n\n"It is a giveaway to the banks," {description} said.'
    assert the_quote(nlp, text).speaker.name == "Tom Baird"


def test_a_party_in_the_plural_is_not_the_person_named_before(nlp):
    text = 'Senator Tom Baird voted against the bill on Tuesday.\n\n"It is a giveaway to the banks," the Democrats said.'
    assert the_quote(nlp, text).speaker.name != "Tom Baird"


@pytest.mark.parametrize("name, person", [
    ("Falcons DL Frank Moss", "Frank Moss"), ("Harbour Party MLA Dana Pryce", "Dana Pryce"),
    ("JR Moss", "JR Moss"),  # guard: initials of a two-word name are the name's
])
def test_a_position_abbreviated_in_capitals_before_a_name_is_no_part_of_it(name, person):
    # the NER may take the team and the position into the person's name
    assert without_leading_role(name) == person


def test_an_acronym_finds_a_name_the_ner_labelled_nothing(nlp):
    text = ("The Coastal Rates Examiner released a review of the ferry contract on Thursday.\n\n"
            "But the CRE added the caveat that the review assumes the ferry will keep running.")
    assert the_quote(nlp, text).speaker.name == "Coastal Rates Examiner"


def test_a_pronoun_prefers_the_subject_of_the_sentence_before_to_a_name_in_passing(nlp):
    # the passage is about Moss; Hale is named in passing, in the sentence nearer "he"
    text = ('Frank Moss has fought the new law since January. The law was drafted by Tom Hale.\n\n'
            '"It opens the door to abuse," he said.')
    assert the_quote(nlp, text).speaker.name == "Frank Moss"


def test_a_pronoun_still_takes_a_name_in_passing_when_no_subject_is_near(nlp):
    # guard: two sentences back is too far for a subject to outrank it
    text = ('Frank Moss has fought the new law since January. It passed in March. The law was drafted by Tom Hale.'
            '\n\n"It opens the door to abuse," he said.')
    assert the_quote(nlp, text).speaker.name == "Tom Hale"


def test_the_entity_of_a_token_is_the_whole_name_it_is_part_of(nlp):
    doc = nlp("Yesterday Susan Clark met the mayor.")
    clark = next(t for t in doc if t.text == "Clark")
    assert [(e.text, e.label_) for e in doc.ents if e.start <= clark.i < e.end] == [("Susan Clark", "PERSON")]
    assert (entity_of(clark).text, entity_of(clark).label_) == ("Susan Clark", "PERSON")
    assert entity_of(next(t for t in doc if t.text == "met")) is None


def test_a_clause_whose_subject_was_read_as_a_conjunct_is_not_the_verb_befores_complement(nlp):
    # "asked ... and Lorna Bright said ...": the parser hangs "said" under "asked" and
    # joins Lorna Bright to "the budget"; what was asked is not "said the deficit ..."
    text = "Reporters asked the minister about the budget and Lorna Bright said the deficit would shrink."
    claims = [(c.content, c.speaker.name) for c in extract_claims(nlp(text)).claims if c.kind.endswith("quote")]
    assert claims == [("the deficit would shrink", "Lorna Bright")]


@pytest.mark.parametrize("text, content, mention", [
    ("According to police, Tom Lee, 34, was arrested on Monday.", "Tom Lee, 34, was arrested on Monday", "police"),
    ("According to the ministry, Tom Lee, the new chief, will start in May.",
     "Tom Lee, the new chief, will start in May", "the ministry"),
])
def test_a_name_after_according_to_that_the_clause_is_about_stays_in_the_claim(nlp, text, content, mention):
    # guard: a name whose own apposition or age closes with a comma is what the clause
    # tells about, not the source (passes before and after name_set_after)
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind.endswith("quote")]
    assert (claim.content, claim.speaker_mention) == (content, mention)


def test_the_mention_of_a_name_after_according_to_is_the_name(nlp):
    text = 'According to his aunt, Jane Starling, "He was reading at three."'
    assert the_quote(nlp, text).speaker_mention == "Jane Starling"


def test_what_someone_is_asked_to_say_is_not_said(nlp):
    # the asking is the claim; the engineer has confirmed nothing
    text = "The mayor asked the engineer to confirm that the bridge was safe."
    claims = [(c.content, c.cue) for c in extract_claims(nlp(text)).claims if c.kind.endswith("quote")]
    assert claims == [("the engineer to confirm that the bridge was safe", "asked")]


def test_a_decision_speaks_for_whoever_made_it_not_for_whom_it_is_about(nlp):
    # a decision is a document: with no maker named it has no speaker, where the
    # person it is about had been taken for the one speaking
    text = "Tom Lee was released in June.\n\nThe decision said he was no longer a danger."
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind.endswith("quote")]
    assert (claim.content, claim.speaker) == ("he was no longer a danger", None)


def test_a_time_zone_after_a_time_is_no_organization_it_can_refer_to(nlp):
    # the NER takes "AEST" for an organization; written after a time it is the time's zone
    text = 'The court ruled on Tuesday (early Wednesday AEST). It said the law "cannot stand."'
    claims = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert [(c.speaker_mention, c.speaker) for c in claims] == [("It", None)]


@pytest.mark.parametrize("text, zone", [("The court ruled on Tuesday (early Wednesday AEST).", "AEST"),
                                        ("The vote closes at 5pm EST on Friday.", "EST")])
def test_a_time_zone_is_read_as_part_of_the_time_before_it(nlp, text, zone):
    doc = nlp(text)
    doc.ents = with_time_zones(doc)
    assert [e.label_ for e in doc.ents if zone in e.text] == ["TIME"]


def test_an_abbreviated_company_word_makes_a_name_an_organization(nlp):
    # "Corp." with its full stop is "corp": the firm is no person, and "the company"
    # finds it
    text = 'Brantley Corp. said it would cut 200 jobs. "The plant will stay open," the company said.'
    claims = extract_claims(nlp(text)).claims
    assert [(c.speaker.name, c.speaker.kind) for c in claims if c.kind.endswith("quote")] == [
        ("Brantley Corp", "organization"), ("Brantley Corp", "organization")]


@pytest.mark.parametrize("kind", ["Retailer", "Broadcaster", "Carmaker"])
def test_the_kind_of_business_before_a_name_opening_a_sentence_is_no_part_of_it(nlp, kind):
    text = (f"{kind} Harbourmart said on Monday that sales rose 4 per cent.\n\n"
            '"We expect a strong winter," the company said.')
    claims = claims_by_content(nlp, text)
    assert claims["that sales rose 4 per cent"].speaker.name == "Harbourmart"
    assert claims["We expect a strong winter,"].speaker.name == "Harbourmart"


def test_a_kind_of_organization_is_the_one_the_passage_is_about_before_one_that_spoke_further_back(nlp):
    text = ("The United Nations said the river was polluted. The Harbour Authority rejects the finding. "
            "In a memo, the agency says that the water is safe.")
    claim = claims_by_content(nlp, text)["that the water is safe"]
    assert claim.speaker.name == "Harbour Authority"


def test_an_organization_whose_name_opens_with_a_kind_of_organization_keeps_it(nlp):
    # guard: "Union" and "Trust" are kinds of organization that names open with
    text = 'Union Pacific said on Monday that freight volumes rose 4 per cent.'
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert claim.speaker.name == "Union Pacific"


@pytest.mark.parametrize("outlet", ["The newspaper", "The magazine", "The outlet"])
def test_a_news_outlet_called_by_its_kind_is_an_organization_not_the_person_before(nlp, outlet):
    text = ("Prime Minister Ulf Berg spoke to farmers in Lund on Monday.\n\n"
            f"{outlet} said the new dam posed a risk to the valley's wells.")
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert claim.speaker.kind == "organization"


def test_one_run_of_names_the_parser_splits_into_two_subjects_is_headed_by_the_second(nlp):
    # the parser reads "CPUC" and "President Dana Whitfield" as two subjects of "said"
    text = "In a memo calling for the audit, CPUC President Dana Whitfield said that the lines were old."
    claim = the_quote(nlp, text, "indirect_quote")
    assert claim.speaker.name == "Dana Whitfield"


def test_a_subject_completing_what_hangs_off_the_one_before_is_not_the_head(nlp):
    # guard: "Nature" ends the first subject's "published in the journal", which finds
    text = ("Recent research published in the journal Nature found that a shift to plant-based "
            "eating could cut farm emissions by half.")
    assert not [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]


@pytest.mark.parametrize("source", ["the owner of the team, Dana Cole,", "the owner, Dana Cole,"])
def test_a_noun_of_the_quoted_words_taken_for_the_subject_does_not_say_them(nlp, source):
    # the parser makes "coach" the subject of "said"; who speaks is outside the marks
    text = f'"Great coach," {source} said.'
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert claim.speaker.name == "Dana Cole"


def test_a_word_the_parser_split_at_its_hyphen_is_the_whole_source(nlp):
    # "counter-protesters" are not the "protesters" they oppose
    text = 'In the square, a rally has been met with counter-protesters who have vowed to keep "outsiders off our streets".'
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert claim.speaker.name == "counter-protesters"


def test_they_refers_to_a_kind_of_people_before_a_nearer_plural_thing(nlp):
    text = ('Although a pond is not a perfect model, the authors argued, glass beads showed potential. '
            '"This method may serve to preserve the ice," they wrote.')
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert claim.speaker.name == "authors"


def test_a_pronoun_inside_what_someone_reports_tells_nothing_of_the_speakers_gender(nlp):
    # "her" in Devar's words is Ana Ruiz, whom he speaks of: it does not make Devar a
    # woman (a given name no census list holds leaves his gender to the pronouns)
    text = ("Ana Ruiz, the mayor's daughter, was cleared early on. The first witness was inquiry head "
            "Brigadier Okonta Devar.\n\nDevar said the inquiry found that of the three accounts in her "
            "name, two were fake. He said not all of her followers backed her, with some calling her out.\n\n"
            'Ruiz did not attend. "It is a sad day for the family," she said.')
    claims = claims_by_content(nlp, text)
    assert claims["not all of her followers backed her, with some calling her out"].speaker.name == "Okonta Devar"
    sad_day = claims["It is a sad day for the family,"].speaker
    assert sad_day is None or sad_day.name != "Okonta Devar"


def test_the_subject_of_what_someone_reports_still_tells_their_gender(nlp):
    # guard: "she" as the reported clause's subject is the speaker herself
    text = ("Brigadier Okonta Devar led the inquiry. Devar said she would resign in May.\n\n"
            '"I have done my part," she said.')
    claims = claims_by_content(nlp, text)
    assert claims["I have done my part,"].speaker.name == "Okonta Devar"


def test_a_judge_is_the_person_titled_justice(nlp):
    text = ('A Superior Court judge chastised the radio station on Friday, saying it had been "playing games" '
            "with its members.\n\nJustice Ann Whitcombe directed the station to hand over the addresses.")
    (claim,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "indirect_quote"]
    assert claim.speaker.name == "Ann Whitcombe"


@pytest.mark.parametrize("first", [
    "Tellan's chief executive, Mark Dunn, met investors on Friday.",
    "Tellan chief executive Mark Dunn met investors on Friday.",
    "Tellan's CEO, Mark Dunn, met investors on Friday.",
])
@pytest.mark.parametrize("role", ["the CEO", "the chief executive"])
def test_a_chief_executive_is_the_ceo_named_before(nlp, first, role):
    # an office in lower case run together with the name, an office the tagger calls a
    # proper noun set beside it, and "CEO" for "chief executive" (the chief executive
    # named in the first two ways was found before too, as the person the passage is about)
    quote = the_quote(nlp, f'{first}\n\n"We are on track for a record year," {role} said.')
    assert quote.speaker.name == "Mark Dunn"


def test_an_office_run_together_with_a_name_is_the_persons_title(nlp):
    extraction = extract_claims(nlp("Union leader Ann Reyes said the strike was over."))
    assert [(s.name, s.title) for s in extraction.speakers] == [("Ann Reyes", "leader")]


def test_a_surname_the_tagger_took_for_a_common_noun_is_still_the_person(nlp):
    # "Reyes disagreed.": the tagger reads the capitalized surname as a noun, the NER
    # labels nothing, and "she" went back to the mayor
    text = ("The mayor, Jo Lee, and her rival, Ann Reyes, clashed at the debate.\n\n"
            "Lee said the city's finances were strong. Reyes disagreed.\n\n"
            '"The city is broke," she said.')
    (quote,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert quote.speaker.name == "Ann Reyes"


@pytest.mark.parametrize("text, speaker, mention", [
    ('Said Petrie: "We played our hearts out."', "Petrie", "Petrie"),
    ('Added Jo Lee: "It was a long night."', "Jo Lee", "Jo Lee"),
    ('The vote failed. Said Dana Roe, "We will try again next year."', "Dana Roe", "Dana Roe"),
])
def test_an_attribution_inverted_before_its_quote_is_no_part_of_the_name(nlp, text, speaker, mention):
    # feature writing opens with the verb ("Said Petrie:"); the NER read "Said" into the
    # name, and the parser hung "Added" on the name and tied the name to nothing
    quote = the_quote(nlp, text)
    assert (quote.speaker.name, quote.speaker_mention) == (speaker, mention)


def test_a_name_that_is_also_a_verb_of_saying_stays_a_name(nlp):
    # the inverted attribution needs a colon or comma after the name
    doc = nlp('Said Aouita won the 5,000 metres in 1985. "He was fast," Petrie said.')
    extract_claims(doc)
    assert "Said Aouita" in [ent.text for ent in doc.ents]


@pytest.mark.parametrize("text, speaker", [
    ('Coach Sam Petrie is sick.\n\n"Save our park," residents gathered outside city hall said on Monday.', "residents"),
    ('"It was a disaster," the two men arrested at the scene told police.', "two men"),
])
def test_a_speaker_described_by_a_participle_after_the_quote_speaks_it(nlp, text, speaker):
    # the parser read "residents gathered outside city hall" as the clause said, so the
    # verb had no subject and the quote went to the person named before, or was lost
    # into an indirect claim of the words between the quote and the verb
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker.name == speaker


def test_a_group_named_again_by_its_kind_alone_is_the_group_named_before(nlp):
    text = ("Harbour City police say a 34-year-old man has been charged with assault.\n\n"
            "Police say the victim was taken to hospital with serious injuries.")
    extraction = extract_claims(nlp(text))
    assert [s.name for s in extraction.speakers] == ["Harbour City police"]
    assert {c.speaker.name for c in extraction.claims} == {"Harbour City police"}


def test_a_group_named_with_a_place_after_its_kind_alone_is_another_speaker(nlp):
    # only a later bare "police" refers back; a later "Tellan police" names more
    text = "Police say a man was charged.\n\nTellan police say he is 34."
    assert [s.name for s in extract_claims(nlp(text)).speakers] == ["Police", "Tellan police"]


@pytest.mark.parametrize("text", [
    "Tellan Software has released a patch for its browser. The software giant said the bug could affect all versions.",
    "Tellan Pharmaceuticals Inc. cut its forecast on Monday. The drugmaker said sales of its flu vaccine had fallen.",
    # a place before the epithet says where the company is from, not which one it is
    "Tellan Software released an emergency patch. The US software giant said the update fixes a serious flaw.",
])
def test_a_business_epithet_refers_back_to_the_company_named_before(nlp, text):
    # "the software giant" had been a new, unnamed speaker
    quote = the_quote(nlp, text)
    assert quote.speaker.name.startswith("Tellan") and quote.speaker.kind == "organization"


def test_an_indefinite_business_epithet_is_another_company(nlp):
    # only "the software giant" refers back; "a software giant" is one not named yet
    text = "Tellan Software won the contract. A software giant said the bid was too low."
    assert the_quote(nlp, text).speaker.name == "software giant"


@pytest.mark.parametrize("text, speaker", [
    ('Writing in a company blog, Mike Reavey, director of the Tellan Security Response Center, urged users '
     'to install the update "as quickly as possible."', "Mike Reavey"),
    ('Speaking in a company video, Sam Petrie, head of the Tellan security team, warned users to update '
     '"right away."', "Sam Petrie"),
])
def test_a_participle_opening_the_sentence_is_not_its_speaker(nlp, text, speaker):
    # the parser took "Writing" for the subject of "urged" and hung the name on it
    assert the_quote(nlp, text, kind="indirect_quote").speaker.name == speaker


def test_a_date_is_no_author_of_a_document(nlp):
    # "statistics from November": when, not whose
    text = "Sales fell 4 per cent, according to a report from November."
    assert the_quote(nlp, text).speaker is None


def test_a_time_set_after_a_noun_is_not_the_speaker_of_its_clause(nlp):
    from spacy.tokens import Doc

    from claimkb.ingest.extract.cues import subject_of

    # "Despite reports last week that said Ross would not return, ...": the parse the
    # small model gives inside one ECB+ story (set by hand: it is the parse under
    # test), which hangs "that said" on "week"; the reports said it
    words = ["Despite", "reports", "last", "week", "that", "said", "Ross", "would", "not", "return", ",",
             "it", "seems", "so", "."]
    doc = Doc(nlp.vocab, words=words, heads=[12, 0, 3, 12, 5, 3, 9, 9, 9, 5, 12, 12, 12, 12, 12],
              deps=["prep", "pobj", "amod", "npadvmod", "nsubj", "relcl", "nsubj", "aux", "neg", "ccomp", "punct",
                    "nsubj", "ROOT", "advmod", "punct"],
              pos=["ADP", "NOUN", "ADJ", "NOUN", "PRON", "VERB", "PROPN", "AUX", "PART", "VERB", "PUNCT",
                   "PRON", "VERB", "ADV", "PUNCT"],
              ents=["O", "O", "B-DATE", "I-DATE", "O", "O", "B-PERSON", "O", "O", "O", "O", "O", "O", "O", "O"])
    assert subject_of(doc[5]).text == "reports"


@pytest.mark.parametrize("text, speaker", [
    ("One of Sam Petrie's lawyers said he was innocent.", "One of Sam Petrie's lawyers"),
    ("Half of Jo Lee's staff said they would quit.", "Half of Jo Lee's staff"),
    # guard: the one named beside is that person
    ("One of them, Sam Petrie, said he was innocent.", "Sam Petrie"),
])
def test_one_of_a_group_named_after_a_person_is_not_that_person(nlp, text, speaker):
    assert the_quote(nlp, text).speaker.name == speaker


def test_she_after_one_of_a_group_named_after_a_man_is_that_one(nlp):
    text = ('One of the wives of former church leader Sam Petrie said his arrest was a mistake. '
            '"It is for fraud," she said.')
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker.name == "One of the wives"


@pytest.mark.parametrize("text, speaker", [
    # headlines drop the possessive: the lawyer speaks, not the client
    ("Jo Lee lawyer says she will appeal", "Jo Lee lawyer"),
    ("Tellan Quest creator says the game could make a comeback", "Tellan Quest creator"),
    # guards: an office before the name, a document, which speaks for its author, and a
    # verb the parser read as a noun after the name
    ("Mayor Jo Lee says she will win", "Jo Lee"),
    ("Jo Lee statement says she will appeal", "Jo Lee"),
    ("Jo Lee parties for 48 hours - then tells Harbour TV she's through with partying", "Jo Lee"),
])
def test_a_name_run_together_with_a_role_after_it_is_not_the_speaker(nlp, text, speaker):
    assert the_quote(nlp, text).speaker.name == speaker


def test_say_hello_to_names_no_speaker(nlp):
    # "say hello to X": a greeting, not an attribution inverted after what X said
    text = "Harbour Hawks outage shows the app is down, say goodbye to the old logo"
    assert all(c.speaker is None or c.speaker.name != "goodbye" for c in extract_claims(nlp(text)).claims)
