-- Quotes altered from the original
--
-- Direct quotes whose quoted words differ from the earlier copy they were
-- linked to: the link's relation is quote_altered, or its evidence lists
-- changed, dropped or added words. Shows who is quoted, both wordings and
-- the word-level evidence.
--
-- Parameters: none
-- Example: claimkb query kb.db quotes_altered
select
  copy.family_id,
  speakers.name as speaker,
  copy.relation,
  copy.earlier_outlet,
  copy.earlier_published,
  copy.earlier_wording as original_quote,
  copy.later_outlet,
  copy.later_published,
  copy.later_wording as altered_quote,
  copy.later_speaker_mention as later_mentions_speaker_as,
  copy.evidence,
  copy.earlier_claim_id,
  copy.later_claim_id
from linked_copies as copy
left join speakers on speakers.id = coalesce(copy.later_speaker_id, copy.earlier_speaker_id)
where copy.later_kind = 'direct_quote'
  and copy.relation != 'different'
  and (
    copy.relation = 'quote_altered'
    or exists (
      select 1 from json_each(copy.evidence) as difference
      where json_extract(difference.value, '$.kind') in ('quote', 'wording', 'words_dropped', 'words_added')
    )
  )
order by copy.family_id, copy.later_published, copy.later_claim_id, copy.earlier_claim_id
