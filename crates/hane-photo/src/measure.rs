//! The head measured, not estimated (issue #16): MediaPipe's face mesh (468 points, for the
//! chin, eyes, mouth and pose) and its selfie segmentation (a person mask, for the crown —
//! the top of the hair — and for telling the real background and the skin from the wall).
//! Both models are Google's (Apache-2.0), converted to ONNX by the scripts beside them in
//! `assets/models/` and run with `tract-onnx`; nothing is downloaded.
//!
//! [`measure`] takes any RGB image (the photo, or the crop Hane rendered from it) and finds
//! the head from scratch: BlazeFace ([`crate::landmarks`]) for where the face is and how it
//! leans, then the mesh twice (the second time on the region the first mesh outlines, as
//! MediaPipe tracks a face, so the result does not follow the detector's jitter), then the
//! mask on an upright square around the head.

use std::sync::OnceLock;

use image::RgbImage;
use serde::Serialize;
use tract_onnx::prelude::*;

use crate::landmarks::{load, sample, FaceLandmarks, Model};

const MESH_MODEL: &[u8] = include_bytes!("../../../assets/models/face_landmark.onnx");
const SEGMENT_MODEL: &[u8] = include_bytes!("../../../assets/models/selfie_segmentation.onnx");
const MESH_SIDE: usize = 192;
const SEGMENT_SIDE: usize = 256;
/// MediaPipe's region around a face for the mesh: 1.5 × the face's size, square.
const MESH_ROI_SCALE: f32 = 1.5;
/// The mesh's face-presence score (a logit) above which the face counts (MediaPipe: 0.5
/// after the sigmoid).
const MIN_MESH_LOGIT: f32 = 0.0;
/// A mask value at or above this is the person.
const PERSON: f32 = 0.5;

/// Mesh point indices (MediaPipe's canonical face mesh).
pub mod point {
    pub const FOREHEAD_TOP: usize = 10;
    pub const CHIN: usize = 152;
    pub const NOSE_TIP: usize = 1;
    /// The face's outline at the cheekbones, on the image's left and right.
    pub const CHEEK_LEFT_EDGE: usize = 234;
    pub const CHEEK_RIGHT_EDGE: usize = 454;
    pub const LIP_UPPER_INNER: usize = 13;
    pub const LIP_LOWER_INNER: usize = 14;
    pub const MOUTH_LEFT: usize = 61;
    pub const MOUTH_RIGHT: usize = 291;
    /// Outer eye corners (MediaPipe turns its region by these).
    pub const EYE_LEFT_OUTER: usize = 33;
    pub const EYE_RIGHT_OUTER: usize = 263;
    /// The eye contours (16 points each), the eye on the image's left first.
    pub const EYE_LEFT: [usize; 16] = [
        33, 7, 163, 144, 145, 153, 154, 155, 133, 246, 161, 160, 159, 158, 157, 173,
    ];
    pub const EYE_RIGHT: [usize; 16] = [
        263, 249, 390, 373, 374, 380, 381, 382, 362, 466, 388, 387, 386, 385, 384, 398,
    ];
    /// Skin away from the eyes, brows, nose tip, mouth and hairline: forehead, cheeks,
    /// chin. The image's left half first, then the right half, then the middle.
    pub const SKIN_LEFT: [usize; 4] = [108, 50, 205, 123];
    pub const SKIN_RIGHT: [usize; 4] = [337, 280, 425, 352];
    pub const SKIN_MIDDLE: [usize; 3] = [151, 9, 199];
}

fn mesh_model() -> Option<&'static Model> {
    static PLAN: OnceLock<Option<Model>> = OnceLock::new();
    PLAN.get_or_init(|| load(MESH_MODEL, [1, 3, MESH_SIDE, MESH_SIDE]))
        .as_ref()
}

fn segment_model() -> Option<&'static Model> {
    static PLAN: OnceLock<Option<Model>> = OnceLock::new();
    PLAN.get_or_init(|| load(SEGMENT_MODEL, [1, SEGMENT_SIDE, SEGMENT_SIDE, 3]))
        .as_ref()
}

/// A square region of an image, turned by `angle` degrees (clockwise on screen), sampled
/// onto an `n`×`n` grid: grid (u, v) is `centre + (u − n/2)·step·along + (v − n/2)·step·across`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Region {
    centre: [f32; 2],
    side: f32,
    along: [f32; 2],
    across: [f32; 2],
}

impl Region {
    fn new(centre: [f32; 2], side: f32, angle_degrees: f32) -> Region {
        let (sin, cos) = angle_degrees.to_radians().sin_cos();
        Region {
            centre,
            side,
            along: [cos, sin],
            across: [-sin, cos],
        }
    }

    /// The image point at grid position (u, v) of an `n` grid (cell centres at +0.5).
    fn point_at(&self, n: usize, u: f32, v: f32) -> [f32; 2] {
        let step = self.side / n as f32;
        let a = u * step - self.side / 2.0;
        let b = v * step - self.side / 2.0;
        [
            self.centre[0] + a * self.along[0] + b * self.across[0],
            self.centre[1] + a * self.along[1] + b * self.across[1],
        ]
    }

    /// The region's pixels in [0, 1], channel-first or channel-last.
    fn tensor(&self, image: &RgbImage, n: usize, channels_first: bool) -> Tensor {
        let shape = if channels_first {
            (1, 3, n, n)
        } else {
            (1, n, n, 3)
        };
        let mut input = tract_ndarray::Array4::<f32>::zeros(shape);
        for v in 0..n {
            for u in 0..n {
                let [x, y] = self.point_at(n, u as f32 + 0.5, v as f32 + 0.5);
                let p = sample(image, x, y);
                for (c, value) in p.iter().enumerate() {
                    let at = if channels_first {
                        [0, c, v, u]
                    } else {
                        [0, v, u, c]
                    };
                    input[at] = value / 255.0;
                }
            }
        }
        input.into()
    }
}

/// The 468 mesh points of the face in `region` (x, y in image pixels, z in the same scale,
/// larger away from the camera), or `None` when the mesh finds no face there.
fn run_mesh(image: &RgbImage, region: &Region) -> Option<Vec<[f32; 3]>> {
    let model = mesh_model()?;
    let outputs = model
        .run(tvec!(region.tensor(image, MESH_SIDE, true).into()))
        .ok()?;
    let logit = *outputs
        .get(1)?
        .to_plain_array_view::<f32>()
        .ok()?
        .iter()
        .next()?;
    if logit < MIN_MESH_LOGIT {
        return None;
    }
    let raw = outputs.first()?.to_plain_array_view::<f32>().ok()?;
    let raw = raw.as_slice()?;
    if raw.len() < 468 * 3 {
        return None;
    }
    let step = region.side / MESH_SIDE as f32;
    Some(
        raw.chunks_exact(3)
            .take(468)
            .map(|p| {
                let [x, y] = region.point_at(MESH_SIDE, p[0], p[1]);
                [x, y, p[2] * step]
            })
            .collect(),
    )
}

/// The region MediaPipe derives from a mesh for the next look at the same face: the points'
/// extent in the frame of the eye line, 1.5 × its longer side.
fn region_of_mesh(mesh: &[[f32; 3]]) -> Region {
    let (l, r) = (mesh[point::EYE_LEFT_OUTER], mesh[point::EYE_RIGHT_OUTER]);
    let angle = (r[1] - l[1]).atan2(r[0] - l[0]).to_degrees();
    let frame = Region::new([0.0, 0.0], 1.0, angle);
    let (mut a0, mut a1, mut b0, mut b1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for p in mesh {
        let a = p[0] * frame.along[0] + p[1] * frame.along[1];
        let b = p[0] * frame.across[0] + p[1] * frame.across[1];
        (a0, a1, b0, b1) = (a0.min(a), a1.max(a), b0.min(b), b1.max(b));
    }
    let (a, b) = ((a0 + a1) / 2.0, (b0 + b1) / 2.0);
    Region::new(
        [
            a * frame.along[0] + b * frame.across[0],
            a * frame.along[1] + b * frame.across[1],
        ],
        (a1 - a0).max(b1 - b0) * MESH_ROI_SCALE,
        angle,
    )
}

/// The head as measured in one image, in that image's pixels.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Measured {
    /// The top of the head (hair included) and the bottom of the chin.
    pub crown: [f32; 2],
    pub chin: [f32; 2],
    /// Chin to crown along the face's own vertical (the eye line's perpendicular).
    pub head_height: f32,
    /// The centre of each eye (mean of its contour), the one on the image's left first.
    pub eye_left: [f32; 2],
    pub eye_right: [f32; 2],
    /// The eye line's angle, clockwise on screen, in degrees.
    pub roll: f32,
    /// Head turned left/right and tilted up/down, in degrees (see [`pose`]).
    pub yaw: f32,
    pub pitch: f32,
    /// The gap between the inner lips over the mouth's width.
    pub mouth_open: f32,
    /// Whether the mask reached the region's top edge above the head: the crown is then
    /// cut off by the photo's edge, and `crown` is only where the photo ends.
    pub crown_at_edge: bool,
    #[serde(skip)]
    pub mesh: Vec<[f32; 3]>,
    #[serde(skip)]
    pub mask: Mask,
}

/// The person mask on an upright square around the head.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mask {
    region: Option<Region>,
    values: Vec<f32>,
}

impl Mask {
    /// Whether the image point (x, y) is the person (false outside the measured square).
    pub fn person_at(&self, x: f32, y: f32) -> Option<bool> {
        let region = self.region?;
        let n = SEGMENT_SIDE as f32;
        let step = region.side / n;
        let (dx, dy) = (x - region.centre[0], y - region.centre[1]);
        let u = (dx * region.along[0] + dy * region.along[1]) / step + n / 2.0;
        let v = (dx * region.across[0] + dy * region.across[1]) / step + n / 2.0;
        if !(0.0..n).contains(&u) || !(0.0..n).contains(&v) {
            return None;
        }
        let i = v as usize * SEGMENT_SIDE + u as usize;
        self.values.get(i).map(|&m| m >= PERSON)
    }
}

impl Measured {
    pub fn eye_centre(&self) -> [f32; 2] {
        [
            (self.eye_left[0] + self.eye_right[0]) / 2.0,
            (self.eye_left[1] + self.eye_right[1]) / 2.0,
        ]
    }

    /// The distance between the eye centres.
    pub fn eye_distance(&self) -> f32 {
        distance(self.eye_left, self.eye_right)
    }

    pub fn point(&self, i: usize) -> [f32; 2] {
        self.mesh.get(i).map_or([0.0, 0.0], |p| [p[0], p[1]])
    }
}

fn distance(a: [f32; 2], b: [f32; 2]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

fn mean_of(mesh: &[[f32; 3]], indices: &[usize]) -> [f32; 2] {
    let n = indices.len() as f32;
    let (sx, sy) = indices.iter().fold((0.0, 0.0), |(sx, sy), &i| {
        (sx + mesh[i][0], sy + mesh[i][1])
    });
    [sx / n, sy / n]
}

/// Yaw and pitch in degrees from the mesh's 3-D points: the angle of the line between the
/// cheekbone edges against the image plane (yaw; positive when the face turns to the
/// image's right), and of the forehead-to-chin line (pitch; positive chin up), less that
/// line's angle on a frontal face (the chin sits nearer the camera than the forehead top).
pub fn pose(mesh: &[[f32; 3]]) -> (f32, f32) {
    let (l, r) = (mesh[point::CHEEK_LEFT_EDGE], mesh[point::CHEEK_RIGHT_EDGE]);
    let (t, c) = (mesh[point::FOREHEAD_TOP], mesh[point::CHIN]);
    let across = ((r[0] - l[0]).powi(2) + (r[1] - l[1]).powi(2)).sqrt();
    let yaw = (r[2] - l[2]).atan2(across).to_degrees();
    let down = ((c[0] - t[0]).powi(2) + (c[1] - t[1]).powi(2)).sqrt();
    let pitch = (c[2] - t[2]).atan2(down).to_degrees() - FRONTAL_PITCH_OFFSET;
    (yaw, pitch)
}

/// The forehead-to-chin line's angle on frontal faces: 1.0–9.0° on the five frontal test
/// portraits (Biden, Obama, Hopper, the astronaut, the studio fixture), mean 6.1°.
const FRONTAL_PITCH_OFFSET: f32 = 6.0;

/// Finds and measures the largest face in `image`; `None` when no face is found.
pub fn measure(image: &RgbImage) -> Option<Measured> {
    let (w, h) = image.dimensions();
    if w < 24 || h < 24 {
        return None;
    }
    // BlazeFace on a thumbnail: where the face is and how it leans.
    let scale = (640.0 / w.max(h) as f32).min(1.0);
    let thumb;
    let small = if scale < 1.0 {
        thumb = hane_image::shrink(
            image,
            ((w as f32 * scale) as u32).max(1),
            ((h as f32 * scale) as u32).max(1),
        );
        &thumb
    } else {
        image
    };
    let face: FaceLandmarks = crate::landmarks::detect(small)
        .into_iter()
        .max_by(|a, b| (a.width * a.height).total_cmp(&(b.width * b.height)))?
        .scaled(1.0 / scale);
    measure_face(image, &face)
}

/// Measures the face BlazeFace found at `face` (in `image`'s pixels).
pub fn measure_face(image: &RgbImage, face: &FaceLandmarks) -> Option<Measured> {
    let first = Region::new(
        [face.cx, face.cy],
        face.width.max(face.height) * MESH_ROI_SCALE,
        face.roll_degrees(),
    );
    let rough = run_mesh(image, &first)?;
    let mesh = run_mesh(image, &region_of_mesh(&rough)).unwrap_or(rough);
    measure_mesh(image, mesh)
}

/// Measures the head again in `image` (the crop as rendered), where `earlier` was measured
/// in another image (the photo) and `to_here` maps that image's points into this one. The
/// earlier mesh only places the region the mesh looks at (as MediaPipe tracks a face from
/// one frame to the next); the chin, the eyes and the crown are found again in these pixels.
/// `None` when the mesh finds no face there.
pub fn measure_near(
    image: &RgbImage,
    earlier: &Measured,
    to_here: impl Fn([f32; 2]) -> [f32; 2],
) -> Option<Measured> {
    let before = region_of_mesh(&earlier.mesh);
    let centre = to_here(before.centre);
    let ahead = to_here([
        before.centre[0] + before.along[0] * before.side,
        before.centre[1] + before.along[1] * before.side,
    ]);
    let (dx, dy) = (ahead[0] - centre[0], ahead[1] - centre[1]);
    let region = Region::new(
        centre,
        (dx * dx + dy * dy).sqrt(),
        dy.atan2(dx).to_degrees(),
    );
    let mesh = run_mesh(image, &region)?;
    measure_mesh(image, mesh)
}

/// The rest of a measurement once the mesh is found: eyes, roll, the mask and the crown,
/// pose, mouth.
fn measure_mesh(image: &RgbImage, mesh: Vec<[f32; 3]>) -> Option<Measured> {
    let eye_left = mean_of(&mesh, &point::EYE_LEFT);
    let eye_right = mean_of(&mesh, &point::EYE_RIGHT);
    let roll = (eye_right[1] - eye_left[1])
        .atan2(eye_right[0] - eye_left[0])
        .to_degrees();
    let upright = Region::new([0.0, 0.0], 1.0, roll);
    let down = |p: [f32; 2]| p[0] * upright.across[0] + p[1] * upright.across[1];
    let top = [mesh[point::FOREHEAD_TOP][0], mesh[point::FOREHEAD_TOP][1]];
    let chin = [mesh[point::CHIN][0], mesh[point::CHIN][1]];
    let face_height = (down(chin) - down(top)).max(1.0);
    // An upright square from well above the forehead (room for any hair) to below the chin.
    let side = 2.6 * face_height;
    let centre_down = down(top) - 1.15 * face_height + side / 2.0;
    let mid = [(top[0] + chin[0]) / 2.0, (top[1] + chin[1]) / 2.0];
    let shift = centre_down - down(mid);
    let region = Region::new(
        [
            mid[0] + shift * upright.across[0],
            mid[1] + shift * upright.across[1],
        ],
        side,
        roll,
    );
    let values = run_segment(image, &region)?;
    let (crown_uv, crown_at_edge) = crown_in(&values, &region, top, chin, image)?;
    let crown = region.point_at(SEGMENT_SIDE, crown_uv[0], crown_uv[1]);
    let (yaw, pitch) = pose(&mesh);
    let mouth_width = distance(
        [mesh[point::MOUTH_LEFT][0], mesh[point::MOUTH_LEFT][1]],
        [mesh[point::MOUTH_RIGHT][0], mesh[point::MOUTH_RIGHT][1]],
    )
    .max(1.0);
    let mouth_open = distance(
        [
            mesh[point::LIP_UPPER_INNER][0],
            mesh[point::LIP_UPPER_INNER][1],
        ],
        [
            mesh[point::LIP_LOWER_INNER][0],
            mesh[point::LIP_LOWER_INNER][1],
        ],
    ) / mouth_width;
    Some(Measured {
        crown,
        chin,
        head_height: down(chin) - down(crown),
        eye_left,
        eye_right,
        roll,
        yaw,
        pitch,
        mouth_open,
        crown_at_edge,
        mesh,
        mask: Mask {
            region: Some(region),
            values,
        },
    })
}

fn run_segment(image: &RgbImage, region: &Region) -> Option<Vec<f32>> {
    let model = segment_model()?;
    let outputs = model
        .run(tvec!(region.tensor(image, SEGMENT_SIDE, false).into()))
        .ok()?;
    let view = outputs.first()?.to_plain_array_view::<f32>().ok()?;
    let values: Vec<f32> = view.iter().copied().collect();
    (values.len() == SEGMENT_SIDE * SEGMENT_SIDE).then_some(values)
}

/// The crown in the mask's grid: over the columns across the middle of the face, the
/// highest point the person reaches going straight up from the forehead without a gap
/// (so a lamp or a second person above is not the hair), with the edge interpolated
/// between grid cells. Also whether that column ran into the photo's edge.
fn crown_in(
    values: &[f32],
    region: &Region,
    top: [f32; 2],
    chin: [f32; 2],
    image: &RgbImage,
) -> Option<([f32; 2], bool)> {
    let n = SEGMENT_SIDE;
    let step = region.side / n as f32;
    let grid = |p: [f32; 2]| {
        let (dx, dy) = (p[0] - region.centre[0], p[1] - region.centre[1]);
        [
            (dx * region.along[0] + dy * region.along[1]) / step + n as f32 / 2.0,
            (dx * region.across[0] + dy * region.across[1]) / step + n as f32 / 2.0,
        ]
    };
    let (t, c) = (grid(top), grid(chin));
    let half = 0.25 * (c[1] - t[1]);
    let centre_u = (t[0] + c[0]) / 2.0;
    let (w, h) = image.dimensions();
    let inside = |p: [f32; 2]| p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= w as f32 && p[1] <= h as f32;
    let at = |u: usize, v: usize| values[v * n + u];
    let from_u = (centre_u - half).floor().max(0.0) as usize;
    let to_u = ((centre_u + half).ceil() as usize).min(n - 1);
    let start_v = (t[1].round().max(0.0) as usize).min(n - 1);
    let mut tops: Vec<(f32, f32, bool)> = Vec::new();
    for u in from_u..=to_u {
        if at(u, start_v) < PERSON {
            continue;
        }
        let mut v = start_v;
        while v > 0 && at(u, v - 1) >= PERSON {
            v -= 1;
        }
        // Between cell v−1 (background) and v (person): where the mask crosses 0.5.
        let edge = if v == 0 {
            0.0
        } else {
            let (above, here) = (at(u, v - 1), at(u, v));
            let f = ((here - PERSON) / (here - above).max(1e-6)).clamp(0.0, 1.0);
            v as f32 + 0.5 - f
        };
        // The photo ends above the head: the person reaches the top of the image itself.
        let above = region.point_at(n, u as f32 + 0.5, edge - 1.5);
        tops.push((edge, u as f32 + 0.5, v == 0 || !inside(above)));
    }
    // The crown: the mean of the three highest columns (one column alone follows a single
    // stray hair and the mask's noise; the top of a head is wider than three columns).
    tops.sort_by(|a, b| a.0.total_cmp(&b.0));
    let top = &tops[..tops.len().min(3)];
    if top.is_empty() {
        return None;
    }
    let k = top.len() as f32;
    let edge = top.iter().map(|t| t.0).sum::<f32>() / k;
    let u = top.iter().map(|t| t.1).sum::<f32>() / k;
    Some(([u, edge], top.iter().any(|t| t.2)))
}
