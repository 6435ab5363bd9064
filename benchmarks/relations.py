"""Does ``compare`` say rightly how a copy differs? The relation of pairs people
labelled, dev beside test.

    .venv/bin/python benchmarks/relations.py [--errors dev|test]

A link's relation is what a fact-checker reads first: "negation_flipped" says one
outlet turned the claim around. Two labelled sets, both split by story
(``benchmarks/gold/same_claim_split.json``):

- **same-claim pairs**: the pairs of ``benchmarks/gold/same_claim/`` labelled the same
  claim, each with the relation its labeller named (``docs/gold-same-claim.md``).
  ``compare_texts`` types every one of them as ``claimkb compare`` does, each text
  parsed as ingest parses a claim (threshold 0: the relation, not the link decision, is
  under test). Printed per relation: how often claimkb says it, how often
  it is then the labelled one (precision) and how many labelled ones it finds
  (recall). The set's conventions are followed: a changed date is labelled
  ``number_changed`` there, and a word of direction put for its opposite ("rose" /
  "fell") may be labelled ``negation_flipped``; so claimkb's ``date_changed`` counts as
  ``number_changed``, and the two reversals, ``negation_flipped`` and
  ``direction_flipped``, are scored together as **turned around**.
- **headline links typed negation_flipped**: ``benchmarks/gold/links_uci_negations.jsonl``,
  every pair of UCI headlines that ``benchmarks/link_headlines.py`` linked with the
  relation ``negation_flipped`` in runs at two commits (see ``benchmarks/gold/README.md``),
  each labelled blind "does one side deny what the other asserts" with
  ``docs/gold-negations.md``. These are the flips a feed of headlines really gets,
  which the hand-made pairs above do not sample. Printed: how many labelled pairs
  ``compare`` calls a flip now, how many of those are labelled flipped (precision), and
  how many labelled flips it still calls one (recall).

Needs no shared data but for the same-claim pairs given by reference
(GenderGapTracker), which are left out without it.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.same_claim import load_gold, load_split  # noqa: E402
from claimkb.match.compare import compare_texts  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold"
NEGATIONS_FILE = GOLD / "links_uci_negations.jsonl"
HALVES = ("dev", "test")
TURNED_AROUND = "turned around"
# claimkb's relations as the same-claim set labels them (see the module doc)
AS_LABELLED = {"date_changed": "number_changed", "negation_flipped": TURNED_AROUND,
               "direction_flipped": TURNED_AROUND}


def as_labelled(relation: str) -> str:
    return AS_LABELLED.get(relation, relation)


def relation_now(a: str, b: str) -> str:
    """The relation ``claimkb compare`` gives, each text parsed as ingest parses a claim."""
    return compare_texts(a, b, threshold=0.0).relation


def same_claim_pairs(errors_half: str | None) -> dict[str, Counter]:
    """{half: Counter of (labelled, said)} over the same-claim pairs."""
    pairs = [p for p in load_gold() if p["same_claim"]]
    half_of = load_split(pairs, False)
    tables: dict[str, Counter] = {half: Counter() for half in HALVES}
    for pair in pairs:
        half = half_of[pair["story"]]
        labelled = as_labelled(pair["relation"])
        said = as_labelled(relation_now(pair["a"]["text"], pair["b"]["text"]))
        tables[half][(labelled, said)] += 1
        if half == errors_half and labelled != said and TURNED_AROUND in (labelled, said):
            print(f"  {pair['id']}: labelled {labelled}, said {said}\n    A {pair['a']['text']}\n"
                  f"    B {pair['b']['text']}")
    return tables


def negation_links(errors_half: str | None) -> dict[str, Counter]:
    """{half: Counter of (labelled flipped, said negation_flipped)} over the headline links."""
    tables: dict[str, Counter] = {half: Counter() for half in HALVES}
    with NEGATIONS_FILE.open(encoding="utf-8") as f:
        for line in f:
            pair = json.loads(line)
            said = relation_now(pair["a"]["text"], pair["b"]["text"]) == "negation_flipped"
            tables[pair["half"]][(pair["flipped"], said)] += 1
            if pair["half"] == errors_half and said != pair["flipped"]:
                print(f"  {pair['id']}: labelled {'flipped' if pair['flipped'] else 'not flipped'}, "
                      f"said {'flipped' if said else 'not'}\n    A {pair['a']['text']}\n    B {pair['b']['text']}")
    return tables


def share(right: int, total: int) -> str:
    return f"{right / total:.3f} ({right}/{total})" if total else "-"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", choices=HALVES, help="print the reversals said or missed wrongly in this half")
    args = parser.parse_args(argv)
    if args.errors:
        print(f"same-claim pairs, {args.errors}: reversals said or missed wrongly")
    pairs = same_claim_pairs(args.errors)
    if args.errors:
        print(f"headline links, {args.errors}: flips said or missed wrongly")
    links = negation_links(args.errors)

    print(f"\nsame-claim pairs: relation of each pair labelled the same claim "
          f"(dev {sum(pairs['dev'].values())}, test {sum(pairs['test'].values())})")
    print(f"{'relation':<18}{'dev: said  precision      recall':<44}{'test: said  precision      recall'}")
    relations = sorted({r for table in pairs.values() for key in table for r in key})
    for relation in relations:
        cells = []
        for half in HALVES:
            table = pairs[half]
            said = sum(n for (_, s), n in table.items() if s == relation)
            labelled = sum(n for (g, _), n in table.items() if g == relation)
            right = table[(relation, relation)]
            cells.append(f"{said:>4}  {share(right, said):<17}{share(right, labelled):<17}")
        print(f"{relation:<18}{cells[0]:<44}{cells[1]}")
    agree = [share(sum(n for (g, s), n in pairs[h].items() if g == s), sum(pairs[h].values())) for h in HALVES]
    print(f"{'all relations':<18}{'agree ' + agree[0]:<44}{'agree ' + agree[1]}")

    print(f"\nheadline links typed negation_flipped, labelled (dev {sum(links['dev'].values())}, "
          f"test {sum(links['test'].values())})")
    for half in HALVES:
        table = links[half]
        said = table[(True, True)] + table[(False, True)]
        flips = table[(True, True)] + table[(True, False)]
        print(f"  {half}: said a flip {said:>3}  precision {share(table[(True, True)], said):<15}"
              f"recall {share(table[(True, True)], flips)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
