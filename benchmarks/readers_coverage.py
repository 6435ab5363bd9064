"""How well the readers handle real pages and feeds: coverage, titles, bodies, speed.

    PYTHONPATH=. python benchmarks/readers_coverage.py [--show-misses N] [--repeat N]

Runs ``read_inputs`` over each collection in ../shared/data (html-pages/fundus,
html-pages/readability, html-pages/article-extraction-benchmark, feeds) and prints, per
collection: inputs read, records stored, rejections grouped by reason, title accuracy
against the expected metadata, mean body-token F1 against the expected body, and inputs
per second, with the time relative to the bare parsing library on the same inputs.
The expectations come from each collection's own files, never from the
readers. ``tests/test_readers.py`` uses the same loaders for its thresholds.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("CLAIMKB_SHARED_DATA", REPO.parent / "shared" / "data"))
# Scripts written without spaces: compare them character by character.
UNSPACED_SCRIPT = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"[{UNSPACED_SCRIPT}]|[^\W{UNSPACED_SCRIPT}]+")


@dataclass
class Expected:
    """What one input should give: its source string as the reader names it, and the
    expected title and body where the collection provides them."""

    source: str
    title: str | None = None
    body: str | None = None


@dataclass
class Collection:
    name: str
    paths: list[str]
    expected: list[Expected] = field(default_factory=list)
    must_reject: list[str] = field(default_factory=list)  # inputs the collection marks invalid


def fundus(root: Path) -> Collection:
    rows = [json.loads(line) for line in (root / "index.jsonl").open(encoding="utf-8")]
    expected = []
    for row in rows:
        version = json.loads((root / row["expected_json"]).read_text(encoding="utf-8"))[row["expected_version"]]
        body = version["body"]
        texts = body.get("summary", []) + [
            text for section in body.get("sections", []) for text in section.get("headline", []) + section["paragraphs"]
        ]
        expected.append(Expected(str(root / row["html"]), row["title"], "\n\n".join(texts)))
    return Collection("fundus", [e.source for e in expected], expected)


def readability(root: Path) -> Collection:
    expected = []
    for line in (root / "index.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        # The expected article is an HTML fragment; lxml's text is independent of the readers.
        body = lxml.html.fragment_fromstring((root / row["expected_html"]).read_text(encoding="utf-8"), create_parent="div")
        expected.append(Expected(str(root / row["source"]), row["title"], body.text_content()))
    return Collection("readability", [e.source for e in expected], expected)


def article_extraction_benchmark(root: Path) -> Collection:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    expected = [Expected(str(root / "html" / f"{key}.html.gz"), None, value["articleBody"]) for key, value in sorted(truth.items())]
    return Collection("article-extraction-benchmark", [e.source for e in expected], expected)


def feeds(root: Path) -> Collection:
    """Feeds: every listed feed is read; the valid ones list their expected entries, and
    the one without an expected parse is invalid."""
    paths, expected, invalid = [], [], []
    with (root / "index.tsv").open(encoding="utf-8", newline="") as index:
        for row in csv.DictReader(index, delimiter="\t"):
            path = str(root / row["feed"])
            paths.append(path)
            if not row["expected_json"]:
                invalid.append(path)
                continue
            parsed = json.loads((root / row["expected_json"]).read_text(encoding="utf-8"))
            for number, entry in enumerate(parsed["entries"], start=1):
                content = (entry.get("content") or {}).get("body") or (entry.get("summary") or {}).get("content") or ""
                body = lxml.html.fragment_fromstring(content, create_parent="div").text_content() if content else None
                title = (entry.get("title") or {}).get("content")
                expected.append(Expected(f"{path}#entry-{number}", title, body))
    return Collection("feeds", paths, expected, must_reject=invalid)


COLLECTIONS = {
    "fundus": ("html-pages/fundus", fundus),
    "readability": ("html-pages/readability", readability),
    "article-extraction-benchmark": ("html-pages/article-extraction-benchmark", article_extraction_benchmark),
    "feeds": ("feeds", feeds),
}


def load_collection(name: str, shared_data: Path = SHARED_DATA) -> Collection | None:
    folder, loader = COLLECTIONS[name]
    root = shared_data / folder
    return loader(root) if root.is_dir() else None


def normalized_title(title: str | None) -> str:
    """Titles compared after Unicode compatibility folding (no-break and ideographic
    spaces), with invisible format characters (soft hyphen, zero-width space) dropped and
    runs of whitespace made one space."""
    folded = unicodedata.normalize("NFKC", title or "")
    return " ".join("".join(ch for ch in folded if unicodedata.category(ch) != "Cf").split())


def tokens(text: str | None) -> Counter:
    return Counter(TOKEN.findall(unicodedata.normalize("NFKC", text or "").casefold()))


def token_f1(found: str | None, expected: str | None) -> float:
    """Bag-of-tokens F1 between an extracted body and the expected one."""
    found_tokens, expected_tokens = tokens(found), tokens(expected)
    common = sum((found_tokens & expected_tokens).values())
    if not common:
        return 0.0
    precision, recall = common / sum(found_tokens.values()), common / sum(expected_tokens.values())
    return 2 * precision * recall / (precision + recall)


@dataclass
class Score:
    inputs: int
    records: int
    rejected: Counter
    titles_compared: int
    title_accuracy: float | None
    bodies_compared: int
    mean_body_f1: float | None
    seconds: float  # wall clock
    cpu_seconds: float  # this process only: steadier when the machine is shared
    misses: list[tuple[str, str | None, str | None]]  # (source, found title, expected title)


def score(collection: Collection, repeat: int = 1) -> Score:
    """Read the collection ``repeat`` times (the fastest run is timed) and score the result."""
    from claimkb.ingest.readers import read_inputs
    from claimkb.ingest.records import ArticleRecord, InputError

    seconds = cpu_seconds = float("inf")
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        items = list(read_inputs(collection.paths))
        seconds = min(seconds, time.perf_counter() - started)
        cpu_seconds = min(cpu_seconds, time.process_time() - cpu_started)
    records = {item.source: item for item in items if not isinstance(item, InputError)}
    articles = {source: r for source, r in records.items() if isinstance(r, ArticleRecord)}  # not fact-checks
    rejected = Counter(_reason_kind(item.reason) for item in items if isinstance(item, InputError))
    titled = [e for e in collection.expected if e.title]
    bodied = [e for e in collection.expected if e.body]
    title_hits, misses = 0, []
    for expected in titled:
        found = articles[expected.source].title if expected.source in articles else None
        if normalized_title(found) == normalized_title(expected.title):
            title_hits += 1
        else:
            misses.append((expected.source, found, expected.title))
    f1s = [token_f1(articles[e.source].text if e.source in articles else "", e.body) for e in bodied]
    return Score(
        inputs=len(collection.paths),
        records=len(records),
        rejected=rejected,
        titles_compared=len(titled),
        title_accuracy=title_hits / len(titled) if titled else None,
        bodies_compared=len(bodied),
        mean_body_f1=sum(f1s) / len(f1s) if f1s else None,
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        misses=misses,
    )


def baseline_cpu_seconds(collection: Collection, repeat: int = 1) -> float:
    """CPU time of the same inputs through the bare libraries (trafilatura / feedparser)
    with no reader around them, in this process: the yardstick for the readers' speed.
    The fastest of ``repeat`` runs."""
    import feedparser
    import trafilatura

    fastest = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for path in collection.paths:
            data = Path(path).read_bytes()
            if path.endswith(".gz"):
                data = gzip.decompress(data)
            if collection.name == "feeds":
                feedparser.parse(io.BytesIO(data))
            else:
                trafilatura.bare_extraction(data, with_metadata=True)
        fastest = min(fastest, time.process_time() - started)
    return fastest


def _reason_kind(reason: str) -> str:
    """Group rejections by the stable part of their reason (before any detail in parentheses or after a colon)."""
    return re.split(r"\s*[(:]", reason, maxsplit=1)[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-misses", type=int, default=0, metavar="N", help="print N title misses per collection")
    parser.add_argument(
        "--repeat", type=int, default=2, metavar="N",
        help="time the fastest of N runs, so that the first run's lazy loading (per-language stop lists) is left out",
    )
    args = parser.parse_args()
    for name in COLLECTIONS:
        collection = load_collection(name)
        if collection is None:
            print(f"{name}: absent ({SHARED_DATA / COLLECTIONS[name][0]}), skipped")
            continue
        result = score(collection, args.repeat)
        print(f"{name}:")
        print(f"  inputs read        {result.inputs}")
        print(f"  records stored     {result.records}")
        print(f"  rejected           {sum(result.rejected.values())}")
        for reason, count in result.rejected.most_common():
            print(f"    {count:4d}  {reason}")
        if result.title_accuracy is not None:
            print(f"  title accuracy     {result.title_accuracy:.3f} ({result.titles_compared} expected titles)")
        if result.mean_body_f1 is not None:
            print(f"  mean body F1       {result.mean_body_f1:.3f} ({result.bodies_compared} expected bodies)")
        baseline = baseline_cpu_seconds(collection, args.repeat)
        print(f"  inputs per second  {result.inputs / result.seconds:.1f} wall ({result.seconds:.2f} s), "
              f"{result.inputs / result.cpu_seconds:.1f} CPU ({result.cpu_seconds:.2f} s)")
        print(f"  CPU time / bare library  {result.cpu_seconds / baseline:.2f} (bare: {baseline:.2f} s)")
        for source, found, expected in result.misses[: args.show_misses]:
            print(f"    title miss {Path(*Path(source).parts[-2:])}: {found!r} != {expected!r}")


if __name__ == "__main__":
    main()
