//! The biometric photo (000 B.4.1: taken in the last 6 months, an image file of at most
//! 2 MB, cropped so the face is clear and fits the frame, printed on the card).
//!
//! Pipeline: decode (pixel limit first) → EXIF orientation → face detection (SeetaFace via
//! `rustface`, model compiled in) and eye landmarks (BlazeFace, [`crate::landmarks`]) → the
//! 50×60 crop that puts the head at the spec's size, straightened so the eyes are level →
//! checks → the crop in sRGB ([`to_srgb`]) → a fresh baseline JPEG ≤ 2 MB with no
//! metadata. The spec is data ([`SPEC`]).

pub mod landmarks;
pub mod measure;
pub mod quality;

use chrono::{Months, NaiveDate};
use image::{DynamicImage, RgbImage};
use serde::Serialize;

use hane_domain::error::{HaneError, Result};
pub use hane_domain::photo_spec::{Crop, PhotoSpec, SPEC};
use hane_domain::text::Text;

use quality::{geometry_checks, skin_checks, with_measure, PREVIEW_ROWS};

/// Background (measured only where the person mask says background, inside the photo):
/// light and plain (ICAO 9303 part 3: a plain, light background): mean luma and its spread
/// block; mean chroma is advice (a white or light grey wall is under 20, a light blue
/// backdrop over 50).
const BACKGROUND_MIN_LUMA: f32 = 160.0;
const BACKGROUND_MAX_SPREAD: f32 = 28.0;
const BACKGROUND_MAX_CHROMA: f32 = 35.0;
/// Largest photo accepted, checked from the header before decoding (decompression bombs).
pub const MAX_PIXELS: u64 = 60_000_000;
/// The largest output (600 dpi), used when the source has the pixels for it.
const MAX_OUT_HEIGHT: u32 = 1418;
/// Detection runs on a thumbnail this long (fast, and enough for a portrait).
const DETECT_LONG_SIDE: u32 = 640;
/// The detection thumbnail's shorter side below which no face is looked for.
const MIN_DETECT_SIDE: u32 = 24;

const MODEL: &[u8] = include_bytes!("../../../assets/models/seeta_fd_frontal_v1.0.bin");

/// A decoded photo, upright.
pub struct Source {
    pub image: RgbImage,
    /// EXIF DateTimeOriginal (or DateTime), when present.
    pub taken: Option<NaiveDate>,
    /// Turns the pixels from the file's own colour profile into sRGB; `None` when they
    /// are sRGB already (or the file names no usable profile). See [`to_srgb`].
    pub to_srgb: Option<std::sync::Arc<moxcms::Transform8BitExecutor>>,
}

/// The conversion of a file's RGB colour profile to sRGB. Phones and cameras write their
/// colours in wider spaces (Display P3 on iPhones, Adobe RGB on many cameras) and say so
/// in the file's ICC profile. The approved JPEG carries no metadata (#5: all of it
/// stripped), so whatever reads it — the portal, the card printer — takes its pixels as
/// sRGB; left unconverted, a P3 or Adobe RGB face comes out duller. Converting the pixels
/// keeps the colours the user saw. A profile that cannot be read, or one that is
/// not RGB (grey, CMYK), leaves the pixels as they are, as browsers do.
pub fn to_srgb(icc: &[u8]) -> Option<std::sync::Arc<moxcms::Transform8BitExecutor>> {
    let profile = moxcms::ColorProfile::new_from_slice(icc).ok()?;
    if profile.color_space != moxcms::DataColorSpace::Rgb {
        return None;
    }
    let srgb = moxcms::ColorProfile::new_srgb();
    // An sRGB profile (many Android phones embed one) needs no work. Its primaries are
    // stored as 16.16 fixed point, so they match to about 1e-4, not exactly.
    let near = |a: &moxcms::Xyzd, b: &moxcms::Xyzd| {
        (a.x - b.x).abs() < 2e-3 && (a.y - b.y).abs() < 2e-3 && (a.z - b.z).abs() < 2e-3
    };
    if near(&profile.red_colorant, &srgb.red_colorant)
        && near(&profile.green_colorant, &srgb.green_colorant)
        && near(&profile.blue_colorant, &srgb.blue_colorant)
    {
        return None;
    }
    profile
        .create_transform_8bit(
            moxcms::Layout::Rgb,
            &srgb,
            moxcms::Layout::Rgb,
            moxcms::TransformOptions::default(),
        )
        .ok()
}

fn exif_date(bytes: &[u8]) -> Option<NaiveDate> {
    // Keep what was read before a damaged field (an IFD missing its next-IFD offset lost
    // the date otherwise, issue #17).
    let exif = exif::Reader::new()
        .continue_on_error(true)
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .or_else(|e| e.distill_partial_result(|_| {}))
        .ok()?;
    for tag in [exif::Tag::DateTimeOriginal, exif::Tag::DateTime] {
        if let Some(f) = exif.get_field(tag, exif::In::PRIMARY) {
            if let exif::Value::Ascii(v) = &f.value {
                if let Some(s) = v.first() {
                    let s = String::from_utf8_lossy(s);
                    if let Ok(d) = NaiveDate::parse_from_str(s.get(..10)?, "%Y:%m:%d") {
                        return Some(d);
                    }
                }
            }
        }
    }
    None
}

/// Decodes a JPEG or PNG, refusing huge or other formats with a specific error.
pub fn load(bytes: &[u8]) -> Result<Source> {
    if bytes.len() > hane_domain::limits::MAX_FILE_BYTES {
        return Err(HaneError::FileTooLarge {
            max_mb: (hane_domain::limits::MAX_FILE_BYTES / 1024 / 1024) as u32,
        });
    }
    // Bounded before decoding, decoded completely (a cut JPEG is an error, not grey).
    let (pixels, meta) = hane_image::decode_rgb(bytes, MAX_PIXELS)?;
    let mut img = DynamicImage::ImageRgb8(pixels);
    img.apply_orientation(meta.orientation);
    let icc = meta.icc;
    Ok(Source {
        image: img.into_rgb8(),
        taken: exif_date(bytes),
        // Only what is shown and saved is converted (the crop, a fraction of the
        // photo's pixels); face detection and the checks on the whole photo read the
        // file's own values, which differ from sRGB by a few levels at most.
        to_srgb: icc.as_deref().and_then(to_srgb),
    })
}

/// A detected face in source pixels.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Face {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub score: f64,
    /// Eyes, nose and mouth in source pixels, when the landmark model found this face.
    pub landmarks: Option<crate::landmarks::FaceLandmarks>,
    /// How open each eye is (eyelid gap over eye width; the eye on the image's left
    /// first), measured for the largest face only.
    pub eye_openness: Option<[f32; 2]>,
    /// The head measured by the face mesh and the person mask ([`measure`]), for the
    /// largest face only.
    #[serde(skip)]
    pub measured: Option<measure::Measured>,
}

/// The photo at most [`DETECT_LONG_SIDE`] pixels long, and its scale against the source.
/// Area averaging (`hane_image::shrink`, ~10× faster than `imageops::thumbnail`): the
/// detectors need no more.
pub fn detection_thumbnail(src: &Source) -> (RgbImage, f32) {
    let (w, h) = src.image.dimensions();
    let scale = (DETECT_LONG_SIDE as f32 / w.max(h) as f32).min(1.0);
    if scale >= 1.0 {
        return (src.image.clone(), 1.0);
    }
    // At least 1 px a side: a 1000×1 image would otherwise get a 0-px thumbnail.
    let thumb = hane_image::shrink(
        &src.image,
        ((w as f32 * scale) as u32).max(1),
        ((h as f32 * scale) as u32).max(1),
    );
    (thumb, scale)
}

/// The face-detection model, parsed once (a copy is much cheaper than parsing it again
/// for every photo and every nudge of the crop).
fn face_model() -> Option<&'static rustface::model::Model> {
    static MODEL_PARSED: std::sync::OnceLock<Option<rustface::model::Model>> =
        std::sync::OnceLock::new();
    MODEL_PARSED
        .get_or_init(|| rustface::read_model(std::io::Cursor::new(MODEL)).ok())
        .as_ref()
}

/// SeetaFace's face boxes in `thumb` (none when the model does not load).
fn face_boxes(thumb: &RgbImage) -> Vec<rustface::FaceInfo> {
    let Some(model) = face_model() else {
        return Vec::new();
    };
    let gray = image::imageops::grayscale(thumb);
    let mut detector = rustface::create_detector_with_model(model.clone());
    detector.set_min_face_size(40);
    detector.set_score_thresh(2.0);
    detector.set_pyramid_scale_factor(0.8);
    detector.set_slide_window_step(4, 4);
    let (gw, gh) = gray.dimensions();
    detector.detect(&rustface::ImageData::new(gray.as_raw(), gw, gh))
}

/// Faces in the photo, largest first. Boxes much smaller than the largest (a face on a
/// poster, a badge) are dropped.
pub fn detect_faces(src: &Source) -> Vec<Face> {
    let (thumb, scale) = detection_thumbnail(src);
    // A sliver narrower than the detectors' smallest window (SeetaFace's is 20 px) holds
    // no face, and the detectors panic on it (seen with 1000×1 and 1×20000 images).
    if thumb.width().min(thumb.height()) < MIN_DETECT_SIDE {
        return Vec::new();
    }
    // The two detectors are independent: on two cores BlazeFace and then the head's
    // measurement (~110 ms of work at 12 MP) run while SeetaFace (~40 ms) looks for the
    // face boxes.
    let image = &src.image;
    let ((marks, openness), faces) = std::thread::scope(|scope| {
        let landmarks = scope.spawn(|| {
            let marks: Vec<_> = crate::landmarks::detect(&thumb)
                .iter()
                .map(|m| m.scaled(1.0 / scale))
                .collect();
            // Still before SeetaFace is done: how open the largest face's eyes are,
            // measured on the full-resolution photo, where an eye has enough pixels.
            // And the head measured (face mesh, person mask), also while SeetaFace runs.
            // The eyes on a third thread: the head's chain (mesh, mesh again, mask) is the
            // longest, and the eyes need only BlazeFace's points.
            let openness = marks
                .iter()
                .max_by(|a, b| a.width.total_cmp(&b.width))
                .and_then(|m| {
                    let (eyes, head) = std::thread::scope(|inner| {
                        let eyes = inner.spawn(|| crate::landmarks::eyes_openness(image, m));
                        let head = measure::measure_face(image, m);
                        (eyes.join().ok().flatten(), head)
                    });
                    Some((*m, eyes?, head))
                });
            (marks, openness)
        });
        let faces = face_boxes(&thumb);
        (landmarks.join().unwrap_or_default(), faces)
    });
    let mut out: Vec<Face> = faces
        .iter()
        .map(|f| {
            let b = f.bbox();
            Face {
                x: b.x() as f32 / scale,
                y: b.y() as f32 / scale,
                width: b.width() as f32 / scale,
                height: b.height() as f32 / scale,
                score: f.score(),
                landmarks: None,
                eye_openness: None,
                measured: None,
            }
        })
        .collect();
    // Each face box gets the landmarks whose eye midpoint falls inside it.
    for face in &mut out {
        face.landmarks = marks.iter().copied().find(|m| {
            let [ex, ey] = m.eye_centre();
            ex >= face.x && ex <= face.x + face.width && ey >= face.y && ey <= face.y + face.height
        });
    }
    // A face BlazeFace finds and SeetaFace does not (a three-quarter view, glasses, a
    // second person half turned away) still counts: "one face" must not pass for two
    // people. Its box is BlazeFace's, which is a little smaller than SeetaFace's.
    for m in &marks {
        let [ex, ey] = m.eye_centre();
        let known = out
            .iter()
            .any(|f| ex >= f.x && ex <= f.x + f.width && ey >= f.y && ey <= f.y + f.height);
        if !known {
            out.push(Face {
                x: m.cx - m.width / 2.0,
                y: m.cy - m.height / 2.0,
                width: m.width,
                height: m.height,
                score: m.score as f64,
                landmarks: Some(*m),
                eye_openness: None,
                measured: None,
            });
        }
    }
    out.sort_by(|a, b| (b.width * b.height).total_cmp(&(a.width * a.height)));
    if let Some(largest) = out.first().map(|f| f.width) {
        out.retain(|f| f.width >= largest * 0.5);
    }
    // The largest face's eyes and head: measured above when its landmarks were the
    // largest too.
    if let Some(face) = out.first_mut() {
        (face.eye_openness, face.measured) = match (face.landmarks, openness) {
            (Some(m), Some((found, o, head))) if m == found => (Some(o), head),
            (Some(m), _) => (
                crate::landmarks::eyes_openness(image, &m),
                measure::measure_face(image, &m),
            ),
            (None, _) => (None, None),
        };
    }
    out
}

/// Where the head is in the photo. Measured ([`measure`]: the chin from the face mesh,
/// the crown — the top of the hair — from the person mask) when the mesh finds the face;
/// otherwise estimated from the detector's face box (crown ≈ 0.55 box above its top, chin
/// ≈ 0.2 box below its bottom), which only places a first frame: the checks measure the
/// crop itself.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Head {
    pub crown_y: f32,
    pub chin_y: f32,
    pub center_x: f32,
    pub eye_y: f32,
    /// The eye midpoint and the eye line's angle (clockwise degrees) from the landmarks;
    /// `None` when the eyes were not found.
    pub eyes: Option<[f32; 2]>,
    pub roll: Option<f32>,
    /// The crown and the chin as points, and chin to crown along the face's vertical,
    /// when measured.
    pub crown: Option<[f32; 2]>,
    pub chin: Option<[f32; 2]>,
    pub height: f32,
}

pub fn head_of(face: &Face) -> Head {
    if let Some(m) = &face.measured {
        let eyes = m.eye_centre();
        return Head {
            crown_y: m.crown[1],
            chin_y: m.chin[1],
            center_x: eyes[0],
            eye_y: eyes[1],
            eyes: Some(eyes),
            roll: Some(m.roll),
            crown: Some(m.crown),
            chin: Some(m.chin),
            height: m.head_height,
        };
    }
    let eyes = face.landmarks.map(|m| m.eye_centre());
    Head {
        crown_y: face.y - 0.55 * face.height,
        chin_y: face.y + 1.2 * face.height,
        // Centred on the eyes when known (the box can sit off the face on a turned head).
        center_x: eyes.map_or(face.x + face.width / 2.0, |e| e[0]),
        eye_y: eyes.map_or(face.y + 0.39 * face.height, |e| e[1]),
        eyes,
        roll: face.landmarks.map(|m| m.roll_degrees()),
        crown: None,
        chin: None,
        height: 1.75 * face.height,
    }
}

/// The crop that puts the head at the target size with the top margin above the crown,
/// turned so the eyes are level when the head leans a little. Distances are taken in the
/// turned frame, so a leaning head gets the same size as an upright one.
pub fn auto_crop(head: &Head) -> Crop {
    let rotation = head
        .roll
        .filter(|r| r.abs() <= SPEC.max_auto_straighten_degrees)
        .unwrap_or(0.0);
    let (sin, cos) = rotation.to_radians().sin_cos();
    let across = [-sin, cos];
    let origin = [head.center_x, head.eye_y];
    let crown = head.crown.unwrap_or([head.center_x, head.crown_y]);
    let chin = head.chin.unwrap_or([head.center_x, head.chin_y]);
    let down = |p: [f32; 2]| (p[0] - origin[0]) * across[0] + (p[1] - origin[1]) * across[1];
    // The head's size along its own vertical (as measured), also when the frame is not
    // turned with it (a lean past the automatic limit).
    let head_px = if head.crown.is_some() {
        head.height
    } else {
        down(chin) - down(crown)
    }
    .max(1.0);
    let height = head_px * SPEC.height_mm / SPEC.head_target_mm;
    let top = down(crown) - height * SPEC.top_margin_mm / SPEC.height_mm;
    let centre_down = top + height / 2.0;
    // Across, centred on the eyes (as the centring check measures).
    Crop {
        cx: origin[0] + centre_down * across[0],
        cy: origin[1] + centre_down * across[1],
        height,
        rotation,
    }
}

/// Renders the crop (bilinear, with rotation about the crop centre) at `out_h` rows.
/// Reads the decoded pixels as one slice and walks each output row as a straight line
/// through the source: this runs for every nudge of the crop and for the final JPEG.
pub fn render(src: &Source, crop: &Crop, out_h: u32) -> RgbImage {
    let out_w = (out_h as f32 * SPEC.width_mm / SPEC.height_mm).round() as u32;
    let scale = crop.height / out_h as f32;
    let (sin, cos) = crop.rotation.to_radians().sin_cos();
    let (w, h) = src.image.dimensions();
    let raw = src.image.as_raw();
    let stride = w as usize * 3;
    let (max_x, max_y) = ((w - 1) as f32, (h - 1) as f32);
    let row_bytes = out_w as usize * 3;
    // Fills output rows first_row.. into `rows` (whole rows of RGB bytes).
    let fill = |first_row: usize, rows: &mut [u8]| {
        // Columns of TILE output pixels, top to bottom: with the crop turned, one whole output
        // row crosses a hundred source rows, and reading along it misses the cache at every
        // step; a narrow column reuses the lines the row above just read (twice as fast).
        const TILE: usize = 32;
        for tile in (0..out_w as usize).step_by(TILE) {
            let columns = tile * 3..(tile + TILE).min(out_w as usize) * 3;
            for (i, row) in rows.chunks_exact_mut(row_bytes.max(1)).enumerate() {
                let dy = ((first_row + i) as f32 + 0.5 - out_h as f32 / 2.0) * scale;
                for (ox, px) in row[columns.clone()].chunks_exact_mut(3).enumerate() {
                    let ox = tile + ox;
                    let dx = (ox as f32 + 0.5 - out_w as f32 / 2.0) * scale;
                    // Rotate the sampling point about the crop centre.
                    let sx = crop.cx + dx * cos - dy * sin;
                    let sy = crop.cy + dx * sin + dy * cos;
                    if !(0.0..=max_x).contains(&sx) || !(0.0..=max_y).contains(&sy) {
                        continue; // outside the photo: stays white
                    }
                    let (x0, y0) = (sx as usize, sy as usize);
                    let x1 = (x0 + 1).min(w as usize - 1);
                    let y1 = (y0 + 1).min(h as usize - 1);
                    // Fixed point, 8 fractional bits per axis: integer arithmetic on the four
                    // neighbours, each sliced once (a third of the float version's time).
                    let fx = ((sx - x0 as f32) * 256.0) as u32;
                    let fy = ((sy - y0 as f32) * 256.0) as u32;
                    let at = |row: usize, x: usize| &raw[row * stride + x * 3..][..3];
                    let (a, b, c, d) = (at(y0, x0), at(y0, x1), at(y1, x0), at(y1, x1));
                    for (i, out) in px.iter_mut().enumerate() {
                        let top = u32::from(a[i]) * (256 - fx) + u32::from(b[i]) * fx;
                        let bottom = u32::from(c[i]) * (256 - fx) + u32::from(d[i]) * fx;
                        *out = ((top * (256 - fy) + bottom * fy + (1 << 15)) >> 16) as u8;
                    }
                }
            }
        }
    };
    let mut buf = vec![255u8; row_bytes * out_h as usize];
    // Bands of rows on every core: this runs for each nudge of the crop and for the final
    // JPEG, and the rows are independent.
    let to_srgb = src.to_srgb.as_deref();
    hane_image::in_bands(&mut buf, row_bytes, |first, rows| {
        fill(first, rows);
        if let Some(convert) = to_srgb {
            let file_colours = rows.to_vec();
            // Same length in and out, whole pixels: it cannot fail; if it did, the band
            // keeps the file's colours.
            let _ = convert.transform(&file_colours, rows);
        }
    });
    RgbImage::from_raw(out_w, out_h, buf).unwrap_or_else(|| RgbImage::new(out_w, out_h))
}

/// One check, in plain words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub id: &'static str,
    pub passed: bool,
    /// A warning asks the user to confirm rather than blocking (no capture date).
    pub needs_confirmation: bool,
    /// Advice only: shown with its measurement, never blocks approval. The checks the
    /// ministry's guide does not ask for in words (it says only "yüzü net ve ilgili alana
    /// sığacak şekilde", 000 B.4.1) but ISO/IEC 29794-5 measures: expression, pose,
    /// lighting, glare.
    pub advisory: bool,
    pub value: f64,
    pub message: Text,
}

pub(crate) fn check(
    id: &'static str,
    passed: bool,
    value: f64,
    ok: (&str, &str),
    bad: (&str, &str),
) -> Check {
    let (tr, en) = if passed { ok } else { bad };
    Check {
        id,
        passed,
        needs_confirmation: false,
        advisory: false,
        value,
        message: Text {
            tr: tr.into(),
            en: en.into(),
        },
    }
}

/// The analysis of one photo and one crop.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    pub width: u32,
    pub height: u32,
    pub faces: Vec<Face>,
    pub head: Option<Head>,
    pub crop: Option<Crop>,
    pub taken: Option<NaiveDate>,
    pub checks: Vec<Check>,
    /// Pixel rows of the output when approved (never more than the crop has).
    pub output_height: u32,
}

impl Analysis {
    pub fn passed(&self) -> bool {
        self.checks
            .iter()
            .all(|c| c.passed || c.needs_confirmation || c.advisory)
    }
}

pub(crate) fn luma(p: &image::Rgb<u8>) -> f32 {
    0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32
}

/// How coloured a pixel is: its largest channel less its smallest.
pub(crate) fn chroma(p: &image::Rgb<u8>) -> f32 {
    (p.0.iter().max().unwrap_or(&0) - p.0.iter().min().unwrap_or(&0)) as f32
}

pub(crate) fn mean_std(values: impl Iterator<Item = f32>) -> (f32, f32) {
    let (mut n, mut sum, mut sq) = (0f32, 0f32, 0f32);
    for v in values {
        n += 1.0;
        sum += v;
        sq += v * v;
    }
    if n == 0.0 {
        return (0.0, 0.0);
    }
    let mean = sum / n;
    (mean, (sq / n - mean * mean).max(0.0).sqrt())
}

/// Variance of the Laplacian of the face region at a fixed size: a standard focus measure.
fn sharpness(face_img: &RgbImage) -> f32 {
    let gray = DynamicImage::ImageRgb8(face_img.clone()).to_luma8();
    let (w, h) = gray.dimensions();
    if w < 3 || h < 3 {
        return 0.0;
    }
    let at = |x: u32, y: u32| gray.get_pixel(x, y)[0] as f32;
    let values = (1..h - 1)
        .flat_map(|y| (1..w - 1).map(move |x| (x, y)))
        .map(|(x, y)| 4.0 * at(x, y) - at(x - 1, y) - at(x + 1, y) - at(x, y - 1) - at(x, y + 1));
    let (_, std) = mean_std(values);
    std * std
}

/// Runs every check for `crop` (or the automatic crop when `None`).
pub fn analyze(src: &Source, crop: Option<Crop>, today: NaiveDate) -> Analysis {
    analyze_faces(src, detect_faces(src), crop, today)
}

/// [`analyze`] with the faces already detected (they do not change when the crop does).
pub fn analyze_faces(
    src: &Source,
    faces: Vec<Face>,
    crop: Option<Crop>,
    today: NaiveDate,
) -> Analysis {
    let (w, h) = src.image.dimensions();
    let head = faces.first().map(head_of);
    let crop = crop.or_else(|| head.as_ref().map(auto_crop));
    let mut checks = Vec::new();

    checks.push(match faces.len() {
        1 => check("photo.single_face", true, 1.0, ("Tek bir yüz bulundu.", "One face found."), ("", "")),
        0 => check("photo.single_face", false, 0.0, ("", ""), (
            "Fotoğrafta yüz bulunamadı. Yüzü kameraya dönük, iyi aydınlatılmış bir fotoğraf seçin.",
            "No face found. Choose a photo with the face turned to the camera and well lit.",
        )),
        n => check("photo.single_face", false, n as f64, ("", ""), (
            "Fotoğrafta birden fazla yüz var. Yalnızca yabancının olduğu bir fotoğraf seçin.",
            "There is more than one face. Choose a photo of the foreigner alone.",
        )),
    });

    let (Some(head), Some(crop)) = (head, crop) else {
        return Analysis {
            width: w,
            height: h,
            faces,
            head: None,
            crop: None,
            taken: src.taken,
            checks,
            output_height: 0,
        };
    };

    // Resolution: the crop must hold at least 300 dpi worth of rows; no upscaling.
    let rows = crop.height.floor() as u32;
    checks.push(with_measure(
        check(
        "photo.resolution",
        rows >= SPEC.min_height_px,
        rows as f64,
        ("Çözünürlük yeterli.", "Resolution is enough."),
        (
            "Yüz bu fotoğrafta baskı için çok küçük (büyütmeden 300 dpi çıkmıyor). Daha yakından veya daha yüksek çözünürlükte çekilmiş bir fotoğraf seçin.",
            "The face is too small in this photo for print (not 300 dpi without upscaling). Choose a photo taken closer or at a higher resolution.",
        ),
        ),
        format!("{rows} satır (en az {}, 300 dpi)", SPEC.min_height_px),
        format!("{rows} rows (at least {}, 300 dpi)", SPEC.min_height_px),
    ));

    // The crop stays inside the photo (nothing is invented at the edges).
    let half_w = crop.width() / 2.0;
    let inside = crop.cx - half_w >= -1.0
        && crop.cx + half_w <= w as f32 + 1.0
        && crop.cy - crop.height / 2.0 >= -1.0
        && crop.cy + crop.height / 2.0 <= h as f32 + 1.0;
    checks.push(check(
        "photo.fits",
        inside,
        0.0,
        ("Kırpma fotoğrafın içinde.", "The crop is inside the photo."),
        (
            "Baş fotoğrafın kenarına çok yakın; çerçeve fotoğrafın dışına taşıyor. Başın üstünde ve yanlarında boşluk olan bir fotoğraf seçin.",
            "The head is too close to the photo's edge; the frame runs outside it. Choose a photo with space above and beside the head.",
        ),
    ));

    // Everything below is measured on the crop as rendered, found again from scratch
    // (issue #16: a check built on the estimate that made the crop can only agree with it).
    let preview = render(src, &crop, PREVIEW_ROWS);
    let to_preview = |p: [f32; 2]| {
        let (sin, cos) = crop.rotation.to_radians().sin_cos();
        let s = PREVIEW_ROWS as f32 / crop.height;
        let (dx, dy) = (p[0] - crop.cx, p[1] - crop.cy);
        let width = PREVIEW_ROWS as f32 * SPEC.width_mm / SPEC.height_mm;
        [
            (dx * cos + dy * sin) * s + width.round() / 2.0,
            (-dx * sin + dy * cos) * s + PREVIEW_ROWS as f32 / 2.0,
        ]
    };
    // Where the photo's head lands in the crop only places the mesh's window; everything
    // is found again in the crop's pixels (from scratch if the mesh finds nothing there).
    let measured = faces
        .first()
        .and_then(|f| f.measured.as_ref())
        .and_then(|earlier| measure::measure_near(&preview, earlier, to_preview))
        .or_else(|| measure::measure(&preview));
    let openness = faces.first().and_then(|f| f.eye_openness);
    // The hair reaching the photo's own top edge: the crown is not in the photo.
    let crown_cut = faces
        .first()
        .and_then(|f| f.measured.as_ref())
        .is_some_and(|m| m.crown_at_edge);
    checks.extend(geometry_checks(measured.as_ref(), openness, crown_cut));
    let (pw, ph) = preview.dimensions();
    let s = PREVIEW_ROWS as f32 / crop.height;
    let face_img = match &measured {
        // The face from the brows to the chin, inside the cheeks.
        Some(m) => {
            let d = m.eye_distance();
            let [ex, ey] = m.eye_centre();
            let x0 = (ex - 0.9 * d).max(0.0) as u32;
            let y0 = (ey - 0.4 * d).max(0.0) as u32;
            image::imageops::crop_imm(
                &preview,
                x0.min(pw - 1),
                y0.min(ph - 1),
                ((1.8 * d) as u32).clamp(1, pw - x0.min(pw - 1)),
                (((m.chin[1] - ey) + 0.4 * d) as u32).clamp(1, ph - y0.min(ph - 1)),
            )
            .to_image()
        }
        None => preview.clone(),
    };

    let sharp = sharpness(&face_img);
    checks.push(with_measure(
        check(
            "photo.sharpness",
            sharp >= 25.0,
            sharp as f64,
            ("Fotoğraf net.", "The photo is sharp."),
            (
                "Fotoğraf bulanık. Kamerayı sabit tutup yeniden çekin.",
                "The photo is blurred. Hold the camera still and take it again.",
            ),
        ),
        format!("keskinlik {sharp:.0} (en az 25)"),
        format!("sharpness {sharp:.0} (at least 25)"),
    ));

    // Inside the real photo (the crop may run past its edge, where the render is white).
    let (sin, cos) = crop.rotation.to_radians().sin_cos();
    let in_photo = |x: u32, y: u32| {
        let dx = (x as f32 + 0.5 - pw as f32 / 2.0) / s;
        let dy = (y as f32 + 0.5 - ph as f32 / 2.0) / s;
        let sx = crop.cx + dx * cos - dy * sin;
        let sy = crop.cy + dx * sin + dy * cos;
        (0.0..w as f32).contains(&sx) && (0.0..h as f32).contains(&sy)
    };
    match &measured {
        Some(m) => checks.extend(skin_checks(&preview, m)),
        // No face found in the crop: its light cannot be judged, and a burnt-out or
        // pitch-dark face is the usual reason.
        None => checks.push(check(
            "photo.exposure",
            false,
            0.0,
            ("", ""),
            (
                "Yüz bu kırpmada bulunamadı; ışığı ölçülemedi. Yüz çok parlak, çok karanlık veya örtülü olabilir: gün ışığında, yüz kameraya dönük yeniden çekin.",
                "No face was found in this crop, so its light could not be measured. The face may be burnt out, too dark or covered: take it again in daylight, facing the camera.",
            ),
        )),
    }

    // Background: the pixels the person mask calls background, inside the real photo.
    let mut bg_luma = Vec::new();
    let mut bg_chroma = Vec::new();
    if let Some(m) = &measured {
        for (x, y, p) in preview.enumerate_pixels() {
            // Every other pixel: plenty for a mean.
            if (x + y) % 2 == 1 || !in_photo(x, y) {
                continue;
            }
            if m.mask.person_at(x as f32 + 0.5, y as f32 + 0.5) == Some(false) {
                bg_luma.push(luma(p));
                bg_chroma.push(chroma(p));
            }
        }
    }
    let (bg_mean, bg_std) = mean_std(bg_luma.iter().copied());
    let (bg_chroma_mean, _) = mean_std(bg_chroma.iter().copied());
    let measurable = bg_luma.len() >= 100;
    let plain = measurable && bg_mean >= BACKGROUND_MIN_LUMA && bg_std <= BACKGROUND_MAX_SPREAD;
    checks.push(with_measure(
        check(
            "photo.background",
            plain,
            bg_std as f64,
            ("Arka plan açık renk ve düz.", "The background is light and plain."),
            if !measurable {
                (
                    "Arka plan ölçülemedi (başın çevresinde arka plan görünmüyor). Düz, açık renk bir duvarın önünde, başın çevresinde boşluk bırakarak yeniden çekin.",
                    "The background could not be measured (none shows around the head). Take it again in front of a plain light wall, with space around the head.",
                )
            } else {
                (
                    "Arka plan düz ve açık renk değil. Beyaz veya açık renk düz bir duvarın önünde yeniden çekin (Hane arka planı değiştirmez: düzenlenmiş fotoğraflar reddedilebilir).",
                    "The background is not plain and light. Take it again in front of a white or light plain wall (Hane does not replace backgrounds: edited photos may be rejected).",
                )
            },
        ),
        format!(
            "parlaklık {bg_mean:.0} (en az {BACKGROUND_MIN_LUMA:.0}), dalgalanma {bg_std:.0} (en fazla {BACKGROUND_MAX_SPREAD:.0})"
        ),
        format!(
            "brightness {bg_mean:.0} (at least {BACKGROUND_MIN_LUMA:.0}), spread {bg_std:.0} (at most {BACKGROUND_MAX_SPREAD:.0})"
        ),
    ));
    // A light but coloured wall (light blue): ICAO 9303 accepts a plain light background and
    // the guide names no colour (000 B.4.1 says only "biyometrik fotoğraf"), so this is advice.
    if measurable {
        let max = BACKGROUND_MAX_CHROMA;
        checks.push(Check {
            id: "photo.background_colour",
            passed: bg_chroma_mean <= max,
            needs_confirmation: false,
            advisory: true,
            value: bg_chroma_mean as f64,
            message: if bg_chroma_mean <= max {
                Text {
                    tr: format!("Arka plan beyaz veya gri (renk {bg_chroma_mean:.0}; sınır {max:.0})."),
                    en: format!("The background is white or grey (colour {bg_chroma_mean:.0}; limit {max:.0})."),
                }
            } else {
                Text {
                    tr: format!("Arka plan renkli (renk {bg_chroma_mean:.0}; sınır {max:.0}). Beyaz veya açık gri düz bir duvar önerilir (Hane arka planı değiştirmez: düzenlenmiş fotoğraflar reddedilebilir)."),
                    en: format!("The background is coloured (colour {bg_chroma_mean:.0}; limit {max:.0}). A white or light grey plain wall is advised (Hane does not replace backgrounds: edited photos may be rejected)."),
                }
            },
        });
    }

    let (chroma_mean, _) = mean_std(preview.pixels().map(chroma));
    checks.push(with_measure(
        check(
            "photo.colour",
            chroma_mean >= 6.0,
            chroma_mean as f64,
            ("Renkli fotoğraf.", "A colour photo."),
            (
                "Fotoğraf siyah-beyaz görünüyor; renkli olmalı.",
                "The photo looks black-and-white; it must be in colour.",
            ),
        ),
        format!("renk {chroma_mean:.0} (en az 6)"),
        format!("colour {chroma_mean:.0} (at least 6)"),
    ));

    let oldest = today
        .checked_sub_months(Months::new(SPEC.max_age_months))
        .unwrap_or(NaiveDate::MIN);
    // A capture date after tomorrow says the camera's clock is wrong, not when the photo was
    // taken: the user confirms, as with no date (issue #17: 2099 passed). Tomorrow is
    // allowed: a camera abroad keeps local time, up to a day ahead of Turkey's date.
    let latest = today.succ_opt().unwrap_or(today);
    checks.push(match src.taken {
        Some(d) if d > latest => Check {
            id: "photo.age",
            passed: false,
            needs_confirmation: true,
            advisory: false,
            value: 0.0,
            message: Text {
                tr: format!(
                    "Fotoğrafın çekim tarihi ({}) ileride; makinenin saati yanlış olabilir. Son 6 ay içinde çekildiğini siz onaylayın.",
                    d.format("%d.%m.%Y")
                ),
                en: format!(
                    "The photo's capture date ({}) is in the future; the camera's clock may be wrong. Confirm it was taken in the last 6 months.",
                    d.format("%d.%m.%Y")
                ),
            },
        },
        Some(d) if d >= oldest => check(
            "photo.age",
            true,
            0.0,
            ("Son 6 ay içinde çekilmiş.", "Taken in the last 6 months."),
            ("", ""),
        ),
        Some(d) => check(
            "photo.age",
            false,
            (today - d).num_days() as f64,
            ("", ""),
            (
                "Fotoğraf 6 aydan eski (çekim tarihine göre). Yeni bir fotoğraf çekin.",
                "The photo is older than 6 months (by its capture date). Take a new one.",
            ),
        ),
        None => Check {
            id: "photo.age",
            passed: false,
            needs_confirmation: true,
            advisory: false,
            value: 0.0,
            message: Text {
                tr: "Fotoğrafın çekim tarihi yok. Son 6 ay içinde çekildiğini siz onaylayın."
                    .into(),
                en: "The photo has no capture date. Confirm it was taken in the last 6 months."
                    .into(),
            },
        },
    });

    let output_height = rows.min(MAX_OUT_HEIGHT);
    Analysis {
        width: w,
        height: h,
        faces,
        head: Some(head),
        crop: Some(crop),
        taken: src.taken,
        checks,
        output_height,
    }
}

/// The approved photo: a fresh baseline JPEG (no EXIF, no GPS) of at most 2 MB, at the
/// highest quality that fits.
pub fn encode(src: &Source, crop: &Crop, out_h: u32) -> Result<Vec<u8>> {
    let img = render(src, crop, out_h.max(1));
    let (w, h) = img.dimensions();
    let (w, h) = (
        u16::try_from(w).map_err(|e| HaneError::PhotoEncode(e.to_string()))?,
        u16::try_from(h).map_err(|e| HaneError::PhotoEncode(e.to_string()))?,
    );
    for quality in [92u8, 88, 84, 80, 75, 70, 60, 50] {
        // Baseline (sequential) JPEG, JFIF header only: no EXIF, GPS or camera data.
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, quality)
            .encode(img.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
            .map_err(|e| HaneError::PhotoEncode(e.to_string()))?;
        if out.len() <= SPEC.max_bytes {
            return Ok(out);
        }
    }
    Err(HaneError::FileTooLarge { max_mb: 2 })
}

impl Source {
    pub fn dimensions(&self) -> (u32, u32) {
        self.image.dimensions()
    }
}
