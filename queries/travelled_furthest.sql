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
  reach.outlets,
  reach.articles,
  reach.copies,
  reach.first_published,
  reach.last_published,
  earliest_outlet.name as first_outlet,
  speakers.name as speaker,
  earliest.kind,
  earliest.content as earliest_wording
from families
join (
  select
    claims.family_id,
    count(distinct articles.outlet_id) as outlets,
    count(distinct articles.id) as articles,
    count(*) as copies,
    min(articles.published) as first_published,
    max(articles.published) as last_published
  from claims
  join articles on articles.id = claims.article_id
  where claims.family_id is not null
  group by claims.family_id
) as reach on reach.family_id = families.id
join claims as earliest on earliest.id = families.canonical_claim_id
join articles as earliest_article on earliest_article.id = earliest.article_id
left join outlets as earliest_outlet on earliest_outlet.id = earliest_article.outlet_id
left join speakers on speakers.id = earliest.speaker_id
order by reach.outlets desc, reach.copies desc, reach.first_published
