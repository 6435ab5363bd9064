"""Is every checkable sentence stored as a claim? Precision and recall against hand labels, dev beside test.

    .venv/bin/python benchmarks/checkable.py [--errors dev] [--no-documents]

Data, labelled by hand (see benchmarks/gold/README.md and docs/gold-checkable.md):

- ``benchmarks/gold/checkable.jsonl``: 300 sentences from ECB+ and UCI headlines,
  each ``checkable`` true or false, split dev/test by story.
- ``benchmarks/gold/one_sentence.jsonl``: 200 one-sentence checkable statements of
  the kind fact-checkers store, split dev/test.
- ``benchmarks/gold/checkable_aeb.jsonl``: 640 sentences drawn from the English pages
  of the Article Extraction Benchmark (outlets no rule was written from), labelled
  blind, split dev/test by host as ``aeb_split.json``. The gold holds each sentence's
  offsets in the benchmark's ground-truth body, not its text, which is read from
  ``../shared/data`` (without it these rows are left out).
- ``benchmarks/gold/checkable_headlines.jsonl``: the 524 UCI headlines that claimkb
  stored no claim for at commit 50533bf, labelled blind: the misses and rightful
  refusals of headline feeds. Printed: of those labelled checkable, the share that
  gives a claim now (recovered); of the others, the share that does (admitted).

Every sentence goes through the real ingest pipeline: written as its own record of a
JSON Lines file, read by claimkb's reader, extracted and stored by ``ingest_records``
in a temporary database. A sentence is *predicted checkable* when any stored claim
overlaps it (for a one-sentence record: when the record has any claim).

With ``../shared/data`` present (or ``CLAIMKB_SHARED_DATA``), each ECB+ sentence is
also scored inside its whole document, ingested the same way, by the corpus's own
sentence offsets. Tune on dev only: ``--errors`` lists the wrong predictions of one
split.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import MissingData, shared_folder  # noqa: E402
from claimkb.ingest.readers import read_inputs  # noqa: E402
from claimkb.store.db import open_db  # noqa: E402
from claimkb.store.loader import ingest_records  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold"
SPLITS = ("dev", "test")
URL = "https://gold.invalid/{}"  # one distinct url per record, so equal texts stay apart


@dataclass
class Item:
    id: str
    split: str
    text: str
    checkable: bool
    doc: str | None = None  # ECB+ doc id or AEB page id, for the in-document run
    sentence: int | None = None  # ECB+ sentence number
    span: tuple[int, int] | None = None  # AEB: offsets in the page's ground-truth body
    predicted: bool | None = None  # alone
    in_document: bool | None = None
    kinds: frozenset = frozenset()  # kinds of the claims stored for it alone


def load(name: str) -> list[dict]:
    with open(GOLD / name, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def ingest(records: list[dict], folder: Path, name: str):
    """Ingest ``records`` (JSON objects with a ``url``) as a JSON Lines file through the
    real reader and loader; returns {url: [(char_start, char_end, kind), ...]} of the stored claims."""
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    db = open_db(folder / f"{name}.db")
    errors = []
    ingest_records(db, read_inputs([str(path)]), on_error=errors.append)
    if errors:
        raise SystemExit(f"{len(errors)} records failed to ingest, first: {errors[0]}")
    spans = defaultdict(list)
    for url, start, end, kind in db.execute(
        "select a.url, c.char_start, c.char_end, c.kind from articles a left join claims c on c.article_id = a.id"
    ):
        if start is not None:
            spans[url].append((start, end, kind))
        else:
            spans.setdefault(url, [])
    return spans


def run_alone(items: list[Item], folder: Path, name: str) -> None:
    spans = ingest([{"url": URL.format(i.id), "outlet": "gold", "text": i.text} for i in items], folder, name)
    for item in items:
        item.predicted = bool(spans[URL.format(item.id)])
        item.kinds = frozenset(kind for *_, kind in spans[URL.format(item.id)])


def run_in_documents(items: list[Item], folder: Path) -> None:
    """Score each ECB+ item inside its whole document, by the corpus's sentence offsets."""
    wanted = {i.doc for i in items if i.doc}
    docs = {}
    with open(shared_folder("ecbplus") / "documents.jsonl", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if doc["doc_id"] in wanted:
                docs[doc["doc_id"]] = doc
    spans = ingest([{"url": URL.format(d), "outlet": "gold", "text": docs[d]["text"]} for d in sorted(docs)],
                   folder, "documents")
    for item in items:
        if item.doc not in docs:
            continue
        _, start, end = next(s for s in docs[item.doc]["sentences"] if s[0] == item.sentence)
        item.in_document = any(s < end and start < e for s, e, _ in spans[URL.format(item.doc)])


AEB_BODIES = ("html-pages", "article-extraction-benchmark", "ground-truth.json")


def load_aeb() -> tuple[list[Item], dict[str, str]]:
    """The AEB sentences, each with its text cut from its page's ground-truth body
    (raises MissingData without the shared data), and the bodies by page id."""
    bodies_path = shared_folder(AEB_BODIES[0]).joinpath(*AEB_BODIES[1:])
    if not bodies_path.is_file():
        raise MissingData(f"{bodies_path} is absent")
    truth = json.loads(bodies_path.read_text(encoding="utf-8"))
    items = [Item(r["id"], r["split"], truth[r["page"]]["articleBody"][r["start"]:r["end"]], r["checkable"],
                  doc=r["page"], span=(r["start"], r["end"])) for r in load("checkable_aeb.jsonl")]
    return items, {page: truth[page]["articleBody"] for page in {i.doc for i in items}}


def run_aeb_in_documents(items: list[Item], bodies: dict[str, str], folder: Path) -> None:
    """Score each AEB sentence inside its whole page body, by its offsets."""
    spans = ingest([{"url": URL.format(page), "outlet": "gold", "text": bodies[page]} for page in sorted(bodies)],
                   folder, "aeb_documents")
    for item in items:
        start, end = item.span
        item.in_document = any(s < end and start < e for s, e, _ in spans[URL.format(item.doc)])


def scores(pairs: list[tuple[bool, bool]], label: bool = True) -> str:
    """'P R F1 (n)' of predicting ``label``, over (gold, predicted) pairs."""
    tp = sum(g == label and p == label for g, p in pairs)
    predicted = sum(p == label for _, p in pairs)
    actual = sum(g == label for g, _ in pairs)
    precision = tp / predicted if predicted else 0.0
    recall = tp / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"{precision:.3f}  {recall:.3f}  {f1:.3f}  (n={len(pairs)})"


def row(title: str, cells: dict[str, str]) -> str:
    return f"{title:<44}" + "".join(f"{cells[s]:<34}" for s in SPLITS)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", choices=SPLITS, help="list the wrong predictions of this split")
    parser.add_argument("--no-documents", action="store_true", help="skip the in-document run over ECB+")
    args = parser.parse_args(argv)

    gold = [Item(r["id"], r["split"], r["text"], r["checkable"], r["doc"] if r["source"] == "ecbplus" else None,
                 r.get("sentence")) for r in load("checkable.jsonl")]
    statements = [Item(r["id"], r["split"], r["text"], True) for r in load("one_sentence.jsonl")]
    headlines = [Item(r["id"], r["split"], r["text"], r["checkable"]) for r in load("checkable_headlines.jsonl")]
    try:
        aeb, aeb_bodies = load_aeb()
    except MissingData as missing:
        print(f"(AEB sentences skipped: {missing})", file=sys.stderr)
        aeb, aeb_bodies = [], {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        run_alone(gold, folder, "checkable")
        if aeb:
            run_alone(aeb, folder, "aeb")
            if not args.no_documents:
                run_aeb_in_documents(aeb, aeb_bodies, folder)
        run_alone(statements, folder, "one_sentence")
        run_alone(headlines, folder, "headlines")
        documents = not args.no_documents
        if documents:
            try:
                run_in_documents(gold, folder)
            except MissingData as missing:
                print(f"(in-document run skipped: {missing})", file=sys.stderr)
                documents = False
    seconds = time.perf_counter() - started

    def by_split(items, attribute, label=True):
        return {s: scores([(i.checkable, getattr(i, attribute)) for i in items
                           if i.split == s and getattr(i, attribute) is not None], label) for s in SPLITS}

    print(row("", {s: s for s in SPLITS}))
    for label, title in ((True, "is a checkable claim: P  R  F1"), (False, "not checkable: P  R  F1")):
        print(row(title, {s: "" for s in SPLITS}))
        print(row("  each sentence as a one-sentence record", by_split(gold, "predicted", label)))
        if documents:
            print(row("  ECB+ sentences inside their document", by_split(gold, "in_document", label)))
        if aeb:
            print(row("  AEB sentences, each alone", by_split(aeb, "predicted", label)))
            if not args.no_documents:
                print(row("  AEB sentences inside their page", by_split(aeb, "in_document", label)))
    coverage = {}
    for s in SPLITS:
        half = [i for i in statements if i.split == s]
        covered = sum(i.predicted for i in half)
        coverage[s] = f"{covered / len(half):.3f}  ({covered}/{len(half)})"
    print(row("one-sentence statements with a claim", coverage))
    for label, title in ((True, "headlines once missed: recovered"), (False, "headlines once refused: admitted")):
        cells = {}
        for s in SPLITS:
            half = [i for i in headlines if i.split == s and i.checkable == label]
            now = sum(bool(i.predicted) for i in half)
            cells[s] = f"{now / len(half):.3f}  ({now}/{len(half)})"
        print(row(title, cells))
    # Wrong "checkable" predictions by the claims that made them: quotes are stored
    # whatever they say, so a quoted opinion counts against precision here.
    for items, title in ((gold, "not checkable but stored (alone)"), (aeb, "  the same, AEB sentences")):
        spurious = {}
        for s in SPLITS:
            wrong = [i for i in items if i.split == s and i.predicted and not i.checkable]
            quotes = sum(i.kinds <= {"direct_quote", "indirect_quote"} for i in wrong)
            spurious[s] = f"{len(wrong)}: {quotes} by quotes alone, {len(wrong) - quotes} other"
        if items:
            print(row(title, spurious))
    print(f"({seconds:.0f}s, ingest included)")

    if args.errors:
        print(f"\nwrong predictions, {args.errors}:")
        for item in gold + aeb + statements:
            if item.split != args.errors:
                continue
            for mode, predicted in (("alone", item.predicted), ("in doc", item.in_document)):
                if predicted is not None and predicted != item.checkable:
                    kind = "missed" if item.checkable else "spurious"
                    print(f"  {item.id}  {mode:<6}  {kind:<8}  {item.text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
