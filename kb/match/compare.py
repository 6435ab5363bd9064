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

    negation_flipped > direction_flipped > number_changed > date_changed > number_dropped >
    speaker_changed > hedge_changed > quote_altered > entity_changed > paraphrase >
    verbatim

(a flipped "not" changes the meaning most; a changed figure or date next; wording
changes least). A negation is read from the words, and where both claims were parsed
(``ClaimFeatures.negated``, ``claims.negated``), it flips only when the parse reads one
main statement as negated and the other not: a "not" in a relative clause or a label
turns nothing round. Every difference found is listed in ``differences`` whatever the relation,
reading from A to B. Figures are paired by ``kb.match.numbers`` and words by
``kb.match.wordiff``, the judgments the Datasette family page shows too.
A claim of fewer than MIN_STATEMENT_WORDS words ("Yes.", "Absolutely not") is never the
same claim as another: its meaning is the question it answers or the sentence
around it, so two such claims that agree word for word say nothing of each other.
A claim written in another script than Latin (Cyrillic, Hangul, Han, Greek, Arabic...)
is the same claim as another only when their words are the same: the model's weights
were fitted on English pairs and the dense tier's MiniLM reads English, so two unrelated
Russian or Korean sentences score as high as two copies (0.84–0.93, measured on the
Article Extraction Benchmark's pages), while a copy word for word is a copy in any
language.
Pairs scoring below the threshold are ``different`` and get no differences: for
different claims word-by-word evidence means nothing, and skipping it keeps bulk
linking cheap.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz, process

from claimkb.ingest.extract.dates import dates_disagree
from claimkb.ingest.extract.polarity import texts_negated
from claimkb.match.features import NEGATION_SCOPE_WORDS, TOKEN_RE, ClaimFeatures, claim_features, word_role
from claimkb.match.languages import can_judge, same_words, text_read
from claimkb.match.model import load_model
from claimkb.match.numbers import MEASURES, SHARE_UNITS, match_quantities, same_quantity
from claimkb.match.wordiff import SAME, word_diff

RELATIONS = (
    "verbatim", "paraphrase", "quote_altered", "number_changed", "date_changed", "number_dropped",
    "hedge_changed", "negation_flipped", "direction_flipped", "speaker_changed", "entity_changed", "different",
)
# Words that say which way something went, as written: a copy that puts one for its
# opposite ("unemployment fell" / "rose", "won" / "lost three seats") reverses the claim.
# Comparatives of amount ("more" / "fewer") are the figures' qualifiers (see
# ``kb.match.numbers``), not listed here.
DIRECTION_WORDS = {
    "up": frozenset("""
        rise rises rose risen rising increase increases increased increasing grow grows grew grown
        growing gain gains gained gaining climb climbs climbed climbing jump jumps jumped jumping
        soar soars soared soaring surge surges surged surging raise raises raised raising boost
        boosts boosted boosting expand expands expanded expanding win wins won winning up higher
        """.split()),
    "down": frozenset("""
        fall falls fell fallen falling decrease decreases decreased decreasing shrink shrinks shrank
        shrunk shrinking lose loses lost losing drop drops dropped dropping decline declines declined
        declining plunge plunges plunged plunging slump slumps slumped slumping sink sinks sank sunk
        sinking reduce reduces reduced reducing cut cuts cutting down lower
        """.split()),
}
# Verbs and a preposition that deny in their own meaning ("refuses to talk" is "won't
# talk", "missed the change" "didn't make it", "parents against a reunion" "no reunion"):
# a copy that says with one of them what the other says with "not" turned nothing round.
IMPLICIT_NEGATIVES = frozenset("""
    refuse refuses refused refusing fail fails failed failing miss misses missed skip skips skipped
    skipping stop stops stopped stopping cease ceases ceased quit quits avoid avoids avoided avoiding
    deny denies denied denying reject rejects rejected rejecting oppose opposes opposed opposing against
    ban bans banned banning halt halts halted lack lacks lacked lacking cancel cancels cancelled
    canceled scrap scraps scrapped abandon abandons abandoned
    """.split())
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
MIN_STATEMENT_WORDS = 3  # two words are far more often an answer or an exclamation than a statement
SOFT_MATCH_CUTOFF = 85  # rapidfuzz ratio for "the same word, spelt differently"
SOFT_MATCH_MIN_LENGTH = 5
# Single letters in a row, as initials leave them once their dots are gone ("u s").
INITIALS_RUN = re.compile(r"\b[^\W\d_](?: +[^\W\d_]\b)+")
HEDGE_CHANGE = 0.2  # a smaller step ("estimates" vs "believes") is wording
# A place's adjective is mostly its name plus an ending (Indonesia / Indonesian, Japan /
# Japanese, Iraq / Iraqi, Canada / Canadian, Italy / Italian, Germany / German), so "the
# Indonesian province" and "Indonesia's province" name one place. Irregular adjectives
# (France / French) are not found. Names shorter than MIN_PLACE_NAME are left out:
# "Ira" / "Iran" is two names, not a place and its adjective.
PLACE_ADJECTIVE_ENDINGS = ("ian", "an", "n", "ese", "i")
MIN_PLACE_NAME = 4


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
    """Compare two statements as written, each parsed as ingest parses a claim (for its
    main statement's negation). ``matcher`` is a tier from
    ``claimkb.match.tiers.resolve_matcher``: "dense" embeds both texts. A statement
    whose words plainly show another language than English is the same claim only word
    for word (``claimkb.match.languages``)."""
    if not can_judge(text_read(a), text_read(b), a, b):
        return Comparison(False, 0.0, "different", [])
    dense_similarity = None
    if matcher == "dense":
        from claimkb.match.embeddings import embed

        vectors = embed([a, b])
        dense_similarity = float(vectors[0] @ vectors[1])
    # each statement parsed as ingest parses a claim, so that a flipped negation means
    # here what it means in a link
    negated_a, negated_b = texts_negated([a, b])
    return compare(claim_features(a, speaker_a, negated=negated_a), claim_features(b, speaker_b, negated=negated_b),
                   dense_similarity=dense_similarity, threshold=threshold)


def compare(
    a: ClaimFeatures,
    b: ClaimFeatures,
    *,
    dense_similarity: float | None = None,
    threshold: float | None = None,
) -> Comparison:
    """Is B the same claim as A? ``threshold`` defaults to the tier's link threshold."""
    if min(len(a.tokens), len(b.tokens)) < MIN_STATEMENT_WORDS:
        return Comparison(False, 0.0, "different", [])
    if not (a.latin and b.latin) and not same_words(a.text, b.text):
        return Comparison(False, 0.0, "different", [])
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
        + _date_differences(a, b)
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
    bigrams_a, bigrams_b = a.bigrams(), b.bigrams()
    bigrams_smaller = min(len(bigrams_a), len(bigrams_b))
    entities_smaller = min(len(a.entities), len(b.entities))
    entities_all = a.entities | b.entities
    quantity_match = any(same_quantity(qa, qb) for qa in a.quantities for qb in b.quantities)
    dice = 2 * matched / both if both else 0.0
    figures_disagree = bool(a.quantities and b.quantities and not quantity_match)
    needed = max(MIN_ANY_WEIGHT, min(MIN_SHARED_WEIGHT, NEAR_COMPLETE * smaller_weight))
    return {
        "containment": matched / smaller if smaller else 0.0,
        "dice": dice,
        "weighted_containment": shared_weight / smaller_weight if smaller_weight else 0.0,
        "bigram_overlap": len(bigrams_a & bigrams_b) / bigrams_smaller if bigrams_smaller else 0.0,
        "entity_overlap": len(a.entities & b.entities) / entities_smaller if entities_smaller else 0.0,
        "entity_missing": 0.0 if entities_smaller else 1.0,
        # Names on one side only: the same sentence about other people or places.
        "entity_mismatch": len(a.entities ^ b.entities) / len(entities_all) if entities_all else 0.0,
        "quantity_match": 1.0 if quantity_match else 0.0,
        "figures_disagree": 1.0 if figures_disagree else 0.0,
        "figures_disagree_not_near_identical": 1.0 if figures_disagree and dice < NEAR_IDENTICAL else 0.0,
        # Dates of one kind that disagree ("Tuesday"/"Friday", "2007"/"2009"): another
        # event of the same kind as often as a changed detail; the model weighs which.
        "dates_disagree": 1.0 if dates_disagree(a.dates, b.dates) else 0.0,
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
        if q.unit is None or not q.unit.islower() or q.unit in SHARE_UNITS:
            continue
        stems = {word_role(w.lower())[0] for w in TOKEN_RE.findall(q.unit)} - {None}
        if stems and not stems & b.content_set:
            return True
    return False


def _relation(differences: list[dict], a: ClaimFeatures, b: ClaimFeatures) -> str:
    kinds = {d["kind"] for d in differences}
    for kind, relation in (
        ("negation", "negation_flipped"),
        ("direction", "direction_flipped"),
        ("number", "number_changed"),
        ("date", "date_changed"),
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
    # Where the parse read both claims, their main statements must differ in it: a "not"
    # in a relative clause ("married a man who isn't Baird") or on a noun turns nothing round.
    if a.negated is not None and b.negated is not None and a.negated == b.negated:
        return []
    # Only a cue that negates something both claims say counts: "No tsunami warning was
    # issued" says nothing about the injuries the other copy reports.
    cues_a = _shared_negations(a, b)
    cues_b = _shared_negations(b, a)
    # Two negations cancel ("not unlikely" aside): what flips meaning is parity.
    if len(cues_a) % 2 == len(cues_b) % 2:
        return []
    negated, other = (a, b) if len(cues_a) % 2 else (b, a)
    if _denies_in_other_words(other, negated):
        return []
    lowered = _diminished(other, negated)
    if lowered:
        # "less able" -> "not able": a reduction made total, the same claim made stronger.
        negation = " ".join(cues_a if negated is a else cues_b)
        return [{
            "kind": "hedge",
            "a": negation if negated is a else " ".join(lowered),
            "b": negation if negated is b else " ".join(lowered),
            "detail": "strengthened" if negated is b else "weakened",
        }]
    return [{
        "kind": "negation",
        "a": " ".join(cues_a) or None,
        "b": " ".join(cues_b) or None,
        "detail": "negated in B" if len(cues_b) % 2 else "negation removed in B",
    }]


def _denies_in_other_words(x: ClaimFeatures, negated: ClaimFeatures) -> bool:
    """X denies with one of ``IMPLICIT_NEGATIVES`` what the negated claim denies with a
    cue: the word is followed by something the cue negates ("won't talk about Lee" /
    "refuses to talk about Lee"), and the negated claim does not use the word itself
    ("did not miss the ferry" / "missed the ferry" is a flip)."""
    denied = frozenset().union(*negated.negation_scopes)
    for k, token in enumerate(x.tokens):
        if token not in IMPLICIT_NEGATIVES or word_role(token)[0] in negated.content_set:
            continue
        following = [stem for stem in (word_role(t)[0] for t in x.tokens[k + 1:]) if stem]
        if denied.intersection(following[:NEGATION_SCOPE_WORDS]):
            return True
    return False


def _diminished(x: ClaimFeatures, negated: ClaimFeatures) -> list[str]:
    """X's diminishers ("less", "fewer") of something the negated claim denies."""
    denied = frozenset().union(*negated.negation_scopes)
    return [cue for cue, scope in zip(x.diminishers, x.diminisher_scopes) if scope & denied]


def _shared_negations(x: ClaimFeatures, other: ClaimFeatures) -> list[str]:
    """X's negation cues whose scope names something the other claim also says (a cue
    that ends its clause, as in "Never.", counts)."""
    return [cue for cue, scope in zip(x.negations, x.negation_scopes)
            if not scope or scope & other.content_set]


def _number_differences(a: ClaimFeatures, b: ClaimFeatures) -> list[dict]:
    return [d for d in (m.difference() for m in match_quantities(a.quantities, b.quantities, (a.text, b.text))) if d]


def _date_differences(a: ClaimFeatures, b: ClaimFeatures) -> list[dict]:
    return [{"kind": "date", "a": " / ".join(d.text for d in of_a), "b": " / ".join(d.text for d in of_b),
             "detail": of_a[0].kind}
            for of_a, of_b in dates_disagree(a.dates, b.dates)]


def _speaker_differences(a: ClaimFeatures, b: ClaimFeatures) -> list[dict]:
    if not a.speaker or not b.speaker or _same_speaker(a.speaker, b.speaker):
        return []
    return [{"kind": "speaker", "a": a.speaker, "b": b.speaker}]


def _same_speaker(x: str, y: str) -> bool:
    # "Williams" and "Beth Williams" are one person: one name's words within the other's.
    words_x, words_y = _name_words(x), _name_words(y)
    return words_x <= words_y or words_y <= words_x


def _name_words(name: str) -> set[str]:
    """A name's lower-cased words, initials run together: "U. S. Geological Survey",
    "U.S. Geological Survey" and "US Geological Survey" all give {us, geological, survey}."""
    return set(INITIALS_RUN.sub(lambda m: m.group().replace(" ", ""), name.lower().replace(".", " ")).split())


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
    """The word diff's segments (``kb.match.wordiff``) that change content words,
    each side shown as its content words as written. A segment that changes only
    function words, punctuation, figures (compared as numbers) or a word's ending
    ("report" / "reports") is no evidence, and neither is a word the other text also
    says elsewhere: a reordered sentence ("the quake that hit Aceh" / "Aceh was hit
    by a quake") moved it, and listing it as added or changed would say B lacks it.
    A place's name where the other says its adjective ("Kenya's" / "Kenyan") is said too.
    Units of measure ("km", "kilometres", "miles") are the figures' evidence: a copy that
    spells a unit out or converts it changed no wording."""
    differences = []
    for segment in word_diff(a.text, b.text):
        if segment.op == SAME:
            continue
        in_a = [k for k in _content_within(a, segment.span_a) if not _said_in(a, k, b) and not _unit(a, k)]
        in_b = [k for k in _content_within(b, segment.span_b) if not _said_in(b, k, a) and not _unit(b, k)]
        if not in_a and not in_b:
            continue
        words_a, words_b = _as_written(a, in_a), _as_written(b, in_b)
        if not in_b:
            differences.append({"kind": "words_dropped", "a": words_a, "b": None})
        elif not in_a:
            differences.append({"kind": "words_added", "a": None, "b": words_b})
        else:
            # a name for a name ("Kenyan" / "Ugandan"); a name for a description, or a
            # description that holds a name, is wording ("across Asia" / "in 14 countries",
            # "the Scottish actor best known as Malcolm Tucker" / "Peter Capaldi")
            changed_entity = all(a.content[k] in a.entities for k in in_a) and all(b.content[k] in b.entities for k in in_b)
            kind = "entity" if changed_entity else "direction" if _reversed(words_a, words_b) else "wording"
            differences.append({"kind": kind, "a": words_a, "b": words_b})
    return differences


def _reversed(words_a: str, words_b: str) -> bool:
    """Whether one side says a thing went up where the other says it went down."""
    directions_a = {d for d, words in DIRECTION_WORDS.items() if words & set(words_a.lower().split())}
    directions_b = {d for d, words in DIRECTION_WORDS.items() if words & set(words_b.lower().split())}
    return len(directions_a) == len(directions_b) == 1 and directions_a != directions_b


def _said_in(features: ClaimFeatures, k: int, other: ClaimFeatures) -> bool:
    """The other claim says content word ``k`` too, or, for a place's name or adjective,
    the other form of it. One of the two must be written as a name: a headline
    capitalizes every word, so there neither counts as one."""
    word = features.content[k]
    if word in other.content_set:
        return True
    # a name and its adjective share at least the name less its last letter
    prefix = word[: MIN_PLACE_NAME - 1]
    return any(said.startswith(prefix) and _one_place(word, said) and (word in features.entities or said in other.entities)
               for said in other.content_set)


def _one_place(x: str, y: str) -> bool:
    """Two stems that are a place's name and its adjective (see PLACE_ADJECTIVE_ENDINGS)."""
    name, adjective = sorted((x, y), key=len)
    if len(name) < MIN_PLACE_NAME or name == adjective:
        return False
    if adjective == name + "y":  # German / Germany: the name is the longer one
        return True
    for ending in PLACE_ADJECTIVE_ENDINGS:
        if adjective.endswith(ending):
            stem = adjective[: -len(ending)]
            # Kenya / Kenyan keep the name whole; Canada / Canadian, China / Chinese and
            # Italy / Italian drop its final vowel or y first
            if stem == name or stem == name[:-1] and name[-1] in "aeoy":
                return True
    return False


def _unit(features: ClaimFeatures, k: int) -> bool:
    return features.text[features.content_starts[k]:features.content_ends[k]].lower() in MEASURES


def _content_within(features: ClaimFeatures, span: tuple[int, int]) -> list[int]:
    """Positions in ``features.content`` of the content words inside ``span``."""
    first = bisect.bisect_left(features.content_starts, span[0])
    last = first
    while last < len(features.content_ends) and features.content_ends[last] <= span[1]:
        last += 1
    return list(range(first, last))


def _as_written(features: ClaimFeatures, positions: list[int]) -> str:
    return " ".join(features.text[features.content_starts[k]:features.content_ends[k]] for k in positions)
