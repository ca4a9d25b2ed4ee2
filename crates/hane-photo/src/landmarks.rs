//! Eye landmarks for the biometric photo (issue #5): MediaPipe's BlazeFace detector
//! (Apache-2.0; the 256×256 "back camera" variant, which also finds faces that fill only a
//! small part of a phone photo) run in pure Rust with `tract-onnx`. The model is compiled in
//! (`assets/models/blazeface_back_256.onnx`, made by `assets/models/blazeface-src/make.sh`).
//!
//! BlazeFace gives, per face, a box and six key points: both eyes, nose tip, mouth centre and
//! both ear tragions. Hane uses the eyes for the eye-line check, the head's roll and the
//! automatic straightening; the face box for the crop still comes from the SeetaFace detector
//! the checks were calibrated with.
//!
//! Whether the eyes are open comes from a second MediaPipe model, the iris landmark model
//! (Apache-2.0; `assets/models/iris_landmark.onnx`, made by `assets/models/iris-src/make.sh`):
//! on a 64×64 patch around each eye it traces the upper and lower eyelid, and their distance
//! against the eye's width says open or closed ([`eye_openness`]).

use std::sync::OnceLock;

use image::RgbImage;
use serde::Serialize;
use tract_onnx::prelude::*;

const MODEL: &[u8] = include_bytes!("../../../assets/models/blazeface_back_256.onnx");
const IRIS_MODEL: &[u8] = include_bytes!("../../../assets/models/iris_landmark.onnx");
/// The iris model's square input side.
const IRIS_SIDE: usize = 64;
/// The patch around an eye, as a share of the distance between the eyes. MediaPipe crops
/// 2.3 × the eye's corner-to-corner width, which is about 0.45 of that distance; measured on
/// the test portraits, the open/closed reading stays the same from 0.9 to 1.3.
const EYE_PATCH_OF_EYE_DISTANCE: f32 = 1.0;
/// The model's square input side.
const SIDE: usize = 256;
/// Detections below this confidence are dropped (MediaPipe's default for this model is 0.5;
/// a passport photo is an easy case, so Hane asks for more).
const MIN_SCORE: f32 = 0.6;
/// Boxes overlapping more than this (intersection over union) are the same face.
const SAME_FACE_IOU: f32 = 0.3;

/// One face, in the coordinates of the image passed to [`detect`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FaceLandmarks {
    pub score: f32,
    /// Box centre and size.
    pub cx: f32,
    pub cy: f32,
    pub width: f32,
    pub height: f32,
    /// The eye on the image's left (the person's right eye in a frontal photo) and the one
    /// on the image's right.
    pub eye_left: [f32; 2],
    pub eye_right: [f32; 2],
    pub nose: [f32; 2],
    pub mouth: [f32; 2],
}

impl FaceLandmarks {
    /// The same face in an image `factor` times larger.
    pub fn scaled(&self, factor: f32) -> FaceLandmarks {
        let p = |q: [f32; 2]| [q[0] * factor, q[1] * factor];
        FaceLandmarks {
            score: self.score,
            cx: self.cx * factor,
            cy: self.cy * factor,
            width: self.width * factor,
            height: self.height * factor,
            eye_left: p(self.eye_left),
            eye_right: p(self.eye_right),
            nose: p(self.nose),
            mouth: p(self.mouth),
        }
    }

    /// Midpoint of the eyes.
    pub fn eye_centre(&self) -> [f32; 2] {
        [
            (self.eye_left[0] + self.eye_right[0]) / 2.0,
            (self.eye_left[1] + self.eye_right[1]) / 2.0,
        ]
    }

    /// The eye line's angle in degrees, clockwise on screen (positive when the eye on the
    /// image's right sits lower).
    pub fn roll_degrees(&self) -> f32 {
        (self.eye_right[1] - self.eye_left[1])
            .atan2(self.eye_right[0] - self.eye_left[0])
            .to_degrees()
    }

    fn iou(&self, other: &FaceLandmarks) -> f32 {
        let overlap = |c1: f32, s1: f32, c2: f32, s2: f32| {
            ((c1 + s1 / 2.0).min(c2 + s2 / 2.0) - (c1 - s1 / 2.0).max(c2 - s2 / 2.0)).max(0.0)
        };
        let inter = overlap(self.cx, self.width, other.cx, other.width)
            * overlap(self.cy, self.height, other.cy, other.height);
        let union = self.width * self.height + other.width * other.height - inter;
        if union > 0.0 {
            inter / union
        } else {
            0.0
        }
    }
}

/// An ONNX model optimised for one input shape, ready to run.
pub(crate) type Model = std::sync::Arc<TypedRunnableModel>;

/// Parses and optimises an ONNX model for a fixed input shape (`None` if it cannot).
pub(crate) fn load(bytes: &[u8], input: [usize; 4]) -> Option<Model> {
    tract_onnx::onnx()
        .model_for_read(&mut std::io::Cursor::new(bytes))
        .and_then(|m| {
            m.with_input_fact(0, f32::fact(input).into())?
                .into_optimized()?
                .into_runnable()
        })
        .ok()
}

/// Loaded and optimised once per process (about 50 ms), then shared.
fn model() -> Option<&'static Model> {
    static MODEL_PLAN: OnceLock<Option<Model>> = OnceLock::new();
    MODEL_PLAN
        .get_or_init(|| load(MODEL, [1, SIDE, SIDE, 3]))
        .as_ref()
}

fn iris_model() -> Option<&'static Model> {
    static IRIS_PLAN: OnceLock<Option<Model>> = OnceLock::new();
    IRIS_PLAN
        .get_or_init(|| load(IRIS_MODEL, [1, 3, IRIS_SIDE, IRIS_SIDE]))
        .as_ref()
}

/// Bilinear sample of `image` at (`x`, `y`), edges clamped.
pub(crate) fn sample(image: &RgbImage, x: f32, y: f32) -> [f32; 3] {
    let (w, h) = image.dimensions();
    let x = x.clamp(0.0, (w - 1) as f32);
    let y = y.clamp(0.0, (h - 1) as f32);
    let (x0, y0) = (x.floor() as u32, y.floor() as u32);
    let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let px = |x, y| image.get_pixel(x, y).0;
    let (a, b, c, d) = (px(x0, y0), px(x1, y0), px(x0, y1), px(x1, y1));
    std::array::from_fn(|k| {
        let top = a[k] as f32 * (1.0 - fx) + b[k] as f32 * fx;
        let bottom = c[k] as f32 * (1.0 - fx) + d[k] as f32 * fx;
        top * (1.0 - fy) + bottom * fy
    })
}

/// How open each eye of `face` is (the eye on the image's left first), measured in
/// `image`, which must be the image `face`'s coordinates refer to; see [`eye_openness`].
pub fn eyes_openness(image: &RgbImage, face: &FaceLandmarks) -> Option<[f32; 2]> {
    Some([
        eye_openness(image, face.eye_left, face.eye_right, false)?,
        eye_openness(image, face.eye_right, face.eye_left, true)?,
    ])
}

/// How open the eye at `eye` is: the widest gap between the upper and lower eyelid, as a
/// share of the eye's corner-to-corner width (0.20–0.39 for open eyes on the test
/// portraits, a broad smile lowest; 0.02–0.04 for eyes painted shut). `toward` is the
/// other eye: the patch is turned so the eye line is level. `mirror` is for the eye on the
/// image's right, since the model was trained on the other eye (MediaPipe mirrors it too).
/// `None` when the model cannot run or the eye has no width.
fn eye_openness(image: &RgbImage, eye: [f32; 2], toward: [f32; 2], mirror: bool) -> Option<f32> {
    let (w, h) = image.dimensions();
    let model = iris_model()?;
    let (dx, dy) = (toward[0] - eye[0], toward[1] - eye[1]);
    let distance = (dx * dx + dy * dy).sqrt();
    if w == 0 || h == 0 || distance < 1.0 {
        return None;
    }
    // The patch's x axis points from this eye to the other one: for the eye on the image's
    // left that is the eye line itself, for the other eye it is the mirror image MediaPipe
    // feeds the model. Its y axis points down on screen in both cases.
    let along = [dx / distance, dy / distance];
    let sign = if mirror { -1.0 } else { 1.0 };
    let across = [-along[1] * sign, along[0] * sign];
    let side = distance * EYE_PATCH_OF_EYE_DISTANCE;
    let step = side / IRIS_SIDE as f32;
    let mut input = tract_ndarray::Array4::<f32>::zeros((1, 3, IRIS_SIDE, IRIS_SIDE));
    for v in 0..IRIS_SIDE {
        let b = (v as f32 + 0.5) * step - side / 2.0;
        for u in 0..IRIS_SIDE {
            let a = (u as f32 + 0.5) * step - side / 2.0;
            let p = sample(
                image,
                eye[0] + a * along[0] + b * across[0],
                eye[1] + a * along[1] + b * across[1],
            );
            for (c, value) in p.iter().enumerate() {
                input[[0, c, v, u]] = value / 255.0;
            }
        }
    }
    let outputs = model.run(tvec!(Tensor::from(input).into())).ok()?;
    let contour = outputs.first()?.to_plain_array_view::<f32>().ok()?;
    let contour = contour.as_slice()?;
    // 71 points of (x, y, z): the lower lid from corner to corner (0–8), then the upper lid
    // without the corners (9–15), then rings around the eye.
    let point = |i: usize| contour.get(i * 3..i * 3 + 2).map(|p| [p[0], p[1]]);
    let (first, last) = (point(0)?, point(8)?);
    let width = ((last[0] - first[0]).powi(2) + (last[1] - first[1]).powi(2)).sqrt();
    if width <= 0.0 {
        return None;
    }
    let gap = (0..7)
        .filter_map(|i| Some((point(9 + i)?[1] - point(1 + i)?[1]).abs()))
        .fold(0.0f32, f32::max);
    Some(gap / width)
}

/// Faces with their landmarks, best first. The image is scaled to fit the model's square
/// input (padded below or to the right), so any aspect ratio works; a thumbnail of about
/// 640 px is plenty. An empty list when no face is found or the model cannot run.
pub fn detect(image: &RgbImage) -> Vec<FaceLandmarks> {
    let (w, h) = image.dimensions();
    if w == 0 || h == 0 {
        return Vec::new();
    }
    let Some(model) = model() else {
        return Vec::new();
    };
    let scale = SIDE as f32 / w.max(h) as f32;
    let (tw, th) = (
        ((w as f32 * scale).round() as u32).clamp(1, SIDE as u32),
        ((h as f32 * scale).round() as u32).clamp(1, SIDE as u32),
    );
    let small = image::imageops::resize(image, tw, th, image::imageops::FilterType::Triangle);
    // NHWC in [-1, 1], black padding (what MediaPipe feeds this model).
    let mut input = tract_ndarray::Array4::<f32>::from_elem((1, SIDE, SIDE, 3), -1.0);
    for (x, y, p) in small.enumerate_pixels() {
        for c in 0..3 {
            input[[0, y as usize, x as usize, c]] = p.0[c] as f32 / 127.5 - 1.0;
        }
    }
    let Ok(outputs) = model.run(tvec!(Tensor::from(input).into())) else {
        return Vec::new();
    };
    // Outputs: scores and regressors of two anchor grids — 16×16 cells with 2 anchors each,
    // then 8×8 cells with 6 — in the order the graph lists them.
    let view = |i: usize| {
        outputs
            .get(i)
            .and_then(|t| t.to_plain_array_view::<f32>().ok())
    };
    let (Some(s1), Some(s2), Some(r1), Some(r2)) = (view(0), view(1), view(2), view(3)) else {
        return Vec::new();
    };
    let to_image = 1.0 / scale;
    let mut found = Vec::new();
    for (scores, regressors, cells, per_cell) in [(s1, r1, 16usize, 2usize), (s2, r2, 8, 6)] {
        let scores = scores.as_slice().unwrap_or(&[]);
        let regressors = regressors.as_slice().unwrap_or(&[]);
        for (i, &logit) in scores.iter().enumerate() {
            let score = 1.0 / (1.0 + (-logit).exp());
            if score < MIN_SCORE || regressors.len() < (i + 1) * 16 {
                continue;
            }
            let cell = i / per_cell;
            let anchor = [
                ((cell % cells) as f32 + 0.5) / cells as f32 * SIDE as f32,
                ((cell / cells) as f32 + 0.5) / cells as f32 * SIDE as f32,
            ];
            let r = &regressors[i * 16..(i + 1) * 16];
            let point = |k: usize| {
                [
                    (anchor[0] + r[4 + 2 * k]) * to_image,
                    (anchor[1] + r[5 + 2 * k]) * to_image,
                ]
            };
            let (a, b) = (point(0), point(1));
            let (eye_left, eye_right) = if a[0] <= b[0] { (a, b) } else { (b, a) };
            found.push(FaceLandmarks {
                score,
                cx: (anchor[0] + r[0]) * to_image,
                cy: (anchor[1] + r[1]) * to_image,
                width: r[2] * to_image,
                height: r[3] * to_image,
                eye_left,
                eye_right,
                nose: point(2),
                mouth: point(3),
            });
        }
    }
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut faces: Vec<FaceLandmarks> = Vec::new();
    for f in found {
        if faces.iter().all(|kept| kept.iou(&f) < SAME_FACE_IOU) {
            faces.push(f);
        }
    }
    faces
}
