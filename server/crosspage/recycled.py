"""Paragraphs recycled across pages: the same paragraph, word for word or re-told, on
another page of a batch or of the history.

Comparing every paragraph with every other is quadratic; a crawl has millions. So each
paragraph becomes a MinHash signature of its shingles (`signatures`, bit for bit what
datasketch 2.0's `MinHash.bulk(scheme="affine32")` gave, which signed the histories kept
so far), and a locality-sensitive index (`BandIndex`, banded as datasketch's MinHashLSH
would) hands back only the paragraphs likely to share many of them: the cost grows with
the number of paragraphs, not with its square.

Shingles are the paragraph's *content words* (stop words dropped, crude suffixes cut):
a re-telling keeps the names, numbers and most content words of its source, while
function words, word order and sentence breaks are what a re-writer changes; a verbatim
copy shares all of them. Content-word bigrams were tried too: on the test set of `newslint
eval crosspage` they halve the recall of human re-tellings at the same precision, because
a writer who re-tells breaks most two-word phrases.

Paragraphs with the same normalised text are one entry of the index with all their
places, so a paragraph syndicated to a hundred pages costs one entry, not a hundred,
and a query does not walk a hundred-long bucket.

This module is pure (no I/O): the batch runner and the history feed it signatures and
ask for matches.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

#: Permutations per signature: 64 gives a Jaccard estimate within ±0.06 at 0.4, in 256 bytes.
NUM_PERM = 64
#: datasketch's name for the permutations `signatures` computes (stored signatures use it).
SCHEME = "affine32"
SEED = 1
#: Estimated Jaccard similarity of shingles from which two paragraphs count as one told twice.
THRESHOLD = 0.3
#: ... and from which they are the same text with a few words changed.
NEAR = 0.8
#: A paragraph with fewer content words says too little for its repeat to mean anything
#: ("Read more.", "Photo: Reuters", a dateline).
MIN_TERMS = 8
#: Headings are matched too, but only long ones: short titles collide by chance.
HEADING_KINDS = frozenset({"title", "h1", "h2", "h3", "h4", "h5", "h6"})
#: Places listed per paragraph; a paragraph syndicated to a thousand pages lists the first.
MAX_PLACES = 5

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOP = frozenset(STOP_WORDS) | {"s", "t", "'s", "’s", "said", "says"}


def normalise(text: str) -> str:
    """Case, punctuation and typographic variants do not make two paragraphs different."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(text))


def _stem(word: str) -> str:
    """A crude suffix cut ("approved" → "approv", "euros" → "euro"): re-tellings inflect."""
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    if len(word) > 5:
        for suffix in ("ing", "ed", "es"):
            if word.endswith(suffix):
                return word[: -len(suffix)]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """The paragraph's content words in order: what a re-telling keeps."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return [_stem(w) for w in words if w not in _STOP and (len(w) > 1 or w.isdigit())]


def shingles(words: Sequence[str]) -> set[bytes]:
    return {w.encode() for w in words}


def digest(text: str) -> bytes:
    """Equal for paragraphs with the same normalised text (a verbatim copy)."""
    return hashlib.blake2b(normalise(text).encode(), digest_size=8).digest()


@dataclass(frozen=True)
class Paragraph:
    """One indexable paragraph of a page: where it is, its text's digest and its signature."""

    block: str
    ordinal: int  # 1-based position among the page's blocks, as a reader counts them
    start: int
    end: int
    digest: bytes
    signature: bytes  # NUM_PERM little-endian uint32

    def to_json(self) -> list[Any]:
        return [self.block, self.ordinal, self.start, self.end, self.digest.hex(),
                self.signature.hex()]

    @classmethod
    def from_json(cls, row: Sequence[Any]) -> Paragraph:
        return cls(str(row[0]), int(row[1]), int(row[2]), int(row[3]), bytes.fromhex(row[4]),
                   bytes.fromhex(row[5]))


def is_indexable(kind: str, words: Sequence[str]) -> bool:
    return len(words) >= (2 * MIN_TERMS if kind in HEADING_KINDS else MIN_TERMS)


def paragraphs(blocks: Iterable[dict[str, Any]]) -> list[Paragraph]:
    """The page's paragraphs worth indexing, with their signatures (one bulk computation)."""
    chosen: list[tuple[int, dict[str, Any], list[str]]] = []
    for ordinal, block in enumerate(blocks, start=1):
        text = str(block.get("text", ""))
        words = terms(text)
        if is_indexable(str(block.get("kind", "p")), words):
            chosen.append((ordinal, block, words))
    if not chosen:
        return []
    signed = signatures([shingles(w) for _, _, w in chosen])
    return [
        Paragraph(str(block["id"]), ordinal, 0, len(str(block["text"])),
                  digest(str(block["text"])), row.astype("<u4").tobytes())
        for (ordinal, block, _), row in zip(chosen, signed, strict=True)
    ]


@functools.cache
def permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of the affine permutations h → a·h + b mod 2³², as datasketch drew them.

    The legacy `RandomState` is the one numpy generator whose stream numpy promises never
    to change, which is what keeps signatures stored years ago comparable with new ones.
    An odd `a` makes each permutation a bijection of the 32-bit hashes."""
    draw = np.random.RandomState(seed)
    a = draw.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer, a fixed bijection that spreads the input hashes."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    mixed: np.ndarray = values ^ (values >> np.uint32(16))
    return mixed


def signatures(sets: Sequence[Iterable[bytes]], num_perm: int = NUM_PERM,
               seed: int = SEED) -> np.ndarray:
    """(len(sets), num_perm) uint32 MinHash signatures, one bulk computation for them all.

    Each shingle's hash is the first 4 bytes of its SHA-1 (little-endian), mixed by
    `_fmix32`; signature value k is the least a_k·h + b_k (mod 2³²) over the shingles.
    That is datasketch 2.0's "affine32" scheme bit for bit (tests/fixtures holds its
    answers): every stored signature stays comparable with new ones, without datasketch
    and the scipy it drags in. An empty set gets all 2³²−1, as in datasketch."""
    a, b = permutations(num_perm, seed)
    out = np.full((len(sets), num_perm), np.uint32(0xFFFFFFFF), dtype=np.uint32)
    digests = [b"".join(hashlib.sha1(shingle).digest()[:4] for shingle in shingle_set)
               for shingle_set in sets]
    hashes = _fmix32(np.frombuffer(b"".join(digests), dtype="<u4").astype(np.uint32))
    start = 0
    with np.errstate(over="ignore"):  # arithmetic modulo 2**32 is the point
        # One small product per set: it stays in the CPU cache, where one (shingles ×
        # num_perm) product for all and `np.minimum.reduceat` were 4 to 10 times slower.
        for row, digest_ in enumerate(digests):
            end = start + len(digest_) // 4
            if end > start:
                out[row] = (hashes[start:end, None] * a + b).min(axis=0)
            start = end
    return out


@functools.cache
def optimal_banding(threshold: float, num_perm: int,
                    false_positive_weight: float = 0.5,
                    false_negative_weight: float = 0.5) -> tuple[int, int]:
    """The (bands, rows) that datasketch's `MinHashLSH(threshold, num_perm)` chooses.

    Two signatures that agree on a share s of their values share a band with probability
    P(s) = 1 − (1 − s^rows)^bands. The chosen banding minimises the weighted area of
    false positives (∫₀^threshold P) plus false negatives (∫_threshold^1 1 − P), trying
    bands then rows in datasketch's order and keeping the first minimum. P is a polynomial
    of degree bands·rows ≤ num_perm, so Gauss–Legendre quadrature with num_perm/2 + 1 nodes
    integrates it exactly (up to rounding), where datasketch needed scipy's `quad`."""
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    below = threshold / 2 * (nodes + 1)  # the nodes mapped onto [0, threshold] ...
    above = threshold + (1 - threshold) / 2 * (nodes + 1)  # ... and onto [threshold, 1]
    best, chosen = float("inf"), (0, 0)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = threshold / 2 * float(
                weights @ (1 - (1 - below**rows) ** bands))
            false_negative = (1 - threshold) / 2 * float(
                weights @ ((1 - above**rows) ** bands))
            error = (false_positive * false_positive_weight
                     + false_negative * false_negative_weight)
            if error < best:
                best, chosen = error, (bands, rows)
    return chosen


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal minima."""
    return float(np.mean(np.frombuffer(a, dtype="<u4") == np.frombuffer(b, dtype="<u4")))


@dataclass(frozen=True)
class PageRef:
    """A page as a recycled annotation names it."""

    id: str
    url: str | None = None
    site: str = ""
    title: str | None = None
    #: The day the page says it was published, else the day it was first seen (ISO date).
    date: str | None = None
    #: Where the page comes from: "batch" or "history" (then `id` is the history's page id).
    origin: str = "batch"

    @property
    def identity(self) -> str:
        """Two copies of one address are one page, not a page recycling itself."""
        return self.url or f"{self.origin}:{self.id}"


@dataclass(frozen=True)
class Place:
    page: PageRef
    paragraph: Paragraph


@dataclass(frozen=True)
class Match:
    """`place` also appears at `other`: word for word, nearly, or re-told."""

    place: Place
    other: Place
    score: float
    rule: str  # recycled.exact | recycled.near | recycled.retelling


@dataclass
class _Group:
    signature: bytes
    places: list[Place] = field(default_factory=list)


class BandIndex:
    """LSH buckets over signatures, as sorted numpy arrays rather than dictionaries.

    The banding is datasketch's (`optimal_banding`: the bands and rows that best separate
    pairs above the threshold from pairs below), and two signatures are candidates when
    any band of theirs is equal, as in datasketch's own MinHashLSH. But that index inserts
    every band of every signature into a dictionary (about 100 µs a paragraph: 7 s to open
    a history of 60,000 paragraphs, 7.5 GB for a million); here a band is one 64-bit
    hash, each band's hashes are one sorted array searched with `searchsorted`, and new
    entries wait in an unsorted tail that the next query merges once it is long, so adding
    a history's worth of signatures is a few array operations.
    """

    #: Entries the unsorted tail may hold before it is merged into the sorted arrays.
    TAIL = 4096

    def __init__(self, threshold: float, num_perm: int = NUM_PERM) -> None:
        self.bands, self.rows = optimal_banding(threshold, num_perm)
        rng = np.random.default_rng(SEED)
        # Odd 64-bit multipliers: a band of `rows` values → one well-mixed 64-bit key.
        self._mix = rng.integers(1, 2**63, size=(self.bands, self.rows), dtype=np.uint64) | 1
        self._keys = np.empty((self.bands, 0), dtype=np.uint64)
        self._ids = np.empty((self.bands, 0), dtype=np.int64)
        self._tail_keys: list[np.ndarray] = []
        self._tail_ids: list[np.ndarray] = []
        self._tail_size = 0

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """(bands, n) keys of n signatures (an (n, num_perm) uint32 array)."""
        used = signatures[:, : self.bands * self.rows].astype(np.uint64)
        cut = used.reshape(len(signatures), self.bands, self.rows)
        with np.errstate(over="ignore"):  # multiplication modulo 2**64 is the point
            keys = (cut * self._mix).sum(axis=2, dtype=np.uint64)
            keys ^= keys >> np.uint64(29)
        return np.ascontiguousarray(keys.T)

    def add(self, ids: np.ndarray, signatures: np.ndarray) -> None:
        if not len(ids):
            return
        self._tail_keys.append(self.band_keys(signatures))
        self._tail_ids.append(np.broadcast_to(ids.astype(np.int64), (self.bands, len(ids))))
        self._tail_size += len(ids)

    def _merge(self) -> None:
        keys = np.concatenate([self._keys, *self._tail_keys], axis=1)
        ids = np.concatenate([self._ids, *self._tail_ids], axis=1)
        order = np.argsort(keys, axis=1, kind="stable")
        self._keys = np.take_along_axis(keys, order, axis=1)
        self._ids = np.take_along_axis(ids, order, axis=1)
        self._tail_keys, self._tail_ids, self._tail_size = [], [], 0

    def query(self, signature: np.ndarray) -> np.ndarray:
        """Ids of the entries sharing at least one band with this signature."""
        # Merged here, not on adding: filling an index is then one sort in all, however
        # it was fed, and a query never scans more than TAIL unsorted entries.
        if self._tail_size > self.TAIL:
            self._merge()
        keys = self.band_keys(signature.reshape(1, -1))[:, 0]
        found = []
        for band, key in enumerate(keys):
            row = self._keys[band]
            lo, hi = np.searchsorted(row, key, "left"), np.searchsorted(row, key, "right")
            if hi > lo:
                found.append(self._ids[band, lo:hi])
        if len(self._tail_keys) > 1:  # one array for the tail: one comparison per query
            self._tail_keys = [np.concatenate(self._tail_keys, axis=1)]
            self._tail_ids = [np.concatenate(self._tail_ids, axis=1)]
        for tail_keys, tail_ids in zip(self._tail_keys, self._tail_ids, strict=True):
            hits = tail_keys == keys[:, None]
            if hits.any():
                found.append(tail_ids[hits])
        return np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)


class RecycledIndex:
    """Every paragraph added so far, grouped by normalised text, in one LSH index."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._groups: list[_Group] = []
        self._by_digest: dict[bytes, int] = {}
        self._bands = BandIndex(threshold)
        # Every entry's signature, one row each: a query checks all its candidates in one
        # numpy comparison, so a crowded bucket costs microseconds, not a Python loop.
        self._matrix = np.empty((1024, NUM_PERM), dtype=np.uint32)

    def __len__(self) -> int:
        return sum(len(g.places) for g in self._groups)

    @property
    def entries(self) -> int:
        """Distinct texts in the LSH index (what a query's cost depends on)."""
        return len(self._groups)

    def add(self, page: PageRef, found: Iterable[Paragraph]) -> None:
        new: list[int] = []
        for paragraph in found:
            key = self._by_digest.get(paragraph.digest)
            if key is None:
                key = self._by_digest[paragraph.digest] = len(self._groups)
                self._groups.append(_Group(paragraph.signature))
                if key == len(self._matrix):
                    self._matrix = np.concatenate([self._matrix, np.empty_like(self._matrix)])
                self._matrix[key] = np.frombuffer(paragraph.signature, dtype="<u4")
                new.append(key)
            self._groups[key].places.append(Place(page, paragraph))
        if new:
            keys = np.asarray(new, dtype=np.int64)
            self._bands.add(keys, self._matrix[keys])

    def similar(self, signature: bytes, digest_: bytes | None = None) -> list[tuple[int, float]]:
        """(group, score) of the indexed texts this signature is close to, best first."""
        values = np.frombuffer(signature, dtype="<u4")
        keys = self._bands.query(values)
        if not len(keys):
            return []
        scores = np.count_nonzero(self._matrix[keys] == values, axis=1) / NUM_PERM
        same = self._by_digest.get(digest_) if digest_ is not None else None
        found = [(int(key), 1.0 if key == same else float(score))
                 for key, score in zip(keys, scores, strict=True)
                 if score >= self.threshold or key == same]
        found.sort(key=lambda pair: -pair[1])
        return found

    def lookup(self, page: PageRef, paragraph: Paragraph, limit: int = MAX_PLACES,
               accept: Callable[[PageRef], bool] | None = None) -> list[Match]:
        """Where else this paragraph appears (other pages only, those `accept` takes),
        earliest first."""
        place = Place(page, paragraph)
        candidates: list[tuple[Place, float, str]] = []
        for key, score in self.similar(paragraph.signature, paragraph.digest):
            for other in self._groups[key].places:
                if other.page.identity == page.identity or (accept and not accept(other.page)):
                    continue
                rule = ("recycled.exact" if other.paragraph.digest == paragraph.digest
                        else "recycled.near" if score >= NEAR else "recycled.retelling")
                candidates.append((other, score, rule))
        # One place per other page: its best paragraph.
        best: dict[str, tuple[Place, float, str]] = {}
        for other, score, rule in candidates:
            kept = best.get(other.page.identity)
            if kept is None or score > kept[1]:
                best[other.page.identity] = (other, score, rule)
        chosen = sorted(best.values(),
                        key=lambda c: (c[0].page.date or "9999", -c[1], c[0].page.id))[:limit]
        return [Match(place, other, score, rule) for other, score, rule in chosen]

    def pages(self) -> Iterator[PageRef]:
        seen: set[tuple[str, str]] = set()
        for group in self._groups:
            for place in group.places:
                key = (place.page.origin, place.page.id)
                if key not in seen:
                    seen.add(key)
                    yield place.page

    def matches(self, page_filter: Callable[[PageRef], bool] | None = None
                ) -> dict[tuple[str, str], list[list[Match]]]:
        """Every page's recycled paragraphs: {(origin, page id): [matches of one paragraph]}.

        `page_filter(page)` chooses the pages to annotate (all by default)."""
        out: dict[tuple[str, str], list[list[Match]]] = {}
        for group in self._groups:
            for place in group.places:
                if page_filter is not None and not page_filter(place.page):
                    continue
                found = self.lookup(place.page, place.paragraph)
                if found:
                    out.setdefault((place.page.origin, place.page.id), []).append(found)
        return out


def days_between(here: str | None, there: str | None) -> int | None:
    """Days from `there` to `here` (positive: `there` is earlier); None when a date is unknown."""
    import datetime as dt

    if not here or not there:
        return None
    try:
        return (dt.date.fromisoformat(here[:10]) - dt.date.fromisoformat(there[:10])).days
    except ValueError:
        return None


def when_text(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return "the same day"
    unit = "day" if abs(days) == 1 else "days"
    return f"{abs(days)} {unit} {'earlier' if days > 0 else 'later'}"


def describe(match: Match) -> dict[str, Any]:
    """The other place as annotations and the history list it (JSON)."""
    other = match.other
    days = days_between(match.place.page.date, other.page.date)
    return {
        "origin": other.page.origin,
        "page": other.page.id,
        "url": other.page.url,
        "site": other.page.site,
        "title": other.page.title,
        "date": other.page.date,
        "days_earlier": days,
        "when": when_text(days),
        "block": other.paragraph.block,
        "paragraph": other.paragraph.ordinal,
        "start": other.paragraph.start,
        "end": other.paragraph.end,
        "score": round(match.score, 3),
        "match": match.rule.split(".", 1)[1],
    }


def _where(place: dict[str, Any]) -> str:
    site = place["site"] or "another page"
    when = f", {place['when']}" if place["when"] else ""
    return f"{site} (paragraph {place['paragraph']}){when}"


def annotation(found: list[Match]) -> dict[str, Any]:
    """One `recycled` annotation (API JSON) for a paragraph found on other pages.

    The other places are in `evidence.appears_on`, not in `related`: `related` places are
    blocks of this page, and readers of the contract rely on that."""
    first = found[0]
    places = [describe(m) for m in found]
    here = first.place.paragraph
    verb = {"recycled.exact": "word for word", "recycled.near": "nearly word for word",
            "recycled.retelling": "re-told in other words"}[first.rule]
    message = f"Paragraph {here.ordinal} also appears {verb} on {_where(places[0])}"
    if len(places) > 1:
        message += f", and on {len(places) - 1} more page{'s' if len(places) > 2 else ''}"
    earlier = [p for p in places if p["days_earlier"] is not None and p["days_earlier"] > 0]
    return {
        "id": "",
        "type": "recycled",
        "rule": first.rule,
        # The later copy is the suspect; the original only learns where it was reused.
        "severity": "warning" if earlier or all(p["days_earlier"] is None for p in places)
        else "info",
        "block": here.block,
        "start": here.start,
        "end": here.end,
        "related": [],
        "score": round(first.score, 3),
        "message": message + ".",
        "evidence": {"appears_on": places},
    }
