"""A claim's main statement is negated or not, by the parse at ingest; it is stored, and a
flipped negation needs the two copies' main statements to differ in it. Every sentence
here was written for this test."""
import json

import pytest
from click.testing import CliRunner
from spacy.tokens import Doc

from claimkb.cli import cli
from claimkb.ingest.extract import extract_claims
from claimkb.ingest.extract.nlp import parseable
from claimkb.ingest.extract.polarity import negated, texts_negated
from claimkb.link.linker import stored_comparer
from claimkb.match.compare import compare_texts
from claimkb.store.db import open_db


def negated_claims(nlp, text):
    return [claim.negated for claim in extract_claims(nlp(parseable(text))).claims]


@pytest.mark.parametrize("text", [
    "The council did not approve the harbour bridge.",
    "The harbour board will never sell the pier.",
    "Tom Baird said the ferry will not run on Sunday.",  # the clause a verb of saying reports
    "The council met on Monday but did not approve the plan.",  # a main clause joined by "but"
    "Nobody saw the fire at the mill.",  # a negative pronoun as the subject
    "The mill has no workers left after the closure.",  # "no" on the object
    '"We will not sell the pier," Ana Ruiz said.',  # a direct quote's own words
    "No deal for the Tellan Mining pier",  # a verbless headline
    # a quotation of several sentences, one of them negated
    '"The ferry ran on time. It did not stop at Rossdale," Ana Ruiz said.',
])
def test_a_negated_main_statement(nlp, text):
    assert negated_claims(nlp, text) == [True]


@pytest.mark.parametrize("text", [
    "The council approved the harbour bridge.",
    "Ana Ruiz married a man who is not Tom Baird.",  # a relative clause
    "Ana Ruiz got married to Not Tom Baird.",  # a negation on a noun
    "The ferry will run at 20 knots, not 25.",  # an alternative set aside
    "The man who did not vote said the bridge was approved.",  # negated where the speaker is described
    "The mill reopened after the council could not find a buyer.",  # a subordinate clause
    "No second mill: Timber giants Tellan and Baird merge",  # a label before a colon
    '"The ferry ran on time. It stopped at Rossdale," Ana Ruiz said.',
])
def test_an_asserted_main_statement(nlp, text):
    assert negated_claims(nlp, text) == [False]


@pytest.mark.parametrize("text", [
    "The harbour board cannot sell the pier.", "The ferry won’t run on Sunday.", "Neither bid was accepted.",
    "Nobody came to the harbour meeting.", "The pier was sold to Tellan Mining.", "Tom Baird said the ferry runs.",
])
def test_a_text_read_without_a_parse_is_read_as_the_parse_reads_it(nlp, text):
    # texts_negated parses only a text with a negation word: the shortcut must agree
    assert texts_negated([text]) == [negated(nlp(parseable(text))[:])]


def test_a_statement_compared_as_written_is_read_after_its_label(nlp):
    # as `claimkb compare` parses it: the label is a sentence of its own, closed by the colon
    assert texts_negated(["No second mill: Timber giants Tellan and Baird merge",
                               "Timber giants Tellan and Baird will not merge"]) == [False, True]


def test_a_label_the_parser_hangs_on_the_verb_across_a_colon_is_no_negation(nlp):
    # "No second mill: Tellan and Baird merge", parsed with the label as the verb's subject
    words = ["No", "second", "mill", ":", "Tellan", "and", "Baird", "merge"]
    doc = Doc(nlp.vocab, words=words, pos=["DET", "ADJ", "NOUN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB"],
              heads=[2, 2, 7, 2, 7, 4, 4, 7], deps=["det", "amod", "nsubj", "punct", "nsubj", "cc", "conj", "ROOT"])
    assert not negated(doc[:])
    # the same subject without the colon negates the statement
    words = ["No", "second", "mill", "will", "merge"]
    doc = Doc(nlp.vocab, words=words, pos=["DET", "ADJ", "NOUN", "AUX", "VERB"],
              heads=[2, 2, 4, 4, 4], deps=["det", "amod", "nsubj", "aux", "ROOT"])
    assert negated(doc[:])


@pytest.mark.parametrize("a, b", [
    ("Ana Ruiz married a man who is not Tom Baird", "Tom Baird's former partner Ana Ruiz married"),
    ("Ana Ruiz got married to Not Tom Baird", "Tom Baird's former partner Ana Ruiz got married"),
])
def test_a_negation_outside_the_main_statement_is_no_flip(a, b):
    result = compare_texts(a, b, threshold=0.0)
    assert result.relation != "negation_flipped", result.differences


def test_a_negated_main_statement_still_flips():
    result = compare_texts("The harbour board will not sell the pier to Tellan Mining",
                           "The harbour board will sell the pier to Tellan Mining", threshold=0.0)
    assert result.relation == "negation_flipped"


def test_ingest_stores_the_reading_and_linking_uses_it(tmp_path):
    records = [
        {"url": "https://harbour.example/a", "outlet": "Harbour Post", "published": "2024-05-01",
         "text": "Ana Ruiz married a man who is not Tom Baird, the Harbour Trust said on Monday."},
        {"url": "https://valley.example/b", "outlet": "Valley Ledger", "published": "2024-05-02",
         "text": "Tom Baird's former partner Ana Ruiz has married, the Harbour Trust said on Monday."},
        {"url": "https://coast.example/c", "outlet": "Coast News", "published": "2024-05-03",
         "text": "Tom Baird's former partner Ana Ruiz has not married, the Harbour Trust said on Monday."},
    ]
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    path = tmp_path / "kb.db"
    result = CliRunner().invoke(cli, ["ingest", str(path), str(source)])
    assert result.exit_code == 0, result.output
    db = open_db(path)
    rows = db.execute("select a.url, c.id, c.negated from claims c join articles a on a.id = c.article_id "
                      "order by a.url").fetchall()
    negated = {url: flag for url, _, flag in rows}
    assert negated == {"https://coast.example/c": 1, "https://harbour.example/a": 0, "https://valley.example/b": 0}
    claim = {url: claim_id for url, claim_id, _ in rows}
    compared = stored_comparer(db, "lexical")
    # a "not" in a relative clause against a copy without it: no flip
    assert compared(claim["https://harbour.example/a"], claim["https://valley.example/b"]).relation != "negation_flipped"
    # the main statement denied against one asserting it: a flip
    flipped = compared(claim["https://valley.example/b"], claim["https://coast.example/c"])
    assert flipped.relation == "negation_flipped", flipped.differences
