-- Every mutated copy of a claim
--
-- Each link from an earlier copy of a claim to a later one whose relation is a
-- mutation (anything but verbatim or paraphrase: quote_altered, number_changed,
-- number_dropped, hedge_changed, negation_flipped, speaker_changed,
-- entity_changed), with both wordings, outlets, dates and the evidence: the
-- JSON list of differences the linker found.
--
-- Parameters: none
-- Example: claimkb query kb.db mutated_copies --json
select
  later.family_id,
  link.relation,
  round(link.score, 3) as score,
  earlier_outlet.name as earlier_outlet,
  earlier_article.published as earlier_published,
  earlier.content as earlier_wording,
  later_outlet.name as later_outlet,
  later_article.published as later_published,
  later.content as later_wording,
  link.evidence,
  link.claim_a as earlier_claim_id,
  link.claim_b as later_claim_id
from claim_links as link
join claims as earlier on earlier.id = link.claim_a
join articles as earlier_article on earlier_article.id = earlier.article_id
left join outlets as earlier_outlet on earlier_outlet.id = earlier_article.outlet_id
join claims as later on later.id = link.claim_b
join articles as later_article on later_article.id = later.article_id
left join outlets as later_outlet on later_outlet.id = later_article.outlet_id
where link.relation not in ('verbatim', 'paraphrase', 'different')
order by later.family_id, later_article.published, link.relation
