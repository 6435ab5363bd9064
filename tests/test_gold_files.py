"""The hand-labelled checkable sets are well formed and split by story, so that no story
is in both halves (benchmarks/gold/README.md)."""
import hashlib
import json
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "gold"


def half_of(story: str) -> str:
    return "dev" if int(hashlib.sha1(story.encode()).hexdigest(), 16) % 2 == 0 else "test"


@pytest.mark.parametrize("name", ["checkable.jsonl", "checkable_headlines.jsonl"])
def test_checkable_gold_is_labelled_and_split_by_story(name):
    rows = [json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len({r["id"] for r in rows}) == len(rows), "ids repeat"
    assert all(isinstance(r["checkable"], bool) and r["text"].strip() for r in rows)
    wrong = [r["id"] for r in rows if r["split"] != half_of(r["story"])]
    assert wrong == [], f"split not by sha1(story): {wrong[:5]}"


def test_fundus_quotes_gold_is_labelled_and_split_by_publisher():
    rows = [json.loads(line) for line in (GOLD / "fundus_quotes.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert rows and all(r["quote"].strip() and r["page"].endswith(".html.gz") for r in rows)
    assert all(r["speaker"] is None or r["speaker"].strip() for r in rows)
    split = json.loads((GOLD / "fundus_split.json").read_text(encoding="utf-8"))
    assert not set(split["dev"]) & set(split["test"]), "a publisher in both halves"
    wrong = [p for half in ("dev", "test") for p in split[half] if half_of(p) != half]
    assert wrong == [], f"split not by sha1(publisher): {wrong[:5]}"
    assert {r["publisher"] for r in rows} == set(split["dev"]) | set(split["test"])
