"""Who did what with whom, around a date phrase.

There is no dependency parser in the pipeline (it is the slowest component), so an
event is read from the clause around the date: the tokens between strong punctuation,
widened to the neighbouring clauses until an action word and two participants are in
view. "This phone call took place on November 7" names no one; its participants come
from the sentence before it that told of the same kind of action.

Participants are the model's PERSON / ORG / GPE / NORP entities, merged page-wide into
one cast: "Trump", "Donald Trump" and "Trump’s" are one person, so are "Zelensky" and
"Zelenskyy" (fuzzy surname match). A bare surname two people share stays apart.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from .expressions import CLAUSE_OPENERS, fronted_opener, word_before

#: Event words by lemma → the action class two tellings of one event share.
ACTIONS: dict[str, str] = {
    **dict.fromkeys(("call", "phone", "telephone", "conversation", "dialogue", "dialog",
                     "talk", "speak", "chat", "converse", "discuss", "discussion",
                     "phonecall"), "call"),
    **dict.fromkeys(("meet", "meeting", "summit", "encounter", "sit-down"), "meeting"),
    **dict.fromkeys(("visit", "trip", "tour"), "visit"),
    **dict.fromkeys(("strike", "attack", "airstrike", "bombing", "bomb", "shelling", "shell",
                     "raid", "assault", "offensive", "invasion", "invade", "bombard",
                     "bombardment", "shoot", "shooting", "stab", "stabbing"), "attack"),
    **dict.fromkeys(("announce", "announcement", "unveil", "declare", "declaration"),
                    "announcement"),
    **dict.fromkeys(("sign", "agreement", "deal", "treaty", "accord", "pact", "ceasefire",
                     "truce"), "agreement"),
    **dict.fromkeys(("die", "death", "kill", "killing", "murder", "assassinate",
                     "assassination"), "death"),
    **dict.fromkeys(("arrest", "detain", "detention", "indict", "indictment"), "arrest"),
    **dict.fromkeys(("resign", "resignation", "quit"), "resignation"),
    **dict.fromkeys(("election", "vote", "elect", "ballot", "runoff"), "election"),
    **dict.fromkeys(("speech", "address", "remark"), "speech"),
    **dict.fromkeys(("interview",), "interview"),
    **dict.fromkeys(("conference", "briefing"), "news conference"),
    **dict.fromkeys(("decision", "decide"), "decision"),
    **dict.fromkeys(("deadline",), "deadline"),
    **dict.fromkeys(("depart", "departure"), "departure"),
    **dict.fromkeys(("hearing", "trial", "testify", "testimony"), "hearing"),
    **dict.fromkeys(("verdict", "convict", "conviction", "acquit", "acquittal", "sentence"),
                    "verdict"),
    **dict.fromkeys(("inaugurate", "inauguration", "swear"), "inauguration"),
    **dict.fromkeys(("protest", "demonstration", "rally"), "protest"),
    **dict.fromkeys(("earthquake", "quake", "storm", "hurricane", "flood", "explosion",
                     "blast", "crash", "collision", "wildfire"), "disaster"),
    **dict.fromkeys(("bear", "birth"), "birth"),
    **dict.fromkeys(("marry", "wedding"), "wedding"),
    **dict.fromkeys(("launch",), "launch"),
    **dict.fromkeys(("acquire", "acquisition", "merger", "merge", "buyout"), "acquisition"),
}  # fmt: skip
#: Verbs that tell of saying, knowing or being rather than of a happening: a date beside
#: them is of the saying ("said on Friday"), and two sayings are two events.
NOT_AN_ACT = frozenset({
    "say", "tell", "report", "add", "note", "write", "ask", "state", "claim", "explain",
    "describe", "confirm", "deny", "insist", "argue", "warn", "suggest", "show", "find",
    "see", "know", "think", "believe", "want", "need", "expect", "plan", "hope", "try",
    "begin", "start", "continue", "remain", "become", "seem", "get", "go", "come", "use",
    "include", "keep", "let", "put", "set", "run", "work", "publish", "post", "update",
    "reveal", "base", "follow", "lead", "leave", "accord", "tweet", "comment", "respond",
    "reply", "recall", "mention", "agree", "schedule", "due", "look",
    "feel", "mean", "call", "receive", "send", "list", "cite", "quote", "told",
    "end", "close", "open", "rise", "fall", "increase", "decrease", "drop", "grow", "gain",
    "lose", "trade", "pay", "cost", "price", "sell", "buy", "rate", "share",
})
#: Act classes one cast goes through again and again (a news conference a week, a
#: decision, a deadline, a departure: "left Tuesday for Paris", "left the talks"): like
#: statements, two tellings are one only when they also say the same (`Event.content`).
RECURRING = frozenset({"news conference", "decision", "deadline", "departure"})
#: Verbs of saying or finding: a date beside them is of the statement. Two statements by
#: one cast are often two (people repeat themselves), so they are one event only when
#: they also say the same thing (see `Event.content`).
REPORTING = frozenset({
    "say", "tell", "report", "add", "note", "write", "state", "claim", "explain", "describe",
    "confirm", "deny", "insist", "argue", "warn", "suggest", "show", "find", "reveal",
    "publish", "post", "tweet", "comment", "respond", "reply", "mention", "agree", "receive",
    "send", "cite", "quote", "ask", "accuse", "urge", "order", "discover",
})
#: Verbs of a market's or a figure's move ("shares closed at $45.75, down 25 cents",
#: "sales rose 3%"): a price moves every day, so two tellings are one move only when they
#: give the same amounts (see `conflicts.same_move`), never on the cast alone. Only a verb
#: in the past or present, or a past participle, tells a move ("closed", "rose", "has
#: fallen"); "the year ending June 30", "expects sales to fall" tell a period or a
#: forecast. "end" is not here: "the quarter ended Sept. 30" bounds. These verbs stay in
#: `NOT_AN_ACT` too: every other use of them ("a gain", "to rise") is no act.
MOVES = frozenset({"close", "rise", "fall", "increase", "decrease", "drop", "gain", "lose",
                   "trade"})
#: Lemmas that only carry another word's event ("held a meeting", "took place").
_LIGHT = frozenset({"have", "hold", "take", "make", "give", "be", "do", "place", "occur"})
#: Words saying this is a further occurrence, not the same event told again.
REPEAT_WORDS = frozenset({"again", "another", "second", "third", "fourth", "follow-up",
                          "subsequent", "renewed", "repeated", "latest", "new", "further",
                          "next", "previous", "earlier", "prior", "fresh", "separate",
                          "additional"})  # fmt: skip
#: Plural act nouns that name one happening: "held talks" is one round of talks, as
#: "held a meeting" is one meeting ("talks" are many only as "two rounds of talks").
SINGULAR_PLURALS = frozenset({"talks"})
#: Words that make any act of their clause a further occurrence.
AGAIN_WORDS = frozenset({"again", "anew"})
ACTOR_LABELS = frozenset({"PERSON", "ORG"})
PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
_CLAUSE_BREAK = frozenset({",", ";", ":", "—", "–", "(", ")", "where", "which", "while",
                           "whereas", "although", "though", "but", "whom", "whose"})
_DEFINITE = frozenset({"this", "that", "the", "these", "those"})
_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
#: Titles only a person is given ("Chancellor Olaf Scholz", "Mr. Fargo"): `_TITLES` strips
#: them from names, and `_titled` reads a two-word organisation name after one as a person's.
_PERSON_TITLES = (r"president|chancellor|minister|secretary|senator|sen\.|rep\.|gov\.|governor|"
                  r"mayor|mr\.?|mrs\.?|ms\.?|dr\.?|sir|dame|king|queen|prince|princess|pope|"
                  r"judge|justice|chairman|chairwoman")
_TITLES = re.compile(
    r"^(?:(?:former|late|then|u\.?s\.?|us|american|russian|ukrainian|vice|deputy|acting|"
    r"president-elect|prime minister|general|gen\.|ceo|leader|candidate|democratic|"
    rf"republican|the|{_PERSON_TITLES})\s+)+",
    re.I,
)
#: A regnal number or a generational suffix that ends a name ("Elizabeth II", "Jr.").
_SUFFIX = re.compile(r"(?:[IVX]{1,4}|Jr\.?|Sr\.?)")
_POSSESSIVE = re.compile(r"['’]s?\b.*$")


@dataclass
class Person:
    """One participant of the page under all the names it goes by."""

    id: int
    name: str
    label: str
    names: set[str] = field(default_factory=set)

    @property
    def short(self) -> str:
        """The surname for people ("Trump"), the whole name otherwise; a regnal number
        or a suffix keeps the word before it ("Elizabeth II", not "II")."""
        if self.label != "PERSON":
            return self.name
        words = self.name.split()
        if len(words) > 1 and _SUFFIX.fullmatch(words[-1]):
            return " ".join(words[-2:])
        return words[-1]


def clean_name(text: str) -> str:
    """'Trump’s Mar' → 'Trump'; 'Russian President Vladimir Putin' → 'Vladimir Putin'."""
    text = _POSSESSIVE.sub("", text.strip())
    text = _TITLES.sub("", text).strip(" .,'’\"")
    return re.sub(r"\s+", " ", text)


def same_name(a: str, b: str) -> bool:
    """Whether two names can be one participant: equal, a surname of the other, a spelling
    variant (Zelensky / Zelenskyy), or first name + variant surname."""
    if a.lower() == b.lower():
        return True
    ta, tb = a.lower().replace(".", "").split(), b.lower().replace(".", "").split()
    if not ta or not tb:
        return False
    if (len(ta) == 1) != (len(tb) == 1):
        # A name given alone may be the family name written first ("Xi" of "Xi Jinping").
        single, full = (ta, tb) if len(ta) == 1 else (tb, ta)
        if single[0] == full[0] and len(single[0]) >= 2:
            return True
    if fuzz.ratio(ta[-1], tb[-1]) < 88 or min(len(ta[-1]), len(tb[-1])) < 3:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    return fuzz.ratio(ta[0], tb[0]) >= 80 or (ta[0][0] == tb[0][0] and (
        len(ta[0]) <= 2 or len(tb[0]) <= 2
    ))


#: How many known participants one index key may be compared with. A page naming
#: hundreds of people who share a surname's first letters is hostile or a list; beyond
#: this the newcomer stays a participant of its own (a missed merge only costs a conflict).
MAX_CANDIDATES = 48


class Cast:
    """Every participant named on a page, with name variants merged.

    Names are compared only with the participants an index puts them near (see `_keys`),
    at most `MAX_CANDIDATES` per key, never with the whole cast, so a page naming
    thousands costs near-linear time.
    """

    def __init__(self, docs: list[Doc]) -> None:
        self.people: list[Person] = []
        self._index: dict[tuple[str, str], int] = {}
        self._labels: dict[str, str] = {}
        self._keys: dict[tuple[str, str], list[int]] = {}
        #: Names given a person's title somewhere on the page ("Chancellor Olaf Scholz").
        self._titled: set[str] = set()
        self._actor_names: dict[str, int] | None = None
        names: dict[tuple[str, str], int] = {}
        for doc in docs:
            for ent in doc.ents:
                if ent.label_ in ACTOR_LABELS or ent.label_ in PLACE_LABELS:
                    name = clean_name(ent.text)
                    if name and len(name) > 1:
                        kind = "actor" if ent.label_ in ACTOR_LABELS else "place"
                        key = (kind, name)
                        names[key] = names.get(key, 0) + 1
                        self._label_of(name, ent.label_)
                        if _titled(ent):
                            self._titled.add(name)
        # Full names first, so a bare surname joins the full name it abbreviates.
        for (kind, name), _ in sorted(names.items(), key=lambda kv: (-len(kv[0][1].split()),
                                                                    -kv[1], kv[0][1])):
            self._add(kind, name)

    def _label_of(self, name: str, label: str) -> None:
        # The model calls "Trump" an ORG at times; PERSON wins once seen.
        if self._labels.get(name) != "PERSON":
            self._labels[name] = label

    def _add(self, kind: str, name: str) -> None:
        label = self._labels.get(name, "ORG")
        matches = [p for p in self._candidates(kind, name)
                   if (p.label in ACTOR_LABELS) == (kind == "actor") and _matches(p, name, kind)]
        if kind == "place" and not matches and " " not in name:
            # The model calls a person's surname a place at times ("Scholz" as GPE), and
            # the full name an organisation ("Olaf Scholz" as ORG): a two-word name of
            # capitalised words whose last is this word exactly is a person's still.
            matches = [p for p in self._candidates("actor", name)
                       if len(p.name.split()) > 1
                       and any(same_name(name, known) for known in p.names)
                       and (p.label == "PERSON"
                            or (p.name in self._titled and _person_like(p.name, name)))]
        if len(matches) == 1:
            person = matches[0]
        else:
            # Unknown, or a surname two people share: a participant of its own.
            person = Person(len(self.people), name, label)
            self.people.append(person)
        person.names.add(name)
        self._index[(kind, name)] = person.id
        for key in _keys("actor" if person.label in ACTOR_LABELS else "place", name):
            bucket = self._keys.setdefault(key, [])
            if not bucket or bucket[-1] != person.id:
                bucket.append(person.id)

    def _candidates(self, kind: str, name: str) -> list[Person]:
        """The known participants an index puts near `name` (each at most once)."""
        seen: dict[int, None] = {}
        for key in _lookup_keys(kind, name):
            for pid in self._keys.get(key, ())[-MAX_CANDIDATES:]:
                seen.setdefault(pid, None)
        return [self.people[pid] for pid in seen]

    def actor_names(self) -> dict[str, int]:
        """Every name a person or an organisation of the page goes by, to its id: full
        names, and single words of four letters or more (a surname; not "II", "Mr")."""
        if self._actor_names is None:
            self._actor_names = {
                name: person.id for person in self.people if person.label in ACTOR_LABELS
                for name in person.names if " " in name or len(name) >= 4}
        return self._actor_names

    def lookup(self, text: str, label: str) -> Person | None:
        kind = "actor" if label in ACTOR_LABELS else "place"
        name = clean_name(text)
        index = self._index.get((kind, name))
        if index is None:
            index = self._index.get(("place" if kind == "actor" else "actor", name))
        return None if index is None else self.people[index]


def _keys(kind: str, name: str) -> list[tuple[str, str]]:
    """Index keys a name is filed under (`_lookup_keys` says where a newcomer looks).

    Two names are one person only when equal, when one is a single word equal to the
    other's first word ("Xi" of "Xi Jinping"), or when their surnames are near-equal
    (ratio ≥ 88: one edit at most, so the first or the last three letters survive) and,
    for two full names, their first names are alike (same initial, in practice); two
    places only when they share at least four first letters.
    """
    lower = name.lower()
    if kind == "place":
        return [("place", lower[:4])]
    tokens = lower.replace(".", "").split()
    if not tokens:
        return [("actor", lower)]
    surname = tokens[-1]
    keys = [("sur<", surname[:3]), ("sur>", surname[-3:])]
    if len(tokens) == 1:
        return [*keys, ("single", surname), ("single<", surname[:3]),
                ("single>", surname[-3:])]
    initial = tokens[0][:1]
    return [*keys, ("first", tokens[0]), ("full<", initial + surname[:3]),
            ("full>", initial + surname[-3:])]


def _lookup_keys(kind: str, name: str) -> list[tuple[str, str]]:
    """Where a newcomer looks for the participants it may be: a single word among every
    name's surnames and first words, a full name among single words and full names with
    its initial."""
    lower = name.lower()
    if kind == "place":
        return [("place", lower[:4])]
    tokens = lower.replace(".", "").split()
    if not tokens:
        return [("actor", lower)]
    surname = tokens[-1]
    if len(tokens) == 1:
        return [("sur<", surname[:3]), ("sur>", surname[-3:]), ("first", surname)]
    initial = tokens[0][:1]
    return [("single", tokens[0]), ("single<", surname[:3]), ("single>", surname[-3:]),
            ("full<", initial + surname[:3]), ("full>", initial + surname[-3:])]


def _matches(person: Person, name: str, kind: str) -> bool:
    if kind == "place":
        return any(_same_place(name, known) for known in person.names)
    return any(same_name(name, known) for known in person.names)


def _person_like(full: str, surname: str) -> bool:
    """Whether a name the model calls an organisation has the shape of a person's with
    this surname: two capitalised words, the last of them the surname ("Olaf Scholz"). The
    shape alone also fits "Wells Fargo" and "Morgan Stanley", so the caller asks for a
    person's title as well."""
    words = full.split()
    return (len(words) == 2 and words[-1] == surname
            and all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in words))


_PERSON_TITLE = re.compile(rf"(?:{_PERSON_TITLES})$", re.I)


def _titled(ent: Span) -> bool:
    """A person's title as the entity's first word or the word just before it."""
    first = ent[0].text
    before = ent.doc[ent.start - 1].text if ent.start > 0 else ""
    return bool(_PERSON_TITLE.match(first) or _PERSON_TITLE.match(before))


def _same_place(a: str, b: str) -> bool:
    """'Ukrainian' and 'Ukraine', 'Russian' and 'Russia': the nation and its adjective."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 4 and common >= 0.7 * min(len(a), len(b))


@dataclass(frozen=True)
class Event:
    """What happened around a date phrase: the action and who took part."""

    action: str | None
    #: The word that told the action ("dialogue", "spoke").
    trigger: str | None
    trigger_lemma: str | None
    #: Participant ids (see `Cast`) of people and organisations, then of places.
    actors: frozenset[int]
    places: frozenset[int]
    #: The clause says this is another occurrence ("again", "a second call").
    repeated: bool
    #: The trigger is a plural noun ("talks", "meetings"): several events, not one.
    plural: bool
    #: How sure the reading is (borrowed participants lower it).
    confidence: float
    #: The act is a verb of its own, not one of `ACTIONS`' classes.
    generic: bool = False
    #: What the clause says of the act besides its cast and date: content lemmas ("charged
    #: with the slaying" → {"slaying"}), for telling whether two tellings say the same.
    content: frozenset[str] = frozenset()
    #: The content nouns said with a definite word ("the slaying", "its launch"): one
    #: known thing, not any.
    definite: frozenset[str] = frozenset()
    #: The act is a statement or a finding ("said", "warned", "discovered"), or a dated
    #: thing no act word names ("a scheduled Dec. 15 imposition of tariffs"): it is one
    #: event with another telling only when both say the same of it.
    needs_content: bool = False
    #: Participants not named in the telling's own sentence: borrowed from the sentence
    #: before, or the person a pronoun ("he") is taken to be. What makes two tellings
    #: one event is surer when it rests on names both tellings write.
    borrowed: frozenset[int] = frozenset()
    #: The figures said as a level ("closed at $45.75", "to $108.625"): a level tells one
    #: day's move of a price from another's; a change ("rose 1%") recurs on many days.
    levels: frozenset[str] = frozenset()
    #: A plural act noun told as one known set ("the bombings on Aug. 7"): sets recur,
    #: so it is one event with another telling only on a figure or three words both say.
    is_set: bool = False

    def key_participants(self) -> frozenset[int]:
        """Who the event is about: people and organisations, or places when they are all."""
        return self.actors if len(self.actors) >= 2 else self.actors | self.places


class EventReader:
    """Reads the event around each date phrase of a page.

    The act a date belongs to is the word the date attaches to, found without a parser:
    an action noun the date premodifies ("the July 25 call"), else the nearest content
    verb or action word before it ("spoke with Zelensky on November 8", "the transcript
    of that call was released on September 25" → released), else, for a fronted date,
    the first one after it. A content verb that is not an action word takes the date for
    itself: the date is then of an act we do not compare, however near a call or a
    meeting is told. Participants come from the clause, widened to its neighbours until
    two are in view.
    """

    def __init__(self, docs: list[Doc], cast: Cast) -> None:
        self.docs = docs
        self.cast = cast
        # Per block: entities as (start, end, participant id, is actor), and sentence
        # bounds, each sorted, so a date looks up its neighbourhood by bisection.
        self._ents: dict[int, tuple[list[int], list[tuple[int, int, int, bool]]]] = {}
        self._sents: dict[int, list[tuple[int, int]]] = {}

    def read(self, block: int, token_start: int, token_end: int, sent_start: int,
             sent_end: int) -> Event:
        doc = self.docs[block]
        noun = _premodified_noun(doc, token_start, token_end, sent_start, sent_end)
        head, attached = _head(doc, token_start, token_end, sent_start, sent_end, noun)
        begun = _begun_act(doc, head, sent_start, sent_end) if attached else None
        phase = ""
        if begun is not None:
            # "The strike by Boeing machinists began on Sept. 13", "machinists began their
            # strike on Sept. 16": the date is of the strike's start, and two starts of one
            # strike are one event; its end is another ("the trial ended Nov. 2").
            head, phase = begun
        lemma = head.lemma_.lower() if head is not None else None
        action = ACTIONS.get(lemma) if lemma and attached else None
        if phase and action is not None:
            # Named by the noun, not its class: a trial's start is not a hearing's.
            action = f"{_PHASES[phase]} of the {lemma}"
        generic = needs_content = False
        # "was last seen Nov. 3", "last saw him on May 6": the sighting is a happening,
        # though "see" alone is rarely one ("we will see").
        last_seen = head is not None and lemma == "see" and any(
            t.lower_ == "last" for t in doc[max(sent_start, head.i - 2):head.i])
        # "the Aug. 7 bombings": a date said of a plural act dates them all as one.
        premodified = head is not None and noun is not None and head.i == noun.i
        if (action is None and attached and head is not None and lemma
                and (_is_content_verb(head) or premodified)
                and (lemma not in NOT_AN_ACT or lemma in REPORTING or last_seen
                     or (lemma in MOVES and not premodified
                         and head.tag_ in ("VBD", "VBN", "VBZ", "VBP")))
                and len(lemma) > 2 and lemma.isalpha()):
            # A verb with no class of its own ("diverted", "grabbed") is an act too:
            # two tellings of it share the verb itself.
            action, generic = lemma, True
            needs_content = lemma in REPORTING or lemma in MOVES or premodified
        if action in RECURRING:
            needs_content = True
        trigger = head.text if action and head is not None else None
        lemma = lemma if action else None
        plural = bool(action and head is not None and head.tag_ == "NNS" and not premodified
                      and head.lower_ not in SINGULAR_PLURALS)
        if head is not None and head.lower_ in SINGULAR_PLURALS:
            needs_content = True  # talks run over days and recur
        is_set = False
        if plural and head is not None and _definite_set(doc, head, sent_start):
            # "The bombings at the embassies on Aug. 7 killed 224 people": a known set of
            # acts told as one happening. Sets recur ("the strikes on Monday hit Kyiv"), so
            # two tellings are one only when they also say the same of it.
            plural, needs_content, is_set = False, True, True
        lo, hi = _clause(doc, token_start, token_end, sent_start, sent_end)
        if head is not None and action:
            # The clause reaches the word the date attaches to.
            lo, hi = min(lo, head.i), max(hi, head.i + 1)
        left_edges = _edges(doc, sent_start, lo, reverse=True)
        right_edges = _edges(doc, hi, sent_end)
        actors, places, repeated = self._scan(block, lo, hi, token_start, token_end)
        own = self._own_participants(block, head, noun, token_start, token_end,
                                     sent_end) if action else None
        if own is not None:
            # "the Aug. 7 bombings at American embassies in Kenya and Tanzania": a dated act
            # noun that names its own cast is of that cast, not of the clause's subject
            # ("the State Department issued a caution after …").
            actors, places = own
            left_edges = right_edges = []
        step = 0
        while action and len(actors) < 2 and (left_edges or right_edges):
            if (step % 2 == 0 and left_edges) or not right_edges:
                lo = left_edges.pop(0)
            else:
                hi = right_edges.pop(0)
            actors, places, repeated = self._scan(block, lo, hi, token_start, token_end)
            step += 1
        confidence = 1.0
        lent: set[int] = set()
        if own is None and len(actors) < 2 and action is not None and self._definite(
                doc, lo, hi):
            borrowed = self._previous_actors(block, sent_start, action)
            if borrowed:
                lent |= borrowed - actors
                actors = actors | borrowed
                confidence = 0.85
        if own is None and len(actors) == 1 and any(t.lower_ in _PRONOUNS for t in doc[lo:hi]):
            earlier = self._previous_person(block, lo, actors)
            if earlier is not None:
                lent.add(earlier)
                actors = actors | {earlier}
                confidence = min(confidence, 0.8)
        if head is not None and action:
            # "again" anywhere in the clause; "a second call", "another meeting", "the new
            # talks" only when the word is said of the act itself, not of its cast ("the
            # new patient … ate a rabbit on Nov. 5" is one meal).
            # "the latest to spark fury", "the second person to die": the word ranks the
            # doer among others, and this doer's act is one.
            of_the_doer = head.i > sent_start and doc[head.i - 1].lower_ == "to" and \
                head.tag_ == "VB"
            # The date's own words are not the act's: "A day earlier, Crossland closed"
            # dates the close, it does not make it an earlier one.
            repeated = any(t.lower_ in AGAIN_WORDS for t in doc[lo:hi]) or (
                not of_the_doer and any(t.lower_ in REPEAT_WORDS
                                        for t in doc[_window_start(doc, head.i, sent_start):
                                                     head.i]
                                        if not token_start <= t.i < token_end)
            ) or _repeated_object(doc, head, sent_end, token_start, token_end)
        content: frozenset[str] = frozenset()
        definite: frozenset[str] = frozenset()
        levels: frozenset[str] = frozenset()
        if head is not None and action:
            c_lo, c_hi = _clause(doc, head.i, head.i + 1, sent_start, sent_end)
            d_lo, d_hi = _clause(doc, token_start, token_end, sent_start, sent_end)
            content, definite, levels = _content(doc, [(c_lo, c_hi), (d_lo, d_hi)],
                                                 token_start, token_end, head.i)
            if len(content) < 2:
                # "Dresden Drive is closed …, police reported on Nov. 8", "He was last seen
                # Nov. 3, the day before …": a clause that says nothing beyond its act and
                # cast says it of the sentence around it.
                content, definite, levels = _content(doc, [(sent_start, sent_end)],
                                                     token_start, token_end, head.i)
        return Event(action, trigger, lemma, frozenset(actors), frozenset(places), repeated,
                     plural, confidence, generic, content, definite, needs_content,
                     frozenset(lent), levels, is_set)

    # -- helpers -------------------------------------------------------------------------

    def _entities(self, block: int) -> tuple[list[int], list[tuple[int, int, int, bool]]]:
        cached = self._ents.get(block)
        if cached is None:
            items = []
            for ent in self.docs[block].ents:
                person = self.cast.lookup(ent.text, ent.label_)
                if person is not None:
                    items.append((ent.start, ent.end, person.id, person.label in ACTOR_LABELS))
            items.extend(self._untagged(block, items))
            items.sort()
            cached = ([item[0] for item in items], items)
            self._ents[block] = cached
        return cached

    def _untagged(self, block: int,
                  tagged: list[tuple[int, int, int, bool]]) -> list[tuple[int, int, int, bool]]:
        """Names of the page's cast the model did not tag here: its tags shift with the
        words around a name ("Queen Elizabeth II died" is a PERSON, "Looking back, Queen
        Elizabeth II died" is not), and a re-telling's frame must not hide its cast. Only
        capitalised proper-noun runs that are exactly a name the page tags elsewhere."""
        doc = self.docs[block]
        names = self.cast.actor_names()
        covered = {i for start, end, _pid, _actor in tagged for i in range(start, end)}
        found: list[tuple[int, int, int, bool]] = []
        i = 0
        while i < len(doc):
            for n in (3, 2, 1):
                span = doc[i:i + n]
                if len(span) == n and all(t.pos_ == "PROPN" and t.i not in covered
                                          and t.text[:1].isupper() for t in span):
                    pid = names.get(span.text)
                    if pid is not None:
                        found.append((i, i + n, pid, True))
                        i += n - 1
                        break
            i += 1
        return found

    def _scan(self, block: int, lo: int, hi: int, skip_lo: int,
              skip_hi: int) -> tuple[set[int], set[int], bool]:
        """Participants named within tokens [lo, hi), and whether a word says the act is
        another occurrence ("again", "a second call")."""
        doc = self.docs[block]
        repeated = any(t.lower_ in REPEAT_WORDS for t in doc[lo:hi]
                       if not skip_lo <= t.i < skip_hi)
        starts, items = self._entities(block)
        actors: set[int] = set()
        places: set[int] = set()
        for start, end, pid, is_actor in items[bisect.bisect_left(starts, lo):]:
            if start >= hi:
                break
            if end <= hi:
                (actors if is_actor else places).add(pid)
        return actors, places, repeated

    def _own_participants(self, block: int, head: Token | None, noun: Token | None,
                          token_start: int, token_end: int,
                          sent_end: int) -> tuple[set[int], set[int]] | None:
        """The cast a dated act noun names itself, when it names two or more: its
        possessor and what follows it up to the next verb or break ("Hamas's October 7
        attack on Israel", "the Aug. 7 bombings at American embassies in Kenya and
        Tanzania"). None when the date is not said of a noun or the noun names fewer
        (the clause around it is read instead)."""
        if head is None or noun is None or head.i != noun.i:
            return None
        doc = self.docs[block]
        lo = token_start
        while lo > 0 and (doc[lo - 1].tag_ == "POS" or doc[lo - 1].pos_ == "DET" or (
                doc[lo - 1].ent_iob_ != "O" and doc[lo - 1].pos_ == "PROPN")):
            lo -= 1
            if doc[lo].pos_ == "DET":
                break
        hi = noun.i + 1
        while hi < min(sent_end, noun.i + 16) and doc[hi].pos_ in _NOUN_PHRASE_POS and \
                doc[hi].tag_ not in ("WDT", "WP", "WP$"):
            hi += 1
        actors, places, _repeated = self._scan(block, lo, hi, token_start, token_end)
        named = actors if len(actors) >= 2 else actors | places
        return (actors, places) if len(named) >= 2 else None

    def _definite(self, doc: Doc, lo: int, hi: int) -> bool:
        """The clause refers back to an action ("this phone call", "the meeting")."""
        for token in doc[lo:hi]:
            if token.lemma_.lower() in ACTIONS and token.pos_ == "NOUN":
                before = doc[max(lo, token.i - 3): token.i]
                if any(t.lower_ in _DEFINITE for t in before):
                    return True
        return False

    def _previous_actors(self, block: int, sent_start: int, action: str) -> set[int]:
        """Participants of the nearest earlier sentence that told the same kind of action."""
        for doc_index, (start, end) in self._previous_sentences(block, sent_start, limit=3):
            doc = self.docs[doc_index]
            actors, _places, _repeated = self._scan(doc_index, start, end, -1, -1)
            if len(actors) >= 2 and any(
                ACTIONS.get(t.lemma_.lower()) == action and not _is_preposition(t)
                for t in doc[start:end]
            ):
                return actors
        return set()

    def _previous_person(self, block: int, lo: int, exclude: set[int]) -> int | None:
        doc = self.docs[block]
        starts, items = self._entities(block)
        for start, end, pid, _is_actor in reversed(items[:bisect.bisect_left(starts, lo)]):
            if end <= lo and pid not in exclude and self.cast.people[pid].label == "PERSON":
                ent_label = doc[start].ent_type_
                if ent_label == "PERSON":
                    return pid
        return None

    def _sentences(self, block: int) -> list[tuple[int, int]]:
        cached = self._sents.get(block)
        if cached is None:
            cached = [(s.start, s.end) for s in self.docs[block].sents]
            self._sents[block] = cached
        return cached

    def _previous_sentences(self, block: int,
                            sent_start: int, limit: int) -> Iterator[tuple[int, tuple[int, int]]]:
        count = 0
        for doc_index in range(block, max(-1, block - 2), -1):
            sents = self._sentences(doc_index)
            if doc_index == block:
                sents = sents[:bisect.bisect_right([s for s, _ in sents], sent_start - 1)]
                sents = [s for s in sents if s[1] <= sent_start]
            for sent in reversed(sents[-limit:]):
                yield doc_index, sent
                count += 1
                if count >= limit:
                    return


#: Nouns an act can be "of" without being another act: "the day of the attack".
_OF_NEUTRAL = frozenset({"day", "night", "morning", "evening", "afternoon", "time", "date",
                         "eve", "week", "hour", "moment", "start", "end", "kind", "type",
                         "series", "round", "wave", "part"})
#: Parts of speech of the words that go on a noun phrase ("bombings at American embassies
#: in Kenya and Tanzania"); a verb, a subordinator or punctuation ends it.
_NOUN_PHRASE_POS = frozenset({"ADP", "DET", "NOUN", "PROPN", "ADJ", "NUM", "CCONJ", "PART"})
#: Punctuation that ends a clause for good: a date does not attach across it.
_STRONG_BREAKS = frozenset({":", ";", "—", "–"})
#: Parts of speech passed over on the way to the word a date attaches to.
_SKIP_POS = frozenset({"ADP", "DET", "PRON", "PROPN", "NUM", "ADJ", "ADV", "PART", "CCONJ",
                       "SCONJ", "PUNCT", "AUX", "SYM", "X", "SPACE", "INTJ", "NOUN"})


#: Entity types that are a telling's cast or date, not what it says.
_NOT_CONTENT_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "DATE", "TIME"})
_DETERMINING = frozenset({"the", "this", "that", "his", "her", "its", "their", "our"})


#: Words before a figure that make it a level a price or a count stands at ("closed at
#: $45.75", "fell $1.625 to $108.625"), not a change ("rose 1%", "gained 12 seats").
_LEVEL_WORDS = frozenset({"at", "to"})


def _content(doc: Doc, spans: list[tuple[int, int]], date_lo: int, date_hi: int,
             trigger: int) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Content lemmas of the clauses around the act and its date (nouns, verbs,
    adjectives, numbers; not the cast, the date, the act's own word or function words),
    those of its nouns said with a definite word, and the figures said as a level
    (`_LEVEL_WORDS`)."""
    words: set[str] = set()
    definite: set[str] = set()
    levels: set[str] = set()
    seen: set[int] = set()
    for lo, hi in spans:
        for token in doc[lo:hi]:
            i = token.i
            if i in seen or date_lo <= i < date_hi or i == trigger:
                continue
            if (i == trigger - 1 and token.pos_ == "NOUN") or _PERSON_TITLE.fullmatch(token.text):
                continue  # "news" of "news conference"; "Mayor" Eric Adams: not what is said
            seen.add(i)
            if token.like_num and _said_as_level(token):
                levels.add(token.lemma_.lower())
            if token.ent_type_ in _NOT_CONTENT_ENTS or token.is_stop or token.pos_ not in (
                    "NOUN", "VERB", "ADJ", "NUM", "PROPN"):
                continue
            lemma = token.lemma_.lower()
            if lemma in _LIGHT or lemma in REPEAT_WORDS or not any(c.isalnum() for c in lemma):
                continue
            words.add(lemma)
            if token.pos_ == "NOUN" and any(
                    t.lower_ in _DETERMINING or t.tag_ == "POS"
                    for t in doc[max(lo, i - 3):i]):
                definite.add(lemma)
    return frozenset(words), frozenset(definite), frozenset(levels)


def _said_as_level(token: Token) -> bool:
    """'at $45.75', 'to 108.625', 'to US$ 3': a currency sign between the word and the
    figure is read through."""
    i = token.i - 1
    while i >= 0 and (token.doc[i].is_currency or token.doc[i].text in ("US$", "US")):
        i -= 1
    return i >= 0 and token.doc[i].lower_ in _LEVEL_WORDS


#: Verbs that say an act starts or ends ("the strike began", "concluded the talks").
_PHASE_VERBS = {"begin": "begin", "start": "begin", "commence": "begin", "end": "end",
                "conclude": "end", "finish": "end"}
_PHASES = {"begin": "start", "end": "end"}


def _begun_act(doc: Doc, head: Token | None, sent_start: int,
               sent_end: int) -> tuple[Token, str] | None:
    """The act noun a start or an end is told of, and which: the object of "began"
    ("began their strike"), or its subject ("The trial of Sam Bankman-Fried began"), or,
    when the date is the noun's, the phase verb before it. None otherwise."""
    if head is None:
        return None
    if head.pos_ == "NOUN" and _is_action_word(head):
        k = head.i - 1
        while k >= sent_start and k >= head.i - 3 and doc[k].pos_ in ("DET", "PRON", "ADJ"):
            k -= 1
        if k >= sent_start and doc[k].pos_ == "VERB" and \
                doc[k].lemma_.lower() in _PHASE_VERBS:
            return head, _PHASE_VERBS[doc[k].lemma_.lower()]
        return None
    phase = _PHASE_VERBS.get(head.lemma_.lower()) if head.pos_ == "VERB" else None
    if phase is None:
        return None
    for token in doc[head.i + 1:min(sent_end, head.i + 4)]:
        if token.pos_ == "NOUN" and _is_action_word(token):
            return token, phase
        if token.pos_ not in ("DET", "PRON", "ADJ"):
            break
    for k in range(head.i - 1, max(sent_start, head.i - 10) - 1, -1):
        token = doc[k]
        if token.lower_ in _CLAUSE_BREAK or (token.pos_ in ("VERB", "AUX")
                                             and token.lemma_.lower() != "be"):
            break
        if token.pos_ == "NOUN" and _is_action_word(token) and \
                not _object_of_another_noun(token):
            # The subject's own noun, not one in another noun's phrase ("Jury
            # selection in the trial began", "The second week of the trial began").
            j = k - 1
            while j >= sent_start and doc[j].lower_ not in _CLAUSE_BREAK:
                if doc[j].pos_ == "NOUN":
                    return None
                j -= 1
            return token, phase
    return None


def _window_start(doc: Doc, i: int, sent_start: int) -> int:
    """Where the three words before an act word start, cut at a clause break: in "Put
    another way, Hurricane Fiona made landfall" the frame's "another" is not said of the
    hurricane."""
    lo = max(sent_start, i - 3)
    for k in range(i - 1, lo - 1, -1):
        if doc[k].lower_ in _CLAUSE_BREAK:
            return k + 1
    return lo


#: Of `REPEAT_WORDS`, those that say an object is another one of its kind. Not "new",
#: "latest" or "next": "announced new products" is one announcement.
_REPEAT_OBJECT = frozenset({"another", "second", "third", "fourth", "follow-up", "subsequent",
                            "renewed", "repeated", "fresh", "separate", "additional",
                            "further"})


#: Determiners that make a plural act noun one known set ("the bombings").
_SET_DETERMINERS = frozenset({"the", "these", "those"})


def _definite_set(doc: Doc, head: Token, sent_start: int) -> bool:
    """Whether a plural act noun is said with a definite determiner and no count
    ("the suspected car bombings", not "the two bombings" or "more bombings")."""
    k = head.i - 1
    while k >= sent_start and k >= head.i - 4 and doc[k].pos_ in ("ADJ", "NOUN", "VERB") \
            and doc[k].lower_ not in ("more", "many", "several", "other", "both", "all"):
        k -= 1
    return k >= sent_start and doc[k].lower_ in _SET_DETERMINERS


def _repeated_object(doc: Doc, head: Token, sent_end: int, token_start: int,
                     token_end: int) -> bool:
    """'lifted a second travel warning', 'signed a new pact': a verb's object said to be
    another one makes the act another occurrence. Read up to the object's noun."""
    if head.pos_ != "VERB":
        return False
    for token in doc[head.i + 1:min(sent_end, head.i + 5)]:
        if token_start <= token.i < token_end:
            continue
        if token.lower_ in _REPEAT_OBJECT and token.pos_ in ("ADJ", "DET"):
            return True
        if token.pos_ not in ("DET", "ADJ", "NUM", "ADV"):
            return False
    return False


def _is_action_word(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return (lemma in ACTIONS and lemma not in _LIGHT and token.pos_ in ("NOUN", "VERB", "PROPN")
            and token.ent_type_ not in ("PERSON", "ORG", "GPE") and not _is_preposition(token))


def _is_content_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() not in _LIGHT


def _object_of_another_noun(token: Token) -> bool:
    """'the transcript of that call', 'the anniversary of the attack': the act named is
    what the other noun is of, so a date beside it belongs to the other noun."""
    doc, i = token.doc, token.i - 1
    while i >= 0 and doc[i].pos_ in ("DET", "PRON", "ADJ") and doc[i].lower_ != "of":
        i -= 1
    if i < 1 or doc[i].lower_ != "of":
        return False
    noun = doc[i - 1]
    return noun.pos_ == "NOUN" and noun.lemma_.lower() not in ACTIONS and \
        noun.lemma_.lower() not in _OF_NEUTRAL


def _premodified_noun(doc: Doc, start: int, end: int, sent_start: int,
                      sent_end: int) -> Token | None:
    """The head noun a date premodifies, as in "the Oct. 23 sniper shooting" or "Hamas's
    October 7 attack": the date is said of that noun, whatever verb stands before it."""
    determined = doc[start].pos_ == "DET" or (start > sent_start and (
        doc[start - 1].pos_ in ("DET", "PRON") or doc[start - 1].tag_ == "POS"))
    if not determined:
        return None  # "met on May 6 sources said": no noun phrase around the date
    i = end
    while i < sent_end and doc[i].pos_ in ("NOUN", "ADJ", "PROPN") and not doc[i].ent_type_ \
            and i < end + 4:
        i += 1
    if i == end or doc[i - 1].pos_ != "NOUN":
        return None
    return doc[i - 1]


def _head(doc: Doc, start: int, end: int, sent_start: int, sent_end: int,
          noun: Token | None) -> tuple[Token | None, bool]:
    """The word the date phrase [start, end) attaches to, and whether it is that word's
    own date (False when the word is an act named as the object of another noun).
    `noun` is the noun the phrase premodifies (`_premodified_noun`), if any."""
    i = end
    while i < min(sent_end, end + 3) and (doc[i].pos_ in ("ADJ", "PART")
                                          or doc[i].tag_ == "POS"):
        i += 1
    if i < sent_end and doc[i].pos_ == "NOUN" and _is_action_word(doc[i]):
        return doc[i], True  # "the July 25 call", "Tuesday's meeting"
    if noun is not None:
        # "the Oct. 23 sniper shooting": the shooting's date, never the verb's before it,
        # also when the noun names no act word ("a scheduled Dec. 15 imposition").
        return noun, True
    k = word_before(doc, start, sent_start)
    after = end
    while after < sent_end and doc[after].pos_ == "ADV":
        after += 1
    between_subject_and_verb = (k >= sent_start and doc[k].pos_ in ("NOUN", "PROPN")
                                and after < sent_end and doc[after].tag_ in ("VBD", "VBZ",
                                                                             "VBP", "MD")
                                and not _act_before_in_clause(doc, start, sent_start))
    opens = k >= sent_start and (doc[k].text == "," or doc[k].lower_ in CLAUSE_OPENERS
                                 or between_subject_and_verb)
    fronted = fronted_opener(doc, start, sent_start)
    if fronted is not None and any(_is_action_word(t) for t in doc[fronted + 1:start]):
        fronted = None  # "that after the bombings on Aug. 7, ...": the bombings' date
    if opens or fronted is not None:
        # "the State Department on Sunday issued …": a date between a subject and its
        # verb is the verb's.
        # ", on 3 September, police raided …", "… remember that on 3 September police
        # raided …", "but on 3 September, police raided …": a date that opens its clause
        # is of the clause it opens, not of the one before it ("As noted, …"); so is one
        # in a phrase fronted after "that" ("… remember that in Paris on May 9, Scholz
        # met Macron").
        found = _scan_right(doc, end, sent_end)
        if found[0] is not None:
            return found
    k = start - 1
    while k >= sent_start:
        token = doc[k]
        if token.text in _DASHES:
            opening = _opening_dash(doc, k, sent_start)
            if opening is not None:
                # "during the job – for which he was not paid – on December 16": the date
                # is of what stands before the aside, not of the aside.
                k = opening - 1
                continue
        if token.text in _STRONG_BREAKS:
            break  # "That is how it went: on May 23, …": a new clause starts here
        if token.text == "," and _introductory(doc, sent_start, k):
            # "As noted, in composite trading on Monday, Compaq shares fell …": what
            # stands before the comma only introduces the sentence; the date is in a
            # phrase fronted before the clause it dates.
            found = _scan_right(doc, end, sent_end)
            if found[0] is not None:
                return found
            break
        if _is_action_word(token):
            return token, not _object_of_another_noun(token)
        if _is_content_verb(token):
            return token, True
        k -= 1
    return _scan_right(doc, end, sent_end)


def _introductory(doc: Doc, sent_start: int, comma: int) -> bool:
    """Whether the words from the sentence's start to a comma are a short sentence
    adverbial ("As noted", "In other words", "Meanwhile", "Back then", "Looking back", "Put
    another way"): four words at most, opening with an adverb, a subordinator, a
    preposition or a verb's bare form or participle, naming no one."""
    words = doc[sent_start:comma]
    opener = words[0].pos_ in ("ADV", "SCONJ", "ADP") or words[0].tag_ in ("VB", "VBG", "VBN")
    return 0 < len(words) <= 4 and opener and not any(
        t.ent_type_ or t.pos_ in ("PROPN", "PRON") for t in words)


def _act_before_in_clause(doc: Doc, start: int, sent_start: int) -> bool:
    """Whether the date's own clause names an act before it ("The meeting between Scholz
    and Macron on May 6 produced …": the meeting's date, not the producing's)."""
    for k in range(start - 1, sent_start - 1, -1):
        if doc[k].lower_ in _CLAUSE_BREAK:
            return False
        if _is_action_word(doc[k]) or _is_content_verb(doc[k]):
            return True
    return False


_DASHES = frozenset({"—", "–", "--"})


def _opening_dash(doc: Doc, closing: int, sent_start: int) -> int | None:
    """The dash that opens the aside a dash at `closing` closes ("– for which he was not
    paid –"), or None when the dash stands alone or the aside crosses another break."""
    if closing + 1 >= len(doc) or doc[closing + 1].text in _STRONG_BREAKS:
        return None
    for j in range(closing - 1, sent_start - 1, -1):
        if doc[j].text in _DASHES:
            return j if closing - j > 1 else None
        if doc[j].text in _STRONG_BREAKS:
            return None
    return None


def _scan_right(doc: Doc, end: int, sent_end: int) -> tuple[Token | None, bool]:
    """The first action word or content verb after a date, within its clause, passing over
    an aside between commas that a participle opens ("On April 8, investigators,
    wondering how …, searched the site": the date is of the search)."""
    k = end
    while k < sent_end:
        token = doc[k]
        if token.text in _STRONG_BREAKS:
            break
        if token.text == "," and k + 1 < sent_end and (
                doc[k + 1].tag_ in ("VBG", "VBN") or _time_clause(doc[k + 1])):
            close = next((j for j in range(k + 2, sent_end) if doc[j].text == ","), None)
            if close is not None and _time_clause(doc[k + 1]) and any(
                    t.lower_ == "had" for t in doc[close:min(sent_end, close + 6)]):
                break  # "On March 4, when …, the ministry had already lifted": before it
            if close is not None:
                k = close + 1
                continue
        if _is_action_word(token):
            return token, not _object_of_another_noun(token)
        if _is_content_verb(token):
            return token, True
        k += 1
    return None, False


#: Subordinators of an aside that only says what went on at the same time ("On Friday,
#: when Albright set aside her vacation, the State Department lifted a warning").
_TIME_CLAUSE_WORDS = frozenset({"when", "as", "while", "after", "before", "once"})


def _time_clause(token: Token) -> bool:
    """Whether the token opens a time clause set between commas after a fronted date."""
    return token.lower_ in _TIME_CLAUSE_WORDS and token.pos_ in ("SCONJ", "ADV", "ADP")


def _clause(doc: Doc, start: int, end: int, sent_start: int, sent_end: int) -> tuple[int, int]:
    lo = start
    while lo > sent_start and doc[lo - 1].lower_ not in _CLAUSE_BREAK:
        lo -= 1
    hi = end
    while hi < sent_end and doc[hi].lower_ not in _CLAUSE_BREAK:
        hi += 1
    return lo, hi


def _edges(doc: Doc, lo: int, hi: int, reverse: bool = False) -> list[int]:
    """Widening steps: the start (reverse) or end of each further clause between lo and hi,
    nearest to the phrase first; a run of breaks (", which") counts as one boundary."""
    steps: list[int] = []
    if reverse:
        i = hi  # the clause starts at `hi`; walk left over a run of breaks, then a clause
        while i > lo:
            while i > lo and doc[i - 1].lower_ in _CLAUSE_BREAK:
                i -= 1
            while i > lo and doc[i - 1].lower_ not in _CLAUSE_BREAK:
                i -= 1
            steps.append(i)
        return steps
    i = lo
    while i < hi:
        while i < hi and doc[i].lower_ in _CLAUSE_BREAK:
            i += 1
        while i < hi and doc[i].lower_ not in _CLAUSE_BREAK:
            i += 1
        steps.append(i)
    return steps


def _is_preposition(token: Token) -> bool:
    """'according to' reports a source; its lemma 'accord' is not an agreement."""
    return token.lower_ == "according" and token.i + 1 < len(token.doc) and \
        token.doc[token.i + 1].lower_ == "to"


def participants(cast: Cast, ids: frozenset[int]) -> list[str]:
    return [cast.people[i].name for i in sorted(ids)]
