"""How fast `claimkb serve` answers on a large knowledge base: p50/p95 per page.

    python benchmarks/serve_latency.py --db /tmp/scale-100000.db [--claims 100000] [--repeat 20]

Reuses the database at --db, or builds it first when it is missing (a synthetic
corpus of --claims claims from benchmarks/link_scale.py, linked with the lexical
tier); brings it to this claimkb's schema (`claimkb migrate`); starts `claimkb
serve` on a free localhost port and requests, --repeat times each: the claims table,
each facet metadata.json gives claims, claim_copies and claim_links (as JSON, so that a facet that
timed out is counted), a claim's page, the largest and a median family page,
graph.json (whole, and of one article), every canned query and a full-text search. Prints p50 and p95 in
milliseconds per page and every answer that was not HTTP 200. The goal is p95 < 200 ms.
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimkb.store.db import close_db, open_db, open_read_only  # noqa: E402
from claimkb.store.named_queries import load_queries  # noqa: E402
from claimkb.web.serve import METADATA_PATH  # noqa: E402

GOAL_P95_MS = 200
START_TIMEOUT_S = 120  # Datasette on a cold, large file on a busy machine
FACETED_TABLES = ("claims", "claim_copies", "claim_links")


def build(path: Path, claims: int) -> None:
    script = str(REPO / "benchmarks" / "link_scale.py")
    subprocess.run([sys.executable, script, "--build", str(path), "--sizes", str(claims)], check=True)
    subprocess.run([sys.executable, script, "--link", str(path), "--matcher", "lexical"], check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pages(path: Path) -> dict[str, str]:
    """Page label -> path under the server, chosen from what the database holds."""
    db = open_read_only(path)
    name = path.stem
    one = lambda sql, *params: db.execute(sql, params).fetchone()  # noqa: E731
    families = one("select count(*) from families")[0]
    largest = one("select id, size from families order by size desc limit 1")
    median = one("select id, size from families order by size limit 1 offset ?", families // 2)
    claim, article = one("select id, article_id from claims limit 1 offset ?", one("select count(*) from claims")[0] // 2)
    word = one("select content from claims where length(content) > 40 limit 1")[0].split()[1]
    speaker = one("select name from speakers limit 1")
    db.close()
    metadata = json.loads(METADATA_PATH.read_text(encoding="utf-8"))["databases"]["claimkb"]["tables"]
    result = {"claims table": f"/{name}/claims", "claim page": f"/{name}/claims/{claim}",
              f"largest family ({largest[1]:,} versions)": f"/{name}/-/claimkb/family/{largest[0]}",
              f"median family ({median[1]:,} versions)": f"/{name}/-/claimkb/family/{median[0]}",
              "graph.json": f"/{name}/-/claimkb/graph.json",
              "graph.json of an article": f"/{name}/-/claimkb/graph.json?article={article}",
              f"FTS search ({word!r})": f"/{name}/claims?" + urllib.parse.urlencode({"_search": word})}
    for table in FACETED_TABLES:
        for facet in metadata[table].get("facets", []):
            result[f"facet {table}.{facet}"] = f"/{name}/{table}.json?" + urllib.parse.urlencode({"_facet": facet})
    params = {"q": word, "family": median[0], "speaker": speaker[0] if speaker else word, "ratings": "any",
              "min_outlets": "3"}
    for query in load_queries().values():
        query_params = {p: params[p] for p in query.params}
        result[f"query {query.name}"] = f"/{name}/{query.name}?" + urllib.parse.urlencode(query_params)
    return result


def fetch(url: str) -> tuple[float, int, dict | None]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            body, status = response.read(), response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    seconds = time.perf_counter() - started
    data = None
    if status == 200 and ".json" in url:
        data = json.loads(body)
    return seconds, status, data


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--claims", type=int, default=100_000, help="size of the corpus built when --db is missing")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db, args.claims)
    close_db(open_db(args.db))  # apply pending migrations, as `claimkb migrate` does
    targets = pages(args.db)

    port = free_port()
    claimkb = Path(sys.executable).parent / "claimkb"
    server = subprocess.Popen([str(claimkb), "serve", str(args.db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(f"claimkb serve did not start: {server.stderr.read().decode()[-2000:]}") from None
                time.sleep(0.5)
        db = open_read_only(args.db)
        claims = db.execute("select count(*) from claims").fetchone()[0]
        links = db.execute("select count(*) from claim_links").fetchone()[0]
        db.close()
        print(f"{args.db}: {claims:,} claims, {links:,} links; {args.repeat} requests per page")
        print(f"{'page':58}{'p50 ms':>9}{'p95 ms':>9}  problems")
        worst = 0.0
        for label, path in targets.items():
            times, problems = [], []
            for _ in range(args.repeat):
                seconds, status, data = fetch(base + path)
                times.append(seconds * 1000)
                if status != 200:
                    problems.append(f"HTTP {status}")
                elif data and data.get("facets_timed_out"):
                    problems.append("facet timed out: " + ",".join(data["facets_timed_out"]))
            times.sort()
            p50 = statistics.median(times)
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            worst = max(worst, p95)
            flag = "" if p95 < GOAL_P95_MS else "  over goal"
            shown = "; ".join(sorted(set(problems)))
            print(f"{label[:57]:58}{p50:9.0f}{p95:9.0f}  {shown}{flag}", flush=True)
        print(f"worst p95: {worst:.0f} ms (goal < {GOAL_P95_MS} ms)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
