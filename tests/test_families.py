"""Families: copies grouped around the earliest, without chaining through weak links."""
from __future__ import annotations

from claimkb.link.families import family_id, group_families
from claimkb.store.ids import stable_id

ORDER = {name: (f"2024-01-0{day}", "", name) for day, name in enumerate("abcdef", start=1)}


def test_direct_links_to_the_earliest_claim_make_one_family():
    families = group_families([("a", "b", 0.6), ("a", "c", 0.55)], ORDER)
    assert families == {"a": ["a", "b", "c"]}


def test_a_chain_of_weak_links_does_not_join_unrelated_claims():
    # b shares words with a, c with b, d with c: each step passed the threshold,
    # but d need not say what a said.
    families = group_families([("a", "b", 0.6), ("b", "c", 0.6), ("c", "d", 0.6)], ORDER, chain_threshold=0.9)
    assert families["a"] == ["a", "b"]
    assert families["c"] == ["c", "d"]


def test_near_verbatim_re_publications_chain():
    families = group_families([("a", "b", 0.95), ("b", "c", 0.97), ("c", "d", 0.6)], ORDER, chain_threshold=0.9)
    assert families == {"a": ["a", "b", "c"]}  # d only weakly linked to a copy of a copy


def test_canonical_is_the_earliest_whatever_the_link_direction():
    families = group_families([("c", "b", 0.8)], ORDER)
    assert list(families) == ["b"]


def test_family_ids_are_stable_hashes_of_the_canonical():
    assert family_id("a") == stable_id("family", "a") == family_id("a")
    assert family_id("a") != family_id("b")
