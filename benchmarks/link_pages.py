"""Are the links claimkb writes right on web pages no rule was written for? The 181 pages
of the Article Extraction Benchmark, ingested and linked together as a user would.

    PYTHONPATH=. python benchmarks/link_pages.py [--matcher auto|lexical|dense] [--keep DIR] [--freeze]

The pages (``../shared/data/html-pages/article-extraction-benchmark/``, MIT) are news,
but also blogs, reviews, shop and theatre pages, some not in English; a few outlets
report the same stories (a state's anti-drug campaign, a WeWork inquiry, a plague case).
Every link a run writes is looked up in ``benchmarks/gold/links_aeb.jsonl``: the links
that a run at commit c61ee48 wrote, each labelled by hand with the same-claim guide
(``docs/gold-same-claim.md``), blind to method, score and relation. The pages are the
publishers' text, so the gold names each statement by its page and the sha1 of its
words (``statement_key``), never by the words themselves. A link belongs to the half
(``benchmarks/gold/aeb_split.json``, by host) of its later copy's host; links a run
writes that the gold lacks are counted as unlabelled, so coverage shows how far the
labels still speak for the run. ``--freeze`` adds the hosts the split lacks.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.attribution import share  # noqa: E402
from benchmarks.corpora import MissingData, shared_folder  # noqa: E402
from benchmarks.link_precision import find_label  # noqa: E402
from benchmarks.page_quotes import PAGE_SETS, load_split  # noqa: E402
from claimkb.api import KnowledgeBase  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold" / "links_aeb.jsonl"
HALVES = ("dev", "test")
PAGES = ("html-pages", "article-extraction-benchmark")

LINKS_SQL = """
select l.relation, aa.source, ca.content, ab.source, cb.content
from claim_links l
join claims ca on ca.id = l.claim_a join claims cb on cb.id = l.claim_b
join articles aa on aa.id = ca.article_id join articles ab on ab.id = cb.article_id
"""


def statement_key(page: str, words: str) -> tuple[str, str]:
    """A statement as the gold names it: its page and the sha1 of its words."""
    return page, hashlib.sha1(words.encode("utf-8")).hexdigest()


def page_of(source: str) -> str:
    """The benchmark's page id of an ingested file: ``html/<id>.html.gz``."""
    return Path(source).name.split(".", 1)[0]


def load_labels() -> dict[frozenset, bool]:
    labels = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            key = frozenset({(item["a"]["page"], item["a"]["sha1"]), (item["b"]["page"], item["b"]["sha1"])})
            labels[key] = item["same_claim"]
    return labels


def score(db_path: Path, hosts: dict[str, str], half_of: dict[str, str]) -> dict[str, Counter]:
    labels = load_labels()
    counts = {half: Counter() for half in HALVES}
    with KnowledgeBase(db_path, read_only=True) as kb:
        rows = kb.db.execute(LINKS_SQL).fetchall()
    for relation, source_a, content_a, source_b, content_b in rows:
        page_a, page_b = page_of(source_a), page_of(source_b)
        kind = "verbatim" if relation == "verbatim" else "reworded"
        tally = counts[half_of[hosts[page_b]]]
        tally[kind, "links"] += 1
        label = find_label(labels, (page_a, content_a), (page_b, content_b), key=statement_key)
        if label is not None:
            tally[kind, "labelled"] += 1
            tally[kind, "right"] += label
    return counts


def report(counts: dict[str, Counter]) -> None:
    print(f"{'':36}" + "".join(f"{half:>20}" for half in HALVES))
    for kind, title in (("verbatim", "verbatim links"), ("reworded", "other links"), (None, "all links")):
        print(title)
        cells = {"  links": [], "  precision, labelled links": []}
        for half in HALVES:
            tally = counts[half]
            kinds = ("verbatim", "reworded") if kind is None else (kind,)
            links, labelled, right = (sum(tally[k, what] for k in kinds) for what in ("links", "labelled", "right"))
            cells["  links"].append(str(links))
            cells["  precision, labelled links"].append(share(right, labelled) if labelled else "-")
        for name, row in cells.items():
            print(f"{name:36}" + "".join(f"{cell:>20}" for cell in row))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matcher", default="auto", choices=("auto", "lexical", "dense"))
    parser.add_argument("--keep", type=Path, help="write the database here and keep it (reused when it exists)")
    parser.add_argument("--freeze", action="store_true", help="add the hosts aeb_split.json lacks")
    args = parser.parse_args(argv)
    try:
        folder = shared_folder(PAGES[0]) / PAGES[1]
    except MissingData as missing:
        print(missing, file=sys.stderr)
        return 1
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    hosts = {page: urlsplit(entry["url"]).netloc for page, entry in truth.items()}
    half_of = load_split(PAGE_SETS["aeb"].split, set(hosts.values()), args.freeze)
    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.keep or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        db_path = workdir / "aeb-pages.db"
        if not db_path.exists():
            started = time.perf_counter()
            with KnowledgeBase(db_path) as kb:
                result = kb.ingest([folder / "html"], matcher=args.matcher)
            print(f"{result.stats.articles} pages, {result.stats.claims} claims, "
                  f"{result.linked.links if result.linked else 0} links "
                  f"({result.linked.matcher if result.linked else '-'}) in {time.perf_counter() - started:.0f} s",
                  file=sys.stderr)
        report(score(db_path, hosts, half_of))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
