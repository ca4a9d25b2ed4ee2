//! Document images (issue #21): the passport page's machine-readable zone found and read,
//! offline. [`lines`] finds the two MRZ lines in a scan or phone photo (no model: chains of
//! character-sized marks), [`ocr`] reads each with PP-OCR, and [`read_mrz`] puts each
//! character where ICAO 9303 TD3 allows it and hands the lines to the domain's parser
//! (`hane_domain::mrz`), which verifies every check digit.

pub mod lines;
pub mod ocr;
pub mod page;

use hane_domain::mrz::{self, Mrz, NotMrz};
use image::{GrayImage, RgbImage};
use serde::Serialize;

pub use lines::Line;

/// The work image's longer side for finding the lines (a 12 MP photo's MRZ characters
/// stay ≥ 10 px tall at this size; a 200-dpi A4 scan's about 13 px).
const FIND_LONG_SIDE: u32 = 1600;
/// A character the model gave less than this share among the characters its position
/// allows is marked for the user to look at (the model's own probability; measured on the
/// synthetic pages, `examples/mrz_eval.rs`).
pub const LOW_CONFIDENCE: f32 = 0.9;

/// What the page's MRZ says, character by character.
#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    /// The two lines as read (44 characters each when the model read them whole).
    pub lines: [String; 2],
    /// Per character: how sure the model is, among the characters its position allows.
    pub confidence: [Vec<f32>; 2],
    /// The clockwise quarter turn (0, 90, 180, 270) the page needed to be read.
    pub turn: u32,
    /// Where the lines are in the image as stored (pixels).
    pub found: [Line; 2],
    /// The parsed fields and every check digit's verdict, or why the lines are not a
    /// passport's MRZ.
    pub parsed: Result<Mrz, NotMrz>,
}

impl Reading {
    /// (line, position) of every character read with less than [`LOW_CONFIDENCE`].
    pub fn unsure(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (l, conf) in self.confidence.iter().enumerate() {
            for (i, &c) in conf.iter().enumerate() {
                if c < LOW_CONFIDENCE {
                    out.push((l, i));
                }
            }
        }
        out
    }
}

/// Which characters ICAO 9303 (TD3) allows at `pos` of `line` (0 or 1).
fn allowed(line: usize, pos: usize) -> fn(u8) -> bool {
    fn letter(c: u8) -> bool {
        c.is_ascii_uppercase() || c == b'<'
    }
    fn digit(c: u8) -> bool {
        c.is_ascii_digit()
    }
    fn any(c: u8) -> bool {
        c.is_ascii_alphanumeric() || c == b'<'
    }
    fn digit_or_filler(c: u8) -> bool {
        c.is_ascii_digit() || c == b'<'
    }
    fn sex(c: u8) -> bool {
        matches!(c, b'M' | b'F' | b'<')
    }
    match (line, pos) {
        (0, _) => letter,
        (_, 0..=8) | (_, 28..=41) => any,
        (_, 10..=12) => letter,
        (_, 20) => sex,
        // The optional data's check digit is `<` when there is no optional data.
        (_, 42) => digit_or_filler,
        _ => digit,
    }
}

/// The image as gray (luma).
fn gray_of(image: &RgbImage) -> GrayImage {
    image::imageops::grayscale(image)
}

/// Samples `line` of `gray` into the strip the model reads: along the line, a margin of a
/// character either side, squeezed to the strip's width; across, 1.6 capitals' height.
fn strip(gray: &GrayImage, line: &Line) -> GrayImage {
    let len = line.length().max(1.0);
    let u = [
        (line.end[0] - line.start[0]) / len,
        (line.end[1] - line.start[1]) / len,
    ];
    let v = [-u[1], u[0]];
    let pitch = len / 43.0;
    let along = len + 2.0 * pitch; // half a character each end, and a margin
    let across = 1.6 * line.height;
    let (sw, sh) = (ocr::STRIP_WIDTH as u32, ocr::STRIP_HEIGHT as u32);
    let (w, h) = gray.dimensions();
    let raw = gray.as_raw();
    let at = |x: i64, y: i64| -> f32 {
        let x = x.clamp(0, w as i64 - 1) as usize;
        let y = y.clamp(0, h as i64 - 1) as usize;
        f32::from(raw[y * w as usize + x])
    };
    // Text keeps its height (STRIP_HEIGHT / across px per source px) and is squeezed only
    // when the line would not fit; on the right, paper-white padding.
    let scale_y = across / sh as f32;
    let scale_x = (along / (sw as f32 - 16.0)).max(scale_y);
    let origin = [
        line.start[0] - u[0] * pitch - v[0] * across / 2.0,
        line.start[1] - u[1] * pitch - v[1] * across / 2.0,
    ];
    let used = (along / scale_x).ceil() as u32 + 8;
    GrayImage::from_fn(sw, sh, |x, y| {
        if x >= used {
            return image::Luma([255]);
        }
        let a = (x as f32 + 0.5 - 4.0) * scale_x;
        let b = (y as f32 + 0.5) * scale_y;
        let sx = origin[0] + a * u[0] + b * v[0] - 0.5;
        let sy = origin[1] + a * u[1] + b * v[1] - 0.5;
        let (x0, y0) = (sx.floor(), sy.floor());
        let (fx, fy) = (sx - x0, sy - y0);
        let (x0, y0) = (x0 as i64, y0 as i64);
        let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1, y0) * fx;
        let bottom = at(x0, y0 + 1) * (1.0 - fx) + at(x0 + 1, y0 + 1) * fx;
        image::Luma([(top * (1.0 - fy) + bottom * fy + 0.5) as u8])
    })
}

/// A point of the image turned clockwise by `turn` degrees, back in the image as stored.
fn unturn(p: [f32; 2], turn: u32, w: f32, h: f32) -> [f32; 2] {
    match turn {
        90 => [p[1], h - p[0]],
        180 => [w - p[0], h - p[1]],
        270 => [w - p[1], p[0]],
        _ => p,
    }
}

/// Reads the MRZ on a passport page (a scan, or a photo of the page). `None` when no pair
/// of MRZ lines is found at any quarter turn.
pub fn read_mrz(image: &RgbImage) -> Option<Reading> {
    let gray = gray_of(image);
    let (w, h) = gray.dimensions();
    let scale = (FIND_LONG_SIDE as f32 / w.max(h) as f32).min(1.0);
    let small = if scale < 1.0 {
        hane_image::shrink(
            &gray,
            ((w as f32 * scale) as u32).max(1),
            ((h as f32 * scale) as u32).max(1),
        )
    } else {
        gray.clone()
    };
    let (sw, sh) = (small.width() as f32, small.height() as f32);
    let mut fallback: Option<Reading> = None;
    let mut tried = [false; 4];
    for turn in [0u32, 90, 180, 270] {
        if tried[(turn / 90) as usize] {
            continue;
        }
        let turned = match turn {
            90 => image::imageops::rotate90(&small),
            180 => image::imageops::rotate180(&small),
            270 => image::imageops::rotate270(&small),
            _ => small.clone(),
        };
        let Some(found) = lines::find(&turned) else {
            continue;
        };
        // Into the image as stored, at full resolution.
        let lines = found.lines.map(|l| {
            Line {
                start: unturn(l.start, turn, sw, sh),
                end: unturn(l.end, turn, sw, sh),
                ..l
            }
            .scaled(1.0 / scale)
        });
        // The same two lines read a half turn further are the other line first, each read
        // from its other end: no need to search the turned image again. Which way first is
        // the fillers' hint; a wrong hint costs the second reading, never the result.
        let mut ways = [(turn, lines), ((turn + 180) % 360, half_turned(lines))];
        if found.filler_lean < -FILLER_LEAN {
            ways.swap(0, 1);
        }
        for (way, lines) in ways {
            tried[(way / 90) as usize] = true;
            let reading = read_lines(&gray, lines, way);
            let whole =
                reading.lines.iter().all(|l| l.len() == 44) && reading.lines[0].starts_with('P');
            if whole {
                return Some(reading);
            }
            // Upside down reads as something else; keep the first pair found in case no
            // way reads whole.
            fallback.get_or_insert(reading);
        }
    }
    fallback
}

/// How far the lines must lean the wrong way ([`lines::Found::filler_lean`]) before they
/// are read a half turn round first. All 300 upright synthetic pages lean right (two by
/// less than this, which cost an upside-down copy of them a second reading, as before);
/// lines filled with names lean about 0 and are read as found first, the common way up.
const FILLER_LEAN: f32 = 0.01;

/// Two lines found, as seen a half turn round: the lower one becomes the upper, and each
/// runs from its other end.
fn half_turned(lines: [Line; 2]) -> [Line; 2] {
    let flip = |l: Line| Line {
        start: l.end,
        end: l.start,
        ..l
    };
    [flip(lines[1]), flip(lines[0])]
}

/// The fields of line 2 that carry a check digit: where they are and the domain's name.
const CHECKED: [(usize, usize, usize, &str); 4] = [
    (0, 9, 9, "documentNumber"),
    (13, 19, 19, "birthDate"),
    (21, 27, 27, "expiryDate"),
    (28, 42, 42, "optionalData"),
];

/// Characters OCR-B prints alike, which the model can read one for the other confidently.
const LOOKALIKES: [(u8, u8); 8] = [
    (b'O', b'0'),
    (b'D', b'0'),
    (b'Q', b'0'),
    (b'I', b'1'),
    (b'S', b'5'),
    (b'B', b'8'),
    (b'Z', b'2'),
    (b'G', b'6'),
];

/// A field whose check digit fails: if exactly one change of one character makes it pass
/// (or, of several, exactly one the composite check digit accepts too), that change is
/// proposed. Tried first among the characters the model was unsure of (their
/// two runner-up readings); then, when none fits, each character's look-alike (O and 0, S
/// and 5, …), which the model can misread with confidence. A changed character is marked
/// unsure (its confidence becomes the replacement's), so the user always sees it: a repair
/// is a better proposal, never a silent one. A check digit always tells O from 0 (values 24
/// and 0: 24 × 7, 24 × 3 and 24 × 1 are never 0 mod 10).
fn repair(line2: &mut String, confidence: &mut [f32], reads: &[ocr::Read]) {
    let verdict = |l2: &[u8], field: &str| {
        let l2 = std::str::from_utf8(l2).unwrap_or_default();
        mrz::line2_checks(l2)
            .and_then(|checks| checks.iter().find(|v| v.field == field).map(|v| v.ok))
            .unwrap_or(false)
    };
    let mut line = line2.clone().into_bytes();
    for (a, b, cd, field) in CHECKED {
        if verdict(&line, field) {
            continue;
        }
        let positions: Vec<usize> = (a..b).chain([cd]).collect();
        let passes = |pos: usize, alt: u8| {
            let mut trial = line.clone();
            trial[pos] = alt;
            verdict(&trial, field)
        };
        let mut unsure_fixes: Vec<(usize, u8, f32)> = Vec::new();
        for &pos in positions
            .iter()
            .filter(|&&p| confidence[p] < LOW_CONFIDENCE)
        {
            for &(alt, share) in reads[pos].ranked(allowed(1, pos)).iter().skip(1).take(2) {
                if passes(pos, alt) {
                    unsure_fixes.push((pos, alt, share));
                }
            }
        }
        let mut fixes = unsure_fixes.clone();
        if fixes.len() != 1 {
            for &pos in &positions {
                let c = line[pos];
                let alike = LOOKALIKES
                    .iter()
                    .filter_map(|&(x, y)| (c == x).then_some(y).or((c == y).then_some(x)));
                for alt in alike.filter(|&alt| allowed(1, pos)(alt)) {
                    if passes(pos, alt) && !fixes.iter().any(|f| (f.0, f.1) == (pos, alt)) {
                        let share = reads[pos]
                            .ranked(allowed(1, pos))
                            .iter()
                            .find(|(ch, _)| *ch == alt)
                            .map_or(0.0, |r| r.1);
                        fixes.push((pos, alt, share));
                    }
                }
            }
        }
        // Several changes fit this field's check digit: the composite check digit (over
        // number, dates and optional data) is independent evidence; keep those it accepts
        // too.
        if fixes.len() > 1 {
            fixes.retain(|(pos, alt, _)| {
                let mut trial = line.clone();
                trial[*pos] = *alt;
                verdict(&trial, "composite")
            });
        }
        if let [(pos, alt, share)] = fixes.as_slice() {
            line[*pos] = *alt;
            confidence[*pos] = share.min(LOW_CONFIDENCE * 0.99);
        }
    }
    *line2 = String::from_utf8(line).unwrap_or_default();
}

/// Reads the two lines found (both at once, one per core) and puts every character where
/// the MRZ allows it.
fn read_lines(gray: &GrayImage, found: [Line; 2], turn: u32) -> Reading {
    let strips = found.map(|l| strip(gray, &l));
    let reads: [Vec<ocr::Read>; 2] = std::thread::scope(|s| {
        let upper = s.spawn(|| ocr::read(&strips[0]).unwrap_or_default());
        let lower = ocr::read(&strips[1]).unwrap_or_default();
        [upper.join().unwrap_or_default(), lower]
    });
    let mut lines = [String::new(), String::new()];
    let mut confidence = [Vec::new(), Vec::new()];
    for (l, chars) in reads.iter().enumerate() {
        let whole = chars.len() == 44;
        for (pos, r) in chars.iter().enumerate() {
            // Positions mean something only when all 44 were read; otherwise the model's
            // own choice among every MRZ character.
            let (c, p) = if whole {
                r.best(allowed(l, pos))
            } else {
                r.best(|_| true)
            };
            lines[l].push(c as char);
            confidence[l].push(p);
        }
    }
    if reads[1].len() == 44 {
        repair(&mut lines[1], &mut confidence[1], &reads[1]);
    }
    let parsed = mrz::parse(&lines[0], &lines[1]);
    Reading {
        lines,
        confidence,
        turn,
        found,
        parsed,
    }
}
