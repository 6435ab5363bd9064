"""Who re-published, rewrote or translated whom, from the links between their claims."""
from __future__ import annotations

import json

from claimkb.link.derivations import describe_derivation


def link(n, relation, *, quote=False, score=0.9, later_text=None, text="the minister said the river would flood",
         method="dense"):
    """A row shaped like derivations.LINKS_SQL: claim n of the earlier article linked to claim n of the later."""
    kind = "direct_quote" if quote else "assertion"
    return ("early", "late", f"a{n}", f"b{n}", score, relation, n * 100, n * 100, kind, kind,
            f"{text} {n}", later_text or f"{text} {n}", method)


def test_mostly_verbatim_copies_are_a_republication():
    derivation = describe_derivation([link(n, "verbatim") for n in range(4)], later_claims=5, earlier_claims=5)
    assert derivation["relation"] == "republishes"
    assert derivation["shared_claims"] == 4
    assert derivation["score"] == 0.8
    assert "the minister said the river would flood" in json.loads(derivation["evidence"])["shared_phrases"][0]


def test_links_aligned_inside_a_republication_do_not_make_it_a_rewrite():
    # Three verbatim copies earn the republication; the three reworded claims aligned
    # between them because it is one must not outvote them.
    links = [link(n, "verbatim") for n in range(3)] + [link(n, "paraphrase", method="dense+aligned")
                                                        for n in range(3, 6)]
    assert describe_derivation(links, later_claims=7, earlier_claims=7)["relation"] == "republishes"
    unaligned = [link(n, "verbatim") for n in range(3)] + [link(n, "paraphrase") for n in range(3, 6)]
    assert describe_derivation(unaligned, later_claims=7, earlier_claims=7)["relation"] == "rewrites"


def test_quotes_reworded_throughout_in_one_language_are_a_rewrite_not_a_translation():
    links = [link(n, "quote_altered", quote=True, later_text=f"the official stated that the stream could overflow {n}")
             for n in range(4)]
    derivation = describe_derivation(links, 5, 6, "en", "en", later_text_language="en", earlier_text_language="en")
    assert derivation["relation"] == "rewrites"
    assert describe_derivation(links, later_claims=5, earlier_claims=6)["relation"] == "rewrites"


def test_paraphrase_that_keeps_quotes_is_a_rewrite():
    links = [link(0, "verbatim", quote=True), link(1, "verbatim", quote=True), link(2, "paraphrase"),
             link(3, "paraphrase"), link(4, "paraphrase")]
    assert describe_derivation(links, later_claims=6, earlier_claims=8)["relation"] == "rewrites"


def test_different_declared_languages_are_a_translation():
    derivation = describe_derivation([link(0, "paraphrase"), link(1, "paraphrase")], 3, 3, "el", "en")
    assert derivation["relation"] == "translates"
    assert "declared" in json.loads(derivation["evidence"])["relation_basis"]


def test_a_region_is_not_another_language():
    derivation = describe_derivation([link(0, "paraphrase"), link(1, "paraphrase")], 3, 3, "en-GB", "en")
    assert derivation["relation"] == "rewrites"


def test_texts_in_different_languages_are_a_translation_whatever_is_declared():
    links = [link(0, "paraphrase"), link(1, "paraphrase")]
    derivation = describe_derivation(links, 3, 3, None, "en", later_text_language="fr", earlier_text_language="en")
    assert derivation["relation"] == "translates"
    assert json.loads(derivation["evidence"])["text_languages"] == ["en", "fr"]
    # One text too short to show its language: no signal.
    assert describe_derivation(links, 3, 3, "en", "en", later_text_language=None,
                               earlier_text_language="en")["relation"] == "rewrites"


def test_one_shared_quote_or_a_small_share_is_no_derivation():
    assert describe_derivation([link(0, "verbatim")], later_claims=2, earlier_claims=2) is None
    assert describe_derivation([link(0, "verbatim"), link(1, "verbatim")], later_claims=20, earlier_claims=9) is None


def test_build_derivations_reads_the_language_off_the_texts(tmp_path):
    """Two articles with no declared language, one in French: the links between their
    claims (stored as the linker would) make a translation."""
    from claimkb.ingest.records import ArticleRecord, Claim, Extraction
    from claimkb.link.derivations import build_derivations
    from claimkb.store.articles import store_article
    from claimkb.store.db import open_db

    english = ("The minister said on Tuesday that the new bridge would open to traffic in the spring. "
               "She said that the cost of the works had been lower than the council expected.")
    french = ("Le ministre a déclaré mardi que le nouveau pont sera ouvert à la circulation au printemps. "
              "Elle a dit que le coût des travaux a été plus bas que ce que la mairie attendait.")
    db = open_db(tmp_path / "kb.db")
    claim_ids = {}
    for name, text, day in (("english", english, "2024-01-01"), ("french", french, "2024-01-02")):
        sentences = [s + "." for s in text.rstrip(".").split(". ")]
        claims = [Claim("assertion", s, s, text.index(s), text.index(s) + len(s)) for s in sentences]
        record = ArticleRecord(text=text, url=f"https://{name}.example/1", outlet=name, published=day)
        claim_ids[name] = store_article(db, record, Extraction(claims=claims)).claim_ids
    db["claim_links"].insert_all(
        [{"claim_a": a, "claim_b": b, "score": 0.9, "relation": "paraphrase", "evidence": "[]", "method": "embeddings"}
         for a, b in zip(claim_ids["english"], claim_ids["french"])])
    assert build_derivations(db) == 1
    [(relation, evidence)] = db.execute("select relation, evidence from article_derivations").fetchall()
    assert relation == "translates"
    assert json.loads(evidence)["text_languages"] == ["en", "fr"]


def test_the_demo_articles_all_in_english_make_no_translation(demo_db, tmp_path):
    import sqlite3

    from click.testing import CliRunner

    from claimkb.cli import cli

    with sqlite3.connect(demo_db) as conn:
        relations = [row[0] for row in conn.execute("select relation from article_derivations")]
    assert relations and "translates" not in relations
    out = tmp_path / "demo.jsonld"
    result = CliRunner().invoke(cli, ["export", str(demo_db), "--format", "jsonld", "-o", str(out)])
    assert result.exit_code == 0, result.output
    exported = out.read_text(encoding="utf-8")
    assert "isBasedOn" in exported and "translationOfWork" not in exported
