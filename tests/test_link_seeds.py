"""The two seed articles: Infosecurity Magazine's report and SecNews's machine-translated
re-publication a day later. Every expectation is read off the two texts by a person:
which claim of the re-publication renders which claim of the original."""
from __future__ import annotations

import json

import pytest
from conftest import SEEDS

from claimkb.store.db import open_db

SEED_FILES = ["infosecurity-magazine.txt", "republished-translation.txt"]
ORIGINAL, REPUBLICATION = "Infosecurity Magazine", "SecNews"
BELOW_THRESHOLD = pytest.mark.xfail(strict=True, reason="the calibrated score leaves this pair below the link threshold")

# Each claim of the re-publication (a phrase of its content) and the claims of the
# original it renders (phrases of theirs). Where the original says it in one
# sentence that holds two claims (a reported clause and the quote inside it), both
# are its counterparts.
COUNTERPARTS = {
    # the lead also renders the original's headline, which sums up the same call (as the
    # same-claim gold set labels it, benchmarks/gold/same_claim/seeds.jsonl)
    "to take action and unite": ["for people to come together", "Collaboration Needed to Combat"],
    "Addressing the problem of online child abuse": ["Addressing the problem of online child exploitation"],
    "one form of exploitation / abuse can lead to another form": ["abuse carried out in one sphere"],
    "an expert can use the SOCIAL MEDIA": ["a predator can use social media"],
    "where experts use social media": ["sextortion cases, in which predators"],
    "sexual blackmail is a very common phenomenon": ["sextortion cases, in which predators",
                                                     "occurring in our communities"],
    "They then blackmail them": ["sextortion cases, in which predators"],
    "received 16,9 million reports": ["received 16.9 million reports"],
    "more than 69 million photos, video and other archives": ["received 16.9 million reports"],
    "children spend even more time on computers": ["by causing children to become familiar",
                                                   "is making an ongoing crisis worse"],
    "Kids are familiar with the web cameras": ["by causing children to become familiar"],
    "This can be very dangerous": ["is making an ongoing crisis worse"],
    "We are lucky to have advanced technology": ["We are fortunate to have advanced technology"],
    "the same technology allows professionals": ["that same technology also provides predators"],
    "Williams also talked about end-to-end encryption": ["that it will make child exploitation harder"],
    "This has real consequences": ["This has real-life consequences"],
    "Law enforcement will not be able to deal": ["Law enforcement will be less able to act"],
    "will be limited due to end-to-end encryption": ["will vanish with end-to-end encryption"],
}
SEXTORTION = "where experts use social media"  # the "sextortion" passage, as SecNews renders it
PREDATOR = "a predator can use social media"  # another of Williams's quotes, on grooming


@pytest.fixture(scope="module", params=["lexical", "dense"])
def seed_db(request, tmp_path_factory):
    loader = pytest.importorskip("claimkb.store.loader", reason="the ingest loader builds the seed database")
    from claimkb.link.linker import link_claims
    from claimkb.match.embeddings import embeddings_available

    if request.param == "dense" and not embeddings_available():
        pytest.skip("the optional embeddings tier is not installed")
    paths = [SEEDS / name for name in SEED_FILES]
    if not all(p.exists() for p in paths):
        pytest.skip(f"the seed articles are not in {SEEDS}")
    db = open_db(tmp_path_factory.mktemp("seeds") / "claimkb.db")
    loader.ingest_paths(db, [str(p) for p in paths])
    link_claims(db, matcher=request.param, rebuild=True)
    return db


def missed_by_the_score(request, *tiers):
    """This pair is missed on these tiers because its calibrated score is too low:
    an expected failure there, strictly, so that a better score shows."""
    if request.node.callspec.params["seed_db"] in tiers:
        request.applymarker(BELOW_THRESHOLD)


def spaced(text: str) -> str:
    # The original writes "over 65 million cyber-tips" with no-break spaces.
    return " ".join(text.split())


def claims_of(db, outlet):
    return [(claim_id, spaced(content), *rest) for claim_id, content, *rest in db.execute(
        """select c.id, c.content, c.kind, s.name, c.speaker_mention, c.family_id from claims c
           join articles a on a.id = c.article_id join outlets o on o.id = a.outlet_id
           left join speakers s on s.id = c.speaker_id where o.name = ?""", [outlet])]


def links(db):
    return [(spaced(a), spaced(b), *rest) for a, b, *rest in db.execute(
        """select ca.content, cb.content, l.relation, l.evidence, oa.name, ob.name from claim_links l
           join claims ca on ca.id = l.claim_a join articles aa on aa.id = ca.article_id
           join outlets oa on oa.id = aa.outlet_id
           join claims cb on cb.id = l.claim_b join articles ab on ab.id = cb.article_id
           join outlets ob on ob.id = ab.outlet_id""")]


def find(db, earlier_words, later_words):
    found = [row for row in links(db) if earlier_words in row[0] and later_words in row[1]]
    assert found, f"no link from a claim with {earlier_words!r} to one with {later_words!r}"
    return found[0]


def the_claim(db, outlet, words):
    found = [row for row in claims_of(db, outlet) if words in row[1]]
    assert len(found) == 1, f"{len(found)} claims of {outlet} hold {words!r}"
    return found[0]


def counterparts_linked(db, republished_words) -> list[str]:
    """The original's claims that the re-publication's claim holding these words links to."""
    return [earlier for earlier, later, _, _, outlet_a, outlet_b in links(db)
            if (outlet_a, outlet_b) == (ORIGINAL, REPUBLICATION) and republished_words in later]


def test_every_claim_of_the_republication_is_one_of_those_read_off_the_texts(seed_db):
    contents = [row[1] for row in claims_of(seed_db, REPUBLICATION)]
    # one claim per quotation: a quote the text interrupts holds two of the passages
    held = [[words for words in COUNTERPARTS if words in content] or [content] for content in contents]
    assert sorted(words for passages in held for words in passages) == sorted(COUNTERPARTS)


# Copies the calibrated score leaves unlinked, by tier (read off a run of the
# current model; a strict xfail, so a better score shows as a failure to update).
# SecNews rewrites the original in English, so its claims are not aligned by position
# (``claimkb.link.alignment``): a copy is linked only on its own score.
MISSED = {
    "one form of exploitation / abuse can lead to another form": ("lexical", "dense"),
    "sexual blackmail is a very common phenomenon": ("lexical", "dense"),
    "to take action and unite": ("lexical", "dense"),
    "children spend even more time on computers": ("lexical", "dense"),
    "where experts use social media": ("lexical", "dense"),
    "more than 69 million photos, video and other archives": ("lexical", "dense"),
    "will be limited due to end-to-end encryption": ("lexical", "dense"),
    "They then blackmail them": ("lexical", "dense"),
    "We are lucky to have advanced technology": ("lexical",),
    "the same technology allows professionals": ("lexical",),
    "Kids are familiar with the web cameras": ("lexical", "dense"),
    "This can be very dangerous": ("lexical", "dense"),
    "Williams also talked about end-to-end encryption": ("lexical", "dense"),
}
@pytest.mark.parametrize("republished", sorted(COUNTERPARTS))
def test_each_claim_of_the_republication_links_to_its_original(request, seed_db, republished):
    missed_by_the_score(request, *MISSED.get(republished, ()))
    linked = counterparts_linked(seed_db, republished)
    assert any(words in earlier for earlier in linked for words in COUNTERPARTS[republished]), linked


def test_no_claim_of_the_republication_links_to_another_claims_original(seed_db):
    wrong = [(republished, earlier[:60]) for republished, originals in COUNTERPARTS.items()
             for earlier in counterparts_linked(seed_db, republished)
             if not any(words in earlier for words in originals)]
    assert wrong == []


def test_the_sextortion_passage_is_extracted_and_attributed_to_williams_through_he(seed_db):
    _, content, kind, speaker, mention, _ = the_claim(seed_db, REPUBLICATION, SEXTORTION)
    assert kind == "indirect_quote"
    assert content.startswith("that the online sexual exploitation / blackmail")
    assert (speaker, mention) == ("Beth Williams", "He")


def test_the_prosecutor_is_williams(seed_db):
    _, _, _, speaker, mention, _ = the_claim(seed_db, REPUBLICATION, "one form of exploitation")
    assert (speaker, mention) == ("Beth Williams", "the Prosecutor")


def test_the_original_sextortion_passage_is_extracted_as_williams_s(seed_db):
    _, content, kind, speaker, mention, _ = the_claim(seed_db, ORIGINAL, "sextortion cases")
    assert kind == "indirect_quote" and (speaker, mention) == ("Beth Williams", "She")
    # whole, to the mark that closes the quotation opened in it
    assert content.endswith('on a daily basis."')


def test_the_sextortion_passage_links_only_to_its_counterpart_not_the_predator_quote(seed_db):
    # That it links to its counterpart at all is test_each_claim_..._links_to_its_original.
    linked = counterparts_linked(seed_db, SEXTORTION)
    assert not [earlier for earlier in linked if PREDATOR in earlier]
    assert all("sextortion cases" in earlier for earlier in linked)


def test_the_65_million_cyber_tips_are_in_the_original_with_no_counterpart(seed_db):
    claim_id, content, _, _, _, family = the_claim(seed_db, ORIGINAL, "over 65 million cyber-tips")
    assert content.startswith("The NCMEC has received over 65 million cyber-tips")
    assert seed_db.execute("select count(*) from claim_links where ? in (claim_a, claim_b)", [claim_id]).fetchone() \
        == (0,)
    # What a user browsing claim_copies sees: no earlier copy and no family.
    relation, = seed_db.execute("select relation from claim_copies where id = ?", [claim_id]).fetchone()
    assert relation is None and family is None
    assert not [row for row in claims_of(seed_db, REPUBLICATION) if "65 million" in row[1]]


def test_predator_becomes_expert_in_the_evidence_of_the_predator_quote(seed_db):
    row = find(seed_db, PREDATOR, "an expert can use")
    assert {"a": "predator", "b": "expert"}.items() <= next(
        d for d in json.loads(row[3]) if d.get("a") == "predator").items()


def test_explicit_becomes_apocalyptic_in_the_evidence_of_the_sextortion_passage(request, seed_db):
    missed_by_the_score(request, *MISSED[SEXTORTION])
    row = find(seed_db, "sextortion cases", SEXTORTION)
    assert any("explicit" in (d.get("a") or "").split() and "apocalyptic" in (d.get("b") or "").split()
               for d in json.loads(row[3]))


def test_the_statistic_links_across_the_two_outlets(seed_db):
    row = find(seed_db, "16.9 million", "16,9 million")
    assert (row[4], row[5]) == (ORIGINAL, REPUBLICATION)


def test_the_collaboration_quote_links_as_altered(seed_db):
    row = find(seed_db, "Addressing the problem of online child exploitation", "Addressing the problem of online child")
    assert row[2] == "quote_altered"


def test_the_vanishing_reports_become_limited(request, seed_db):
    missed_by_the_score(request, *MISSED["will be limited due to end-to-end encryption"])
    row = find(seed_db, "will vanish", "will be limited")
    assert row[2] in ("hedge_changed", "number_dropped")
    assert {"kind": "number_dropped", "a": "more than half", "b": None} in json.loads(row[3])


def test_the_re_publication_rewrites_the_original(request, seed_db):
    if request.node.callspec.params["seed_db"] == "lexical":
        request.applymarker(pytest.mark.xfail(strict=True, reason="the lexical tier links too few of SecNews's"
                                              " claims for a derivation (a third of them)"))
    rows = seed_db.execute(
        """select oa.name, ob.name, d.relation from article_derivations d
           join articles a on a.id = d.article_id join outlets oa on oa.id = a.outlet_id
           join articles b on b.id = d.derived_from join outlets ob on ob.id = b.outlet_id"""
    ).fetchall()
    # Both declared and written in English: a rewrite, whatever its history.
    assert rows == [(REPUBLICATION, ORIGINAL, "rewrites")]
