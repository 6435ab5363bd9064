"""The sex a given name tells, from the census lists."""
import pytest

from claimkb.ingest.extract.given_names import sex_of_given_name


@pytest.mark.parametrize("name, sex", [
    ("Mike", "m"), ("John", "m"), ("Donna", "f"), ("Mary", "f"),
    # borne by both sexes, or rare enough that the census tells little ("Jess", 0.018% of men)
    ("Chris", None), ("Jordan", None), ("Dana", None), ("Alex", None), ("Jess", None),
    ("Ngozi", None),  # not in the lists
])
def test_a_name_tells_a_sex_only_when_one_sex_clearly_bears_it(name, sex):
    assert sex_of_given_name(name) == sex
