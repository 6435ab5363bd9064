-- Numbers that changed between outlets
--
-- One row per number difference the linker recorded between an earlier and a
-- later copy of a claim: a value changed (difference "number"), dropped
-- ("number_dropped") or added ("number_added"), with the number as each copy
-- wrote it and both claims in context.
--
-- Parameters: none
-- Example: claimkb query kb.db numbers_changed --csv
select
  later.family_id,
  link.relation,
  json_extract(difference.value, '$.kind') as difference,
  json_extract(difference.value, '$.a') as earlier_number,
  json_extract(difference.value, '$.b') as later_number,
  json_extract(difference.value, '$.detail') as detail,
  earlier_outlet.name as earlier_outlet,
  earlier_article.published as earlier_published,
  earlier.content as earlier_wording,
  later_outlet.name as later_outlet,
  later_article.published as later_published,
  later.content as later_wording,
  link.claim_a as earlier_claim_id,
  link.claim_b as later_claim_id
from claim_links as link
join json_each(link.evidence) as difference
join claims as earlier on earlier.id = link.claim_a
join articles as earlier_article on earlier_article.id = earlier.article_id
left join outlets as earlier_outlet on earlier_outlet.id = earlier_article.outlet_id
join claims as later on later.id = link.claim_b
join articles as later_article on later_article.id = later.article_id
left join outlets as later_outlet on later_outlet.id = later_article.outlet_id
where json_extract(difference.value, '$.kind') in ('number', 'number_dropped', 'number_added')
order by later.family_id, later_article.published
