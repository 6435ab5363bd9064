"""Cited sources: the organizations, outlets and documents a claim rests on.

"According to Infosecurity Magazine, ...", "a report by X found", "data from X
shows", and an organization that a quoted speaker reports figures for
("NCMEC received 16.9 million reports, said Williams": NCMEC is the source of the
statistic, Williams its reporter).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimkb.ingest.extract.cues import according_to, is_document_noun, name_span
from claimkb.ingest.extract.speakers import SpeakerResolver

# Verbs whose organizational subject is the source of the figures it reports.
DATA_VERBS = frozenset(
    "receive record report find count log track estimate show publish release measure "
    "register document survey calculate project forecast predict believe say".split()
)
SOURCE_LABELS = ("ORG",)


def find_citations(span: Span, resolver: SpeakerResolver, speaker=None) -> list[str]:
    """Canonical names of the sources cited within ``span`` (a sentence or a claim's
    content), leaving out ``speaker`` itself."""
    cited: list[str] = []

    def add(name: str | None) -> None:
        if name and name not in cited and (speaker is None or name != speaker.name):
            cited.append(name)

    for token in span:
        source = according_to(token)
        if source is not None:
            add(_source_name(source, resolver))
        elif is_document_noun(token) and token.pos_ == "NOUN" and not _owned_by_pronoun(token):
            for name in _document_sources(token, resolver):
                add(name)
        elif token.dep_ in ("nsubj", "nsubjpass") and token.ent_type_ in SOURCE_LABELS:
            if token.head.lemma_.lower() in DATA_VERBS and token.head.i in range(span.start, span.end):
                add(_source_name(token, resolver))
    return cited


def _source_name(token: Token, resolver: SpeakerResolver) -> str | None:
    """A source noun as its canonical organization; a person "according to" is a
    speaker, not a cited source."""
    if is_document_noun(token):
        names = _document_sources(token, resolver)
        return names[0] if names else None
    speaker = resolver.resolve(name_span(token))
    if speaker is None or speaker.kind == "person":
        return None
    return speaker.name


def _document_sources(noun: Token, resolver: SpeakerResolver) -> list[str]:
    """ "a report by X", "data from X", "X's survey", "an X study" -> X."""
    names = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            names += [_source_name(p, resolver) for p in child.children if p.dep_ == "pobj"]
        elif child.dep_ in ("poss", "compound") and child.ent_type_ in SOURCE_LABELS:
            names.append(_source_name(child, resolver))
    return [n for n in names if n]


def _owned_by_pronoun(noun: Token) -> bool:
    """ "its reports": the subject's own documents, already attributed to it."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)
