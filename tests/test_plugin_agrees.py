"""The Datasette family page and `claimkb compare` tell a user the same thing about
the same pair: which figures changed (and how), and which words.

Each pair below is an earlier statement and a later copy, written for this test;
each pair is stored as a family of two, the earlier one canonical."""
from __future__ import annotations

import asyncio
import html
import json
import re

import pytest
from click.testing import CliRunner
from datasette.app import Datasette

from claimkb.cli import cli
from claimkb.ingest.records import ArticleRecord, Claim, Extraction
from claimkb.store.articles import store_article
from claimkb.store.db import open_db
from claimkb.store.ids import stable_id
from claimkb.web.serve import datasette_metadata, register_plugin

register_plugin()

# (earlier, later, what the page must show among the later copy's numbers)
PAIRS = [
    ("Dozens were injured when the footbridge collapsed.", "12 were injured when the footbridge collapsed.",
     ["<del>Dozens</del> → <ins>12</ins> <small>(vague to exact)</small>"]),
    ("The company reported revenue of $16.90M for the quarter.",
     "The company reported revenue of $16.95M for the quarter.", ["<del>$16.90M</del> → <ins>$16.95M</ins>"]),
    ("Ministers approved 3,4 millions euros for flood defences in the valley.",
     "Ministers approved €3.4 million for new flood defences in the valley.", ["€3.4 million"]),
    ("A 6.1-magnitude earthquake shook the northern province, killing five people.",
     "An earthquake of magnitude 6.1 shook the northern province, killing three people.",
     ["<del>five</del> → <ins>three</ins>"]),
    ("The inspector found that over 300 schools lacked fire exits in 2019.",
     "The inspector found that under 300 schools had no working fire exits.",
     ["<del>over 300</del> → <ins>under 300</ins>"]),
    ("The port moved 4.2 million containers and 69 million tonnes of grain.",
     "The port moved 2.4 million containers, up 5 percent on the year.",
     ["<del>4.2 million</del> → <ins>2.4 million</ins>", "<del>69 million</del> vanished", "<ins>5 percent</ins> added"]),
]
NUMBER_KINDS = ("number", "number_dropped", "number_added")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # "6.1-magnitude" holds the word "magnitude"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The family page's row for each pair's later copy."""
    path = tmp_path_factory.mktemp("agree") / "pairs.db"
    db = open_db(path)
    families = []
    for n, (earlier, later, _) in enumerate(PAIRS):
        ids = []
        for outlet, day, text in (("First Post", "2024-05-01", earlier), ("Second Post", "2024-05-02", later)):
            record = ArticleRecord(text=text, url=f"https://{outlet.split()[0].lower()}.example/{n}", outlet=outlet,
                                   published=day, language="en")
            claim = Claim("assertion", text, text, 0, len(text))
            ids += store_article(db, record, Extraction(claims=[claim])).claim_ids
        family = stable_id("family", ids[0])
        db["families"].insert({"id": family, "canonical_claim_id": ids[0], "first_seen": "2024-05-01", "size": 2,
                               "outlets": 2})
        for claim_id in ids:
            db["claims"].update(claim_id, {"family_id": family})
        families.append((family, ids[1]))
    db.close()
    ds = Datasette([], immutables=[str(path)], metadata=datasette_metadata(str(path)))
    rows = []
    for family, later in families:
        response = asyncio.run(ds.client.get(f"/pairs/-/claimkb/family/{family}"))
        assert response.status_code == 200, response.text[:300]
        row = re.search(rf'<tr class="version[^"]*" id="claim-{later}">(.*?)</tr>', response.text, re.S)
        rows.append(row.group(1))
    return rows


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    """`claimkb compare` on every pair, differences computed whatever the score."""
    pairs = tmp_path_factory.mktemp("agree") / "pairs.jsonl"
    pairs.write_text("".join(json.dumps({"a": a, "b": b}) + "\n" for a, b, _ in PAIRS), encoding="utf-8")
    result = CliRunner().invoke(cli, ["compare", "--pairs", str(pairs), "--threshold", "0"])
    assert result.exit_code == 0, result.output
    return [json.loads(line)["differences"] for line in result.output.splitlines()]


def cell(row: str, name: str) -> str:
    found = re.search(rf'<td class="{name}[^"]*">(.*?)</td>', row, re.S)
    assert found, f"no {name} cell in the row"
    return found.group(1)


def marked(cell_html: str, tag: str) -> list[str]:
    """The words a cell marks with <del> or <ins>."""
    return [w for m in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", cell_html, re.S) for w in WORD.findall(html.unescape(m))]


@pytest.mark.parametrize("pair", range(len(PAIRS)))
def test_the_page_shows_the_figures_written_for_the_pair(pages, pair):
    numbers = cell(pages[pair], "numbers")
    for expected in PAIRS[pair][2]:
        assert expected in numbers


@pytest.mark.parametrize("pair", range(len(PAIRS)))
def test_page_and_compare_name_the_same_figures(pages, compared, pair):
    numbers = html.unescape(cell(pages[pair], "numbers"))
    differences = [d for d in compared[pair] if d["kind"] in NUMBER_KINDS]
    assert numbers.count("number-changed") == sum(d["kind"] == "number" for d in differences)
    assert numbers.count("number-vanished") == sum(d["kind"] == "number_dropped" for d in differences)
    assert numbers.count("number-added") == sum(d["kind"] == "number_added" for d in differences)
    for d in differences:
        shown = {"number": f"<del>{d['a']}</del> → <ins>{d['b']}</ins>",
                 "number_dropped": f"<del>{d['a']}</del> vanished",
                 "number_added": f"<ins>{d['b']}</ins> added"}[d["kind"]]
        assert shown in numbers


@pytest.mark.parametrize("pair", range(len(PAIRS)))
def test_every_word_compare_reports_is_marked_on_the_page(pages, compared, pair):
    wording = cell(pages[pair], "wording")
    dropped, added = marked(wording, "del"), marked(wording, "ins")
    words = [d for d in compared[pair] if d["kind"] in ("wording", "entity", "words_dropped", "words_added")]
    for d in words:
        assert all(w in dropped for w in WORD.findall(d["a"] or "")), d
        assert all(w in added for w in WORD.findall(d["b"] or "")), d
