"""Give every ConstantOfShape node without a `value` attribute the spec's default
(a one-element float32 tensor holding 0), so tract-onnx can type the graph."""
import sys

import onnx
from onnx import TensorProto, helper

src, dst = sys.argv[1], sys.argv[2]
model = onnx.load(src)
fixed = 0
for node in model.graph.node:
    if node.op_type == "ConstantOfShape" and not any(a.name == "value" for a in node.attribute):
        node.attribute.append(
            helper.make_attribute("value", helper.make_tensor("value", TensorProto.FLOAT, [1], [0.0]))
        )
        fixed += 1
onnx.checker.check_model(model)
onnx.save(model, dst)
print(f"{fixed} ConstantOfShape nodes given an explicit float32 zero")
