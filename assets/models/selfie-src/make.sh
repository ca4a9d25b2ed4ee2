#!/usr/bin/env bash
# Reproduces assets/models/selfie_segmentation.onnx from its source package on the Python
# registry. Needs python3 (a throwaway virtualenv gets the converter and TensorFlow).
#
# The mediapipe 0.10.14 wheel (Apache-2.0) ships Google's selfie segmentation model
# (256×256 "general" variant) as mediapipe/modules/selfie_segmentation/selfie_segmentation.tflite.
# tf2onnx 1.16.1 converts it at opset 14 (HardSwish) except one MediaPipe custom operator,
# Convolution2DTransposeBias (a 2×2, stride-2 transposed convolution plus bias, 16 → 1
# channels, the last layer); fix_transpose_conv.py replaces it with the standard ONNX
# ConvTranspose between two transposes. Input NHWC 1×256×256×3 in [0, 1]; output the person
# probability, 1×256×256×1. Checked here against MediaPipe's own runtime (its ImageSegmenter
# on the same 256×256 input): largest difference 2.3e-5.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 -m venv venv
venv/bin/pip install --quiet tf2onnx==1.16.1 tensorflow-cpu==2.15.1 numpy==1.26.4 onnx==1.17.0
venv/bin/pip download --quiet --no-deps mediapipe==0.10.14 --python-version 3.11 \
  --platform manylinux_2_17_x86_64 --only-binary=:all: -d .
python3 -m zipfile -e mediapipe-0.10.14-*.whl pkg
venv/bin/python -m tf2onnx.convert --opset 14 \
  --tflite pkg/mediapipe/modules/selfie_segmentation/selfie_segmentation.tflite --output raw.onnx
venv/bin/python "$here/fix_transpose_conv.py" raw.onnx "$here/../selfie_segmentation.onnx"
sha256sum "$here/../selfie_segmentation.onnx"
