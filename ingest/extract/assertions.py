"""Unquoted sentences that make a checkable claim.

News is mostly checkable: a sentence or headline that states a number, a comparison,
an event, a state of the world or a policy could be verified against the world,
whether or not anyone is quoted. So a sentence is checkable unless it is one of the
kinds that assert nothing a fact-checker could verify (``why_not_checkable`` names
which):

- ``question``: "Will rates rise again?", or a question reported ("She asked whether
  rates will rise");
- ``dateline``: timestamps, datelines and bylines, "Posted 3 May 2013, 10:12 am";
- ``fragment``: too few words, a bare name ("- Jo Smith"), a verbless phrase that
  names nothing ("Inside the factory");
- ``label``: once a text's prose has begun, a verbless line of its own with no closing
  stop: a section heading, a product, an entry of a list ("The best value", "Harbor X2
  phone for $300");
- ``lead-in``: a line that announces what follows ("Asked about the plan, she
  replied:", "Here is what we know");
- ``pointer``: a pointer to other content ("The full text follows below",
  "visit http://...", a bracketed label with no verb: "(Reuters video)");
- ``instruction``: an imperative or advice to people at large ("To apply, visit the
  website", "Drivers should check their tyres");
- ``listicle``: how-to and list titles ("How to stream any film", "5 things to know");
- ``wish``: a condition with no consequence ("If only the site would come back!");
- ``procedure``: the stock line that a name is withheld until the family is told;
- ``boilerplate``: a page's notices, repeated on every page of a site: a copyright line
  ("© 2024 Harbour Press. All rights reserved."), where the piece first appeared
  ("Originally published on the Valley Ledger."), that it was updated ("This story has
  been updated."), a serial number ("ISSN 1234-5678"), a credit line ("Provided by the
  Harbour Trust");
- ``attribution``: a sentence that only says who spoke ("Const. Tim Fanning said.",
  "the agency reported on Monday"), left on its own when the sentence it attributes
  was cut off after an abbreviation or a line break;
- ``opinion``: a judgement or feeling as the main predicate ("It was a terrible day",
  "I am thrilled"), an exclamation ("What a game it was!", "I'm impressed!"), or praise
  heaped without a fact to check.

Sentences with numbers become statistics, the others assertions; both pass this test.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from claimkb.ingest.extract.cues import FINITE_TAGS, greets, is_indirect_question

# A clause with a verb asserts with two words ("Mayor quits"); a verbless headline
# needs a third to name an event rather than a thing ("Diamond heist in Paris").
MIN_CLAUSE_WORDS = 2
MIN_HEADLINE_WORDS = 3
# A caption names one person or organization, a phrase without a head ("Inside the
# factory") is short: at most this many words. Longer verbless lines are headlines the
# small parser read badly ("iOS 7.1 out now for iPhone and iPad").
MAX_NAME_WORDS = 4
MAX_PHRASE_WORDS = 4
# Praise or blame heaped on a subject ("brings tremendous expertise, impeccable
# judgment and a passionate commitment") with no figure or date: an opinion.
MIN_EVALUATIVE_WORDS = 2

# "Statement: question?" and "Statement - question?" headlines.
HEADLINE_SEPARATOR = re.compile(r"\s*[:;]\s+|\s+[-–—]+\s+")
# ... and "Statement, who's next?", "Statement... is it over?": a separator, or a comma or
# ellipsis before a question word, ends the statement a question follows.
QUESTION_AFTER_STATEMENT = re.compile(
    HEADLINE_SEPARATOR.pattern + r"|(?:,|\.\.\.|…)\s*(?=(?:but\s+|and\s+)?(?:who|what|where|when|why|how|is|are|was|"
    r"will|can|could|should|does|did)\b)", re.IGNORECASE)
TOKEN = re.compile(r"[^\W\d_]+")
# The ellipsis a feed or an aggregator puts where it cut a headline short.
CUT_SHORT = re.compile(r"\s*(?:\.\.\.|…)\s*$")
# Words that open a question cut short after a separator; "may", "can" and the like
# open statements as often ("Rally: May Day march ...").
CUT_QUESTION_OPENINGS = frozenset("who whom whose what which when where why how do does did is are was were".split())
QUESTION_OPENINGS = frozenset(
    """
    who whom whose what which when where why how is are was were will would can could should shall do does did
    has have had may might must
    """.split()
)
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Verbs whose "if" clause is what was asked, not a condition ("asked him if he knew").
ASKING_LEMMAS = frozenset({"ask", "wonder", "inquire", "enquire", "query"})
COPULAS = frozenset({"be", "seem", "look", "sound", "feel", "become"})
# After "how", words that ask an amount more often than they exclaim: "How much the plan
# costs is unknown" opens a statement with the clause it is about.
DEGREE_QUESTION_WORDS = frozenset("much many long far often soon".split())
MONTHS_AND_DAYS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    """.split()
)
# The rest of a dateline or byline: "Posted on", "Last updated:", "10:12 am PDT",
# "14:58 hrs local time", "Written by", "Photo by".
DATELINE_WORDS = frozenset(
    """
    posted updated published modified last on at by am pm a.m. p.m. et edt est pdt pst cdt cst mdt mst
    gmt utc bst cet cest ist aest hrs hr local time written reported edited compiled photo photos
    """.split()
)
# A whole line in brackets: with no verb it names a source, a link or a picture.
BRACKETED_LINE = re.compile(r"\(.*\)|\[.*\]", re.DOTALL)
# Verbs that point the reader elsewhere, and the places they point to.
POINTER_VERBS = frozenset({"follow", "visit", "click", "read", "see", "find", "watch", "download", "go", "check"})
POINTER_PLACES = re.compile(
    r"\b(?:this link|the link|after the jump|click here|http|www\.|our website|the website)\b", re.IGNORECASE
)
# Texts a page can say are coming next ("The full statement follows").
DOCUMENT_NOUNS = frozenset(
    """
    statement text release transcript list detail report letter speech interview excerpt remark summary
    spec specification announcement story
    """.split()
)
LEAD_IN_OPENINGS = re.compile(r"^\W*(?:here(?:'s|’s| is| are)|this is what|that's what|that’s what)\b",
                              re.IGNORECASE)
# The words a main clause needs to say something after a colon ("she replied:" has none).
CONTENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"})
# Advice addressed to people at large: "you should", "people should", "drivers should".
GENERIC_SUBJECTS = frozenset({"you", "people", "everyone", "everybody", "anyone", "anybody", "one", "we"})
ADVICE_MODALS = frozenset({"should", "ought"})
# Titles of list articles: "5 things to know", "3 predictions for the week".
LISTICLE_NOUNS = frozenset(
    """
    thing way reason tip prediction question fact sign lesson takeaway step trick secret mistake rule idea
    myth moment photo picture chart quote
    """.split()
)
# Words of judgement and feeling, not of measurable properties: "rare", "closed",
# "largest" or "higher" can be checked, "amazing", "ideal" and "thrilled" cannot.
EVALUATIVE = frozenset(
    """
    amazing wonderful terrible awful horrible dreadful great good bad ideal perfect excellent fantastic
    brilliant outstanding superb tremendous impeccable remarkable incredible exciting thrilling beautiful
    lovely gorgeous stunning fabulous marvellous marvelous magnificent splendid nice fine pleasant
    disgraceful shameful tragic sad happy thrilled delighted proud excited pleased glad grateful thankful
    honoured honored privileged sorry disappointed disappointing upset passionate inspiring inspirational
    ridiculous absurd outrageous unacceptable appalling shocking disgusting pathetic stupid silly
    difficult easy hard important essential crucial vital necessary
    privilege honour honor tragedy disgrace shame pleasure joy nightmare blessing surprise
    """.split()
)
# "The victim's name is being withheld until relatives are told": a routine of
# crime and accident reports, not news about the world.
WITHHELD_UNTIL_TOLD = re.compile(
    r"\b(?:withh[eo]ld(?:ing)?|not (?:yet )?(?:be(?:en)? )?(?:released|identified|named|made public))\b"
    r".*\b(?:until|pending|before)\b.*\b(?:kin|relatives?|famil(?:y|ies))\b",
    re.IGNORECASE,
)
# A page's own notices, the same on every page of a site: a copyright line (opening with
# the sign or the word), "All rights reserved", where the piece first appeared, and the
# serial number of a periodical. "Copyright" inside a sentence ("sued over copyright")
# is news, so only a line that opens with it counts.
# "All rights reserved" and "no reproduction without permission" as pages in other
# languages write them (French, German, Spanish, Portuguese, Italian, Russian, Chinese,
# Japanese, Korean): a notice in any language is no claim.
RIGHTS_RESERVED = (
    r"tous droits réservés|alle rechte vorbehalten|todos los derechos reservados|todos os direitos reservados"
    r"|tutti i diritti riservati|все права защищены|版权所有|版權所有|無断転載|무단\s*전재|재배포\s*금지"
)
BOILERPLATE = re.compile(
    r"^\W*(?:©|ⓒ|\(c\)\s*\d{4}|copyright\b)"
    r"|\ball rights reserved\b|" + RIGHTS_RESERVED +
    r"|^\W*(?:this (?:article|story|piece|post) (?:was |is )?)?(?:originally|first) (?:published|appeared)"
    r" (?:on|in|at|by)\b"
    # an update notice: "This story has been updated.", "This article was corrected to ..."
    r"|^\W*this (?:article|story|piece|post|page) (?:has been|was|is being) (?:updated|corrected|amended)\b"
    r"|\bISSN:?\s*\d{4}-?\d{3}[\dxX]\b"
    # a credit line, the whole sentence a name after the credit: "Provided by the Harbour
    # Trust", "Image courtesy of Tellan Mining" (not "Data provided by the bank show ...")
    r"|^\W*(?:(?:photo|image|picture|video)s?\s+)?(?:provided|supplied|courtesy)\s+(?:by|of)\s+(?:the\s+)?"
    r"(?-i:[A-Z][\w.&'’/-]*(?:\s+(?:[A-Z][\w.&'’/-]*|of|and|for|the|&))*)\W*$",
    re.IGNORECASE,
)
# Verbs of saying that, with nothing said after them, leave only an attribution: not
# the wider reporting cues, as "The search continued." or "Firefighters responded."
# still assert something. What "tell" takes as its object is the hearer.
SAYING_VERBS = frozenset("say tell add report write tweet explain note state comment confirm".split())
HEARER_VERBS = frozenset({"tell"})
FEELING_VERBS = frozenset({"love", "hate", "hope", "wish", "feel", "adore", "enjoy", "like", "miss", "regret"})
FIRST_PERSON = frozenset({"i", "we"})
FACT_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
CLOSING_MARKS = "\"'”’)]"
SENTENCE_STOPS = (".", "!", "?", "…")
PROSE_KEY = "claimkb.assertions.prose"  # doc.user_data: the text and where its prose begins
PROSE_LINE = re.compile(r"[.!?…][\"'”’)\]]*[ \t]*$", re.MULTILINE)  # a line that closes with a stop


def is_checkable(sent: Span) -> bool:
    """Does this sentence assert something a fact-checker could verify?"""
    return why_not_checkable(sent) is None


def _reports_a_question(clause: Token) -> bool:
    """Whether ``clause`` is a question its head reports: a complement ("She asked
    whether rates will rise"), or, after a verb of asking, the "if" or "whether" clause
    the parser takes for a condition ("CNA asked the bishop if he knew ...")."""
    if clause.dep_ == "ccomp":
        return is_indirect_question(clause)
    return clause.dep_ == "advcl" and clause.head.lemma_.lower() in ASKING_LEMMAS and is_indirect_question(clause)


def why_not_checkable(sent: Span) -> str | None:
    """The kind of non-claim this sentence is (see the module doc), or None when it
    asserts something checkable."""
    words = [t for t in sent if t.is_alpha]
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in sent)
    text = sent.text.strip()
    if _is_question(sent, text) or any(_reports_a_question(t) and t.head == sent.root for t in sent):
        return "question"
    if words and all(_is_dateline_word(t) for t in words):
        return "dateline"
    if _is_fragment(sent, words, has_verb):
        return "fragment"
    if not has_verb and _is_line_of_its_own(sent, text):
        return "label"
    if _is_lead_in(sent, text, has_verb):
        return "lead-in"
    if _is_pointer(sent, text, has_verb):
        return "pointer"
    if _is_instruction(sent):
        return "instruction"
    if _is_listicle(sent, words):
        return "listicle"
    if _is_wish(sent):
        return "wish"
    if WITHHELD_UNTIL_TOLD.search(text):
        return "procedure"
    if BOILERPLATE.search(text):
        return "boilerplate"
    if _is_bare_attribution(sent):
        return "attribution"
    if _is_opinion(sent):
        return "opinion"
    return None


def _is_question(sent: Span, text: str) -> bool:
    """Ends with a question mark, unless a statement comes before a separator (or a
    comma or ellipsis before a question word) and the question only follows it ("Bull
    market turns five: is the party over?", "Ferry cut to weekends, but who pays?").
    A statement has a verb: before "Finale spoiler: who will she choose?" is a label.
    A headline cut short keeps no question mark ("Finale spoiler: who will she  ..."),
    so a part after the last separator that opens as a question asks all the same."""
    if not text.rstrip(CLOSING_MARKS).endswith("?") and not _cut_off_question(text):
        return False
    separators = list(QUESTION_AFTER_STATEMENT.finditer(text))
    if not separators:
        return True
    statement = text[: separators[-1].start()]  # all before the part that asks
    if _asks(statement) or len(TOKEN.findall(statement)) < MIN_HEADLINE_WORDS:
        return True
    statement_end = sent.start_char + sent.text.index(text) + len(statement)
    return not any(t.pos_ in ("VERB", "AUX") for t in sent if t.idx < statement_end)


def _cut_off_question(text: str) -> bool:
    cut = CUT_SHORT.search(text)
    if cut is None:
        return False
    # after a separator only: "Fan sneaks in, is arrested ..." goes on stating
    parts = HEADLINE_SEPARATOR.split(text[: cut.start()])
    first = TOKEN.search(parts[-1])
    return len(parts) > 1 and first is not None and first.group().lower() in CUT_QUESTION_OPENINGS


def _asks(text: str) -> bool:
    first = TOKEN.search(text)
    return first is None or first.group().lower() in QUESTION_OPENINGS or text.rstrip().endswith("?")


def _is_dateline_word(token: Token) -> bool:
    return (
        token.ent_type_ in ("DATE", "TIME")
        or token.lower_ in MONTHS_AND_DAYS
        or token.lower_ in DATELINE_WORDS
    )


def _is_fragment(sent: Span, words: list[Token], has_verb: bool) -> bool:
    if len(words) < (MIN_CLAUSE_WORDS if has_verb else MIN_HEADLINE_WORDS):
        return True
    if has_verb:
        return False
    if (sent.root.pos_ in ("ADP", "ADV", "SCONJ", "ADJ") and len(words) <= MAX_PHRASE_WORDS
            and not any(c.dep_ in SUBJECTS for c in sent.root.children)):
        return True  # a phrase naming nothing: "Inside the factory", "Early on Monday"
    # A caption or byline: a name, maybe after "By" or a dash ("- Liam Hemsworth").
    named = [t for t in words if t.lower_ not in DATELINE_WORDS]
    return len(named) <= MAX_NAME_WORDS and all(t.pos_ == "PROPN" for t in named)


def _is_line_of_its_own(sent: Span, text: str) -> bool:
    """The whole of a line with no closing stop, once the text's prose has begun (a line
    before it closes with a stop): such a verbless line is a section heading, a product
    or an entry of a list ("Optical heart sensor", "Nintendo Switch Lite for $200"). A
    headline above the prose, after a timestamp or not, and a record of one line are
    not (``why_not_checkable`` asks this of verbless sentences only)."""
    whole, prose_from = _text_and_prose_start(sent.doc)
    line_start = whole.rfind("\n", 0, sent.start_char) + 1
    line_end = whole.find("\n", sent.start_char + len(text))  # sent.end_char may be past the line break
    line = whole[line_start : len(whole) if line_end < 0 else line_end]
    return (line.strip() == text and not text.rstrip(CLOSING_MARKS).endswith(SENTENCE_STOPS)
            and prose_from is not None and prose_from < line_start)


def _text_and_prose_start(doc: Doc) -> tuple[str, int | None]:
    """The doc's text and the end of its first line that closes with a stop (None when
    none does), worked out once a doc: ``Doc.text`` joins every token on each call."""
    if PROSE_KEY not in doc.user_data:
        whole = doc.text
        first = PROSE_LINE.search(whole)
        doc.user_data[PROSE_KEY] = (whole, first.end() if first else None)
    return doc.user_data[PROSE_KEY]


def _is_lead_in(sent: Span, text: str, has_verb: bool) -> bool:
    if LEAD_IN_OPENINGS.match(text):
        return True
    if not text.endswith(":"):
        return False
    root = sent.root
    if not has_verb or root.pos_ not in ("VERB", "AUX"):
        return True  # a heading: "Official specs after the jump:"
    return not any(child.dep_ in CONTENT_DEPS for child in root.children)


def _is_bare_attribution(sent: Span) -> bool:
    """ "Fanning said.", "the agency reported on Monday": a verb of saying in the active
    voice, not negated, with a subject and nothing said (no object, clause or
    complement). "The details have not been reported." states a fact. Nor is a sentence
    with a clause of its own after the verb ("said after the 3-1 win that the team played
    with heart", where the parser hangs what was said on "win") only an attribution; one
    before it is about the speaker ("Fanning, who chairs the board, said.") or the end
    of a quotation cut off from its start ('... is the charm," Lee said.'); nor an
    idiom of answering ("The council said yes to the bridge": see ``greets``)."""
    root = sent.root
    if greets(root):
        return False
    verb = root.lemma_.lower()
    said = CONTENT_DEPS - {"dobj"} if verb in HEARER_VERBS else CONTENT_DEPS
    children = [child.dep_ for child in root.children]
    if not (verb in SAYING_VERBS and "nsubj" in children and "neg" not in children
            and not any(dep in said for dep in children)):
        return False
    return not any(t.tag_ in FINITE_TAGS for t in sent.doc[root.i + 1 : sent.end])


def _is_pointer(sent: Span, text: str, has_verb: bool) -> bool:
    if not has_verb and BRACKETED_LINE.fullmatch(text):
        return True  # a label in brackets: "(Reuters video)", "(Daily Ledger report)"
    root = sent.root
    if any(t.lower_ in ("below", "above") and t.pos_ == "ADV" and t.head == root for t in sent):
        return True  # "The full ruling is reproduced below" (not "fell below zero")
    if root.lemma_.lower() == "follow" and not any(c.dep_ in ("dobj", "prep", "advcl") for c in root.children):
        # "The minister's statement follows" (not "Protests followed", nor "follows the ruling")
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in DOCUMENT_NOUNS for c in root.children)
    return root.lemma_.lower() in POINTER_VERBS | {"be"} and (
        POINTER_PLACES.search(text) is not None or any(t.like_url for t in sent)
    )


def _is_instruction(sent: Span) -> bool:
    root = sent.root
    children = list(root.children)
    if any(c.dep_ in SUBJECTS for c in children):
        subject = next(c for c in children if c.dep_ in SUBJECTS)
        advice = any(c.dep_ == "aux" and c.lower_ in ADVICE_MODALS for c in children)
        generic = subject.lower_ in GENERIC_SUBJECTS or (
            subject.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in subject.children)
        )
        return advice and generic
    # An imperative: a bare verb with no subject, no auxiliary and no "to" ("Click here"),
    # written as a word (not "MPs", which the parser can read as a verb in a headline),
    # or with the "do" that opens a negative or emphatic one ("Don't miss it", "Do check").
    auxiliaries = [c for c in children if c.dep_ in ("aux", "auxpass")]
    opening_do = len(auxiliaries) == 1 and auxiliaries[0].lemma_.lower() == "do" and auxiliaries[0].i == _first_word(sent)
    return (root.tag_ == "VB" and root.pos_ == "VERB" and root.text[1:].islower()
            and (not auxiliaries or opening_do)
            and not _credits_a_statement(root))


def _first_word(sent: Span) -> int:
    return next((t.i for t in sent if not (t.is_punct or t.is_space)), sent.start)


def _credits_a_statement(verb: Token) -> bool:
    """A bare verb after the clause it governs credits that clause, as a headline does
    ("Bank to hold inquiry: report", "Mill reopens, download the app"): the clause
    before it is the claim, not advice."""
    return any(child.dep_ == "ccomp" and child.i < verb.i for child in verb.children)


def _is_wish(sent: Span) -> bool:
    """The sentence is itself a condition, nothing following from it ("If only the
    trains ran on time!"): an "if" that opens it marks its main verb. An "if" further
    on that the parser hangs the main verb under ("Union vows strike if deal approved")
    leaves the statement before it standing. An adverb or an interjection may come first
    ("Now if only the site would come back!"), which the parser may make the root."""
    tokens = [t for t in sent if not (t.is_punct or t.is_space or t.pos_ == "CCONJ")]
    lead = 0
    while lead < len(tokens) and tokens[lead].pos_ in ("INTJ", "ADV") and tokens[lead].lower_ != "if":
        lead += 1
    if lead == len(tokens) or tokens[lead].lower_ != "if" or tokens[lead].dep_ != "mark":
        return False
    clause = tokens[lead].head
    # the parser may make the opening word the root and hang the condition on it
    return clause == sent.root or clause.head == sent.root and sent.root in tokens[:lead]


def _is_listicle(sent: Span, words: list[Token]) -> bool:
    if [t.lower_ for t in words[:2]] == ["how", "to"]:
        return True
    # "5 things to know", "Three big reasons the plan failed": a count of list items.
    first = next(t for t in sent if not (t.is_punct or t.is_space))
    following = sent.doc[first.i + 1:min(first.i + 3, sent.end)]
    return first.like_num and any(t.lemma_.lower() in LISTICLE_NOUNS for t in following)


def _is_opinion(sent: Span) -> bool:
    if _is_exclamation(sent) or _exclaims_about_no_one(sent):
        return True
    root = sent.root
    children = list(root.children)
    subject = next((c for c in children if c.dep_ in SUBJECTS), None)
    if root.lemma_.lower() in FEELING_VERBS and subject is not None and subject.lower_ in FIRST_PERSON:
        return True  # "I love this town", "We hope to return"
    if root.lemma_.lower() in COPULAS:
        for predicate in (c for c in children if c.dep_ in ("acomp", "attr")):
            judged = [predicate, *(c for c in predicate.children if c.dep_ in ("amod", "advmod"))]
            if any(t.lemma_.lower() in EVALUATIVE or t.lower_ in EVALUATIVE for t in judged):
                return True
    if any(t.ent_type_ in FACT_ENTITIES for t in sent):
        return False
    return sum(t.pos_ == "ADJ" and t.lower_ in EVALUATIVE for t in sent) >= MIN_EVALUATIVE_WORDS


def _exclaims_about_no_one(sent: Span) -> bool:
    """A sentence closed by an exclamation mark that names no one and gives no figure or
    date: the writer's feeling or a call to the reader ("I've got to say, I'm
    impressed!", "Visitors are warned!", "The crisp autumn sky!"). Headlines exclaim
    news too, and then they name whom it is about ("Harbour Trust wins!") or give a
    figure ("Fares up 40%!"): a proper noun, a named entity or a number keeps the
    sentence a claim."""
    if not sent.text.rstrip().rstrip(CLOSING_MARKS).endswith("!"):
        return False
    return not any(t.pos_ == "PROPN" or t.ent_type_ or t.like_num for t in sent)


def _is_exclamation(sent: Span) -> bool:
    """ "What a game it was!", "How lucky we were.": "what" before a noun's article, or
    "how" before an adjective or adverb, opening a sentence that is no question. Not "What a
    company spends is secret" (a pronoun), "How the plan failed is unclear" (a verb
    follows) nor "How much it costs is unknown" (an amount asked)."""
    first = sent.doc[_first_word(sent)]
    if sent.text.rstrip().endswith("?"):
        return False
    if first.lower_ == "what":
        return first.dep_ == "det" and first.i + 1 < sent.end and sent.doc[first.i + 1].lower_ in ("a", "an")
    return (first.lower_ == "how" and first.head.i == first.i + 1 and first.head.pos_ in ("ADJ", "ADV")
            and first.head.lower_ not in DEGREE_QUESTION_WORDS)
