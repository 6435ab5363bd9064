"""Freeze a dev/test split of the GenderGapTracker gold quotes by article (benchmarks/gold/ggt_split.json).

An article goes to dev when the sha1 of its article_id is even, else to test, so the
split never changes as long as the ids do not. Only article ids are written: the
GenderGapTracker texts are GPL-3.0 and are never copied into this repository.

Reads ``gendergaptracker/articles.jsonl`` and ``quotes.jsonl`` from ``../shared/data``
beside the checkout, or from the ``CLAIMKB_SHARED_DATA`` env var.

    python3 benchmarks/gold/make_ggt_split.py          # write ggt_split.json, print counts
    python3 benchmarks/gold/make_ggt_split.py --check  # fail if the file is out of date
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = Path(os.environ.get("CLAIMKB_SHARED_DATA", REPO.parent / "shared" / "data"))
OUT = HERE / "ggt_split.json"
METHOD = ("by article: dev if int(sha1(article_id utf-8).hexdigest(), 16) is even, else test; "
          "all gold quotes of an article follow it")


def split_of(article_id: str) -> str:
    return "dev" if int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


def main(argv: list[str]) -> int:
    folder = SHARED / "gendergaptracker"
    articles = [json.loads(line) for line in open(folder / "articles.jsonl", encoding="utf-8")]
    quotes = [json.loads(line) for line in open(folder / "quotes.jsonl", encoding="utf-8")]
    ids = sorted({a["article_id"] for a in articles})
    halves = {"dev": [], "test": []}
    for aid in ids:
        halves[split_of(aid)].append(aid)
    doc = {"method": METHOD, "source": "gendergaptracker (articles.jsonl, quotes.jsonl)",
           "dev": halves["dev"], "test": halves["test"]}
    text = json.dumps(doc, indent=1) + "\n"

    side = {aid: s for s, lst in halves.items() for aid in lst}
    n_quotes = Counter(side[q["article_id"]] for q in quotes)
    n_located = Counter(side[q["article_id"]] for q in quotes if q.get("start") is not None)
    outlets = {s: Counter(a["outlet"] for a in articles if side[a["article_id"]] == s) for s in halves}
    for s in ("dev", "test"):
        print(f"{s}: {len(halves[s])} articles, {n_quotes[s]} gold quotes ({n_located[s]} located); "
              f"outlets {dict(sorted(outlets[s].items()))}")

    if "--check" in argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
