-- Search articles
--
-- Full-text search over article titles and texts (the articles_fts index),
-- best matches first (FTS5 bm25 rank), with each article's outlet, date and
-- number of extracted claims. Every word must appear; punctuation and FTS
-- operators in the search are matched as plain words. An empty search finds
-- nothing (Datasette shows the empty form first).
--
-- Parameters: :q, the words to search for ("earthquake Aceh")
-- Example: claimkb query kb.db search_articles -p q="end-to-end encryption"
select
  articles.id as article_id,
  outlets.name as outlet,
  articles.published,
  articles.title,
  (select count(*) from claims where claims.article_id = articles.id) as claims,
  articles.url,
  round(articles_fts.rank, 3) as rank
from articles_fts
join articles on articles.rowid = articles_fts.rowid
left join outlets on outlets.id = articles.outlet_id
-- An empty search (escape_fts gives '', which FTS5 cannot parse) becomes the empty
-- phrase '""', which it can and which matches nothing.
where articles_fts match coalesce(nullif(escape_fts(:q), ''), '""')
order by articles_fts.rank
limit 100
