"""Draw the sentences of the "is this a checkable claim?" gold set (benchmarks/gold/checkable.jsonl).

Deterministic (fixed seed, stdlib only). Reads the shared third-party data from
``../shared/data`` beside the checkout, or from the ``CLAIMKB_SHARED_DATA`` env var:

- ECB+ (CC BY 3.0): ``ecbplus/documents.jsonl``; one sentence (by the corpus's own
  sentence offsets) from each of 240 documents drawn at random over all 43 topics.
- UCI News Aggregator (CC BY 4.0): ``uci-news/*.csv``; one headline from each of 60
  STORY clusters drawn at random.

It prints unlabelled candidates as JSONL (``checkable`` is null); the labels in
checkable.jsonl were then added by hand, one sentence at a time, following
docs/gold-checkable.md. ``split`` is assigned by story with a stable hash, so a story
(ECB+ topic, UCI STORY) is never in both halves.

    python3 benchmarks/gold/sample_checkable.py > /tmp/checkable.candidates.jsonl
    python3 benchmarks/gold/sample_checkable.py --check   # labelled file still matches the draw
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import sys
from pathlib import Path

SEED = 20240531
N_ECB = 240
N_UCI = 60

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("CLAIMKB_SHARED_DATA", REPO.parent / "shared" / "data"))


def split_of(story: str) -> str:
    """dev when the sha1 of the story id is even, else test."""
    return "dev" if int(hashlib.sha1(story.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


def ecb_sentences(rng: random.Random) -> list[dict]:
    docs = [json.loads(line) for line in open(SHARED / "ecbplus" / "documents.jsonl", encoding="utf-8")]
    docs.sort(key=lambda d: d["doc_id"])
    rng.shuffle(docs)
    out, seen = [], set()
    for doc in docs:
        if len(out) == N_ECB:
            break
        sents = []
        for number, start, end in doc["sentences"]:
            text = " ".join(doc["text"][start:end].split())
            if text and text not in seen:
                sents.append((number, text))
        if not sents:
            continue
        number, text = rng.choice(sents)
        seen.add(text)
        story = f"ecb:{doc['topic']}"
        out.append({"source": "ecbplus", "doc": doc["doc_id"], "sentence": number,
                    "story": story, "text": text})
    return out


def uci_headlines(rng: random.Random) -> list[dict]:
    rows = []
    for path in sorted((SHARED / "uci-news").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    by_story: dict[str, list[dict]] = {}
    for row in rows:
        by_story.setdefault(row["STORY"], []).append(row)
    stories = sorted(by_story)
    rng.shuffle(stories)
    out, seen = [], set()
    for story in stories:
        if len(out) == N_UCI:
            break
        cands = sorted(by_story[story], key=lambda r: int(r["ID"]))
        rng.shuffle(cands)
        for row in cands:
            text = " ".join(row["TITLE"].split())
            if text and text.lower() not in seen:
                seen.add(text.lower())
                out.append({"source": "uci", "doc": f"uci:{row['ID']}", "story": f"uci:{story}",
                            "text": text})
                break
    return out


def draw() -> list[dict]:
    rng = random.Random(SEED)
    items = ecb_sentences(rng) + uci_headlines(rng)
    return [{"id": f"chk-{i:03d}", **item, "checkable": None, "split": split_of(item["story"])}
            for i, item in enumerate(items, 1)]


def check() -> int:
    """Compare the hand-labelled file with a fresh draw (ids, sources, docs, stories, texts, splits)."""
    labelled = [json.loads(line) for line in open(Path(__file__).with_name("checkable.jsonl"), encoding="utf-8")]
    keys = ("id", "source", "doc", "story", "text", "split")
    fresh = draw()
    bad = [r["id"] for r, f in zip(labelled, fresh) if any(r.get(k) != f.get(k) for k in keys)]
    if len(labelled) != len(fresh) or bad or any(not isinstance(r.get("checkable"), bool) for r in labelled):
        print(f"checkable.jsonl differs from the draw: {len(labelled)} vs {len(fresh)} rows; ids {bad[:10]}",
              file=sys.stderr)
        return 1
    print(f"checkable.jsonl matches the draw ({len(fresh)} rows, all labelled)")
    return 0


def main(argv: list[str]) -> int:
    if "--check" in argv:
        return check()
    for rec in draw():
        sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
