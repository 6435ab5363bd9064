"""Fact-checks in the graph exports, and the JSON-LD ClaimReview through a JSON-LD processor."""
import csv
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from claimkb.cli import cli
from claimkb.graph.build import build_graph
from claimkb.store.db import open_db

SCHEMA = "http://schema.org/"
# pyld fetches remote contexts; the tests run offline, so "https://schema.org" is
# served by this stand-in, which maps terms as schema.org's context does (@vocab).
STAND_IN_CONTEXTS = {"https://schema.org": {"@context": {"@vocab": SCHEMA}}}


def offline_loader(url, options=None):
    key = url.rstrip("/")
    if key not in STAND_IN_CONTEXTS:
        raise AssertionError(f"the export refers to a context that cannot be resolved offline: {url}")
    return {"contextUrl": None, "documentUrl": url, "document": STAND_IN_CONTEXTS[key]}


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def checked(demo_db):
    """The demo's fact-checks with the claims they rate, as stored."""
    rows = list(open_db(demo_db).query(
        """select f.id, f.claim_text, f.rating, f.rating_text, f.reviewer, m.claim_id, m.via, a.url
           from fact_checks f join fact_check_matches m on m.fact_check_id = f.id
           join claims c on c.id = m.claim_id join articles a on a.id = c.article_id"""))
    assert rows, "the demo should match some fact-checks"
    return rows


def test_graph_has_fact_check_nodes_and_reviews_edges(demo_db, checked):
    graph = build_graph(open_db(demo_db))
    for row in checked:
        node = graph.nodes[f"fact_check-{row['id']}"]
        assert (node["type"], node["rating"], node["reviewer"]) == ("fact_check", row["rating"], row["reviewer"])
        edge = graph.edges[f"fact_check-{row['id']}", f"claim-{row['claim_id']}", "reviews"]
        assert edge["via"] == row["via"]


def test_a_family_graph_keeps_the_fact_checks_of_its_claims(demo_db, checked):
    family = open_db(demo_db).execute("select family_id from claims where id = ?", [checked[0]["claim_id"]]).fetchone()[0]
    graph = build_graph(open_db(demo_db), family=family)
    assert f"fact_check-{checked[0]['id']}" in graph


def test_every_format_carries_fact_checks(demo_db, checked, tmp_path):
    fact_check = f"fact_check-{checked[0]['id']}"
    run("export", demo_db, "--format", "graphml", "-o", tmp_path / "g.graphml")
    graphml = nx.read_graphml(tmp_path / "g.graphml")
    assert graphml.nodes[fact_check]["type"] == "fact_check"
    assert any(d.get("type") == "reviews" for _, _, d in graphml.edges(data=True))
    run("export", demo_db, "--format", "gexf", "-o", tmp_path / "g.gexf")
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    assert any(d.get("edge_type") == "reviews" for _, _, d in gexf.edges(data=True))
    run("export", demo_db, "--format", "cytoscape", "-o", tmp_path / "g.cyjs")
    cytoscape = json.loads((tmp_path / "g.cyjs").read_text())
    assert any(n["data"]["id"] == fact_check for n in cytoscape["elements"]["nodes"])
    run("export", demo_db, "--format", "json", "-o", tmp_path / "g.json")
    assert any(link["type"] == "reviews" for link in json.loads((tmp_path / "g.json").read_text())["links"])
    run("export", demo_db, "--format", "neo4j", "-o", tmp_path / "neo4j")
    with open(tmp_path / "neo4j" / "nodes_FactCheck.csv", encoding="utf-8") as nodes:
        assert {row[":LABEL"] for row in csv.DictReader(nodes)} == {"FactCheck"}
    with open(tmp_path / "neo4j" / "relationships_REVIEWS.csv", encoding="utf-8") as edges:
        assert {row[":START_ID"] for row in csv.DictReader(edges)} >= {fact_check}


def test_jsonld_claimreview_round_trips_through_pyld(demo_db, checked, tmp_path):
    jsonld = pytest.importorskip("pyld.jsonld", reason="pyld is in the test extra")
    run("export", demo_db, "--format", "jsonld", "-o", tmp_path / "kb.jsonld")
    document = json.loads((tmp_path / "kb.jsonld").read_text())
    options = {"documentLoader": offline_loader}
    expanded = jsonld.expand(document, options)
    compacted = jsonld.compact(expanded, {"@vocab": SCHEMA, "claimkb": "urn:claimkb:vocab:"}, options)
    nodes = {node["@id"]: node for node in compacted["@graph"]}
    expected = {}
    for row in checked:
        expected.setdefault(row["id"], {"row": row, "urls": set()})["urls"].add(row["url"])
    for fact_check_id, want in expected.items():
        review = nodes[f"claimkb:fact_check-{fact_check_id}"]
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == want["row"]["claim_text"]
        assert review["author"]["name"] == want["row"]["reviewer"]
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["claimkb:rating"] == want["row"]["rating"]
        assert rating["alternateName"] == (want["row"]["rating_text"] or want["row"]["rating"])
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        appearances = item["appearance"] if isinstance(item["appearance"], list) else [item["appearance"]]
        urls = {nodes.get(a["@id"], a).get("url") if len(a) == 1 else a.get("url") for a in appearances}
        assert urls == want["urls"]
