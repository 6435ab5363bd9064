-- Claims that travelled to the most outlets
--
-- Every claim family (copies of one claim linked across articles), the
-- widest-travelled first: how many outlets and articles carried it, its first
-- and last appearance, and the earliest version's wording and speaker.
--
-- Parameters: none
-- Example: claimkb query kb.db travelled_furthest
select
  families.id as family_id,
  reach.outlets_reached as outlets,
  reach.articles,
  families.size as copies,
  reach.first_seen as first_published,
  reach.last_seen as last_published,
  earliest_outlet.name as first_outlet,
  speakers.name as speaker,
  earliest.kind,
  earliest.content as earliest_wording
-- family_travel: the reach of every family, computed by `claimkb link`
from family_travel as reach
join families on families.id = reach.family_id
join claims as earliest on earliest.id = families.canonical_claim_id
join articles as earliest_article on earliest_article.id = earliest.article_id
left join outlets as earliest_outlet on earliest_outlet.id = earliest_article.outlet_id
left join speakers on speakers.id = earliest.speaker_id
where reach.articles > 0
-- the order of an index on family_travel: the first page comes without sorting every family
order by reach.outlets_reached desc, reach.articles desc, reach.first_seen, reach.family_id
