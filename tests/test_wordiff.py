"""The one word diff (kb.match.wordiff), on sentences written for these tests."""
from claimkb.match.wordiff import word_diff


def ops(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(s.op, s.before, s.after) for s in word_diff(a, b)]


def test_added_dropped_and_changed_words_as_each_text_wrote_them():
    found = ops("The harbour handled 4.2 million containers.", "The port handled 2.4 million new containers")
    assert found == [
        ("same", "The", "The"),
        ("changed", "harbour", "port"),
        ("same", "handled", "handled"),
        ("changed", "4.2", "2.4"),
        ("same", "million", "million"),
        ("added", "", "new"),
        ("same", "containers", "containers"),
        ("dropped", ".", ""),
    ]


def test_case_alone_is_no_change():
    assert ops("use social media", "use SOCIAL MEDIA") == [("same", "use social media", "use SOCIAL MEDIA")]


def test_function_words_between_two_changes_do_not_split_them():
    # "of" alone is kept between two changes: one change, not two crumbs around it.
    found = ops("the cost of living rose", "the price of housing rose")
    assert found == [("same", "the", "the"), ("changed", "cost of living", "price of housing"), ("same", "rose", "rose")]


def test_a_kept_content_word_still_separates_two_changes():
    found = ops("the cost of living rose sharply", "the price of living rose slowly")
    assert ("same", "of living rose", "of living rose") in found


def test_spans_index_into_each_text():
    a, b = "Officials counted 40 boats.", "Officials then counted 41 boats."
    for segment in word_diff(a, b):
        assert a[slice(*segment.span_a)] == segment.before
        assert b[slice(*segment.span_b)] == segment.after
