"""Every export format written, read back with an independent reader, and compared to the graph."""
import csv
import json
import os
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

import networkx as nx
import pytest
from test_graph import QUOTE, build_claim_db

from claimkb.errors import ClaimkbError
from claimkb.graph.build import build_graph, node_id
from claimkb.graph.export import FORMATS, JSONLD_CONTEXT, export_graph

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return build_claim_db(tmp_path_factory.mktemp("kb") / "claimkb.db")


@pytest.fixture(scope="module")
def graph(kb):
    return build_graph(kb.db)


def type_counts(graph):
    return Counter(data["type"] for _, data in graph.nodes(data=True))


def edge_type_counts(graph):
    return Counter(key for _, _, key in graph.edges(keys=True))


def test_unknown_format_is_refused(graph, tmp_path):
    with pytest.raises(ValueError, match="graphml"):
        export_graph(graph, "dot", tmp_path / "g.dot")


def test_graphml_reads_back_with_typed_attributes(kb, graph, tmp_path):
    path = tmp_path / "out" / "g.graphml"
    assert export_graph(graph, "graphml", path) == [path]
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.is_directed() and type_counts(back) == type_counts(graph)
    assert Counter(data["type"] for _, _, data in back.edges(data=True)) == edge_type_counts(graph)
    c1, c2 = node_id("claim", kb.claims["c1"]), node_id("claim", kb.claims["c2"])
    assert back.nodes[c1]["text"] == QUOTE and back.nodes[c1]["canonical"] is True
    assert back.nodes[c1]["char_start"] == graph.nodes[c1]["char_start"]
    assert json.loads(back.nodes[c2]["quantities"]) == graph.nodes[c2]["quantities"]
    (link,) = [d for u, v, d in back.edges(data=True) if (u, v) == (c2, node_id("claim", kb.claims["c4"]))]
    assert link["score"] == 0.7 and json.loads(link["evidence"]) == kb.number_changed
    assert back.nodes["family-f1"]["size"] == 4


def test_graphml_declares_one_type_per_key_and_unique_edge_ids(graph, tmp_path):
    path = tmp_path / "g.graphml"
    export_graph(graph, "graphml", path)
    root = ET.parse(path).getroot()
    types = defaultdict(set)
    for key in root.iter(f"{GRAPHML}key"):
        types[key.get("attr.name")].add(key.get("attr.type"))
    assert types and all(len(t) == 1 for t in types.values())
    assert types["canonical"] == {"boolean"} and types["score"] == {"double"}
    edge_ids = [edge.get("id") for edge in root.iter(f"{GRAPHML}edge")]
    assert len(edge_ids) == len(set(edge_ids)) == graph.number_of_edges()
    assert "None" not in {data.text for data in root.iter(f"{GRAPHML}data")}


def test_gexf_reads_back_static_with_typed_attributes(kb, graph, tmp_path):
    path = tmp_path / "g.gexf"
    export_graph(graph, "gexf", path)
    back = nx.read_gexf(path)
    assert type_counts(back) == type_counts(graph)
    assert Counter(data["edge_type"] for _, _, data in back.edges(data=True)) == edge_type_counts(graph)
    c5 = node_id("claim", kb.claims["c5"])
    assert back.nodes[c5]["hedge"] == "may" and back.nodes[c5]["canonical"] is False
    assert back.nodes[c5]["label"] == graph.nodes[c5]["label"]
    root = ET.parse(path).getroot()
    graph_element = root.find(f"{GEXF}graph")
    assert graph_element.get("mode") == "static" and graph_element.get("defaultedgetype") == "directed"
    for attributes in root.iter(f"{GEXF}attributes"):
        titles = [a.get("title") for a in attributes]
        assert len(titles) == len(set(titles))  # one declaration, so one type, per key
    for element in root.iter():
        assert not {"start", "end", "timeformat"} & set(element.attrib)
        assert element.tag not in (f"{GEXF}spells", f"{GEXF}slices")
    assert {edge.get("type") for edge in root.iter(f"{GEXF}edge")} <= {None, "directed"}


def test_node_link_json_reads_back(kb, graph, tmp_path):
    path = tmp_path / "g.json"
    export_graph(graph, "json", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "links" in data and "edges" not in data
    back = nx.node_link_graph(data, edges="links")
    assert back.is_multigraph() and back.is_directed()
    assert type_counts(back) == type_counts(graph) and edge_type_counts(back) == edge_type_counts(graph)
    c2, c4 = node_id("claim", kb.claims["c2"]), node_id("claim", kb.claims["c4"])
    assert back.edges[c2, c4, "same_claim"]["evidence"] == kb.number_changed


def test_cytoscape_json_has_elements_with_ids(kb, graph, tmp_path):
    path = tmp_path / "g.cyjs"
    export_graph(graph, "cytoscape", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert {n["data"]["id"] for n in nodes} == set(graph.nodes)
    assert len(edges) == graph.number_of_edges()
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    assert all(e["data"]["source"] in graph and e["data"]["target"] in graph for e in edges)
    outlet = next(n["data"] for n in nodes if n["data"]["id"] == node_id("outlet", kb.outlets["Morning Post"]))
    assert outlet["name"] == outlet["label"] == "Morning Post"
    assert Counter(e["data"]["type"] for e in edges) == edge_type_counts(graph)


def read_neo4j_bundle(folder):
    """Nodes {id: (label, properties)} and relationships [(start, end, type, properties)],
    with values converted by the header types, as neo4j-admin would."""
    convert = {"string": str, "long": int, "double": float, "boolean": {"true": True, "false": False}.__getitem__}
    nodes, relationships = {}, []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        for row in body:
            assert len(row) == len(header)
            properties, special = {}, {}
            for column, value in zip(header, row):
                name, _, kind = column.partition(":")
                if not name:
                    special[kind] = value
                elif kind == "ID":
                    special["ID"] = value
                elif value != "":
                    properties[name] = convert[kind](value)
            if "ID" in special:
                nodes[special["ID"]] = (special["LABEL"], properties)
            else:
                relationships.append((special["START_ID"], special["END_ID"], special["TYPE"], properties))
    return nodes, relationships


def test_neo4j_bundle_has_typed_headers_and_reads_back(kb, graph, tmp_path):
    folder = tmp_path / "neo4j"
    written = export_graph(graph, "neo4j", folder)
    assert set(written) == set(folder.iterdir())
    names = {p.name for p in written}
    assert {"nodes_Claim.csv", "nodes_Article.csv", "relationships_SAME_CLAIM.csv", "README.txt"} <= names
    readme = (folder / "README.txt").read_text()
    assert "neo4j-admin database import full neo4j" in readme
    assert all(f"={name}" in readme for name in names if name.endswith(".csv"))
    with (folder / "nodes_Family.csv").open() as f:
        assert next(csv.reader(f)) == ["id:ID", "canonical_claim:string", "first_seen:string", "label:string",
                                       "outlets:long", "size:long", ":LABEL"]
    nodes, relationships = read_neo4j_bundle(folder)
    assert set(nodes) == set(graph.nodes)
    assert Counter(label for label, _ in nodes.values()) == Counter(
        {t.capitalize(): n for t, n in type_counts(graph).items()})
    assert Counter(r[2] for r in relationships) == Counter({t.upper(): n for t, n in edge_type_counts(graph).items()})
    assert all(start in nodes and end in nodes for start, end, _, _ in relationships)
    c1 = node_id("claim", kb.claims["c1"])
    assert nodes[c1][1]["canonical"] is True and nodes[c1][1]["text"] == QUOTE
    c2, c4 = node_id("claim", kb.claims["c2"]), node_id("claim", kb.claims["c4"])
    (link,) = [p for s, e, t, p in relationships if (s, e, t) == (c2, c4, "SAME_CLAIM")]
    assert link["score"] == 0.7 and json.loads(link["evidence"]) == kb.number_changed


def test_jsonld_claims_with_appearances_and_copies(kb, graph, tmp_path):
    path = tmp_path / "g.jsonld"
    export_graph(graph, "jsonld", path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["@context"] == JSONLD_CONTEXT and document["@context"][0] == "https://schema.org"
    prefix = document["@context"][1]["claimkb"]
    claims = {item["@id"]: item for item in document["@graph"]}
    assert all(item["@type"] == "Claim" for item in claims.values()) and len(claims) == 9
    c5 = claims[f"claimkb:{node_id('claim', kb.claims['c5'])}"]
    assert c5["text"] == "prices may fall by 5 percent next year"
    assert c5["author"]["@type"] == "Person" and c5["author"]["name"] == "Jane Roe"
    (appearance,) = c5["appearance"]
    assert appearance["@type"] == "NewsArticle" and appearance["url"] == "https://eveningstar.example.net/prices"
    assert appearance["publisher"] == {"@type": "Organization", "@id": f"claimkb:{node_id('outlet', kb.outlets['Evening Star'])}",
                                       "name": "Evening Star", "url": "https://eveningstar.example.net"}
    assert appearance["datePublished"] == "2021-03-04T18:30:00+00:00"
    # Its earliest known copy is the wire story's quote.
    assert c5["firstAppearance"] == {"@id": f"claimkb:{node_id('article', kb.articles['a1'])}"}
    c2 = claims[f"claimkb:{node_id('claim', kb.claims['c2'])}"]
    assert c2["author"]["@type"] == "Organization" and c2["citation"] == ["Statistics Bureau"]
    copies = {link["claimkb:claim"]["@id"]: link for link in c2["claimkb:sameClaimAs"]}
    c4 = f"claimkb:{node_id('claim', kb.claims['c4'])}"
    assert copies[c4]["claimkb:relation"] == "number_changed" and copies[c4]["claimkb:evidence"] == kb.number_changed
    assert sum(len(item.get("claimkb:sameClaimAs", [])) for item in claims.values()) == 7
    b1_appearance = claims[f"claimkb:{node_id('claim', kb.claims['c3'])}"]["appearance"][0]
    assert b1_appearance["isBasedOn"] == [{"@id": f"claimkb:{node_id('article', kb.articles['a1'])}"}]
    assert "author" not in claims[f"claimkb:{node_id('claim', kb.claims['c9'])}"]
    assert prefix and all(":" in item["@id"] for item in claims.values())


@pytest.mark.parametrize("format", ["graphml", "gexf"])
def test_xml_formats_drop_characters_xml_cannot_hold(format, tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("claim-x", type="claim", label="bell\x07 and form feed\x0c", text="ok")
    path = tmp_path / f"g.{format}"
    export_graph(graph, format, path)
    back = nx.read_graphml(path) if format == "graphml" else nx.read_gexf(path)
    assert back.nodes["claim-x"]["label"] == "bell and form feed"


def test_mixed_attribute_types_are_refused_for_typed_formats(tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("a", type="claim", size=3)
    graph.add_node("b", type="claim", size="three")
    with pytest.raises(TypeError, match="size"):
        export_graph(graph, "graphml", tmp_path / "g.graphml")
    assert list(tmp_path.iterdir()) == []


def test_every_format_exports_an_empty_graph(tmp_path):
    for format in FORMATS:
        assert export_graph(nx.MultiDiGraph(), format, tmp_path / format)


def unserializable_graph():
    """A graph whose last edge holds a set, which no writer can store: the failure comes
    after part of the output is written."""
    graph = nx.MultiDiGraph()
    graph.add_node("claim-a", type="claim", label="a")
    graph.add_node("claim-b", type="claim", label="b")
    graph.add_edge("claim-a", "claim-b", key="same_claim", type="same_claim", evidence={"a", "b"})
    return graph


@pytest.mark.parametrize("format", ["json", "cytoscape", "jsonld", "graphml"])
def test_a_failed_write_leaves_the_old_file_untouched(graph, format, tmp_path):
    path = tmp_path / f"g.{format}"
    export_graph(graph, format, path)
    before = path.read_bytes()
    bad = unserializable_graph()
    if format == "jsonld":
        bad.nodes["claim-a"]["text"] = {"a", "b"}
    with pytest.raises(TypeError):
        export_graph(bad, format, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == [path.name]


def test_a_failed_write_leaves_no_file(tmp_path):
    with pytest.raises(TypeError):
        export_graph(unserializable_graph(), "json", tmp_path / "g.json")
    assert os.listdir(tmp_path) == []


def test_a_failed_neo4j_export_keeps_the_previous_bundle(graph, tmp_path):
    folder = tmp_path / "bundle"
    export_graph(graph, "neo4j", folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(TypeError):
        export_graph(unserializable_graph(), "neo4j", folder)  # fails on the relationships, after the nodes
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert os.listdir(tmp_path) == ["bundle"]
    export_graph(unserializable_graph().subgraph(["claim-a"]), "neo4j", folder)  # replacing a bundle works
    assert {p.name for p in folder.iterdir()} == {"nodes_Claim.csv", "README.txt"}


def test_neo4j_export_will_not_replace_a_folder_it_did_not_write(graph, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ClaimkbError, match="not a claimkb Neo4j bundle"):
        export_graph(graph, "neo4j", tmp_path)
    assert os.listdir(tmp_path) == ["notes.txt"]


# Everything a format has to escape: quotes, commas, semicolons (Neo4j's array
# delimiter), tabs and newlines, markup and entities, a non-BMP character, and a
# control character XML cannot hold at all.
HOSTILE = 'A "quoted", comma; semi\ttab\nnew line <b>bold</b> &amp; & </script> \U0001F600 \x07bell'
XML_FORMATS = ("graphml", "gexf")


def hostile_graph(tmp_path):
    from claimkb.api import KnowledgeBase

    record = {"url": "https://hostile.example/1", "outlet": "Outlet " + HOSTILE, "title": "Title " + HOSTILE,
              "author": "Author " + HOSTILE, "published": "2024-01-02",
              "text": f'Mayor Ana Ruiz said: "The bridge, {HOSTILE}, will reopen in May after 3 million dollars of repairs."'}
    source = tmp_path / "hostile.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with KnowledgeBase(tmp_path / "hostile.db") as kb:
        kb.ingest([source], matcher="lexical")
        graph = build_graph(kb.db)
    return graph


def strings_of(graph, xml: bool) -> Counter:
    def fit(value: str) -> str:
        return value.replace("\x07", "") if xml else value
    return Counter(fit(v) for _, data in graph.nodes(data=True) for v in data.values()
                   if isinstance(v, str) and "\U0001F600" in v)


@pytest.mark.parametrize("format", ["graphml", "gexf", "json", "cytoscape", "neo4j"])
def test_hostile_strings_round_trip_through_every_format(format, tmp_path):
    graph = hostile_graph(tmp_path)
    expected = strings_of(graph, xml=format in XML_FORMATS)
    assert len(expected) >= 3  # the outlet, the article title and the quote at least
    path = tmp_path / ("neo4j" if format == "neo4j" else f"g.{format}")
    export_graph(graph, format, path)
    if format == "graphml":
        back = nx.read_graphml(path)
    elif format == "gexf":
        back = nx.read_gexf(path)
    elif format == "json":
        back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    elif format == "cytoscape":
        back = nx.MultiDiGraph()
        for node in json.loads(path.read_text(encoding="utf-8"))["elements"]["nodes"]:
            back.add_node(node["data"]["id"], **node["data"])
    else:
        nodes, _ = read_neo4j_bundle(path)
        back = nx.MultiDiGraph()
        for node, (_, properties) in nodes.items():
            back.add_node(node, **properties)
    found = strings_of(back, xml=format in XML_FORMATS)
    # Cytoscape repeats a node's label as its name; every string of the graph is there whole.
    assert all(found[value] >= count for value, count in expected.items()), (expected, found)
