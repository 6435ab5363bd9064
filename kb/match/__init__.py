"""Matching: the one judgment of whether two statements make the same claim and
how the second differs (features, numbers, word diff, the calibrated score), the
dense tier, candidate generation and `similar`. May import claimkb.store and
claimkb.ingest.extract (quantities, hedges); never the linker, graph or web."""
