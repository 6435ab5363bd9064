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
