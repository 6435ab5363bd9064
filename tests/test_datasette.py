"""The knowledge base in Datasette, in-process: metadata, canned queries and the claimkb plugin."""
import asyncio
import base64
import hashlib
import html
import io
import json
import re
import sqlite3
import zipfile

import markupsafe
import networkx as nx
import pytest
from datasette.app import Datasette
from datasette.cli import serve as datasette_serve
from sample_kb import SCRIPT, build_empty_kb, build_sample_kb

from claimkb.store.db import open_db, writing
from claimkb.store.named_queries import load_queries
from claimkb.web import serve
from claimkb.web.serve import METADATA_PATH, datasette_metadata, register_plugin, serve_command_args

register_plugin()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build_sample_kb(tmp_path_factory.mktemp("datasette") / "sample.db")


@pytest.fixture(scope="module")
def ds(sample):
    """The sample as `claimkb serve` serves it: read-only (mode=ro), with its metadata."""
    return Datasette([sample.path], metadata=datasette_metadata(sample.path))


@pytest.fixture(scope="module")
def empty_ds(tmp_path_factory):
    path = build_empty_kb(tmp_path_factory.mktemp("datasette") / "empty.db")
    return Datasette([path], metadata=datasette_metadata(path))


def get(ds, path, **kwargs):
    return asyncio.run(ds.client.get(path, **kwargs))


def text_of(response) -> str:
    assert response.status_code == 200, response.text[:500]
    return response.text


def claim_count(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("select count(*) from claims").fetchone()[0]


# ------------------------------------------------------------------ metadata


def test_metadata_describes_every_table_and_column_of_the_schema(tmp_path):
    db = open_db(tmp_path / "schema.db")
    tables = json.loads(METADATA_PATH.read_text())["databases"]["claimkb"]["tables"]
    for name in db.table_names():
        if name.startswith(("claims_fts", "articles_fts")) or name == "_sqlite_migrations":
            continue
        assert name in tables, f"{name} has no metadata"
        assert tables[name]["description"]
        assert set(tables[name]["columns"]) == set(db[name].columns_dict), name


def test_metadata_is_attached_to_the_database_name_with_every_query(sample):
    metadata = datasette_metadata(sample.path)
    assert list(metadata["databases"]) == ["sample"]
    queries = metadata["databases"]["sample"]["queries"]
    assert set(queries) == set(load_queries())
    assert not any(query.get("write") for query in queries.values())
    assert queries["speaker_claims"]["params"] == ["speaker"]


def test_serve_command_args_serve_read_only_on_localhost_with_metadata(sample):
    args = serve_command_args(sample.path, ["--port", "8123"])
    # The file as Datasette's read-only (mode=ro) database, not immutable: its folder is writable.
    assert args[0] == sample.path and "-i" not in args
    metadata_file = args[args.index("--metadata") + 1]
    with open(metadata_file) as f:
        metadata = json.load(f)
    assert "sample" in metadata["databases"]
    assert metadata["plugins"]["claimkb"] == {"read_only": True}
    assert args[-2:] == ["--port", "8123"]
    # facets are the metadata's, none suggested: suggesting scans every column of a large table
    assert ["--setting", "suggest_facets", "off"] == args[args.index("--setting"):args.index("--setting") + 3]
    assert "max_returned_rows" in args
    # No host is passed, so Datasette's own default, the local machine only, holds.
    assert not {"-h", "--host"} & set(args)
    host = next(p for p in datasette_serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


@pytest.mark.parametrize(
    "table, description",
    [("claims", "Everything claimed in the articles"), ("claim_links", "Pairs of claims"),
     ("families", "Claim families"), ("outlet_fidelity", "How faithfully")],
)
def test_table_pages_show_their_description(ds, table, description):
    assert description in text_of(get(ds, f"/sample/{table}"))


def test_every_visible_table_page_renders(ds, sample):
    tables = json.loads(METADATA_PATH.read_text())["databases"]["claimkb"]["tables"]
    for table, meta in tables.items():
        if not meta.get("hidden"):
            text_of(get(ds, f"/sample/{table}"))


def test_claims_show_labels_facets_and_full_text_search(ds):
    page = text_of(get(ds, "/sample/claims?_search=containers"))
    assert "The harbour handled 2.4 million containers last year" in page
    assert "The port handled 4.2 million boxes last year" not in page
    assert "Maria Lopez" in page  # speaker_id shown by its label
    facets = get(ds, "/sample/claims.json?_facet=kind").json()["facet_results"]
    assert "kind" in facets


def test_claim_links_facet_by_relation(ds):
    facet = get(ds, "/sample/claim_links.json").json()["facet_results"]["relation"]
    counts = {r["value"]: r["count"] for r in facet["results"]}
    assert counts == {"number_changed": 1, "quote_altered": 1, "hedge_changed": 1, "verbatim": 1}


def test_a_table_over_the_large_table_size_opens_without_facets_but_can_add_one(sample, ds, monkeypatch):
    claims = claim_count(sample.path)
    assert "kind" in get(ds, "/sample/claims.json").json()["facet_results"]  # at the default size
    # the sample's claims table counts as large, its claim_links (fewer rows) not
    monkeypatch.setattr(serve, "LARGE_TABLE_ROWS", claims - 1)
    with sqlite3.connect(sample.path) as conn:
        assert conn.execute("select count(*) from claim_links").fetchone()[0] < claims
    metadata = datasette_metadata(sample.path)
    large = Datasette([sample.path], metadata=metadata)
    assert get(large, "/sample/claims.json").json()["facet_results"] == {}
    assert "opens without facets" in text_of(get(large, "/sample/claims"))
    kinds = get(large, "/sample/claims.json?_facet=kind").json()["facet_results"]["kind"]["results"]
    assert sum(r["count"] for r in kinds) == claims
    assert "relation" in get(large, "/sample/claim_links.json").json()["facet_results"]


# ------------------------------------------------------------- canned queries


def test_database_page_lists_every_canned_query(ds):
    page = text_of(get(ds, "/sample"))
    for query in load_queries().values():
        assert f'href="/sample/{query.name}"' in page
        assert html.escape(query.title, quote=False) in page


@pytest.mark.parametrize(
    "path, present, absent",
    [
        ("/sample/travelled_furthest.json?_shape=array", ["Maria Lopez", "Port Authority"], []),
        ("/sample/mutated_copies.json?_shape=array", ["number_changed", "quote_altered", "hedge_changed"],
         ['"verbatim"']),
        ("/sample/numbers_changed.json?_shape=array", ['"4.2 million"', '"2.4 million"'], []),
        ("/sample/quotes_altered.json?_shape=array", ["The port handled 4.2 million boxes last year"],
         ["Exports"]),
        ("/sample/speaker_claims.json?_shape=array&speaker=lopez", ["the commissioner"], ["Port Authority"]),
        ("/sample/derived_articles.json?_shape=array", ["Coastal Times", "Daily Ledger", "rewrites"], []),
        ("/sample/search_claims.json?_shape=array&q=million+containers", ["Coastal Times"], ["boxes"]),
        ("/sample/search_articles.json?_shape=array&q=harbour", ["Daily Ledger"], ["Evening Wire"]),
    ],
)
def test_canned_queries_answer_from_the_sample(ds, path, present, absent):
    body = text_of(get(ds, path))
    for text in present:
        assert text in body
    for text in absent:
        assert text not in body


def test_family_versions_canned_query(ds, sample):
    rows = get(ds, f"/sample/family_versions.json?_shape=array&family={sample.families['quote']}").json()
    assert [r["outlet"] for r in rows] == ["Daily Ledger", "Coastal Times", "Evening Wire"]


def test_canned_query_page_escapes_article_text(ds):
    page = text_of(get(ds, "/sample/search_claims?q=critics"))
    assert "Critics wrote" in page
    assert SCRIPT not in page


def test_nothing_served_can_write(sample, tmp_path):
    before = claim_count(sample.path)
    metadata = datasette_metadata(sample.path)
    metadata["databases"]["sample"]["queries"]["sneaky"] = {"sql": "delete from claims"}
    writer = Datasette([], immutables=[sample.path], metadata=metadata)
    assert get(writer, "/sample/sneaky").status_code >= 400
    assert asyncio.run(writer.client.post("/sample/sneaky", data={})).status_code >= 400
    sneaky_sql = "with doomed as (select id from claims) delete from claims where id in (select id from doomed)"
    assert get(writer, "/sample.json", params={"sql": sneaky_sql}).status_code >= 400
    assert claim_count(sample.path) == before


# ---------------------------------------------------------------- the plugin


def test_claimkb_index_redirects_to_the_only_database(ds):
    response = get(ds, "/-/claimkb")
    assert response.status_code == 302 and response.headers["location"] == "/sample/-/claimkb"


def test_database_page_lists_families_widest_first(ds, sample):
    page = text_of(get(ds, "/sample/-/claimkb"))
    assert "3 articles, 7 claims, 4 links between copies, 2 families" in page
    for family in sample.families.values():
        assert f"/sample/-/claimkb/family/{family}" in page
    for fmt in ("graphml", "gexf", "json", "cytoscape", "neo4j", "jsonld"):
        assert f"/sample/-/claimkb/download/{fmt}" in page


def test_family_page_highlights_what_changed(ds, sample):
    page = text_of(get(ds, f"/sample/-/claimkb/family/{sample.families['quote']}"))
    # Versions in publication order.
    positions = [page.index(f"<strong>{outlet}</strong>") for outlet in ("Daily Ledger", "Coastal Times", "Evening Wire")]
    assert positions == sorted(positions)
    # The changed number, in the wording and among the numbers.
    assert '<del class="diff-changed">4.2</del><ins class="diff-changed">2.4</ins>' in page
    assert re.search(r'number-changed[^>]*><del>4\.2 million</del> → <ins>2\.4 million</ins>', page)
    # Changed words of the reworded quote.
    assert '<del class="diff-changed">harbour</del><ins class="diff-changed">port</ins>' in page
    assert '<del class="diff-changed">containers</del><ins class="diff-changed">boxes</ins>' in page
    # Speaker: canonical name and each mention as written, or that there is none.
    assert "Maria Lopez" in page and "the commissioner" in page
    assert page.count("carried over from the quote before") == 1
    # Relation and evidence from claim_links.
    assert "number_changed" in page and "quote_altered" in page
    assert "<del>4.2 million</del> → <ins>2.4 million</ins>" in page
    # The spread plot: one dot per version, coloured by what kind of copy it is.
    assert page.count('class="dot dot-') == 3
    assert page.count("dot dot-mutated") == 2 and page.count("dot dot-original") == 1


def test_family_page_escapes_article_text(ds, sample):
    page = text_of(get(ds, f"/sample/-/claimkb/family/{sample.families['quote']}"))
    assert SCRIPT not in page
    assert str(markupsafe.escape(SCRIPT)) in page


def test_family_page_marks_a_weakened_hedge_and_a_faithful_copy(ds, sample):
    page = text_of(get(ds, f"/sample/-/claimkb/family/{sample.families['exports']}"))
    assert '<ins class="diff-added">may have</ins>' in page or '<del class="diff-changed">rose</del>' in page
    assert '<span class="hedge">may</span>' in page
    assert "weakened" in page
    assert page.count("dot dot-faithful") == 1


def test_unknown_family_and_database_are_not_found(ds):
    assert get(ds, "/sample/-/claimkb/family/nope").status_code == 404
    assert get(ds, "/nosuchdb/-/claimkb").status_code == 404


def test_graph_json_of_a_family(ds, sample):
    elements = get(ds, f"/sample/-/claimkb/graph.json?family={sample.families['quote']}").json()["elements"]
    claims = {n["data"]["id"] for n in elements["nodes"] if n["data"]["type"] == "claim"}
    assert claims == {f"claim-{sample.claims[k]}" for k in ("quote", "quote_number", "quote_reworded")}
    relations = {e["data"].get("relation") for e in elements["edges"] if e["data"]["type"] == "same_claim"}
    assert relations == {"number_changed", "quote_altered"}
    labels = {n["data"]["label"] for n in elements["nodes"]}
    assert {"Daily Ledger", "Coastal Times", "Evening Wire", "Maria Lopez"} <= labels


def test_graph_json_of_a_speaker(ds, sample):
    elements = get(ds, "/sample/-/claimkb/graph.json?speaker=Port Authority").json()["elements"]
    claims = {n["data"]["id"] for n in elements["nodes"] if n["data"]["type"] == "claim"}
    assert claims == {f"claim-{sample.claims[k]}" for k in ("exports", "exports_hedged", "exports_verbatim")}


def test_graph_json_of_an_article_neighbourhood(ds, sample):
    elements = get(ds, f"/sample/-/claimkb/graph.json?article={sample.articles['coastal']}").json()["elements"]
    ids = {n["data"]["id"] for n in elements["nodes"]}
    # Its claims, their earlier and later copies, and the articles those appear in.
    assert {f"claim-{sample.claims[k]}" for k in sample.claims if k != "critics"} <= ids
    assert {f"article-{a}" for a in sample.articles.values()} <= ids
    # A claim of another article that is no copy of this article's claims stays out.
    assert f"claim-{sample.claims['critics']}" not in ids


def test_graph_page_loads_the_vendored_library_and_the_json(ds, sample):
    family = sample.families["quote"]
    page = text_of(get(ds, f"/sample/-/claimkb/graph?family={family}"))
    assert 'src="/-/claimkb/static/vendor/cytoscape.min.js"' in page
    assert f'data-src="/sample/-/claimkb/graph.json?family={family}"' in page
    library = get(ds, "/-/claimkb/static/vendor/cytoscape.min.js")
    assert library.status_code == 200 and "cytoscape" in library.text[:2000].lower()
    licence = text_of(get(ds, "/-/claimkb/static/vendor/cytoscape.LICENSE"))
    assert "MIT" in licence or "Permission is hereby granted" in library.text[:2000]
    assert get(ds, "/-/claimkb/static/claimkb-graph.js").status_code == 200


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "cytoscape", "jsonld"])
def test_downloads_of_a_family(ds, sample, fmt, tmp_path):
    response = get(ds, f"/sample/-/claimkb/download/{fmt}?family={sample.families['quote']}")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    assert f"family-{sample.families['quote']}" in response.headers["content-disposition"]
    body = response.content.decode("utf-8")
    # Every format carries the three copies of the quote, whatever its syntax.
    for key in ("quote", "quote_number", "quote_reworded"):
        assert sample.claims[key] in body
    if fmt == "graphml":
        graph = nx.read_graphml(io.BytesIO(response.content))
        assert sum(1 for _, d in graph.nodes(data=True) if d.get("type") == "claim") == 3


def test_neo4j_download_is_a_zip_bundle(ds):
    response = get(ds, "/sample/-/claimkb/download/neo4j")
    assert response.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "claimkb-neo4j/nodes_Claim.csv" in names and "claimkb-neo4j/README.txt" in names


def test_unknown_download_format(ds):
    assert get(ds, "/sample/-/claimkb/download/pdf").status_code == 404


def test_fidelity_plot(ds):
    page = text_of(get(ds, "/sample/-/claimkb/fidelity"))
    bars = re.findall(r'<rect class="bar" x="[\d.]+" y="[\d.]+" width="([\d.]+)"', page)
    track = float(re.search(r'<rect class="track" x="[\d.]+" y="[\d.]+" width="([\d.]+)"', page).group(1))
    # Evening Wire copied faithfully once of twice, Coastal Times never.
    assert [float(w) / track for w in bars] == [0.5, 0.0]
    assert page.index("Evening Wire") < page.index("Coastal Times")
    assert "50% of 2" in page and "0% of 2" in page


def test_rows_link_to_family_pages_and_graphs(ds, sample):
    claims = text_of(get(ds, "/sample/claims"))
    assert f'href="/sample/-/claimkb/family/{sample.families["quote"]}"' in claims
    speakers = text_of(get(ds, "/sample/speakers"))
    assert "/sample/-/claimkb/graph?speaker=" in speakers
    families = text_of(get(ds, "/sample/families"))
    assert "(versions)" in families
    articles = text_of(get(ds, "/sample/articles"))
    assert f"/sample/-/claimkb/graph?article={sample.articles['wire']}" in articles
    assert SCRIPT not in articles


def test_family_ids_in_query_results_link_to_family_pages(ds, sample):
    page = text_of(get(ds, "/sample/travelled_furthest"))
    for family in sample.families.values():
        assert f'href="/sample/-/claimkb/family/{family}"' in page


def test_menu_and_actions_link_to_the_plugin(ds):
    assert 'href="/-/claimkb"' in text_of(get(ds, "/sample"))
    assert 'href="/sample/-/claimkb/fidelity"' in text_of(get(ds, "/sample/outlet_fidelity"))


# ------------------------------------------------------------- empty states


def test_empty_database_pages(empty_ds):
    assert "No claim families yet" in text_of(get(empty_ds, "/empty/-/claimkb"))
    assert "No outlet has copied" in text_of(get(empty_ds, "/empty/-/claimkb/fidelity"))
    assert get(empty_ds, "/empty/-/claimkb/graph.json").json()["elements"]["nodes"] == []
    assert "Nothing to draw" in text_of(get(empty_ds, "/empty/-/claimkb/graph"))
    for fmt in ("graphml", "json", "neo4j"):
        assert get(empty_ds, f"/empty/-/claimkb/download/{fmt}").status_code == 200
    for query in load_queries().values():
        params = "&".join(f"{p}=x" for p in query.params)
        assert get(empty_ds, f"/empty/{query.name}.json?{params}").status_code == 200


def test_a_database_without_the_schema_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table families (id text)")
    other = Datasette([str(path)])
    assert get(other, "/other/-/claimkb").status_code == 404
    assert "None of the databases" in text_of(get(other, "/-/claimkb"))
    assert "/other/-/claimkb" not in text_of(get(other, "/other/families"))


# ------------------------------------------------------ nothing gets in or out


PLUGIN_PAGES = ["/-/claimkb", "/sample/-/claimkb", "/sample/-/claimkb/graph", "/sample/-/claimkb/graph.json",
                "/sample/-/claimkb/download/json", "/sample/-/claimkb/fidelity"]


def plugin_pages(sample) -> list[str]:
    return PLUGIN_PAGES + [f"/sample/-/claimkb/family/{sample.families['quote']}"]


def post(ds, path, **kwargs):
    return asyncio.run(ds.client.post(path, **kwargs))


def test_every_post_is_refused_with_405_and_no_traceback(ds, sample, capfd):
    capfd.readouterr()
    paths = ["/sample", "/sample/claims", "/sample/search_claims", "/sample/claims/-/insert", "/sample/-/create",
             "/sample/claims/-/drop", "/-/messages", *plugin_pages(sample)]
    for path in paths:
        for data in ({}, {"q": "x", "sql": "delete from claims"}):
            response = post(ds, path, data=data)
            assert response.status_code == 405, path
            assert response.headers["allow"] == "GET, HEAD"
    assert asyncio.run(ds.client.request("PUT", "/sample/claims")).status_code == 405
    assert asyncio.run(ds.client.request("DELETE", "/sample/claims")).status_code == 405
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "Error" not in out + err


def test_plugin_pages_refuse_posts_in_any_datasette(sample, tmp_path):
    """Without `claimkb serve`'s read_only setting, Datasette's own pages are Datasette's
    business, but the plugin's pages still only read."""
    plain = Datasette([sample.path])
    for path in plugin_pages(sample):
        assert post(plain, path).status_code == 405, path


def test_refused_sql_answers_400_without_a_traceback_in_the_log(ds, capfd):
    capfd.readouterr()
    for sql in ("delete from claims", "drop table claims", "attach 'x.db' as x", "pragma writable_schema = 1"):
        assert get(ds, "/sample.json", params={"sql": sql}).status_code == 400, sql
    assert get(ds, "/sample/no_such_table").status_code == 404
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err


def test_plugin_pages_allow_only_the_plugins_scripts(ds, sample):
    for path in plugin_pages(sample):
        response = get(ds, path)
        policy = response.headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
        script_sources = directives["script-src"].split()
        assert "'unsafe-inline'" not in script_sources and "'self'" not in script_sources
        assert script_sources[0] == "http://localhost/-/claimkb/static/"
        assert "'unsafe-inline'" not in directives["style-src"]
        if response.headers["content-type"].startswith("text/html") and response.status_code == 200:
            page = response.text
            # Every script the page loads comes from the plugin's folder, and every inline
            # script is allowed by its hash (Datasette's menu script), or it would not run.
            for src in re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", page):
                assert src.startswith("/-/claimkb/static/"), (path, src)
            for script in re.findall(r"<script>(.*?)</script>", page, re.DOTALL):
                digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
                assert f"'sha256-{digest}'" in script_sources, path


def test_article_urls_are_links_only_with_http_schemes(tmp_path):
    sample = build_sample_kb(tmp_path / "sample.db")
    with writing(sample.path) as db:
        db["articles"].update(sample.articles["ledger"], {"url": "javascript:alert(document.cookie)"})
        db["articles"].update(sample.articles["coastal"], {"url": " JavaScript:alert(1)"})
    served = Datasette([sample.path], metadata=datasette_metadata(sample.path))
    pages = [f"/sample/-/claimkb/family/{family}" for family in sample.families.values()]
    pages += [f"/sample/articles/{article}" for article in sample.articles.values()]
    pages += ["/sample/articles", "/sample/search_articles?q=harbour", "/sample/-/claimkb/graph"]
    for path in pages:
        page = text_of(get(served, path))
        assert not re.search(r"href=\"\s*javascript:", page, re.IGNORECASE), path
    family = text_of(get(served, f"/sample/-/claimkb/family/{sample.families['quote']}"))
    assert 'href="https://eveningwire.example/port-review"' in family


def test_search_queries_open_on_their_empty_form(ds):
    for name in ("search_claims", "search_articles"):
        page = get(ds, f"/sample/{name}")
        assert page.status_code == 200, page.text[:300]
        assert "syntax error" not in page.text
        assert 'name="q"' in page.text
        for blank in ("", "   ", '"'):
            assert get(ds, f"/sample/{name}.json", params={"q": blank, "_shape": "array"}).json() == []


# ------------------------------------------------------------------ large families and graphs


def test_a_large_family_is_read_a_page_at_a_time(ds, sample, monkeypatch):
    from claimkb.web import plugin

    monkeypatch.setattr(plugin, "FAMILY_PAGE_VERSIONS", 2)  # the sample's families have 3 versions
    url = f"/sample/-/claimkb/family/{sample.families['quote']}"
    first, second = text_of(get(ds, url)), text_of(get(ds, url + "?page=2"))
    assert "showing versions 1–2 of 3" in first and "versions after" in first
    assert "showing versions 3–3 of 3" in second and "versions before" in second
    rows = [re.findall(r'<tr class="version[^"]*" id="claim-(\w+)"', page) for page in (first, second)]
    assert [len(r) for r in rows] == [2, 1]
    assert set(rows[0]) | set(rows[1]) == {sample.claims[k] for k in ("quote", "quote_number", "quote_reworded")}
    # the canonical wording heads every page, and versions on page 2 are still compared with it
    assert "harbour" in second


def test_graph_json_says_how_many_claims_it_shows_of_how_many(ds, sample, monkeypatch):
    from claimkb.web import plugin

    monkeypatch.setattr(plugin, "GRAPH_PAGE_CLAIMS", 2)
    data = get(ds, "/sample/-/claimkb/graph.json").json()
    assert data["claims_shown"] == 2
    assert data["claims_selected"] == claim_count(sample.path)
    assert f"Showing 2 of {claim_count(sample.path)} claims" in data["note"]
    claims = [n for n in data["elements"]["nodes"]
              if n["data"]["type"] == "claim"]
    assert len(claims) < claim_count(sample.path)


def test_only_a_row_whose_span_outruns_its_content_is_looked_up_for_parts():
    from claimkb.web.plugin import _may_be_in_parts

    sentence = '"The law," she said, "is clear."'
    one_piece = {"char_start": 1, "char_end": 8, "content": "The law"}
    in_parts = {"char_start": 1, "char_end": len(sentence) - 1, "content": "The law, is clear."}
    assert not _may_be_in_parts(one_piece)
    assert _may_be_in_parts(in_parts)
    assert _may_be_in_parts({"content": "The law"})  # offsets not on the page


def test_a_quotation_in_parts_shows_its_parts_marked_in_its_sentence(tmp_path):
    from click.testing import CliRunner

    from claimkb.cli import cli

    article = tmp_path / "bridge.txt"
    article.write_text('---\ntitle: Bridge\noutlet: Test & Post\n---\nBridge news\n\n'
                       '"The bridge," Mayor Ana Ruiz <said> on Monday, "will reopen in May after repairs."\n',
                       encoding="utf-8")
    path = tmp_path / "kb.db"
    result = CliRunner().invoke(cli, ["ingest", str(path), str(article), "--matcher", "lexical"])
    assert result.exit_code == 0, result.output
    claim_id = open_db(path).execute("select id from claims").fetchone()[0]
    served = Datasette([str(path)], metadata=datasette_metadata(path))
    # the claims table; its page with only the text column, where the row cannot tell
    for page in (f"/kb/claims/{claim_id}", "/kb/claims", "/kb/claims?_col=text"):
        body = text_of(get(served, page))
        assert '<mark class="claimkb-segment" title="part 1 of 2">The bridge</mark>' in body
        assert '<mark class="claimkb-segment" title="part 2 of 2">will reopen in May after repairs.</mark>' in body
        # What the reporter wrote between the parts stays unmarked, and escaped.
        assert "Mayor Ana Ruiz &lt;said&gt; on Monday" in body
