"""Quote and speaker extraction on news pages no rule was written for: the English pages
of the fundus test set, with direct quotes and their speakers labelled blind.

    python benchmarks/fundus_quotes.py [--errors FILE] [--freeze]

The gold is ``benchmarks/gold/fundus_quotes.jsonl`` (guide: ``docs/gold-fundus-quotes.md``):
every direct quotation of each annotated page, with its speaker resolved as a careful
reader would, labelled by reading the page's text without seeing any extraction. Each
page goes through the real HTML reader and ``extract_texts``, as ``claimkb ingest``
reads it. The pages are split by publisher into a dev and a test half, frozen in
``benchmarks/gold/fundus_split.json`` (``--freeze`` adds publishers it lacks, by sha1
of the publisher, and never moves one); ``--errors`` writes dev errors only.

Definitions (the quote's text, not offsets: the reader's text is not the page's
expected body, so spans are matched by their words)
- A gold quote is found when a predicted quote (direct or indirect) shares at least
  half of the shorter one's words, in order.
- Speaker accuracy and precision as in ``benchmarks/attribution.py``, with the same
  name comparison; a gold quote with no speaker is left out of both.
- Unmatched direct quotes: predicted direct quotes of the annotated pages that share
  too few words with every gold quote (a quotation the guide excludes, such as a scare
  quote, or a quote the annotator missed).

The pages are © their publishers (fundus's test files, MIT): read from shared/data, never
copied; the gold holds only the quoted words.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.attribution import HALVES, attribution_kind, same_person, share  # noqa: E402
from claimkb.ingest.extract.workers import extract_texts  # noqa: E402
from claimkb.ingest.readers import read_inputs  # noqa: E402
from claimkb.ingest.records import ArticleRecord  # noqa: E402

SHARED_DATA = Path(os.environ.get("CLAIMKB_SHARED_DATA", REPO.parent / "shared" / "data"))
GOLD = REPO / "benchmarks" / "gold" / "fundus_quotes.jsonl"
SPLIT = REPO / "benchmarks" / "gold" / "fundus_split.json"
WORD = re.compile(r"\w+")
MATCH = 0.5  # share of the shorter quote's words, as attribution.py's span overlap


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def word_overlap(a: list[str], b: list[str]) -> float:
    """Words of the shorter list found in the other, in order, as a share of it."""
    if not a or not b:
        return 0.0
    shared = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return shared / min(len(a), len(b))


def half_by_sha1(publisher: str) -> str:
    return HALVES[int(hashlib.sha1(publisher.encode("utf-8")).hexdigest(), 16) % 2]


def load_split(publishers: set[str], freeze: bool) -> dict[str, str]:
    """publisher -> "dev" | "test", from the frozen file. ``freeze`` adds the publishers
    it lacks (by sha1) and never moves one already in it."""
    half_of: dict[str, str] = {}
    if SPLIT.is_file():
        split = json.loads(SPLIT.read_text(encoding="utf-8"))
        half_of = {publisher: half for half in HALVES for publisher in split[half]}
    unsplit = sorted(publishers - set(half_of))
    if unsplit and not freeze:
        raise SystemExit(f"{SPLIT}: {len(unsplit)} publishers are in neither half (e.g. {unsplit[0]}): "
                         "run once with --freeze to add them")
    if unsplit:
        half_of.update({publisher: half_by_sha1(publisher) for publisher in unsplit})
        SPLIT.write_text(json.dumps({half: sorted(p for p, h in half_of.items() if h == half) for half in HALVES},
                                    indent=1) + "\n", encoding="utf-8")
    return half_of


def score_page(gold_quotes: list[dict], extraction, counts: Counter, errors: list) -> None:
    """Add one page's matches and errors to ``counts`` and ``errors``."""
    predicted = [c for c in extraction.claims if c.kind in ("direct_quote", "indirect_quote")]
    predicted_words = [words(c.content) for c in predicted]
    matched = set()
    for q in gold_quotes:
        counts["gold"] += 1
        scores = [word_overlap(words(q["quote"]), w) for w in predicted_words]
        found = [i for i, score in enumerate(scores) if score >= MATCH]
        if not found:
            counts["missed"] += 1
            errors.append(("missed", q["quote"], q["speaker"], None))
            continue
        matched.update(found)
        counts["found"] += 1
        if q["speaker"] is None:
            continue
        claim = predicted[max(found, key=scores.__getitem__)]
        name = claim.speaker.name if claim.speaker else None
        kind = attribution_kind(claim)
        counts["judged"] += 1
        counts[f"by_{kind}"] += 1
        if same_person(name, q["speaker"]):
            counts["speaker_ok"] += 1
            counts[f"by_{kind}_ok"] += 1
        else:
            counts["no_speaker" if name is None else "wrong_speaker"] += 1
            errors.append(("no_speaker" if name is None else "wrong_speaker", q["quote"],
                           f"{q['speaker']} (as {q['speaker_as_written']!r})", f"{name} (as {claim.speaker_mention!r})"))
    for i, claim in enumerate(predicted):
        if claim.kind == "direct_quote" and i not in matched:
            counts["unmatched_direct"] += 1
            errors.append(("unmatched_direct", claim.content, None, claim.speaker.name if claim.speaker else None))


def figures(counts: Counter) -> dict[str, str]:
    attributed = counts["judged"] - counts["no_speaker"]
    return {
        "publishers": str(counts["publishers"]),
        "pages": str(counts["pages"]),
        "gold quotes": str(counts["gold"]),
        "quote recall": share(counts["found"], counts["gold"]),
        "unmatched direct quotes": str(counts["unmatched_direct"]),
        "speaker accuracy (found, gold speaker named)": share(counts["speaker_ok"], counts["judged"]),
        "speaker precision (given a speaker)": share(counts["speaker_ok"], attributed),
        **{f"  speaker given by {label}": share(counts[f"by_{kind}_ok"], counts[f"by_{kind}"])
           for kind, label in (("named", "name or role"), ("pronoun", "pronoun"), ("carried", "earlier quote"))},
        "  no speaker": str(counts["no_speaker"]),
    }


def read_page(path: Path) -> ArticleRecord:
    records = [r for r in read_inputs([str(path)]) if isinstance(r, ArticleRecord)]
    if len(records) != 1:
        raise SystemExit(f"{path}: the reader gave {len(records)} articles, expected one")
    return records[0]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA / "html-pages")
    parser.add_argument("--errors", type=Path, help="write every dev-half error to this file (outside the repo)")
    parser.add_argument("--freeze", action="store_true", help=f"add the publishers {SPLIT.name} lacks")
    args = parser.parse_args(argv)
    if not (args.data / "fundus" / "index.jsonl").is_file():
        print(f"{args.data / 'fundus'} is absent: nothing to score", file=sys.stderr)
        return 0

    by_page: dict[str, list[dict]] = defaultdict(list)
    publisher_of: dict[str, str] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            quote = json.loads(line)
            by_page[quote["page"]].append(quote)
            publisher_of[quote["page"]] = quote["publisher"]
    half_of = load_split(set(publisher_of.values()), args.freeze)
    pages = sorted(by_page)
    paths = [p if p.is_file() else args.data / "fundus" / page for page in pages for p in [args.data / page]]
    extractions = extract_texts([read_page(path).text for path in paths])

    counts = {half: Counter() for half in HALVES}
    dev_errors = []
    seen_publishers: dict[str, set[str]] = defaultdict(set)
    for page, extraction in zip(pages, extractions):
        half = half_of[publisher_of[page]]
        counts[half]["pages"] += 1
        seen_publishers[half].add(publisher_of[page])
        errors: list = []
        score_page(by_page[page], extraction, counts[half], errors)
        if half == "dev":
            dev_errors += [(kind, page, *rest) for kind, *rest in errors]
    for half in HALVES:
        counts[half]["publishers"] = len(seen_publishers[half])

    table = {half: figures(counts[half]) for half in HALVES}
    width = max(len(label) for label in table["dev"])
    print(f"{'':{width}}  {'dev':>16}  {'test':>16}")
    for label in table["dev"]:
        print(f"{label:{width}}  {table['dev'][label]:>16}  {table['test'][label]:>16}")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as out:
            for kind, page, quote, expected, got in dev_errors:
                out.write(json.dumps({"error": kind, "page": page, "quote": quote, "expected": expected, "got": got},
                                     ensure_ascii=False) + "\n")
        print(f"dev errors written to {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
