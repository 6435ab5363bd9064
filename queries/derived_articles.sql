-- Which articles derive from which
--
-- Articles that re-publish, translate or rewrite an earlier article, with the
-- number of claims they share, the linker's score and its evidence (JSON), the
-- strongest derivations first.
--
-- Parameters: none
-- Example: claimkb query kb.db derived_articles
select
  derived_outlet.name as outlet,
  derived.published,
  derived.title,
  derivation.relation,
  round(derivation.score, 3) as score,
  derivation.shared_claims,
  source_outlet.name as derived_from_outlet,
  source.published as source_published,
  source.title as source_title,
  derivation.evidence,
  derivation.article_id,
  derivation.derived_from
from article_derivations as derivation
join articles as derived on derived.id = derivation.article_id
left join outlets as derived_outlet on derived_outlet.id = derived.outlet_id
join articles as source on source.id = derivation.derived_from
left join outlets as source_outlet on source_outlet.id = source.outlet_id
order by derivation.score desc, derived.published
