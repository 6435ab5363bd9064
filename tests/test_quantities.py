import pytest

from claimkb.ingest.extract.quantities import find_quantities, parse_quantity, qualifier_direction


@pytest.mark.parametrize(
    "phrase,value,unit,qualifier",
    [
        ("16.9 million reports", 16_900_000, "reports", None),
        ("16,9 million reports", 16_900_000, "reports", None),
        ("1,234 people", 1234, "people", None),
        ("1,5 kg", 1.5, "kg", None),
        ("1.234.567 euros", 1_234_567, "EUR", None),
        ("over 69 million photos", 69_000_000, "photos", "over"),
        ("more than 69 million", 69_000_000, None, "more than"),
        ("more than half of its reports", 0.5, "fraction", "more than"),
        ("65 million cyber-tips", 65_000_000, "cyber-tips", None),
        ("$4.2 billion", 4_200_000_000, "USD", None),
        ("€3m", 3_000_000, "EUR", None),
        ("£500,000", 500_000, "GBP", None),
        ("US$1.5 bn", 1_500_000_000, "USD", None),
        ("5 million euros", 5_000_000, "EUR", None),
        ("one in five adults", 0.2, "fraction", None),
        ("twelve people", 12, "people", None),
        ("three million", 3_000_000, None, None),
        ("a million people", 1_000_000, "people", None),
        ("about 45% of", 45, "percent", "about"),
        ("up to 40 per cent", 40, "percent", "up to"),
        ("nearly 3,000 jobs", 3000, "jobs", "nearly"),
        ("roughly two-thirds of voters", 2 / 3, "fraction", "roughly"),
        ("thousands of cases", 1000, "cases", "thousands of"),
        # Scales written plural or in another language, as translated copies write them.
        ("3,4 millions euros", 3_400_000, "EUR", None),
        ("6,1 millions voters", 6_100_000, "voters", None),
        ("2,3 milliards d'euros", 2_300_000_000, "EUR", None),
        ("1,5 Millionen Euro", 1_500_000, "EUR", None),
        ("4,5 millones de personas", 4_500_000, None, None),
        # A scale joined by a hyphen is the scale, as with a space ("a $3.5-million deal").
        ("a $3.5-million harbour deal", 3_500_000, "USD", None),
        ("a 12.4-billion budget", 12_400_000_000, "budget", None),
        # A measure joined by a hyphen, or named before its reading, is the unit.
        ("a 6.1-magnitude quake", 6.1, "magnitude", None),
        ("a quake of magnitude 6.1 struck", 6.1, "magnitude", None),
        ("a magnitude-6.1 quake", 6.1, "magnitude", None),
        ("a category 4 storm", 4, "category", None),
        ("A 10-point lead", 10, "point", None),
        # A unit abbreviation glued to the figure is its unit.
        ("a road some 40km long", 40, "km", "some"),
        ("a 2kg parcel", 2, "kg", None),
        ("winds of 90mph", 90, "mph", None),
        ("a 1.5GB download", 1.5, "gb", None),
    ],
)
def test_parse_quantity(phrase, value, unit, qualifier):
    quantity = parse_quantity(phrase)
    assert quantity is not None
    assert quantity.value == pytest.approx(value, rel=1e-6)
    assert quantity.unit == unit
    assert quantity.qualifier == qualifier


@pytest.mark.parametrize(
    "phrase,low,high,unit",
    [
        ("between 10 and 20 people", 10, 20, "people"),
        ("10-20 per cent", 10, 20, "percent"),
        ("between 10 and 20 million", 10_000_000, 20_000_000, None),
    ],
)
def test_ranges(phrase, low, high, unit):
    quantity = parse_quantity(phrase)
    assert (quantity.value, quantity.high, quantity.unit) == (low, high, unit)


@pytest.mark.parametrize(
    "text",
    [
        "It happened in 2019.",
        "Filed on 2020-12-03.",
        "Music of the 1990s",
        "He lives at No. 10 Downing Street.",
        "COVID-19 is spreading",
        "one of the Fortune 500 companies",
        "Call 555-123-4567 for help.",
        "for the 10th time",
        "on December 3, 2020",
        "5G networks",
        "3D printing at 10x speed",
        "open from 9am",
        "no one came",
        "a film about one man",  # "about", "over", "under" before "one" are prepositions
        "under one roof",
    ],
)
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_offsets_and_order_in_a_sentence():
    text = ("Last year, the NCMEC received 16.9 million reports of suspected abuse that "
            "included over 69 million photos, videos, and other files.")
    found = find_quantities(text)
    assert [text[q.start:q.end] for q in found] == ["16.9 million", "over 69 million"]
    assert [q.text for q in found] == ["16.9 million", "over 69 million"]
    assert [q.value for q in found] == [16_900_000, 69_000_000]


def test_different_digits_are_different_values():
    assert parse_quantity("4.2").value != parse_quantity("2.4").value


def test_qualifier_direction():
    assert qualifier_direction("over") == qualifier_direction("more than") == ">"
    assert qualifier_direction("nearly") == "<"
    assert qualifier_direction("about") == "~"
    assert qualifier_direction(None) is None


@pytest.mark.parametrize("text,qualifier,direction", [
    ("No more than 40 boats may moor in the bay.", "no more than", "<"),  # at most 40, not over 40
    ("Not more than 40 boats may moor in the bay.", "not more than", "<"),
    ("No fewer than 40 boats were counted.", "no fewer than", ">"),
    ("The repair took no less than 6 weeks.", "no less than", ">"),
])
def test_a_denied_bound_turns_the_bound_around(text, qualifier, direction):
    [found] = find_quantities(text)
    assert (found.qualifier, found.value) == (qualifier, 40 if "40" in text else 6)
    assert qualifier_direction(found.qualifier) == direction


def test_headline_numbers_after_capitalized_words_count():
    # Headlines capitalize every word, so "Fall 2%" is still a figure.
    found = find_quantities("Stocks Fall 2% After Fed Says Growth Slows")
    assert [(q.value, q.unit) for q in found] == [(2, "percent")]


def test_clock_times_are_not_quantities():
    assert [q.text for q in find_quantities("The quake hit inland at 0737 GMT at a depth of 10 km.")] == ["10"]


@pytest.mark.parametrize(
    "phrase,precision",
    [
        ("16.9 million", 100_000),  # the tenth of a million
        ("$16.90M", 10_000),  # a written trailing zero counts
        ("16,000 people", 1_000),  # a whole number's trailing zeros are a rounding
        ("1,234 people", 1),
        ("3,4 millions euros", 100_000),
        ("twelve people", None),  # words and shares are read as exact
        ("more than half of them", None),
    ],
)
def test_precision_is_the_place_of_the_last_digit_written(phrase, precision):
    found = parse_quantity(phrase).precision
    assert found == (None if precision is None else pytest.approx(precision))


@pytest.mark.parametrize("text, qualifier", [
    ("The blast killed at least one person.", "at least"),
    ("More than one suspect was arrested.", "more than"),
])
def test_one_counted_by_a_comparison_is_a_figure(text, qualifier):
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.qualifier) == (1.0, qualifier)


@pytest.mark.parametrize("text", [
    "Storm Brings Down Bridge, Killing One",
    "Gas blast injures one in city centre",
    "Bus crash leaves one dead and dozens hurt",
    "One missing after ferry capsizes",
])
def test_one_counting_casualties_is_a_figure(text):
    assert [q.value for q in find_quantities(text) if q.value == 1.0] == [1.0]


def test_one_as_a_pronoun_beside_casualty_words_is_no_figure():
    assert find_quantities("No one was hurt, and one of the victims left hospital.") == []
