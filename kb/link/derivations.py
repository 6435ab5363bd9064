"""Which article re-published, rewrote or translated which, from the claims they share.

A later article B derives from an earlier article A when at least ``min_shared``
of B's claims link to claims of A and they make up at least ``min_share`` of B's
claims (two outlets quoting one press conference share a quote or two, not most
of an article). ``score`` is that share. The relation:

- **translates**: only on a language signal: the articles' declared languages
  differ ("en-GB" and "en" do not), or their texts plainly show different languages
  (``claimkb.ingest.extract.language``: a non-Latin script, or another language's
  function words). Reworded quotes alone are no such signal: a close English rewrite
  rewords quotes as a translation does;
- **republishes**: most links (``verbatim_share``, of the links scored on their own, not
  those aligned inside the copy) are verbatim copies;
- **rewrites**: the rest (paraphrased, selected, reordered).

The evidence also lists distinctive wording both share: the longest common word
runs between linked claims, and how many quotes start and end on the same words.
"""
from __future__ import annotations

import json
from collections import defaultdict
from difflib import SequenceMatcher

from claimkb.ingest.extract.language import declared_language
from claimkb.match.features import TOKEN_RE
from claimkb.store.chunked import execute_in, select_in

MIN_SHARED = 2
MIN_SHARE = 0.3
REPUBLISH_VERBATIM_SHARE = 0.6
# The method suffix of links aligned by position inside a copy (``claimkb.link.alignment``).
ALIGNED_SUFFIX = "+aligned"
MIN_PHRASE_WORDS = 4
PHRASES_KEPT = 3

LINKS_SQL = """
select ca.article_id, cb.article_id, l.claim_a, l.claim_b, l.score, l.relation,
       ca.char_start, cb.char_start, ca.kind, cb.kind, ca.content, cb.content, l.method
from claim_links l
join claims ca on ca.id = l.claim_a
join claims cb on cb.id = l.claim_b
where ca.article_id != cb.article_id
"""
# The links of some articles: one branch a side, so that each finds its links through
# the articles' claims (with an OR, SQLite read every link once per chunk of articles).
SCOPED_LINKS_SQL = f"{LINKS_SQL} and ca.article_id in {{ids}} union {LINKS_SQL} and cb.article_id in {{ids}}"


def build_derivations(db, article_ids=None, *, min_shared: int = MIN_SHARED, min_share: float = MIN_SHARE) -> int:
    """(Re)compute article_derivations for every article, or only for pairs involving
    ``article_ids``. Returns the number of derivations written."""
    links_by_pair = defaultdict(list)
    for row in _links(db, article_ids):
        links_by_pair[(row[1], row[0])].append(row)  # (later, earlier)
    articles = {a for pair in links_by_pair for a in pair}
    claim_counts, languages, shown, published = _article_details(db, articles)

    rows = []
    for (later, earlier), links in links_by_pair.items():
        if not _enough_shared(links, claim_counts[later], min_shared, min_share):
            continue
        derivation = describe_derivation(
            links, claim_counts[later], claim_counts[earlier], languages[later], languages[earlier],
            min_shared=min_shared, min_share=min_share,
            later_text_language=shown[later], earlier_text_language=shown[earlier],
            dated=bool(published[later] and published[earlier] and published[later] != published[earlier]),
        )
        if derivation:
            rows.append({"article_id": later, "derived_from": earlier, **derivation})
    with db.atomic():
        if article_ids is None:
            db.execute("delete from article_derivations")
        else:
            execute_in(db, "delete from article_derivations where article_id in {ids} or derived_from in {ids}",
                       article_ids)
        db["article_derivations"].insert_all(rows, replace=True, batch_size=2000)
    return len(rows)


def describe_derivation(links, later_claims: int, earlier_claims: int, later_language=None, earlier_language=None,
                        *, min_shared: int = MIN_SHARED, min_share: float = MIN_SHARE,
                        later_text_language=None, earlier_text_language=None, dated: bool = True) -> dict | None:
    """{score, relation, shared_claims, evidence} for a later article whose links to one
    earlier article are ``links`` (rows of ``LINKS_SQL``), or None when too few.
    ``*_language`` are the articles' declared languages, ``*_text_language`` the
    languages their texts show (``text_language``), None where unknown. ``dated``: the
    two publication dates say which came first (else the order they were stored does)."""
    if not _enough_shared(links, later_claims, min_shared, min_share):
        return None
    shared = len({row[3] for row in links})
    share = shared / later_claims
    relations: defaultdict[str, int] = defaultdict(int)
    for row in links:
        relations[row[5]] += 1
    # Whether the later article copies is judged on the links its claims earned on their
    # own: the links aligned because it copies would otherwise vote on it too.
    scored = [row for row in links if not row[12].endswith(ALIGNED_SUFFIX)] or links
    verbatim_share = sum(row[5] == "verbatim" for row in scored) / len(scored)
    quotes = [row for row in links if row[8] == "direct_quote" and row[9] == "direct_quote"]
    reworded_quotes = sum(row[5] != "verbatim" for row in quotes) / len(quotes) if quotes else 0.0
    order_kept = _order_kept([(row[6], row[7]) for row in links])
    shown = earlier_text_language, later_text_language
    translation = language_signal(earlier_language, later_language, *shown)
    if translation is not None:
        relation, basis = "translates", translation
    elif verbatim_share >= REPUBLISH_VERBATIM_SHARE:
        relation, basis = "republishes", f"{verbatim_share:.0%} of shared claims are verbatim"
    else:
        relation, basis = "rewrites", "shared claims paraphrased"
    evidence = {
        "share_of_later": round(share, 3),
        "coverage_of_earlier": round(len({row[2] for row in links}) / earlier_claims, 3) if earlier_claims else None,
        "mean_link_score": round(sum(row[4] for row in links) / len(links), 3),
        "relations": dict(sorted(relations.items())),
        "verbatim_share": round(verbatim_share, 3),
        "shared_direct_quotes": len(quotes),
        "reworded_quote_share": round(reworded_quotes, 3),
        "order_kept": round(order_kept, 3),
        "same_quote_boundaries": sum(_same_boundaries(row[10], row[11]) for row in quotes),
        "declared_languages": [earlier_language, later_language],
        "text_languages": list(shown),
        "shared_phrases": _shared_phrases(links),
        "relation_basis": basis,
        "order_basis": "publication dates" if dated else "the order the articles were stored (no two dates tell)",
    }
    return {"score": round(share, 4), "relation": relation, "shared_claims": shared, "evidence": json.dumps(evidence)}


def language_signal(earlier_language, later_language, earlier_text_language, later_text_language) -> str | None:
    """Why two articles are in two languages (their declared languages differ, else the
    languages their texts show do), or None when nothing says so."""
    declared = declared_language(earlier_language), declared_language(later_language)
    if all(declared) and declared[0] != declared[1]:
        return f"declared languages differ ({declared[0]} -> {declared[1]})"
    shown = earlier_text_language, later_text_language
    if all(shown) and shown[0] != shown[1]:
        return f"the texts are in different languages ({shown[0]} -> {shown[1]})"
    return None


def _enough_shared(links, later_claims: int, min_shared: int, min_share: float) -> bool:
    shared = len({row[3] for row in links})
    return shared >= min_shared and later_claims > 0 and shared / later_claims >= min_share


def _order_kept(positions: list[tuple[int, int]]) -> float:
    """Share of pairs of links whose claims come in the same order in both articles."""
    positions = sorted(set(positions))
    pairs = kept = 0
    for index, (a1, b1) in enumerate(positions):
        for a2, b2 in positions[index + 1:]:
            if a1 != a2:
                pairs += 1
                kept += b1 < b2
    return kept / pairs if pairs else 1.0


def _words(text: str) -> list[str]:
    return [m.group().lower() for m in TOKEN_RE.finditer(text or "")]


def _same_boundaries(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and wa[0] == wb[0] and wa[-1] == wb[-1]


def _shared_phrases(links) -> list[str]:
    """The longest word runs shared by linked claims (distinctive wording carried over)."""
    phrases = set()
    for row in links:
        wa, wb = _words(row[10]), _words(row[11])
        match = SequenceMatcher(None, wa, wb, autojunk=False).find_longest_match(0, len(wa), 0, len(wb))
        if match.size >= MIN_PHRASE_WORDS:
            phrases.add(" ".join(wa[match.a:match.a + match.size]))
    return sorted(phrases, key=lambda p: (-len(p.split()), p))[:PHRASES_KEPT]


def _links(db, article_ids):
    if article_ids is None:
        return db.execute(LINKS_SQL).fetchall()
    return sorted(set(select_in(db, SCOPED_LINKS_SQL, article_ids)))


def _article_details(db, article_ids: set[str]):
    """Per article: its claim count, declared language, the language its text shows
    (stored at ingest) and publication date."""
    counts, languages, shown, published = {}, {}, {}, {}
    for article_id, language, text_language, date, claims in select_in(
        db,
        """select a.id, a.language, a.text_language, a.published,
                  (select count(*) from claims c where c.article_id = a.id)
           from articles a where a.id in {ids}""",
        article_ids,
    ):
        counts[article_id], languages[article_id], shown[article_id], published[article_id] = \
            claims, language, text_language, date
    return counts, languages, shown, published
