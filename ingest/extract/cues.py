"""Reporting cues: the verbs and phrases that attribute words or claims to a source.

A cue is recognised by its lemma, so "said", "says" and "saying" are one entry.
Cognition verbs ("believes", "estimates", "expects") are included because news
uses them to report what a person or organization holds to be true; what a study
found and what a person believes are then told apart from speech (``is_finding``,
``is_belief``).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

REPORTING_LEMMAS = frozenset(
    """
    say tell add warn argue note explain claim state announce estimate believe
    insist suggest write report describe urge allege confirm tweet admit
    acknowledge testify quip promise confess assure concede reply respond recall
    predict stress emphasize emphasise maintain contend declare deny complain
    observe remark comment reveal disclose indicate agree caution assert
    think feel expect fear hope worry wonder ask question mention charge
    counter reiterate repeat vow pledge boast lament speculate
    propose recommend conclude find show project forecast calculate
    interject retort exclaim shout yell whisper mutter joke muse reason demand plead
    clarify specify affirm reaffirm underline underscore highlight continue recount
    express call advise remind order command interrupt
    """.split()
)

# The commonest written forms of the verbs of saying, for places the tagger cannot be
# trusted to read them as verbs: glued onto an unclosed quote ("...exploitationSaid
# Williams"), or opening an inverted attribution, where the NER reads them into the name
# after them ("Said Petrie: ...").
SAY_FORMS = ("said", "says", "added", "adds", "told", "tells", "warned", "noted", "explained", "stated",
             "wrote", "writes")

# What "say" takes as its object in an idiom of greeting or answering ("say goodbye to").
GREETING_WORDS = frozenset("hello hi goodbye bye farewell thanks yes no".split())

# Marks inside a name read from capitals alone: "Jo-Ann", "J. R. Hale".
NAME_JOINERS = ("-", ".")

# "point out", "call for", "go on to say": phrasal cues need their particle.
PHRASAL_CUES = {("point", "out"), ("call", "for"), ("call", "on")}

SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Verbs whose object is whom something was said to: "told reporters", "assured voters".
ADDRESSEE_VERBS = frozenset("tell inform assure warn remind advise urge ask notify".split())
FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))  # a verb form that makes a clause
PARTICIPLE_TAGS = frozenset(("VBN", "VBG"))  # "authorized", "speaking"
# Passive verbs whose subject is still the speaker: "Lee was quoted as saying", "was
# heard telling", "is reported to have said". In any other passive the subject is what
# was said or whom it was said to ("the plan was described as a disaster", "Lee was told
# that ..."): the speaker is the agent ("by X"), or no one named.
SPEAKING_PASSIVES = frozenset("quote hear overhear report record cite film".split())

# Nouns naming a document or data set: a source that is cited; as the subject of a
# reporting verb ("the lawsuit alleges") it speaks for whoever issued it.
DOCUMENT_NOUNS = frozenset(
    "report study survey data figures statistics estimate estimates poll analysis research "
    "review audit census document documents records release statement numbers finding findings "
    "lawsuit suit complaint claim filing memo memorandum letter email e-mail paper tweet post ruling decision website".split()
)


# Documents that hold evidence rather than someone's words: what a study or a set of
# records "found" or "shows" is a finding, where a statement or a letter still speaks
# for whoever issued it.
EVIDENCE_NOUNS = frozenset(
    "report study survey data figures statistics estimate estimates poll analysis research "
    "review audit census document documents records numbers finding findings video footage recording".split()
)
# Verbs that report what evidence establishes ("the study found", "records indicate").
FINDING_LEMMAS = frozenset(
    "find show suggest indicate reveal conclude estimate forecast project calculate predict".split()
)

# Verbs of a state of mind (see ``is_belief``).
BELIEF_LEMMAS = frozenset("believe think expect feel".split())

# Verbs of committing oneself to act (see ``is_commitment``).
COMMITMENT_LEMMAS = frozenset("promise pledge vow".split())
# Verbs whose subject, not their object, does what their infinitive says; and verbs
# of repeating another's words, whose subject makes them theirs ("Roe often quotes
# Lincoln saying ...": Roe's claim, in Lincoln's words).
SUBJECT_CONTROL_LEMMAS = COMMITMENT_LEMMAS | {"threaten"}
REPEATING_LEMMAS = frozenset({"quote", "cite"})


# What words are written on, which "read" reports the words of: "the statement read",
# "a sign read", "the note reads"
WRITTEN_ON_NOUNS = DOCUMENT_NOUNS | frozenset(
    "sign banner placard note message caption headline inscription notice recording voicemail advisory blog".split()
)


def is_written_on(noun: Token) -> bool:
    """A document, or a sign or note: what speaks for whoever wrote it."""
    return noun.lower_ in WRITTEN_ON_NOUNS or noun.lemma_.lower() in WRITTEN_ON_NOUNS


def _reads(verb: Token) -> bool:
    """ '"We will not back down," the union's statement read': "read" reports what a
    document or a sign says (its subject), not what someone read. The tagger often
    calls it a noun there, and the parser still gives it the subject."""
    return verb.lower_ in ("read", "reads") and any(c.dep_ == "nsubj" and is_written_on(c) for c in verb.children)


def is_document_noun(token: Token) -> bool:
    # the lemmatizer turns "data" into "datum"
    return token.lower_ in DOCUMENT_NOUNS or token.lemma_.lower() in DOCUMENT_NOUNS


def is_finding(cue: Token, subject: Token) -> bool:
    """ "The survey found that rents rose", "city records indicate ...": evidence
    reported by a document, which is a checkable statement citing that document, not
    speech (a person or organization that "found" something still speaks)."""
    return cue.lemma_.lower() in FINDING_LEMMAS and (
        subject.lower_ in EVIDENCE_NOUNS or subject.lemma_.lower() in EVIDENCE_NOUNS
    )


def is_belief(cue: Token, subject: Token) -> bool:
    """ "He believes the plan will fail", "many people think ...": a state of mind the
    writer reports, not words anyone said; the sentence is a checkable statement. A
    named organization's belief or expectation ("Acme expects sales to fall") is its
    stated position, which is speech."""
    return cue.lemma_.lower() in BELIEF_LEMMAS and subject.ent_type_ != "ORG"


def is_commitment(cue: Token, complement: Token | None) -> bool:
    """ "She promised to meet the other leaders", "they vowed to fight on": a commitment
    to act, told by its infinitive, is an intention and no claim of fact; what someone
    promised would be true ("promised that the line would open in May") is a claim."""
    return cue.lemma_.lower() in COMMITMENT_LEMMAS and complement is not None and complement.dep_ == "xcomp"


def is_reporting_verb(token: Token) -> bool:
    if _reads(token):
        return True
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN") or greets(token):
        return False
    lemma = token.lemma_.lower()
    if lemma in REPORTING_LEMMAS or _as_one_put_it(token):
        return True
    particles = [child for child in token.children if child.dep_ in ("prt", "prep")]
    # "called for people to come together": the parser makes "for" the mark of the
    # clause called for, not the verb's particle.
    particles += [mark for child in token.children if child.dep_ == "advcl"
                  for mark in child.children if mark.dep_ == "mark"]
    return any((lemma, particle.lower_) in PHRASAL_CUES for particle in particles)


def greets(verb: Token) -> bool:
    """ "Say hello to the new champions", "said yes to the deal": a greeting or an
    answer said to someone or something, right after the verb, an idiom that reports no
    claim (the parser would take a name after it for an inverted speaker). Quoted, it is
    a quotation ("ended by saying, "Amen."")."""
    return verb.lemma_.lower() == "say" and any(
        child.dep_ in ("dobj", "intj") and child.i == verb.i + 1 and (child.tag_ == "UH" or child.lower_ in GREETING_WORDS)
        for child in verb.children)


def _surname_read_as_modifier(verb: Token) -> Token | None:
    """ "'...,' says Still.": a surname that is also an adverb or adjective (Still,
    Soon, Young), capitalized alone after an inverted cue and closing the clause,
    which the parser took for the verb's modifier. A day or date ("said Monday") is
    an entity and stays a time."""
    doc = verb.doc
    following = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if (following is None or following.head.i != verb.i or following.dep_ not in ("advmod", "npadvmod", "acomp", "oprd")
            or not following.is_title or following.ent_type_):
        return None
    closes = following.i + 1 == len(doc) or doc[following.i + 1].is_punct
    return following if closes else None


# what the parser makes of a surname that is also an adverb or a modal verb ("Early
# said", "May said") when it opens its clause
OPENING_MODIFIER_DEPS = ("advmod", "npadvmod", "aux")


def _subject_read_as_modifiers(verb: Token) -> Token | None:
    """ "'We are exhausted,' the 54-year-old said.": a noun phrase with no noun before a
    verb of saying in the past or third person, which the parser hangs on the verb word
    by word (its determiner too) instead of making it the subject. The subject is the
    phrase's last word, which heads the rest."""
    doc = verb.doc
    if verb.tag_ not in ("VBD", "VBZ") or verb.i == 0:
        return None
    last = doc[verb.i - 1]
    determiner = doc[last.left_edge.i - 1] if last.left_edge.i > 0 else None
    if (last.head != verb or last.pos_ not in ("ADJ", "NOUN") or determiner is None
            or determiner.dep_ != "det" or determiner.head != verb):
        return None
    return last


def _surname_read_as_opening_modifier(verb: Token) -> Token | None:
    """ "Early said the lists were growing", "but May said the deal ...": a surname that
    is also an adverb or a modal, opening its clause (after a stop, a comma, "and" or
    "but") before a verb of saying in the past or third person (so no command) that has
    no subject, which the parser took for the verb's modifier. Only when the text names
    someone by that surname after a given name or title ("Sam Early", "Theresa May"):
    "Also said to be ..." stays a fragment."""
    if verb.tag_ not in ("VBD", "VBZ"):
        return None
    doc = verb.doc
    # lower-case adverbs may stand between ("Early still says")
    opening = verb.i - 1
    while opening >= 0 and doc[opening].dep_ == "advmod" and doc[opening].head.i == verb.i and doc[opening].is_lower:
        opening -= 1
    if opening < 0:
        return None
    word = doc[opening]
    # a day ("Monday said") is no surname
    if (not opening < word.head.i <= verb.i or word.dep_ not in OPENING_MODIFIER_DEPS or not word.is_title
            or word.ent_type_ not in ("", "PERSON")):
        return None
    before = doc[opening - 1] if opening > 0 else None
    if before is not None and not (before.is_punct or before.is_space or before.dep_ == "cc" or word.is_sent_start):
        return None
    return word if _names_someone_by(word) else None


def name_after_opening_cue(word: Token) -> Span | None:
    """The name after a verb of saying that opens its sentence and before a colon or
    comma: "Said Petrie: "..."", "Added Jo Lee, "..."". Feature writing inverts the
    attribution so; the parser and the NER read the capitalized verb as part of the name
    after it, or tie the name to nothing."""
    doc = word.doc
    if word.lower_ not in SAY_FORMS or not word.is_title:
        return None
    if any(not t.is_punct and not t.is_space for t in doc[word.sent.start : word.i]):
        return None
    end = word.i + 1
    while end < word.sent.end and (doc[end].is_title or doc[end].text in NAME_JOINERS):
        end += 1
    if end == word.i + 1 or end == word.sent.end or doc[end].text not in (":", ",") or not doc[end - 1].is_title:
        return None
    return doc[word.i + 1 : end]


def _named_after_opening_cue(verb: Token) -> Token | None:
    """The speaker of an inverted attribution opening its sentence (see
    ``name_after_opening_cue``): the last word of the name."""
    name = name_after_opening_cue(verb)
    return name[-1] if name is not None else None


def _names_someone_by(surname: Token) -> bool:
    """Whether the text writes ``surname`` as the last part of a name, after a
    capitalized given name or title."""
    doc = surname.doc
    return any(
        t.text == surname.text and t.i != surname.i and t.i > 0 and doc[t.i - 1].is_title
        and (t.pos_ == doc[t.i - 1].pos_ == "PROPN" or t.ent_type_ == doc[t.i - 1].ent_type_ == "PERSON")
        for t in doc
    )


def _as_one_put_it(verb: Token) -> bool:
    """ "As Ana Ruiz put it, ...": the idiom names whose words follow."""
    children = list(verb.children)
    return (verb.lemma_.lower() == "put" and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
            and any(c.dep_ == "dobj" and c.lower_ == "it" for c in children))


# Words that open an indirect question; "what" and "who" are left out because they
# also open a claim ("said what the council calls a tax is a fee").
QUESTION_WORDS = frozenset("whether if why how when where".split())
# Dependents that are clauses of their own inside a complement.
OWN_CLAUSE_DEPS = frozenset(("advcl", "csubj", "csubjpass", "relcl", "acl"))


def is_indirect_question(complement: Token) -> bool:
    """Whether a clausal complement is an indirect question ("asked whether the plan
    would work", "wondered how much it cost"): what someone asked, not a claim. The
    word must belong to the complement's own clause: in "said if the vote fails they
    will strike" the "if" opens a condition inside a claim, and in "said how it was
    spent is a mystery" a clausal subject."""
    token = complement.doc[complement.left_edge.i]
    if token.lower_ not in QUESTION_WORDS:
        return False
    while token.i != complement.i:
        if token.dep_ in OWN_CLAUSE_DEPS or token.head.i == token.i:
            return False
        token = token.head
    return True


def according_to(token: Token) -> Token | None:
    """The source noun of "according to X" when ``token`` is "according"."""
    if token.lower_ != "according":
        return None
    # The parser sometimes attaches "to" as the next sibling rather than a child.
    following = [token.nbor(1)] if token.i + 1 < len(token.doc) else []
    for prep in [*token.children, *following]:
        if prep.lower_ == "to":
            pobj = next((child for child in prep.children if child.dep_ == "pobj"), None)
            if pobj is not None:
                return name_set_after(pobj) or pobj
    return None


def name_set_after(source: Token) -> Token | None:
    """ "According to his aunt, Jane Starling, "..."" or "..., the bridge is safe": a
    person's name set off by commas right after a common noun source (not a document:
    "According to the report, Tom Lee, the driver ..." is ambiguous) names the source,
    where the parser reads it as the subject of the clause that follows. Only when a
    quotation or a clause with a subject of its own follows: in "According to police,
    Tom Lee, 34, was arrested" the name is what the clause is about. Returns the name's
    head."""
    doc = source.doc
    comma = source.right_edge.i + 1
    name = entity_of(doc[comma + 1]) if comma + 1 < len(doc) and doc[comma].text == "," else None
    if (name is None or name.start != comma + 1 or name.label_ != "PERSON" or source.pos_ != "NOUN"
            or source.ent_type_ or is_document_noun(source) or name.end + 1 >= len(doc) or doc[name.end].text != ","):
        return None
    after = doc[name.end + 1]
    verb = name.root.head
    # "Jane Starling, the bridge is ...": the words after the comma run to the verb
    # with no comma, so they are its subject (a name's own apposition closes with one)
    subject_follows = (name.root.dep_ in SUBJECT_DEPS and verb.i > after.i
                       and not any(t.text == "," for t in doc[after.i:verb.i]))
    return name.root if after.is_quote and after.is_left_punct or subject_follows else None


def cue_phrase(cue: Token) -> str:
    """The cue as a journalist would name it: "said", "pointed out", "according to"."""
    if cue.lower_ == "according":
        return "according to"
    if _as_one_put_it(cue):
        return "put it"
    particles = [c.text for c in cue.children if c.dep_ == "prt" and c.i == cue.i + 1]
    return " ".join([cue.text, *particles])


def is_unattributed_passive(verb: Token) -> bool:
    """A passive that names no speaker: "the plan was described as 'a disaster'". The
    quote is someone's words, but the text does not say whose."""
    return (verb.lemma_.lower() not in SPEAKING_PASSIVES
            and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
            and not any(c.dep_ == "agent" for c in verb.children))


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a reporting verb, following the structures
    news uses: participles ("..., saying"), conjoined verbs ("X spoke and added"),
    relative clauses ("X, who said") and passives ("was quoted as saying", "was told by X")."""
    seen = 0
    conjoined = False  # reached from a verb conjoined to this one
    while verb is not None and seen < 4:
        seen += 1
        passive_subject = None
        for child in verb.children:
            # a quotation mark the parser took for a subject ("...,’’ says the founder")
            # is none
            if child.dep_ in SUBJECT_DEPS and child.lower_ not in ("that", "which", "who") and not child.is_punct:
                if child.dep_ == "nsubj":
                    return _subject_split_in_two(_inverted_subject(verb) or _named_after_opening_participle(child)
                                                 or child)
                passive_subject = child
        # a verb conjoined to a passive shares its subject, not its agent: "The minister
        # was criticized by the union and said ..." is the minister's; and whoever is
        # quoted speaks, not the outlet quoting them ("Dunn was quoted by Reuters as saying")
        if passive_subject is not None and (conjoined or verb.lemma_.lower() == "quote"):
            return passive_subject
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        # the subject of a passive is what was said or described ("the arrest, which
        # was described as ..."), unless the verb still names the speaker
        if is_unattributed_passive(verb):
            return None
        if passive_subject is not None:
            return passive_subject
        # an attribution inverted after what was said ("'...,' points out the owner"):
        # the parser takes the speaker after a transitive cue for its object
        if any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
            misread = (subject_read_as_appositive(verb) or _subject_of_reduced_relative(verb)
                       or described_subject_read_as_clause(verb))
            if misread is not None:
                return misread
            # the object of a verb of telling is whom it was told, never its speaker
            inverted = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
            if inverted is not None and verb.lemma_.lower() not in ADDRESSEE_VERBS:
                return inverted
            surname = _surname_read_as_modifier(verb)
            if surname is not None:
                return surname
        if seen == 1:
            # a subject the parser read as something else: a conjunct, an adverb, a modal
            misread = (subject_read_as_conjunct(verb) or _surname_read_as_opening_modifier(verb)
                       or _subject_read_as_modifiers(verb) or _named_after_opening_cue(verb))
            if misread is not None:
                return misread
        if verb.dep_ == "relcl":
            return _antecedent_of_relative(verb)
        controller = _object_controller(verb)
        if controller is not None:
            return controller
        if verb.dep_ in ("conj", "advcl", "xcomp", "acl") and verb.head != verb:
            conjoined = verb.dep_ == "conj"
            verb = _past_reported_clause(verb) if seen == 1 else verb.head
            continue
        # "Dunn, asked about the strike, said ...": the parser makes the participle set off
        # by commas the main verb and hangs the verb of saying on it, unlabelled
        if verb.dep_ == "dep" and _participle_set_off(verb.head, verb):
            verb = verb.head
            continue
        # "was quoted as saying", "left after saying": the subject of the verb the
        # preposition belongs to said it
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head
            continue
        return None
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """ 'New rules for the port: "No trucks after six," says Dana Roe.': of two subjects
    the parser gives a verb, the one right after it, in an attribution inverted after a
    quotation, speaks; the one before the quotation is a heading."""
    doc = verb.doc
    after_quotation = verb.i >= 2 and (doc[verb.i - 1].is_quote or doc[verb.i - 1].text == "," and doc[verb.i - 2].is_quote)
    after = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i), None)
    before = any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children)
    return after if after_quotation and before and after is not None else None


def _past_reported_clause(participle: Token) -> Token:
    """The verb a participle of saying set off after what someone said or believed goes
    with: "Dana Roe believed no such meeting occurred, saying she kept the diary" is Dana
    Roe's, though the parser hangs "saying" on "occurred", the clause she believed."""
    head = participle.head
    set_off = participle.tag_ == "VBG" and participle.dep_ == "advcl" and participle.doc[participle.i - 1].text == ","
    if set_off and head.dep_ == "ccomp" and head.head.pos_ in ("VERB", "AUX") and head.head.i < head.i \
            and any(c.dep_ == "nsubj" for c in head.head.children):
        return head.head
    return head


def _participle_set_off(participle: Token, verb: Token) -> bool:
    """Whether ``participle`` opens a phrase set off by commas between its subject and
    ``verb``: "Dunn, asked about the strike, said"."""
    doc = verb.doc
    subject = next((c for c in participle.children if c.dep_ == "nsubj" and c.i < participle.i), None)
    return (subject is not None and subject.i + 1 < participle.i < verb.i
            and participle.tag_ in PARTICIPLE_TAGS | {"VBD"}
            and doc[participle.i - 1].text == "," and doc[verb.i - 1].text == ",")


def subject_read_as_appositive(verb: Token) -> Token | None:
    """ "Acme will close 40 stores, a source close to the company told Reuters.": the
    parser sometimes hangs the speaker on the last noun of what was said, as an
    appositive ("stores, a source"), and leaves the verb with no subject. A noun phrase
    set off by a comma at the end of the clause before the verb, right before it, is
    that verb's subject."""
    doc = verb.doc
    if verb.i < 2:
        return None
    last = doc[verb.i - 1]
    appositive = next((t for t in last.ancestors if t.dep_ == "appos"), last if last.dep_ == "appos" else None)
    if appositive is None or appositive.right_edge.i != verb.i - 1 or doc[appositive.left_edge.i - 1].text != ",":
        return None
    return appositive if appositive.pos_ in ("NOUN", "PROPN") else None


def _subject_of_reduced_relative(verb: Token) -> Token | None:
    """ "The talks have stalled, said officials not authorized to speak publicly.": the
    parser reads the inverted speaker and the participle that describes them as a
    clause of its own after the verb. The subject of a participle with no auxiliary,
    right after the verb, is the speaker the participle describes."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i < verb.i or clause.tag_ not in PARTICIPLE_TAGS:
            continue
        if any(c.dep_ in ("aux", "auxpass") for c in clause.children):
            continue
        return next((c for c in clause.children if c.dep_ == "nsubj" and c.left_edge.i == verb.i + 1), None)
    return None


def described_subject_read_as_clause(verb: Token) -> Token | None:
    """ '"Save our park," residents gathered outside city hall said.': the parser reads
    the speaker and the participle that describes them as a clause of their own, the
    verb's complement, though what was said is the quotation. Such a clause, between
    the quotation's closing mark and the verb, with a subject and a past form with no
    auxiliary or object, is the speaker described."""
    doc = verb.doc
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i > verb.i or clause.right_edge.i != verb.i - 1:
            continue
        if clause.tag_ not in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass", "dobj") for c in clause.children):
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
        if subject is None or subject.left_edge.i == 0:
            continue
        before = doc[subject.left_edge.i - 1]
        if before.is_quote or before.text == "," and before.i > 0 and doc[before.i - 1].is_quote:
            return subject
    return None


def _antecedent_of_relative(verb: Token) -> Token | None:
    """What a relative clause's verb has for subject: the noun the clause describes.
    A time never speaks: in "reports last week that said ..." the parser may hang the
    clause on the time set after the noun, which is then the antecedent (or no one)."""
    head = verb.head
    time = entity_of(head) if head.ent_type_ in ("DATE", "TIME") else None
    if time is None:
        return head
    before = head.doc[time.start - 1] if time.start > 0 else None
    return before if before is not None and before.pos_ in ("NOUN", "PROPN") else None


def _named_after_opening_participle(subject: Token) -> Token | None:
    """ "Writing in a company blog, Jo Lee, director of ..., urged ...": the parser may
    take the participle that opens the sentence for the verb's subject and hang the
    name after its comma on it. A participle opening its sentence has no subject of its
    own there; the name set after the comma that closes its phrase is the speaker."""
    if subject.tag_ != "VBG" or subject.i != subject.sent.start:
        return None
    doc = subject.doc
    for child in subject.children:
        if child.i > subject.i and child.ent_type_ in ("PERSON", "ORG") and doc[child.left_edge.i - 1].text == ",":
            return child
    return None


def _subject_split_in_two(subject: Token) -> Token:
    """ "CPUC President Dana Whitfield said": the parser sometimes reads one noun phrase
    as two subjects of the verb, "CPUC" and "President Dana Whitfield", with nothing
    between them. An English noun phrase ends in its head, so the second is the
    subject. Only when the first ends in its own head: in "research published in the
    journal Nature found", "Nature" belongs to what hangs off the first."""
    if any(not t.is_punct for t in subject.subtree if t.i > subject.i):
        return subject
    following = (c for c in subject.head.children
                 if c.dep_ == "nsubj" and c.left_edge.i == subject.right_edge.i + 1)
    return next(following, subject)


def _object_controller(verb: Token) -> Token | None:
    """Who does what an infinitive says after a verb with an object: the object ("led the
    minister to warn", "prompting the council to urge": the minister warns, the council
    urges), except after a verb of committing oneself ("promised voters to say"), whose
    subject does it, or of repeating another's words."""
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() in SUBJECT_CONTROL_LEMMAS | REPEATING_LEMMAS:
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)


def subject_read_as_conjunct(verb: Token) -> Token | None:
    """ "Reporters asked about the budget and Lorna Bright said ...": a finite verb with
    no subject of its own right after a noun that the parser joined by the "and" to
    the noun before it: a garden path, the noun is the new clause's subject. A verb
    with a subject ("the minister and Lorna Bright said") keeps it."""
    before = verb.doc[verb.i - 1] if verb.i else None
    if (before is None or verb.tag_ not in FINITE_TAGS or before.dep_ != "conj"
            or any(child.dep_ in SUBJECT_DEPS for child in verb.children)
            or before.pos_ not in ("PROPN", "NOUN") or before.head.pos_ not in ("PROPN", "NOUN")):
        return None
    return before


def entity_of(token: Token) -> Span | None:
    """The named entity ``token`` is part of, or None: found from the token's own IOB
    tags, not by scanning every entity of the text."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def name_span(token: Token) -> Span:
    """The written mention a subject token stands for: the whole name
    ("Assistant Attorney General Beth Williams"), or the noun phrase without
    trailing clauses ("a spokesperson for HMRC")."""
    doc = token.doc
    if token.pos_ == "PRON":
        return doc[token.i : token.i + 1]
    start = token.left_edge.i
    # a preposition hanging before the head is no part of the name ("According to his
    # aunt, Jane Starling, "..."": the parser may make the name the sentence's root)
    for child in token.lefts:
        if child.dep_ == "prep":
            start = max(start, child.right_edge.i + 1)
    # nor is an adverb that focuses the subject ("Even the neighbours", "Only the mayor")
    for child in token.lefts:
        if child.dep_ == "advmod" and child.left_edge.i == start:
            start = child.right_edge.i + 1
    # an opening quotation mark or comma can hang off a subject in odd parses,
    # and a caption or photo credit on the line before is no part of the name
    while start < token.i and (
        doc[start].is_punct and doc[start].text not in "-–'’" or "\n" in doc[start : token.i].text
    ):
        start += 1
    # nor is the verb of an inverted attribution the parser hung on it ("Added Jo Lee:")
    if start < token.i and name_after_opening_cue(doc[start]) is not None:
        start += 1
    # the determiner of a subject read as the verb's modifiers (``_subject_read_as_modifiers``)
    if start > 0 and doc[start - 1].dep_ == "det" and doc[start - 1].head == token.head != token \
            and token.head.pos_ == "VERB":
        start -= 1
    # a word the parser split at its hyphen is one word: "counter-protesters"
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha:
        start -= 2
    end = token.i + 1
    # keep "for HMRC" / "of the company" after a role noun, and the description of an
    # unnamed source ("a person familiar with the talks"), but not clauses
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "with") and child.i == end:
            end = _phrase_end(child)
        elif child.dep_ == "prep" and child.lower_ in PLACING_PREPOSITIONS and child.i == end and _places(child, token):
            end = _phrase_end(child)
        elif child.dep_ == "amod" and child.i == end and token.pos_ == "NOUN":
            end = _phrase_end(child)
        elif child.dep_ in ("compound", "flat") and child.i == end:
            end = child.i + 1
        elif (token.pos_ == "NOUN" or is_person_name(token)) and (
            child.i == end and child.dep_ == "cc"
            and any(c.dep_ == "conj" and same_kind(c, token) and c.i > child.i for c in token.children)
            # the second noun's own modifiers come first: "eyewitnesses and local residents"
            or child.left_edge.i == end and child.dep_ == "conj" and same_kind(child, token)
        ):
            # "immigration lawyers and experts", "Tom Reyes and Ana Ruiz": a source named
            # by two nouns or two people is both
            end = _phrase_end(child) if child.dep_ == "conj" else child.i + 1
    # "Harbourmart chairman and founder Tom Reyes": two offices of one person, named
    # after both (a determiner would make the first someone else: "the chairman and Tom Reyes")
    person = _named_after_two_offices(token)
    if person is not None:
        end = max(end, person.i + 1)
    # a name the NER read whole is not cut where its own "and" or "of" would end a
    # phrase ("the Department of Health and Social Care"), as far as the parse keeps
    # it one phrase (an entity running on into the verb, "Jo Roe explained", stops)
    named_whole = entity_of(token)
    if named_whole is not None and end < named_whole.end <= token.right_edge.i + 1:
        end = named_whole.end
    # "Keeper of the Seal, Syed Ahmad, said": the name set beside the role is the
    # speaker's (but not a name inside a clause about the speaker: "Lee, who met Jo Roe")
    named = [t for t in token.subtree if t.i >= end and t.ent_type_ == "PERSON" and set_beside(t, token)]
    if named:
        end = named[0].right_edge.i + 1
    return doc[start:end]


def _named_after_two_offices(office: Token) -> Token | None:
    """The name ending "chairman and founder Tom Reyes" for its first office: a
    singular common noun with no determiner, joined by "and" to a name that a second
    office in lower case precedes."""
    if office.tag_ != "NN" or not office.is_lower or any(c.dep_ in ("det", "poss") for c in office.children):
        return None
    joined = next((c for c in office.children if c.dep_ == "cc" and c.i == office.i + 1), None)
    if joined is None:
        return None
    doc = office.doc
    for conj in office.children:
        if conj.dep_ == "conj" and is_person_name(conj):
            name = entity_of(conj)
            first = name.start if name is not None else conj.i
            between = doc[joined.i + 1 : first]
            if len(between) and all(t.is_lower and t.is_alpha for t in between):
                return conj
    return None


# Prepositions that say where an unnamed source is or comes from, part of who they
# are: "a fisherman on the pier", "experts from the lab", "residents in Eastvale".
PLACING_PREPOSITIONS = ("from", "in", "on")


def _places(preposition: Token, noun: Token) -> bool:
    """Whether a placing preposition after a common noun describes the source rather
    than the saying the parser hung on the noun: not a time ("a spokesperson on
    Monday") nor the document spoken in ("the company in a statement")."""
    objects = [child for child in preposition.children if child.dep_ == "pobj"]
    return (
        noun.pos_ == "NOUN"
        and len(objects) == 1
        and objects[0].ent_type_ not in ("DATE", "TIME")
        and not is_document_noun(objects[0])
    )


def is_person_name(token: Token) -> bool:
    """A proper noun the NER reads as part of a person's name."""
    return token.pos_ == "PROPN" and token.ent_type_ == "PERSON"


def same_kind(conjunct: Token, head: Token) -> bool:
    """Two common nouns, or two people's names (the NER may miss the second), joined."""
    if head.pos_ == "NOUN":
        return conjunct.pos_ == "NOUN"
    return conjunct.pos_ == "PROPN" and conjunct.ent_type_ in ("PERSON", "")


def set_beside(appositive: Token, head: Token) -> bool:
    """Whether ``appositive`` is set in apposition to ``head``: a name after a role's
    whole phrase ("the director of the Harbour Trust, Mirela Dunn"), a role after a name
    ("Jo Lee, the mayor"), but not after a clause about the head ("the Leeds resident,
    who sold copies of her novel, The Silver Harbour": the parser may set the novel's
    title beside the role)."""
    start, end = sorted((appositive.i, head.i))
    return appositive.dep_ == "appos" and _within_phrase(appositive, head) and not any(
        t.dep_ in OWN_CLAUSE_DEPS for t in appositive.doc[start:end]
    )


def _within_phrase(token: Token, head: Token) -> bool:
    """Whether ``token`` hangs off ``head`` through phrases alone (no clause between):
    a name set after a role's whole phrase, which the parser hangs on its last noun
    ("the new director of the Harbour Trust, Mirela Dunn"), is set beside the role."""
    while token.head.i != token.i and token.i != head.i:
        if token.dep_ not in PHRASE_RIGHT_DEPS | {"appos"}:
            return False
        token = token.head
    return token.i == head.i


# What may follow a head inside one noun phrase; a comma, a relative clause or a
# coordination ends it ("a member of the public, whose name ...", "familiar with the
# talks but unauthorized to ...").
PHRASE_RIGHT_DEPS = frozenset(("prep", "pobj", "amod", "compound", "flat", "nummod"))


def _phrase_end(token: Token) -> int:
    """The end of the phrase ``token`` heads. The object of a preposition takes no
    phrase of its own unless it is a proper name: "one of the players" (not "... in
    the video"), but "a spokesperson for the Ministry of Health"."""
    end = token.i + 1
    for child in token.rights:
        if child.left_edge.i != end or child.dep_ not in PHRASE_RIGHT_DEPS:
            break
        if child.dep_ == "prep" and token.dep_ == "pobj" and token.pos_ != "PROPN":
            break
        end = _phrase_end(child)
    return end
