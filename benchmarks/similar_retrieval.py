"""Does `claimkb similar` find the other outlets' copies of a statement? recall@1, recall@5 and
MAP@5 of each tier against a TF-IDF baseline, dev beside test.

    .venv/bin/python benchmarks/similar_retrieval.py [--tiers lexical,dense] [--per-story 5] [--half dev]

Needs scikit-learn for the TF-IDF baseline (the ``fit`` extra: ``pip install -e '.[fit]'``),
the gold pairs in ``benchmarks/gold/same_claim/`` and, for the story set and for pairs
given by reference, ``../shared/data`` (or ``CLAIMKB_SHARED_DATA``).

Two sets, each ingested through the real pipeline (a JSON Lines file, claimkb's reader,
extraction and storage, each statement its own one-sentence record of its outlet) into
a temporary database:

- **pairs**: every statement of the same-claim gold pairs (``docs/gold-same-claim.md``:
  UCI headlines, ECB+ sentences, the seed articles' sentences, variants edited by
  hand, GenderGapTracker quotes by reference) is stored.
  Queries: each statement with at least one ``same_claim: true`` partner; relevant:
  those partners. The query's own record is left out of its results. The other
  statements of its story (same event, other claims; other values of one template)
  are the hard distractors.
- **stories**: UCI headlines grouped by STORY across publishers. Up to ``--per-story``
  headlines of each story (chosen by a stable hash) are queries and are not stored;
  every other headline is. Relevant: the same story's headlines from other
  publishers; the query's own publisher is left out of its results. A story is
  looser than a claim, so this set rewards finding the topic.

A statement that extraction turns into no claim cannot be found, by claimkb or by
the baseline. The baseline is scikit-learn's ``TfidfVectorizer`` (default settings)
fitted on the stored claims' content, ranking every claim by cosine to the query.
The dense tier needs the claims' vectors cached, as ``claimkb ingest`` with linking
in that tier leaves them; the benchmark caches them before timing queries.

Split by story: ``benchmarks/gold/same_claim_split.json`` when it exists (``{"dev":
[story, ...], "test": [...]}``), else ``dev`` when the sha1 of the story id is even, as
the gold sets do.

Measures, over queries: recall@k is the share with a relevant statement among the
first k results; MAP@5 the mean of average precision at 5 (the precision at each
rank holding a relevant statement, summed and divided by min(relevant, 5)).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import MissingData, shared_folder  # noqa: E402
from claimkb.ingest.readers import read_inputs  # noqa: E402
from claimkb.match.embeddings import cached_vectors, embed, embeddings_available  # noqa: E402
from claimkb.match.similar import find_similar  # noqa: E402
from claimkb.store.db import open_db  # noqa: E402
from claimkb.store.loader import ingest_records  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold"
SPLIT_FILE = GOLD / "same_claim_split.json"
SPLITS = ("dev", "test")
TOP = 5
# Results asked of each method per query: enough to fill the top 5 after leaving out
# the query's own record or publisher.
FETCH = 40


@dataclass
class Statement:
    ref: str  # the record's id: "uci:ID", "ecb:doc:sentence", "ggt:article:start:end", "edit-0001:b"
    text: str
    story: str
    outlet: str | None = None
    published: str | None = None


@dataclass
class Query:
    statement: Statement
    relevant: set[str]  # refs
    excluded: set[str]  # refs never counted in its results
    ranks: dict[str, list[str]] = field(default_factory=dict)  # method -> refs, best first


def split_of(story: str, frozen: dict[str, str]) -> str:
    if story in frozen:
        return frozen[story]
    return "dev" if int(hashlib.sha1(story.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


def frozen_split() -> dict[str, str]:
    if not SPLIT_FILE.is_file():
        return {}
    split = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    return {story: half for half in SPLITS for story in split[half]}


def ggt_text(ref: str) -> str:
    _, article, start, end = ref.split(":")
    text = (shared_folder("gendergaptracker") / "articles" / f"{article}.txt").read_text(encoding="utf-8")
    return text[int(start):int(end)]


def pairs_set() -> tuple[list[Statement], list[Query]]:
    statements: dict[str, Statement] = {}
    partners = defaultdict(set)
    judged = defaultdict(set)  # ref -> refs labelled either way against it
    for path in sorted((GOLD / "same_claim").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            pair = json.loads(line)
            # A ref names its source ("uci:463"); a variant written by hand is only "edited".
            a, b = (pair[n]["ref"] if ":" in pair[n]["ref"] else f"{pair['id']}:{n}" for n in "ab")
            for ref, side in ((a, pair["a"]), (b, pair["b"])):
                text = side.get("text") or ggt_text(side["ref"])
                statements.setdefault(ref, Statement(ref, text, pair["story"], side.get("outlet"), side.get("published")))
            judged[a].add(b)
            judged[b].add(a)
            if pair["same_claim"]:
                partners[a].add(b)
                partners[b].add(a)
    by_story = defaultdict(set)
    for statement in statements.values():
        by_story[statement.story].add(statement.ref)
    # The labels are a sample of each story's pairs: a statement of the query's story
    # that no pair judges against it may well be another copy, so it is left out of the
    # results (a condensed list). Other stories' statements are known not to be copies.
    queries = [Query(statements[ref], found, {ref} | (by_story[statements[ref].story] - judged[ref]))
               for ref, found in sorted(partners.items())]
    return list(statements.values()), queries


def stories_set(per_story: int) -> tuple[list[Statement], list[Query]]:
    folder = shared_folder("uci-news")
    by_story = defaultdict(list)
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                by_story[f"uci:{row['STORY']}"].append(
                    Statement(f"uci:{row['ID']}", row["TITLE"], f"uci:{row['STORY']}", row["PUBLISHER"] or row["HOSTNAME"])
                )
    stored, queries = [], []
    for _story, headlines in sorted(by_story.items()):
        order = sorted(headlines, key=lambda h: hashlib.sha1(h.ref.encode()).hexdigest())
        chosen = [h for h in order if len({x.outlet for x in headlines} - {h.outlet})][:per_story]
        chosen_refs = {h.ref for h in chosen}
        stored += [h for h in headlines if h.ref not in chosen_refs]
        for query in chosen:
            relevant = {h.ref for h in headlines if h.outlet != query.outlet and h.ref not in chosen_refs}
            excluded = {h.ref for h in headlines if h.outlet == query.outlet}
            if relevant:
                queries.append(Query(query, relevant, excluded))
    return stored, queries


def build_db(statements: list[Statement], folder: Path, name: str, reuse: bool = False):
    """Ingest the statements through the real pipeline; returns (db, {article id: ref}).
    With ``reuse``, a database left in ``folder`` by an earlier run is read instead."""
    path = folder / f"{name}.jsonl"
    if reuse and (folder / f"{name}.db").is_file():
        db = open_db(folder / f"{name}.db")
        print(f"{name}: reusing {folder / name}.db", file=sys.stderr)
        return db, {a: url.removeprefix("https://gold.invalid/") for a, url in db.execute("select id, url from articles")}
    with open(path, "w", encoding="utf-8") as out:
        for s in statements:
            record = {"url": f"https://gold.invalid/{s.ref}", "outlet": s.outlet, "published": s.published,
                      "text": s.text}
            out.write(json.dumps({k: v for k, v in record.items() if v}, ensure_ascii=False) + "\n")
    db = open_db(folder / f"{name}.db")
    errors = []
    stats = ingest_records(db, read_inputs([str(path)]), on_error=errors.append)
    if errors:
        raise SystemExit(f"{len(errors)} statements failed to ingest, first: {errors[0]}")
    ref_of = {a: url.removeprefix("https://gold.invalid/") for a, url in db.execute("select id, url from articles")}
    with_claim = len({a for (a,) in db.execute("select distinct article_id from claims")})
    print(f"{name}: {len(statements)} statements stored as {stats.claims} claims; "
          f"{len(ref_of) - with_claim} statements gave no claim", file=sys.stderr)
    return db, ref_of


def top_refs(article_ids, ref_of: dict[str, str], excluded: set[str]) -> list[str]:
    """The first TOP distinct statements of a ranked list of article ids, leaving out ``excluded``."""
    out: list[str] = []
    for article_id in article_ids:
        ref = ref_of[article_id]
        if ref not in excluded and ref not in out:
            out.append(ref)
            if len(out) == TOP:
                break
    return out


def run_tfidf(db, ref_of, queries: list[Query]) -> float:
    from sklearn.feature_extraction.text import TfidfVectorizer

    rows = db.execute("select article_id, content from claims order by id").fetchall()
    articles = [r[0] for r in rows]
    started = time.perf_counter()
    vectorizer = TfidfVectorizer()
    matrix = vectorizer.fit_transform([r[1] for r in rows])
    for query in queries:
        sims = (matrix @ vectorizer.transform([query.statement.text]).T).toarray().ravel()
        best = [i for i in sims.argsort(kind="stable")[::-1][:FETCH] if sims[i] > 0]
        query.ranks["tf-idf"] = top_refs((articles[i] for i in best), ref_of, query.excluded)
    return (time.perf_counter() - started) / max(1, len(queries))


def run_similar(db, ref_of, queries: list[Query], tier: str) -> float:
    started = time.perf_counter()
    # The dense tier embeds the queries in one batch, as a caller with many texts does
    # (the time is included); one text at a time, the model's call dominates.
    vectors = embed([q.statement.text for q in queries]) if tier == "dense" else [None] * len(queries)
    for query, vector in zip(queries, vectors):
        found = find_similar(db, query.statement.text, limit=FETCH, matcher=tier, query_vector=vector)
        query.ranks[tier] = top_refs((r["article_id"] for r in found), ref_of, query.excluded)
    return (time.perf_counter() - started) / max(1, len(queries))


def measures(queries: list[Query], method: str) -> str:
    if not queries:
        return "-"
    at1 = at5 = ap = 0.0
    for query in queries:
        hits = [ref in query.relevant for ref in query.ranks[method]]
        at1 += bool(hits[:1] and hits[0])
        at5 += any(hits)
        ap += sum(sum(hits[:k + 1]) / (k + 1) for k, hit in enumerate(hits) if hit) / min(len(query.relevant), TOP)
    n = len(queries)
    return f"{at1 / n:.3f}  {at5 / n:.3f}  {ap / n:.3f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiers", default="lexical,dense", help="claimkb similar tiers to run")
    parser.add_argument("--sets", default="pairs,stories", help="pairs, stories or both")
    parser.add_argument("--per-story", type=int, default=5, help="UCI headlines per story taken as queries")
    parser.add_argument("--half", choices=[*SPLITS, "both"], default="both",
                        help="ask only this half's queries (dev while tuning; the stored claims are the same)")
    parser.add_argument("--keep", type=Path, help="keep the databases in this folder and reuse them when there "
                        "(faster reruns while changing similar; stale after extraction changes)")
    args = parser.parse_args(argv)
    tiers = [t for t in args.tiers.split(",") if t]
    if "dense" in tiers and not embeddings_available():
        print("(dense tier skipped: the optional embeddings extra is not installed)", file=sys.stderr)
        tiers.remove("dense")
    frozen = frozen_split()
    print(f"split: {'benchmarks/gold/same_claim_split.json' if frozen else 'sha1 of the story id'}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name in args.sets.split(","):
            try:
                statements, queries = pairs_set() if name == "pairs" else stories_set(args.per_story)
            except MissingData as missing:
                print(f"({name} skipped: {missing})", file=sys.stderr)
                continue
            if args.half != "both":
                queries = [q for q in queries if split_of(q.statement.story, frozen) == args.half]
            db, ref_of = build_db(statements, folder, name, reuse=args.keep is not None)
            if "dense" in tiers:
                rows = db.execute("select id, content from claims").fetchall()
                cached_vectors(db, [r[0] for r in rows], [r[1] for r in rows])
            seconds = {"tf-idf": run_tfidf(db, ref_of, queries)}
            for tier in tiers:
                seconds[tier] = run_similar(db, ref_of, queries, tier)
            halves = {s: [q for q in queries if split_of(q.statement.story, frozen) == s] for s in SPLITS}
            print(f"\n{name}: {len(statements)} statements, queries dev {len(halves['dev'])}, "
                  f"test {len(halves['test'])}")
            print(f"{'method':<22}{'dev: R@1  R@5  MAP@5':<26}{'test: R@1  R@5  MAP@5':<26}ms/query")
            for method in ["tf-idf", *tiers]:
                label = method if method == "tf-idf" else f"claimkb {method}"
                print(f"{label:<22}{measures(halves['dev'], method):<26}{measures(halves['test'], method):<26}"
                      f"{seconds[method] * 1000:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
