"""Embedded tweets: the words of a tweet a page embeds are its author's direct quote."""
import pytest

from claimkb.ingest.extract import extract_claims
from claimkb.ingest.extract.tweets import find_embedded_tweets


@pytest.mark.parametrize("paragraph, words, author", [
    ("Crews are out in every district. Thank you for your patience. pic.twitter.com/AbC123xyz "
     "— Harbour Power (@harbourpower) March 3, 2019",
     "Crews are out in every district. Thank you for your patience.", "Harbour Power"),
    # a hashtag the page glued to the picture link, and a link before it
    ("Roads closed across the valley. #ValleyStormpic.twitter.com/Zz9Yy8 — Jo Marsh (@jomarsh) Jan. 4, 2020",
     "Roads closed across the valley.", "Jo Marsh"),
    ("We did it! Thanks to every volunteer. https://t.co/q1W2e3R4 – Ana Ruiz (@ana_ruiz) May 12, 2019",
     "We did it! Thanks to every volunteer.", "Ana Ruiz"),
])
def test_an_embedded_tweet_is_found_with_its_author(paragraph, words, author):
    text = f"The storm hit on Friday.\n\n{paragraph}\n\nMore rain is expected."
    (tweet,) = find_embedded_tweets(text)
    assert text[slice(*tweet.content)] == words
    assert text[slice(*tweet.author)] == author


@pytest.mark.parametrize("text", [
    "Jo Marsh (@jomarsh) runs the account. She posts every day.",  # a handle in a sentence, no signature
    "— Jo Marsh (@jomarsh) March 3, 2019",  # a signature with no words before it
])
def test_no_tweet_without_words_and_a_closing_signature(text):
    assert find_embedded_tweets(text) == []


def test_an_embedded_tweet_is_a_direct_quote_of_its_author(nlp):
    text = ("The storm cut power to 40,000 homes on Friday.\n\n"
            "Crews are out in every district. Thank you for your patience. pic.twitter.com/AbC123xyz "
            "— Harbour Power (@harbourpower) March 3, 2019\n\n"
            "Most homes should have power back by Sunday.")
    (quote,) = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert quote.content == "Crews are out in every district. Thank you for your patience."
    assert quote.speaker.name == "Harbour Power" and quote.cue == "tweeted"


def test_the_author_of_an_embedded_tweet_is_no_antecedent_of_the_story(nlp):
    # the tweet is signed apart from the story: "he" goes on with the story's speaker
    text = ("Mayor Tom Reid opened the new bridge on Friday.\n\n"
            "What a day for our town! https://t.co/q1W2e3R4 — Kim Wells (@kimwells) May 2, 2019\n\n"
            '"This bridge will serve us for a hundred years," he said.')
    quotes = [c for c in extract_claims(nlp(text)).claims if c.kind == "direct_quote"]
    assert quotes[-1].speaker_mention == "he" and quotes[-1].speaker.name == "Tom Reid"
