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

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc, Token

#: Event words by lemma → the action class two tellings of one event share.
ACTIONS: dict[str, str] = {
    **dict.fromkeys(("call", "phone", "telephone", "conversation", "dialogue", "dialog",
                     "talk", "speak", "chat", "converse", "discuss", "discussion",
                     "phonecall"), "call"),
    **dict.fromkeys(("meet", "meeting", "summit", "encounter", "sit-down"), "meeting"),
    **dict.fromkeys(("visit", "trip", "tour"), "visit"),
    **dict.fromkeys(("strike", "attack", "airstrike", "bombing", "bomb", "shelling", "shell",
                     "raid", "assault", "offensive", "invasion", "invade", "bombard",
                     "bombardment"), "attack"),
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
#: Lemmas that only carry another word's event ("held a meeting", "took place").
_LIGHT = frozenset({"have", "hold", "take", "make", "give", "be", "do", "place", "occur"})
#: Words saying this is a further occurrence, not the same event told again.
REPEAT_WORDS = frozenset({"again", "another", "second", "third", "fourth", "follow-up",
                          "subsequent", "renewed", "repeated", "latest", "new", "further",
                          "next", "previous", "earlier", "prior", "fresh", "separate",
                          "additional"})  # fmt: skip
ACTOR_LABELS = frozenset({"PERSON", "ORG"})
PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
_CLAUSE_BREAK = frozenset({",", ";", ":", "—", "–", "(", ")", "where", "which", "while",
                           "whereas", "although", "though", "but", "whom", "whose"})
_DEFINITE = frozenset({"this", "that", "the", "these", "those"})
_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
_TITLES = re.compile(
    r"^(?:(?:former|late|then|u\.?s\.?|us|american|russian|ukrainian|vice|deputy|acting|"
    r"president(?:-elect)?|prime minister|chancellor|minister|secretary|senator|sen\.|rep\.|"
    r"gov\.|governor|mayor|mr\.?|mrs\.?|ms\.?|dr\.?|sir|dame|king|queen|prince|princess|pope|"
    r"general|gen\.|judge|justice|ceo|chairman|chairwoman|leader|candidate|democratic|"
    r"republican|the)\s+)+",
    re.I,
)
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
        """The surname for people ("Trump"), the whole name otherwise."""
        return self.name.split()[-1] if self.label == "PERSON" else self.name


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


class Cast:
    """Every participant named on a page, with name variants merged."""

    def __init__(self, docs: list[Doc]) -> None:
        self.people: list[Person] = []
        self._index: dict[tuple[str, str], int] = {}
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
        # Full names first, so a bare surname joins the full name it abbreviates.
        for (kind, name), _ in sorted(names.items(), key=lambda kv: (-len(kv[0][1].split()),
                                                                    -kv[1], kv[0][1])):
            self._add(kind, name)

    _labels: dict[str, str]

    def _label_of(self, name: str, label: str) -> None:
        if not hasattr(self, "_labels"):
            self._labels = {}
        # The model calls "Trump" an ORG at times; PERSON wins once seen.
        if self._labels.get(name) != "PERSON":
            self._labels[name] = label

    def _add(self, kind: str, name: str) -> None:
        label = self._labels.get(name, "ORG")
        matches = [p for p in self.people if (p.label in ACTOR_LABELS) == (kind == "actor")
                   and _matches(p, name, kind)]
        if kind == "place" and not matches and " " not in name:
            # The model calls a person's surname a place at times ("Scholz" as GPE).
            matches = [p for p in self.people if p.label == "PERSON" and len(p.name.split()) > 1
                       and any(same_name(name, known) for known in p.names)]
        if len(matches) == 1:
            person = matches[0]
        else:
            # Unknown, or a surname two people share: a participant of its own.
            person = Person(len(self.people), name, label)
            self.people.append(person)
        person.names.add(name)
        self._index[(kind, name)] = person.id

    def lookup(self, text: str, label: str) -> Person | None:
        kind = "actor" if label in ACTOR_LABELS else "place"
        name = clean_name(text)
        index = self._index.get((kind, name))
        if index is None:
            index = self._index.get(("place" if kind == "actor" else "actor", name))
        return None if index is None else self.people[index]


def _matches(person: Person, name: str, kind: str) -> bool:
    if kind == "place":
        return any(_same_place(name, known) for known in person.names)
    return any(same_name(name, known) for known in person.names)


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

    def key_participants(self) -> frozenset[int]:
        """Who the event is about: people and organisations, or places when they are all."""
        return self.actors if len(self.actors) >= 2 else self.actors | self.places


class EventReader:
    """Reads the event around each date phrase of a page."""

    def __init__(self, docs: list[Doc], cast: Cast) -> None:
        self.docs = docs
        self.cast = cast

    def read(self, block: int, token_start: int, token_end: int, sent_start: int,
             sent_end: int) -> Event:
        doc = self.docs[block]
        lo, hi = _clause(doc, token_start, token_end, sent_start, sent_end)
        left_edges = _edges(doc, sent_start, lo, reverse=True)
        right_edges = _edges(doc, hi, sent_end)
        found = self._scan(doc, lo, hi, token_start, token_end)
        step = 0
        while not (found[0] and len(found[2]) >= 2) and (left_edges or right_edges):
            if (step % 2 == 0 and left_edges) or not right_edges:
                lo = left_edges.pop(0)
            else:
                hi = right_edges.pop(0)
            found = self._scan(doc, lo, hi, token_start, token_end)
            step += 1
        trigger, lemma, actors, places, repeated, plural = found
        confidence = 1.0
        action = ACTIONS.get(lemma) if lemma else None
        if len(actors) < 2 and action is not None and self._definite(doc, lo, hi):
            borrowed = self._previous_actors(block, sent_start, action)
            if borrowed:
                actors = actors | borrowed
                confidence = 0.85
        if len(actors) == 1 and any(t.lower_ in _PRONOUNS for t in doc[lo:hi]):
            earlier = self._previous_person(block, lo, actors)
            if earlier is not None:
                actors = actors | {earlier}
                confidence = min(confidence, 0.8)
        return Event(action, trigger, lemma, frozenset(actors), frozenset(places), repeated,
                     plural, confidence)

    # -- helpers -------------------------------------------------------------------------

    def _scan(self, doc: Doc, lo: int, hi: int, skip_lo: int,
              skip_hi: int) -> tuple[str | None, str | None, set[int], set[int], bool, bool]:
        best: tuple[int, str, str, bool] | None = None
        repeated = False
        for token in doc[lo:hi]:
            if skip_lo <= token.i < skip_hi:
                continue
            if token.lower_ in REPEAT_WORDS:
                repeated = True
            lemma = token.lemma_.lower()
            if lemma in ACTIONS and lemma not in _LIGHT and token.pos_ in ("NOUN", "VERB",
                                                                             "PROPN"):
                if token.ent_type_ in ("PERSON", "ORG", "GPE") or _is_preposition(token):
                    continue
                # The word a date modifies usually comes before it ("spoke with X on
                # May 3", "the meeting on May 6"); after it only when nothing precedes.
                before = token.i < skip_lo
                distance = skip_lo - token.i if before else 1000 + token.i - skip_hi
                if best is None or distance < best[0]:
                    best = (distance, token.text, lemma, token.tag_ == "NNS")
        actors: set[int] = set()
        places: set[int] = set()
        for ent in doc.ents:
            if ent.start >= lo and ent.end <= hi:
                person = self.cast.lookup(ent.text, ent.label_)
                if person is None:
                    continue
                (actors if person.label in ACTOR_LABELS else places).add(person.id)
        if best is None:
            return None, None, actors, places, repeated, False
        return best[1], best[2], actors, places, repeated, best[3]

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
        for doc_index, sent in self._previous_sentences(block, sent_start, limit=3):
            doc = self.docs[doc_index]
            _trigger, lemma, actors, _places, _r, _p = self._scan(doc, sent.start, sent.end,
                                                                 -1, -1)
            if lemma and ACTIONS.get(lemma) == action and len(actors) >= 2:
                return actors
            if any(ACTIONS.get(t.lemma_.lower()) == action for t in sent) and len(actors) >= 2:
                return actors
        return set()

    def _previous_person(self, block: int, lo: int, exclude: set[int]) -> int | None:
        doc = self.docs[block]
        for ent in reversed([e for e in doc.ents if e.end <= lo and e.label_ == "PERSON"]):
            person = self.cast.lookup(ent.text, ent.label_)
            if person is not None and person.id not in exclude:
                return person.id
        return None

    def _previous_sentences(self, block: int, sent_start: int, limit: int):
        count = 0
        for doc_index in range(block, max(-1, block - 2), -1):
            doc = self.docs[doc_index]
            sents = [s for s in doc.sents if doc_index != block or s.end <= sent_start]
            for sent in reversed(sents):
                yield doc_index, sent
                count += 1
                if count >= limit:
                    return


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
