-- Numbers that changed between outlets
--
-- One row per number difference the linker recorded between an earlier and a
-- later copy of a claim: a value changed (difference "number"), dropped
-- ("number_dropped") or added ("number_added"), with the number as each copy
-- wrote it and both claims in context. For a changed number, "change" says how:
-- value, qualifier ("over" -> "under"), vague_to_exact ("dozens" -> "12") or
-- exact_to_vague.
--
-- Parameters: none
-- Example: claimkb query kb.db numbers_changed --csv
select
  copy.family_id,
  copy.relation,
  json_extract(difference.value, '$.kind') as difference,
  json_extract(difference.value, '$.change') as change,
  json_extract(difference.value, '$.a') as earlier_number,
  json_extract(difference.value, '$.b') as later_number,
  json_extract(difference.value, '$.detail') as detail,
  copy.earlier_outlet,
  copy.earlier_published,
  copy.earlier_wording,
  copy.later_outlet,
  copy.later_published,
  copy.later_wording,
  copy.earlier_claim_id,
  copy.later_claim_id
from linked_copies as copy
join json_each(copy.evidence) as difference
where json_extract(difference.value, '$.kind') in ('number', 'number_dropped', 'number_added')
order by copy.family_id, copy.later_published, copy.later_claim_id, copy.earlier_claim_id, difference.key
