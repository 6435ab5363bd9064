"""claimkb's Datasette plugin: claim-family pages, graph views, graph downloads and plots.

Pages live under ``/<database>/-/claimkb/`` for every served database that has
the claimkb schema; ``/-/claimkb`` leads to them. Row pages link in through
``render_cell``: a family id opens its family page, a speaker or an article its
graph. Everything reads through Datasette's read-only connections, and all
article text reaches the page through Jinja's autoescaping.

The plugin's pages answer only GET (and HEAD), with a Content-Security-Policy
that runs no script but the plugin's own files (and Datasette's one inline menu
script, by its hash) and applies no inline style but Cytoscape's one rule. Under
``claimkb serve`` (its metadata sets ``read_only``), every other request to
Datasette is refused with 405 before Datasette sees it.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import math
import re
import tempfile
import weakref
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import markupsafe
import networkx as nx
from datasette import hookimpl
from datasette.utils import tilde_decode
from datasette.utils.asgi import Response, asgi_static
from jinja2 import ChoiceLoader, FileSystemLoader

from claimkb.graph.build import build_graph, node_id
from claimkb.graph.export import FORMATS, export_graph
from claimkb.match.numbers import QuantityMatch, compare_figures
from claimkb.match.wordiff import DiffSegment, word_diff

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_PREFIX = "/-/claimkb/static/"
PLUGIN_NAME = "claimkb"
# The plugin setting that `claimkb serve` puts in its metadata: refuse every
# request that could change something, i.e. anything but READ_METHODS.
READ_ONLY = "read_only"
READ_METHODS = ("GET", "HEAD")
# The only schemes an article's URL is linked with; anything else (javascript:,
# data:) is shown as text at most.
LINK_SCHEMES = {"http", "https"}
# Datasette's base template ends every page with this inline script (it closes
# open menus); the plugin pages' Content-Security-Policy allows it by its hash.
DATASETTE_MENU_SCRIPT = "templates/_close_open_menus.html"
# The one <style> element Cytoscape.js adds to a page (see cytoscape.min.js); allowed
# by its hash too, so no other inline style applies.
CYTOSCAPE_STYLE = ".__________cytoscape_container { position: relative; }"

# What a claimkb database has that others do not.
REQUIRED_TABLES = {"claims", "families", "claim_links", "articles", "outlets"}
FAITHFUL_RELATIONS = {"verbatim", "paraphrase"}
DOWNLOAD_FILENAMES = {
    "graphml": "claimkb-{scope}.graphml",
    "gexf": "claimkb-{scope}.gexf",
    "json": "claimkb-{scope}.json",
    "cytoscape": "claimkb-{scope}.cyjs",
    "neo4j": "claimkb-{scope}-neo4j.zip",
    "jsonld": "claimkb-{scope}.jsonld",
}
CONTENT_TYPES = {
    "graphml": "application/xml",
    "gexf": "application/xml",
    "json": "application/json",
    "cytoscape": "application/json",
    "neo4j": "application/zip",
    "jsonld": "application/ld+json",
}
# Graph scopes a page or download can be narrowed to, as query-string keys.
GRAPH_SCOPES = ("family", "speaker", "article")
# Claims drawn on a graph page: each brings its links, article, outlet, speaker and
# family, about 6 nodes a claim, and building the graph costs about 2 ms a node
# (benchmarks/serve_latency.py); 200 claims draw in about a second on a busy machine.
GRAPH_PAGE_CLAIMS = 200
DOT_SPACING = 22  # pixels between the spread plot's dots for one outlet and day
STATUSES = ("original", "faithful", "mutated", "unlinked")  # a version's place in its family
EARLIEST = datetime.min.replace(tzinfo=timezone.utc)  # sorts fact-checks without a date together


# ------------------------------------------------------------ a family's versions


@dataclass
class Version:
    claim: dict
    is_canonical: bool
    links: list[dict]  # links from earlier copies to this one, best first, evidence parsed
    diff: list[DiffSegment]  # words against the canonical version's, as `claimkb compare` sees them
    numbers: list[QuantityMatch]  # figures against the canonical version's, likewise
    speaker_differs: bool
    status: str = field(init=False)  # one of STATUSES
    verdicts: list[dict] = field(default_factory=list)  # the family's fact-checks, with this copy's match if any
    after_verdict: bool = False  # first seen after the family's earliest verdict

    def __post_init__(self):
        if self.is_canonical:
            self.status = "original"
        elif not self.links:
            self.status = "unlinked"
        else:
            self.status = "faithful" if self.links[0]["relation"] in FAITHFUL_RELATIONS else "mutated"


def _rows(conn, sql: str, params=()) -> list[dict]:
    cursor = conn.execute(sql, params)
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row)) for row in cursor]


def _parsed(evidence: str | None):
    """A link's evidence as data: normally a list of {kind, a, b, detail}."""
    if not evidence:
        return []
    try:
        return json.loads(evidence)
    except json.JSONDecodeError:
        return [{"kind": "unparsed", "detail": evidence}]


# Versions on one family page: each is word-diffed and its figures compared with the
# canonical version's and rendered, about 10 ms a version on a busy 2-core machine
# (benchmarks/serve_latency.py), so a page of 25 stays near 200 ms however large the family.
FAMILY_PAGE_VERSIONS = 25

FAMILY_CLAIMS = """select claims.*, articles.title as article_title, articles.url as article_url,
       articles.published, articles.ingested_at, outlets.name as outlet, outlets.id as outlet_id,
       speakers.name as speaker_name, speakers.title as speaker_title
from claims
join articles on articles.id = claims.article_id
left join outlets on outlets.id = articles.outlet_id
left join speakers on speakers.id = claims.speaker_id
"""


def load_family(conn, family_id: str, page: int = 1) -> dict | None:
    """A family with one page of its versions in publication order, each compared with
    the canonical one; ``paging`` says which versions of how many are shown."""
    families = _rows(conn, "select * from families where id = ?", [family_id])
    if not families:
        return None
    family = families[0]
    total = conn.execute("select count(*) from claims where family_id = ?", [family_id]).fetchone()[0]
    pages = max(1, math.ceil(total / FAMILY_PAGE_VERSIONS))
    page = min(max(1, page), pages)
    claims = _rows(
        conn,
        FAMILY_CLAIMS + """where claims.family_id = :family
           -- the canonical version leads the versions published the same day
           order by articles.published is null, articles.published, claims.id != :canonical,
                    articles.ingested_at, claims.char_start, claims.id
           limit :limit offset :offset""",
        {"family": family_id, "canonical": family["canonical_claim_id"], "limit": FAMILY_PAGE_VERSIONS,
         "offset": (page - 1) * FAMILY_PAGE_VERSIONS},
    )
    links: dict[str, list[dict]] = {}
    for link in _rows(
        conn,
        f"""select * from claim_links where claim_b in ({", ".join("?" * len(claims))})
            order by score desc""",
        [c["id"] for c in claims],
    ):
        links.setdefault(link["claim_b"], []).append({**link, "evidence": _parsed(link["evidence"])})
    canonical = next((c for c in claims if c["id"] == family["canonical_claim_id"]), None)
    if canonical is None and family["canonical_claim_id"]:  # on another page
        canonical = next(iter(_rows(conn, FAMILY_CLAIMS + "where claims.id = ?", [family["canonical_claim_id"]])),
                         None)
    canonical = canonical or (claims[0] if claims else None)
    versions = [
        Version(
            claim=claim,
            is_canonical=claim["id"] == canonical["id"],
            links=links.get(claim["id"], []),
            diff=word_diff(canonical["content"], claim["content"]),
            numbers=compare_figures(canonical["content"], claim["content"]),
            speaker_differs=claim["speaker_id"] != canonical["speaker_id"],
        )
        for claim in claims if canonical is not None  # None only when there are no claims
    ]
    verdicts = load_verdicts(conn, family_id)
    first_verdict = min((v["reviewed"] for v in verdicts if v["reviewed"]), default=None)
    for version in versions:
        version.verdicts = [
            {**verdict, "match": verdict["matches"].get(version.claim["id"])} for verdict in verdicts
        ]
        seen = _first_seen(version.claim["published"], version.claim["ingested_at"])
        version.after_verdict = bool(first_verdict and seen and seen > first_verdict)
    first = (page - 1) * FAMILY_PAGE_VERSIONS + 1
    paging = {"page": page, "pages": pages, "total": total, "first": first, "last": first + len(claims) - 1}
    return {"family": family, "canonical": canonical, "versions": versions, "spread": spread_plot(versions),
            "paging": paging, "verdicts": verdicts, "after_verdict": _count_after(conn, family_id, first_verdict)}


def _count_after(conn, family_id: str, first_verdict: datetime | None) -> int:
    """How many of the family's versions, on every page, were first seen after ``first_verdict``."""
    if first_verdict is None:
        return 0
    dates = conn.execute(
        """select articles.published, articles.ingested_at from claims
           join articles on articles.id = claims.article_id where claims.family_id = ?""",
        [family_id],
    )
    return sum(1 for dates in dates if (seen := _first_seen(*dates)) and seen > first_verdict)


def _first_seen(published: str | None, ingested_at: str | None) -> datetime | None:
    """When a version was first seen: its article's publication date, else when it was ingested."""
    return _instant(published or ingested_at)


def load_verdicts(conn, family_id: str) -> list[dict]:
    """The fact-checks matched to any claim of the family, earliest first, each with
    ``matches`` (claim id -> {score, via}), its best score, and its URL when it is a web
    address (``safe_url``: no other scheme reaches a link)."""
    tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
    if "fact_check_matches" not in tables:  # a database from before fact-checks
        return []
    verdicts: dict[str, dict] = {}
    for row in _rows(
        conn,
        """select fact_checks.*, m.claim_id, m.score, m.via from fact_check_matches m
           join fact_checks on fact_checks.id = m.fact_check_id join claims on claims.id = m.claim_id
           where claims.family_id = ? order by fact_checks.reviewed_at, fact_checks.id, m.score desc""",
        [family_id],
    ):
        verdict = verdicts.setdefault(row["id"], {
            **{k: row[k] for k in ("id", "claim_text", "claimant", "rating", "rating_text", "reviewer",
                                   "reviewed_at")},
            "safe_url": article_href(row["url"]),
            "reviewed": _instant(row["reviewed_at"]),
            "matches": {},
        })
        verdict["matches"][row["claim_id"]] = {"score": row["score"], "via": row["via"]}
    for verdict in verdicts.values():
        verdict["best_score"] = max(m["score"] for m in verdict["matches"].values())
    return sorted(verdicts.values(), key=lambda v: (v["reviewed"] is None, v["reviewed"] or EARLIEST, v["id"]))


def _instant(text: str | None) -> datetime | None:
    """An ISO 8601 date or time as an instant: a day alone is its midnight, and a time
    without a zone is UTC, as the spreading_after_verdict query reads them."""
    try:
        parsed = datetime.fromisoformat((text or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


# -------------------------------------------------------------------- plots (SVG)


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def spread_plot(versions: list[Version], width: int = 720, row_height: int = 34) -> dict:
    """Geometry of the family's spread: one row per outlet (in order of first copy),
    dots at the publication days of its versions. Undated versions are listed apart."""
    outlets = list(dict.fromkeys(v.claim["outlet"] or "unknown outlet" for v in versions))
    dated = [(v, _day(v.claim["published"])) for v in versions]
    days = [d for _, d in dated if d]
    left, right, top, inset = 180, 30, 20, 40  # inset keeps side-by-side dots off the labels
    # Without a dated version nothing is placed on the axis: date.min only fills the type.
    first, last = (min(days), max(days)) if days else (date.min, date.min)
    span = max((last - first).days, 1)
    plot_width = width - left - right - 2 * inset

    def x(day: date) -> float:
        return left + inset + plot_width * ((day - first).days / span if last != first else 0.5)

    # One dot per outlet, day and kind of copy, sized by how many versions it stands
    # for; the kinds of one outlet and day sit side by side.
    groups = Counter(
        (outlets.index(v.claim["outlet"] or "unknown outlet"), day, v.status) for v, day in dated if day
    )
    kinds_per_day = Counter((row, day) for row, day, _ in groups)
    seen: Counter[tuple[int, date]] = Counter()
    dots = []

    def order(item):
        (row, day, status), _count = item
        return row, day, STATUSES.index(status)

    for (row, day, status), count in sorted(groups.items(), key=order):
        offset = seen[row, day] - (kinds_per_day[row, day] - 1) / 2
        seen[row, day] += 1
        dots.append({
            "x": round(x(day) + DOT_SPACING * offset, 1),
            "y": top + row_height * row + row_height / 2,
            "r": round(6 + 2 * math.sqrt(count - 1), 1),
            "count": count,
            "status": status,
            "title": f"{outlets[row]}, {day.isoformat()}: {count} {status} version{'s' if count > 1 else ''}",
        })
    rows = [{"label": name, "y": top + row_height * i + row_height / 2} for i, name in enumerate(outlets)]
    ticks = []
    if days:
        ticks = [{"x": round(x(first), 1), "label": first.isoformat()}]
        if last != first:
            ticks.append({"x": round(x(last), 1), "label": last.isoformat()})
    return {
        "width": width,
        "height": top + row_height * len(outlets) + 40,
        "left": left,
        "right": width - right,
        "axis_y": top + row_height * len(outlets) + 8,
        "rows": rows,
        "dots": dots,
        "ticks": ticks,
        "undated": [v.claim["outlet"] for v, day in dated if not day],
    }


def fidelity_plot(rows: list[dict], width: int = 720, bar_height: int = 26) -> dict:
    """Geometry of a bar per outlet: fidelity (faithful share of its copies) from 0 to 1."""
    left, right, top = 200, 120, 10
    plot_width = width - left - right
    bars = [
        {
            **row,
            "y": top + bar_height * i,
            "width": round(plot_width * (row["fidelity"] or 0), 1),
            "label_y": top + bar_height * i + bar_height * 0.65,
        }
        for i, row in enumerate(rows)
    ]
    return {
        "width": width,
        "height": top + bar_height * len(rows) + 30,
        "left": left,
        "plot_width": plot_width,
        "bar_height": bar_height - 6,
        "bars": bars,
        "axis_y": top + bar_height * len(rows) + 4,
    }


# ------------------------------------------------------------------------ graphs


def _ends(graph: nx.MultiDiGraph, nodes: set, edge_type: str, *, incoming: bool = False) -> set:
    """The nodes at the other end of nodes' edges of one type (out-edges unless incoming)."""
    edges = graph.in_edges(nodes, keys=True) if incoming else graph.out_edges(nodes, keys=True)
    return {(u if incoming else v) for u, v, key in edges if key == edge_type}


def article_neighbourhood(graph: nx.MultiDiGraph, article: str) -> nx.MultiDiGraph:
    """The article, its claims, every copy of them (linked or in the same family) and the
    articles those appear in, the articles it derives from or that derive from it, and
    the outlets, speakers, families and cited sources of all of these."""
    if article not in graph:
        return nx.MultiDiGraph()
    claims = _ends(graph, {article}, "reported_in", incoming=True)
    families = _ends(graph, claims, "member_of")
    claims |= _ends(graph, families, "member_of", incoming=True)
    claims |= _ends(graph, claims, "same_claim") | _ends(graph, claims, "same_claim", incoming=True)
    articles = {article} | _ends(graph, claims, "reported_in")
    articles |= _ends(graph, {article}, "derived_from") | _ends(graph, {article}, "derived_from", incoming=True)
    keep = claims | articles | _ends(graph, claims, "member_of") | _ends(graph, claims, "said", incoming=True)
    keep |= _ends(graph, articles, "published_by") | _ends(graph, claims | articles, "cites")
    return graph.subgraph(keep).copy()


def scoped_graph(conn, scope: dict, max_claims: int | None = None) -> nx.MultiDiGraph:
    """The claim graph narrowed to a family, speaker or article (or all of it), with at
    most ``max_claims`` of the claims picked (downloads take them all)."""
    if scope.get("article"):
        # built from the article's claims and their families, not the whole base
        return article_neighbourhood(build_graph(conn, article=scope["article"]), node_id("article", scope["article"]))
    return build_graph(conn, family=scope.get("family"), speaker=scope.get("speaker"), max_claims=max_claims)


def cytoscape_elements(graph: nx.MultiDiGraph) -> dict:
    # name="label", as kb.export writes Cytoscape.js JSON: the library draws data.label.
    return nx.cytoscape_data(graph, name="label")


def export_bytes(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """The graph in an export format, as one file's bytes (the Neo4j bundle zipped)."""
    with tempfile.TemporaryDirectory(prefix="claimkb-download-") as folder:
        written = export_graph(graph, fmt, Path(folder) / "graph")
        if fmt != "neo4j":
            return written[0].read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in written:
                bundle.write(path, f"claimkb-neo4j/{path.name}")
        return buffer.getvalue()


# ------------------------------------------------------------------ Datasette glue


class PageNotFound(LookupError):
    pass


def method_not_allowed() -> Response:
    return Response.text(
        "claimkb pages only read: send a GET request\n", status=405, headers={"allow": ", ".join(READ_METHODS)}
    )


def csp_hash(text: str) -> str:
    """The CSP source that allows one inline script or style element by its content."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@functools.lru_cache(maxsize=1)
def _datasette_script_hashes() -> tuple[str, ...]:
    """CSP hash sources of the inline scripts in Datasette's menu template."""
    template = (files("datasette") / DATASETTE_MENU_SCRIPT).read_text(encoding="utf-8")
    return tuple(map(csp_hash, re.findall(r"<script>(.*?)</script>", template, re.DOTALL)))


def content_security_policy(datasette, request) -> str:
    """Scripts from the plugin's static folder only (and Datasette's menu script, by hash);
    styles from this origin (and Cytoscape's one rule, by hash); everything else from this
    origin; no plugins, frames, base URL or foreign form targets."""
    scripts = f"{request.scheme}://{request.host}{datasette.urls.path(STATIC_PREFIX)}"
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts} {' '.join(_datasette_script_hashes())}",
        f"style-src 'self' {csp_hash(CYTOSCAPE_STYLE)}",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def page(view):
    """A route of the plugin: GET only (405 otherwise), with the plugin's
    Content-Security-Policy, and whose PageNotFound becomes Datasette's 404 page
    (raising Datasette's own NotFound would also print a full traceback on the
    server's console)."""

    @functools.wraps(view)
    async def route(datasette, request):
        if request.method not in READ_METHODS:
            return method_not_allowed()
        try:
            response = await view(datasette, request)
        except PageNotFound as missing:
            context = {"error": str(missing), "status": 404, "title": "Not found"}
            response = Response.html(
                await datasette.render_template("error.html", context, request=request), status=404
            )
        response.headers["content-security-policy"] = content_security_policy(datasette, request)
        return response

    return route


def article_href(url: str | None) -> str | None:
    """The URL to link an article (or a fact-check) with: only an http(s) one."""
    try:
        return url if url and urlsplit(url.strip()).scheme.lower() in LINK_SCHEMES else None
    except ValueError:  # urlsplit refuses some malformed URLs ("http://[x")
        return None


# Databases found to be claimkb's. Only a yes is kept: claimkb never drops its tables,
# so a claimkb database stays one, while another database may become one. Without it
# every cell of a table page asked for the table names (0.1 s a page of 100 claims).
_CLAIMKB_DATABASES: weakref.WeakSet = weakref.WeakSet()


async def _is_claimkb(datasette, name: str) -> bool:
    database = datasette.get_database(name)
    if database not in _CLAIMKB_DATABASES:
        if not REQUIRED_TABLES <= set(await database.table_names()):
            return False
        _CLAIMKB_DATABASES.add(database)
    return True


async def claimkb_databases(datasette) -> list[str]:
    return [name for name in datasette.databases if name != "_internal" and await _is_claimkb(datasette, name)]


async def _database(datasette, request):
    name = tilde_decode(request.url_vars["database"])
    if name not in datasette.databases or not await _is_claimkb(datasette, name):
        raise PageNotFound(f"{name} is not a claimkb database being served here")
    return datasette.get_database(name)


def _dicts(results) -> list[dict]:
    return [dict(row) for row in results.rows]


def _scope(request) -> dict:
    return {key: request.args[key] for key in GRAPH_SCOPES if request.args.get(key)}


def _scope_name(scope: dict) -> str:
    if not scope:
        return "all"
    key, value = next(iter(scope.items()))
    return f"{key}-{re.sub(r'[^A-Za-z0-9_-]+', '_', value)[:60]}"


def base_url(datasette, database: str) -> str:
    return datasette.urls.database(database) + "/-/claimkb"


async def _render(datasette, request, template: str, database: str, **context):
    context.update(
        database=database,
        claimkb_url=base_url(datasette, database),
        static=datasette.urls.path(STATIC_PREFIX),
        formats=FORMATS,
    )
    return Response.html(await datasette.render_template(template, context, request=request))


@page
async def claimkb_index(datasette, request):
    names = await claimkb_databases(datasette)
    if len(names) == 1:
        return Response.redirect(base_url(datasette, names[0]))
    links = [{"name": name, "href": base_url(datasette, name)} for name in names]
    return Response.html(
        await datasette.render_template("claimkb_databases.html", {"databases": links}, request=request)
    )


@page
async def database_page(datasette, request):
    db = await _database(datasette, request)
    families = _dicts(
        await db.execute(
            """select families.id, families.size, families.outlets, families.first_seen,
                      claims.content, speakers.name as speaker
               from families
               left join claims on claims.id = families.canonical_claim_id
               left join speakers on speakers.id = claims.speaker_id
               order by families.outlets desc, families.size desc, families.first_seen
               limit 100"""
        )
    )
    counts = _dicts(
        await db.execute(
            """select (select count(*) from articles) as articles, (select count(*) from claims) as claims,
                      (select count(*) from claim_links) as links, (select count(*) from families) as families"""
        )
    )[0]
    return await _render(datasette, request, "claimkb_index.html", db.name, families=families, counts=counts)


@page
async def family_page(datasette, request):
    db = await _database(datasette, request)
    family_id = request.url_vars["family_id"]
    try:
        page_number = int(request.args.get("page", 1))
    except ValueError:
        page_number = 1  # a mistyped page number shows the first page
    family = await db.execute_fn(lambda conn: load_family(conn, family_id, page_number))
    if family is None:
        raise PageNotFound(f"no claim family {family_id}")
    return await _render(datasette, request, "claimkb_family.html", db.name, **family)


@page
async def graph_page(datasette, request):
    db = await _database(datasette, request)
    scope = _scope(request)
    return await _render(
        datasette, request, "claimkb_graph.html", db.name, scope=scope, scope_query=urlencode(scope),
        scope_label=", ".join(f"{k} {v}" for k, v in scope.items()) or "the whole knowledge base",
    )


@page
async def graph_json(datasette, request):
    db = await _database(datasette, request)
    scope = _scope(request)
    graph = await db.execute_fn(lambda conn: scoped_graph(conn, scope, GRAPH_PAGE_CLAIMS))
    shown, selected = graph.graph.get("claims_shown"), graph.graph.get("claims_selected")
    note = None
    if selected is not None and selected > shown:
        note = (f"Showing {shown:,} of {selected:,} claims (the first by id) and their neighbourhood: pick a family"
                " or speaker to see all of theirs, or download the whole graph.")
    return Response.json({**cytoscape_elements(graph), "claims_shown": shown, "claims_selected": selected,
                          "note": note})


@page
async def download(datasette, request):
    db = await _database(datasette, request)
    fmt = request.url_vars["format"]
    if fmt not in FORMATS:
        raise PageNotFound(f"unknown graph format {fmt}: choose one of {', '.join(FORMATS)}")
    scope = _scope(request)
    graph = await db.execute_fn(lambda conn: scoped_graph(conn, scope))
    filename = DOWNLOAD_FILENAMES[fmt].format(scope=_scope_name(scope))
    return Response(
        export_bytes(graph, fmt),
        content_type=CONTENT_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


@page
async def fidelity_page(datasette, request):
    db = await _database(datasette, request)
    rows = _dicts(
        await db.execute(
            """select outlets.name as outlet, outlet_fidelity.*
               from outlet_fidelity join outlets on outlets.id = outlet_fidelity.outlet_id
               order by outlet_fidelity.fidelity is null, outlet_fidelity.fidelity desc, outlet_fidelity.copies desc,
                        outlets.name"""
        )
    )
    return await _render(datasette, request, "claimkb_fidelity.html", db.name, plot=fidelity_plot(rows))


@hookimpl
def asgi_wrapper(datasette):
    """Under `claimkb serve`, answer 405 to every request that is not a GET, before
    Datasette sees it: nothing served may change the knowledge base, and Datasette's
    own answer to a POST is an error 500 with a traceback on the console."""

    def wrap(app):
        async def read_only(scope, receive, send):
            if (scope["type"] == "http" and scope["method"] not in READ_METHODS
                    and (datasette.plugin_config(PLUGIN_NAME) or {}).get(READ_ONLY)):
                await method_not_allowed().asgi_send(send)
                return
            await app(scope, receive, send)

        return read_only

    return wrap


@hookimpl
def register_routes():
    database = r"/(?P<database>[^/]+)/-/claimkb"
    return [
        (r"^/-/claimkb$", claimkb_index),
        (rf"^{STATIC_PREFIX}(?P<path>.*)$", asgi_static(str(STATIC_DIR))),
        (rf"^{database}$", database_page),
        (rf"^{database}/family/(?P<family_id>[^/]+)$", family_page),
        (rf"^{database}/graph$", graph_page),
        (rf"^{database}/graph\.json$", graph_json),
        (rf"^{database}/download/(?P<format>\w+)$", download),
        (rf"^{database}/fidelity$", fidelity_page),
    ]


@hookimpl
def prepare_jinja2_environment(env):
    # Datasette finds templates beside a plugin package; this plugin is a module,
    # so its templates folder is added to the loader here.
    env.loader = ChoiceLoader([env.loader, FileSystemLoader(str(TEMPLATES_DIR))])
    env.filters["article_href"] = article_href


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/-/claimkb"), "label": "Claim families and graphs"}]


@hookimpl
def database_actions(datasette, database):
    async def actions():
        if not await _is_claimkb(datasette, database):
            return []
        url = base_url(datasette, database)
        return [
            {"href": url, "label": "Claim families"},
            {"href": url + "/graph", "label": "Claim graph"},
            {"href": url + "/fidelity", "label": "Outlet fidelity plot"},
        ]

    return actions


@hookimpl
def table_actions(datasette, database, table):
    async def actions():
        if not await _is_claimkb(datasette, database):
            return []
        url = base_url(datasette, database)
        return {
            "families": [{"href": url, "label": "Claim families, widest first"}],
            "outlet_fidelity": [{"href": url + "/fidelity", "label": "Plot outlet fidelity"}],
            "claim_links": [{"href": url + "/graph", "label": "Claim graph"}],
        }.get(table, [])

    return actions


def _link(href: str, text, extra: str = "") -> markupsafe.Markup:
    return markupsafe.Markup('<a href="{}">{}</a>{}').format(href, text, extra)


def _cell_link(row, value, column, table, url) -> markupsafe.Markup | None:
    shown = value["label"] if isinstance(value, dict) else value
    raw = value["value"] if isinstance(value, dict) else value
    # A family_id column of a table, a canned query or any SQL result.
    if column == "family_id" and table in {None, "claims", "family_travel"} and isinstance(raw, str):
        return _link(f"{url}/family/{quote(raw)}", shown)
    if table == "families" and column == "canonical_claim_id":
        return _link(f"{url}/family/{quote(row['id'])}", shown, markupsafe.Markup(" <small>(versions)</small>"))
    graph_link = {("speakers", "name"): "speaker", ("articles", "title"): "article"}.get((table, column))
    if graph_link:
        href = f"{url}/graph?{urlencode({graph_link: row['id']})}"
        return markupsafe.Markup('{} <small><a href="{}">(graph)</a></small>').format(shown, href)
    return None


SEGMENTS_SQL = """
select substr(a.text, s.char_start + 1, s.char_end - s.char_start)
from claim_segments s join claims c on c.id = s.claim_id join articles a on a.id = c.article_id
where s.claim_id = ? order by s.seq
"""


def highlight_segments(sentence: str, parts: list[str]) -> markupsafe.Markup:
    """The sentence with each part of a quotation, in order, marked: what is not marked
    (\"she said\") is the reporter's, not the speaker's."""
    pieces, position = [], 0
    for number, part in enumerate(parts, 1):
        found = sentence.find(part, position)
        if found < 0:  # the sentence does not hold the part as stored: show it unmarked
            return markupsafe.Markup("{}").format(sentence)
        pieces.append(markupsafe.Markup('{}<mark class="claimkb-segment" title="part {} of {}">{}</mark>').format(
            sentence[position:found], number, len(parts), part))
        position = found + len(part)
    return markupsafe.Markup("").join([*pieces, markupsafe.escape(sentence[position:])])


def _may_be_in_parts(row) -> bool:
    """Whether a claims row may be a quotation told in parts, read off the row itself so
    that a page of single claims asks nothing more: a quotation's parts are joined with
    one space and its span runs from the first part to the last, over the reporter's
    words between them, so its span is longer than its content. A row without these
    columns (chosen away with _col) may be."""
    try:
        return row["char_end"] - row["char_start"] > len(row["content"])
    except (IndexError, KeyError, TypeError):
        return True


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """In claimkb databases, family ids open the family page; speakers and articles get
    a link to their graph; a quotation told in parts shows its parts marked in its sentence."""
    if value is None or column not in {"family_id", "canonical_claim_id", "name", "title", "text"}:
        return None
    if column == "text" and table != "claims":
        return None

    if column == "text" and not _may_be_in_parts(row):
        return None

    async def cell():
        if not await _is_claimkb(datasette, database):
            return None
        if column == "text":
            db = datasette.get_database(database)
            parts = [r[0] for r in (await db.execute(SEGMENTS_SQL, [row["id"]])).rows]
            return highlight_segments(value, parts) if len(parts) > 1 else None
        return _cell_link(row, value, column, table, base_url(datasette, database))

    return cell
