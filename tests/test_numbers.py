"""The one judgment of which figure of B is which figure of A (kb.match.numbers),
on sentences written for these tests."""
import pytest

from claimkb.match.numbers import compare_figures


def changes(a: str, b: str) -> list[tuple]:
    return [(m.change, m.a and m.a.text, m.b and m.b.text) for m in compare_figures(a, b)]


@pytest.mark.parametrize("a,b", [
    ("The agency logged 16.9 million calls.", "The agency logged 16,9 million calls."),  # decimal comma
    ("The agency logged 16.9 million calls.", "The agency logged 16,934,112 calls."),  # a rounding of it
    ("The fund paid 3,4 millions euros.", "The fund paid €3.4 million."),  # plural scale, currency after it
    ("Voters backed 6,1 millions ballots.", "Voters backed 6.1 million ballots."),
    ("A 6.1-magnitude quake hit the coast.", "A quake of magnitude 6.1 hit the coast."),
    ("A magnitude-6.1 quake hit the coast.", "A 6.1-magnitude quake hit the coast."),
    ("About half of the wells were dry.", "About 50% of the wells were dry."),
    ("Thousands of fans came.", "Thousands of fans came."),
])
def test_the_same_figure_however_written(a, b):
    assert [change for change, _, _ in changes(a, b)] == ["same"]


def test_figures_written_to_the_same_precision_differ_by_their_last_digit():
    # 0.3% apart, but both written to the hundredth of a million.
    assert changes("Sales reached $16.90M.", "Sales reached $16.95M.") == [("value", "$16.90M", "$16.95M")]


def test_a_rounding_is_not_a_different_figure_but_a_coarser_one_is():
    assert changes("The agency logged 16.9 million calls.", "The agency logged 17 million calls.")[0][0] == "value"


@pytest.mark.parametrize("a,b,change", [
    ("Dozens were hurt.", "12 were hurt.", "vague_to_exact"),
    ("12 were hurt.", "Dozens were hurt.", "exact_to_vague"),
    ("Thousands of homes lost power.", "3,000 homes lost power.", "vague_to_exact"),
    # an order of magnitude with nothing counted is the vague form of money or a count of that order
    ("Thieves took $2.5 million in jewels from the Harbour Arcade.",
     "Thieves took millions in jewels from the Harbour Arcade.", "exact_to_vague"),
    ("The toll road earns millions for Tellan Mining.", "The toll road earns 4 million for Tellan Mining.",
     "vague_to_exact"),
])
def test_a_vague_amount_is_never_an_exact_figure(a, b, change):
    [(found, _, _)] = changes(a, b)
    assert found == change


@pytest.mark.parametrize("a,b", [
    ("Thieves took $2.5 billion in jewels.", "Thieves took millions in jewels."),  # a billion is no million
    ("The toll road earns $50,000 a day.", "The toll road earns hundreds a day."),  # nor 50,000 hundreds
])
def test_an_order_of_magnitude_is_no_vague_form_of_a_figure_of_another_order(a, b):
    assert sorted(kind for kind, _, _ in changes(a, b)) == ["added", "dropped"]


def test_vague_to_exact_evidence_names_the_words_not_a_value():
    [match] = compare_figures("Dozens were hurt.", "12 were hurt.")
    assert match.difference() == {"kind": "number", "change": "vague_to_exact", "a": "Dozens", "b": "12",
                                  "detail": "dozens -> 12"}


def test_opposite_qualifiers_on_one_figure():
    assert changes("Over 300 schools closed.", "Under 300 schools closed.") == [("qualifier", "Over 300", "Under 300")]
    assert changes("Over 300 schools closed.", "More than 300 schools closed.")[0][0] == "same"


def test_a_figure_the_other_text_writes_in_a_name_is_not_dropped_or_added():
    # A title-cased headline counts "2.3" after "Atlas"; the plain sentence reads it
    # as part of the product's name. The figure is there on both sides.
    assert changes("Lumen Releases Atlas 2.3 With Faster Charging",
                   "Lumen releases Atlas 2.3 with faster charging") == [("same", "2.3", "2.3")]
    assert changes("Lumen releases Atlas 2.3 with faster charging",
                   "Lumen Releases Atlas 2.3 With Faster Charging") == [("same", "2.3", "2.3")]


def test_a_figure_absent_from_the_other_text_is_still_dropped():
    # Guard: "3" is nowhere in the copy ("2.3" and "3D" are not it).
    assert changes("Lumen Ships 3 Phones In May", "Lumen ships 3D phones with Atlas 2.3 in May") \
        == [("dropped", "3", None)]


def test_kept_changed_dropped_and_added_in_order():
    found = changes(
        "The port moved 4.2 million boxes and 69 million tonnes.",
        "The port moved 2.4 million boxes, up 5 percent.",
    )
    assert found == [("value", "4.2 million", "2.4 million"), ("dropped", "69 million", None),
                     ("added", None, "5 percent")]


def test_a_count_never_pairs_with_a_measure_of_another_unit():
    found = changes("A 6.1-magnitude quake killed five people.", "A 5.9-magnitude quake killed five people.")
    assert found == [("value", "6.1", "5.9"), ("same", "five", "five")]


def test_a_measurement_in_another_unit_is_converted_not_dropped_or_added():
    # The copy gives the distance in miles only, then the depth in both units.
    assert changes("The fire stopped 40 kilometres from town.", "The fire stopped 25 miles from town.") \
        == [("converted", "40", "25")]
    assert changes("The well is 300 metres deep.", "The well is 300 metres (about 1,000 feet) deep.") \
        == [("same", "300", "300"), ("converted", "300", "about 1,000")]


def test_a_conversion_far_off_the_figure_is_another_figure():
    # 40 km is 24.9 miles: "35 miles" is another distance, not a rounding of it.
    assert changes("It stopped 40 kilometres away.", "It stopped 35 miles away.") \
        == [("dropped", "40", None), ("added", None, "35")]
