"""Score quote and speaker extraction against the GenderGapTracker gold quotes, dev beside test.

    python benchmarks/attribution.py [--limit N] [--errors FILE]

The articles are split by ``benchmarks/gold/ggt_split.json`` (frozen, by article):
rules are tuned on the dev half only, and ``--errors`` writes dev errors only, so
the test half stays unseen. Every figure is printed for both halves.

Definitions
- A predicted quote is a claim of kind direct_quote or indirect_quote; its span is
  ``char_start:char_end`` (content without quotation marks).
- Two spans *match* when they overlap by at least 50% of the shorter one. The gold
  splits a quote interrupted by its attribution in two, and marks both direct
  and indirect quotes; a prediction may match several gold quotes.
- Recall: gold quotes matched by some prediction. Precision: predictions that
  match some gold quote. F1 from the two.
- Speaker accuracy, over matched gold quotes: the best-overlapping prediction's
  canonical speaker equals the gold ``reference`` (case-insensitive, honorifics
  and punctuation ignored), or the last names are equal and the first names agree
  (equal, or one a prefix of the other: "Dan"/"Daniel"). A bare surname does not
  agree with a full name. Pronoun accuracy is the same over gold quotes whose
  written speaker is a pronoun.
- Speaker precision: the same count over the matched gold quotes that were given
  some speaker. A wrong name is a false attribution, which a user reads as fact; no
  name is a gap the user sees.
- By attribution: the same accuracy over matched gold quotes grouped by how the
  prediction gave its speaker: by a name or description in its own attribution
  ("said Lee", "the minister said"), by a pronoun ("she said"), or carried over from
  the quotes before it (a quote with no attribution of its own: ``speaker_mention``
  is empty). A user can see which kind a stored claim is, so these say how far to
  trust each.
- Error types: missed (no overlap at all), wrong boundary (overlaps but under
  50%), spurious (prediction overlapping no gold), wrong speaker, no speaker,
  unresolved pronoun (gold speaker a pronoun, prediction without speaker). "Gold
  speaker given another claim" counts the last three whose right speaker is one the
  article's other claims were attributed to: the most that choosing better among the
  speakers claimkb found (a trained ranker, say) could win back; the rest need a
  speaker found that was not, or a name resolved differently.

Also prints extraction time against bare ``nlp.pipe`` time on the same texts.
The data is GPL-3.0 news text: it is read from shared/data and never copied.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimkb.ingest.extract import extract_claims  # noqa: E402
from claimkb.ingest.extract.nlp import load_pipeline, parseable  # noqa: E402

SHARED_DATA = Path(os.environ.get("CLAIMKB_SHARED_DATA", REPO.parent / "shared" / "data"))
SPLIT = REPO / "benchmarks" / "gold" / "ggt_split.json"
HALVES = ("dev", "test")
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "we", "i"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "rev"}
ARTICLES = {"the", "a", "an"}
MATCH = 0.5


def load_gold(folder: Path, limit: int | None):
    articles = {}
    for line in (folder / "articles.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        articles[row["article_id"]] = (folder / "articles" / f"{row['article_id']}.txt").read_text(encoding="utf-8")
    ids = sorted(articles)[:limit] if limit else sorted(articles)
    gold = {i: [] for i in ids}
    for line in (folder / "quotes.jsonl").open(encoding="utf-8"):
        q = json.loads(line)
        if q["article_id"] in gold and q["start"] is not None:
            gold[q["article_id"]].append(q)
    return {i: articles[i] for i in ids}, gold


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return inter / shorter if inter > 0 and shorter > 0 else 0.0


def name_words(name: str) -> list[str]:
    words = re.findall(r"[\w'’-]+", name.lower().replace("’", "'"))
    if words and words[0] in ARTICLES:  # "the commission" is "commission"
        words = words[1:]
    return [w for w in words if w not in HONORIFICS]


def same_person(predicted: str | None, reference: str) -> bool:
    if not predicted:
        return False
    p, r = name_words(predicted), name_words(reference)
    if not p or not r:
        return False
    if p == r:
        return True
    if len(p) < 2 or len(r) < 2 or p[-1] != r[-1]:
        return False
    return p[0].startswith(r[0]) or r[0].startswith(p[0])


def load_split(path: Path) -> dict[str, str]:
    """article id -> "dev" | "test"."""
    split = json.loads(path.read_text(encoding="utf-8"))
    return {article_id: half for half in HALVES for article_id in split[half]}


def score_article(gold_quotes: list[dict], extraction, counts: Counter, errors: list) -> None:
    """Add one article's matches and errors to ``counts`` and ``errors``."""
    predicted = [c for c in extraction.claims if c.kind in ("direct_quote", "indirect_quote")]
    spans = [(c.char_start, c.char_end) for c in predicted]
    matched_pred = set()
    for q in gold_quotes:
        g = (q["start"], q["end"])
        scores = [overlap(g, s) for s in spans]
        best = max(range(len(spans)), key=scores.__getitem__) if spans else None
        pronoun = q["speaker"].strip().lower() in PRONOUNS
        counts["gold"] += 1
        counts["gold_pronoun"] += pronoun
        if best is None or scores[best] == 0:
            counts["missed"] += 1
            errors.append(("missed", q["quote"], q["reference"], None))
            continue
        if scores[best] < MATCH:
            counts["wrong_boundary"] += 1
            errors.append(("wrong_boundary", q["quote"], q["reference"], predicted[best].content))
            continue
        for i, score in enumerate(scores):
            if score >= MATCH:
                matched_pred.add(i)
        counts["found"] += 1
        counts["found_pronoun"] += pronoun
        claim = predicted[best]
        name = claim.speaker.name if claim.speaker else None
        given_by = attribution_kind(claim)
        counts[f"by_{given_by}"] += 1
        if same_person(name, q["reference"]):
            counts["speaker_ok"] += 1
            counts["pronoun_ok"] += pronoun
            counts[f"by_{given_by}_ok"] += 1
        else:
            kind = ("unresolved_pronoun" if pronoun else "no_speaker") if name is None else "wrong_speaker"
            counts[kind] += 1
            # the most a better choice among the article's speakers could win back
            counts["speaker_elsewhere"] += any(same_person(s.name, q["reference"]) for s in extraction.speakers)
            errors.append((kind, q["quote"], f"{q['reference']} (as {q['speaker']!r})", f"{name} (as {claim.speaker_mention!r})"))
    for i, claim in enumerate(predicted):
        counts["predicted"] += 1
        if i in matched_pred:
            counts["predicted_ok"] += 1
        elif not any(overlap((q["start"], q["end"]), spans[i]) > 0 for q in gold_quotes):
            counts["spurious"] += 1
            errors.append(("spurious", claim.content, None, claim.kind))


def attribution_kind(claim) -> str:
    """How a predicted quote was given its speaker: "named" (a name or description in
    its own attribution), "pronoun", "carried" (no attribution of its own) or "none"."""
    if claim.speaker is None:
        return "none"
    if claim.speaker_mention is None:
        return "carried"
    return "pronoun" if claim.speaker_mention.strip().lower() in PRONOUNS else "named"


def share(ok: int, total: int) -> str:
    return f"{ok / max(total, 1):.3f} ({ok}/{total})"


def figures(counts: Counter) -> dict[str, str]:
    recall = counts["found"] / max(counts["gold"], 1)
    precision = counts["predicted_ok"] / max(counts["predicted"], 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    # found quotes given some speaker: a wrong name is a false attribution, no name is not
    attributed = counts["found"] - counts["no_speaker"] - counts["unresolved_pronoun"]
    return {
        "articles": str(counts["articles"]),
        "gold quotes": str(counts["gold"]),
        "predicted quotes": str(counts["predicted"]),
        "quote recall": f"{recall:.3f}",
        "quote precision": f"{precision:.3f}",
        "quote F1": f"{f1:.3f}",
        "speaker accuracy (found quotes)": f"{counts['speaker_ok'] / max(counts['found'], 1):.3f} ({counts['speaker_ok']}/{counts['found']})",
        "pronoun-speaker accuracy": f"{counts['pronoun_ok'] / max(counts['found_pronoun'], 1):.3f} ({counts['pronoun_ok']}/{counts['found_pronoun']})",
        "speaker precision (given a speaker)": f"{counts['speaker_ok'] / max(attributed, 1):.3f} ({counts['speaker_ok']}/{attributed})",
        **{f"  speaker given by {label}": share(counts[f"by_{kind}_ok"], counts[f"by_{kind}"])
           for kind, label in (("named", "name or role"), ("pronoun", "pronoun"), ("carried", "earlier quote"))},
        **{f"  {kind}": str(counts[kind]) for kind in ("missed", "wrong_boundary", "spurious", "wrong_speaker", "no_speaker", "unresolved_pronoun")},
        "    gold speaker given another claim": str(counts["speaker_elsewhere"]),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA / "gendergaptracker")
    parser.add_argument("--split", type=Path, default=SPLIT, help="the frozen dev/test split by article")
    parser.add_argument("--limit", type=int, help="only the first N articles (by id)")
    parser.add_argument("--errors", type=Path, help="write every dev-half error, with its text, to this file (outside the repo)")
    args = parser.parse_args(argv)
    if not (args.data / "quotes.jsonl").exists():
        print(f"{args.data} is absent: nothing to score", file=sys.stderr)
        return 0

    texts, gold = load_gold(args.data, args.limit)
    half_of = load_split(args.split)
    unsplit = sorted(set(texts) - set(half_of))
    if unsplit:
        print(f"{args.split}: {len(unsplit)} articles are in neither half (e.g. {unsplit[0]})", file=sys.stderr)
        return 1
    nlp = load_pipeline()
    ids = list(texts)

    t0 = time.perf_counter()
    docs = list(nlp.pipe(parseable(texts[i]) for i in ids))
    nlp_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    extractions = [extract_claims(doc) for doc in docs]
    extract_seconds = time.perf_counter() - t0

    counts = {half: Counter() for half in HALVES}
    dev_errors = []
    for article_id, extraction in zip(ids, extractions):
        half = half_of[article_id]
        counts[half]["articles"] += 1
        errors = []
        score_article(gold[article_id], extraction, counts[half], errors)
        if half == "dev":
            dev_errors += [(kind, article_id, *rest) for kind, *rest in errors]

    table = {half: figures(counts[half]) for half in HALVES}
    width = max(len(label) for label in table["dev"])
    print(f"{'':{width}}  {'dev':>16}  {'test':>16}")
    for label in table["dev"]:
        print(f"{label:{width}}  {table['dev'][label]:>16}  {table['test'][label]:>16}")
    print(f"time: nlp.pipe {nlp_seconds:.2f}s, extract_claims {extract_seconds:.2f}s, overhead {extract_seconds / nlp_seconds:.1%} of nlp.pipe")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as out:
            for kind, article_id, quote, expected, got in dev_errors:
                out.write(json.dumps({"error": kind, "article": article_id, "quote": quote, "expected": expected, "got": got}, ensure_ascii=False) + "\n")
        print(f"dev errors written to {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
