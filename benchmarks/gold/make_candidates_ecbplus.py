"""Draw candidate sentence pairs for the ECB+ same-claim gold set (same_claim/ecbplus.jsonl).

Deterministic (fixed seed, stdlib only); claimkb's own code is never used to choose a
pair. Reads ``ecbplus/documents.jsonl`` and ``ecbplus/chains.jsonl`` from
``../shared/data`` beside the checkout, or from the ``CLAIMKB_SHARED_DATA`` env var.

Both sides of a pair come from different documents of one topic. Sentences under 6 words,
and sentence 0 of ``ecbplus`` documents (the source URL), are skipped. Per topic, at most
``PER_TOPIC`` pairs, drawn in this order of kinds:

- ``chain``: the two sentences hold mentions of one cross-document *event* chain (same
  event, maybe same claim). Half are the highest word-overlap such pairs, half random.
- ``overlap_same``: highest word-overlap pairs within one sub-event (same ``subcorpus``)
  that share no event chain.
- ``overlap_cross``: highest word-overlap pairs across the topic's two sub-events
  (``ecb`` vs ``ecbplus``: another event of the same kind).
- ``number``: random pairs that share a number (digits or a number word).

Word overlap is the Jaccard index of lower-cased content-word sets. Pairs whose two
sentences are identical once case and punctuation are ignored (wire copies) are easy
positives; at most ``MAX_IDENTICAL`` of them are kept per topic (the first ones drawn), so
that the set stays mostly hard. Each pair is printed once, as JSONL, with ``a`` before
``b`` in corpus order (topic, ``ecb`` before ``ecbplus``, document number, sentence). The labels in same_claim/ecbplus.jsonl were then added by hand, pair
by pair, following docs/gold-same-claim.md.

    python3 benchmarks/gold/make_candidates_ecbplus.py > /tmp/ecbplus.candidates.jsonl
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

SEED = 20240607
PER_TOPIC = 17
QUOTA = (("chain", 8), ("overlap_same", 3), ("overlap_cross", 3), ("number", 3))
MIN_WORDS = 6
MAX_IDENTICAL = 3

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("CLAIMKB_SHARED_DATA", REPO.parent / "shared" / "data"))

STOP = set("""a an the and or but if of in on at to for from by with as is are was were be been
being has have had do does did it its it's this that these those he she they them his her their
there here which who whom what when where why how not no than then so said says say will would
can could may might should shall also about into over after before up down out more most very
just we you i our your my me us s t""".split())
NUMWORDS = set("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
hundred hundreds thousand thousands million millions dozen dozens""".split())
WORD = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*")


def doc_key(doc_id: str) -> tuple:
    topic, rest = doc_id.split("_", 1)
    m = re.match(r"(\d+)(ecbplus|ecb)$", rest)
    return (int(topic), 0 if m.group(2) == "ecb" else 1, int(m.group(1)))


def content(text: str) -> frozenset:
    return frozenset(w for w in WORD.findall(text.lower()) if w not in STOP and len(w) > 1)


def numbers(text: str) -> frozenset:
    out = set()
    for w in WORD.findall(text.lower()):
        if any(c.isdigit() for c in w):
            out.add(w.replace(",", ""))
        elif w in NUMWORDS - {"one"}:
            out.add(w)
    return frozenset(out)


def normalized(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def jaccard(x: frozenset, y: frozenset) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0


def load():
    docs = [json.loads(line) for line in open(SHARED / "ecbplus" / "documents.jsonl", encoding="utf-8")]
    sents = {}  # (doc_id, n) -> dict
    by_topic = defaultdict(list)
    for d in sorted(docs, key=lambda d: doc_key(d["doc_id"])):
        for n, start, end in d["sentences"]:
            if d["subcorpus"] == "ecbplus" and n == 0:
                continue
            text = " ".join(d["text"][start:end].split())
            if len(text.split()) < MIN_WORDS:
                continue
            s = {"doc": d["doc_id"], "n": n, "topic": d["topic"], "sub": d["subcorpus"],
                 "outlet": d["outlet"], "text": text, "words": content(text), "nums": numbers(text)}
            sents[(d["doc_id"], n)] = s
            by_topic[d["topic"]].append(s)
    chains = defaultdict(set)  # (doc_id, n) -> event chain ids
    names = {}
    for line in open(SHARED / "ecbplus" / "chains.jsonl", encoding="utf-8"):
        c = json.loads(line)
        if c["type"] != "event" or c["relation"] != "cross_doc" or c["n_docs"] < 2:
            continue
        names[c["chain_id"]] = c["descriptor"]
        for doc_id, _m, n, *_ in c["mentions"]:
            chains[(doc_id, n)].add(c["chain_id"])
    return sents, by_topic, chains, names


def main() -> int:
    rng = random.Random(SEED)
    sents, by_topic, chains, names = load()
    out = []
    for topic in sorted(by_topic):
        pool = defaultdict(list)
        for s, t in combinations(by_topic[topic], 2):
            if s["doc"] == t["doc"]:
                continue
            ov = jaccard(s["words"], t["words"])
            shared = chains.get((s["doc"], s["n"]), set()) & chains.get((t["doc"], t["n"]), set())
            item = (ov, s, t, sorted(shared))
            if shared:
                pool["chain"].append(item)
            elif s["sub"] == t["sub"]:
                pool["overlap_same"].append(item)
            else:
                pool["overlap_cross"].append(item)
            if s["nums"] & t["nums"] and not shared:
                pool["number"].append(item)
        taken, seen_pairs, used_sents = [], set(), defaultdict(int)

        def take(item, kind, taken=taken, seen_pairs=seen_pairs, used_sents=used_sents):
            ov, s, t, shared = item
            key = ((s["doc"], s["n"]), (t["doc"], t["n"]))
            if key in seen_pairs or used_sents[key[0]] >= 3 or used_sents[key[1]] >= 3:
                return False
            seen_pairs.add(key)
            used_sents[key[0]] += 1
            used_sents[key[1]] += 1
            taken.append((kind, item))
            return True

        for kind, quota in QUOTA:
            items = sorted(pool[kind], key=lambda it: (-it[0], doc_key(it[1]["doc"]), it[1]["n"],
                                                       doc_key(it[2]["doc"]), it[2]["n"]))
            got = 0
            if kind == "chain":
                top = items[: max(40, quota * 4)]
                for it in top:
                    if got >= quota // 2:
                        break
                    got += take(it, kind)
                rest = items[:]
                rng.shuffle(rest)
            elif kind == "number":
                rest = items[:]
                rng.shuffle(rest)
            else:
                rest = items
            for it in rest:
                if got >= quota:
                    break
                got += take(it, kind)
        identical = 0
        for kind, (ov, s, t, shared) in taken:
            if normalized(s["text"]) == normalized(t["text"]):
                identical += 1
                if identical > MAX_IDENTICAL:
                    continue
            out.append({
                "topic": topic, "kind": kind, "overlap": round(ov, 3),
                "chains": [names[c] for c in shared],
                "a": {"doc": s["doc"], "n": s["n"], "sub": s["sub"], "outlet": s["outlet"], "text": s["text"]},
                "b": {"doc": t["doc"], "n": t["n"], "sub": t["sub"], "outlet": t["outlet"], "text": t["text"]},
            })
    for i, c in enumerate(out, 1):
        c["cid"] = i
        print(json.dumps(c, ensure_ascii=False))
    print(f"{len(out)} candidates over {len({c['topic'] for c in out})} topics", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
