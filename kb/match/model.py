"""The same-claim score: a logistic model over the pair features of
``claimkb.match.compare.pair_features``, one per tier.

The weights are learned, not written by hand: ``benchmarks/same_claim.py --fit``
fits them on the dev half of the gold set (``benchmarks/gold/same_claim/``, pairs
read and labelled by people) and writes ``same_claim_model.json`` beside this
module, with the link threshold chosen on dev out-of-fold scores. The test half is
never fitted on; its figures are in the README. A logistic model's output is a
probability, and the reliability table the benchmark prints checks that it is a
calibrated one on held-out pairs.

Running it needs no scikit-learn: a model is a list of feature names, their means
and scales, the coefficients and an intercept.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache

from claimkb.resources import match_file

MODEL_FILE = "same_claim_model.json"
TIERS = ("lexical", "dense")


@dataclass(frozen=True)
class SameClaimModel:
    tier: str
    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    coefficients: tuple[float, ...]
    intercept: float
    threshold: float  # the link threshold chosen on dev

    def log_odds(self, values: dict[str, float]) -> float:
        return self.intercept + sum(
            c * (values[name] - m) / s
            for name, m, s, c in zip(self.features, self.means, self.scales, self.coefficients)
        )

    def probability(self, values: dict[str, float]) -> float:
        z = self.log_odds(values)
        # math.exp overflows past ~709; such pairs are settled either way.
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


@cache
def load_model(tier: str) -> SameClaimModel:
    """The fitted model of ``tier`` ("lexical" or "dense")."""
    models = json.loads(match_file(MODEL_FILE).read_text(encoding="utf-8"))["models"]
    entry = models[tier]
    return SameClaimModel(
        tier=tier,
        features=tuple(entry["features"]),
        means=tuple(entry["means"]),
        scales=tuple(entry["scales"]),
        coefficients=tuple(entry["coefficients"]),
        intercept=entry["intercept"],
        threshold=entry["threshold"],
    )
