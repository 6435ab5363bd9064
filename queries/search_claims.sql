-- Search claims
--
-- Full-text search over every claim's sentence and content (the claims_fts
-- index), best matches first (FTS5 bm25 rank). Every word must appear; the
-- words are matched as typed, so punctuation and FTS operators are safe. An
-- empty search finds nothing (Datasette shows the empty form first).
--
-- Parameters: :q, the words to search for ("encryption reports")
-- Example: claimkb query kb.db search_claims -p q="million reports"
select
  claims.id as claim_id,
  claims.kind,
  speakers.name as speaker,
  outlets.name as outlet,
  articles.published,
  claims.text,
  claims.family_id,
  round(claims_fts.rank, 3) as rank
from claims_fts
join claims on claims.rowid = claims_fts.rowid
join articles on articles.id = claims.article_id
left join outlets on outlets.id = articles.outlet_id
left join speakers on speakers.id = claims.speaker_id
-- An empty search (escape_fts gives '', which FTS5 cannot parse) becomes the empty
-- phrase '""', which it can and which matches nothing.
where claims_fts match coalesce(nullif(escape_fts(:q), ''), '""')
order by claims_fts.rank
limit 100
