"""Why the server and the extension read different paragraphs on the same page.

`newslint eval extraction` runs both on the same HTML (the server through trafilatura and
its block tracing, the extension through Readability.js and content/page.js in jsdom).
A page *differs* when some paragraph one side reads is not among the other side's (same
text after `normalise`, or rapidfuzz ratio >= 90). Counting such pages says how often;
this module says why, paragraph by paragraph, so that the extension's rules can be made
to agree with the server's where the server is right, and the comparison made fair where
the difference is only in how text is written down.

Paragraphs are matched one to one: a paragraph one side reads twice and the other once
has one match, and its second copy is read by one side only (a box read twice is the
main source of false "repeated" findings, so it must not count as alike).

Each paragraph read by one side only gets one class, the first that applies:

- `repeated`: the other side reads the same paragraph, but fewer times;
- `normalisation`: the other side has it too once case, white space and punctuation
  spacing are ignored ("Berlin / Potsdam" vs "Berlin/Potsdam");
- `split_merged`: it is part of a longer paragraph of the other side, or holds one (the
  two cut the same text into paragraphs differently);
- `boilerplate`: it holds one of the page's `without` snippets (expected.json): text the
  page's annotators say is not the article;
- `missed_article`: it holds one of the page's `with` snippets: article text the other
  side does not read;
- `heading`, `list_item`, `table_row`, `apparatus` (captions, bylines, datelines, pull
  quotes, the standfirst): by its kind on the side that read it;
- `other`: a paragraph neither rule explains.

Beside these, a page one side reads nothing on counts as `nothing_read` for that side.

"Differs on 72 % of pages" counts a page with one differing line among fifty as differing.
What a reader meets is nearer `alike`: of every paragraph (and every word) either side
reads, the share the other side reads too, pooled over all pages. And what a reader is
told is the findings: `findings_agreement` runs the engine over both sides' blocks and
compares the text each finding marks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from ..engine.analyze import analyze
from ..engine.page import Block, Page, Result
from ..pages.extract import page_from_html

#: Two paragraphs this alike (rapidfuzz ratio over normalised text) are the same paragraph.
SAME_PARAGRAPH = 90
#: Kinds of the article's apparatus (either side's name for them).
APPARATUS_KINDS = frozenset({"figcaption", "caption", "byline", "dateline", "pullquote",
                             "standfirst"})
CLASSES = ("repeated", "normalisation", "split_merged", "boilerplate", "missed_article", "heading",
           "list_item", "table_row", "apparatus", "other")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)

Blocks = list[tuple[str, str]]


def loose(text: str) -> str:
    """Text with case, white space and punctuation gone: what `normalisation` compares."""
    return _NOT_WORD.sub("", text.casefold())


def same(a: str, b: str) -> bool:
    """Whether two normalised paragraphs are the same paragraph."""
    return a == b or fuzz.ratio(a, b) >= SAME_PARAGRAPH


def shared(texts: list[str], others: list[str]) -> list[bool]:
    """For each of `texts`, whether it has its own match among `others` (`same`), each of
    `others` matching once: a multiset match, so that a paragraph read twice by one side
    and once by the other is alike once. Exact matches are taken first, so that a loose
    fuzzy match cannot use up the paragraph another text is exactly."""
    free = Counter(others)
    found = [False] * len(texts)
    for i, text in enumerate(texts):
        if free[text] > 0:
            free[text] -= 1
            found[i] = True
    left = list(free.elements())
    for i, text in enumerate(texts):
        if found[i]:
            continue
        match = next((k for k, other in enumerate(left) if same(text, other)), None)
        if match is not None:
            found[i] = True
            left.pop(match)
    return found


@dataclass(frozen=True)
class Read:
    """What one side reads of a page: its paragraphs and words, and of them those the
    other side reads too (one to one, see `shared`). Summed over pages by `+`."""

    paragraphs: int = 0
    shared: int = 0
    words: int = 0
    words_shared: int = 0

    def __add__(self, other: Read) -> Read:
        return Read(self.paragraphs + other.paragraphs, self.shared + other.shared,
                    self.words + other.words, self.words_shared + other.words_shared)


@dataclass
class Difference:
    """One paragraph read by one side only."""

    page: str
    side: str  # "server" | "extension"
    kind: str
    text: str
    why: str  # one of CLASSES; "" when the comparison was asked not to classify


@dataclass
class PageAgreement:
    """How one page's two readings compare."""

    page: str
    server_only: list[Difference] = field(default_factory=list)
    extension_only: list[Difference] = field(default_factory=list)
    server_share: float = 1.0  # of the server's paragraphs, the share the extension reads
    extension_share: float = 1.0
    #: What each side reads and shares with the other, pooled over pages by `alike`.
    server_read: Read = field(default_factory=Read)
    extension_read: Read = field(default_factory=Read)

    @property
    def agrees(self) -> bool:
        return not self.server_only and not self.extension_only


def _classify(kind: str, text: str, others: list[str], others_loose: list[str],
              with_: Iterable[str], without: Iterable[str]) -> str:
    if any(same(text, other) for other in others):
        return "repeated"  # it has a match, used up by another copy on this side
    flat = loose(text)
    if flat and any(flat == o or (len(flat) > 20 and same(flat, o)) for o in others_loose):
        return "normalisation"
    if len(flat) >= 12 and any((len(o) > len(flat) and flat in o)
                               or (len(o) >= 12 and len(o) < len(flat) and o in flat)
                               for o in others_loose):
        return "split_merged"
    if any(snippet and snippet in text for snippet in without):
        return "boilerplate"
    if any(snippet and snippet in text for snippet in with_):
        return "missed_article"
    if re.fullmatch(r"h[1-6]|title", kind):
        return "heading"
    if kind == "li":
        return "list_item"
    if kind == "tr":
        return "table_row"
    if kind in APPARATUS_KINDS:
        return "apparatus"
    return "other"


def _count_side(page: str, side: str, blocks: Blocks, others: list[str],
                with_: list[str], without: list[str], classify: bool
                ) -> tuple[Read, list[Difference]]:
    """One side's `Read` of a page against the other side's texts, and its paragraphs the
    other does not read (classed when `classify`)."""
    texts = [text for _, text in blocks]
    matched = shared(texts, others)
    others_loose = [loose(t) for t in others] if classify else []
    paragraphs = words = words_shared = 0
    differences = []
    for (kind, text), is_shared in zip(blocks, matched, strict=True):
        count = len(text.split())
        paragraphs += 1
        words += count
        if is_shared:
            words_shared += count
        else:
            why = _classify(kind, text, others, others_loose, with_, without) if classify else ""
            differences.append(Difference(page, side, kind, text, why))
    return Read(paragraphs, sum(matched), words, words_shared), differences


def compare_page(page: str, server: Blocks, extension: Blocks,
                 with_: Iterable[str] = (), without: Iterable[str] = (),
                 classify: bool = True) -> PageAgreement:
    """The paragraphs of `page` that only one side reads, each with why (see the module).

    Texts are expected normalised (`extraction.normalise`) and non-empty; snippets too.
    `classify=False` leaves `why` empty: for a comparison made only to count, the fuzzy
    matching of the classes is wasted work."""
    with_, without = list(with_), list(without)
    result = PageAgreement(page)
    a_texts = [t for _, t in server]
    b_texts = [t for _, t in extension]
    result.server_read, result.server_only = _count_side(
        page, "server", server, b_texts, with_, without, classify)
    result.extension_read, result.extension_only = _count_side(
        page, "extension", extension, a_texts, with_, without, classify)
    # A side that reads nothing shares nothing with the other.
    result.server_share = 1 - len(result.server_only) / len(server) if server else 0.0
    result.extension_share = 1 - len(result.extension_only) / len(extension) if extension else 0.0
    return result


def alike(pages: list[PageAgreement]) -> dict[str, float | None]:
    """Of all the paragraphs (and words) either side reads, over all `pages`, the share
    the other side reads too: (server's shared + extension's shared) / (server's +
    extension's). 1.0 is every paragraph read alike; a page where one side reads one
    extra caption among fifty paragraphs costs one paragraph, not the page."""
    total = Read()
    for page in pages:
        total = total + page.server_read + page.extension_read

    def share(shared_: int, both: int) -> float | None:
        return round(shared_ / both, 4) if both else None

    return {"paragraphs": share(total.shared, total.paragraphs),
            "words": share(total.words_shared, total.words)}


def summarise(pages: list[PageAgreement], nothing: dict[str, int]) -> dict[str, Any]:
    """Counts of the differing paragraphs by side and class, and pages by their main cause.

    A page "differs only by normalisation" when every paragraph read by one side only is
    of that class: the fair comparison counts it as agreeing."""
    by_class: dict[str, Counter[str]] = {"server": Counter(), "extension": Counter()}
    pages_by_class: dict[str, Counter[str]] = {"server": Counter(), "extension": Counter()}
    only_normalisation = 0
    for page in pages:
        for side, found in (("server", page.server_only), ("extension", page.extension_only)):
            for difference in found:
                by_class[side][difference.why] += 1
            for why in {d.why for d in found}:
                pages_by_class[side][why] += 1
        everything = page.server_only + page.extension_only
        if everything and all(d.why == "normalisation" for d in everything):
            only_normalisation += 1
    return {
        "paragraphs_only_in": {side: dict(counts.most_common())
                               for side, counts in by_class.items()},
        "pages_with": {side: dict(counts.most_common())
                       for side, counts in pages_by_class.items()},
        "nothing_read": nothing,
        "pages_differing_only_by_normalisation": only_normalisation,
    }


# --- findings: do the two paths mark the same text? -------------------------------------


def marked(result: Result) -> set[tuple[str, str]]:
    """(type, text marked) of every finding of an analysis `Result`: what a reader sees
    highlighted, whichever path numbered the blocks."""
    texts = {block.id: block.text for block in result.page.blocks}
    found = set()
    for annotation in result.annotations:
        text = texts.get(annotation.span.block, "")
        found.add((annotation.type, " ".join(text[annotation.span.start:annotation.span.end]
                                             .split())))
    return found


def findings_agreement(pages: list[tuple[str, str, str]],
                       extension: dict[str, Blocks]) -> dict[str, Any]:
    """For pages given as (name, html, url): the findings of the server's HTML path
    (`page_from_html`) against those of the same engine over the extension's blocks, as
    the marked text of each. A page agrees when both mark the same texts.

    The extension's page borrows the server's title, language and date, so that only the
    blocks differ. `findings` pools every page: how many findings each side makes, how
    many both make (same type, same marked text), and `alike`, both / either."""
    report: dict[str, Any] = {"pages": 0, "same_findings": 0, "by_page": {}, "crashes": []}
    pooled: Counter[str] = Counter()
    for name, html, url in pages:
        blocks = extension.get(name)
        if blocks is None:
            continue
        try:
            server_page = page_from_html(html, url=url or None)
            ext_page = Page(blocks=[Block(f"b{i}", kind, text) for i, (kind, text)
                                    in enumerate(blocks, 1)],
                            url=url or None, title=server_page.title,
                            language=server_page.language, published=server_page.published,
                            source="blocks")
            ours = marked(analyze(server_page, parallel=False))
            theirs = marked(analyze(ext_page, parallel=False))
        except Exception as exc:  # an evaluation reports a crash and goes on
            report["crashes"].append((name, f"{type(exc).__name__}: {exc}"))
            continue
        report["pages"] += 1
        report["same_findings"] += ours == theirs
        pooled.update(server=len(ours), extension=len(theirs), both=len(ours & theirs))
        report["by_page"][name] = {
            "server": len(ours), "extension": len(theirs), "both": len(ours & theirs),
            "server_only": sorted(ours - theirs), "extension_only": sorted(theirs - ours)}
    either = pooled["server"] + pooled["extension"] - pooled["both"]
    report["findings"] = {
        "server": pooled["server"], "extension": pooled["extension"], "both": pooled["both"],
        "server_only": pooled["server"] - pooled["both"],
        "extension_only": pooled["extension"] - pooled["both"],
        "alike": round(pooled["both"] / either, 4) if either else None}
    return report
