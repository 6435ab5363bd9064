-- Copies published after a verdict on their claim
--
-- Every copy of a fact-checked claim that was first seen after the earliest
-- fact-check of its family (a verdict on any copy counts for the whole family),
-- by outlet: when it appeared, how long after the verdict, the verdict itself
-- and the copy's wording. First seen is the article's publication date, else
-- when it was ingested; times are compared as instants, so time zones count.
-- A copy dated only by its day counts from midnight (UTC) of that day.
--
-- Parameters: :ratings, the verdicts to count, comma-separated steps of the
-- rating scale ("false,mostly false"), or "any"
-- Example: claimkb query kb.db spreading_after_verdict -p ratings="false,mostly false"
with verdicts as (
  select
    claims.family_id,
    fact_checks.id as fact_check_id,
    fact_checks.rating,
    fact_checks.rating_text,
    fact_checks.reviewer,
    fact_checks.reviewed_at,
    fact_checks.url,
    row_number() over (
      partition by claims.family_id
      order by julianday(fact_checks.reviewed_at), fact_checks.id
    ) as nth
  from fact_check_matches
  join fact_checks on fact_checks.id = fact_check_matches.fact_check_id
  join claims on claims.id = fact_check_matches.claim_id
  where claims.family_id is not null
    and fact_checks.reviewed_at is not null
    and (:ratings = 'any' or instr(',' || replace(:ratings, ', ', ',') || ',', ',' || fact_checks.rating || ','))
)
select
  outlets.name as outlet,
  coalesce(articles.published, articles.ingested_at) as first_seen,
  round(julianday(coalesce(articles.published, articles.ingested_at)) - julianday(verdicts.reviewed_at), 2)
    as days_after_verdict,
  verdicts.rating as verdict,
  verdicts.rating_text as verdict_as_written,
  verdicts.reviewer,
  verdicts.reviewed_at,
  claims.family_id,
  claims.content as wording,
  claims.id as claim_id,
  verdicts.url as fact_check_url
from verdicts
join claims on claims.family_id = verdicts.family_id
join articles on articles.id = claims.article_id
left join outlets on outlets.id = articles.outlet_id
where verdicts.nth = 1
  and julianday(coalesce(articles.published, articles.ingested_at)) > julianday(verdicts.reviewed_at)
order by outlets.name, first_seen, claims.id
