"""The hand-labelled sets are well formed and split by story or outlet, so that none is in
both halves (benchmarks/gold/README.md)."""
import hashlib
import json
import re
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


def test_checkable_aeb_gold_holds_offsets_not_text_and_is_split_by_host():
    rows = [json.loads(line) for line in (GOLD / "checkable_aeb.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert len({r["id"] for r in rows}) == len(rows), "ids repeat"
    # the pages are the publishers' text: the gold keeps offsets into them, never words
    assert all("text" not in r and 0 <= r["start"] < r["end"] and isinstance(r["checkable"], bool) for r in rows)
    split = json.loads((GOLD / "aeb_split.json").read_text(encoding="utf-8"))
    half_of_host = {host: half for half in ("dev", "test") for host in split[half]}
    wrong = [r["id"] for r in rows if half_of_host.get(r["host"]) != r["split"]]
    assert wrong == [], f"split not as aeb_split.json: {wrong[:5]}"


@pytest.mark.parametrize("name, outlet_field, page_pattern", [
    ("fundus", "publisher", r"[a-z]{2,3}/\w+\.html\.gz"),
    ("aeb", "host", r"[0-9a-f]{64}"),
])
def test_page_quotes_gold_is_labelled_and_split_by_outlet(name, outlet_field, page_pattern):
    rows = [json.loads(line) for line in (GOLD / f"{name}_quotes.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert rows and all(r["quote"].strip() and re.fullmatch(page_pattern, r["page"]) for r in rows)
    assert all(r["speaker"] is None or r["speaker"].strip() for r in rows)
    assert all(r["kind"] in ("person", "organization", "group", None) for r in rows)
    split = json.loads((GOLD / f"{name}_split.json").read_text(encoding="utf-8"))
    assert not set(split["dev"]) & set(split["test"]), "an outlet in both halves"
    wrong = [o for half in ("dev", "test") for o in split[half] if half_of(o) != half]
    assert wrong == [], f"split not by sha1(outlet): {wrong[:5]}"
    # the split also holds outlets of other sets drawn from the same pages (checkable_aeb.jsonl)
    assert {r[outlet_field] for r in rows} <= set(split["dev"]) | set(split["test"])
    skipped = json.loads((GOLD / f"{name}_quotes_skipped.json").read_text(encoding="utf-8"))
    assert not {r["page"] for r in rows} & {page for pages in skipped.values() for page in pages}, \
        "a page both labelled and skipped"


def test_links_aeb_gold_names_statements_by_page_and_hash_only():
    rows = [json.loads(line) for line in (GOLD / "links_aeb.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert len({r["id"] for r in rows}) == len(rows), "ids repeat"
    for r in rows:
        for side in (r["a"], r["b"]):
            # the publishers' words are not copied here: a page id and a sha1 of the words
            assert set(side) == {"page", "sha1"} and re.fullmatch(r"[0-9a-f]{64}", side["page"])
            assert re.fullmatch(r"[0-9a-f]{40}", side["sha1"])
        assert isinstance(r["same_claim"], bool) and r["half"] in ("dev", "test")


@pytest.mark.parametrize("name, label", [("links_uci.jsonl", "same_claim"), ("links_uci_negations.jsonl", "flipped")])
def test_links_uci_gold_is_labelled_and_every_link_joins_two_outlets(name, label):
    rows = [json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len({r["id"] for r in rows}) == len(rows), "ids repeat"
    for r in rows:
        assert isinstance(r[label], bool) and r["half"] in ("dev", "test")
        assert r["a"]["url"] != r["b"]["url"] and r["a"]["outlet"] != r["b"]["outlet"]  # a link joins two outlets
        assert r["a"]["text"].strip() and r["b"]["text"].strip()
    halves = {half: [r for r in rows if r["half"] == half] for half in ("dev", "test")}
    # no statement pair in both halves: the halves are disjoint sets of stories
    assert not {(r["a"]["url"], r["b"]["url"]) for r in halves["dev"]} & {(r["a"]["url"], r["b"]["url"])
                                                                          for r in halves["test"]}
