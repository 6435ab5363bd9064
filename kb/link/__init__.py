"""Linking over a database: candidate pairs through claimkb.match, claim_links in
publication order, families of one claim and article derivations. May import
claimkb.store and claimkb.match."""
