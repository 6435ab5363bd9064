"""Draw the links of `links_ecbplus.jsonl` for labelling: a sample of what claimkb wrote.

    PYTHONPATH=. python benchmarks/link_precision.py --keep DIR
    python benchmarks/gold/sample_links_ecbplus.py DIR > to_label.jsonl

Unlike the other gold sets, this one is drawn from claimkb's own output on purpose: it
measures the precision of the links a run writes (how often a link a user reads is
right), not the recall of a matcher. From each half's database (``ecbplus-dev.db``,
``ecbplus-test.db`` in DIR) it draws, with a fixed seed, 80 links the linker aligned
inside a derivation and 40 links of the pair score alone, and writes them in a shuffled
order without their method or score, with the context a person needs to read them (each
document's first line and the lines before the statement). The labels were then added
by hand with the same-claim guide (``docs/gold-same-claim.md``).
"""
from __future__ import annotations

import json
import random
import sqlite3
import sys
from pathlib import Path

SEED = 20261205
ALIGNED, PAIR_SCORE = 80, 40
CONTEXT_LINES, CONTEXT_CHARS, FIRST_LINE_CHARS = 3, 400, 200
LINKS_SQL = """
select l.method, l.score, aa.url, ab.url, ca.content, cb.content, aa.text, ab.text, ca.char_start, cb.char_start
from claim_links l join claims ca on ca.id = l.claim_a join claims cb on cb.id = l.claim_b
join articles aa on aa.id = ca.article_id join articles ab on ab.id = cb.article_id
"""  # in the table's own order, as the draw was first made


def context(text: str, start: int) -> tuple[str, str]:
    return text.split("\n")[0][:FIRST_LINE_CHARS], "\n".join(text[:start].split("\n")[-CONTEXT_LINES:])[-CONTEXT_CHARS:]


def main(folder: Path) -> None:
    for half in ("dev", "test"):
        rows = sqlite3.connect(folder / f"ecbplus-{half}.db").execute(LINKS_SQL).fetchall()
        rng = random.Random(SEED)
        aligned = [row for row in rows if row[0].endswith("+aligned")]
        pair_score = [row for row in rows if not row[0].endswith("+aligned")]
        drawn = rng.sample(aligned, ALIGNED) + rng.sample(pair_score, PAIR_SCORE)
        rng.shuffle(drawn)
        for n, (method, _, url_a, url_b, a, b, text_a, text_b, start_a, start_b) in enumerate(drawn):
            first_a, before_a = context(text_a, start_a)
            first_b, before_b = context(text_b, start_b)
            print(json.dumps({"id": f"{half}-{n:03d}", "half": half,
                              "doc_a": url_a.rsplit("/", 1)[1], "doc_b": url_b.rsplit("/", 1)[1], "a": a, "b": b,
                              "first_line_a": first_a, "before_a": before_a,
                              "first_line_b": first_b, "before_b": before_b,
                              "drawn_from": "aligned" if method.endswith("+aligned") else "pair score"},
                             ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]))
