"""Are the links that `claimkb ingest` writes right, on whole news documents? ECB+, dev beside test.

    PYTHONPATH=. python benchmarks/link_precision.py [--matcher auto|lexical|dense] [--keep DIR]

The same-claim gold set (``benchmarks/same_claim.py``) judges the score on pairs of
sentences; this judges what a user gets: the ECB+ documents of each half's topics (the
frozen split of ``benchmarks/gold/same_claim_split.json``), every document its own
outlet, ingested and linked as ``claimkb ingest`` does. Two figures per half:

- **links across two events**, for every link and without labels: ECB+ pairs each
  topic's event with a second event of the same kind (its ``ecb`` and ``ecbplus``
  documents: two Internet Explorer patches, two earthquakes), so a link between
  documents of two events, or of two topics, mostly joins statements about different
  events ("Microsoft releases emergency patch for IE", of 2008 and of 2012). Not always:
  a background fact that reports of both events repeat ("Microsoft usually patches on
  the second Tuesday of the month") is one claim, so this is a bound, not a count;
- **precision on labelled links**: the links of ``benchmarks/gold/links_ecbplus*.jsonl``
  (a sample of the links an earlier run wrote, and the pairs that alignment inside
  rewrites makes, ``benchmarks/rewrite_alignment.py``; labelled by hand with the
  same-claim guide, ``docs/gold-same-claim.md``, blind to method and score) that this
  run wrote again, right or wrong, by
  method: the pair's score alone (``dense``, ``lexical``) or aligned inside a
  derivation (``+aligned``). Links this run wrote that the sample does not hold are
  counted as unlabelled, so the coverage shows how far the sample still speaks for the
  run.

Needs ``../shared/data/ecbplus`` (or ``CLAIMKB_SHARED_DATA``); ECB+ is CC BY 3.0 and is
read from there, never copied, but for the labelled statements in the gold file.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import MissingData, shared_folder  # noqa: E402
from claimkb.api import KnowledgeBase  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SPLIT_FILE = REPO / "benchmarks" / "gold" / "same_claim_split.json"
GOLD_FOLDER = REPO / "benchmarks" / "gold"
# the labelled links: a sample of a run's links, and the pairs aligned inside rewrites
GOLD_FILES = "links_ecbplus*.jsonl"
HALVES = ("dev", "test")
DOC_URL = "https://ecbplus.example/{}"  # a document's own address: its outlet is its id
EVENT_OF_DOC = re.compile(r"^(\d+)_\d+(ecbplus|ecb)$")  # topic and which of its two events

LINKS_SQL = """
select l.method, aa.url, ab.url, ca.content, cb.content
from claim_links l
join claims ca on ca.id = l.claim_a join claims cb on cb.id = l.claim_b
join articles aa on aa.id = ca.article_id join articles ab on ab.id = cb.article_id
"""


def doc_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


def event_of(doc_id: str) -> tuple[str, str]:
    match = EVENT_OF_DOC.match(doc_id)
    if match is None:
        raise SystemExit(f"unexpected ECB+ document id {doc_id!r}")
    return match.group(1), match.group(2)


def write_half(folder: Path, half: str, out: Path) -> int:
    """The ECB+ documents of ``half``'s topics as a JSON Lines file; returns their count."""
    stories = set(json.loads(SPLIT_FILE.read_text(encoding="utf-8"))[half])
    written = 0
    with open(folder / "documents.jsonl", encoding="utf-8") as documents, out.open("w", encoding="utf-8") as records:
        for line in documents:
            doc = json.loads(line)
            if f"ecb:{doc['topic']}" not in stories:
                continue
            record = {"url": DOC_URL.format(doc["doc_id"]), "outlet": f"doc {doc['doc_id']}",
                      "title": doc["title"], "text": doc["text"]}
            records.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written


def load_labels(half: str) -> dict[frozenset, bool]:
    """(doc, statement) on each side -> same claim, for the labelled links of ``half``
    in every ECB+ link gold file (``GOLD_FILES``)."""
    labels: dict[frozenset, bool] = {}
    for path in sorted(GOLD_FOLDER.glob(GOLD_FILES)):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                item = json.loads(line)
                if item["half"] == half:
                    key = frozenset({(item["a"]["doc"], item["a"]["text"]), (item["b"]["doc"], item["b"]["text"])})
                    labels[key] = item["same_claim"]
    return labels


# Quotation marks a claim may open or close with.
QUOTE_MARKS = "\"'“”‘’«»„"


def stored_forms(content: str) -> list[str]:
    """The words a labelled statement may be named by: as the claim holds them, and
    without the quotation marks at their ends, which a claim opening or closing with a
    quoted title lost before 2026-12-06, when most labels were drawn ("Cosmos' returns")."""
    return list(dict.fromkeys(
        [content, content.lstrip(QUOTE_MARKS), content.rstrip(QUOTE_MARKS), content.strip(QUOTE_MARKS)]))


def find_label(labels: dict[frozenset, bool], a: tuple[str, str], b: tuple[str, str], key=lambda place, words: (place, words)):
    """The label of the link between statements ``a`` and ``b`` ((place, words) each),
    under any of their ``stored_forms``; ``key`` names a statement as the labels do."""
    for words_a in stored_forms(a[1]):
        for words_b in stored_forms(b[1]):
            label = labels.get(frozenset({key(a[0], words_a), key(b[0], words_b)}))
            if label is not None:
                return label
    return None


def score_half(db_path: Path, half: str) -> dict:
    labels = load_labels(half)
    with KnowledgeBase(db_path, read_only=True) as kb:
        rows = kb.db.execute(LINKS_SQL).fetchall()
    counts: Counter = Counter()
    for method, url_a, url_b, content_a, content_b in rows:
        tier = "aligned" if method.endswith("+aligned") else "pair score"
        doc_a, doc_b = doc_of(url_a), doc_of(url_b)
        counts[tier, "links"] += 1
        counts[tier, "across events"] += event_of(doc_a) != event_of(doc_b)
        label = find_label(labels, (doc_a, content_a), (doc_b, content_b))
        if label is not None:
            counts[tier, "labelled"] += 1
            counts[tier, "right"] += label
    return {"counts": counts, "gold": len(labels)}


TIERS = ("pair score", "aligned")


def tally(counts: Counter, tier: str, what: str) -> int:
    return sum(counts[t, what] for t in TIERS) if tier == "all" else counts[tier, what]


def report(results: dict[str, dict]) -> None:
    halves = list(results)
    print(f"{'':34}" + "".join(f"{half:>22}" for half in halves))
    for tier in (*TIERS, "all"):
        print(f"{tier} links")
        rows = {"  links": [], "  across two events": [], "  precision, labelled links": []}
        for half in halves:
            counts = results[half]["counts"]
            links, across = tally(counts, tier, "links"), tally(counts, tier, "across events")
            labelled, right = tally(counts, tier, "labelled"), tally(counts, tier, "right")
            rows["  links"].append(str(links))
            rows["  across two events"].append(f"{across} ({across / max(1, links):.1%})")
            rows["  precision, labelled links"].append(f"{right / labelled:.3f} ({right}/{labelled})" if labelled else "-")
        for name, cells in rows.items():
            print(f"{name:34}" + "".join(f"{cell:>22}" for cell in cells))


def ingest_anew(records: Path, db_path: Path, matcher: str, what: str) -> None:
    """Ingest and link ``records`` into a new database at ``db_path``, as ``claimkb
    ingest`` does, and say on stderr what it stored and how long it took."""
    db_path.unlink(missing_ok=True)
    started = time.perf_counter()
    with KnowledgeBase(db_path) as kb:
        result = kb.ingest([records], matcher=matcher)
    print(f"{what}, {result.stats.claims} claims, {result.linked.links if result.linked else 0} links "
          f"({result.linked.matcher if result.linked else '-'}) in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matcher", default="auto", choices=("auto", "lexical", "dense"))
    parser.add_argument("--keep", type=Path, help="write the databases here and keep them")
    args = parser.parse_args(argv)
    try:
        folder = shared_folder("ecbplus")
    except MissingData as missing:
        print(missing, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.keep or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        results = {}
        for half in HALVES:
            records, db_path = workdir / f"ecbplus-{half}.jsonl", workdir / f"ecbplus-{half}.db"
            documents = write_half(folder, half, records)
            ingest_anew(records, db_path, args.matcher, f"{half}: {documents} documents")
            results[half] = score_half(db_path, half)
    report(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
