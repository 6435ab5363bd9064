"""How well does linking find the same claim across outlets? Prints figures; asserts nothing.

    PYTHONPATH=. python benchmarks/linking.py [--matchers lexical,dense] [--samples 8]

Data (read from ../shared/data, see benchmarks/corpora.py):

- **ECB+**: each fully annotated sentence is one claim of its document (one
  article, outlet from the URL). Gold: two sentences of different documents that
  mention the same cross-document event chain. Each topic's other half is about a
  different event of the same kind: hard negatives. Same event is looser than same
  claim, so recall here has a low ceiling and is a stress test of precision.
- **UCI News Aggregator**: each headline is one claim of its own article (outlet =
  publisher, published = timestamp). Gold: same STORY cluster (same story, not
  strictly the same claim: recall is bounded well below 1).
- **similar**: one headline per story (its latest) is held out, the rest stored;
  recall@5 is the share of held-out headlines with a same-story headline among the
  top 5 of ``find_similar``.
- **seeds**: the two seed articles through the real ingest, with the links listed.

Pairwise precision/recall/F1 count claim pairs in different articles. Family
purity: share of family members carrying the family's majority label; B-cubed
precision/recall/F1 over all claims (an unlinked claim is its own cluster).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import SEEDS, MissingData, ecbplus_documents, uci_headlines  # noqa: E402
from claimkb.ingest.extract.quantities import find_quantities  # noqa: E402
from claimkb.ingest.records import ArticleRecord, Claim, Extraction, Quantity  # noqa: E402
from claimkb.match.compare import compare_texts  # noqa: E402
from claimkb.match.embeddings import embeddings_available  # noqa: E402
from claimkb.link.linker import link_claims  # noqa: E402
from claimkb.store.db import open_db  # noqa: E402
from claimkb.match.similar import find_similar  # noqa: E402
from claimkb.store.articles import store_article  # noqa: E402


def claim_of(text: str, start: int = 0) -> Claim:
    """One sentence as one claim, with its quantities, as extraction would store it."""
    quantities = [
        Quantity(q.text, q.value, q.unit, q.qualifier, q.start + start, q.end + start, q.high)
        for q in find_quantities(text)
    ]
    return Claim("assertion", text, text, start, start + len(text), quantities=quantities)


def ecbplus_db(path):
    """(db, {claim id: (doc id, sentence number)}, {item: labels})"""
    db = open_db(path)
    item_of, labels = {}, {}
    for doc in ecbplus_documents():
        if not doc.sentences:
            continue
        record = ArticleRecord(text=doc.text, url=doc.url, outlet=doc.outlet or f"ecb {doc.doc_id}",
                               source=doc.doc_id)
        stored = store_article(db, record, Extraction(claims=[claim_of(s.text, s.start) for s in doc.sentences]))
        for claim_id, sentence in zip(stored.claim_ids, doc.sentences):
            item_of[claim_id] = (doc.doc_id, sentence.number)
            labels[item_of[claim_id]] = frozenset(sentence.events)
    return db, item_of, labels


def headlines_db(path, headlines):
    db = open_db(path)
    item_of = {}
    for h in headlines:
        record = ArticleRecord(text=h.title, title=h.title, url=h.url, outlet=h.publisher, published=h.published,
                               source=f"uci:{h.id}")
        stored = store_article(db, record, Extraction(claims=[claim_of(h.title)]))
        if stored.claim_ids:
            item_of[stored.claim_ids[0]] = h.id
    return db, item_of


def predicted_pairs(db, item_of):
    return {
        frozenset((item_of[a], item_of[b]))
        for a, b in db.execute("select claim_a, claim_b from claim_links")
        if a in item_of and b in item_of
    }


def families(db, item_of):
    clusters = defaultdict(list)
    for claim_id, family in db.execute("select id, family_id from claims where family_id is not null"):
        if claim_id in item_of:
            clusters[family].append(item_of[claim_id])
    return list(clusters.values())


def pairwise(predicted: set, gold: set) -> tuple[float, float, float]:
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1


def cluster_scores(clusters, items, same) -> dict:
    """Purity of the families, and B-cubed over all items; ``same(x, y)`` is the gold relation."""
    cluster_of = {}
    for k, members in enumerate(clusters):
        for item in members:
            cluster_of[item] = k
    members_of = {item: clusters[cluster_of[item]] if item in cluster_of else [item] for item in items}
    purity_hits = sum(max(sum(same(m, other) for m in members) for other in members) for members in clusters)
    purity = purity_hits / sum(len(m) for m in clusters) if clusters else 0.0
    gold_neighbours = _gold_neighbours(items, same)
    precision = sum(sum(same(i, m) or i == m for m in members_of[i]) / len(members_of[i]) for i in items) / len(items)
    recall = sum(
        (1 + sum(m in gold_neighbours[i] for m in members_of[i] if m != i)) / (1 + len(gold_neighbours[i]))
        for i in items
    ) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"families": len(clusters), "purity": purity, "bcubed_p": precision, "bcubed_r": recall, "bcubed_f1": f1}


def _gold_neighbours(items, same):
    by_label = defaultdict(set)
    for item in items:
        for label in same.labels(item):
            by_label[label].add(item)
    return {
        item: {other for other in set().union(*(by_label[l] for l in same.labels(item))) if other != item and same(item, other)}
        for item in items
    }


class SameStory:
    def __init__(self, story_of):
        self.story_of = story_of

    def __call__(self, x, y):
        return self.story_of[x] == self.story_of[y]

    def labels(self, item):
        return [self.story_of[item]]


class SameEvent:
    """Two sentences of different documents mentioning a common event chain."""

    def __init__(self, labels):
        self.events = labels

    def __call__(self, x, y):
        return x[0] != y[0] and bool(self.events[x] & self.events[y])

    def labels(self, item):
        return self.events[item]


def print_samples(title, pairs, text_of, samples, rng):
    pairs = sorted(pairs, key=sorted)
    print(f"  {title} ({len(pairs)}), {min(samples, len(pairs))} at random:")
    for pair in rng.sample(pairs, min(samples, len(pairs))):
        a, b = sorted(pair)
        c = compare_texts(text_of[a], text_of[b])
        print(f"    [{c.relation} {c.score:.2f}] {text_of[a][:90]!r}\n{'':10}<> {text_of[b][:90]!r}")


def bench_ecbplus(matcher, samples, rng, workdir):
    db, item_of, labels = ecbplus_db(Path(workdir) / f"ecbplus-{matcher}.db")
    started = time.perf_counter()
    stats = link_claims(db, matcher=matcher)
    elapsed = time.perf_counter() - started
    same = SameEvent(labels)
    items = list(labels)
    gold = {frozenset((x, y)) for x, neighbours in _gold_neighbours(items, same).items() for y in neighbours}
    predicted = predicted_pairs(db, item_of)
    p, r, f = pairwise(predicted, gold)
    clusters = cluster_scores(families(db, item_of), items, same)
    print(f"ECB+ ({matcher}): {len(items)} sentences, {len(gold)} gold pairs; {stats}")
    print(f"  pairwise P {p:.3f} R {r:.3f} F1 {f:.3f}; link time {elapsed:.1f}s")
    print("  families {families}, purity {purity:.3f}, B-cubed P {bcubed_p:.3f} R {bcubed_r:.3f} F1 {bcubed_f1:.3f}"
          .format(**clusters))
    same_topic_negatives = [pair for pair in predicted - gold if len({i[0].split('_')[0] for i in pair}) == 1]
    print(f"  false links within one topic (the hard negatives): {len(same_topic_negatives)} of {len(predicted - gold)}")
    if samples:
        text_of = {item_of[cid]: text for cid, text in db.execute("select id, content from claims")}
        print_samples("false links", predicted - gold, text_of, samples, rng)
        print_samples("missed links", gold - predicted, text_of, samples, rng)


def bench_uci(matcher, samples, rng, workdir):
    headlines = uci_headlines()
    db, item_of = headlines_db(Path(workdir) / f"uci-{matcher}.db", headlines)
    started = time.perf_counter()
    stats = link_claims(db, matcher=matcher)
    elapsed = time.perf_counter() - started
    story_of = {h.id: h.story for h in headlines}
    items = sorted(set(item_of.values()), key=int)
    by_story = defaultdict(list)
    for item in items:
        by_story[story_of[item]].append(item)
    gold = {frozenset((x, y)) for members in by_story.values() for x in members for y in members if x < y}
    predicted = predicted_pairs(db, item_of)
    p, r, f = pairwise(predicted, gold)
    clusters = cluster_scores(families(db, item_of), items, SameStory(story_of))
    print(f"UCI headlines ({matcher}): {len(items)} headlines, {len(gold)} same-story pairs; {stats}")
    print(f"  pairwise P {p:.3f} R {r:.3f} F1 {f:.3f}; link time {elapsed:.1f}s")
    print("  families {families}, purity {purity:.3f}, B-cubed P {bcubed_p:.3f} R {bcubed_r:.3f} F1 {bcubed_f1:.3f}"
          .format(**clusters))
    if samples:
        text_of = {h.id: h.title for h in headlines}
        print_samples("false links", predicted - gold, text_of, samples, rng)
        print_samples("missed links", gold - predicted, text_of, samples, rng)


def bench_similar(matcher, workdir, k=5):
    headlines = uci_headlines()
    latest = {}
    for h in headlines:
        if h.story not in latest or (h.published, int(h.id)) > (latest[h.story].published, int(latest[h.story].id)):
            latest[h.story] = h
    held_out = set(h.id for h in latest.values())
    db, item_of = headlines_db(Path(workdir) / f"similar-{matcher}.db", [h for h in headlines if h.id not in held_out])
    story_of = {h.id: h.story for h in headlines}
    started = time.perf_counter()
    hits = 0
    for h in latest.values():
        found = find_similar(db, h.title, limit=k, matcher=matcher)
        hits += any(story_of[item_of[r["claim_id"]]] == h.story for r in found)
    elapsed = time.perf_counter() - started
    print(f"similar ({matcher}): recall@{k} {hits / len(latest):.3f} on {len(latest)} held-out headlines "
          f"({elapsed / len(latest) * 1000:.0f} ms per query)")


def bench_seeds(matcher, workdir):
    from claimkb.store.loader import ingest_paths

    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    db = open_db(Path(workdir) / f"seeds-{matcher}.db")
    ingest_paths(db, paths)
    print(f"seeds ({matcher}): {link_claims(db, matcher=matcher)}")
    for score, relation, a, b in db.execute(
        """select l.score, l.relation, ca.content, cb.content from claim_links l
           join claims ca on ca.id = l.claim_a join claims cb on cb.id = l.claim_b order by ca.char_start"""
    ):
        print(f"  [{relation} {score:.2f}] {a[:60]!r} <> {b[:60]!r}")
    for relation, score, evidence in db.execute("select relation, score, evidence from article_derivations"):
        print(f"  derivation: {relation} (share {score}) {evidence[:200]}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--matchers", default="lexical,dense")
    parser.add_argument("--samples", type=int, default=8, help="false and missed links shown per data set")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    for matcher in args.matchers.split(","):
        if matcher == "dense" and not embeddings_available():
            print("dense: the optional tier is not installed, skipped")
            continue
        with tempfile.TemporaryDirectory() as workdir:
            for bench in (bench_seeds, bench_ecbplus, bench_uci, bench_similar):
                try:
                    if bench in (bench_ecbplus, bench_uci):
                        bench(matcher, args.samples, rng, workdir)
                    else:
                        bench(matcher, workdir)
                except MissingData as missing:
                    print(f"{bench.__name__}: skipped, {missing}")
                print()


if __name__ == "__main__":
    main()
