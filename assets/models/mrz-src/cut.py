"""Cuts PP-OCRv6's text-recognition model to the 37 characters of a passport's MRZ.

PP-OCRv6_rec_small.onnx (in the rapidocr 3.10.0 wheel on PyPI, Apache-2.0; weights by
Baidu / PaddleOCR) ends in a linear layer over 18 710 classes: CTC's blank, 18 708
characters and a space. Only the blank and `<0-9A-Z` are kept (column order: blank, then
ALPHABET); the softmax then spreads over these 38 only. 21.2 MB -> 12.1 MB. Then every
float weight is stored at half precision, each followed by a Cast back to float32 (Hane
widens them as it loads the model, crates/hane-scan/src/ocr.rs; tract computes in float32 as
before): 12.1 -> 6.1 MB. On 600 synthetic passport pages the same pages were read exactly,
the misses were the same to the character, and the counts the same, as with float32 weights
(crates/hane-scan/examples/mrz_eval.rs, issue #21).

Run by make.sh; usage: python cut.py SOURCE.onnx OUT.onnx
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ALPHABET = "<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

src, dst = sys.argv[1], sys.argv[2]
m = onnx.load(src)
chars = {p.key: p.value for p in m.metadata_props}["character"].split("\n")
# Class 0 is CTC's blank; class i + 1 is chars[i].
keep = [0] + [chars.index(c) + 1 for c in ALPHABET]
for init in m.graph.initializer:
    if init.name in ("linear_8.w_0", "linear_8.b_0"):
        a = numpy_helper.to_array(init)
        a = a[..., keep] if a.ndim == 2 else a[keep]
        init.CopyFrom(numpy_helper.from_array(np.ascontiguousarray(a), init.name))
del m.metadata_props[:]
p = m.metadata_props.add()
p.key, p.value = "alphabet", ALPHABET
m.graph.output[0].type.tensor_type.shape.dim[2].dim_value = len(keep)
# Shapes recorded for intermediate values name the converter's symbols (batch, width),
# which tract cannot unify with a fixed input, and the cut layer's width is wrong in them:
# dropped; every runtime infers them again.
del m.graph.value_info[:]
# Half-precision storage: weights of 16 values or more (shapes and indices stay as they are).
casts, inits = [], []
for init in m.graph.initializer:
    a = numpy_helper.to_array(init)
    if a.dtype == np.float32 and a.size >= 16:
        half = init.name + "__f16"
        inits.append(numpy_helper.from_array(a.astype(np.float16), half))
        casts.append(helper.make_node("Cast", [half], [init.name], to=TensorProto.FLOAT))
    else:
        inits.append(init)
del m.graph.initializer[:]
m.graph.initializer.extend(inits)
nodes = casts + list(m.graph.node)
del m.graph.node[:]
m.graph.node.extend(nodes)
onnx.checker.check_model(m)
onnx.save(m, dst)
print(dst, len(keep), "classes")
