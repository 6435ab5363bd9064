"""Pick the real sentences that the hand-written variants in same_claim/edited.jsonl
were made from.

Deterministic (fixed seed, stdlib only, never claimkb's own matcher). Reads the UCI News
Aggregator headlines (CC BY 4.0) from ``uci-news/*.csv`` and the ECB+ documents
(CC BY 3.0) from ``ecbplus/documents.jsonl`` under ``../shared/data`` beside the
checkout, or under the ``CLAIMKB_SHARED_DATA`` env var.

- UCI: one headline per STORY cluster, 7 to 20 words, not cut with "...".
- ECB+: per topic, one sentence from an ``ecb`` document and one from an ``ecbplus``
  document (among the corpus's fully annotated ``coref_sentences``, 8 to 45 words,
  headline/url sentence 0 excluded), preferring for the ``ecbplus`` one a sentence that
  holds a number; plus ``N_EXTRA_NUMBER`` more ECB+ sentences with a number, drawn
  across all topics (for number edits).

Only the *choice* of sentences is scripted: every variant and every label in
edited.jsonl was written by hand. Output: JSONL on stdout, one source sentence per
line with ``ref`` (``uci:<ID>`` or ``ecb:<doc_id>:<sentence number>``), ``story``
(``uci:<STORY>`` / ``ecb:<topic>``), ``outlet``, ``published`` and ``text``
(whitespace collapsed).

    python3 benchmarks/gold/pick_edit_sources.py > /tmp/edit_sources.jsonl
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20240612
N_EXTRA_NUMBER = 30
UCI_WORDS = (7, 20)
ECB_WORDS = (8, 45)

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("CLAIMKB_SHARED_DATA", REPO.parent / "shared" / "data"))
DIGIT = re.compile(r"\d")


def doc_key(doc_id: str) -> tuple:
    topic, rest = doc_id.split("_", 1)
    m = re.match(r"(\d+)(ecbplus|ecb)$", rest)
    return (int(topic), 0 if m.group(2) == "ecb" else 1, int(m.group(1)))


def uci_sources(rng: random.Random) -> list[dict]:
    by_story = defaultdict(list)
    for path in sorted((SHARED / "uci-news").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                title = " ".join(row["TITLE"].split())
                n = len(title.split())
                if not UCI_WORDS[0] <= n <= UCI_WORDS[1] or "..." in title or "\u2026" in title:
                    continue
                by_story[row["STORY"]].append(row | {"TITLE": title})
    out = []
    for story in sorted(by_story):
        rows = sorted(by_story[story], key=lambda r: int(r["ID"]))
        row = rng.choice(rows)
        day = dt.datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, dt.timezone.utc).date()
        out.append({"ref": f"uci:{row['ID']}", "story": f"uci:{story}", "outlet": row["PUBLISHER"] or None,
                    "published": day.isoformat(), "text": row["TITLE"]})
    return out


def ecb_sources(rng: random.Random) -> list[dict]:
    docs = [json.loads(line) for line in open(SHARED / "ecbplus" / "documents.jsonl", encoding="utf-8")]
    pool = defaultdict(list)  # (topic, subcorpus) -> sentences
    for d in sorted(docs, key=lambda d: doc_key(d["doc_id"])):
        coref = set(d["coref_sentences"])
        for n, start, end in d["sentences"]:
            if n == 0 or n not in coref:
                continue
            text = " ".join(d["text"][start:end].split())
            if not ECB_WORDS[0] <= len(text.split()) <= ECB_WORDS[1]:
                continue
            pool[(d["topic"], d["subcorpus"])].append(
                {"ref": f"ecb:{d['doc_id']}:{n}", "story": f"ecb:{d['topic']}", "outlet": d["outlet"],
                 "published": None, "text": text})
    out, taken = [], set()
    for topic in sorted({t for t, _ in pool}):
        for sub in ("ecb", "ecbplus"):
            cands = pool.get((topic, sub), [])
            if not cands:
                continue
            if sub == "ecbplus" and any(DIGIT.search(s["text"]) for s in cands):
                cands = [s for s in cands if DIGIT.search(s["text"])]
            pick = rng.choice(cands)
            out.append(pick)
            taken.add(pick["ref"])
    numbered = [s for key in sorted(pool) for s in pool[key]
                if s["ref"] not in taken and DIGIT.search(s["text"])]
    out.extend(rng.sample(numbered, N_EXTRA_NUMBER))
    return out


def main() -> int:
    rng = random.Random(SEED)
    for source in uci_sources(rng) + ecb_sources(rng):
        sys.stdout.write(json.dumps(source, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
