"""Is claim B the same claim as claim A, and how did it mutate?

``compare`` scores a pair of ``ClaimFeatures`` (``claimkb.match.features``): the
pair's evidence (``pair_features``: shared wording weighed by rarity and length,
word order, names, figures that agree or disagree, and in the dense tier the
sentence-embedding cosine) goes through a logistic model whose weights were fitted
on the dev half of a hand-labelled gold set (``claimkb.match.model``). The score is
a calibrated probability that B makes the same claim as A.

The score ignores negation, hedges and speakers: a copy whose figure, "not", "may"
or speaker changed is still the same claim, and those are exactly the mutations to
report. They decide ``relation`` instead, by priority:

    negation_flipped > number_changed > number_dropped > speaker_changed >
    hedge_changed > quote_altered > entity_changed > paraphrase > verbatim

(a flipped "not" changes the meaning most; a changed figure next; wording changes
least). Every difference found is listed in ``differences`` whatever the relation.
Pairs scoring below the threshold are ``different`` and get no differences: for
different claims word-by-word evidence means nothing, and skipping it keeps bulk
linking cheap.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from claimkb.ingest.extract.quantities import is_vague, qualifier_direction
from claimkb.ingest.records import Quantity
from claimkb.match.features import TOKEN_RE, ClaimFeatures, claim_features, stem, word_role
from claimkb.match.model import load_model

RELATIONS = (
    "verbatim", "paraphrase", "quote_altered", "number_changed", "number_dropped",
    "hedge_changed", "negation_flipped", "speaker_changed", "entity_changed", "different",
)
# Evidence rules: shared content is weighed word by word (see
# ``claimkb.match.features.FULL_WEIGHT_LENGTH``). A pair shares "little evidence"
# when it shares less than MIN_SHARED_WEIGHT of it, or, for short claims, less than
# NEAR_COMPLETE of the shorter side's, or less than one full word. The model
# weighs this flag with the others; it settles nothing by itself.
MIN_SHARED_WEIGHT = 2.0
NEAR_COMPLETE = 0.9
MIN_ANY_WEIGHT = 1.0
# Figures that disagree between copies this close in wording (dice of the content
# words) are more often a changed number; below it, another event of the same kind
# (a 4.6 and a 4.2 earthquake). A feature, not a rule: the model weighs it.
NEAR_IDENTICAL = 0.8
SOFT_MATCH_CUTOFF = 85  # rapidfuzz ratio for "the same word, spelt differently"
SOFT_MATCH_MIN_LENGTH = 5
HEDGE_CHANGE = 0.2  # a smaller step ("estimates" vs "believes") is wording
RELATIVE_TOLERANCE = 0.005  # "16.9 million" vs 16,900,000 rounding
# Units of find_quantities that are not a counted noun.
COUNT_FREE_UNITS = frozenset(("percent", "fraction", "percentage points"))


@dataclass
class Comparison:
    same_claim: bool
    score: float
    relation: str
    differences: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def compare_texts(
    a: str,
    b: str,
    *,
    speaker_a: str | None = None,
    speaker_b: str | None = None,
    threshold: float | None = None,
    matcher: str = "lexical",
) -> Comparison:
    """Compare two statements as written. ``matcher`` is a tier from
    ``claimkb.match.tiers.resolve_matcher``: "dense" embeds both texts."""
    dense_similarity = None
    if matcher == "dense":
        from claimkb.match.embeddings import embed

        vectors = embed([a, b])
        dense_similarity = float(vectors[0] @ vectors[1])
    return compare(claim_features(a, speaker_a), claim_features(b, speaker_b),
                   dense_similarity=dense_similarity, threshold=threshold)


def compare(
    a: ClaimFeatures,
    b: ClaimFeatures,
    *,
    dense_similarity: float | None = None,
    threshold: float | None = None,
) -> Comparison:
    """Is B the same claim as A? ``threshold`` defaults to the tier's link threshold."""
    model = load_model("lexical" if dense_similarity is None else "dense")
    values = pair_features(a, b)
    if dense_similarity is not None:
        values["cosine"] = dense_similarity
    score = round(model.probability(values), 4)
    if score < (model.threshold if threshold is None else threshold):
        return Comparison(False, score, "different", [])
    differences = (
        _negation_differences(a, b)
        + _number_differences(a, b)
        + _speaker_differences(a, b)
        + _hedge_differences(a, b)
        + _quote_differences(a, b)
        + _wording_differences(a, b)
    )
    return Comparison(True, score, _relation(differences, a, b), differences)


def default_threshold(matcher: str) -> float:
    """The link threshold of a tier ("lexical" or "dense"), chosen on dev."""
    return load_model(matcher).threshold


def pair_features(a: ClaimFeatures, b: ClaimFeatures) -> dict[str, float]:
    """The evidence the model weighs, by name (the dense tier adds ``cosine``).
    Symmetric in A and B: which side came first changes the relation, not the score."""
    matched, shared_weight = _matched_content(a, b)
    smaller = min(len(a.content_set), len(b.content_set))
    larger = max(len(a.content_set), len(b.content_set))
    both = len(a.content_set) + len(b.content_set)
    smaller_weight = min(sum(a.weights.values()), sum(b.weights.values()))
    bigrams_smaller = min(len(a.bigrams), len(b.bigrams))
    entities_smaller = min(len(a.entities), len(b.entities))
    entities_all = a.entities | b.entities
    quantity_match = any(_same_quantity(qa, qb) for qa in a.quantities for qb in b.quantities)
    dice = 2 * matched / both if both else 0.0
    figures_disagree = bool(a.quantities and b.quantities and not quantity_match)
    needed = max(MIN_ANY_WEIGHT, min(MIN_SHARED_WEIGHT, NEAR_COMPLETE * smaller_weight))
    return {
        "containment": matched / smaller if smaller else 0.0,
        "dice": dice,
        "weighted_containment": shared_weight / smaller_weight if smaller_weight else 0.0,
        "bigram_overlap": len(a.bigrams & b.bigrams) / bigrams_smaller if bigrams_smaller else 0.0,
        "entity_overlap": len(a.entities & b.entities) / entities_smaller if entities_smaller else 0.0,
        "entity_missing": 0.0 if entities_smaller else 1.0,
        # Names on one side only: the same sentence about other people or places.
        "entity_mismatch": len(a.entities ^ b.entities) / len(entities_all) if entities_all else 0.0,
        "quantity_match": 1.0 if quantity_match else 0.0,
        "figures_disagree": 1.0 if figures_disagree else 0.0,
        "figures_disagree_not_near_identical": 1.0 if figures_disagree and dice < NEAR_IDENTICAL else 0.0,
        "counted_missing": 1.0 if _counted_missing(a, b) or _counted_missing(b, a) else 0.0,
        "little_evidence": 1.0 if shared_weight < needed else 0.0,
        "log_shared_weight": math.log1p(shared_weight),
        "log_min_length": math.log1p(smaller),
        "length_ratio": smaller / larger if larger else 0.0,
    }


def _matched_content(a: ClaimFeatures, b: ClaimFeatures) -> tuple[int, float]:
    """(count, weight) of shared content words, spelling variants found by rapidfuzz
    included; a variant weighs as its lighter spelling."""
    exact = a.content_set & b.content_set
    weight = sum(min(a.weights[w], b.weights[w]) for w in exact)
    left = [w for w in a.content_set - exact if len(w) >= SOFT_MATCH_MIN_LENGTH]
    right = [w for w in b.content_set - exact if len(w) >= SOFT_MATCH_MIN_LENGTH]
    soft = 0
    for word in left:
        if not right:
            break
        hit = process.extractOne(word, right, scorer=fuzz.ratio, score_cutoff=SOFT_MATCH_CUTOFF)
        if hit:
            right.remove(hit[0])
            soft += 1
            weight += min(a.weights[word], b.weights[hit[0]])
    return len(exact) + soft, weight


def _counted_missing(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    """A counts something ("65 million cyber-tips") and B, with no figure at all,
    does not mention what: B dropped the figure *and* its subject, so it is not a
    copy of that statistic but another claim about the story."""
    if b.quantities:
        return False
    for q in a.quantities:
        if q.unit is None or not q.unit.islower() or q.unit in COUNT_FREE_UNITS:
            continue
        stems = {word_role(w.lower())[0] for w in TOKEN_RE.findall(q.unit)} - {None}
        if stems and not stems & b.content_set:
            return True
    return False


def _relation(differences: list[dict], a: ClaimFeatures, b: ClaimFeatures) -> str:
    kinds = {d["kind"] for d in differences}
    for kind, relation in (
        ("negation", "negation_flipped"),
        ("number", "number_changed"),
        ("number_dropped", "number_dropped"),
        ("speaker", "speaker_changed"),
        ("hedge", "hedge_changed"),
        ("quote", "quote_altered"),
        ("entity", "entity_changed"),
    ):
        if kind in kinds:
            return relation
    return "verbatim" if a.tokens == b.tokens else "paraphrase"


def _negation_differences(a: ClaimFeatures, b: ClaimFeatures) -> list[dict]:
    # Two negations cancel ("not unlikely" aside): what flips meaning is parity.
    if len(a.negations) % 2 == len(b.negations) % 2:
        return []
    return [{
        "kind": "negation",
        "a": " ".join(a.negations) or None,
        "b": " ".join(b.negations) or None,
        "detail": "negated in B" if len(b.negations) % 2 else "negation removed in B",
    }]


def _number_differences(a: ClaimFeatures, b: ClaimFeatures) -> list[dict]:
    """Pair equal figures first; left-over figures of the same sort are changes;
    the rest were dropped from or added to B."""
    left, right = list(a.quantities), list(b.quantities)
    differences = []
    for qa in list(left):
        qb = next((q for q in right if _same_quantity(qa, q)), None)
        if qb is None:
            continue
        left.remove(qa)
        right.remove(qb)
        if _conflicting_qualifiers(qa, qb):
            differences.append({"kind": "number", "a": qa.text, "b": qb.text,
                                "detail": f"qualifier {qa.qualifier or 'none'} -> {qb.qualifier or 'none'}"})
    for qa in list(left):
        options = [q for q in right if _pairable(qa, q)]
        if not options:
            continue
        qb = min(options, key=lambda q: _unit_stem(q) != _unit_stem(qa))  # the same unit first
        left.remove(qa)
        right.remove(qb)
        differences.append({"kind": "number", "a": qa.text, "b": qb.text,
                            "detail": f"{_format_value(qa)} -> {_format_value(qb)}"})
    differences += [{"kind": "number_dropped", "a": q.text, "b": None} for q in left]
    differences += [{"kind": "number_added", "a": None, "b": q.text} for q in right]
    return differences


def _pairable(qa: Quantity, qb: Quantity) -> bool:
    """Could qb be qa with another figure? The same sort and unit; a figure without a
    unit pairs with a count only when both are whole ("five people" / "three"), so
    that "five people" never pairs with a 6.1 magnitude."""
    if _sort_of(qa) != _sort_of(qb):
        return False
    if qa.unit and qb.unit:
        return _unit_stem(qa) == _unit_stem(qb)
    return all(q.value is not None and float(q.value).is_integer() for q in (qa, qb))


def _unit_stem(q: Quantity) -> str | None:
    return stem(q.unit.lower()) if q.unit else None


def _same_quantity(qa: Quantity, qb: Quantity) -> bool:
    # "dozens" is no more 12 than "thousands" is 1,000: vague only matches vague.
    if qa.value is None or qb.value is None or is_vague(qa) != is_vague(qb):
        return False
    va, vb = _comparable(qa, qb), _comparable(qb, qa)
    if not _close(va, vb):
        return False
    return (qa.high is None) == (qb.high is None) and (qa.high is None or _close(qa.high, qb.high))


def _comparable(q: Quantity, other: Quantity) -> float:
    # "half" and "50%" are the same share.
    if q.unit == "fraction" and other.unit == "percent":
        return q.value * 100
    return q.value


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= RELATIVE_TOLERANCE * max(abs(x), abs(y))


def _conflicting_qualifiers(qa: Quantity, qb: Quantity) -> bool:
    """ "over" vs "more than" agree; "about" vs none agree (every figure is
    approximate); "over" vs "under", or "over" vs none, do not."""
    da, db = qualifier_direction(qa.qualifier), qualifier_direction(qb.qualifier)
    if da == db or {da, db} <= {None, "~"}:
        return False
    return True


def _sort_of(q: Quantity) -> str:
    if q.unit in ("percent", "fraction", "percentage points"):
        return "share"
    if q.unit is not None and q.unit.isupper():
        return "money"
    return "count"


def _format_value(q: Quantity) -> str:
    value = f"{q.value:,.6g}" if q.value is not None else "?"
    return f"{value}-{q.high:,.6g}" if q.high is not None else value


def _speaker_differences(a: ClaimFeatures, b: ClaimFeatures) -> list[dict]:
    if not a.speaker or not b.speaker or _same_speaker(a.speaker, b.speaker):
        return []
    return [{"kind": "speaker", "a": a.speaker, "b": b.speaker}]


def _same_speaker(x: str, y: str) -> bool:
    # "Williams" and "Beth Williams" are one person: one name's words within the other's.
    words_x, words_y = set(x.lower().replace(".", "").split()), set(y.lower().replace(".", "").split())
    return words_x <= words_y or words_y <= words_x


def _hedge_differences(a: ClaimFeatures, b: ClaimFeatures) -> list[dict]:
    change = b.hedge_strength - a.hedge_strength
    if abs(change) < HEDGE_CHANGE:
        return []
    return [{"kind": "hedge", "a": a.hedge, "b": b.hedge,
             "detail": "strengthened" if change > 0 else "weakened"}]


def _quote_differences(a: ClaimFeatures, b: ClaimFeatures) -> list[dict]:
    """Both quote and the quoted words differ, or B puts quote marks around words
    A does not contain. A quote turned into reported speech is not an alteration."""
    if not b.quoted:
        return []
    if a.quoted:
        if a.quoted_content == b.quoted_content:
            return []
        detail = "quoted words changed"
    elif b.quoted_content <= a.content_set:
        return []
    else:
        detail = "quotes words A does not contain"
    return [{"kind": "quote", "a": " / ".join(a.quoted) or None, "b": " / ".join(b.quoted), "detail": detail}]


def _wording_differences(a: ClaimFeatures, b: ClaimFeatures) -> list[dict]:
    """Word-level diff of the content words (a longest-common-subsequence alignment
    by rapidfuzz), shown as written."""
    differences = []
    for op, i1, i2, j1, j2 in _word_opcodes(a.content, b.content):
        if op == "equal":
            continue
        words_a = _as_written(a, i1, i2)
        words_b = _as_written(b, j1, j2)
        if op == "delete":
            differences.append({"kind": "words_dropped", "a": words_a, "b": None})
        elif op == "insert":
            differences.append({"kind": "words_added", "a": None, "b": words_b})
        else:
            changed_entity = any(w in a.entities and w not in b.content_set for w in a.content[i1:i2]) or any(
                w in b.entities and w not in a.content_set for w in b.content[j1:j2]
            )
            differences.append({"kind": "entity" if changed_entity else "wording", "a": words_a, "b": words_b})
    return differences


def _word_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes: Indel aligns by longest common subsequence and reports
    a swapped word as a deletion next to an insertion; those become one "replace"."""
    merged: list[tuple[str, int, int, int, int]] = []
    for op, i1, i2, j1, j2 in Indel.opcodes(a, b).as_list():
        if merged and {op, merged[-1][0]} == {"delete", "insert"}:
            _, p1, _, q1, _ = merged.pop()
            op, i1, j1 = "replace", p1, q1
        merged.append((op, i1, i2, j1, j2))
    return merged


def _as_written(features: ClaimFeatures, start: int, end: int) -> str:
    return " ".join(features.text[s:e] for s, e in features.content_spans[start:end])
