"""`claimkb demo`: build a knowledge base from the bundled sample articles."""
from __future__ import annotations

from claimkb.link.fact_checks import match_fact_checks
from claimkb.link.linker import link_claims
from claimkb.resources import sample_inputs
from claimkb.store.db import writing
from claimkb.store.loader import ingest_paths


def build_demo(db_path, *, matcher: str = "auto", echo=print) -> str:
    """Ingest the sample into db_path, link it, and return what to open next."""
    with writing(db_path) as db:
        stats = ingest_paths(db, [str(path) for path in sample_inputs()])
        echo(f"Ingested: {stats}")
        echo(f"Linked: {link_claims(db, rebuild=True, matcher=matcher)}")
        echo(f"Fact-checks matched: {match_fact_checks(db, matcher=matcher)}")
        counts = {table: db[table].count for table in ("articles", "claims", "speakers", "claim_links", "families",
                                                       "fact_checks")}
    return (
        f"{db_path}: {counts['articles']} articles, {counts['claims']} claims, {counts['speakers']} speakers, "
        f"{counts['claim_links']} links in {counts['families']} families, {counts['fact_checks']} fact-checks\n"
        f"Next:\n"
        f"  claimkb serve {db_path}                      # browse in Datasette\n"
        f"  claimkb query {db_path} mutated_copies        # every mutated copy, with evidence\n"
        f"  claimkb query {db_path} spreading_after_verdict   # copies published after a fact-check\n"
        f"  claimkb similar {db_path} \"16.9 million reports of suspected abuse\"\n"
        f"  claimkb export {db_path} --format graphml -o claims.graphml   # for Gephi"
    )
