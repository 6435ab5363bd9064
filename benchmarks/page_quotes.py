"""Quote and speaker extraction on news pages no rule was written for: the English pages
of the fundus test set and of the Article Extraction Benchmark, with direct quotes and
their speakers labelled blind.

    python benchmarks/page_quotes.py [--set fundus|aeb] [--errors FILE] [--freeze]

Each set's gold is ``benchmarks/gold/<set>_quotes.jsonl`` (guides:
``docs/gold-fundus-quotes.md``, ``docs/gold-aeb-quotes.md``): every direct quotation of
each annotated page, with its speaker resolved as a careful reader would, labelled by
reading the page's text without seeing any extraction. Each page goes through the real
HTML reader and ``extract_texts``, as ``claimkb ingest`` reads it. The pages are split
into a dev and a test half by the outlet (fundus: publisher; AEB: host), frozen in
``benchmarks/gold/<set>_split.json`` (``--freeze`` adds outlets it lacks, by sha1 of the
outlet, and never moves one); ``--errors`` writes dev errors only.

Definitions (the quote's text, not offsets: the reader's text is not the page's
expected body, so spans are matched by their words)
- A gold quote is found when a predicted quote (direct or indirect) shares at least
  half of the shorter one's words, in order.
- Speaker accuracy and precision as in ``benchmarks/attribution.py``, with the same
  name comparison; a gold quote with no speaker is left out of both.
- Unmatched direct quotes: predicted direct quotes of the annotated pages that share
  too few words with every gold quote (a quotation the guide excludes, such as a scare
  quote, or a quote the annotator missed).

The pages are © their publishers (fundus's test files and the benchmark's pages, both
MIT): read from shared/data, never copied; the gold holds only the quoted words.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.attribution import HALVES, attribution_kind, same_person, share  # noqa: E402
from claimkb.ingest.extract.workers import extract_texts  # noqa: E402
from claimkb.ingest.readers import read_inputs  # noqa: E402
from claimkb.ingest.records import ArticleRecord, ClaimReviewRecord  # noqa: E402

SHARED_DATA = Path(os.environ.get("CLAIMKB_SHARED_DATA", REPO.parent / "shared" / "data"))
GOLD = REPO / "benchmarks" / "gold"
WORD = re.compile(r"\w+")
MATCH = 0.5  # share of the shorter quote's words, as attribution.py's span overlap


@dataclass(frozen=True)
class PageSet:
    """A labelled set of pages: its gold file, the record field naming a page's outlet
    (the unit of the split) and where a page's HTML is under shared/data/html-pages."""

    name: str
    outlet_field: str
    page_path: str  # format string over the record's ``page``

    @property
    def gold(self) -> Path:
        return GOLD / f"{self.name}_quotes.jsonl"

    @property
    def split(self) -> Path:
        return GOLD / f"{self.name}_split.json"


PAGE_SETS = {
    "fundus": PageSet("fundus", "publisher", "fundus/{page}"),
    "aeb": PageSet("aeb", "host", "article-extraction-benchmark/html/{page}.html.gz"),
}


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def word_overlap(a: list[str], b: list[str]) -> float:
    """Words of the shorter list found in the other, in order, as a share of it."""
    if not a or not b:
        return 0.0
    shared = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return shared / min(len(a), len(b))


def half_by_sha1(outlet: str) -> str:
    return HALVES[int(hashlib.sha1(outlet.encode("utf-8")).hexdigest(), 16) % 2]


def load_split(path: Path, outlets: set[str], freeze: bool) -> dict[str, str]:
    """outlet -> "dev" | "test", from the frozen file. ``freeze`` adds the outlets it
    lacks (by sha1) and never moves one already in it."""
    half_of: dict[str, str] = {}
    if path.is_file():
        split = json.loads(path.read_text(encoding="utf-8"))
        half_of = {outlet: half for half in HALVES for outlet in split[half]}
    unsplit = sorted(outlets - set(half_of))
    if unsplit and not freeze:
        raise SystemExit(f"{path}: {len(unsplit)} outlets are in neither half (e.g. {unsplit[0]}): "
                         "run once with --freeze to add them")
    if unsplit:
        half_of.update({outlet: half_by_sha1(outlet) for outlet in unsplit})
        path.write_text(json.dumps({half: sorted(o for o, h in half_of.items() if h == half) for half in HALVES},
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
        "outlets": str(counts["outlets"]),
        "pages": str(counts["pages"]),
        "  read as fact-checks, not articles": str(counts["fact_check_pages"]),
        "gold quotes": str(counts["gold"]),
        "quote recall": share(counts["found"], counts["gold"]),
        "unmatched direct quotes": str(counts["unmatched_direct"]),
        "speaker accuracy (found, gold speaker named)": share(counts["speaker_ok"], counts["judged"]),
        "speaker precision (given a speaker)": share(counts["speaker_ok"], attributed),
        **{f"  speaker given by {label}": share(counts[f"by_{kind}_ok"], counts[f"by_{kind}"])
           for kind, label in (("named", "name or role"), ("pronoun", "pronoun"), ("carried", "earlier quote"))},
        "  no speaker": str(counts["no_speaker"]),
    }


def read_page(path: Path) -> str | None:
    """The article text the reader finds in a page, or None for a fact-check page (one
    carrying ClaimReview markup, which claimkb reads as its fact-checks only)."""
    records = list(read_inputs([str(path)]))
    articles = [r for r in records if isinstance(r, ArticleRecord)]
    if not articles and records and all(isinstance(r, ClaimReviewRecord) for r in records):
        return None
    if len(articles) != 1:
        raise SystemExit(f"{path}: the reader gave {len(articles)} articles, expected one")
    return articles[0].text


def score_set(page_set: PageSet, data: Path, freeze: bool) -> tuple[dict[str, Counter], list]:
    """Counts per half and the dev half's errors, for one set."""
    by_page: dict[str, list[dict]] = defaultdict(list)
    outlet_of: dict[str, str] = {}
    for line in page_set.gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            quote = json.loads(line)
            by_page[quote["page"]].append(quote)
            outlet_of[quote["page"]] = quote[page_set.outlet_field]
    half_of = load_split(page_set.split, set(outlet_of.values()), freeze)
    pages = sorted(by_page)
    texts = [read_page(data / page_set.page_path.format(page=page)) for page in pages]
    extractions = extract_texts([text or "" for text in texts])

    counts = {half: Counter() for half in HALVES}
    dev_errors = []
    seen_outlets: dict[str, set[str]] = defaultdict(set)
    for page, text, extraction in zip(pages, texts, extractions):
        half = half_of[outlet_of[page]]
        counts[half]["pages"] += 1
        # a fact-check page gives no article, so every quote on it is missed
        counts[half]["fact_check_pages"] += text is None
        seen_outlets[half].add(outlet_of[page])
        errors: list = []
        score_page(by_page[page], extraction, counts[half], errors)
        if half == "dev":
            dev_errors += [(kind, page, *rest) for kind, *rest in errors]
    for half in HALVES:
        counts[half]["outlets"] = len(seen_outlets[half])
    return counts, dev_errors


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA / "html-pages")
    parser.add_argument("--set", choices=sorted(PAGE_SETS), action="append", dest="sets",
                        help="score only this set (repeatable; default: every set)")
    parser.add_argument("--errors", type=Path, help="write every dev-half error to this file (outside the repo)")
    parser.add_argument("--freeze", action="store_true", help="add the outlets a split file lacks")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"{args.data} is absent: nothing to score", file=sys.stderr)
        return 0

    dev_errors = []
    for name in args.sets or sorted(PAGE_SETS, reverse=True):
        counts, errors = score_set(PAGE_SETS[name], args.data, args.freeze)
        dev_errors += [(name, *error) for error in errors]
        table = {half: figures(counts[half]) for half in HALVES}
        width = max(len(label) for label in table["dev"])
        print(f"{name:{width}}  {'dev':>16}  {'test':>16}")
        for label in table["dev"]:
            print(f"{label:{width}}  {table['dev'][label]:>16}  {table['test'][label]:>16}")
        print()
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as out:
            for page_set, kind, page, quote, expected, got in dev_errors:
                out.write(json.dumps({"set": page_set, "error": kind, "page": page, "quote": quote,
                                      "expected": expected, "got": got}, ensure_ascii=False) + "\n")
        print(f"dev errors written to {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
