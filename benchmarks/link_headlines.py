"""What `claimkb ingest` links among headlines of many outlets: UCI News Aggregator, dev beside test.

    PYTHONPATH=. python benchmarks/link_headlines.py [--matcher auto|lexical|dense] [--keep DIR]

The 6,366 headlines of ``../shared/data/uci-news`` (87 stories from about 1,900
publishers, March 2014) are split by story as ``benchmarks/gold/same_claim_split.json``
freezes them. Each half is ingested and linked as ``claimkb ingest`` does: every
headline a one-sentence record of its publisher, with its publication time. Printed
per half, without labels:

- **headlines** and the share that gave at least one claim (a question, a "Watch ..."
  or a list title gives none, as it should);
- **links**, and how many join two stories: the aggregator files each headline under
  one story, so a link across two is mostly a wrong one (not always: it sometimes
  files one story twice);
- **precision on labelled links**: the links of ``benchmarks/gold/links_uci.jsonl`` (80
  a half drawn from a run at a393a51 by ``benchmarks/gold/sample_links_uci.py``,
  labelled blind with ``docs/gold-same-claim.md``) that this run wrote again; links the
  sample does not hold are unlabelled, so the coverage shows how far it still speaks;
- **families**, the largest, and those whose members come from more than one story;
- the **relations** the links were typed with, and the differences behind the
  ``negation_flipped`` and ``number_dropped`` ones (``claimkb.match.compare``), for a
  reader to check.

The headlines are CC BY 4.0 (UCI Machine Learning Repository): read from shared/data,
never copied, but for the labelled statements in the gold file.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import MissingData, uci_headlines  # noqa: E402
from benchmarks.link_precision import find_label, ingest_anew  # noqa: E402
from claimkb.api import KnowledgeBase  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SPLIT_FILE = REPO / "benchmarks" / "gold" / "same_claim_split.json"
GOLD_FILE = REPO / "benchmarks" / "gold" / "links_uci.jsonl"
HALVES = ("dev", "test")

LINKS_SQL = """
select l.relation, l.evidence, aa.url, ab.url, ca.content, cb.content from claim_links l
join claims ca on ca.id = l.claim_a join claims cb on cb.id = l.claim_b
join articles aa on aa.id = ca.article_id join articles ab on ab.id = cb.article_id
"""
FAMILY_URLS_SQL = """
select c.family_id, a.url from claims c join articles a on a.id = c.article_id
where c.family_id is not null
"""
WITH_CLAIMS_SQL = "select count(distinct article_id) from claims"


def write_half(half: str, out: Path) -> dict[str, str]:
    """The headlines of ``half``'s stories as a JSON Lines file; returns their story by URL."""
    split = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    stories = {entry.removeprefix("uci:") for entry in split[half] if entry.startswith("uci:")}
    known = {entry.removeprefix("uci:") for h in HALVES for entry in split[h] if entry.startswith("uci:")}
    story_of = {}
    with out.open("w", encoding="utf-8") as records:
        for headline in uci_headlines():
            if headline.story not in known:
                raise SystemExit(f"story {headline.story} is not in {SPLIT_FILE.name}: run same_claim.py --freeze-split")
            if headline.story not in stories or headline.url in story_of:
                continue
            story_of[headline.url] = headline.story
            records.write(json.dumps({"url": headline.url, "outlet": headline.publisher, "title": headline.title,
                                      "text": headline.title, "published": headline.published}) + "\n")
    return story_of


def load_labels(half: str) -> dict[frozenset, bool]:
    """(url, statement) on each side -> same claim, for the labelled links of ``half``."""
    with GOLD_FILE.open(encoding="utf-8") as lines:
        items = [json.loads(line) for line in lines if line.strip()]
    return {frozenset({(item["a"]["url"], item["a"]["text"]), (item["b"]["url"], item["b"]["text"])}):
            item["same_claim"] for item in items if item["half"] == half}


def score_half(db_path: Path, story_of: dict[str, str], labels: dict[frozenset, bool]) -> dict:
    counts: Counter = Counter()
    relations: Counter = Counter()
    evidence: Counter = Counter()  # (difference kind, words) of the flips and drops
    with KnowledgeBase(db_path, read_only=True) as kb:
        counts["with claims"] = kb.db.execute(WITH_CLAIMS_SQL).fetchone()[0]
        for relation, differences, url_a, url_b, content_a, content_b in kb.db.execute(LINKS_SQL):
            counts["links"] += 1
            counts["across stories"] += story_of[url_a] != story_of[url_b]
            label = find_label(labels, (url_a, content_a), (url_b, content_b))
            if label is not None:
                counts["labelled"] += 1
                counts["right"] += label
            relations[relation] += 1
            for difference in json.loads(differences or "[]"):
                if difference["kind"] in ("negation", "number_dropped"):
                    evidence[difference["kind"], difference.get("a") or difference.get("b")] += 1
        families: dict[str, set[str]] = {}
        members: Counter = Counter()
        for family, url in kb.db.execute(FAMILY_URLS_SQL):
            families.setdefault(family, set()).add(story_of[url])
            members[family] += 1
    counts["gold"] = len(labels)
    counts["families"] = len(families)
    counts["largest family"] = max(members.values(), default=0)
    counts["families across stories"] = sum(len(stories) > 1 for stories in families.values())
    return {"counts": counts, "relations": relations, "evidence": evidence}


def report(results: dict[str, dict], headlines: dict[str, int]) -> None:
    print(f"{'':34}" + "".join(f"{half:>22}" for half in results))
    rows: dict[str, list[str]] = {"headlines": [], "  giving a claim": [], "links": [], "  across two stories": [],
                                  "  precision, labelled links": [], "  labelled links written again": [],
                                  "families": [], "  largest": [], "  across two stories ": []}
    for half, result in results.items():
        counts = result["counts"]
        rows["headlines"].append(str(headlines[half]))
        rows["  giving a claim"].append(f"{counts['with claims'] / headlines[half]:.3f}")
        rows["links"].append(str(counts["links"]))
        rows["  across two stories"].append(f"{counts['across stories']} ({counts['across stories'] / max(1, counts['links']):.1%})")
        labelled, right = counts["labelled"], counts["right"]
        rows["  precision, labelled links"].append(f"{right / labelled:.3f} ({right}/{labelled})" if labelled else "-")
        rows["  labelled links written again"].append(f"{labelled} of {counts['gold']}")
        rows["families"].append(str(counts["families"]))
        rows["  largest"].append(str(counts["largest family"]))
        rows["  across two stories "].append(str(counts["families across stories"]))
    for name, cells in rows.items():
        print(f"{name:34}" + "".join(f"{cell:>22}" for cell in cells))
    print("relations")
    for relation in sorted({r for result in results.values() for r in result["relations"]}):
        print(f"  {relation:32}" + "".join(f"{result['relations'][relation]:>22}" for result in results.values()))
    for half, result in results.items():
        common = ", ".join(f"{words!r} {n}" for (_, words), n in result["evidence"].most_common(8))
        print(f"{half}: the words most often behind negation_flipped and number_dropped: {common}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matcher", default="auto", choices=("auto", "lexical", "dense"))
    parser.add_argument("--keep", type=Path, help="write the databases here and keep them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.keep or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        results, headlines = {}, {}
        for half in HALVES:
            records, db_path = workdir / f"uci-{half}.jsonl", workdir / f"uci-{half}.db"
            try:
                story_of = write_half(half, records)
            except MissingData as missing:
                print(missing, file=sys.stderr)
                return 1
            headlines[half] = len(story_of)
            ingest_anew(records, db_path, args.matcher, f"{half}: {len(story_of)} headlines")
            results[half] = score_half(db_path, story_of, load_labels(half))
    report(results, headlines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
