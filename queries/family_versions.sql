-- Every version of one claim family, in publication order
--
-- All copies of a claim family with their outlet, article, speaker (canonical
-- name and the mention as written), wording, and the relation, score and
-- evidence of the link from the earlier copy it was matched to.
--
-- Parameters: :family, a family id (from travelled_furthest or the families table)
-- Example: claimkb query kb.db family_versions -p family=3f2a9c0d1e4b5a67
select
  articles.published,
  outlets.name as outlet,
  articles.title,
  claims.kind,
  speakers.name as speaker,
  claims.speaker_mention as mentioned_as,
  claims.content,
  link.relation,
  round(link.score, 3) as score,
  link.evidence,
  claims.id = families.canonical_claim_id as is_canonical,
  claims.id as claim_id
from families
join claims on claims.family_id = families.id
join articles on articles.id = claims.article_id
left join outlets on outlets.id = articles.outlet_id
left join speakers on speakers.id = claims.speaker_id
left join claim_links as link on link.claim_b = claims.id
  and link.claim_a = (
    select best.claim_a from claim_links as best
    where best.claim_b = claims.id
    order by best.score desc
    limit 1
  )
where families.id = :family
order by articles.published, articles.ingested_at, claims.char_start
