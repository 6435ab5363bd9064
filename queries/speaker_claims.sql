-- What a speaker is claimed to have said, across outlets
--
-- Every claim attributed to speakers whose name or aliases contain the given
-- text (case-insensitive for ASCII letters), grouped by claim family so the
-- same claim reported by different outlets sits together; with how each
-- article referred to the speaker and how the copy relates to an earlier one.
--
-- Parameters: :speaker, part of a speaker's name ("Williams")
-- Example: claimkb query kb.db speaker_claims -p speaker=Williams
select
  speakers.name as speaker,
  speakers.title as speaker_title,
  outlets.name as outlet,
  articles.published,
  claims.kind,
  claims.speaker_mention as mentioned_as,
  claims.cue,
  claims.content,
  claims.family_id,
  (
    select link.relation from claim_links as link
    where link.claim_b = claims.id
    order by link.score desc
    limit 1
  ) as relation_to_earlier_copy,
  claims.id as claim_id
-- from the speakers that match, then their claims by index (CROSS JOIN keeps that
-- order: SQLite would otherwise read every claim to find the few of these speakers)
from speakers
cross join claims on claims.speaker_id = speakers.id
join articles on articles.id = claims.article_id
left join outlets on outlets.id = articles.outlet_id
where speakers.name like '%' || :speaker || '%'
   or speakers.aliases like '%' || :speaker || '%'
order by speakers.name, claims.family_id is null, claims.family_id, articles.published
