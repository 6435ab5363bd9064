"""Who re-published, rewrote or translated whom, from the links between their claims."""
from __future__ import annotations

import json

from claimkb.link.derivations import describe_derivation


def link(n, relation, *, quote=False, score=0.9, later_text=None, text="the minister said the river would flood"):
    """A row shaped like derivations.LINKS_SQL: claim n of the earlier article linked to claim n of the later."""
    kind = "direct_quote" if quote else "assertion"
    return ("early", "late", f"a{n}", f"b{n}", score, relation, n * 100, n * 100, kind, kind,
            f"{text} {n}", later_text or f"{text} {n}")


def test_mostly_verbatim_copies_are_a_republication():
    derivation = describe_derivation([link(n, "verbatim") for n in range(4)], later_claims=5, earlier_claims=5)
    assert derivation["relation"] == "republishes"
    assert derivation["shared_claims"] == 4
    assert derivation["score"] == 0.8
    assert "the minister said the river would flood" in json.loads(derivation["evidence"])["shared_phrases"][0]


def test_quotes_reworded_throughout_in_order_look_like_a_translation():
    links = [link(n, "quote_altered", quote=True, later_text=f"the official stated that the stream could overflow {n}")
             for n in range(4)]
    derivation = describe_derivation(links, later_claims=5, earlier_claims=6)
    assert derivation["relation"] == "translates"
    assert "guess" in json.loads(derivation["evidence"])["relation_basis"]


def test_paraphrase_that_keeps_quotes_is_a_rewrite():
    links = [link(0, "verbatim", quote=True), link(1, "verbatim", quote=True), link(2, "paraphrase"),
             link(3, "paraphrase"), link(4, "paraphrase")]
    assert describe_derivation(links, later_claims=6, earlier_claims=8)["relation"] == "rewrites"


def test_different_languages_are_a_translation():
    derivation = describe_derivation([link(0, "paraphrase"), link(1, "paraphrase")], 3, 3, "el", "en")
    assert derivation["relation"] == "translates"


def test_one_shared_quote_or_a_small_share_is_no_derivation():
    assert describe_derivation([link(0, "verbatim")], later_claims=2, earlier_claims=2) is None
    assert describe_derivation([link(0, "verbatim"), link(1, "verbatim")], later_claims=20, earlier_claims=9) is None
