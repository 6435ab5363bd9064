import pytest

from claimkb.ingest.extract.hedges import find_hedge, hedge_strength


@pytest.mark.parametrize(
    "text,hedge",
    [
        ("The reports may vanish with encryption.", "may"),
        ("The reports will vanish with encryption.", "will"),
        ("The organization estimates that more than half of its reports will vanish.", "estimates"),
        ("The NCMEC believes the reports will be limited.", "believes"),
        ("The deal is likely to close in May.", "likely"),
        ("Perhaps the market will recover.", "perhaps"),
        ("The suspect allegedly fled the scene.", "allegedly"),
        ("Analysts predict a rebound.", "predict"),
        ("The vaccine is safe.", None),
        ("She met Will Smith in May.", None),
        ("It was the will of the people.", None),
    ],
)
def test_find_hedge(text, hedge):
    assert find_hedge(text) == hedge


def test_strength_orders_certainty():
    assert hedge_strength(None) == 1.0
    assert hedge_strength("will") > hedge_strength("estimates") > hedge_strength("may")
    assert hedge_strength("might") <= hedge_strength("may")
    assert 0.3 <= hedge_strength("may") <= 0.5


def test_strength_reads_forms_as_written():
    assert hedge_strength("Estimated") == hedge_strength("estimates")
    assert hedge_strength("won't") == hedge_strength("will")
