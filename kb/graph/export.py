"""Writing a claim graph (see ``kb.graph``) to files other tools open.

GraphML and GEXF (Gephi, Cytoscape desktop), node-link JSON (d3), Cytoscape.js JSON,
a Neo4j bulk-import bundle and schema.org JSON-LD. Every writer builds its output under
a temporary name beside the target and renames it into place, so an interrupted export
never leaves a half-written file and never spoils the previous one.
"""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import tempfile
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from claimkb.errors import ClaimkbError
from claimkb.graph import FORMATS
from claimkb.graph.build import name_key

# The JSON-LD vocabulary for what schema.org has no term for (claim-to-claim links).
CLAIMKB_VOCAB = "urn:claimkb:vocab:"
JSONLD_CONTEXT = [
    "https://schema.org",
    {
        "@version": 1.1,
        "claimkb": CLAIMKB_VOCAB,
        # Evidence is a list of differences as the linker recorded them: keep it as JSON.
        "claimkb:evidence": {"@type": "@json"},
    },
]

NEO4J_README = "README.txt"
_NEO4J_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
# XML 1.0 cannot carry most control characters, even escaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def export_graph(graph: nx.MultiDiGraph, format: str, path) -> list[Path]:
    """Write ``graph`` in ``format`` (one of FORMATS) to ``path``; return the files written.

    ``path`` is a file, except for "neo4j" where it is the folder that receives the
    bundle of CSV files and README.txt.
    """
    if format not in _WRITERS:
        raise ValueError(f"unknown export format {format!r}: choose one of {', '.join(FORMATS)}")
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return _WRITERS[format](graph, path)
    except OSError as error:  # the filesystem's answer: a read-only folder, a full disk, a folder in the way
        raise ClaimkbError(f"cannot write it ({error.strerror or error})", str(path)) from None


@contextmanager
def _replacing(path: Path):
    """Yield a temporary path beside ``path``; on success it replaces ``path``, else it goes."""
    # Keep the suffix: networkx compresses when the name ends in .gz or .bz2.
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=path.suffix)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        temporary.chmod(0o644)  # mkstemp makes it private; an export is meant to be shared
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def attribute_types(graph: nx.MultiDiGraph) -> dict[str, type]:
    """The one type each node or edge attribute key of ``graph`` has once made storable."""
    return _key_types([data for _, data in graph.nodes(data=True)] + [data for _, _, data in graph.edges(data=True)])


def _key_types(items: list[dict]) -> dict[str, type]:
    """The type of each key across ``items`` once its values are made storable (see
    ``storable``). An int key that also holds floats becomes float; any other mix is an
    error, because GraphML, GEXF and Neo4j's importer declare one type per key."""
    seen: dict[str, set[type]] = defaultdict(set)
    for data in items:
        for key, value in data.items():
            if value is not None:
                seen[key].add(type(storable(value)))
    types = {}
    for key, found in seen.items():
        if found == {int, float}:
            found = {float}
        if len(found) > 1:
            names = ", ".join(sorted(t.__name__ for t in found))
            raise TypeError(f"attribute {key!r} has values of several types ({names})")
        types[key] = found.pop()
    return types


def storable(value):
    """``value`` as a bool, int, float or str: lists and dicts become JSON text."""
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    raise TypeError(f"cannot export an attribute value of type {type(value).__name__}: {value!r}")


def typed_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy fit for GraphML and GEXF: no None, one type per key, JSON text for lists
    and dicts, and no character that XML cannot hold."""
    types = attribute_types(graph)

    def typed(data: dict) -> dict:
        result = {}
        for key, value in data.items():
            if value is None:
                continue
            value = types[key](storable(value))
            result[key] = _XML_INVALID.sub("", value) if isinstance(value, str) else value
        return result

    copy = nx.MultiDiGraph(**{k: _XML_INVALID.sub("", str(storable(v))) for k, v in graph.graph.items() if v is not None})
    copy.add_nodes_from((node, typed(data)) for node, data in graph.nodes(data=True))
    copy.add_edges_from((u, v, key, typed(data)) for u, v, key, data in graph.edges(keys=True, data=True))
    return copy


def _write_graphml(graph, path):
    with _replacing(path) as temporary:
        nx.write_graphml(typed_graph(graph), temporary, edge_id_from_attribute="id")
    return [path]


def _write_gexf(graph, path):
    gexf = typed_graph(graph)
    for _, _, data in gexf.edges(data=True):
        # GEXF reserves an edge's "type" for directed/undirected.
        if "type" in data:
            data["edge_type"] = data.pop("type")
    with _replacing(path) as temporary:
        nx.write_gexf(gexf, temporary)
    return [path]


def _write_json(data, path):
    with _replacing(path) as temporary:
        # One dumps call then one write: json.dump's many small writes are twice as slow.
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return [path]


def _write_node_link(graph, path):
    return _write_json(nx.node_link_data(graph, edges="links"), path)


def _write_cytoscape(graph, path):
    # name="label": Cytoscape.js shows data.label; the default would overwrite "name".
    return _write_json(nx.cytoscape_data(graph, name="label"), path)


def _write_jsonld(graph, path):
    return _write_json(jsonld_document(graph), path)


def neo4j_label(node_type: str) -> str:
    return "".join(part.capitalize() for part in node_type.split("_"))


def _neo4j_csv(path: Path, id_columns: list[str], rows: list[tuple[list[str], dict]], trailing: dict[str, str]):
    """One import CSV: ``id_columns`` then a typed column per property, then ``trailing``
    columns (":LABEL" or ":TYPE") with a constant value."""
    keys = _key_types([properties for _, properties in rows])
    columns = sorted(keys)
    header = id_columns + [f"{key}:{_NEO4J_TYPES[keys[key]]}" for key in columns] + list(trailing)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for ids, properties in rows:
            writer.writerow(ids + [_neo4j_value(properties.get(key), keys[key]) for key in columns] + list(trailing.values()))


def _neo4j_value(value, column_type: type) -> str:
    """CSV text for neo4j-admin: empty for missing (no property), true/false for booleans."""
    if value is None:
        return ""
    value = storable(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(column_type(value))


def neo4j_import_command(files: list[str], database: str = "neo4j") -> str:
    nodes = [f"--nodes={name}" for name in files if name.startswith("nodes_")]
    relationships = [f"--relationships={name}" for name in files if name.startswith("relationships_")]
    # Claim text can hold line breaks inside quoted fields.
    return " \\\n  ".join(["neo4j-admin database import full " + database, "--multiline-fields=true"] + nodes + relationships)


def _is_neo4j_bundle(folder: Path) -> bool:
    """Whether ``folder`` holds only what this writer puts there (so replacing it loses nothing else)."""
    return folder.is_dir() and all(
        f.is_file() and (f.name == NEO4J_README or re.fullmatch(r"(nodes|relationships)_\w+\.csv", f.name))
        for f in folder.iterdir()
    )


def _write_neo4j(graph, path):
    if path.exists() and not _is_neo4j_bundle(path):
        raise ClaimkbError("exists and is not a claimkb Neo4j bundle: not replacing it", str(path))
    building = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}-"))
    try:
        nodes, relationships = defaultdict(list), defaultdict(list)
        for node, data in graph.nodes(data=True):
            properties = {k: v for k, v in data.items() if k != "type"}
            nodes[neo4j_label(data.get("type", "node"))].append(([str(node)], properties))
        for u, v, key, data in graph.edges(keys=True, data=True):
            properties = {k: v for k, v in data.items() if k != "type"}
            relationships[str(data.get("type", key)).upper()].append(([str(u), str(v)], properties))
        names = []
        for label, rows in sorted(nodes.items()):
            names.append(f"nodes_{label}.csv")
            _neo4j_csv(building / names[-1], ["id:ID"], rows, {":LABEL": label})
        for rel_type, rows in sorted(relationships.items()):
            names.append(f"relationships_{rel_type}.csv")
            _neo4j_csv(building / names[-1], [":START_ID", ":END_ID"], rows, {":TYPE": rel_type})
        (building / NEO4J_README).write_text(
            "A claimkb graph as CSV files for Neo4j's bulk importer. The database must not exist\n"
            "yet (or add --overwrite-destination). From this folder, with Neo4j stopped, run:\n\n"
            + neo4j_import_command(names) + "\n",
            encoding="utf-8",
        )
        building.chmod(0o755)
        for name in names + [NEO4J_README]:
            (building / name).chmod(0o644)
        _swap_in(building, path)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return [path / name for name in names + [NEO4J_README]]


def _swap_in(built: Path, path: Path) -> None:
    """Put the folder ``built`` at ``path``, removing an older bundle only once it is moved aside."""
    if not path.exists():
        os.replace(built, path)
        return
    old = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}-old-"))
    os.replace(path, old)  # onto the empty folder mkdtemp made
    try:
        os.replace(built, path)
    except OSError:
        os.replace(old, path)
        raise
    shutil.rmtree(old)


def jsonld_document(graph: nx.MultiDiGraph) -> dict:
    """schema.org ``Claim`` items, one per claim node, with their appearance, first
    appearance, author and citations; copies of a claim are linked by
    ``claimkb:sameClaimAs`` objects listed on the earlier copy. Each fact-check is a
    ``ClaimReview``."""
    out, into = defaultdict(list), defaultdict(list)  # (node, edge type) -> [(other end, edge data)]
    for u, v, key, data in graph.edges(keys=True, data=True):
        out[u, key].append((v, data))
        into[v, key].append((u, data))
    first_copy = _first_copies(graph, out)
    works = {}  # article node -> its CreativeWork, built once however many claims it has
    items = []
    for node, data in graph.nodes(data=True):
        if data.get("type") != "claim":
            continue
        item = {
            "@type": "Claim",
            "@id": _jsonld_id(node),
            "text": data.get("text"),
            "claimkb:kind": data.get("kind"),
            "claimkb:content": data.get("content"),
            "claimkb:cue": data.get("cue"),
            "claimkb:hedge": data.get("hedge"),
        }
        for speaker, _ in into[node, "said"][:1]:
            item["author"] = _jsonld_agent(graph, speaker)
        appearances = [article for article, _ in out[node, "reported_in"]]
        for article in appearances:
            if article not in works:
                works[article] = _jsonld_work(graph, article, out)
        item["appearance"] = [works[article] for article in appearances]
        for article, _ in out[first_copy.get(node, node), "reported_in"][:1]:
            item["firstAppearance"] = {"@id": _jsonld_id(article)}
        cited = [graph.nodes[source].get("name") for source, _ in out[node, "cites"]]
        if cited:
            item["citation"] = cited
        for family, _ in out[node, "member_of"][:1]:
            item["claimkb:family"] = {"@id": _jsonld_id(family)}
        later = [
            _without_none({
                "@type": "claimkb:ClaimCopy",
                "claimkb:claim": {"@id": _jsonld_id(copy)},
                "claimkb:relation": link.get("relation"),
                "claimkb:score": link.get("score"),
                "claimkb:method": link.get("method"),
                "claimkb:evidence": link.get("evidence"),
            })
            for copy, link in out[node, "same_claim"]
        ]
        if later:
            item["claimkb:sameClaimAs"] = later
        items.append(_without_none(item))
    items += [_jsonld_claim_review(graph, node, out, into, works) for node, data in graph.nodes(data=True)
              if data.get("type") == "fact_check"]
    return {"@context": JSONLD_CONTEXT, "@graph": items}


def _jsonld_claim_review(graph, node, out, into, works) -> dict:
    """A schema.org ClaimReview: the verdict as a Rating, the fact-checker as its author,
    and as ``itemReviewed`` a Claim whose ``appearance`` lists the article of every copy
    the fact-check was matched to; ``claimkb:rates`` names those copies with the match."""
    data = graph.nodes[node]
    rated = out[node, "reviews"]
    articles = list(dict.fromkeys(article for claim, _ in rated for article, _ in out[claim, "reported_in"]))
    for article in articles:
        if article not in works:
            works[article] = _jsonld_work(graph, article, out)
    claimant = None
    if data.get("claimant"):
        # The claimant as a stored speaker of a rated copy when the names agree, else as named.
        speakers = [speaker for claim, _ in rated for speaker, _ in into[claim, "said"]
                    if name_key(graph.nodes[speaker].get("name")) == name_key(data["claimant"])]
        claimant = _jsonld_agent(graph, speakers[0]) if speakers else {"@type": "Person", "name": data["claimant"]}
    return _without_none({
        "@type": "ClaimReview",
        "@id": _jsonld_id(node),
        "url": data.get("url"),
        "claimReviewed": data.get("claim_text"),
        "datePublished": data.get("reviewed_at"),
        "inLanguage": data.get("language"),
        "author": {"@type": "Organization", "name": data["reviewer"]} if data.get("reviewer") else None,
        "reviewRating": _without_none({
            "@type": "Rating",
            "ratingValue": data.get("rating_value"),
            "bestRating": data.get("best_rating"),
            "worstRating": data.get("worst_rating"),
            "alternateName": data.get("rating_text") or data.get("rating"),
            "claimkb:rating": data.get("rating"),
        }),
        "itemReviewed": _without_none({
            "@type": "Claim",
            "text": data.get("claim_text"),
            "author": claimant,
            "datePublished": data.get("claim_published"),
            "appearance": [works[article] for article in articles] or None,
        }),
        "claimkb:rates": [
            _without_none({"@type": "claimkb:FactCheckMatch", "claimkb:claim": {"@id": _jsonld_id(claim)},
                           "claimkb:score": match.get("score"), "claimkb:via": match.get("via")})
            for claim, match in rated
        ] or None,
    })


def _first_copies(graph, out) -> dict:
    """For each claim with copies, the earliest published claim of its copies: linked
    copies are one claim, so its first appearance is theirs."""
    copies = nx.Graph()
    copies.add_edges_from((u, v) for u, v, key in graph.edges(keys=True) if key == "same_claim")

    def published_order(claim):  # unknown dates last, then by id for a stable choice
        dates = [graph.nodes[article].get("published") for article, _ in out[claim, "reported_in"]]
        dates = [d for d in dates if d]
        return (not dates, min(dates) if dates else "", claim)

    first = {}
    for component in nx.connected_components(copies):
        first.update(dict.fromkeys(component, min(component, key=published_order)))
    return first


def _jsonld_work(graph, article, out) -> dict:
    data = graph.nodes[article]
    work = {
        "@type": "NewsArticle",
        "@id": _jsonld_id(article),
        "url": data.get("url"),
        "headline": data.get("title"),
        "datePublished": data.get("published"),
        "inLanguage": data.get("language"),
        "author": {"@type": "Person", "name": data["author"]} if data.get("author") else None,
    }
    for outlet, _ in out[article, "published_by"][:1]:
        outlet_data = graph.nodes[outlet]
        work["publisher"] = _without_none(
            {
                "@type": "Organization",
                "@id": _jsonld_id(outlet),
                "name": outlet_data.get("name"),
                "url": f"https://{outlet_data['domain']}" if outlet_data.get("domain") else None,
            }
        )
    for source, derivation in out[article, "derived_from"]:
        prop = "translationOfWork" if derivation.get("relation") == "translates" else "isBasedOn"
        work.setdefault(prop, []).append({"@id": _jsonld_id(source)})
    return _without_none(work)


def _jsonld_agent(graph, speaker) -> dict:
    data = graph.nodes[speaker]
    is_person = data.get("kind", "person") == "person"
    return _without_none(
        {
            "@type": "Person" if is_person else "Organization",
            "@id": _jsonld_id(speaker),
            "name": data.get("name"),
            "jobTitle": data.get("title") if is_person else None,
            "alternateName": data.get("aliases"),
        }
    )


def _jsonld_id(node) -> str:
    return f"claimkb:{node}"


def _without_none(item: dict) -> dict:
    return {k: v for k, v in item.items() if v is not None}


_WRITERS = {
    "graphml": _write_graphml,
    "gexf": _write_gexf,
    "json": _write_node_link,
    "cytoscape": _write_cytoscape,
    "neo4j": _write_neo4j,
    "jsonld": _write_jsonld,
}
