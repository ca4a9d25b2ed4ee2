# Replaces the MediaPipe custom operator Convolution2DTransposeBias (left unconverted by
# tf2onnx) with ONNX ConvTranspose: TFLite keeps the weights OHWI and tensors NHWC, ONNX wants
# (C_in, C_out, kH, kW) and NCHW. Used by make.sh.
import sys, onnx, numpy as np
from onnx import helper, numpy_helper
m = onnx.load(sys.argv[1])
g = m.graph
inits = {i.name: i for i in g.initializer}
idx, node = next((i, n) for i, n in enumerate(g.node) if n.op_type == "TFL_Convolution2DTransposeBias")
x, w, b = node.input
wt = numpy_helper.to_array(inits[w])            # OHWI (TFLite)
wo = np.ascontiguousarray(wt.transpose(3, 0, 1, 2))  # -> (C_in, C_out, kH, kW)
g.initializer.append(numpy_helper.from_array(wo.astype(np.float32), "segment_W"))
g.initializer.append(numpy_helper.from_array(numpy_helper.to_array(inits[b]).astype(np.float32), "segment_B"))
new = [
    helper.make_node("Transpose", [x], ["segment_nchw_in"], perm=[0, 3, 1, 2], name="segment_in"),
    helper.make_node("ConvTranspose", ["segment_nchw_in", "segment_W", "segment_B"], ["segment_nchw"],
                     kernel_shape=[2, 2], strides=[2, 2], name="segment_deconv"),
    helper.make_node("Transpose", ["segment_nchw"], [node.output[0]], perm=[0, 2, 3, 1], name="segment_out"),
]
del g.node[idx]
for k, n in enumerate(new):
    g.node.insert(idx + k, n)
keep = [o for o in m.opset_import if o.domain in ("", "ai.onnx")]
del m.opset_import[:]
m.opset_import.extend(keep)
onnx.checker.check_model(m)
onnx.save(m, sys.argv[2])
