"""Dates a claim names, and when two claims' dates disagree (sentences written for
these tests)."""
import pytest

from claimkb.ingest.extract.dates import dates_disagree, find_dates


def named(text):
    return [(d.kind, d.month_or_value, d.day, d.text) for d in find_dates(text)]


@pytest.mark.parametrize("text, expected", [
    ("The council met on Tuesday.", [("weekday", 2, None, "Tuesday")]),
    ("The plant closed on September 18, 2013.",
     [("month_day", 9, 18, "September 18"), ("year", 2013, None, "2013")]),
    ("The trial opens on 3 May and ends in June.",
     [("month_day", 5, 3, "3 May"), ("month_day", 6, None, "June")]),
    ("She is due in court Feb. 17.", [("month_day", 2, 17, "Feb. 17")]),
    ("The vote is on March 3rd.", [("month_day", 3, 3, "March 3rd")]),
    ("Prices rose 4% in 2021.", [("year", 2021, None, "2021")]),
])
def test_finds_weekdays_months_with_their_day_and_years(text, expected):
    assert named(text) == expected


@pytest.mark.parametrize("text", [
    "May I ask the minister a question?",             # a modal verb, not the month
    "Supporters will March on the capital.",           # a verb
    "The firm paid $2015 in fees.",                    # money
    "Turnout was 1999.5 thousand.",                    # a decimal
    "The Sun reported the fire; Wed staff were told.",  # abbreviations are left out
])
def test_leaves_out_what_only_looks_like_a_date(text):
    assert find_dates(text) == []


def test_an_ambiguous_month_counts_beside_a_day_or_a_year():
    assert named("Elections were held in May 2019.")[0][:3] == ("month_day", 5, None)
    assert named("The strike began on March 3.")[0][:3] == ("month_day", 3, 3)


def disagree(a, b):
    return [(kind_a[0].kind, [d.text for d in kind_a], [d.text for d in kind_b])
            for kind_a, kind_b in dates_disagree(find_dates(a), find_dates(b))]


def test_dates_of_one_kind_that_differ_disagree():
    assert disagree("Police made the arrest on Tuesday.", "Police made the arrest on Friday.") == [
        ("weekday", ["Tuesday"], ["Friday"])]
    assert disagree("The law passed in 2007.", "The law passed in 2009.") == [("year", ["2007"], ["2009"])]
    assert disagree("Voting ends on June 4.", "Voting ends on June 5.") == [("month_day", ["June 4"], ["June 5"])]


def test_a_less_precise_or_dropped_date_is_no_disagreement():
    assert disagree("Voting ends on June 4.", "Voting ends in June.") == []
    assert disagree("Police made the arrest on Tuesday.", "Police made the arrest.") == []
    # another kind of date named on each side says nothing about a change
    assert disagree("The arrest came on Tuesday.", "The arrest came in 2019.") == []
    # one side adding a second date keeps the first: not a change
    assert disagree("Talks ran on Monday.", "Talks ran on Monday and Tuesday.") == []
