"""The claim graph built from a small hand-made knowledge base.

The fixture: a wire story (Wire Daily) with a minister's quote and a bureau statistic;
Morning Post re-publishes it a day later, copying the quote verbatim and changing the
number; Evening Star reports the quote with a hedge ("may") and the changed number, plus
an unrelated claim; Wire Daily repeats the quote itself later, next to a claim without
a speaker; Evening Star also has an article without claims. ``build_claim_db`` is
shared with test_export and test_analytics.
"""
import json
import sqlite3
from types import SimpleNamespace

import pytest

from claimkb.errors import ClaimkbError
from claimkb.graph.build import EDGE_TYPES, build_graph, node_id, source_id
from claimkb.ingest.records import ArticleRecord, Claim, Extraction, Quantity, Speaker
from claimkb.store.articles import store_article
from claimkb.store.db import open_db

JANE = Speaker("Jane Roe", "person", "Finance Minister")
BUREAU = Speaker("Statistics Bureau", "organization")
JOHN = Speaker("John Doe", "person")
AL = Speaker("Al Smith", "person")

QUOTE = "Prices will fall by 5 percent next year."


def _claim(text, content, kind, speaker, cue, hedge=None, quantities=(), citations=()):
    start = text.index(content)
    return Claim(kind, content, content, start, start + len(content), speaker=speaker, speaker_mention=speaker.name,
                 cue=cue, hedge=hedge, quantities=list(quantities), citations=list(citations))


def _store(db, outlet, url, published, text, claims, speakers=(), citations=()):
    record = ArticleRecord(text=text, title=text.split(".")[0], url=url, outlet=outlet, published=published,
                           language="en", source="fixture")
    stored = store_article(db, record, Extraction(claims=claims, speakers=list(speakers), citations=list(citations)))
    return stored.article_id, stored.claim_ids


def build_claim_db(path):
    """The fixture database at ``path``; returns its ids by short name."""
    db = open_db(path)
    a1_text = (f'Finance Minister Jane Roe said: "{QUOTE}" The Statistics Bureau reported that '
               "1.2 million households moved last year. Al Smith attended the briefing.")
    a1, (c1, c2) = _store(
        db, "Wire Daily", "https://wire.example.com/prices", "2021-03-01", a1_text,
        [_claim(a1_text, QUOTE, "direct_quote", JANE, "said"),
         _claim(a1_text, "1.2 million households moved last year", "statistic", BUREAU, "reported that",
                quantities=[Quantity("1.2 million", 1_200_000.0, "households")], citations=["Statistics Bureau"])],
        speakers=[AL],
    )
    b1_text = (f'As first reported by Wire Daily, Jane Roe said: "{QUOTE}" The Statistics Bureau reported '
               "that 1.5 million households moved last year.")
    b1, (c3, c4) = _store(
        db, "Morning Post", "https://www.morningpost.example.org/prices", "2021-03-02T09:00:00+00:00", b1_text,
        [_claim(b1_text, QUOTE, "direct_quote", JANE, "said"),
         _claim(b1_text, "1.5 million households moved last year", "statistic", BUREAU, "reported that")],
        citations=["Wire Daily"],
    )
    c1_text = ("Jane Roe said prices may fall by 5 percent next year. According to the Statistics Bureau, "
               "1.5 million households moved last year. John Doe said unemployment is rising.")
    article_c1, (c5, c8, c6) = _store(
        db, "Evening Star", "https://eveningstar.example.net/prices", "2021-03-04T18:30:00+00:00", c1_text,
        [_claim(c1_text, "prices may fall by 5 percent next year", "indirect_quote", JANE, "said", hedge="may"),
         _claim(c1_text, "1.5 million households moved last year", "statistic", BUREAU, "according to"),
         _claim(c1_text, "unemployment is rising", "indirect_quote", JOHN, "said")],
    )
    d1, _ = _store(db, "Evening Star", "https://eveningstar.example.net/weather", "2021-03-05",
                   "The weather was fine all week.", [])
    a2_text = f'Jane Roe repeated: "{QUOTE}" Markets closed higher.'
    a2, (c7, c9) = _store(db, "Wire Daily", "https://wire.example.com/prices-again", "2021-03-06", a2_text,
                          [_claim(a2_text, QUOTE, "direct_quote", JANE, "repeated"),
                           Claim("assertion", "Markets closed higher.", "Markets closed higher.",
                                 a2_text.index("Markets"), len(a2_text))])  # no speaker

    number_changed = [{"type": "number_changed", "a": "1.2 million", "b": "1.5 million"}]
    db["families"].insert_all([
        {"id": "f1", "canonical_claim_id": c1, "first_seen": "2021-03-01", "size": 4, "outlets": 3},
        {"id": "f2", "canonical_claim_id": c2, "first_seen": "2021-03-01", "size": 3, "outlets": 3},
    ])
    for claim_id, family in [(c1, "f1"), (c3, "f1"), (c5, "f1"), (c7, "f1"), (c2, "f2"), (c4, "f2"), (c8, "f2")]:
        db["claims"].update(claim_id, {"family_id": family})
    db["claim_links"].insert_all([
        {"claim_a": a, "claim_b": b, "score": score, "relation": relation, "method": "lexical",
         "evidence": json.dumps(evidence)}
        for a, b, relation, score, evidence in [
            (c1, c3, "verbatim", 1.0, []),
            (c1, c5, "hedge_changed", 0.8, [{"type": "hedge_changed", "b": "may"}]),
            (c3, c5, "hedge_changed", 0.8, [{"type": "hedge_changed", "b": "may"}]),
            (c1, c7, "verbatim", 1.0, []),
            (c2, c4, "number_changed", 0.7, number_changed),
            (c4, c8, "paraphrase", 0.9, []),
            (c2, c8, "number_changed", 0.7, number_changed),
        ]
    ])
    db["article_derivations"].insert({
        "article_id": b1, "derived_from": a1, "score": 0.9, "relation": "republishes", "shared_claims": 2,
        "evidence": json.dumps({"shared": [c1, c2]}),
    })
    outlets = {name: row[0] for name, row in
               ((n, db.execute("select id from outlets where name = ?", [n]).fetchone())
                for n in ("Wire Daily", "Morning Post", "Evening Star"))}
    speakers = {row[1]: row[0] for row in db.execute("select id, name from speakers")}
    return SimpleNamespace(
        db=db, path=path, outlets=outlets, speakers=speakers, number_changed=number_changed,
        claims=dict(c1=c1, c2=c2, c3=c3, c4=c4, c5=c5, c6=c6, c7=c7, c8=c8, c9=c9),
        articles=dict(a1=a1, b1=b1, c1=article_c1, d1=d1, a2=a2),
    )


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return build_claim_db(tmp_path_factory.mktemp("kb") / "claimkb.db")


def nodes_of(graph, node_type):
    return {n for n, data in graph.nodes(data=True) if data["type"] == node_type}


def claim_nodes(kb, *names):
    return {node_id("claim", kb.claims[name]) for name in names}


def article_nodes(kb, *names):
    return {node_id("article", kb.articles[name]) for name in names}


def edge_count(graph, edge_type):
    return sum(1 for _, _, key in graph.edges(keys=True) if key == edge_type)


def test_full_graph_has_every_node_and_edge(kb):
    graph = build_graph(kb.db)
    assert nodes_of(graph, "claim") == claim_nodes(kb, *kb.claims)
    assert nodes_of(graph, "article") == article_nodes(kb, *kb.articles)
    assert nodes_of(graph, "outlet") == {node_id("outlet", o) for o in kb.outlets.values()}
    # Al Smith said nothing: speakers come in through their claims.
    assert {graph.nodes[n]["name"] for n in nodes_of(graph, "speaker")} == {"Jane Roe", "Statistics Bureau", "John Doe"}
    assert nodes_of(graph, "family") == {"family-f1", "family-f2"}
    assert nodes_of(graph, "source") == {source_id("Statistics Bureau"), source_id("Wire Daily")}
    expected = {"said": 8, "reported_in": 9, "published_by": 5, "same_claim": 7, "cites": 2, "derived_from": 1,
                "member_of": 7, "reviews": 0}  # no fact-checks here: see test_fact_check_export
    assert {t: edge_count(graph, t) for t in EDGE_TYPES} == expected


def test_node_ids_are_typed_without_colons_and_no_value_is_none(kb):
    graph = build_graph(kb.db)
    for node, data in graph.nodes(data=True):
        assert ":" not in node and node.startswith(data["type"] + "-")
        assert data["label"] and None not in data.values()
    for _, _, key, data in graph.edges(keys=True, data=True):
        assert data["type"] == key and None not in data.values()
    assert len({data["id"] for _, _, data in graph.edges(data=True)}) == graph.number_of_edges()


def test_edges_run_in_the_documented_direction(kb):
    graph = build_graph(kb.db)
    c1, c3 = node_id("claim", kb.claims["c1"]), node_id("claim", kb.claims["c3"])
    assert graph.has_edge(node_id("speaker", kb.speakers["Jane Roe"]), c1, "said")
    assert graph.has_edge(c1, node_id("article", kb.articles["a1"]), "reported_in")
    assert graph.has_edge(node_id("article", kb.articles["a1"]), node_id("outlet", kb.outlets["Wire Daily"]), "published_by")
    assert graph.has_edge(c1, c3, "same_claim") and not graph.has_edge(c3, c1, "same_claim")
    assert graph.has_edge(node_id("claim", kb.claims["c2"]), source_id("Statistics Bureau"), "cites")
    assert graph.has_edge(node_id("article", kb.articles["b1"]), source_id("Wire Daily"), "cites")
    assert graph.has_edge(c1, "family-f1", "member_of")


def test_row_fields_become_attributes(kb):
    graph = build_graph(kb.db)
    c1, c2, c5 = (graph.nodes[node_id("claim", kb.claims[n])] for n in ("c1", "c2", "c5"))
    assert c1["kind"] == "direct_quote" and c1["text"] == QUOTE and c1["cue"] == "said"
    assert c1["canonical"] is True and graph.nodes[node_id("claim", kb.claims["c3"])]["canonical"] is False
    assert c5["hedge"] == "may" and "hedge" not in c1
    assert c2["quantities"] == [{"text": "1.2 million", "value": 1_200_000.0, "unit": "households"}]
    link = graph.edges[node_id("claim", kb.claims["c2"]), node_id("claim", kb.claims["c4"]), "same_claim"]
    assert (link["relation"], link["score"], link["evidence"]) == ("number_changed", 0.7, kb.number_changed)
    derivation = graph.edges[node_id("article", kb.articles["b1"]), node_id("article", kb.articles["a1"]), "derived_from"]
    assert (derivation["relation"], derivation["shared_claims"]) == ("republishes", 2)
    article = graph.nodes[node_id("article", kb.articles["b1"])]
    assert article["published"] == "2021-03-02T09:00:00+00:00" and article["url"].endswith("/prices")
    assert graph.nodes[node_id("outlet", kb.outlets["Morning Post"])]["domain"] == "morningpost.example.org"
    jane = graph.nodes[node_id("speaker", kb.speakers["Jane Roe"])]
    assert (jane["title"], jane["kind"]) == ("Finance Minister", "person")
    assert graph.nodes["family-f1"]["size"] == 4 and graph.nodes["family-f1"]["label"] == QUOTE


@pytest.mark.parametrize("speaker", ["jane roe", "JANE ROE", None])
def test_speaker_filter_keeps_their_claims_and_neighbourhood(kb, speaker):
    graph = build_graph(kb.db, speaker=speaker or kb.speakers["Jane Roe"])
    assert nodes_of(graph, "claim") == claim_nodes(kb, "c1", "c3", "c5", "c7")
    assert nodes_of(graph, "article") == article_nodes(kb, "a1", "b1", "c1", "a2")
    assert len(nodes_of(graph, "outlet")) == 3 and nodes_of(graph, "family") == {"family-f1"}
    assert {graph.nodes[n]["name"] for n in nodes_of(graph, "speaker")} == {"Jane Roe"}
    assert edge_count(graph, "same_claim") == 4 and edge_count(graph, "derived_from") == 1
    assert nodes_of(graph, "source") == {source_id("Wire Daily")}  # cited by the article B1


@pytest.mark.parametrize("outlet", ["Evening Star", "eveningstar.example.net", "www.eveningstar.example.net"])
def test_outlet_filter_adds_linked_claims_and_keeps_articles_without_claims(kb, outlet):
    graph = build_graph(kb.db, outlet=outlet)
    assert nodes_of(graph, "claim") == claim_nodes(kb, "c5", "c6", "c8", "c1", "c3", "c2", "c4")
    assert nodes_of(graph, "article") == article_nodes(kb, "c1", "d1", "a1", "b1")
    # Every link among the kept claims, also between two that only came in as copies (c1→c3).
    assert edge_count(graph, "same_claim") == 6


def test_family_filter(kb):
    graph = build_graph(kb.db, family="f2")
    assert nodes_of(graph, "claim") == claim_nodes(kb, "c2", "c4", "c8")
    assert nodes_of(graph, "family") == {"family-f2"}
    assert edge_count(graph, "same_claim") == 3


def test_article_filter_keeps_its_claims_every_version_of_them_and_their_articles(kb):
    graph = build_graph(kb.db, article=kb.articles["b1"])
    # B1's two claims, the other members of their families (f1, f2), and no unrelated claim.
    assert nodes_of(graph, "claim") == claim_nodes(kb, "c3", "c4", "c1", "c5", "c7", "c2", "c8")
    assert nodes_of(graph, "article") == article_nodes(kb, "b1", "a1", "c1", "a2")
    assert graph.graph["filters"] == {"article": kb.articles["b1"]}


def test_article_filter_keeps_an_article_without_claims(kb):
    graph = build_graph(kb.db, article=kb.articles["d1"])
    assert nodes_of(graph, "article") == article_nodes(kb, "d1") and nodes_of(graph, "claim") == set()
    assert build_graph(kb.db, article=kb.articles["d1"], since="2022-01-01").number_of_nodes() == 0


@pytest.mark.parametrize("article", ["a1", "b1", "c1", "d1", "a2"])
def test_an_articles_neighbourhood_is_the_same_from_its_filter_as_from_the_whole_graph(kb, article):
    from claimkb.web.plugin import article_neighbourhood

    node = node_id("article", kb.articles[article])
    whole = article_neighbourhood(build_graph(kb.db), node)
    narrowed = article_neighbourhood(build_graph(kb.db, article=kb.articles[article]), node)
    assert sorted(narrowed.nodes(data=True)) == sorted(whole.nodes(data=True))
    assert sorted(narrowed.edges(keys=True, data=True)) == sorted(whole.edges(keys=True, data=True))


def test_date_range_includes_the_whole_until_day(kb):
    graph = build_graph(kb.db, since="2021-03-02", until="2021-03-04")
    # B1 and C1 are in range (C1 at 18:30 on the until day); A1 comes in through links.
    assert nodes_of(graph, "article") == article_nodes(kb, "b1", "c1", "a1")
    assert nodes_of(graph, "claim") == claim_nodes(kb, "c3", "c4", "c5", "c6", "c8", "c1", "c2")


def test_search_filter_uses_full_text_search(kb):
    graph = build_graph(kb.db, search="unemployment")
    assert nodes_of(graph, "claim") == claim_nodes(kb, "c6")
    assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 3
    with pytest.raises(ClaimkbError, match="not a valid full-text query"):
        build_graph(kb.db, search='"unbalanced')


def test_filters_combine(kb):
    graph = build_graph(kb.db, speaker="Jane Roe", outlet="Evening Star")
    assert nodes_of(graph, "claim") == claim_nodes(kb, "c5", "c1", "c3")
    assert graph.graph["filters"] == {"speaker": "Jane Roe", "outlet": "Evening Star"}


def test_a_filter_that_matches_nothing_gives_an_empty_graph(kb):
    assert build_graph(kb.db, speaker="Nobody Atall").number_of_nodes() == 0


def test_accepts_a_plain_sqlite3_connection(kb):
    graph = build_graph(sqlite3.connect(kb.path), family="f1")
    assert nodes_of(graph, "claim") == claim_nodes(kb, "c1", "c3", "c5", "c7")


def test_sources_in_other_scripts_keep_distinct_ids():
    assert source_id("Υπουργείο Υγείας") != source_id("Υπουργείο Οικονομικών")
    assert source_id("NCMEC") == source_id("ncmec")
