"""Words inside a sentence that trafilatura's clean-up would delete with their element.

trafilatura deletes every `<time>` element whole before it looks for the article
(`MANUALLY_CLEANED`): right for a byline's date box, wrong for a CMS that marks the dates
of its sentences, where "voted on <time>November 8</time>, ending …" reached the engine as
"voted on , ending …". The date checks then see no date where the reader sees one, and a
re-telling that gives another date is no conflict. Such an element is unwrapped first,
so its words stay in their sentence; one that stands alone (a byline's date, "Posted
<time>…</time>" at the end of a line) is left to trafilatura, as before. Unwrapped too is
a recipe's time, marked as a duration in schema.org's terms ("<time itemprop=cookTime>15 –
30 Min</time>" under "Backzeit"): it is the recipe's text, not the page's date. The
extension reads these words already: Readability keeps a `<time>`'s text.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

#: Elements trafilatura deletes whole that a sentence may hold as its own words.
_INLINE_DELETED = ("time",)

#: schema.org's duration properties of a recipe's or a how-to's times (not a video's
#: `duration`: a player's "3:45" is no text of the article).
_DURATIONS = frozenset({"preptime", "cooktime", "totaltime", "performtime", "timerequired"})
#: A word right before the element ("on ", "am ", "le "): it continues a sentence.
_WORD_BEFORE = re.compile(r"\w[\s\u00a0]*$")
#: What follows it in the sentence: a word or the sentence's own punctuation.
_SENTENCE_GOES_ON = re.compile(r"^[\s\u00a0]*[\w,.;:!?)\]»”’'\"–—-]")


def keep_words_in_sentences(tree: HtmlElement) -> int:
    """Unwrap each `<time>` that sits between words of its sentence, or gives a duration;
    how many were.

    Both sides of the element are asked: "on <time>Nov 8</time>." is inside a sentence;
    "Erfolge. <time>31.01.2022</time>" at the end of a teaser, or a date alone in its
    box, is not, and trafilatura goes on deleting it."""
    inside = [element for element in tree.iter(*_INLINE_DELETED)
              if _in_a_sentence(element) or _is_duration(element)]
    for element in inside:
        element.drop_tag()  # its text and tail stay where they were
    return len(inside)


def _in_a_sentence(element: HtmlElement) -> bool:
    previous = element.getprevious()
    parent = element.getparent()
    if parent is None:
        return False
    if previous is None:
        before = parent.text
    else:
        # The word before may sit in an inline sibling ("Signed <b>on</b> <time>…"); a
        # comment or processing instruction between them holds no words.
        own = previous.text_content() if isinstance(previous.tag, str) else ""
        before = own + (previous.tail or "")
    return bool(_WORD_BEFORE.search(before or "")
                and _SENTENCE_GOES_ON.search(element.tail or "")
                and (element.text_content() or "").strip())


def _is_duration(element: HtmlElement) -> bool:
    # itemprop holds a list of names ("cookTime totalTime").
    return bool(_DURATIONS.intersection((element.get("itemprop") or "").lower().split())
                and (element.text_content() or "").strip())
