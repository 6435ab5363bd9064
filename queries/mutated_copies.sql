-- Every mutated copy of a claim
--
-- Each link from an earlier copy of a claim to a later one whose relation is a
-- mutation (anything but verbatim or paraphrase: quote_altered, number_changed,
-- date_changed, number_dropped, hedge_changed, negation_flipped, direction_flipped, speaker_changed,
-- entity_changed), with both wordings, outlets, dates and the evidence: the
-- JSON list of differences the linker found.
--
-- Parameters: none
-- Example: claimkb query kb.db mutated_copies --json
select
  family_id,
  relation,
  round(score, 3) as score,
  earlier_outlet,
  earlier_published,
  earlier_wording,
  later_outlet,
  later_published,
  later_wording,
  evidence,
  earlier_claim_id,
  later_claim_id
from linked_copies
where relation not in ('verbatim', 'paraphrase', 'different')
order by family_id, later_published, relation, later_claim_id, earlier_claim_id
