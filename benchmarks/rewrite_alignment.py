"""May claims be aligned by position inside a rewrite, and from which score? ECB+, dev beside test.

    PYTHONPATH=. python benchmarks/rewrite_alignment.py DIR [--copies] [--unlabelled FILE]

DIR holds the databases ``benchmarks/link_precision.py --keep DIR`` wrote. In each
half, every derivation whose relation is ``rewrites`` is aligned again from scratch at
the lowest floor (``ALIGNED_THRESHOLD``): its aligned links are set aside and the gap
pairs (``claimkb.link.alignment.gap_pairs``) are scored. Each pair is looked up in the
labelled links of ``benchmarks/gold/links_ecbplus*.jsonl`` (labelled blind to method
and score with ``docs/gold-same-claim.md``), and the precision of the pairs at or above
each floor is printed: a floor chosen on dev must hold on test before alignment runs
inside rewrites (``claimkb.link.alignment`` says what was decided).

``--copies`` does the same inside copies (``COPIES``: re-publications and
translations; ECB+ holds re-publications only), where alignment ran until it was
measured so and turned off for re-publications (``claimkb.link.alignment``).

``--unlabelled FILE`` writes the pairs no gold file labels, one JSON object a line with
the two documents and statements only (no score, no method): the input of a blind
annotation.

Needs ``../shared/data/ecbplus`` through the databases; reads nothing else.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

import sqlite_utils

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.link_precision import HALVES, doc_of, load_labels  # noqa: E402
from claimkb.link.alignment import ALIGNED_THRESHOLD, gap_pairs  # noqa: E402
from claimkb.link.linker import stored_comparer  # noqa: E402

REWRITES = ("rewrites",)  # relations of claimkb.link.derivations
COPIES = ("republishes", "translates")
FLOORS = [round(ALIGNED_THRESHOLD + step * 0.05, 2) for step in range(9)]  # 0.5 to 0.9
DERIVATIONS_SQL = "select article_id, derived_from from article_derivations where relation in (select value from json_each(?))"
MATCHER_SQL = "select matcher from runs where command = 'link' order by id desc limit 1"
CLAIM_SQL = "select a.url, c.content from claims c join articles a on a.id = c.article_id where c.id = ?"
ALIGNED_IN_PAIR_SQL = """
delete from claim_links where method like '%+aligned' and rowid in (
  select l.rowid from claim_links l join claims ca on ca.id = l.claim_a join claims cb on cb.id = l.claim_b
  where (ca.article_id = :a and cb.article_id = :b) or (ca.article_id = :b and cb.article_id = :a))
"""


def derivation_gap_pairs(db_path: Path, relations: tuple[str, ...] = REWRITES) -> list[dict]:
    """Every gap pair of every derivation of these relations at the lowest floor, with
    its score, aligned on an in-memory copy from which their aligned links are removed."""
    memory = sqlite3.connect(":memory:")
    stored = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        stored.backup(memory)
    finally:
        stored.close()
    db = sqlite_utils.Database(memory)
    # the tier the database was linked with, as its runs record it
    (matcher,) = db.execute(MATCHER_SQL).fetchone()
    comparer = stored_comparer(db, matcher)
    pairs = []
    for later, earlier in db.execute(DERIVATIONS_SQL, [json.dumps(relations)]).fetchall():
        db.execute(ALIGNED_IN_PAIR_SQL, {"a": earlier, "b": later})
        for source, copy in gap_pairs(db, earlier, later, comparer, ALIGNED_THRESHOLD):
            (url_a, text_a), (url_b, text_b) = (db.execute(CLAIM_SQL, [claim]).fetchone() for claim in (source, copy))
            pairs.append({"a": {"doc": doc_of(url_a), "text": text_a}, "b": {"doc": doc_of(url_b), "text": text_b},
                          "score": comparer(source, copy).score})
    return pairs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the --keep folder of benchmarks/link_precision.py")
    parser.add_argument("--copies", action="store_true", help="inside copies (re-publications, translations)")
    parser.add_argument("--unlabelled", type=Path, help="write the pairs no gold file labels here (blind)")
    args = parser.parse_args(argv)
    unlabelled = []
    print(f"{'floor':>6}" + "".join(f"{half + ': precision (right/labelled), pairs':>42}" for half in HALVES))
    tables = {}
    for half in HALVES:
        db_path = args.folder / f"ecbplus-{half}.db"
        if not db_path.exists():
            print(f"{db_path}: missing; run benchmarks/link_precision.py --keep {args.folder} first", file=sys.stderr)
            return 1
        gold = load_labels(half)
        pairs = derivation_gap_pairs(db_path, COPIES if args.copies else REWRITES)
        for pair in pairs:
            pair["label"] = gold.get(frozenset({(pair["a"]["doc"], pair["a"]["text"]),
                                                (pair["b"]["doc"], pair["b"]["text"])}))
            if pair["label"] is None:
                unlabelled.append({"half": half, "a": pair["a"], "b": pair["b"]})
        tables[half] = pairs
    for floor in FLOORS:
        cells = []
        for half in HALVES:
            kept = [pair for pair in tables[half] if pair["score"] >= floor]
            labelled = [pair["label"] for pair in kept if pair["label"] is not None]
            right = sum(labelled)
            precision = f"{right / len(labelled):.3f} ({right}/{len(labelled)})" if labelled else "-"
            cells.append(f"{precision}, {len(kept)}")
        print(f"{floor:>6.2f}" + "".join(f"{cell:>42}" for cell in cells))
    if args.unlabelled:
        args.unlabelled.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in unlabelled),
                                   encoding="utf-8")
        print(f"{len(unlabelled)} unlabelled pairs written to {args.unlabelled}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
