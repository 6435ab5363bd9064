"""Draw candidate headline pairs for the UCI part of the same-claim gold set.

Deterministic (fixed seed, stdlib only, never claimkb's own matcher). Reads the UCI News
Aggregator headlines (CC BY 4.0) from ``uci-news/*.csv`` under ``../shared/data`` beside
the checkout, or under the ``CLAIMKB_SHARED_DATA`` env var.

Per STORY cluster, pairs of headlines from two different publishers:

- ``jaccard_high``: word-set Jaccard >= 0.45 (identical titles excluded; at most a few
  identical-title "syndicated copy" pairs are drawn separately as ``copy``);
- ``jaccard_mid``: Jaccard in [0.2, 0.45);
- ``random``: any two headlines;
- ``shared_number``: both headlines contain the same number;
- ``shared_name``: both contain the same capitalized name (a capitalized token whose
  lower-case form never occurs in lower case in the corpus).

Plus ``cross_story`` pairs: two different STORY ids of the same CATEGORY whose headlines
have high word overlap, Jaccard in [0.3, 0.75) (template / other-event negatives; the
aggregator sometimes splits one story in two, so some of these are still the same claim).

Each pair is ordered so ``a`` is the earlier TIMESTAMP. Output is unlabelled JSONL
(``same_claim`` null) in the record format of docs/gold-same-claim.md plus a ``draw``
field naming the bucket; the labels in same_claim/uci.jsonl were added by hand, one pair
at a time. Candidates that could not be judged (truncated, contentless) were dropped and
the rest renumbered, so ids there do not match candidate ids; match pairs by their refs.

    python3 benchmarks/gold/make_candidates_uci.py > /tmp/uci.candidates.jsonl
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import os
import random
import re
import sys
from pathlib import Path

SEED = 20240611
PER_STORY = {"copy": 0, "jaccard_high": 2, "jaccard_mid": 1, "random": 3,
             "shared_number": 1, "shared_name": 1}
N_COPY = 15          # identical-title pairs over the whole set (easy positives)
N_CROSS = 70         # cross-story pairs
CROSS_MIN, CROSS_MAX = 0.3, 0.75  # word overlap band for cross-story pairs (no near-copies)
MAX_PER_STORY = 20
MAX_USES = 2         # a headline appears in at most this many pairs

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("CLAIMKB_SHARED_DATA", REPO.parent / "shared" / "data"))

WORD = re.compile(r"[A-Za-z0-9$%][A-Za-z0-9$%.,'\-]*[A-Za-z0-9%]|[A-Za-z0-9]")
NUM = re.compile(r"\d")


def tokens(text: str) -> list[str]:
    return [t.strip(".,'") for t in WORD.findall(text)]


def words(text: str) -> frozenset[str]:
    return frozenset(t.lower() for t in tokens(text) if t)


def jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / len(x | y) if x or y else 0.0


def numbers(text: str) -> frozenset[str]:
    out = set()
    for t in tokens(text):
        if NUM.search(t):
            n = t.lower().replace(",", "").replace("$", "").replace("%", "")
            if n:
                out.add(n)
    return frozenset(out)


def load() -> list[dict]:
    rows = []
    for path in sorted((SHARED / "uci-news").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    out = []
    for row in rows:
        title = " ".join(row["TITLE"].split())
        if not title or not row["PUBLISHER"].strip():
            continue
        out.append({"id": int(row["ID"]), "title": title, "publisher": row["PUBLISHER"].strip(),
                    "category": row["CATEGORY"], "story": row["STORY"], "ts": int(row["TIMESTAMP"])})
    out.sort(key=lambda r: r["id"])
    return out


def side(row: dict) -> dict:
    day = dt.datetime.fromtimestamp(row["ts"] / 1000, tz=dt.timezone.utc).date().isoformat()
    return {"text": row["title"], "outlet": row["publisher"], "published": day, "ref": f"uci:{row['id']}"}


def record(x: dict, y: dict, draw_name: str) -> dict:
    a, b = sorted((x, y), key=lambda r: (r["ts"], r["id"]))
    # a cross-story pair is grouped with the story of its earlier side
    return {"source": "uci", "story": f"uci:{a['story']}",
            "a": side(a), "b": side(b), "same_claim": None, "relation": None, "category": None,
            "note": "", "draw": draw_name}


def draw() -> list[dict]:
    rng = random.Random(SEED)
    rows = load()
    lower_seen = set()
    for r in rows:
        for t in tokens(r["title"]):
            if t and t[0].islower():
                lower_seen.add(t.lower())

    def names(text: str) -> frozenset[str]:
        return frozenset(t.lower() for t in tokens(text)[1:]
                         if t[:1].isupper() and len(t) > 2 and t.lower() not in lower_seen)

    for r in rows:
        r["w"], r["n"], r["c"] = words(r["title"]), numbers(r["title"]), names(r["title"])

    by_story: dict[str, list[dict]] = {}
    for r in rows:
        by_story.setdefault(r["story"], []).append(r)

    uses: dict[int, int] = {}
    seen_pairs: set[tuple[str, str]] = set()
    out: list[dict] = []

    def ok(x: dict, y: dict, allow_same_text: bool = False) -> bool:
        if x["publisher"] == y["publisher"]:
            return False
        if uses.get(x["id"], 0) >= MAX_USES or uses.get(y["id"], 0) >= MAX_USES:
            return False
        if (x["title"].lower() == y["title"].lower()) != allow_same_text:
            return False
        key = tuple(sorted((x["title"].lower(), y["title"].lower())))
        return key not in seen_pairs

    def take(x: dict, y: dict, name: str) -> None:
        uses[x["id"]] = uses.get(x["id"], 0) + 1
        uses[y["id"]] = uses.get(y["id"], 0) + 1
        seen_pairs.add(tuple(sorted((x["title"].lower(), y["title"].lower()))))
        out.append(record(x, y, name))

    stories = sorted(by_story)
    rng.shuffle(stories)
    copies = 0
    for story in stories:
        members = by_story[story]
        pairs = list(itertools.combinations(members, 2))
        rng.shuffle(pairs)
        n_story = 0
        buckets = {
            "jaccard_high": [p for p in pairs if jaccard(p[0]["w"], p[1]["w"]) >= 0.45],
            "jaccard_mid": [p for p in pairs if 0.2 <= jaccard(p[0]["w"], p[1]["w"]) < 0.45],
            "shared_number": [p for p in pairs if p[0]["n"] & p[1]["n"]],
            "shared_name": [p for p in pairs if p[0]["c"] & p[1]["c"]],
            "random": pairs,
        }
        if copies < N_COPY:
            for x, y in pairs:
                if ok(x, y, allow_same_text=True):
                    take(x, y, "copy")
                    copies += 1
                    n_story += 1
                    break
        for name in ("jaccard_high", "jaccard_mid", "shared_number", "shared_name", "random"):
            want, got = PER_STORY[name], 0
            for x, y in buckets[name]:
                if got == want or n_story >= MAX_PER_STORY:
                    break
                if ok(x, y):
                    take(x, y, name)
                    got += 1
                    n_story += 1

    # cross-story pairs: same CATEGORY, different STORY, high word overlap
    by_cat: dict[str, list[dict]] = {}
    for r in rows:
        by_cat.setdefault(r["category"], []).append(r)
    cross = []
    for cat in sorted(by_cat):
        members = by_cat[cat]
        for x, y in itertools.combinations(members, 2):
            if x["story"] == y["story"] or x["publisher"] == y["publisher"]:
                continue
            j = jaccard(x["w"], y["w"])
            if CROSS_MIN <= j < CROSS_MAX and len(x["w"] & y["w"]) >= 3:
                cross.append((j, x["id"], y["id"], x, y))
    cross.sort(key=lambda t: (-t[0], t[1], t[2]))
    rng.shuffle(cross)  # deterministic; mix of overlap levels above the threshold
    cross.sort(key=lambda t: -round(t[0], 1))
    story_pair_count: dict[tuple[str, str], int] = {}
    n_cross = 0
    for _, _, _, x, y in cross:
        if n_cross == N_CROSS:
            break
        sp = tuple(sorted((x["story"], y["story"])))
        if story_pair_count.get(sp, 0) >= 2 or not ok(x, y):
            continue
        story_pair_count[sp] = story_pair_count.get(sp, 0) + 1
        take(x, y, "cross_story")
        n_cross += 1

    return [{"id": f"uci-{i:04d}", **rec} for i, rec in enumerate(out, 1)]


def main(argv: list[str]) -> int:
    for rec in draw():
        sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
