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
  reach.outlets_reached as outlets,
  families.size as copies,
  reach.first_seen as first_published,
  reach.last_seen as last_published,
  earliest_outlet.name as first_outlet,
  speakers.name as speaker,
  earliest.content as earliest_wording
-- family_travel: the reach of every family, computed by `claimkb link`
from family_travel as reach
join families on families.id = reach.family_id
join claims as earliest on earliest.id = families.canonical_claim_id
join articles as earliest_article on earliest_article.id = earliest.article_id
left join outlets as earliest_outlet on earliest_outlet.id = earliest_article.outlet_id
left join speakers on speakers.id = earliest.speaker_id
where reach.outlets_reached >= cast(:min_outlets as integer)
  -- the checked families, found once from the few matches, not per family
  and families.id not in (
    select checked.family_id from fact_check_matches
    join claims as checked on checked.id = fact_check_matches.claim_id
    where checked.family_id is not null
  )
-- the order of an index on family_travel: the first page comes without sorting every family
order by reach.outlets_reached desc, reach.articles desc, reach.first_seen, reach.family_id
