"""Draw the UCI headline links to label: 80 a half (stdlib, fixed seed), from the two
databases ``benchmarks/link_headlines.py --keep DIR`` leaves, with what a reader needs
(each statement, its whole headline, outlet and date) and without method, score or
relation.

    python benchmarks/gold/sample_links_uci.py DIR > task.jsonl
"""
from __future__ import annotations

import json
import random
import sqlite3
import sys
from pathlib import Path

SEED = 28
PER_HALF = 80
HALVES = ("dev", "test")
LINKS_SQL = """
select ca.content, cb.content, oa.name, ob.name, aa.published, ab.published, aa.title, ab.title, aa.url, ab.url
from claim_links l join claims ca on ca.id = l.claim_a join claims cb on cb.id = l.claim_b
join articles aa on aa.id = ca.article_id join articles ab on ab.id = cb.article_id
join outlets oa on oa.id = aa.outlet_id join outlets ob on ob.id = ab.outlet_id
order by l.claim_a, l.claim_b
"""


def main(folder: Path) -> None:
    random.seed(SEED)
    drawn = 0
    for half in HALVES:
        rows = sqlite3.connect(folder / f"uci-{half}.db").execute(LINKS_SQL).fetchall()
        for text_a, text_b, outlet_a, outlet_b, published_a, published_b, title_a, title_b, url_a, url_b in \
                random.sample(rows, PER_HALF):
            drawn += 1
            print(json.dumps({
                "id": f"uci-link-{drawn:03d}", "half": half,
                "a": {"text": text_a, "headline": title_a, "outlet": outlet_a, "published": published_a[:10], "url": url_a},
                "b": {"text": text_b, "headline": title_b, "outlet": outlet_b, "published": published_b[:10], "url": url_b},
            }, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
