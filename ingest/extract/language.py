"""Which language a text is written in, when its words show it plainly, and what a
declared language tag says. Article derivation calls a copy a translation only on
such a signal.

Two cheap signals, no model:

- **script**: when most letters are of one non-Latin script, the text is in a
  language of that script ("el" for Greek; the script's name where several
  languages share it, as "Cyrillic" or "Arabic");
- **function words**: in Latin script, the share of words that are the commonest
  function words of each language (articles, prepositions, pronouns, auxiliaries;
  a word several languages share counts for each in part). These make up a quarter
  to a half of running text in their own language and little of another's, so one
  language standing well above the rest is a safe guess.

``None`` when the text is too short or no language stands out: no signal.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

# The commonest function words of each language, written without ambiguity with
# the others where possible (shared forms like "a", "de", "in" count for each).
FUNCTION_WORDS = {
    "en": "the of and to in is was that for it with as on be by at are this from have has had not but were "
          "they which their its will would been who an or he she we".split(),
    "fr": "le la les de des du et est une un que qui dans pour pas sur au aux avec ce il elle ne se sont "
          "par plus ont été cette mais ses leur nous vous a à en son sa ces ou où".split(),
    "de": "der die das und ist nicht ein eine zu den mit von sich des auf für im dem wird sind auch es "
          "als bei nach aus wie wurde hat einen einer".split(),
    "es": "el la los las de del y que en un una es por con para se no su al lo como más pero sus le ha "
          "este esta fue son entre".split(),
    "it": "il lo la gli le di del della che e è un una per non con si sono al dei delle nel alla anche "
          "come più ha questo questa".split(),
    "pt": "o a os as de do da dos das e que em um uma é não para com por se no na mais foi ao seu sua "
          "como pelo pela são".split(),
    "nl": "de het een en van is dat niet op te in zijn met voor er aan ook als bij naar door maar werd "
          "worden heeft wordt hij zij".split(),
}
# A script most of whose texts are in one language.
SCRIPT_LANGUAGES = {"GREEK": "el", "HEBREW": "he", "THAI": "th", "HANGUL": "ko", "HIRAGANA": "ja",
                    "KATAKANA": "ja", "GEORGIAN": "ka", "ARMENIAN": "hy"}
WORD_RE = re.compile(r"[^\W\d_]+")
LATIN_LETTERS_END = 0x250  # letters below this code point are Latin (with Latin-1 and Extended-A/B)
MIN_WORDS = 20  # fewer words say too little to tell a language by
# The guess must be a large share of the words and stand well above the next
# language: English news text is 25-30% its function words and under 8% any
# other's (the demo articles and 950 ECB+ documents); a headline or a short
# text, below these, gives no guess rather than a wrong one.
MIN_SHARE = 0.15
MIN_LEAD = 2.0
SAMPLE_CHARACTERS = 20_000  # a long article's opening is enough to tell


def text_language(text: str) -> str | None:
    """The language (or non-Latin script) the text is plainly written in, else None."""
    sample = text[:SAMPLE_CHARACTERS]
    words = WORD_RE.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return None
    scripts = Counter(_script(ch) for word in words for ch in word)
    script, letters = scripts.most_common(1)[0]
    if script != "LATIN":
        return SCRIPT_LANGUAGES.get(script, script.title()) if letters > sum(scripts.values()) / 2 else None
    counts = Counter(words)
    shares = sorted(((sum(counts[w] * weight for w, weight in vocabulary.items()) / len(words), language)
                     for language, vocabulary in _VOCABULARIES.items()), reverse=True)
    (best, language), (second, _) = shares[0], shares[1]
    return language if best >= MIN_SHARE and best >= MIN_LEAD * second else None


def in_latin_script(text: str) -> bool:
    """Whether most of the text's letters are Latin ones (a text without letters is):
    "Мэр закрыл мост" and "시장이 다리를 닫았다" are not; "Le maire a fermé le pont" is."""
    if text.isascii():  # most English claims: no letter to look up (a hot path of linking)
        return True
    letters = [ch for word in WORD_RE.findall(text) for ch in word]
    return sum(_script(ch) == "LATIN" for ch in letters) * 2 >= len(letters)


def declared_language(tag: str | None) -> str | None:
    """The language of a declared tag, without region or script: "en-GB", "EN_us" -> "en"."""
    primary = re.split(r"[-_]", (tag or "").strip(), maxsplit=1)[0].lower()
    return primary or None


def _vocabularies() -> dict[str, dict[str, float]]:
    """Each language's function words, weighed 1/n when n languages share one ("de", "la")."""
    sharing = Counter(w for words in FUNCTION_WORDS.values() for w in set(words))
    return {language: {w: 1 / sharing[w] for w in set(words)} for language, words in FUNCTION_WORDS.items()}


_VOCABULARIES = _vocabularies()


def _script(ch: str) -> str:
    if ord(ch) < LATIN_LETTERS_END:
        return "LATIN"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"
