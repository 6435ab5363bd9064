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
  refers back to it; an unnamed spokesperson or official is named after the
  organization it speaks for ("a spokesperson for HMRC": "HMRC spokesperson");
  collective nouns ("the organization", "the agency") to the
  most recent organization, never to a group named by a plural noun ("officials");
- documents ("the report says", "the lawsuit alleges") to whoever issued them:
  the owner or author the phrase names ("the RCMP statement", "a study by X"),
  else the organization last seen issuing something, else the last organization
  named as a subject.
"""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimkb.ingest.extract import names
from claimkb.ingest.extract.cues import (
    SUBJECT_DEPS,
    entity_of,
    is_document_noun,
    is_person_name,
    is_reporting_verb,
    is_written_on,
    name_span,
    same_kind,
    set_beside,
)
from claimkb.ingest.extract.given_names import sex_of_given_name
from claimkb.ingest.extract.names import (
    COLLECTIVE_NOUNS,
    GENDERED_NOUNS,
    HONORIFIC_GENDER,
    HONORIFICS,
    ORG_LABELS,
    ORG_NOUNS,
    PERSON_LABELS,
    PERSON_WORDS,
    PUBLIC_OFFICES,
    REPRESENTATIVE_NOUNS,
    ROLE_NOUNS,
    ROLE_SYNONYMS,
)
from claimkb.ingest.extract.ranges import CharRanges
from claimkb.ingest.records import Speaker

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "themselves"}
ALL_PRONOUNS = MALE | FEMALE | NEUTER | PLURAL
ISSUING_LEMMAS = frozenset("release publish issue file launch post send prepare produce commission submit".split())
# Verbs of getting or reading a document: whoever did so holds it and did not write it
# ("a police report obtained by the Courier", "documents reviewed by reporters").
HOLDING_LEMMAS = frozenset("obtain see review read examine view acquire receive".split())
# Who may write a document, called by a common noun: an institution by its kind ("a
# letter from the mayor's office") or a body of people ("a statement from the family")
AUTHOR_NOUNS = ORG_NOUNS | {"family"}
DEFINITE_WORDS = frozenset({"the", "this", "that"})
ONE_OF_SEVERAL_WORDS = frozenset({"one", "another"})
INDEFINITE_ARTICLES = frozenset({"a", "an"})
# How many sentences further back than a nearer mention that is no subject a pronoun
# still takes a main-clause subject: in "Moss fought the law. It was drafted by Hale.
# 'It is unfair,' he said." the passage is about Moss, Hale is named in passing.
SUBJECT_LOOKBACK = 1
# Prepositions that set someone beside a clause's subject to compare the two: "Unlike
# Petrie, he found no work" and "Like Lee, she opened a shop" name someone else.
COMPARING_PREPOSITIONS = frozenset({"like", "unlike"})
# A present or past participle: the verb of a clause with no subject of its own.
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})


@dataclass
class Mention:
    start: int
    end: int
    speaker: Speaker
    is_subject: bool
    # a "who" clause tells about the person ("I'm talking about Ana Ruiz, who was born
    # in Lima"): introduced, wherever the name stands
    introduced: bool = False
    # an attribution reported inside someone else's words ("He added that some leaders
    # deny ..."): its speaker is no one a later quote with no attribution continues
    told: bool = False


class SpeakerResolver:
    """Canonical speakers of one article; ``resolve`` maps a mention to one of them."""

    def __init__(self, doc: Doc, quoted: Iterable[tuple[int, int]] = ()):
        self.doc = doc
        self._text = doc.text  # Doc.text joins every token: built once
        self._quoted = sorted(quoted)
        self._speakers: dict[tuple[str, str], Speaker] = {}  # (kind, lowercased name) -> Speaker
        self._index: dict[str, list[Speaker]] = {}  # surname, first name or alias -> Speakers
        self._gender: dict[int, str] = {}  # id(Speaker) -> "m" | "f"
        self._gender_by_given_name: set[int] = set()  # whose gender only a given name tells
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
        # id of a speaker -> whom it stands for: an unnamed spokesperson's organization, or
        # each of two people who speak together (see ``represented``)
        self._represented: dict[int, list[Speaker]] = {}
        self._sentence_starts = [sent.start_char for sent in doc.sents]
        self._first_mentions: dict[int, int] | None = None  # see ``_first_named``
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
                keys |= {names.surname(name).lower(), parts[0].lower()}
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
        orgs = {names.clean_name(e.text) for e in ents if e.label_ == "ORG"}
        # a word the NER labels an organization on its own, and never part of a
        # person's name, is no one's first name ("Glimmer", the lab "Glimmer Research")
        person_words = {w.lower() for e in ents if e.label_ in PERSON_LABELS and len(e) > 1 for w in e.text.split()}
        self._org_words = {name.lower() for name in orgs if len(name.split()) == 1} - person_words
        runs = list(names.proper_name_runs(self.doc))
        self._org_names = names.full_organization_names(orgs, [names.clean_name(r.text) for r in runs if not r.ents])
        # words the NER labels a person when they stand alone: usually surnames
        self._lone_person_words = {e.text.lower() for e in ents if e.label_ in PERSON_LABELS and len(e) == 1}
        # a word the NER labels an organization on its own more often than a person
        # ("Facebook said ... Facebook told staff"), and no part of a person's full name,
        # is that organization wherever the NER calls it a person
        lone = Counter(("org" if e.label_ == "ORG" else "person", e.text.lower()) for e in ents
                       if len(e) == 1 and (e.label_ == "ORG" or e.label_ in PERSON_LABELS))
        self._lone_org_words = {word for word in self._org_words if lone["org", word] > lone["person", word]}
        # full names first, so that single-word mentions find them whatever the order
        persons = [e for e in ents if e.label_ in PERSON_LABELS and not names.starts_as_organization(e)]
        for ent in sorted(persons, key=lambda e: -len(names.clean_name(e.text).split())):
            name = names.without_leading_role(names.clean_name(ent.text))
            if not name:
                continue
            if len(name.split()) > 1 and not self._lookup_person(name, ent.start_char):
                self._speaker(name, "person")
        # Names the small NER model mislabels (or misses) still resolve later surnames.
        self._name_runs: dict[str, str] = {}
        for run in runs:
            run_name = names.person_name_in(run)
            if run_name is not None:
                self._name_runs.setdefault(names.surname(run_name).lower(), run_name)
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
            if not self._inside_quote(ent.start_char) and not names.is_credit(ent) and not names.is_modifier(ent):
                self._add_mention(Mention(ent.start_char, ent.end_char, speaker, names.main_subject(ent.root),
                                          names.introduced_by_who(ent.root)))
        self._note_unlabelled_surnames()
        self._note_given_names()
        self._vote_genders()
        self._chain_pronouns()

    def _note_given_names(self) -> None:
        """A full name whose given name one sex clearly bears ("Mike Dunn") tells the
        person's gender, unless an honorific already has (see ``given_names``)."""
        for speaker in self._speakers.values():
            words = speaker.name.split()
            if speaker.kind == "person" and len(words) > 1:
                sex = sex_of_given_name(words[0])
                if sex is not None and id(speaker) not in self._gender:
                    self._gender[id(speaker)] = sex
                    self._gender_by_given_name.add(id(speaker))

    def _note_unlabelled_surnames(self) -> None:
        """A known person's surname that the NER missed ("Ferris has four
        goals", "when she told Lund") is still a mention of that person, and so is one
        the tagger took for a common noun ("Reyes disagreed."), capitalized as names are."""
        for token in self.doc:
            if not (token.pos_ == "PROPN" or token.pos_ == "NOUN" and token.is_title) or token.ent_type_ \
                    or self._inside_quote(token.idx):
                continue
            known = [s for s in self._index.get(token.lower_, ()) if s.kind == "person"]
            if known:
                speaker = self._pick(known, token.idx)
                self._add_mention(Mention(token.idx, token.idx + len(token), speaker, names.main_subject(token)))

    def _vote_genders(self) -> None:
        """Learn a person's gender from the he/she that follows their name when no
        other person is named in between (in the same or the next sentence); the
        majority wins, and an honorific (Mr., Ms.) or a given name that one sex
        clearly bears outranks any vote."""
        votes: dict[int, list[str]] = {}
        persons = [m for m in self._mentions if m.speaker.kind == "person"]
        starts = [m.start for m in persons]
        for token in self.doc:
            gender = "m" if token.lower_ in ("he", "him", "his") else "f" if token.lower_ in ("she", "her") else None
            # a caption's pronoun is about the people in the photo, who are no mentions,
            # and one inside what someone reports is about whom they speak of ("Lee said
            # the account in her name was fake"), unless it is the reported clause's
            # subject ("Lee said she would resign")
            if (gender is None or self._inside_quote(token.idx) or names.is_caption(token.sent)
                    or _in_what_is_reported(token)):
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
            if not names.main_subject(token) or self._inside_quote(token.idx):
                continue
            if token.lower_ in ("he", "she"):
                speaker = self._resolve_pronoun(token)
                # the pronoun tells the gender of whom it took ("Jo Lee met Mayor Sam
                # Petrie. He promised ...": a later "she" is not Petrie)
                if speaker is not None and speaker.kind == "person":
                    self._gender.setdefault(id(speaker), "m" if token.lower_ == "he" else "f")
            elif names.is_definite_office(token):
                wanted = ROLE_SYNONYMS.get(token.lemma_.lower(), {token.lemma_.lower()})
                qualifiers = [t.text for t in token.lefts]
                speaker = self._recent(
                    token.idx,
                    lambda s, wanted=wanted, qualifiers=qualifiers: s.kind == "person" and s.title is not None
                    and names.holds_office(s.title, wanted, qualifiers),
                    subjects_only=False, earlier_only=True,
                )
            else:
                continue
            if speaker is not None:
                self._add_mention(Mention(token.idx, token.idx + len(token), speaker, True))

    def _entity_speaker(self, ent: Span) -> Speaker | None:
        name = names.clean_name(ent.text)
        if not name:
            return None
        lone_org = len(ent) == 1 and ent.text.lower() in self._lone_org_words
        # a name given to a place noun ("the district of Kota Lama") is no person's,
        # though it may be a government's ("the City of Eastvale said")
        named_as_organization = names.starts_as_organization(ent) or names.named_beside_organization_noun(ent)
        if (ent.label_ in PERSON_LABELS and not named_as_organization and not lone_org
                and not names.names_a_place(ent)):
            name = names.without_leading_role(name)
            if len(ent) == 1 and names.names_a_relative(ent):
                # "Lee's father, Tobias": family called by first name, not another Tobias
                return self._speaker(name, "person")
            speaker = self._lookup_person(name, ent.start_char) or self._speaker(name, "person")
            if speaker.name != name:
                self._alias(speaker, name)
            return speaker
        if self._names_person(ent):
            name = names.name_after_office(ent) or name
            speaker = self._lookup_person(name, ent.start_char) or self._speaker(name, "person")
            if speaker.name != name:
                self._alias(speaker, name)
            return speaker
        if ent.label_ == "ORG" or named_as_organization or lone_org:
            full = self._org_names.get(name.lower(), name)
            state = names.state_owning(ent)
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
        if any(s.kind == "organization" for s in self._index.get(names.clean_name(ent.text).lower(), ())):
            return False
        if names.names_a_place(ent):
            return False
        if names.described_as_person(ent):
            return True
        if names.name_after_office(ent) is not None:
            return True
        if len(ent) > 1 and any(t.lower_ in self._org_words for t in ent):
            return False
        if len(ent) == 1:
            return ent.text.lower() in self._name_runs or any(
                s.kind == "person" for s in self._index.get(ent.text.lower(), ())
            )
        if names.person_name_in(ent) == names.clean_name(ent.text):
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
        before = names.title_before(ent) or names.role_before(ent)
        title = names.with_other_office_words(before).text if before is not None else names.title_in_apposition(ent)
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
        self._first_mentions = None
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
                for s in self._index.get(names.surname(name).lower(), ())
                if s.kind == "person" and len(s.name.split()) > 1
                and names.surname(s.name).lower() == names.surname(name).lower()
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
        words = speaker.name.lower().split()
        if len(words) < 2 or words[0] != word.lower() or words[-1] == word.lower():
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

    def remember(self, speaker: Speaker, mention: Span) -> None:
        """Record an attribution, which makes its speaker the likeliest antecedent. One
        reported inside someone else's words ("He added that some leaders deny ...") is
        theirs to tell, as a finding is (see ``cite``): a later quote with no attribution
        of its own does not continue its speaker (see ``last_speaker``)."""
        if speaker not in self._used:
            self._used.append(speaker)
        self._add_mention(Mention(mention.start_char, mention.end_char, speaker, True,
                                  told=_told_by_another(mention.root)))

    def represented(self, speaker: Speaker) -> list[Speaker]:
        """Whom ``speaker`` stands for, each a source of what it says: the organization
        an unnamed spokesperson speaks for ("Acme spokesperson": Acme), each person of
        a pair who speak together ("Tom Reyes and Ana Ruiz")."""
        return self._represented.get(id(speaker), [])

    def cite(self, mention: Span) -> None:
        """Record the subject of a finding or belief, which no quote is attributed to:
        someone who believes something is still an antecedent, and the issuer of a
        document cited for what it found ("a port authority study found ..."), the sentence's
        subject in all but grammar, as likely an antecedent of "the agency" as an
        organization that spoke."""
        source = self.resolve(mention)
        if source is not None:
            self._cited.append(source)
            # a finding reported inside someone's words ("Ruiz says reports from
            # the region indicate ...") is theirs to tell: its source is no subject
            # a later quote could continue
            self._add_mention(Mention(mention.start_char, mention.end_char, source, not _told_by_another(mention.root)))

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
            if (mention.is_subject and not mention.told and id(speaker) not in self._things
                    and not self._questions(mention.start) and (speaker.kind == "person" or speaker in self._used)):
                return speaker
        return None

    def resolve(self, mention: Span) -> Speaker | None:
        root = mention.root
        # the tagger calls some names pronouns ("Brind'Amour"); the NER still sees a name
        name_as_pronoun = root.pos_ == "PRON" and root.ent_type_ != "" and root.lower_ not in ALL_PRONOUNS
        if root.pos_ == "PRON" and not name_as_pronoun or (len(mention) == 1 and root.lower_ in ALL_PRONOUNS):
            return self._resolve_pronoun(root)
        joint = self._joint_speaker(mention)
        if joint is not None:
            return joint
        # the entity holding the mention's head first: in "Toronto Star photo of
        # accountant Jane Roe" the speaker is Jane Roe, not the credit before her
        determined = mention[0].dep_ == "det" or mention[0].lower_ in ("the", "a", "an")
        if determined and len(mention) == 2 and root.lemma_.lower() in ORG_NOUNS:
            # "The College", "the Ministry": a kind of organization, capitalized as
            # institutions write of themselves, refers back like "the college"
            return self._resolve_role(mention)
        institution = names.institution_name(mention) if root.lemma_.lower() in ORG_NOUNS else None
        if institution is not None:
            return self._organization(institution)
        ents = sorted(mention.ents, key=lambda e: not e.start <= root.i < e.end)
        # nor is a person whom people of some kind act for, serve or stand with
        # ("Lawyers for Dana Roe argue", "Friends of Jo Lee say", "Obama administration
        # officials said"): they speak, not the person (one person's role, "vice
        # president of marketing Phil Schiller", is the name's own)
        people_of_some_kind = root.tag_ == "NNS" and names.is_kind_of_people(root)
        # nor is the person a group is named after, for one or a share of it ("one of Jo
        # Lee's lawyers", "one of the wives of Sam Petrie", "some of Lee's friends")
        one_of_group = (root.lower_ in ONE_OF_SEVERAL_WORDS or names.is_portion_of_group(root)) and any(
            child.dep_ == "prep" and child.lower_ == "of" for child in root.children)
        for ent in ents:
            heads = ent.start <= root.i < ent.end
            # in "the owner of Crumb Bakery" a name after the head is not the speaker, and
            # in "Lee's lawyers" or "Lee's father" the possessor is not: the role is; nor
            # in headlines, which drop the possessive ("Jo Lee lawyer says", "Tellan Quest
            # creator says"; not "Jo Lee parties for 48 hours", a verb read as a noun)
            owner = ent.root.head == root and root.pos_ == "NOUN" and (
                ent.root.dep_ == "poss" or ent.root.dep_ == "compound" and (
                    names.is_kind_of_people(root) or root.lemma_.lower() in REPRESENTATIVE_NOUNS))
            # but a name set beside a person's role names who it is, whatever the
            # determiner: "Another officer, Major Ines Kovac," is not the officer named
            # before, and after the role's whole phrase it is still the role's ("the
            # director of the Harbour Trust, Mirela Dunn", which the parser hangs on
            # "Trust"); beside an organization noun, "the aid group Harbourlight", it is
            # the organization's: see _resolve_role
            named_beside = set_beside(ent.root, root) and root.lemma_.lower() not in ORG_NOUNS
            if one_of_group and not (heads or named_beside):
                continue
            role_of_owner = owner and not is_document_noun(root)
            if heads or ent.label_ in PERSON_LABELS and (named_beside or not determined and not role_of_owner
                                                         and not people_of_some_kind):
                speaker = self._entity_speaker(ent)
                if speaker is not None:
                    return speaker
        if root.pos_ == "NOUN" and is_written_on(root):
            return self._resolve_document(mention)
        if not determined:
            # a known surname the tagger took for a plural noun ("Banks said")
            known = [s for s in self._index.get(names.clean_name(mention.text).lower(), ()) if s.kind == "person"]
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
        failing that, the last organization named as a subject. A sign, a note or a
        message that no one is written to have written is no one's ("A sign at the
        gate warned ...")."""
        root = mention.root
        kind = root.lemma_.lower()
        author = self._document_author(root)
        if author is not None:
            self._documents[kind] = author
            return author
        at = mention.start_char
        if mention[0].lower_ == "the":
            if kind in self._documents:
                return self._documents[kind]
            issuer = _issuer_of_earlier(root)
            if issuer is not None:
                return self.resolve(name_span(issuer))
        if not is_document_noun(root):
            return None
        return self._recent(at, self._is_organization, issuers_only=True) or self._recent(
            at, self._is_organization, subjects_only=True
        )

    def _document_author(self, root: Token) -> Speaker | None:
        for child in root.children:
            if child.dep_ == "poss" and child.pos_ == "PRON":
                return self._resolve_pronoun(child)
            if child.dep_ == "poss" or child.dep_ == "compound" and child.pos_ == "PROPN":
                return self.resolve(name_span(child))
            # an institution called by its kind ("a police report", "a court filing"):
            # the one named before with that word in its name, else the institution
            if child.dep_ == "compound" and child.lower_ in names.ORG_NOUNS and not child.ent_type_:
                return self._recent(root.idx, lambda s, kind=child.lower_: s.kind == "organization"
                                    and kind in s.name.lower().split()) or self.resolve(name_span(child))
            author = _author_after(child)
            # "a study (which is being) released by X", "a release sent to media from X"
            if author is None and child.dep_ in ("acl", "relcl") and child.lemma_.lower() not in HOLDING_LEMMAS:
                author = next((a for a in map(_author_after, child.children) if a is not None), None)
            # "an email Dunn sent to staff", "a letter the mayor wrote": whoever issued or
            # wrote it, the subject of the clause that says so
            if author is None and child.dep_ == "relcl" and child.lemma_.lower() in ISSUING_LEMMAS | {"write", "sign"}:
                author = next((c for c in child.children
                               if c.dep_ == "nsubj" and c.lower_ not in ("that", "which", "who")), None)
            if author is not None:
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
        office = max((i for i, t in enumerate(words) if names.is_office_word(t.text)), default=None)
        if office is not None and office + 1 < len(words):
            words = words[office + 1 :]
        name = names.clean_name(" ".join(t.text for t in words)) or names.clean_name(mention.text)
        found = self._index.get(name.lower())
        if found:
            return self._pick(found, mention.start_char)
        return self._lookup_person(name, mention.start_char) or self._speaker(name, "person")

    def _joint_speaker(self, mention: Span) -> Speaker | None:
        """Two or more people named as one subject ("Tom Reyes and Ana Ruiz said"): one
        source named after all of them, standing for each (see ``represented``). Each
        is a person of the article as well, whom a later "Ruiz said" finds."""
        root = mention.root
        # or named beside their role: "the cafe's owners, Tom Reyes and Ana Ruiz"
        lead = root if is_person_name(root) else next(
            (c for c in root.children if is_person_name(c) and set_beside(c, root) and c.i < mention.end), None)
        if lead is None:
            return None
        partners = [c for c in lead.children if c.dep_ == "conj" and c.i < mention.end]
        if not partners or not all(same_kind(c, lead) for c in partners):
            return None
        people = []
        for head in (lead, *partners):
            name = entity_of(head) or Span(self.doc, head.left_edge.i, head.i + 1, label="PERSON")
            person = self._entity_speaker(name)
            if person is None or person.kind != "person":
                return None
            people.append(person)
        group = self._speaker(" and ".join(p.name for p in people), "organization")
        self._groups.add(id(group))
        self._represented[id(group)] = people
        return group

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
        found = self._antecedent(token, kind, gender, by_given_name=True)
        if found is not None or gender is None:
            return found
        # a given name is evidence, not proof: when no one else fits, "he" may still be
        # a Beth who has been speaking (a machine translation's pronoun, or a man's name
        # the census gives women); but not someone only named so far, where the one the
        # pronoun means is more likely a name the NER missed ("Tom Baird and Ana Ruiz
        # met. 'It went well,' she said.")
        fallback = self._antecedent(token, kind, gender, by_given_name=False)
        return fallback if fallback in self._used else None

    def _antecedent(self, token: Token, kind: str | None, gender: str | None, by_given_name: bool) -> Speaker | None:
        """The mention a pronoun of ``kind`` and ``gender`` refers to, weighing the
        genders that given names tell only when ``by_given_name``."""
        i = bisect.bisect_left(self._starts, token.idx)
        # Search sentence by sentence back from the pronoun: the nearest main-clause
        # subject (or earlier speaker) wins, unless a compatible mention that is no
        # subject comes more than SUBJECT_LOOKBACK sentences nearer (within a
        # sentence, the first such mention that is a clause's subject, else the first).
        fallback: Speaker | None = None
        fallback_sentence = 0
        fallback_is_subject = False
        own_sentence = bisect.bisect_right(self._sentence_starts, token.idx)
        for mention in reversed(self._mentions[:i]):
            if token.idx - mention.end > 3000:
                break
            sentence = bisect.bisect_right(self._sentence_starts, mention.start)
            if fallback is not None and fallback_sentence - sentence > SUBJECT_LOOKBACK:
                return fallback
            speaker = mention.speaker
            if kind is not None and speaker.kind != kind or kind is not None and not self._is_one(speaker):
                continue
            if self._other_gender(speaker, gender, by_given_name) or (
                    sentence == own_sentence and self._set_apart_from(mention, token)):
                continue
            if mention.is_subject:
                return speaker
            # within the nearest sentence, the first mention, a subject of any clause
            # before a name in passing ("Locals call the bend Widow Reach, after the
            # writer Sarah Collins named it": the NER takes the bend's name for a person)
            if fallback is None or sentence == fallback_sentence:
                is_subject = self._clause_subject(mention)
                if fallback is None or is_subject or not fallback_is_subject:
                    fallback, fallback_sentence, fallback_is_subject = speaker, sentence, is_subject
        return fallback

    def _set_apart_from(self, mention: Mention, pronoun: Token) -> bool:
        """Whether ``mention``, in the pronoun's sentence, is someone the clause whose
        subject is ``pronoun`` sets beside it: whom it compares the subject with
        (``COMPARING_PREPOSITIONS``: "Unlike Petrie, he ..."), or anyone in a participle
        clause whose understood subject is the pronoun ("Speaking to Baird, he said ...",
        "Influenced by figures like Baird, he ..."): neither is the pronoun's antecedent."""
        if pronoun.dep_ not in SUBJECT_DEPS:
            return False
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        verb, branch = pronoun.head, span.root
        while branch.head != branch and branch.head != verb:
            branch = branch.head
        if branch.head != verb or branch == verb:
            return False
        if branch.dep_ == "prep":
            return branch.lower_ in COMPARING_PREPOSITIONS
        return (branch.dep_ == "advcl" and branch.tag_ in PARTICIPLE_TAGS
                and not any(child.dep_ in SUBJECT_DEPS for child in branch.children))

    def _clause_subject(self, mention: Mention) -> bool:
        """Whether the mention is the subject of any clause, main or not."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in SUBJECT_DEPS

    def _plural_subject_before(self, token: Token) -> Token | None:
        """The nearest plural common noun that is a subject, before ``token`` in its
        sentence or the one before: "Members complained about what they said",
        "Senators are eager to leave, and they say ...". "They" refers to such a
        group before any organization or person named further back, and to a kind of
        people before things ("the authors argued, glass microspheres showed promise.
        '...,' they wrote")."""
        sent = token.sent
        start = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        groups = [candidate for candidate in reversed(self.doc[start : token.i])
                  if candidate.dep_ in SUBJECT_DEPS and candidate.tag_ == "NNS" and candidate.pos_ == "NOUN"
                  and not is_document_noun(candidate) and not self._inside_quote(candidate.idx)]
        # then a main clause's subject before one inside what was said ("Police say that
        # the fires started after midnight. They say ...": the police, not the fires)
        return next((g for g in groups if names.is_kind_of_people(g)),
                    next((g for g in groups if names.main_subject(g)), groups[0] if groups else None))

    def _resolve_role(self, mention: Span) -> Speaker | None:
        head_noun = names.head_token(mention)
        head = head_noun.lemma_.lower()
        plural = head_noun.tag_ in ("NNS", "NNPS") or head in COLLECTIVE_NOUNS or names.is_portion_of_group(head_noun)
        # an entity that is only the kind of organization ("The Council") names none
        orgs_inside = ([e for e in mention.ents if e.label_ == "ORG" and not names.only_a_kind(e)]
                       or names.organization_of(mention))
        at = mention.start_char
        business_epithet = head in names.BUSINESS_EPITHETS and mention[0].lower_ == "the"
        if (head in ORG_NOUNS or business_epithet) and not plural:
            if orgs_inside:
                return self._entity_speaker(orgs_inside[0])
            name = names.name_beside(mention)
            if name is not None:
                # "the aid group Harbourlight", "the union Unifor": the name set beside the
                # noun is the organization's, whatever the NER took it for
                return self._organization(name)
            places = {w.lower() for e in mention.ents if e.label_ in ("GPE", "NORP") for w in e.text.split()}
            # (a company's epithet is no part of its name: "the US software giant" is
            # the company named before, wherever it is from)
            if places and not business_epithet:
                # "the Canadian government", "the Ontario ministry": that place's own,
                # named with the place, or a new organization (not another country's)
                named = self._recent(
                    at, lambda s: s.kind == "organization" and {head} | places <= set(s.name.lower().split())
                )
                return named or self._speaker(names.role_name(mention), "organization")
            kind = "company" if business_epithet else head
            return self._organization_of_kind(kind, at) or self._speaker(names.role_name(mention), "organization")
        if not plural:
            # "a masked man", "the woman", "his mother": the noun says who he or she is
            gender = GENDERED_NOUNS.get(head)
            wanted = ROLE_SYNONYMS.get(head, {head})
            # the person whose title names the role, or an unnamed source introduced by
            # the same head noun ("a justice official" ... "the official said"); only a
            # definite mention refers back to one ("a police officer" ... "a fire officer"
            # are two people)
            definite = mention[0].lower_ in DEFINITE_WORDS
            qualifiers = [t.text for t in mention if t.i < head_noun.i]
            # whom the role serves, as the mention says it ("a spokesman for the trust")
            served = [t.text for c in head_noun.rights if c.dep_ == "prep" and c.lower_ in names.SERVING_PREPOSITIONS
                      for t in c.subtree if t.i != c.i]

            def holds_role(s: Speaker) -> bool:
                return s.kind == "person" and not names.serves_another(s.title, served) and (
                    s.title is not None and names.holds_office(s.title, wanted, qualifiers)
                    or definite and self._role_heads.get(id(s)) in wanted
                )

            # "one resident said", "another officer said": one of several, someone
            # unnamed, not a resident named elsewhere by that title. "A resident" is
            # no one named before either (unless set beside the name: "Jo Lee, a
            # resident who ..."), but may be someone named later ("A Harbour coach
            # says ..." in a lede, "Coach Jo Lee said" further on): news names its
            # subject late
            if mention[0].lower_ in ONE_OF_SEVERAL_WORDS:
                titled = None
            elif mention[0].lower_ in INDEFINITE_ARTICLES and head_noun.dep_ != "appos":
                later = self._mentioned_after(
                    mention, lambda s: holds_role(s) and self._first_named(s) >= at, next_sentence_only=False)
                # unless named as a second one ("... said a resident. Another resident,
                # Jo Lee, ...")
                between = self._text[mention.end_char:later.start].lower().split() if later else ()
                titled = later.speaker if later is not None and "another" not in between else None
            else:
                titled = self._recent(at, holds_role)
            if titled is not None:
                return titled
            # a public office that no one named holds ("the judge") is someone new,
            # neither the person the passage is about nor another titled speaker
            office = head in PUBLIC_OFFICES
            # an age alone ("the 56-year-old") is a noun the tagger calls an adjective, and
            # a party or a nationality alone ("the Democrat", "the Briton") a proper noun
            described = (head_noun.pos_ == "NOUN" or names.is_age(head_noun)
                         or head_noun.ent_type_ == "NORP" and head_noun.tag_ == "NNP")
            if mention[0].lower_ == "the" and described and not is_document_noun(head_noun) and not office:
                # "the 39-year-old founder of X", "the rookie defenceman", "the bow-tied
                # maverick": a definite description of whoever speaks (not an
                # organization, office or document, handled apart) refers back to the
                # person the passage is about, whether or not its noun is a known kind
                # of person
                salient = self._salient_person(at, within=1000, gender=gender) or self._named_next(mention)
                # not one whose title makes it another office ("Vice-president Mia
                # Cole ... The president said"), or the office of another ("Jo Lee,
                # spokesman for the council ... the spokesman for the trust said")
                if salient is not None and not (
                        salient.title and names.holds_other_office(salient.title, wanted, qualifiers)
                        or names.serves_another(salient.title, served)):
                    return salient
            name, represented = names.role_name(mention), None
            # "a company spokesperson", "the agency's spokesperson": the organization
            # the kind of organization refers to, as "the company" alone would
            kind_of_org = next((c for c in head_noun.children if c.dep_ in ("compound", "poss")
                                and c.lemma_.lower() in ORG_NOUNS and not c.ent_type_), None)
            spoken_for = None
            if head in REPRESENTATIVE_NOUNS and orgs_inside:
                spoken_for = self._entity_speaker(orgs_inside[0])
            elif head in REPRESENTATIVE_NOUNS and kind_of_org is not None:
                spoken_for = self._organization_of_kind(kind_of_org.lemma_.lower(), at)
            elif head in ROLE_SYNONYMS["spokesperson"] and not any(
                    c.dep_ in ("prep", "poss", "compound") for c in head_noun.children):
                # "Acme did not accept the offer. A spokesperson said ...": a spokesperson
                # who names no one speaks for the organization the sentence before is about
                spoken_for = self._organization_subject_before(mention)
            if spoken_for is not None:
                # an unnamed spokesperson is named after the organization it speaks for
                # ("a spokesperson for Acme", "an Acme spokesperson": "Acme
                # spokesperson"), which the claim cites; someone who speaks for a person
                # ("a spokeswoman for Premier Reyes", "Mayor Lee's staff") is named as
                # written. A title or a he/she is what shows a person, as the NER takes
                # many a company for one
                if not self._known_person(spoken_for):
                    represented = spoken_for
                    name = f"{represented.name} {head_noun.text.lower()}"
                    self._cited.append(represented)
            if represented is None and mention[0].lower_ == "the" and head in ROLE_NOUNS and not office:
                # "the Prosecutor" with no matching title: the article's current titled speaker
                titled = self._recent(at, lambda s: s.kind == "person" and s.title is not None and s in self._used)
                if titled is not None:
                    return titled
            speaker = self._speaker(name, "person")
            if represented is not None:
                self._represented[id(speaker)] = [represented]
            self._role_heads.setdefault(id(speaker), head)
            if gender is not None:
                self._gender.setdefault(id(speaker), gender)
            if not names.names_a_person(mention) and head not in PERSON_WORDS:
                self._things.add(id(speaker))
            return speaker
        if orgs_inside and orgs_inside[0].root == mention.root:
            return self._entity_speaker(orgs_inside[0])
        if head in ORG_NOUNS and all(t.lower_ == "the" for t in mention if t.i != head_noun.i):
            # "Police say" after "Ottawa police say": an institution named again by its
            # kind alone is the one named before with it, not a new group. Not people
            # of a kind ("officials", "analysts"): a story quotes several such groups,
            # and "some analysts" are not the analysts named before; nor one of two
            # groups named together ("police and prosecutors")
            named = self._recent(at, lambda s: id(s) in self._groups and " and " not in s.name
                                 and s.name.lower().split()[-1] == head_noun.lower_, earlier_only=True)
            if named is not None:
                return named
        speaker = self._speaker(names.role_name(mention), "organization")
        self._groups.add(id(speaker))
        return speaker

    def _other_gender(self, speaker: Speaker, gender: str | None, by_given_name: bool = True) -> bool:
        """Whether ``speaker`` is known to be of the other gender than ``gender`` ("m",
        "f"), counting what a given name alone tells only when ``by_given_name``."""
        known = self._gender.get(id(speaker))
        if not by_given_name and id(speaker) in self._gender_by_given_name:
            known = None
        return gender is not None and known is not None and known != gender

    def _organization(self, name: str) -> Speaker:
        """The organization of this name (or the fuller name the article gives it)."""
        full = self._org_names.get(name.lower(), name)
        known = [s for s in self._index.get(full.lower(), ()) if s.kind == "organization"]
        return known[0] if known else self._speaker(full, "organization")

    def _is_organization(self, speaker: Speaker) -> bool:
        return speaker.kind == "organization" and id(speaker) not in self._groups

    def _known_person(self, speaker: Speaker) -> bool:
        return speaker.kind == "person" and (speaker.title is not None or id(speaker) in self._gender)

    def _is_one(self, speaker: Speaker) -> bool:
        """One person or one organization, which he, she or it may refer to."""
        return id(speaker) not in self._groups and id(speaker) not in self._things

    def _salient_person(self, at: int, within: int, gender: str | None = None) -> Speaker | None:
        """The most recent person named as a main-clause subject or speaker, or
        introduced by a "who" clause (of ``gender``, "m" or "f", unless theirs is known
        to be the other). A pronoun follows the chain of subjects alone; a definite
        description ("the 39-year-old founder") may also re-identify a person the
        passage introduced in passing."""
        i = bisect.bisect_left(self._starts, at)
        for mention in reversed(self._mentions[:i]):
            if at - mention.end > within:
                return None
            if self._other_gender(mention.speaker, gender):
                continue
            if ((mention.is_subject or mention.introduced) and mention.speaker.kind == "person"
                    and self._is_one(mention.speaker)):
                return mention.speaker
        return None

    def _organization_subject_before(self, mention: Span) -> Speaker | None:
        """The organization (not a group) that is the subject of a sentence, in the
        sentence of ``mention`` or the one before, the nearest first."""
        sentence = bisect.bisect_right(self._sentence_starts, mention.start_char) - 1
        since = self._sentence_starts[max(sentence - 1, 0)]
        i = bisect.bisect_left(self._starts, mention.start_char)
        for before in reversed(self._mentions[:i]):
            if before.start < since:
                return None
            if before.is_subject and self._is_organization(before.speaker):
                return before.speaker
        return None

    def _named_next(self, mention: Span) -> Speaker | None:
        """Delayed identification, when no person was a main-clause subject before:
        "The most popular punching bag in golf finally said 'no more.' Mike Davis has
        announced ...": the person named as a main-clause subject in the next sentence."""
        if self._salient_person(mention.start_char, within=mention.start_char) is not None:
            return None
        later = self._mentioned_after(mention, lambda s: s.kind == "person" and self._is_one(s), subjects_only=True)
        return later.speaker if later is not None else None

    def _first_named(self, speaker: Speaker) -> float:
        """Where the story first mentions ``speaker``, leaving out photo captions (which a
        page may set before the story's first sentence); infinity if nowhere."""
        if self._first_mentions is None:
            self._first_mentions = {}
            for mention in self._mentions:
                if id(mention.speaker) not in self._first_mentions and not self._in_caption(mention):
                    self._first_mentions[id(mention.speaker)] = mention.start
        return self._first_mentions.get(id(speaker), float("inf"))

    def _in_caption(self, mention: Mention) -> bool:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and names.is_caption(span.sent)

    def _mentioned_after(
        self, mention: Span, wanted, subjects_only: bool = False, next_sentence_only: bool = True
    ) -> Mention | None:
        """The first mention of a speaker ``wanted`` after ``mention``: in its sentence
        or the next, or anywhere after."""
        sentence = bisect.bisect_right(self._sentence_starts, mention.start_char)
        i = bisect.bisect_left(self._starts, mention.end_char)
        for later in self._mentions[i:]:
            if next_sentence_only and bisect.bisect_right(self._sentence_starts, later.start) > sentence + 1:
                return None
            if wanted(later.speaker) and (later.is_subject or not subjects_only):
                return later
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


    def _organization_of_kind(self, kind: str, at: int) -> Speaker | None:
        """The organization a kind of organization refers to at ``at``: "the commission"
        -> "the Westmere Commission"; "the company" -> the company that last spoke or
        was cited for a finding, else the last organization named as a subject."""
        def of_kind(speaker: Speaker) -> bool:
            return self._is_organization(speaker) and names.may_be_of_kind(speaker.name, kind)

        return (
            # an organization, not a group of people of it ("Police sources said ...
            # said a police officer": the officer is no "police sources" officer)
            self._recent(at, lambda s: self._is_organization(s) and kind in s.name.lower().split())
            or self._organization_just_before(at, of_kind)
            or self._recent(at, lambda s: of_kind(s) and (s in self._used or s in self._cited), subjects_only=True)
            or self._recent(at, of_kind, subjects_only=True)
        )

    def _organization_just_before(self, at: int, wanted=None) -> Speaker | None:
        """The organization that is a subject in the sentence of ``at`` or the one before:
        "The Harbour Authority rejects the finding. In a memo, the agency says ...": the
        passage is about it, whoever spoke further back."""
        sentence = bisect.bisect_right(self._sentence_starts, at)
        i = bisect.bisect_left(self._starts, at)
        for mention in reversed(self._mentions[:i]):
            if bisect.bisect_right(self._sentence_starts, mention.start) < sentence - 1:
                return None
            if mention.is_subject and (wanted or self._is_organization)(mention.speaker):
                return mention.speaker
        return None

    def _issues(self, mention: Mention) -> bool:
        """A mention that is the subject of a verb of issuing ("X released a report")."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ in SUBJECT_DEPS and root.head.lemma_.lower() in ISSUING_LEMMAS


def _told_by_another(subject: Token) -> bool:
    """Whether ``subject`` (a mention's root) is the subject of a clause that a verb of
    saying reports: "Ruiz says [reports] from the region indicate ...", "He added that
    some [leaders] deny ..."."""
    verb = subject.head
    return verb.dep_ == "ccomp" and is_reporting_verb(verb.head)


def _in_what_is_reported(token: Token) -> bool:
    """Whether ``token`` is inside the clause a verb of saying reports, below its subject."""
    if token.dep_ in SUBJECT_DEPS and _told_by_another(token):
        return False
    return any(ancestor.dep_ == "ccomp" and is_reporting_verb(ancestor.head) for ancestor in token.ancestors)


def _issuer_of_earlier(document: Token) -> Token | None:
    """The subject that issued or spoke through the last document of this kind named
    before ``document`` ("the statement"), where the sentence naming it says who:
    "Dana Roe issued a statement", "In a statement, Dana Roe said ..."."""
    kind = document.lemma_.lower()
    for earlier in reversed(document.doc[: document.i]):
        if earlier.lemma_.lower() != kind or earlier.pos_ != "NOUN":
            continue
        verb = earlier.head
        if earlier.dep_ == "pobj" and verb.lower_ in ("in", "through"):
            verb = verb.head
            if not is_reporting_verb(verb):
                return None
        elif not (earlier.dep_ == "dobj" and verb.lemma_.lower() in ISSUING_LEMMAS):
            return None
        return next((c for c in verb.children if c.dep_ == "nsubj" and _could_issue(c)), None)
    return None


def _could_issue(subject: Token) -> bool:
    """A pronoun, a person or organization, a proper name, or a noun for people or for
    an institution; not a time the parser took for a subject ("Hours after the
    announcement, three groups filed a lawsuit")."""
    if subject.pos_ == "PRON":
        return True
    if subject.ent_type_:
        return subject.ent_type_ in PERSON_LABELS + ORG_LABELS
    return subject.pos_ == "PROPN" or names.is_kind_of_people(subject) or subject.lemma_.lower() in AUTHOR_NOUNS


def _author_after(preposition: Token) -> Token | None:
    """The name a "by", "from" or "of" names as a document's author ("a report by
    Acme", "a release from the union"), or an agent's ("released by Acme"); where a
    document comes from is no author ("reports from Bangladesh"), nor when ("statistics
    from November")."""
    if not (preposition.dep_ == "agent" or preposition.dep_ == "prep" and preposition.lower_ in ("by", "from", "of")):
        return None
    objects = [p for p in preposition.children if p.dep_ == "pobj"]
    # a name, the name set beside a role ("by Tellan's chief executive, Mark Dunn"), an
    # institution called by its kind ("a letter from the mayor's office"), or people
    # ("a statement from the family of Jo Lee", "a letter from residents")
    author = next((p for p in objects if p.pos_ == "PROPN"), None) or next(
        (c for p in objects for c in p.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None) or next(
        (p for p in objects if p.lemma_.lower() in AUTHOR_NOUNS
         or p.pos_ == "NOUN" and names.is_kind_of_people(p)), None)
    if author is None or preposition.lower_ == "from" and author.ent_type_ in ("GPE", "LOC") \
            or author.ent_type_ in ("DATE", "TIME"):
        return None
    return author

