"""Families: copies grouped around the earliest, without chaining through weak links."""
from __future__ import annotations

from claimkb.link.families import family_id, group_families
from claimkb.store.ids import stable_id

ORDER = {name: (f"2024-01-0{day}", "", name) for day, name in enumerate("abcdef", start=1)}


def same_as(*groups):
    """``agrees`` for claims that are copies of each other exactly when in one group."""
    group_of = {claim: n for n, group in enumerate(groups) for claim in group}
    return lambda x, y: group_of.get(x) is not None and group_of.get(x) == group_of.get(y)


def test_direct_links_to_the_earliest_claim_make_one_family():
    families = group_families([("a", "b", 0.6), ("a", "c", 0.55)], ORDER, agrees=same_as())
    assert families == {"a": ["a", "b", "c"]}


def test_a_chain_of_links_does_not_join_claims_that_disagree_with_the_canonical():
    # b shares words with a, c with b, d with c: each link passed the threshold,
    # but c and d do not say what a said.
    families = group_families([("a", "b", 0.6), ("b", "c", 0.6), ("c", "d", 0.6)], ORDER,
                              agrees=same_as(("a", "b"), ("c", "d")))
    assert families == {"a": ["a", "b"], "c": ["c", "d"]}


def test_a_copy_of_a_copy_joins_when_it_agrees_with_the_canonical():
    families = group_families([("a", "b", 0.95), ("b", "c", 0.97)], ORDER, agrees=same_as(("a", "b", "c")))
    assert families == {"a": ["a", "b", "c"]}


def test_a_weak_edge_cannot_merge_two_families():
    # Two statements of one story, each with a copy; one copy is also weakly linked
    # to the other statement. Single-link grouping would merge all four.
    links = [("a", "c", 0.9), ("b", "d", 0.9), ("c", "b", 0.55)]
    families = group_families(links, ORDER, agrees=same_as(("a", "c"), ("b", "d")))
    assert families == {"a": ["a", "c"], "b": ["b", "d"]}


def test_a_claim_joins_the_family_it_is_linked_to_most_strongly():
    links = [("a", "c", 0.6), ("b", "c", 0.9)]
    families = group_families(links, ORDER, agrees=same_as())
    assert families == {"b": ["b", "c"]}


def test_canonical_is_the_earliest_whatever_the_link_direction():
    families = group_families([("c", "b", 0.8)], ORDER, agrees=same_as())
    assert list(families) == ["b"]


def test_family_ids_are_stable_hashes_of_the_canonical():
    assert family_id("a") == stable_id("family", "a") == family_id("a")
    assert family_id("a") != family_id("b")
