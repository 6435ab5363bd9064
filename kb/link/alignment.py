"""Translation alignment: the claims of an article that translates another map onto
the source's claims in order; and one counterpart per claim inside any derivation.

The pair-level score (``claimkb.match.compare``) sees two sentences and nothing
else, and its link threshold is set for precision among pairs drawn from anywhere.
Inside a translation (``claimkb.link.derivations``: B renders A in another language and
enough of B's claims are linked or probable), position is evidence it does not see: a claim of B that sits
between two linked claims can only be a copy of a source claim between their
counterparts. So the unlinked claims of B in each gap are compared with the
unlinked source claims of that gap and paired one to one, in order (a translation
keeps the order of what it renders, so two pairs never cross), choosing the pairs
whose scores sum highest, each one a pair the calibrated score says is more likely
the same claim than not (``ALIGNED_THRESHOLD``). Such links carry the method
``<tier>+aligned`` so that a reader knows the position was part of the evidence.

Position is evidence only inside a translation (``ALIGNED_RELATION``: a language
signal), where a pair score that reads one language cannot see a rendered sentence as a
copy. A rewrite is as often an independent report of the same event that shares a
third of its statements, in an order of its own: on ECB+ documents, links aligned
inside rewrites were the same claim about 85% of the time on a dev reading (34 of 40)
and 64% on the labelled test sample (``benchmarks/link_precision.py``), against 95% for
the pair score's links. No score floor rescues them: every gap pair of every rewrite,
labelled blind (``benchmarks/rewrite_alignment.py``), is the same claim 82% of the time
on dev and 71% on test from 0.5, and from the floor dev picks (0.8: 97% on dev) 74% on
test. Nor inside a re-publication in the same language (``benchmarks/rewrite_alignment.py
--copies``, every gap pair labelled blind): what the pair score leaves unlinked there is
mostly what the copy's writer changed, the same claim 75% of the time on dev (39 of 52)
and 73% on test (19 of 26) from 0.5, and at no floor up to 0.8 above 82% on dev. The
shared corpora hold no translated copy, so alignment inside translations is unmeasured.

Before that, ``keep_one_counterpart`` settles the claims linked to two claims of the
other article: a re-publication copies each statement once, so the links that the
article pair's best one-to-one matching leaves out go, unless they join the halves of
a split sentence to the whole.
"""
from __future__ import annotations

import bisect
import json
from collections import defaultdict

import networkx as nx

from claimkb.ingest.extract.language import text_language
from claimkb.link.derivations import ALIGNED_SUFFIX, MIN_SHARE, MIN_SHARED, language_signal
from claimkb.link.families import ORDER_SQL
from claimkb.match.compare import NEAR_COMPLETE, pair_features
from claimkb.match.features import claim_features

# A calibrated probability above one half: the model alone says "more likely the
# same claim than not"; the gap between two copied claims says where to look.
ALIGNED_THRESHOLD = 0.5
# A link whose shorter side has this share of its content in the longer one is half
# of a split sentence, not a look-alike (``NEAR_COMPLETE`` of the pair score).
SPLIT_CONTAINMENT = NEAR_COMPLETE

DERIVATIONS_SQL = "select article_id, derived_from from article_derivations"
ALIGNED_RELATION = "translates"
ALIGNED_SQL = f"{DERIVATIONS_SQL} where relation = '{ALIGNED_RELATION}'"
CLAIMS_SQL = "select id, char_start from claims where article_id = ? order by char_start, id"
LINKED_LATER_SQL = """
select l.claim_b from claim_links l
join claims ca on ca.id = l.claim_a join claims cb on cb.id = l.claim_b
where ca.article_id = ? and cb.article_id = ?
"""
SCORED_LINKS_SQL = """
select l.claim_a, l.claim_b, ca.content, cb.content from claim_links l
join claims ca on ca.id = l.claim_a join claims cb on cb.id = l.claim_b
where ca.article_id = ? and cb.article_id = ?
"""
LINKS_SQL = """
select l.claim_a, l.claim_b from claim_links l
join claims ca on ca.id = l.claim_a join claims cb on cb.id = l.claim_b
where ca.article_id = ? and cb.article_id = ?
"""


def align_derivations(db, comparer, method: str, article_ids=None, probable=()) -> int:
    """Add the in-order links of every derivation (or of those involving
    ``article_ids``); ``comparer(earlier_id, later_id)`` returns a ``Comparison``.
    ``probable`` lists (earlier, later) claim pairs that scored at least
    ``ALIGNED_THRESHOLD`` without being linked: an article pair whose links and
    probable pairs together cover a derivation's share of the later article is
    aligned too, since a copy rewords enough claims to stay under the link threshold.
    Returns the number of links added."""
    rows = []
    for later, earlier in _article_pairs(db, probable):
        if article_ids is not None and later not in article_ids and earlier not in article_ids:
            continue
        for pair in gap_pairs(db, earlier, later, comparer):
            # Links read in publication order, ties by claim id, like every other link.
            first, second = sorted(pair, key=lambda claim_id: _order_key(db, claim_id))
            comparison = comparer(first, second)
            rows.append((first, second, comparison.score, comparison.relation,
                         json.dumps(comparison.differences, ensure_ascii=False), method + ALIGNED_SUFFIX))
    with db.atomic():
        # a pair reached from two article pairs (or already linked) is written once
        written = db.conn.executemany(
            "insert or ignore into claim_links (claim_a, claim_b, score, relation, evidence, method)"
            " values (?, ?, ?, ?, ?, ?)",
            rows,
        ).rowcount
    return written


def keep_one_counterpart(db, comparer, article_ids=None) -> int:
    """Inside each derivation (or those involving ``article_ids``), delete a link that
    the article pair's best one-to-one matching leaves out, unless one side holds the
    other's content (``SPLIT_CONTAINMENT``: a sentence split in two, or two merged).

    A re-publication copies each statement once, so a claim linked to two claims of
    its source has one true counterpart, and the other link is a look-alike the pair
    score could not tell apart (a headline that sums up a quote the copy reworded).
    Which one is decided with the whole article pair in view: every pair of their
    claims scoring at least ``ALIGNED_THRESHOLD`` takes part in one maximum-weight
    one-to-one matching, so a look-alike loses to the two pairs it would displace.
    Returns the number of links deleted."""
    dropped = []
    for later, earlier in db.execute(DERIVATIONS_SQL).fetchall():
        if article_ids is not None and later not in article_ids and earlier not in article_ids:
            continue
        links = db.execute(SCORED_LINKS_SQL, [earlier, later]).fetchall()
        if len({a for a, *_ in links}) == len(links) == len({b for _, b, *_ in links}):
            continue  # already one to one
        source = [row[0] for row in db.execute(CLAIMS_SQL, [earlier])]
        copy = [row[0] for row in db.execute(CLAIMS_SQL, [later])]
        kept = _best_one_to_one(source, copy, comparer)
        for a, b, text_a, text_b in links:
            if (a, b) not in kept and not _split_or_merged(text_a, text_b):
                dropped.append((a, b))
    with db.atomic():
        db.conn.executemany("delete from claim_links where claim_a = ? and claim_b = ?", dropped)
    return len(dropped)


def _best_one_to_one(source: list[str], copy: list[str], comparer) -> set[tuple[str, str]]:
    """The (source, copy) pairs scoring at least ``ALIGNED_THRESHOLD``, one to one, whose
    scores sum highest (a maximum-weight matching; order is not imposed, since a rewrite
    may move a paragraph)."""
    graph = nx.Graph()
    for a in source:
        for b in copy:
            score = comparer(a, b).score
            if score >= ALIGNED_THRESHOLD:
                graph.add_edge(("source", a), ("copy", b), weight=score)
    return {(x[1], y[1]) if x[0] == "source" else (y[1], x[1]) for x, y in nx.max_weight_matching(graph)}


def _split_or_merged(text_a: str, text_b: str) -> bool:
    return pair_features(claim_features(text_a), claim_features(text_b))["weighted_containment"] >= SPLIT_CONTAINMENT


def _article_pairs(db, probable) -> list[tuple[str, str]]:
    """(later, earlier) article pairs to align: the derivations that translate, and the
    pairs in two languages whose linked or probable claims make up a derivation's share
    of the later article (a translation rewords enough to stay under the threshold)."""
    pairs = dict.fromkeys(tuple(row) for row in db.execute(ALIGNED_SQL).fetchall())
    derivations = {tuple(row) for row in db.execute(DERIVATIONS_SQL).fetchall()}
    covered = defaultdict(set)  # (later, earlier) -> claims of the later article
    article_of = {}
    ids = {claim for pair in probable for claim in pair}
    for claim_id in ids:
        article_of[claim_id] = db.execute("select article_id from claims where id = ?", [claim_id]).fetchone()[0]
    for earlier_claim, later_claim in probable:
        covered[(article_of[later_claim], article_of[earlier_claim])].add(later_claim)
    for (later, earlier), claims in covered.items():
        if (later, earlier) in derivations or later == earlier or not _languages_differ(db, later, earlier):
            continue
        claims |= {row[0] for row in db.execute(LINKED_LATER_SQL, [earlier, later])}
        total = db.execute("select count(*) from claims where article_id = ?", [later]).fetchone()[0]
        if len(claims) >= MIN_SHARED and len(claims) >= MIN_SHARE * total:
            pairs[(later, earlier)] = None
    return list(pairs)


def _languages_differ(db, later: str, earlier: str) -> bool:
    """The language signal of a derivation (``claimkb.link.derivations.language_signal``)."""
    (declared_later, text_later), (declared_earlier, text_earlier) = (
        db.execute("select language, text from articles where id = ?", [article]).fetchone()
        for article in (later, earlier))
    return language_signal(declared_earlier, declared_later, text_language(text_earlier or ""),
                           text_language(text_later or "")) is not None


def _order_key(db, claim_id: str) -> tuple:
    return db.execute(f"select {ORDER_SQL} from claims c join articles a on a.id = c.article_id where c.id = ?",
                      [claim_id]).fetchone()


def gap_pairs(db, earlier: str, later: str, comparer, threshold: float = ALIGNED_THRESHOLD):
    """(source claim, copy claim) pairs of the gaps between linked claims of two
    articles, one to one and in order within a gap, each scoring at least ``threshold``."""
    source = [row[0] for row in db.execute(CLAIMS_SQL, [earlier])]
    copy = [row[0] for row in db.execute(CLAIMS_SQL, [later])]
    position = {claim_id: k for k, claim_id in enumerate(source)}
    anchors = defaultdict(list)  # copy position -> source positions it is linked to
    linked_sources = set()
    for a, b in db.execute(LINKS_SQL, [earlier, later]):
        anchors[copy.index(b)].append(position[a])
        linked_sources.add(position[a])
    anchored = sorted(anchors)
    if not anchored:
        return  # nothing to align by
    gaps = defaultdict(list)  # (first, last source position) -> copy claims in that gap
    for k, claim_id in enumerate(copy):
        if k in anchors:
            continue
        at = bisect.bisect(anchored, k)
        low = max(anchors[anchored[at - 1]]) + 1 if at else 0
        high = min(anchors[anchored[at]]) if at < len(anchored) else len(source)
        gaps[(low, high)].append(claim_id)
    for (low, high), copies in gaps.items():
        # A source claim already linked is not a candidate: a second copy of it (a
        # split sentence) must pass the ordinary link threshold on its own.
        candidates = [source[i] for i in range(low, high) if i not in linked_sources]
        scores = [[comparer(candidate, claim_id).score for claim_id in copies] for candidate in candidates]
        for i, j in monotone_pairs(scores, threshold):
            yield candidates[i], copies[j]


def monotone_pairs(scores: list[list[float]], threshold: float) -> list[tuple[int, int]]:
    """(row, column) pairs, one to one and in order in both (no two pairs cross), each
    scoring at least ``threshold``, whose scores sum highest: an alignment of two
    sequences by dynamic programming. Ties keep the earlier pairing."""
    rows, columns = len(scores), len(scores[0]) if scores else 0
    # best[i][j]: the highest sum aligning the first i rows with the first j columns.
    best = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, columns + 1):
            score = scores[i - 1][j - 1]
            paired = best[i - 1][j - 1] + score if score >= threshold else 0.0
            best[i][j] = max(best[i - 1][j], best[i][j - 1], paired)
    pairs, i, j = [], rows, columns
    while i and j:
        score = scores[i - 1][j - 1]
        if score >= threshold and best[i][j] == best[i - 1][j - 1] + score:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]
