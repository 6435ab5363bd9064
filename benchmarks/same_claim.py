"""How well does ``compare`` tell the same claim from a different one, on pairs people
labelled? Fits the same-claim model on the dev half (``--fit``) and reports the test
half beside dev, against two baselines on the same pairs: word-overlap Jaccard and the
raw all-MiniLM-L6-v2 cosine.

The gold set is ``benchmarks/gold/same_claim/*.jsonl`` (guide: docs/gold-same-claim.md).
Its dev/test split is by story and frozen in ``benchmarks/gold/same_claim_split.json``:
written once by ``--freeze-split`` (a story's half is a hash of its id), never moved
afterwards; a story not in the file stops the run until it is added.

    python benchmarks/same_claim.py                 # figures for the installed model
    python benchmarks/same_claim.py --fit           # refit on dev, write the model, then figures
    python benchmarks/same_claim.py --freeze-split  # add new stories to the split file

Figures per tier and baseline: ROC AUC; precision and recall at the link threshold
(claimkb: the model's, chosen on dev; baselines: the lowest threshold that reaches the
same target precision on dev); expected calibration error and a reliability table by
score decile; family purity (the share of labelled pairs inside one family that are
the same claim) with families built from the links by ``claimkb.link.families``.
``--fit`` needs scikit-learn (the ``fit`` extra); the dense figures need the
``embeddings`` extra.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "benchmarks" / "gold" / "same_claim"
SPLIT_FILE = REPO / "benchmarks" / "gold" / "same_claim_split.json"
MODEL_PATH = REPO / "kb" / "match" / "same_claim_model.json"
SHARED_DATA = Path(os.environ.get("CLAIMKB_SHARED_DATA", REPO.parent / "shared" / "data"))
CACHE = REPO / "benchmarks" / "out" / "same_claim_vectors.npz"

from claimkb.link.families import group_families  # noqa: E402
from claimkb.match.compare import pair_features  # noqa: E402
from claimkb.match.embeddings import embeddings_available  # noqa: E402
from claimkb.match.features import TOKEN_RE, claim_features  # noqa: E402

# A link a fact-checker reads must almost always be right: the threshold is the
# lowest score at which dev out-of-fold precision reaches this.
TARGET_PRECISION = 0.95
FOLDS = 5  # cross-validation folds on dev, grouped by story
REGULARIZATION = (0.03, 0.1, 0.3, 1.0, 3.0)  # inverse strengths tried by cross-validation
DECILES = 10


# --- the gold set -----------------------------------------------------------

def load_gold() -> list[dict]:
    pairs = []
    for path in sorted(GOLD_DIR.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                pair = json.loads(line)
                for side in ("a", "b"):
                    if "text" not in pair[side]:
                        pair[side]["text"] = _resolve(pair[side]["ref"], f"{path.name}:{number}")
                pairs.append(pair)
    return pairs


def _resolve(ref: str, where: str) -> str:
    """The text of a side stored by reference only (GenderGapTracker: GPL text is never
    copied into the project): ggt:<article_id>:<start>:<end>."""
    source, article, start, end = ref.split(":")
    if source != "ggt":
        raise SystemExit(f"{where}: cannot resolve reference {ref!r}")
    path = SHARED_DATA / "gendergaptracker" / "articles" / f"{article}.txt"
    if not path.exists():
        raise SystemExit(f"{where}: {path} is missing (set CLAIMKB_SHARED_DATA)")
    return path.read_text(encoding="utf-8")[int(start):int(end)]


def story_half(story: str) -> str:
    return "test" if int(hashlib.sha1(story.encode()).hexdigest(), 16) % 2 else "dev"


def load_split(pairs: list[dict], freeze: bool) -> dict[str, str]:
    split = json.loads(SPLIT_FILE.read_text()) if SPLIT_FILE.exists() else {"dev": [], "test": []}
    half_of = {story: half for half in ("dev", "test") for story in split[half]}
    new = sorted({p["story"] for p in pairs} - set(half_of))
    if new and not freeze:
        raise SystemExit(f"{len(new)} stories are not in {SPLIT_FILE.name} (e.g. {new[0]}): run with --freeze-split")
    if new:
        for story in new:
            half_of[story] = story_half(story)
        SPLIT_FILE.write_text(json.dumps({
            "method": "by story: sha1(story id) odd -> test, even -> dev; frozen: stories are only ever added",
            "dev": sorted(s for s, h in half_of.items() if h == "dev"),
            "test": sorted(s for s, h in half_of.items() if h == "test"),
        }, indent=1) + "\n")
        print(f"added {len(new)} stories to {SPLIT_FILE.relative_to(REPO)}")
    return half_of


# --- scores -----------------------------------------------------------------

def jaccard(a: str, b: str) -> float:
    wa, wb = set(TOKEN_RE.findall(a.lower())), set(TOKEN_RE.findall(b.lower()))
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def sentence_vectors(pairs: list[dict]) -> dict[str, np.ndarray] | None:
    """all-MiniLM-L6-v2 vectors of every text (cached in benchmarks/out/), or None
    without the embeddings extra."""
    if not embeddings_available():
        return None
    from claimkb.match.embeddings import embed

    texts = sorted({p[s]["text"] for p in pairs for s in "ab"})
    keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
    cached = dict(np.load(CACHE)) if CACHE.exists() else {}
    missing = [t for t, k in zip(texts, keys) if k not in cached]
    if missing:
        for text, vector in zip(missing, embed(missing)):
            cached[hashlib.sha1(text.encode()).hexdigest()] = vector
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        np.savez(CACHE, **cached)
    return {t: cached[k] for t, k in zip(texts, keys)}


# --- fitting ----------------------------------------------------------------

def fit(rows: list[dict], labels: np.ndarray, groups: list[str], names: list[str]) -> tuple[dict, np.ndarray]:
    """Logistic regression on standardized features, its strength chosen by grouped
    cross-validation on dev; returns the model entry and dev out-of-fold scores."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.model_selection import GroupKFold

    x = np.array([[r[n] for n in names] for r in rows])
    folds = list(GroupKFold(n_splits=FOLDS).split(x, labels, groups))

    def out_of_fold(c: float) -> np.ndarray:
        scores = np.zeros(len(labels))
        for train, held in folds:
            mean, scale = x[train].mean(0), x[train].std(0) + 1e-9
            model = LogisticRegression(C=c, max_iter=2000).fit((x[train] - mean) / scale, labels[train])
            scores[held] = model.predict_proba((x[held] - mean) / scale)[:, 1]
        return scores

    best_c = min(REGULARIZATION, key=lambda c: log_loss(labels, out_of_fold(c)))
    oof = out_of_fold(best_c)
    mean, scale = x.mean(0), x.std(0) + 1e-9
    model = LogisticRegression(C=best_c, max_iter=2000).fit((x - mean) / scale, labels)
    entry = {
        "features": names,
        "means": [round(float(v), 6) for v in mean],
        "scales": [round(float(v), 6) for v in scale],
        "coefficients": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": round(threshold_for_precision(oof, labels), 4),
        "regularization_c": best_c,
        "fitted_on": f"{len(labels)} dev pairs ({int(labels.sum())} same claim)",
    }
    return entry, oof


def threshold_for_precision(scores: np.ndarray, labels: np.ndarray, target: float = TARGET_PRECISION) -> float:
    """The lowest threshold at which precision (pairs scoring at or above it) still
    reaches ``target``: the score of the last pair, best first, of the longest such
    prefix."""
    order = np.argsort(-scores, kind="stable")
    precision = np.cumsum(labels[order]) / np.arange(1, len(order) + 1)
    reaching = np.flatnonzero(precision >= target)
    if not len(reaching):
        return float(scores.max()) + 1e-6
    return float(scores[order[reaching[-1]]])


# --- figures ----------------------------------------------------------------

def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    from scipy.stats import rankdata

    ranks = rankdata(scores)
    positives = labels.sum()
    negatives = len(labels) - positives
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def at_threshold(scores: np.ndarray, labels: np.ndarray, threshold: float) -> tuple[float, float]:
    predicted = scores >= threshold
    true_positive = int((predicted & (labels == 1)).sum())
    precision = true_positive / predicted.sum() if predicted.sum() else float("nan")
    return precision, true_positive / labels.sum()


def reliability(scores: np.ndarray, labels: np.ndarray) -> tuple[float, list[tuple[str, int, float, float]]]:
    """Expected calibration error, and per score decile: (bin, pairs, mean score, share same)."""
    bins = np.minimum((np.clip(scores, 0, 1) * DECILES).astype(int), DECILES - 1)
    table, error = [], 0.0
    for k in range(DECILES):
        inside = bins == k
        if not inside.any():
            continue
        mean, observed = float(scores[inside].mean()), float(labels[inside].mean())
        error += inside.sum() / len(scores) * abs(mean - observed)
        table.append((f"{k / DECILES:.1f}-{(k + 1) / DECILES:.1f}", int(inside.sum()), mean, observed))
    return error, table


def family_purity(pairs: list[dict], scores: np.ndarray, threshold: float, score_of) -> tuple[float, int, int]:
    """Families built as ``claimkb link`` builds them (``group_families``) from the gold
    pairs scoring over the threshold, the claims being the distinct texts of a story
    and ``score_of(text_a, text_b)`` judging the pairs no link joins. Returns the share
    of labelled pairs inside one family that are the same claim, how many such pairs
    there are, and the largest family."""
    order = {}
    for p in pairs:
        for side in "ab":
            order.setdefault((p["story"], p[side]["text"]), (p[side].get("published") or "", len(order)))
    links = [((p["story"], p["a"]["text"]), (p["story"], p["b"]["text"]), float(s))
             for p, s in zip(pairs, scores) if s >= threshold]
    families = group_families(links, order, agrees=lambda x, y: score_of(x[1], y[1]) >= threshold)
    family_of = {member: f for f, members in families.items() for member in members}
    inside = [p["same_claim"] for p in pairs
              if family_of.get((p["story"], p["a"]["text"])) is not None
              and family_of.get((p["story"], p["a"]["text"])) == family_of.get((p["story"], p["b"]["text"]))]
    largest = max((len(m) for m in families.values()), default=0)
    return (sum(inside) / len(inside) if inside else float("nan")), len(inside), largest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fit", action="store_true", help="refit the model on dev and write it")
    parser.add_argument("--freeze-split", action="store_true", help="add stories missing from the split file")
    parser.add_argument("--reliability", action="store_true", help="print the reliability tables")
    args = parser.parse_args()

    pairs = load_gold()
    if not pairs:
        raise SystemExit(f"no gold pairs in {GOLD_DIR}")
    half_of = load_split(pairs, args.freeze_split)
    halves = np.array([half_of[p["story"]] for p in pairs])
    labels = np.array([1 if p["same_claim"] else 0 for p in pairs])
    features = {}

    def feats(text):
        if text not in features:
            features[text] = claim_features(text)
        return features[text]

    rows = [pair_features(feats(p["a"]["text"]), feats(p["b"]["text"])) for p in pairs]
    vectors = sentence_vectors(pairs)
    cosine = None
    if vectors is not None:
        cosine = np.array([float(vectors[p["a"]["text"]] @ vectors[p["b"]["text"]]) for p in pairs])
        for row, value in zip(rows, cosine):
            row["cosine"] = float(value)
    print(f"{len(pairs)} pairs ({labels.sum()} same claim) in {len(half_of)} stories; "
          f"dev {int((halves == 'dev').sum())} pairs, test {int((halves == 'test').sum())}")
    print("by source:", dict(Counter(p["source"] for p in pairs)))

    dev = halves == "dev"
    if args.fit:
        models = {}
        names = list(rows[0].keys() - {"cosine"})
        names.sort()
        dev_rows = [r for r, d in zip(rows, dev) if d]
        dev_groups = [p["story"] for p, d in zip(pairs, dev) if d]
        models["lexical"], out_of_fold = fit(dev_rows, labels[dev], dev_groups, names)
        print(f"dev out-of-fold AUC, lexical: {auc(out_of_fold, labels[dev]):.3f}")
        if vectors is not None:
            models["dense"], out_of_fold = fit(dev_rows, labels[dev], dev_groups, names + ["cosine"])
            print(f"dev out-of-fold AUC, dense: {auc(out_of_fold, labels[dev]):.3f}")
        else:
            raise SystemExit("--fit needs the embeddings extra to fit the dense tier too")
        MODEL_PATH.write_text(json.dumps({
            "about": "Same-claim model, fitted by benchmarks/same_claim.py --fit on the dev half of "
                     "benchmarks/gold/same_claim (see claimkb.match.model).",
            "models": models,
        }, indent=1) + "\n")
        from claimkb.match import model as model_module

        model_module.load_model.cache_clear()
        print(f"wrote {MODEL_PATH.relative_to(REPO)}")

    from claimkb.match.model import load_model

    # name -> (scores of the gold pairs, threshold or None, score of any two texts)
    scorers = {}
    lexical = load_model("lexical")
    scorers["claimkb lexical"] = (
        np.array([lexical.probability(r) for r in rows]), lexical.threshold,
        lambda x, y: lexical.probability(pair_features(feats(x), feats(y))),
    )
    if vectors is not None:
        dense = load_model("dense")
        scorers["claimkb dense"] = (
            np.array([dense.probability(r) for r in rows]), dense.threshold,
            lambda x, y: dense.probability({**pair_features(feats(x), feats(y)),
                                            "cosine": float(vectors[x] @ vectors[y])}),
        )
    scorers["Jaccard"] = (np.array([jaccard(p["a"]["text"], p["b"]["text"]) for p in pairs]), None, jaccard)
    if vectors is not None:
        scorers["MiniLM cosine"] = (cosine, None, lambda x, y: float(vectors[x] @ vectors[y]))

    print()
    print("| scorer | half | AUC | threshold | precision | recall | ECE | family purity (pairs, largest) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    tables = {}
    for name, (scores, threshold, score_of) in scorers.items():
        if threshold is None:  # a baseline: its threshold chosen on dev like the model's
            threshold = threshold_for_precision(scores[dev], labels[dev])
        for half in ("dev", "test"):
            inside = halves == half
            p, r = at_threshold(scores[inside], labels[inside], threshold)
            error, table = reliability(scores[inside], labels[inside])
            tables[(name, half)] = table
            half_pairs = [pp for pp, i in zip(pairs, inside) if i]
            purity, n, largest = family_purity(half_pairs, scores[inside], threshold, score_of)
            print(f"| {name} | {half} | {auc(scores[inside], labels[inside]):.3f} | {threshold:.3f} | "
                  f"{p:.3f} | {r:.3f} | {error:.3f} | {purity:.3f} ({n}, {largest}) |")
    if args.reliability:
        for (name, half), table in tables.items():
            if half != "test":
                continue
            print(f"\nreliability, {name}, test: bin | pairs | mean score | share same")
            for row in table:
                print(f"  {row[0]} | {row[1]} | {row[2]:.3f} | {row[3]:.3f}")
    print("\ntest accuracy by category at the threshold (claimkb "
          f"{'dense' if vectors is not None else 'lexical'}):")
    scores, threshold, _ = scorers["claimkb dense" if vectors is not None else "claimkb lexical"]
    by_category = defaultdict(list)
    for p, s, h in zip(pairs, scores, halves):
        if h == "test":
            by_category[p.get("category", "?")].append((s >= threshold) == p["same_claim"])
    for category, right in sorted(by_category.items()):
        print(f"  {category}: {sum(right)}/{len(right)} = {sum(right) / len(right):.2f}")


if __name__ == "__main__":
    sys.exit(main())
