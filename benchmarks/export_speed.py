"""How long building the claim graph and each export take on a synthetic knowledge base.

Prints seconds and the ratio to a baseline measured in the same process: reading every
claim row with sqlite-utils. Run from the repository root:

    PYTHONPATH=. python benchmarks/export_speed.py --articles 2000
"""
from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from claimkb.graph.analytics import compute_analytics
from claimkb.graph.build import build_graph
from claimkb.graph.export import FORMATS, export_graph
from claimkb.ingest.records import ArticleRecord, Claim, Extraction, Speaker
from claimkb.store.articles import store_article
from claimkb.store.db import open_db

WORDS = "prices wages rents crime schools taxes exports jobs hospitals roads budgets tariffs".split()


def synthetic_db(path: Path, articles: int, claims_per_article: int, outlets: int, seed: int = 1):
    """Articles spread over outlets; each claim copies an earlier claim with probability
    one half, so links, families and derivations exist in realistic proportions."""
    rng = random.Random(seed)
    db = open_db(path)
    speakers = [Speaker(f"Speaker {i} Person") for i in range(max(10, articles // 10))]
    stored, links, derivations = [], [], {}
    for n in range(articles):
        outlet = f"Outlet {rng.randrange(outlets)}"
        sentences, claims = [], []
        for _ in range(claims_per_article):
            content = f"{rng.choice(WORDS)} will rise by {rng.randrange(1, 50)} percent next year"
            offset = sum(len(s) + 1 for s in sentences)
            sentences.append(f"They said {content}.")
            start = offset + len("They said ")
            claims.append(Claim("indirect_quote", content, content, start, start + len(content),
                                speaker=rng.choice(speakers), cue="said"))
        record = ArticleRecord(text=" ".join(sentences), title=f"Story {n}", url=f"https://{n % outlets}.example/{n}",
                               outlet=outlet, published=f"2021-{1 + n * 12 // articles:02d}-{1 + n % 28:02d}")
        result = store_article(db, record, Extraction(claims=claims))
        for claim_id in result.claim_ids:
            if stored and rng.random() < 0.5:
                earlier_article, earlier_claim = rng.choice(stored)
                links.append({"claim_a": earlier_claim, "claim_b": claim_id, "score": rng.random(),
                              "relation": rng.choice(["verbatim", "paraphrase", "number_changed", "hedge_changed"]),
                              "evidence": json.dumps([{"type": "number_changed"}]), "method": "lexical"})
                if earlier_article != result.article_id:
                    derivations[(result.article_id, earlier_article)] = {
                        "article_id": result.article_id, "derived_from": earlier_article, "score": 0.5,
                        "relation": "rewrites", "shared_claims": 1}
        stored.extend((result.article_id, c) for c in result.claim_ids)
    db["claim_links"].insert_all(links, ignore=True)
    db["article_derivations"].insert_all(derivations.values(), ignore=True)
    return db


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--claims-per-article", type=int, default=5)
    parser.add_argument("--outlets", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db = synthetic_db(folder / "claimkb.db", args.articles, args.claims_per_article, args.outlets)
        baseline, rows = timed(lambda: list(db["claims"].rows))
        print(f"{args.articles} articles, {len(rows)} claims, {db['claim_links'].count} links")
        print(f"baseline (read every claim row): {baseline:.3f}s")
        seconds, graph = timed(lambda: build_graph(db))
        print(f"build_graph: {seconds:.3f}s ({seconds / baseline:.1f}x), "
              f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
        seconds, _ = timed(lambda: build_graph(db, outlet="Outlet 3"))
        print(f"build_graph(outlet=...): {seconds:.3f}s ({seconds / baseline:.1f}x)")
        for format in FORMATS:
            seconds, files = timed(lambda format=format: export_graph(graph, format, folder / f"export.{format}"))
            size = sum(f.stat().st_size for f in files)
            print(f"export {format}: {seconds:.3f}s ({seconds / baseline:.1f}x), {size / 1e6:.1f} MB")
        seconds, _ = timed(lambda: compute_analytics(db))
        print(f"compute_analytics: {seconds:.3f}s ({seconds / baseline:.1f}x)")


if __name__ == "__main__":
    main()
