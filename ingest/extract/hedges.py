"""Hedges: how sure a claim says it is. "may vanish" and "will vanish" are the same
claim told with different certainty; ``compare`` reports that as hedge_changed.

A small lexicon of modal verbs, belief/reporting verbs and adverbs, each with a
certainty on [0, 1]: a plain statement ("is", no cue) is 1.0, "will" 0.95, "may" 0.4.
"can" is left out: in news it mostly states ability ("a predator can use social
media"), not doubt.
"""
from __future__ import annotations

import re

# Certainty of each cue's base form. Roughly: stated fact 1.0 > firm prediction >
# expectation/estimate > belief/report > possibility.
HEDGE_STRENGTH = {
    "will": 0.95, "shall": 0.95, "must": 0.9, "certainly": 0.95, "definitely": 0.95,
    "clearly": 0.9, "would": 0.7, "should": 0.75,
    "likely": 0.7, "probably": 0.7, "expect": 0.7, "predict": 0.7, "estimate": 0.7,
    "forecast": 0.7, "project": 0.7,
    "believe": 0.6, "think": 0.6, "appear": 0.6, "seem": 0.6, "apparently": 0.6,
    "reportedly": 0.6, "suggest": 0.55, "claim": 0.55, "allege": 0.5, "allegedly": 0.5,
    "supposedly": 0.5, "presumably": 0.6, "fear": 0.5,
    "could": 0.45, "may": 0.4, "might": 0.35, "possibly": 0.4, "perhaps": 0.4,
    "maybe": 0.4, "unlikely": 0.3,
}
# Surface forms as written, lower-cased -> base form.
FORMS = {
    **{w: w for w in HEDGE_STRENGTH},
    "won't": "will", "won’t": "will", "wouldn't": "would", "wouldn’t": "would",
    "shouldn't": "should", "shouldn’t": "should", "couldn't": "could", "couldn’t": "could",
    "mustn't": "must", "mustn’t": "must", "'ll": "will", "’ll": "will",
    "going to": "will",
}
for _verb, _forms in {
    "expect": ("expects", "expected", "expecting"),
    "predict": ("predicts", "predicted", "predicting"),
    "estimate": ("estimates", "estimated", "estimating"),
    "forecast": ("forecasts", "forecasted", "forecasting"),
    "project": ("projects", "projected"),
    "believe": ("believes", "believed", "believing"),
    "think": ("thinks", "thought"),
    "appear": ("appears", "appeared"),
    "seem": ("seems", "seemed"),
    "suggest": ("suggests", "suggested", "suggesting"),
    "claim": ("claims", "claimed", "claiming"),
    "allege": ("alleges", "alleged"),
    "fear": ("fears", "feared"),
}.items():
    FORMS.update(dict.fromkeys(_forms, _verb))
# "project" and "projects" are mostly nouns; keep only the clearly verbal "projected".
for _noun_like in ("project", "projects", "claim", "fear"):
    FORMS.pop(_noun_like)

_WORDS = "|".join(re.escape(f) for f in sorted(FORMS, key=len, reverse=True) if f[0].isalpha())
# Lower-case only: "May" is a month and "Will" a name when capitalized mid-sentence.
HEDGE_RE = re.compile(rf"(?<![\w'’-])(?:{_WORDS})(?![\w-])|(?<=\w)['’]ll\b")
# A capitalized cue opening the text ("May the ...", "Perhaps ...").
OPENING_HEDGE_RE = re.compile(rf"^\W*(?P<cue>(?i:{_WORDS}))\s+[a-z]")
# "the will of", "his will": the noun, not the modal.
NOUN_WILL_RE = re.compile(r"\b(?:the|his|her|their|a|free|political|good)\s+$", re.IGNORECASE)


def find_hedge(text: str) -> str | None:
    """The cue that sets the claim's certainty, lower-cased as written.

    When several cues occur ("estimates that ... will vanish") the weakest wins,
    because it bounds how sure the whole claim is; ties go to the first.
    """
    cues = []
    opening = OPENING_HEDGE_RE.match(text)
    if opening and opening["cue"][0].isupper():
        cues.append(opening["cue"].lower())
    for match in HEDGE_RE.finditer(text):
        cue = match.group()
        if cue == "will" and NOUN_WILL_RE.search(text, 0, match.start()):
            continue
        cues.append(cue)
    if not cues:
        return None
    return min(cues, key=hedge_strength)


def hedge_strength(hedge: str | None) -> float:
    """Certainty on [0, 1]: 1.0 for no hedge, 0.95 "will", 0.7 "estimates",
    0.4 "may". An unknown cue counts as a middling 0.6."""
    if hedge is None:
        return 1.0
    base = FORMS.get(hedge.lower().strip())
    return HEDGE_STRENGTH[base] if base else 0.6
