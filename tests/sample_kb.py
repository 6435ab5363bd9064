"""A small hand-made knowledge base for the query, Datasette and browser tests.

Three outlets report a harbour commissioner's figures. The Coastal Times copy
changes the quoted number (4.2 million -> 2.4 million) and hedges the export
figure ("may have risen"); the Evening Wire rewords the quote (harbour -> port,
containers -> boxes), repeats the export figure verbatim and carries a markup
injection in its title and text. Claims are stored through kb.store; links,
families, derivations and analytics are inserted directly, as the linker would.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from claimkb.ingest.records import ArticleRecord, Claim, Extraction, Quantity, Speaker
from claimkb.store.articles import store_article
from claimkb.store.db import close_db, open_db
from claimkb.store.ids import stable_id
from claimkb.store.serving import refresh_serving_tables

SCRIPT = '<script>alert("x")</script>'

LEDGER = ArticleRecord(
    title="Harbour handles record cargo",
    url="https://dailyledger.example/harbour-record",
    outlet="Daily Ledger",
    published="2024-03-01",
    language="en",
    text=(
        "Harbour Commissioner Maria Lopez said the port had its busiest year. "
        '"The harbour handled 4.2 million containers last year," Lopez said. '
        "Exports rose 12 percent, according to the port authority."
    ),
)
COASTAL = ArticleRecord(
    title="A busy year at the harbour",
    url="https://coastaltimes.example/busy-harbour",
    outlet="Coastal Times",
    published="2024-03-02",
    language="en",
    text=(
        "Commissioner Maria Lopez reported a busy year. "
        '"The harbour handled 2.4 million containers last year," the commissioner said. '
        "Exports may have risen 12 percent, according to the port authority."
    ),
)
WIRE = ArticleRecord(
    title=f"Port {SCRIPT} review",
    url="https://eveningwire.example/port-review",
    outlet="Evening Wire",
    published="2024-03-04",
    language="en",
    text=(
        '"The port handled 4.2 million boxes last year," said Maria Lopez. '
        "Exports rose 12 percent, according to the port authority. "
        f"Critics wrote {SCRIPT} beside the figure."
    ),
)


def lopez() -> Speaker:
    return Speaker("Maria Lopez", "person", "Harbour Commissioner", ["Lopez"])


def port_authority() -> Speaker:
    return Speaker("Port Authority", "organization")


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def claim(record, kind, content, *, speaker=None, mention=None, cue=None, hedge=None, numbers=()) -> Claim:
    """A claim whose offsets (and its quantities' and mention's) are found in the record's text."""
    start, end = span(record.text, content)
    quantities = []
    for text, value, unit in numbers:
        q_start, q_end = span(record.text, text)
        quantities.append(Quantity(text, value, unit, start=q_start, end=q_end))
    mention_start, mention_end = span(record.text, mention) if mention else (None, None)
    return Claim(
        kind, content, content, start, end, speaker=speaker, speaker_mention=mention,
        speaker_start=mention_start, speaker_end=mention_end, cue=cue, hedge=hedge, quantities=quantities,
    )


@dataclass
class SampleKB:
    path: str
    articles: dict[str, str] = field(default_factory=dict)  # "ledger" | "coastal" | "wire" -> article id
    claims: dict[str, str] = field(default_factory=dict)  # short name -> claim id
    families: dict[str, str] = field(default_factory=dict)  # "quote" | "exports" -> family id
    outlets: dict[str, str] = field(default_factory=dict)  # outlet name -> outlet id


def build_sample_kb(path) -> SampleKB:
    db = open_db(path)
    kb = SampleKB(str(path))
    quote_speaker, exports_speaker = lopez(), port_authority()
    extractions = {
        "ledger": (LEDGER, {
            "quote": claim(LEDGER, "direct_quote", "The harbour handled 4.2 million containers last year",
                           speaker=quote_speaker, mention="Lopez", cue="said",
                           numbers=[("4.2 million containers", 4.2e6, "containers")]),
            "exports": claim(LEDGER, "statistic", "Exports rose 12 percent", speaker=exports_speaker,
                             mention="the port authority", cue="according to",
                             numbers=[("12 percent", 12.0, "percent")]),
        }),
        "coastal": (COASTAL, {
            "quote_number": claim(COASTAL, "direct_quote", "The harbour handled 2.4 million containers last year",
                                  speaker=lopez(), mention="the commissioner", cue="said",
                                  numbers=[("2.4 million containers", 2.4e6, "containers")]),
            "exports_hedged": claim(COASTAL, "statistic", "Exports may have risen 12 percent",
                                    speaker=port_authority(), mention="the port authority", cue="according to",
                                    hedge="may", numbers=[("12 percent", 12.0, "percent")]),
        }),
        "wire": (WIRE, {
            # no attribution of its own: its speaker carried over from the quote before
            "quote_reworded": claim(WIRE, "direct_quote", "The port handled 4.2 million boxes last year",
                                    speaker=lopez(),
                                    numbers=[("4.2 million boxes", 4.2e6, "boxes")]),
            "exports_verbatim": claim(WIRE, "statistic", "Exports rose 12 percent", speaker=port_authority(),
                                      mention="the port authority", cue="according to",
                                      numbers=[("12 percent", 12.0, "percent")]),
            "critics": claim(WIRE, "assertion", f"Critics wrote {SCRIPT} beside the figure"),
        }),
    }
    for key, (record, claims) in extractions.items():
        stored = store_article(db, record, Extraction(claims=list(claims.values())))
        kb.articles[key] = stored.article_id
        kb.claims.update(zip(claims, stored.claim_ids))
    kb.outlets = {name: id for id, name in db.execute("select id, name from outlets")}
    link_sample(db, kb)
    close_db(db)
    return kb


def link_sample(db, kb: SampleKB) -> None:
    c = kb.claims
    kb.families = {"quote": stable_id("family", c["quote"]), "exports": stable_id("family", c["exports"])}
    db["families"].insert_all([
        {"id": kb.families["quote"], "canonical_claim_id": c["quote"], "first_seen": "2024-03-01", "size": 3,
         "outlets": 3},
        {"id": kb.families["exports"], "canonical_claim_id": c["exports"], "first_seen": "2024-03-01", "size": 3,
         "outlets": 3},
    ])
    for family, members in (("quote", ["quote", "quote_number", "quote_reworded"]),
                            ("exports", ["exports", "exports_hedged", "exports_verbatim"])):
        for member in members:
            db["claims"].update(c[member], {"family_id": kb.families[family]})
    db["claim_links"].insert_all([
        {"claim_a": c["quote"], "claim_b": c["quote_number"], "score": 0.93, "relation": "number_changed",
         "evidence": json.dumps([{"kind": "number", "a": "4.2 million", "b": "2.4 million"}]), "method": "lexical"},
        {"claim_a": c["quote"], "claim_b": c["quote_reworded"], "score": 0.81, "relation": "quote_altered",
         "evidence": json.dumps([{"kind": "wording", "a": "harbour", "b": "port"},
                                 {"kind": "wording", "a": "containers", "b": "boxes"}]), "method": "lexical"},
        {"claim_a": c["exports"], "claim_b": c["exports_hedged"], "score": 0.88, "relation": "hedge_changed",
         "evidence": json.dumps([{"kind": "hedge", "a": None, "b": "may", "detail": "weakened"}]),
         "method": "lexical"},
        {"claim_a": c["exports"], "claim_b": c["exports_verbatim"], "score": 1.0, "relation": "verbatim",
         "evidence": "[]", "method": "lexical"},
    ])
    db["article_derivations"].insert({
        "article_id": kb.articles["coastal"], "derived_from": kb.articles["ledger"], "score": 0.74,
        "relation": "rewrites", "shared_claims": 2, "evidence": json.dumps({"shared_claims": 2}),
    })
    db["family_travel"].insert_all([
        {"family_id": kb.families["quote"], "outlets_reached": 3, "articles": 3, "first_seen": "2024-03-01",
         "last_seen": "2024-03-04", "span_days": 3.0},
        {"family_id": kb.families["exports"], "outlets_reached": 3, "articles": 3, "first_seen": "2024-03-01",
         "last_seen": "2024-03-04", "span_days": 3.0},
    ])
    outlets = kb.outlets
    db["outlet_fidelity"].insert_all([
        {"outlet_id": outlets["Coastal Times"], "copies": 2, "faithful": 0, "mutated": 2, "fidelity": 0.0},
        {"outlet_id": outlets["Evening Wire"], "copies": 2, "faithful": 1, "mutated": 1, "fidelity": 0.5},
    ])
    refresh_serving_tables(db)  # as `claimkb link` does after writing links


def build_empty_kb(path) -> str:
    """A database with the schema and nothing else: the plugin's empty states."""
    close_db(open_db(path))
    return str(path)
