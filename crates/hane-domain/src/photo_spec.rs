//! The biometric photo's spec as data (000 B.4.1 and the standards it implies) and the
//! crop the user adjusts: what storage persists and what the photo crate measures against.

use serde::{Deserialize, Serialize};

/// The photo spec as data, with where each number comes from.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhotoSpec {
    /// Turkey's biometric photo is 50 × 60 mm (Nüfus ve Vatandaşlık İşleri's published
    /// format for ID/residence documents).
    pub width_mm: f32,
    pub height_mm: f32,
    /// Chin to crown. Published figures for the 50×60 format range 32–36 mm; Hane aims at
    /// the middle and accepts the range.
    pub head_min_mm: f32,
    pub head_max_mm: f32,
    pub head_target_mm: f32,
    /// Space above the crown, so the head sits high like ICAO 9303's examples (the eye line
    /// then falls in ISO/IEC 19794-5's band, about 50–70% of the height from the bottom).
    pub top_margin_mm: f32,
    /// 300 dpi at 50×60 mm; never upscaled to get there.
    pub min_width_px: u32,
    pub min_height_px: u32,
    /// Eye line between these shares of the height, measured from the bottom (ISO/IEC
    /// 19794-5 full-frontal geometry; ICAO 9303 part 3 shows the same band).
    pub eye_line_min: f32,
    pub eye_line_max: f32,
    /// Head roll (eye line against the horizontal) tolerated in the output: ±8° (ISO/IEC
    /// 19794-5 pose tolerance).
    pub max_roll_degrees: f32,
    /// Eyes open (ISO/IEC 19794-5 and ICAO 9303 part 3: eyes open and clearly visible):
    /// the eyelid gap over the eye's width, for each eye. Hane's own threshold, calibrated on
    /// the test portraits: open eyes measured 0.20–0.39 (0.20 is a broad smile, which
    /// narrows them), eyes painted shut 0.02–0.04; the threshold leaves room on both sides.
    pub min_eye_openness: f32,
    /// Hane straightens a tilted head automatically up to this angle (its own choice: a
    /// stronger tilt is a pose problem to fix by taking the photo again, not by turning it).
    pub max_auto_straighten_degrees: f32,
    /// The portal's limit (000 B.4.1: "en fazla 2 MB"), read as 2,000,000 bytes: whether
    /// the portal means 10^6 or 2^20 bytes per MB is not said, and the smaller passes both.
    pub max_bytes: usize,
    /// Taken in the last 6 months (000 B.4.1).
    pub max_age_months: u32,
}

pub const SPEC: PhotoSpec = PhotoSpec {
    width_mm: 50.0,
    height_mm: 60.0,
    head_min_mm: 32.0,
    head_max_mm: 36.0,
    head_target_mm: 34.0,
    top_margin_mm: 6.0,
    min_width_px: 591,
    min_height_px: 709,
    eye_line_min: 0.5,
    eye_line_max: 0.7,
    max_roll_degrees: 8.0,
    min_eye_openness: 0.12,
    max_auto_straighten_degrees: 10.0,
    max_bytes: 2_000_000,
    max_age_months: 6,
};

/// The crop in source pixels: centre, height (width follows the 50:60 ratio), rotation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Crop {
    pub cx: f32,
    pub cy: f32,
    pub height: f32,
    /// Clockwise degrees the photo is turned before cropping (manual straightening).
    #[serde(default)]
    pub rotation: f32,
}

impl Crop {
    pub fn width(&self) -> f32 {
        self.height * SPEC.width_mm / SPEC.height_mm
    }
}
