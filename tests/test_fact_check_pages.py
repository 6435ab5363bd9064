"""Verdicts on the Datasette family page: on the family and on each version."""
import asyncio
import re

import pytest
from datasette.app import Datasette
from sample_kb import build_sample_kb

from claimkb.store.db import open_db
from claimkb.web.serve import datasette_metadata, register_plugin

register_plugin()


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """The sample with two fact-checks of the earliest quote: one published on the day of
    the second version, at noon, with a web link; one with a link of another scheme."""
    kb = build_sample_kb(tmp_path_factory.mktemp("pages") / "checked.db")
    db = open_db(kb.path)
    db["fact_checks"].insert_all([
        {"id": "fc1", "claim_text": "The harbour handled 4.2 million containers", "rating": "false",
         "rating_text": "Wrong", "reviewer": "Harbour Checks", "reviewed_at": "2024-03-02T12:00:00Z",
         "url": "https://checks.example/harbour"},
        {"id": "fc2", "claim_text": "Harbour containers", "rating": "mixed", "reviewer": "Other Desk",
         "reviewed_at": "2024-03-05", "url": "javascript:alert(1)"},
    ])
    db["fact_check_matches"].insert_all([
        {"fact_check_id": "fc1", "claim_id": kb.claims["quote"], "score": 0.91, "via": "appearance"},
        {"fact_check_id": "fc2", "claim_id": kb.claims["quote_number"], "score": 0.84, "via": "matcher"},
    ])
    db.close()
    return kb, Datasette([], immutables=[kb.path], metadata=datasette_metadata(kb.path))


def family_page(checked, family):
    kb, ds = checked
    response = asyncio.run(ds.client.get(f"/checked/-/claimkb/family/{kb.families[family]}"))
    assert response.status_code == 200
    return response.text


def version_row(page: str, claim_id: str) -> str:
    row = re.search(rf'<tr class="version[^"]*" id="claim-{claim_id}">(.*?)</tr>', page, re.DOTALL)
    assert row, f"no version row for claim {claim_id}"
    return row.group(1)


def test_family_page_shows_the_verdicts_with_safe_links_only(checked):
    page = family_page(checked, "quote")
    verdicts = re.search(r'<section class="claimkb-verdicts">(.*?)</section>', page, re.DOTALL).group(1)
    assert "Harbour Checks" in verdicts and "(“Wrong”)" in verdicts and "best score 0.91" in verdicts
    assert 'href="https://checks.example/harbour"' in page
    assert "javascript:" not in page
    assert "1 version was published after the first verdict" in page


def test_each_version_shows_the_verdict_its_match_and_whether_it_came_later(checked):
    kb, _ = checked
    page = family_page(checked, "quote")
    first = version_row(page, kb.claims["quote"])
    assert "this version, score 0.91, via appearance" in first and "after the verdict" not in first
    second = version_row(page, kb.claims["quote_number"])  # 2024-03-02: a day counts from its midnight
    assert "on another version" in second and "this version, score 0.84, via matcher" in second
    assert "after the verdict" not in second
    third = version_row(page, kb.claims["quote_reworded"])  # 2024-03-04
    assert "published after the verdict" in third


def test_a_family_without_fact_checks_shows_none(checked):
    page = family_page(checked, "exports")
    assert "claimkb-verdicts" not in page and "verdict-on-copy" not in page and "after the verdict" not in page
