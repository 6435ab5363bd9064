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
  later.family_id,
  speakers.name as speaker,
  link.relation,
  earlier_outlet.name as earlier_outlet,
  earlier_article.published as earlier_published,
  earlier.content as original_quote,
  later_outlet.name as later_outlet,
  later_article.published as later_published,
  later.content as altered_quote,
  later.speaker_mention as later_mentions_speaker_as,
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
left join speakers on speakers.id = coalesce(later.speaker_id, earlier.speaker_id)
where later.kind = 'direct_quote'
  and link.relation != 'different'
  and (
    link.relation = 'quote_altered'
    or exists (
      select 1 from json_each(link.evidence) as difference
      where json_extract(difference.value, '$.kind') in ('quote', 'wording', 'words_dropped', 'words_added')
    )
  )
order by later.family_id, later_article.published
