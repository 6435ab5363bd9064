"""End-to-end ingest throughput against bare spaCy on the same texts, in one process.

    python benchmarks/ingest_speed.py [--shared ../shared/data] [--limit N] [--no-link] [--repeat N]
                                      [--matcher auto|lexical|dense] [--jobs N]

Reads the bundled sample (data/) and, when present, the shared GenderGapTracker
and ECB+ articles; writes them to a temporary JSON Lines file; times
``nlp.pipe`` over the texts (the baseline), then ``claimkb ingest`` of the same
file into a new database (reading, extraction, storage and, unless --no-link,
linking). The two alternate --repeat times and the fastest run of each counts,
so that load from other processes cancels out. Prints words/s and articles/s
of both, per core, and their ratio (1.0 means ingest costs no more than parsing
alone), and peak memory. With --jobs N, ingest extracts in N worker processes
(``claimkb ingest --jobs N``) and the baseline is ``nlp.pipe(n_process=N)``.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimkb.ingest.extract.nlp import load_pipeline  # noqa: E402
from claimkb.ingest.extract.workers import extraction_runner  # noqa: E402
from claimkb.ingest.readers import read_inputs  # noqa: E402
from claimkb.link.linker import link_claims  # noqa: E402
from claimkb.store.db import open_db  # noqa: E402
from claimkb.store.loader import ingest_records  # noqa: E402


def shared_records(shared: Path):
    ggt = shared / "gendergaptracker" / "articles.jsonl"
    if ggt.exists():
        for line in ggt.open(encoding="utf-8"):
            row = json.loads(line)
            yield {"url": row["url"], "outlet": row["outlet"], "text": row["text"]}
    ecb = shared / "ecbplus" / "documents.jsonl"
    if ecb.exists():
        for line in ecb.open(encoding="utf-8"):
            row = json.loads(line)
            yield {"url": row["url"], "outlet": row["outlet"] or "ECB", "text": row["text"]}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles")
    parser.add_argument("--no-link", action="store_true", help="time ingest without linking")
    parser.add_argument("--matcher", default="auto", help="linking tier (auto: dense when installed)")
    parser.add_argument("--repeat", type=int, default=2, help="alternate runs of each; the fastest counts")
    parser.add_argument("--jobs", type=int, default=1, help="processes for extraction and for the baseline")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        sample = [str(REPO / "data" / "seeds"), str(REPO / "data" / "sample" / "ecbplus-aceh-quake.jsonl")]
        bundled = [r for r in read_inputs(sample) if not isinstance(r, Exception)]
        rows = [{"url": r.url, "outlet": r.outlet, "title": r.title, "published": r.published, "text": r.text}
                for r in bundled] + list(shared_records(args.shared))
        rows = rows[: args.limit]
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        texts = [r["text"] for r in rows]
        words = sum(len(t.split()) for t in texts)

        nlp = load_pipeline()
        list(nlp.pipe(texts[:5]))  # warm up
        bare = full = float("inf")
        for attempt in range(args.repeat):
            started = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=32, n_process=args.jobs):
                pass
            bare = min(bare, time.perf_counter() - started)
            bare_peak = peak_mb()

            db = open_db(Path(tmp) / f"bench-{attempt}.db")
            started = time.perf_counter()
            with extraction_runner(jobs=args.jobs) as runner:
                stats = ingest_records(db, read_inputs([str(corpus)]), runner=runner)
            if not args.no_link:
                link_claims(db, claim_ids=stats.claim_ids, matcher=args.matcher)
            full = min(full, time.perf_counter() - started)

    print(f"articles: {len(texts)}  words: {words}  claims: {stats.claims}  pipeline: {nlp.meta['name']}"
          f"  processes: {args.jobs}")
    print(f"{'':32}{'seconds':>9}{'words/s':>10}{'articles/s':>12}{'words/s/core':>14}")
    label = f"nlp.pipe n_process={args.jobs} (baseline)"
    print(f"{label:32}{bare:9.2f}{words / bare:10.0f}{len(texts) / bare:12.1f}{words / bare / args.jobs:14.0f}")
    label = f"claimkb ingest --jobs {args.jobs}" + ("" if args.no_link else f" + link ({args.matcher})")
    print(f"{label:32}{full:9.2f}{words / full:10.0f}{len(texts) / full:12.1f}{words / full / args.jobs:14.0f}")
    print(f"throughput ratio ingest/baseline: {bare / full:.2f}  (1.0 = no cost over parsing)")
    print(f"peak memory: {bare_peak:.0f} MB after baseline, {peak_mb():.0f} MB after ingest"
          f" (pid {os.getpid()})")


if __name__ == "__main__":
    main()
