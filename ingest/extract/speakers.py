"""Resolving who speaks: one canonical ``Speaker`` per person or organization of an article.

A rule-based resolver in the spirit of classic news attribution systems:

- names come from spaCy's entities; a later surname or first name ("Williams")
  resolves to the fullest name the article gives ("Beth Williams");
- a single word the NER labels an organization more often than a person in the
  article ("Facebook") is that organization throughout;
- titles come from the words before a name ("Assistant Attorney General Beth
  Williams") or an apposition ("Beth Williams, the assistant attorney general");
- an acronym in brackets after an organization becomes its alias;
- pronouns resolve to the most recent compatible mention, preferring
  grammatical subjects and earlier speakers (news attributions chain through
  subjects), skipping names inside quotes (people a speaker talks about);
  "they" first to a group just named by a plural noun as a subject ("Residents
  complained about what they said was ...");
- role nouns ("the Prosecutor", "the minister") resolve to the person whose
  title they name, else to the most recent titled speaker (a public office no
  one named holds, "the judge", is someone new); an unnamed source ("a person
  familiar with the talks") is named by its noun phrase, and "the person" later
  refers back to it; collective nouns ("the organization", "the agency") to the
  most recent organization, never to a group named by a plural noun ("officials");
- documents ("the report says", "the lawsuit alleges") to whoever issued them:
  the owner or author the phrase names ("the RCMP statement", "a study by X"),
  else the organization last seen issuing something, else the last organization
  named as a subject.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimkb.ingest.extract.cues import SUBJECT_DEPS, is_document_noun, name_span
from claimkb.ingest.extract.nlp import TITLE_ABBREVIATIONS
from claimkb.ingest.extract.ranges import CharRanges
from claimkb.ingest.records import Speaker

PERSON_LABELS = ("PERSON",)
ORG_LABELS = ("ORG", "NORP", "GPE", "FAC")

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "themselves"}
ALL_PRONOUNS = MALE | FEMALE | NEUTER | PLURAL
HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f"}
HONORIFICS = set(HONORIFIC_GENDER) | {"dr", "dr.", "prof", "prof.", "rev", "rev."}
# Role nouns that carry a gender: "Jo Lee, a mother of two", "spokeswoman Jo Lee".
GENDERED_NOUNS = {
    **dict.fromkeys(
        "man spokesman chairman businessman congressman father dad son brother husband "
        "boyfriend grandfather uncle nephew king prince".split(), "m"),
    **dict.fromkeys(
        "woman spokeswoman chairwoman businesswoman congresswoman mother mom mum daughter "
        "sister wife girlfriend grandmother aunt niece queen princess actress widow".split(), "f"),
}

# Roles whose holder speaks for the organization they serve ("a Hydro spokesperson", "an
# official at the ministry", "an AFP journalist" reporting); a resident, customer or
# engineer of it speaks for themselves.
REPRESENTATIVE_NOUNS = frozenset(
    """
    spokesperson spokesman spokeswoman representative rep official officer executive
    director chief head president ceo cfo coo chair chairman chairwoman chairperson
    manager secretary minister commissioner superintendent administrator negotiator
    lawyer attorney counsel staff journalist reporter correspondent
    """.split()
)
# Nouns for a place, which a name given to them names ("the district of Kota Lama").
PLACE_NOUNS = frozenset(
    "district province region county state city town village township municipality neighbourhood "
    "neighborhood suburb island valley river lake mountain regency prefecture territory".split()
)
# Family members, whom news calls by first name ("her father, Tobias").
KINSHIP_NOUNS = frozenset(
    "father mother dad mom mum parent son daughter child brother sister sibling husband wife spouse "
    "partner boyfriend girlfriend fiance fiancee grandfather grandmother grandson granddaughter "
    "uncle aunt nephew niece cousin stepfather stepmother stepson stepdaughter".split()
)
# Head nouns that name an organization rather than a person.
ORG_NOUNS = frozenset(
    """
    organization organisation company agency group department ministry government
    firm association union board council committee commission police service office
    center centre institute university hospital bank court party campaign team network
    foundation charity authority regulator watchdog coalition federation society
    corporation business employer retailer airline force army military navy school
    district city province state county municipality administration railway railroad
    utility carrier insurer broadcaster publisher manufacturer automaker lender chain
    diocese church league club bureau college embassy consulate tribunal parliament
    congress senate cabinet
    """.split()
)
# A state's institutions: news tells them apart by the state's name ("Russia's Defence
# Ministry", "Pakistan's Ministry of Foreign Affairs"), which belongs to the name.
STATE_INSTITUTION_NOUNS = frozenset(
    "ministry department government embassy consulate army military navy police court parliament "
    "cabinet senate congress office agency".split()
)
# Role nouns that are the same office under another name; kept to generic words of
# public life so that "the prosecutor" can refer back to an attorney general.
ROLE_SYNONYMS = {
    "prosecutor": {"attorney", "prosecutor", "crown"},
    "attorney": {"attorney", "prosecutor", "lawyer", "counsel"},
    "lawyer": {"attorney", "lawyer", "counsel", "solicitor", "barrister"},
    "premier": {"premier", "leader"},
    "leader": {"leader", "premier", "chief", "head"},
    "head": {"head", "chief", "director", "president", "leader"},
    "chief": {"chief", "head", "director", "leader"},
    "spokesman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokeswoman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson"},
    "official": {"official", "officer"},
    "officer": {"officer", "official", "constable", "sergeant", "inspector"},
}
# Offices that are written capitalized yet are roles, not names ("Prosecutor said").
ROLE_NOUNS = frozenset(ROLE_SYNONYMS) | frozenset(
    """
    minister president premier mayor governor senator judge justice commissioner
    director manager secretary chair chairman chairwoman chairperson ceo founder
    coach captain detective sergeant constable inspector superintendent professor
    doctor councillor councilor mp mpp mla ambassador general colonel spokesperson
    organizer organiser analyst economist activist executive researcher author
    officer lieutenant corporal chancellor deputy trustee
    """.split()
)
# Nouns for a person that no suffix rule finds ("a witness", "the victim").
PERSON_WORDS = frozenset(
    "person victim witness source friend neighbour neighbor child kid teen teenager girl boy guy "
    "colleague relative spouse one someone individual expert official".split()
)
# Offices of public life: news names their holder by title ("Judge Ann Roe"), so "the
# judge" with no such title in the article is someone new, not the person last discussed.
PUBLIC_OFFICES = frozenset(
    "judge justice minister premier mayor governor senator prosecutor attorney commissioner "
    "chancellor ambassador coroner sheriff".split()
)
# Capitalized words that mark a proper name as an organization's, not a person's.
ORG_NAME_WORDS = ORG_NOUNS | frozenset(
    """
    inc corp corporation ltd llc co news times post press star globe mail herald tribune
    journal magazine media hydro canada airlines league club fc united town ministry
    services systems technologies energy health care capital holdings partners labs
    radio tv television church museum library fund trust alliance institute college
    electronics street avenue road mall studio studios
    """.split()
)
# Verbs whose subject issued a document: "the union released a statement".
ISSUING_LEMMAS = frozenset("release publish issue file launch post send prepare produce commission submit".split())
DEFINITE_WORDS = frozenset({"the", "this", "that"})
PLACE_LABELS = ("GPE", "LOC", "DATE", "NORP", "FAC")
TITLE_STOP_LABELS = ("GPE", "NORP", "LOC", "DATE", "CARDINAL", "ORDINAL")
TITLE_LOWER_WORDS = {"of", "for", "and", "&", "the"}
# Endings of English agent and demonym nouns: founder, proprietor, economist,
# defenceman, politician, resident, Republican, democrat.
PERSON_NOUN = re.compile(r"(?:er|or|ist|man|woman|ian|ent|ant|crat|ee)$")
# The running time closing a video's caption: "... in the harbour dispute. 3:17"
RUNNING_TIME = re.compile(r"[.!?]\s+\d{1,2}:\d{2}\s*$")
# Where someone stands in a photo, which only a caption says: "Jo Lee, left, and Ann Roe"
PHOTO_POSITION = re.compile(r",\s*(?:left|right|centre|center|middle|front|back)\s*,")


@dataclass
class Mention:
    start: int
    end: int
    speaker: Speaker
    is_subject: bool


def _clean_name(text: str) -> str:
    # "Lund‘s": a left quotation mark typed for an apostrophe is still a possessive
    text = re.sub(r"['’‘]s?$", "", text.strip())
    text = re.sub(r"^(?:the|The|['’‘]s)\s+", "", text)
    # "Halifax's Tom Ferris": the possessive before a full name is a place or team
    text = re.sub(r"^[A-Z][\w.-]*['’]s?\s+(?=\S+\s+\S)", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:")
    # a bracket the name does not close or open ("[Bohdan Fedorenko", an editor's
    # insertion cut at its edge) is no part of it; "Nepal (CAAN)" keeps its pair
    if text[:1] in "([" and not any(c in text for c in ")]"):
        text = text[1:].lstrip()
    if text[-1:] in ")]" and not any(c in text for c in "(["):
        text = text[:-1].rstrip()
    return text


def _head_lemma(span: Span) -> str:
    return span.root.lemma_.lower()


class SpeakerResolver:
    """Canonical speakers of one article; ``resolve`` maps a mention to one of them."""

    def __init__(self, doc: Doc, quoted: Iterable[tuple[int, int]] = ()):
        self.doc = doc
        self._text = doc.text  # Doc.text joins every token: built once
        self._quoted = sorted(quoted)
        self._speakers: dict[tuple[str, str], Speaker] = {}  # (kind, lowercased name) -> Speaker
        self._index: dict[str, list[Speaker]] = {}  # surname, first name or alias -> Speakers
        self._gender: dict[int, str] = {}  # id(Speaker) -> "m" | "f"
        self._role_heads: dict[int, str] = {}  # id(Speaker) -> head lemma of an unnamed source
        # unnamed speakers that no pronoun or later role noun refers back to as one
        # person or one organization: groups named by a plural noun ("officials",
        # "the players") and things that are not people ("a photo", "the storm")
        self._groups: set[int] = set()
        self._documents: dict[str, Speaker] = {}  # lemma of a document noun -> its author
        self._things: set[int] = set()
        self._mentions: list[Mention] = []
        self._starts: list[int] = []
        self._used: list[Speaker] = []
        self._cited: list[Speaker] = []  # subjects of findings and beliefs (see ``cite``)
        self._sentence_starts = [sent.start_char for sent in doc.sents]
        self._questions = CharRanges((sent.start_char, sent.end_char) for sent in doc.sents
                                 if sent.text.strip().rstrip("\"'”’").endswith("?"))
        self._collect()

    # -- building the article's cast ------------------------------------------------

    def _inside_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self._quoted, (char, float("inf"))) - 1
        return i >= 0 and self._quoted[i][0] <= char < self._quoted[i][1]

    def _speaker(self, name: str, kind: str) -> Speaker:
        key = (kind, name.lower())
        speaker = self._speakers.get(key)
        if speaker is None:
            speaker = self._speakers[key] = Speaker(name=name, kind=kind)
            parts = name.split()
            keys = {name.lower()}
            if kind == "person" and len(parts) > 1:
                keys |= {parts[-1].lower(), parts[0].lower()}
            for k in keys:
                self._index.setdefault(k, []).append(speaker)
        return speaker

    def _alias(self, speaker: Speaker, alias: str) -> None:
        if alias and alias != speaker.name and alias not in speaker.aliases:
            speaker.aliases.append(alias)
        self._index.setdefault(alias.lower(), [])
        if speaker not in self._index[alias.lower()]:
            self._index[alias.lower()].append(speaker)

    def _collect(self) -> None:
        ents = [e for e in self.doc.ents if e.label_ in PERSON_LABELS + ORG_LABELS]
        orgs = {_clean_name(e.text) for e in ents if e.label_ == "ORG"}
        # a word the NER labels an organization on its own, and never part of a
        # person's name, is no one's first name ("Glimmer", the lab "Glimmer Research")
        person_words = {w.lower() for e in ents if e.label_ in PERSON_LABELS and len(e) > 1 for w in e.text.split()}
        self._org_words = {name.lower() for name in orgs if len(name.split()) == 1} - person_words
        self._org_names = _full_organization_names(orgs)
        # words the NER labels a person when they stand alone: usually surnames
        self._lone_person_words = {e.text.lower() for e in ents if e.label_ in PERSON_LABELS and len(e) == 1}
        # a word the NER labels an organization on its own more often than a person
        # ("Facebook said ... Facebook told staff"), and no part of a person's full name,
        # is that organization wherever the NER calls it a person
        lone = Counter(("org" if e.label_ == "ORG" else "person", e.text.lower()) for e in ents
                       if len(e) == 1 and (e.label_ == "ORG" or e.label_ in PERSON_LABELS))
        self._lone_org_words = {word for word in self._org_words if lone["org", word] > lone["person", word]}
        # full names first, so that single-word mentions find them whatever the order
        persons = [e for e in ents if e.label_ in PERSON_LABELS and not _starts_as_organization(e)]
        for ent in sorted(persons, key=lambda e: -len(_clean_name(e.text).split())):
            name = _without_leading_role(_clean_name(ent.text))
            if not name:
                continue
            if len(name.split()) > 1 and not self._lookup_person(name, ent.start_char):
                self._speaker(name, "person")
        # Names the small NER model mislabels (or misses) still resolve later surnames.
        self._name_runs: dict[str, str] = {}
        for run in _proper_name_runs(self.doc):
            run_name = _person_name_in(run)
            if run_name is not None:
                self._name_runs.setdefault(run_name.split()[-1].lower(), run_name)
        acronyms: set[int] = set()
        for ent in ents:
            if ent.start in acronyms:
                continue
            speaker = self._entity_speaker(ent)
            if speaker is None:
                continue
            if speaker.kind == "organization":
                acronym = self._bracketed_acronym(ent)
                if acronym is not None:
                    self._alias(speaker, acronym.text)
                    acronyms.add(acronym.start)
            else:
                self._note_title(speaker, ent)
                self._note_honorific(speaker, ent)
            if not self._inside_quote(ent.start_char) and not _is_credit(ent) and not _is_modifier(ent):
                self._add_mention(Mention(ent.start_char, ent.end_char, speaker, _main_subject(ent.root)))
        self._note_unlabelled_surnames()
        self._vote_genders()
        self._chain_pronouns()

    def _note_unlabelled_surnames(self) -> None:
        """A known person's surname that the NER missed ("Ferris has four
        goals", "when she told Lund") is still a mention of that person."""
        for token in self.doc:
            if token.pos_ != "PROPN" or token.ent_type_ or self._inside_quote(token.idx):
                continue
            known = [s for s in self._index.get(token.lower_, ()) if s.kind == "person"]
            if known:
                speaker = self._pick(known, token.idx)
                self._add_mention(Mention(token.idx, token.idx + len(token), speaker, _main_subject(token)))

    def _vote_genders(self) -> None:
        """Learn a person's gender from the he/she that follows their name when no
        other person is named in between (in the same or the next sentence); the
        majority wins, and an honorific (Mr., Ms.) outranks any vote."""
        votes: dict[int, list[str]] = {}
        persons = [m for m in self._mentions if m.speaker.kind == "person"]
        starts = [m.start for m in persons]
        for token in self.doc:
            gender = "m" if token.lower_ in ("he", "him", "his") else "f" if token.lower_ in ("she", "her") else None
            # a caption's pronoun is about the people in the photo, who are no mentions
            if gender is None or self._inside_quote(token.idx) or _is_caption(token.sent):
                continue
            i = bisect.bisect_left(starts, token.idx)
            if i == 0:
                continue
            window_start = token.sent.start_char
            if token.sent.start > 0:
                window_start = self.doc[token.sent.start - 1].sent.start_char
            near = {id(m.speaker) for m in persons[:i] if m.start >= window_start}
            if len(near) == 1:
                votes.setdefault(id(persons[i - 1].speaker), []).append(gender)
        for key, genders in votes.items():
            majority = max(("m", "f"), key=genders.count)
            if genders.count(majority) * 2 > len(genders):
                self._gender.setdefault(key, majority)

    def _chain_pronouns(self) -> None:
        """Make each he/she that is a main-clause subject a mention of the person it
        resolves to, so that a later pronoun follows the chain ("Jo Lee lost her job.
        She has two sons. 'I got presents,' she says.") rather than skipping back
        to whoever was last named. A definite office as subject ("the mayor spoke
        to reporters") is likewise a mention of the person already named with
        that title ("Mayor Jo Lee")."""
        for token in self.doc:
            if not _main_subject(token) or self._inside_quote(token.idx):
                continue
            if token.lower_ in ("he", "she"):
                speaker = self._resolve_pronoun(token)
            elif _is_definite_office(token):
                wanted = ROLE_SYNONYMS.get(token.lemma_.lower(), {token.lemma_.lower()})
                speaker = self._recent(
                    token.idx,
                    lambda s, wanted=wanted: s.kind == "person" and s.title is not None
                    and wanted & _title_words(s.title),
                    subjects_only=False, earlier_only=True,
                )
            else:
                continue
            if speaker is not None:
                self._add_mention(Mention(token.idx, token.idx + len(token), speaker, True))

    def _entity_speaker(self, ent: Span) -> Speaker | None:
        name = _clean_name(ent.text)
        if not name:
            return None
        lone_org = len(ent) == 1 and ent.text.lower() in self._lone_org_words
        # a name given to a place noun ("the district of Kota Lama") is no person's,
        # though it may be a government's ("the City of Surrey said")
        if ent.label_ in PERSON_LABELS and not _starts_as_organization(ent) and not lone_org and not _names_a_place(ent):
            name = _without_leading_role(name)
            if len(ent) == 1 and _names_a_relative(ent):
                # "Lee's father, Tobias": family called by first name, not another Tobias
                return self._speaker(name, "person")
            speaker = self._lookup_person(name, ent.start_char) or self._speaker(name, "person")
            if speaker.name != name:
                self._alias(speaker, name)
            return speaker
        if self._names_person(ent):
            name = _name_after_office(ent) or name
            speaker = self._lookup_person(name, ent.start_char) or self._speaker(name, "person")
            if speaker.name != name:
                self._alias(speaker, name)
            return speaker
        if ent.label_ == "ORG" or _starts_as_organization(ent) or lone_org:
            full = self._org_names.get(name.lower(), name)
            state = _state_owning(ent)
            if state is not None:
                full = f"{state} {full}"
            found = self._index.get(full.lower())
            orgs = [s for s in found or () if s.kind == "organization"]
            speaker = orgs[0] if orgs else self._speaker(full, "organization")
            if full != name:
                self._alias(speaker, name)
            return speaker
        return None

    def _names_person(self, ent: Span) -> bool:
        """An entity the NER labelled otherwise that is a person's name: a first and
        last name with no organization word, or a known person's surname."""
        if ent.label_ not in ("ORG", "GPE", "NORP"):
            return False
        if any(s.kind == "organization" for s in self._index.get(_clean_name(ent.text).lower(), ())):
            return False
        if _names_a_place(ent):
            return False
        if _described_as_person(ent):
            return True
        if _name_after_office(ent) is not None:
            return True
        if len(ent) > 1 and any(t.lower_ in self._org_words for t in ent):
            return False
        if len(ent) == 1:
            return ent.text.lower() in self._name_runs or any(
                s.kind == "person" for s in self._index.get(ent.text.lower(), ())
            )
        if _person_name_in(ent) == _clean_name(ent.text):
            return True
        # "Megan Dorvik" taken for a place, while "Dorvik" alone is a person elsewhere
        words = ent.text.split()
        return (
            len(words) == 2
            and all(t.pos_ == "PROPN" and t.is_title for t in ent)
            and words[-1].lower() in self._lone_person_words
        )

    def _bracketed_acronym(self, ent: Span) -> Span | None:
        doc = self.doc
        if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
            candidate = doc[ent.end + 1 : ent.end + 2]
            if candidate.text.isupper() and len(candidate.text) >= 2:
                return candidate
        return None

    def _note_title(self, speaker: Speaker, ent: Span) -> None:
        title = _title_before(ent) or _title_in_apposition(ent)
        if not title:
            return
        speaker.title = speaker.title or title
        genders = {GENDERED_NOUNS[w] for w in title.lower().split() if w in GENDERED_NOUNS}
        if len(genders) == 1:
            self._gender.setdefault(id(speaker), genders.pop())

    def _note_honorific(self, speaker: Speaker, ent: Span) -> None:
        if ent.start > 0:
            gender = HONORIFIC_GENDER.get(self.doc[ent.start - 1].lower_)
            if gender:
                self._gender.setdefault(id(speaker), gender)

    def _add_mention(self, mention: Mention) -> None:
        i = bisect.bisect_right(self._starts, mention.start)
        self._starts.insert(i, mention.start)
        self._mentions.insert(i, mention)

    def _lookup_person(self, name: str, at: int) -> Speaker | None:
        """The known person a name refers to: the same full name, or a fuller name
        sharing its surname (or first name, for a single word)."""
        parts = name.split()
        if not parts:  # a parse that takes punctuation for a subject names nobody
            return None
        exact = self._speakers.get(("person", name.lower()))
        if exact is not None:
            return exact
        if len(parts) == 1:
            candidates = [s for s in self._index.get(parts[0].lower(), ())
                          if s.kind == "person" and not self._first_name_ahead(s, parts[0], at)]
        else:
            candidates = [
                s
                for s in self._index.get(parts[-1].lower(), ())
                if s.kind == "person" and len(s.name.split()) > 1 and s.name.split()[-1].lower() == parts[-1].lower()
                and (s.name.lower().endswith(name.lower()) or name.lower().endswith(s.name.lower()))
            ]
        if not candidates:
            full = self._name_runs.get(parts[-1].lower()) if len(parts) == 1 else None
            return self._speaker(full, "person") if full else None
        return self._pick(candidates, at)

    def _first_name_ahead(self, speaker: Speaker, word: str, at: int) -> bool:
        """``word`` is only the first name of a person the article has not yet named in
        full: news calls people by surname once it has named them, so a lone first name
        before the full name of someone sharing it ("Her father, Tobias, said ..." ahead
        of "Police chief Tobias Wendt") is someone else, family called by first name."""
        names = speaker.name.lower().split()
        if len(names) < 2 or names[0] != word.lower() or names[-1] == word.lower():
            return False
        written = self._text.find(speaker.name)
        return written < 0 or written >= at

    def _pick(self, candidates: list[Speaker], at: int) -> Speaker:
        """The one of several people sharing a surname that a bare surname means:
        news writes the first one introduced by surname and calls the others
        by first or full name, so the earliest mentioned wins."""
        if len(candidates) == 1:
            return candidates[0]
        i = bisect.bisect_left(self._starts, at)
        for mention in self._mentions[:i]:
            if mention.speaker in candidates:
                return mention.speaker
        return candidates[0]

    # -- resolving a mention -----------------------------------------------------

    @property
    def speakers(self) -> list[Speaker]:
        """The speakers claims were attributed to, in order of first attribution."""
        return list(self._used)

    def remember(self, speaker: Speaker, start: int, end: int) -> None:
        """Record an attribution, which makes its speaker the likeliest antecedent."""
        if speaker not in self._used:
            self._used.append(speaker)
        self._add_mention(Mention(start, end, speaker, True))

    def cite(self, mention: Span) -> None:
        """Record the subject of a finding or belief, which no quote is attributed to:
        someone who believes something is still an antecedent, and the issuer of a
        document cited for what it found ("a port authority study found ..."), the sentence's
        subject in all but grammar, as likely an antecedent of "the agency" as an
        organization that spoke."""
        source = self.resolve(mention)
        if source is not None:
            self._cited.append(source)
            self._add_mention(Mention(mention.start_char, mention.end_char, source, True))

    def last_speaker(self, before: int, within: int) -> Speaker | None:
        """Who a quote with no attribution belongs to: the most recent speaker or
        main-clause subject ("Owen Marsh, a doctor, agrees."), if no further than
        ``within`` characters back. A question's subject does not qualify: an
        interview's answers follow questions about others ("Is Lee a good leader?").
        An organization qualifies only once it has spoken: news attributes what a
        company or agency says every time ("the company said in a statement"), so an
        unattributed quote after "Acme opened a store" is not Acme's."""
        i = bisect.bisect_left(self._starts, before)
        for mention in reversed(self._mentions[:i]):
            if before - mention.end > within:
                return None
            speaker = mention.speaker
            if (mention.is_subject and id(speaker) not in self._things and not self._questions(mention.start)
                    and (speaker.kind == "person" or speaker in self._used)):
                return speaker
        return None

    def resolve(self, mention: Span) -> Speaker | None:
        root = mention.root
        # the tagger calls some names pronouns ("Brind'Amour"); the NER still sees a name
        name_as_pronoun = root.pos_ == "PRON" and root.ent_type_ != "" and root.lower_ not in ALL_PRONOUNS
        if root.pos_ == "PRON" and not name_as_pronoun or (len(mention) == 1 and root.lower_ in ALL_PRONOUNS):
            return self._resolve_pronoun(root)
        # the entity holding the mention's head first: in "Toronto Star photo of
        # accountant Jane Roe" the speaker is Jane Roe, not the credit before her
        determined = mention[0].dep_ == "det" or mention[0].lower_ in ("the", "a", "an")
        if determined and len(mention) == 2 and root.lemma_.lower() in ORG_NOUNS:
            # "The College", "the Ministry": a kind of organization, capitalized as
            # institutions write of themselves, refers back like "the college"
            return self._resolve_role(mention)
        ents = sorted(mention.ents, key=lambda e: not e.start <= root.i < e.end)
        for ent in ents:
            heads = ent.start <= root.i < ent.end
            # in "the owner of Crumb Bakery" a name after the head is not the speaker, and
            # in "Lee's lawyers" or "Lee's father" the possessor is not: the role is
            owner = ent.root.dep_ == "poss" and ent.root.head == root and root.pos_ == "NOUN"
            # but a name set beside a person's role names who it is, whatever the
            # determiner: "Another officer, Major Ines Kovac," is not the officer named
            # before (beside an organization noun, "the aid group Harbourlight", it is
            # the organization's: see _resolve_role)
            named_beside = ent.root.dep_ == "appos" and ent.root.head == root and root.lemma_.lower() not in ORG_NOUNS
            role_of_owner = owner and not is_document_noun(root)
            if heads or ent.label_ in PERSON_LABELS and (named_beside or not determined and not role_of_owner):
                speaker = self._entity_speaker(ent)
                if speaker is not None:
                    return speaker
        if root.pos_ == "NOUN" and is_document_noun(root):
            return self._resolve_document(mention)
        if not determined:
            # a known surname the tagger took for a plural noun ("Banks said")
            known = [s for s in self._index.get(_clean_name(mention.text).lower(), ()) if s.kind == "person"]
            if known:
                return self._pick(known, mention.start_char)
        # "the Prosecutor", "a spokesperson": a role, however it is capitalized
        if not determined and (root.pos_ == "PROPN" or name_as_pronoun) and root.lemma_.lower() not in ROLE_NOUNS:
            return self._resolve_name(mention)
        return self._resolve_role(mention)

    def _resolve_document(self, mention: Span) -> Speaker | None:
        """Who speaks through a document: its owner or author as written ("her
        statement", "the RCMP statement", "a report by X", "data from X", "a study
        released Monday by X"), else whoever the same document named earlier came
        from ("the study"), else the organization last seen issuing something or,
        failing that, the last organization named as a subject."""
        root = mention.root
        kind = root.lemma_.lower()
        author = self._document_author(root)
        if author is not None:
            self._documents[kind] = author
            return author
        at = mention.start_char
        if mention[0].lower_ == "the" and kind in self._documents:
            return self._documents[kind]
        return self._recent(at, self._is_organization, issuers_only=True) or self._recent(
            at, self._is_organization, subjects_only=True
        )

    def _document_author(self, root: Token) -> Speaker | None:
        for child in root.children:
            if child.dep_ == "poss" and child.pos_ == "PRON":
                return self._resolve_pronoun(child)
            if child.dep_ == "poss" or child.dep_ == "compound" and child.pos_ == "PROPN":
                return self.resolve(name_span(child))
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                author = next((p for p in child.children if p.dep_ == "pobj" and p.pos_ == "PROPN"), None)
                if author is not None:
                    return self.resolve(name_span(author))
            if child.dep_ in ("acl", "relcl"):  # "a study (which is being) released by X"
                for agent in child.children:
                    author = next((p for p in agent.children if p.dep_ == "pobj" and p.pos_ == "PROPN"), None)
                    if agent.dep_ == "agent" and author is not None:
                        return self.resolve(name_span(author))
        return None

    def _resolve_name(self, mention: Span) -> Speaker:
        # "Jane Roe of Acme": the name ends where its "of"/"for" phrase begins
        end = next((t.i for t in mention if t.i > mention.root.i and (t.dep_ == "prep" or t.is_punct)), mention.end)
        # "Halifax's Tom Ferris": the possessor before the name is a place or a team
        start = max((t.i + 1 for t in mention if t.i < mention.root.i and t.tag_ == "POS"), default=mention.start)
        mention = mention.doc[start:end]
        words = [t for t in mention if t.pos_ == "PROPN" or t.text[:1].isupper()]
        words = [t for t in words if t.lower_ not in HONORIFICS and t.dep_ != "det"]
        # "Hereditary Chief Na'moks", "Police Chief Ray Lund": the name follows the office
        office = max((i for i, t in enumerate(words) if _is_office_word(t.text)), default=None)
        if office is not None and office + 1 < len(words):
            words = words[office + 1 :]
        name = _clean_name(" ".join(t.text for t in words)) or _clean_name(mention.text)
        found = self._index.get(name.lower())
        if found:
            return self._pick(found, mention.start_char)
        return self._lookup_person(name, mention.start_char) or self._speaker(name, "person")

    def _resolve_pronoun(self, token: Token) -> Speaker | None:
        word = token.lower_
        wanted: tuple[str | None, str | None]  # (kind, gender); None matches any
        if word in MALE:
            wanted = ("person", "m")
        elif word in FEMALE:
            wanted = ("person", "f")
        elif word in NEUTER:
            wanted = ("organization", None)
        elif word in PLURAL:
            group = self._plural_subject_before(token)
            if group is not None:
                return self.resolve(name_span(group))
            wanted = (None, None)
        else:  # I, we, you: the writer or the audience, not a source
            return None
        kind, gender = wanted
        i = bisect.bisect_left(self._starts, token.idx)
        # Search sentence by sentence back from the pronoun: the nearest sentence
        # with a compatible mention wins, and within it a main-clause subject
        # (or an earlier speaker) outranks other mentions.
        fallback, fallback_sentence = None, None
        for mention in reversed(self._mentions[:i]):
            if token.idx - mention.end > 3000:
                break
            sentence = bisect.bisect_right(self._sentence_starts, mention.start)
            if fallback is not None and sentence != fallback_sentence:
                return fallback
            speaker = mention.speaker
            if kind is not None and speaker.kind != kind or kind is not None and not self._is_one(speaker):
                continue
            known = self._gender.get(id(speaker))
            if gender is not None and known is not None and known != gender:
                continue
            if mention.is_subject:
                return speaker
            fallback, fallback_sentence = speaker, sentence
        return fallback

    def _plural_subject_before(self, token: Token) -> Token | None:
        """The nearest plural common noun that is a subject, before ``token`` in its
        sentence or the one before: "Members complained about what they said",
        "Senators are eager to leave, and they say ...". "They" refers to such a
        group before any organization or person named further back."""
        sent = token.sent
        start = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for candidate in reversed(self.doc[start : token.i]):
            if (candidate.dep_ in SUBJECT_DEPS and candidate.tag_ == "NNS" and candidate.pos_ == "NOUN"
                    and not is_document_noun(candidate) and not self._inside_quote(candidate.idx)):
                return candidate
        return None

    def _resolve_role(self, mention: Span) -> Speaker | None:
        head = _head_lemma(mention)
        plural = mention.root.tag_ in ("NNS", "NNPS")
        # an entity that is only the kind of organization ("The Council") names none
        orgs_inside = [e for e in mention.ents if e.label_ == "ORG" and not _only_a_kind(e)] or _organization_of(mention)
        at = mention.start_char
        if head in ORG_NOUNS and not plural:
            if orgs_inside:
                return self._entity_speaker(orgs_inside[0])
            name = _name_beside(mention)
            if name is not None:
                # "the aid group Harbourlight", "the union Unifor": the name set beside the
                # noun is the organization's, whatever the NER took it for
                full = self._org_names.get(name.lower(), name)
                known = [s for s in self._index.get(full.lower(), ()) if s.kind == "organization"]
                return known[0] if known else self._speaker(full, "organization")
            places = {w.lower() for e in mention.ents if e.label_ in ("GPE", "NORP") for w in e.text.split()}
            if places:
                # "the Canadian government", "the Ontario ministry": that place's own,
                # named with the place, or a new organization (not another country's)
                named = self._recent(
                    at, lambda s: s.kind == "organization" and {head} | places <= set(s.name.lower().split())
                )
                return named or self._speaker(_role_name(mention), "organization")
            # "the commission" -> "the Westmere Commission"; "the company" -> the
            # company that last spoke or was cited for a finding, else the last
            # organization named as a subject
            named = self._recent(at, lambda s: s.kind == "organization" and head in s.name.lower().split())
            recent = (
                named
                or self._recent(at, lambda s: self._is_organization(s) and (s in self._used or s in self._cited),
                             subjects_only=True)
                or self._recent(at, self._is_organization, subjects_only=True)
            )
            return recent or self._speaker(_role_name(mention), "organization")
        if not plural:
            wanted = ROLE_SYNONYMS.get(head, {head})
            # the person whose title names the role, or an unnamed source introduced by
            # the same head noun ("a justice official" ... "the official said"); only a
            # definite mention refers back to one ("a police officer" ... "a fire officer"
            # are two people)
            definite = mention[0].lower_ in DEFINITE_WORDS
            titled = self._recent(
                at, lambda s: s.kind == "person" and (
                    s.title is not None and wanted & _title_words(s.title)
                    or definite and self._role_heads.get(id(s)) in wanted
                )
            )
            if titled is not None:
                return titled
            # a public office that no one named holds ("the judge") is someone new,
            # neither the person the passage is about nor another titled speaker
            office = head in PUBLIC_OFFICES
            if mention[0].lower_ == "the" and mention.root.pos_ == "NOUN" and not is_document_noun(mention.root) and not office:
                # "the 39-year-old founder of X", "the rookie defenceman", "the bow-tied
                # maverick": a definite description of whoever speaks (not an
                # organization, office or document, handled apart) refers back to the
                # person the passage is about, whether or not its noun is a known kind
                # of person
                salient = self._salient_person(at, within=1000) or self._named_next(mention)
                if salient is not None:
                    return salient
            if orgs_inside and head in REPRESENTATIVE_NOUNS:
                represented = self._entity_speaker(orgs_inside[0])
                # a spokesperson speaks as the organization it speaks for, but someone
                # who speaks for a person ("a spokeswoman for Premier Reyes", "Mayor
                # Lee's staff") is not that person; a title or a he/she is what shows a
                # person, as the NER takes many a company for one
                if represented is not None and not self._known_person(represented):
                    return represented
            if mention[0].lower_ == "the" and head in ROLE_NOUNS and not office:
                # "the Prosecutor" with no matching title: the article's current titled speaker
                titled = self._recent(at, lambda s: s.kind == "person" and s.title is not None and s in self._used)
                if titled is not None:
                    return titled
            speaker = self._speaker(_role_name(mention), "person")
            self._role_heads.setdefault(id(speaker), head)
            if not _names_a_person(mention) and head not in PERSON_WORDS:
                self._things.add(id(speaker))
            return speaker
        if orgs_inside and orgs_inside[0].root == mention.root:
            return self._entity_speaker(orgs_inside[0])
        speaker = self._speaker(_role_name(mention), "organization")
        self._groups.add(id(speaker))
        return speaker

    def _is_organization(self, speaker: Speaker) -> bool:
        return speaker.kind == "organization" and id(speaker) not in self._groups

    def _known_person(self, speaker: Speaker) -> bool:
        return speaker.kind == "person" and (speaker.title is not None or id(speaker) in self._gender)

    def _is_one(self, speaker: Speaker) -> bool:
        """One person or one organization, which he, she or it may refer to."""
        return id(speaker) not in self._groups and id(speaker) not in self._things

    def _salient_person(self, at: int, within: int) -> Speaker | None:
        """The most recent person named as a main-clause subject or speaker."""
        i = bisect.bisect_left(self._starts, at)
        for mention in reversed(self._mentions[:i]):
            if at - mention.end > within:
                return None
            if mention.is_subject and mention.speaker.kind == "person" and self._is_one(mention.speaker):
                return mention.speaker
        return None

    def _named_next(self, mention: Span) -> Speaker | None:
        """Delayed identification, when no person was a main-clause subject before:
        "The most popular punching bag in golf finally said 'no more.' Mike Davis has
        announced ...": the person named as a main-clause subject in the next sentence."""
        if self._salient_person(mention.start_char, within=mention.start_char) is not None:
            return None
        sentence = bisect.bisect_right(self._sentence_starts, mention.start_char)
        i = bisect.bisect_left(self._starts, mention.end_char)
        for later in self._mentions[i:]:
            if bisect.bisect_right(self._sentence_starts, later.start) > sentence + 1:
                return None
            if later.is_subject and later.speaker.kind == "person" and self._is_one(later.speaker):
                return later.speaker
        return None

    def _recent(
        self, at: int, wanted, subjects_only: bool = False, issuers_only: bool = False, earlier_only: bool = False
    ) -> Speaker | None:
        i = bisect.bisect_left(self._starts, at)
        for mention in reversed(self._mentions[:i]):
            if not wanted(mention.speaker) or subjects_only and not mention.is_subject:
                continue
            if not issuers_only or self._issues(mention):
                return mention.speaker
        if subjects_only or issuers_only or earlier_only:
            return None
        # a role may also be introduced later in the article ("..., said the minister, Jane Doe")
        for speaker in self._speakers.values():
            if wanted(speaker):
                return speaker
        return None


    def _issues(self, mention: Mention) -> bool:
        """A mention that is the subject of a verb of issuing ("X released a report")."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ in SUBJECT_DEPS and root.head.lemma_.lower() in ISSUING_LEMMAS


def _full_organization_names(names: set[str]) -> dict[str, str]:
    """Short forms of an organization's name mapped to the full one the article
    also uses: "Norvale" -> "Norvale Energy", "Pacifica" -> "Pacifica Corp".
    Only corporate words may complete a name, so that "Glimmer" never becomes
    "Glimmer Research", a product or division of it."""
    full: dict[str, str] = {}
    for name in sorted(names, key=lambda n: -len(n.split())):
        words = name.split()
        for cut in range(len(words) - 1, 0, -1):
            rest = words[cut:]
            if all(w.lower().strip(".,") in ORG_NAME_WORDS for w in rest):
                short = " ".join(words[:cut]).lower()
                full.setdefault(short, full.get(name.lower(), name))
    return full


def _name_beside(mention: Span) -> str | None:
    """The proper name in apposition to the head of ``mention`` ("the union Unifor")."""
    for child in mention.root.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i < mention.end:
            words = [t for t in mention.doc[child.left_edge.i : child.i + 1] if t.pos_ == "PROPN"]
            return _clean_name(" ".join(t.text for t in words)) or None
    return None


def _names_a_person(mention: Span) -> bool:
    """A noun phrase whose head is a kind of person: an office ("minister"), an
    agent noun ("founder", "defenceman", "economist"), or anyone given an age."""
    head = mention.root
    lemma = head.lemma_.lower()
    if head.tag_ in ("NNS", "NNPS") or lemma in ORG_NOUNS or is_document_noun(head):
        return False
    if lemma in ROLE_NOUNS or PERSON_NOUN.search(lemma):
        return True
    # the tokenizer splits "26-year-old" into five tokens
    return re.search(r"\b\d+-year-old\b", mention.text) is not None


def _described_as_person(ent: Span) -> bool:
    """A name the text describes as a person's: set beside a kind of person ("Taufik, an
    official of the disaster agency"; "the economist Ann Roe") or followed by "who"
    ("Taufik, who goes by one name")."""
    root = ent.root
    beside = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        beside.append(root.head)
    if any(_names_a_person(token.doc[token.i : token.i + 1]) or token.lemma_.lower() in PERSON_WORDS for token in beside):
        return True
    return any(c.dep_ == "relcl" and any(w.lower_ == "who" and w.dep_ == "nsubj" for w in c.children)
               for c in root.children)


def _names_a_place(ent: Span) -> bool:
    """A name given to a place noun: "the district of Kota Lama", "Kota Lama
    district", "the village, Sungai Besar"."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_NOUNS:
        return True
    if root.dep_ == "appos" and root.head.lemma_.lower() in PLACE_NOUNS:
        return True
    if len(ent) > 1 and ent[-1].lemma_.lower() in PLACE_NOUNS:  # the NER took the noun in
        return True
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return after is not None and after.pos_ in ("NOUN", "PROPN") and after.lemma_.lower() in PLACE_NOUNS


def _only_a_kind(ent: Span) -> bool:
    """An entity that is only a kind of organization ("Council" of "The Council")."""
    return len(ent) == 1 and ent.root.lemma_.lower() in ORG_NOUNS


def _state_owning(ent: Span) -> str | None:
    """The place whose institution ``ent`` is, as written with its possessive
    ("Russia's" of "Russia's Defence Ministry"), or None."""
    if ent.start < 2 or not any(t.lower_ in STATE_INSTITUTION_NOUNS for t in ent):
        return None
    possessive, place = ent.doc[ent.start - 1], ent.doc[ent.start - 2]
    if possessive.tag_ != "POS" or place.ent_type_ != "GPE":
        return None
    start = next(e.start for e in ent.doc.ents if e.start <= place.i < e.end)
    return ent.doc[start:ent.start].text


def _names_a_relative(ent: Span) -> bool:
    """A name set in apposition to a family noun: "her father, Tobias", "Tobias, her father"."""
    root = ent.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in KINSHIP_NOUNS:
        return True
    return any(child.dep_ == "appos" and child.lemma_.lower() in KINSHIP_NOUNS for child in root.children)


def _is_credit(ent: Span) -> bool:
    """A byline, photo credit or caption rather than a person in the story: a name
    beside a slash ("Jane Roe/Reuters"), on a line with no verb ("By Jane Roe, CBC
    News"), in a sentence that places people in a photo ("Jo Lee, left, and ...") or
    in a paragraph ending with a video's running time."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].text == "/" or ent.end < len(doc) and doc[ent.end].text == "/":
        return True
    if any(t.text == "/" for t in ent):  # the NER may take the slash into the name
        return True
    sent = ent.sent
    if len(sent) <= 12 and not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return True
    if _is_caption(sent):
        return True
    # a video's caption, which ends its paragraph with the running time ("... 3:17")
    end = ent.end
    while end < len(doc) and "\n" not in doc[end].text:
        end += 1
    return RUNNING_TIME.search(doc[ent.end : end].text) is not None


def _is_caption(sent: Span) -> bool:
    """A sentence that places people in a photo ("Jo Lee, left, and Ann Roe ...")."""
    return PHOTO_POSITION.search(sent.text) is not None


def _is_definite_office(token: Token) -> bool:
    """ "the mayor", "The minister": one office held by one person, named by title."""
    return (
        token.pos_ == "NOUN" and token.tag_ == "NN" and token.lemma_.lower() in ROLE_NOUNS
        and any(child.dep_ == "det" and child.lower_ == "the" for child in token.children)
    )


def _is_modifier(ent: Span) -> bool:
    """A name between a determiner and the common noun it qualifies ("the Kinder Hill
    pipeline", "the Lee administration") speaks of a thing, not of the person: no
    pronoun refers to it. The determiner is required because the small parser also
    makes a name a compound of the phrase after it ("for Lee jumping bail")."""
    root = ent.root
    head = root.head
    return (
        root.dep_ == "compound" and head.pos_ == "NOUN" and not ent.start <= head.i < ent.end
        and any(child.dep_ == "det" and child.i < ent.start for child in head.children)
    )


def _role_name(mention: Span) -> str:
    """A role or group as written, less its article: "a spokesperson" -> "spokesperson"."""
    text = re.sub(r"^(?:the|a|an)\s+", "", mention.text.strip(), flags=re.IGNORECASE)
    return _clean_name(text) or mention.text


def _title_before(ent: Span) -> str | None:
    """Capitalized office words right before a name: "Assistant Attorney General"."""
    doc = ent.doc
    i = ent.start
    words: list[Token] = []
    while i > 0:
        token = doc[i - 1]
        if token.ent_type_ in TITLE_STOP_LABELS or token.ent_type_ in PERSON_LABELS:
            break
        if token.is_title or token.is_upper and len(token) > 1 or (words and token.lower_ in TITLE_LOWER_WORDS):
            if token.lower_ in HONORIFICS or token.is_sent_start and token.pos_ not in ("PROPN", "NOUN"):
                break
            words.insert(0, token)
            i -= 1
        else:
            break
    while words and words[0].lower_ in TITLE_LOWER_WORDS:
        words.pop(0)
    if not words or not any(t.pos_ in ("NOUN", "PROPN") for t in words):
        return None
    return " ".join(t.text for t in words)


def _title_in_apposition(ent: Span) -> str | None:
    """ "Beth Williams, the assistant attorney general," or "the minister, Jane Doe," """
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            return _role_phrase(child)
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        return _role_phrase(root.head)
    return None


def _role_phrase(token: Token) -> str:
    doc = token.doc
    start = token.left_edge.i
    while start < token.i and doc[start].dep_ in ("det", "punct", "poss"):
        start += 1
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.i == end:
            end = child.right_edge.i + 1
    return doc[start:end].text


def _proper_name_runs(doc: Doc):
    """Maximal runs of two or more capitalized proper nouns."""
    run: list[Token] = []
    for token in doc:
        if token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha or run and token.text in ("-",):
            run.append(token)
            continue
        if len(run) >= 2:
            yield doc[run[0].i : run[-1].i + 1]
        run = []
    if len(run) >= 2:
        yield doc[run[0].i : run[-1].i + 1]


def _person_name_in(span: Span) -> str | None:
    """The person's name ending a run of proper nouns, without the office before
    it ("Prime Minister Justin Trudeau" -> "Justin Trudeau"); None when the run
    names an organization or a place."""
    words = [t for t in span if t.text != "-"]
    name: list[Token] = []
    for token in reversed(words):
        if token.lower_ in ROLE_NOUNS or token.lower_ in HONORIFICS or len(name) == 2:
            break
        name.insert(0, token)
    if len(name) < 2:
        return None
    if any(t.lower_ in ORG_NAME_WORDS or t.is_upper and len(t) > 1 or t.ent_type_ in PLACE_LABELS for t in name):
        return None
    return _clean_name(" ".join(t.text for t in name))


def _starts_as_organization(ent: Span) -> bool:
    """A name the NER took for a person's that opens with an organization's word
    ("Studio Kellerman", "Radio Halton"): a firm named after its founder or place.
    Only the first word counts, since surnames can be such words ("Emily Post")."""
    return len(ent) > 1 and ent[0].lower_ in ORG_NAME_WORDS


def _name_after_office(ent: Span) -> str | None:
    """The name after a capitalized office that ends an entity the NER took for an
    organization or a place ("Gitxsan Hereditary Chief Wii'lax" -> "Wii'lax"): one or
    two capitalized words, none an organization's word."""
    office = max((t.i for t in ent if _is_office_word(t.text) and t.is_title), default=None)
    if office is None:
        return None
    name = ent.doc[office + 1 : ent.end]
    if not 1 <= len(name) <= 2 or not all(t.text[:1].isupper() and not t.is_upper for t in name):
        return None
    if any(t.lower_ in ORG_NAME_WORDS or t.lower_ in ROLE_NOUNS for t in name):
        return None
    return _clean_name(name.text)


def _main_subject(token: Token) -> bool:
    """The subject of a main clause: the likeliest antecedent of a later pronoun.
    Subjects inside reported content ("Pike said Marsh would ...") are not."""
    if token.dep_ not in SUBJECT_DEPS:
        return False
    verb = token.head
    return verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT"


def _organization_of(mention: Span) -> list[Span]:
    """ "a spokesperson for HMRC": the proper noun a role speaks for, when the NER
    did not label it, as an ORG span."""
    for prep in mention.root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "with"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN" and pobj.i < mention.end:
                    start = pobj.i
                    while start > prep.i + 1 and mention.doc[start - 1].pos_ == "PROPN":
                        start -= 1
                    return [Span(mention.doc, start, pobj.i + 1, label="ORG")]
    return []


def _title_words(title: str) -> set[str]:
    """The words of a title, an abbreviated office read as the office: "Gov." is
    "governor", so that "the governor" refers back to Gov. Dana Whitcomb."""
    words = title.lower().split()
    return {TITLE_ABBREVIATIONS.get(w.rstrip("."), w) for w in words}


def _is_office_word(word: str) -> bool:
    """An office written before a name, in full or abbreviated: "Mayor", "Cllr", "Sgt."."""
    word = word.lower()
    return word in ROLE_NOUNS or word.rstrip(".") in TITLE_ABBREVIATIONS


def _without_leading_role(name: str) -> str:
    """Drop office words the NER left at the front of a person's name, keeping at
    least a first and last name: "Organizer Dana Reyes", "Cllr Dana Reyes" -> "Dana Reyes";
    an abbreviated title goes before a surname alone too: "Cllr Reyes" -> "Reyes"."""
    words = name.split()
    while len(words) > 2 and (_is_office_word(words[0]) or words[0].islower()):
        words.pop(0)
    # an abbreviated title or an honorific is never part of a name, even before a
    # surname alone ("Cllr Reyes", "Ms Reyes", as British and South African papers write)
    if len(words) == 2 and (words[0].lower().rstrip(".") in TITLE_ABBREVIATIONS or words[0].lower() in HONORIFICS) \
            and words[1][:1].isupper():
        words.pop(0)
    return " ".join(words)
