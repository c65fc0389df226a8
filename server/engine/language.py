"""Which language a page is in, for pages that do not say and pages that say wrongly.

The engine only needs "English or not", but the old cheap guess (the share of English
function words, about 40 % of English prose) fails exactly where pages are not prose:
a recipe, a fact sheet or a product page of bullet points has few "the"s and "of"s and
was declared "not English". A language identifier reads character n-grams instead, and
n-grams survive lists and headings. py3langid (langid.py's maintained fork, its
naive-Bayes model shipped in the wheel, 97 languages, nothing downloaded) does that in
about a millisecond a page.

How the reading and the page's declaration combine (`decide`):

- the text reads as English → English, whatever the markup says (templates declare
  `lang="en"` on pages written in anything, and the other way round);
- the page declares English and its body is still *mostly* English (more than half
  of its words in blocks that read as English by themselves, or enough English function
  words) → English: a list-heavy English page is English;
- the text confidently reads as another language → that language;
- otherwise the declared language, else "und" (undetermined, as BCP 47 says).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from spacy.lang.en.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from .page import Page

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Share of English function words above which a text is taken to be English.
ENGLISH_STOPWORD_SHARE = 0.2
#: Words needed before the guess means anything.
MIN_WORDS = 8
#: Characters read from the page: identification does not get better past a few pages.
SAMPLE_CHARS = 20_000
#: Probability (normalised over the model's languages) above which a reading is trusted.
CONFIDENT = 0.9
#: Blocks this short tell nothing by themselves when weighing a page's words by block.
MIN_BLOCK_WORDS = 3
#: Share of a page's words in English blocks that makes a page declared English, English.
MOSTLY = 0.5


def primary_subtag(tag: str | None) -> str | None:
    """'en-GB' → 'en'; the engine only distinguishes languages, not regions."""
    if not tag:
        return None
    primary = tag.strip().split("-")[0].split("_")[0].lower()
    # A template's placeholder ("lang=", "{{locale}}") is no language at all.
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


@cache
def _identifier() -> Any:
    """py3langid's identifier with normalised probabilities (loaded once, ~0.3 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load() -> None:
    """Load the identifier now: a server does it at start, so that the first page is not
    the one that pays for it (a second or more on a busy machine, enough to run past a
    short analysis deadline)."""
    _identifier()


def identify(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of `text` by py3langid."""
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return str(code), float(probability)


def _sample(texts: list[str]) -> tuple[str, int]:
    """The page's text up to SAMPLE_CHARS, and how many words it has."""
    kept: list[str] = []
    size = 0
    for text in texts:
        kept.append(text)
        size += len(text) + 1
        if size >= SAMPLE_CHARS:
            break
    sample = "\n".join(kept)[:SAMPLE_CHARS]
    return sample, len(_WORD.findall(sample))


def stopword_share(text: str) -> float:
    """Share of the words of `text` that are English function words."""
    words = _WORD.findall(text)
    return sum(1 for w in words if w.lower() in STOP_WORDS) / len(words) if words else 0.0


def english_share(texts: list[str]) -> float:
    """Share of the page's words that sit in blocks which read as English on their own
    (by the identifier or by their function words); blocks too short to tell are left out."""
    english = total = 0
    size = 0
    for text in texts:
        words = len(_WORD.findall(text))
        if words < MIN_BLOCK_WORDS:
            continue
        total += words
        if stopword_share(text) >= ENGLISH_STOPWORD_SHARE or identify(text)[0] == "en":
            english += words
        size += len(text)
        if size >= SAMPLE_CHARS:
            break
    return english / total if total else 0.0


def guess(texts: list[str]) -> str | None:
    """The language the page's text reads as ('en', 'de', ...), 'und' when the identifier
    is unsure, None when there are too few words to tell."""
    sample, words = _sample(texts)
    if words < MIN_WORDS:
        return None
    code, probability = identify(sample)
    if code == "en" or probability >= CONFIDENT:
        return code
    return "und"


def decide(declared: str | None, texts: list[str]) -> str | None:
    """The page's language from its declared tag and its text (see the module's doc)."""
    tag = primary_subtag(declared)
    reading = guess(texts)
    if reading is None:
        return tag
    if reading == "en":
        return "en"
    if tag == "en" and english_share(texts) > MOSTLY:
        return "en"
    if reading != "und":
        return reading
    return tag if tag not in (None, "en") else "und"


def is_english(page: Page) -> bool:
    """Undetermined pages (too short to tell) are read as English, the engine's language."""
    return page.language in (None, "en")
