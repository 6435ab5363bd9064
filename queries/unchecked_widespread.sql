-- Widespread claims that no fact-check rates
--
-- Claim families carried by at least the given number of outlets where no
-- fact-check matches any copy: the claims a fact-checker may want to look at
-- next, widest-travelled first, with the earliest version's wording and speaker.
--
-- Parameters: :min_outlets, the fewest outlets a family must reach (3)
-- Example: claimkb query kb.db unchecked_widespread -p min_outlets=3
select
  families.id as family_id,
  reach.outlets,
  reach.copies,
  reach.first_published,
  reach.last_published,
  earliest_outlet.name as first_outlet,
  speakers.name as speaker,
  earliest.content as earliest_wording
from families
join (
  select
    claims.family_id,
    count(distinct articles.outlet_id) as outlets,
    count(*) as copies,
    min(articles.published) as first_published,
    max(articles.published) as last_published
  from claims
  join articles on articles.id = claims.article_id
  -- families.outlets counts the same outlets (a missing one too), so it can only be
  -- larger: it narrows the claims counted here to the widespread families' ones
  where claims.family_id in (select id from families where outlets >= cast(:min_outlets as integer))
  group by claims.family_id
) as reach on reach.family_id = families.id
join claims as earliest on earliest.id = families.canonical_claim_id
join articles as earliest_article on earliest_article.id = earliest.article_id
left join outlets as earliest_outlet on earliest_outlet.id = earliest_article.outlet_id
left join speakers on speakers.id = earliest.speaker_id
where reach.outlets >= cast(:min_outlets as integer)
  -- the checked families, found once from the few matches, not per family
  and families.id not in (
    select checked.family_id from fact_check_matches
    join claims as checked on checked.id = fact_check_matches.claim_id
    where checked.family_id is not null
  )
order by reach.outlets desc, reach.copies desc, reach.first_published, families.id
