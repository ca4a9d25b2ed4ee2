//! Synthetic passport pages for the MRZ reader (issue #21): an identity drawn at random,
//! its MRZ with correct check digits (ICAO 9303 TD3), rendered in OCR-B on a data page with
//! a tinted, patterned background, a photo box and printed fields; then scanned or
//! photographed in simulation — placed on an A4 scan or a table, turned, tilted in
//! perspective, lit unevenly, blurred, noised and JPEG-compressed. Deterministic per seed.
#![allow(dead_code)]

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use image::{Rgb, RgbImage};

const OCRB: &[u8] = include_bytes!("../../../../tests/fixtures/mrz/OCRB.otf");

/// splitmix64: small, deterministic, good enough to draw test cases.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [a, b).
    pub fn range(&mut self, a: f32, b: f32) -> f32 {
        a + (b - a) * (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// Roughly normal, mean 0, deviation 1 (sum of uniforms).
    pub fn normal(&mut self) -> f32 {
        (0..4).map(|_| self.range(-1.0, 1.0)).sum::<f32>() * 0.866
    }
}

const SURNAMES: &[&str] = &[
    "SANTOS",
    "DELA CRUZ",
    "REYES",
    "GARCIA",
    "KARIMOVA",
    "ABDULLAYEVA",
    "BERDIYEVA",
    "GELASHVILI",
    "KVARATSKHELIA",
    "SUSANTI",
    "WIJAYA",
    "ASANOVA",
    "KOVALENKO",
    "MELNYK",
    "CEBAN",
    "ROTARU",
    "MOHAMMED",
    "OKONKWO",
    "NGUYEN",
    "ERIKSSON",
    "O NEILL",
    "VAN DER BERG",
    "MARTINEZ LOPEZ",
    "BAYRAMOVA",
    "NURMATOVA",
];
const GIVEN: &[&str] = &[
    "MARIA",
    "ANNA MARIA",
    "JOSEPHINE",
    "GULNARA",
    "DILNOZA",
    "NINO",
    "TAMAR",
    "SITI",
    "DEWI",
    "AIGUL",
    "OKSANA",
    "SVETLANA",
    "IRINA",
    "FATIMA",
    "GRACE",
    "LINH",
    "ROSALIE",
    "MARY JANE",
    "ZARINA",
    "OLGA",
    "LUZ",
    "CRISTINA ELENA",
];
const STATES: &[&str] = &[
    "PHL", "UZB", "TKM", "GEO", "IDN", "KGZ", "UKR", "MDA", "AZE", "NGA", "VNM", "SWE", "IRL",
    "NLD", "ESP", "D<<", "KAZ", "TJK",
];

/// A passport's MRZ lines, check digits included.
pub fn mrz_lines(rng: &mut Rng) -> [String; 2] {
    let state = rng.pick(STATES).to_string();
    let name = |s: &&str| s.replace([' ', '-'], "<");
    let mut line1 = format!(
        "P<{state}{}<<{}",
        name(rng.pick(SURNAMES)),
        name(rng.pick(GIVEN))
    );
    line1.truncate(44);
    while line1.len() < 44 {
        line1.push('<');
    }
    const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const DIGITS: &[u8] = b"0123456789";
    // Document numbers: some all digits, some with letters (G and 6, O and 0 included),
    // some shorter than 9 (padded with `<`).
    let len = if rng.below(5) == 0 { 8 } else { 9 };
    let letters = rng.below(3);
    let mut number: String = (0..len)
        .map(|i| {
            let set = if i < letters { ALNUM } else { DIGITS };
            *rng.pick(set) as char
        })
        .collect();
    while number.len() < 9 {
        number.push('<');
    }
    let date = |rng: &mut Rng, y0: u32, y1: u32| {
        let y = y0 + rng.below((y1 - y0) as usize) as u32;
        format!(
            "{:02}{:02}{:02}",
            y % 100,
            1 + rng.below(12),
            1 + rng.below(28)
        )
    };
    let birth = date(rng, 1955, 2004);
    let expiry = date(rng, 2026, 2036);
    let sex = *rng.pick(&["M", "F", "F", "<"]);
    let optional: String = if rng.below(2) == 0 {
        (0..rng.below(10) + 4)
            .map(|_| *rng.pick(ALNUM) as char)
            .collect()
    } else {
        String::new()
    };
    let optional = format!("{optional:<<14}");
    let cd = |s: &str| hane_domain::mrz::check_digit(s).map_or('<', |d| char::from(b'0' + d as u8));
    let optional_cd = if optional.bytes().all(|c| c == b'<') {
        '<'
    } else {
        cd(&optional)
    };
    let nat = rng.pick(STATES).to_string();
    let mut line2 = format!(
        "{number}{}{nat}{birth}{}{sex}{expiry}{}{optional}{optional_cd}",
        cd(&number),
        cd(&birth),
        cd(&expiry)
    );
    let composite = format!("{}{}{}", &line2[0..10], &line2[13..20], &line2[21..43]);
    line2.push(cd(&composite));
    [line1, line2]
}

fn font() -> FontRef<'static> {
    FontRef::try_from_slice(OCRB).expect("OCR-B")
}

/// Draws `text` with its baseline at (x, y), each character `pitch` px apart (0: the font's
/// own advance), `size` px per em, in `ink`.
fn text(img: &mut RgbImage, s: &str, x: f32, y: f32, size: f32, pitch: f32, ink: [u8; 3]) {
    text_in(&font(), img, s, x, y, size, pitch, ink);
}

/// [`text`] in any font; returns where the pen stopped.
#[allow(clippy::too_many_arguments)]
pub fn text_in(
    font: &FontRef<'_>,
    img: &mut RgbImage,
    s: &str,
    x: f32,
    y: f32,
    size: f32,
    pitch: f32,
    ink: [u8; 3],
) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut pen = x;
    for ch in s.chars() {
        let id = font.glyph_id(ch);
        let glyph = id.with_scale_and_position(PxScale::from(size), ab_glyph::point(pen, y));
        if let Some(outline) = font.outline_glyph(glyph) {
            let b = outline.px_bounds();
            outline.draw(|gx, gy, c| {
                let (px, py) = (b.min.x as i64 + gx as i64, b.min.y as i64 + gy as i64);
                if px >= 0 && py >= 0 && (px as u32) < img.width() && (py as u32) < img.height() {
                    let p = img.get_pixel_mut(px as u32, py as u32);
                    for (v, &i) in p.0.iter_mut().zip(&ink) {
                        *v = (*v as f32 * (1.0 - c) + i as f32 * c) as u8;
                    }
                }
            });
        }
        pen += if pitch > 0.0 {
            pitch
        } else {
            scaled.h_advance(id)
        };
    }
    pen
}

/// A passport data page (125 × 88 mm) at `dpi`, and the MRZ it carries.
pub fn page(rng: &mut Rng, dpi: f32) -> (RgbImage, [String; 2]) {
    let mm = dpi / 25.4;
    let (w, h) = ((125.0 * mm) as u32, (88.0 * mm) as u32);
    let tint = [
        rng.range(225.0, 250.0),
        rng.range(225.0, 250.0),
        rng.range(215.0, 245.0),
    ];
    let (f1, f2) = (rng.range(0.02, 0.08), rng.range(0.02, 0.08));
    let mut img = RgbImage::from_fn(w, h, |x, y| {
        // A faint guilloche: crossing waves, as security printing has.
        let (u, v) = (x as f32 / mm, y as f32 / mm);
        let wave = ((u * f1 * 6.3 + (v * 0.4).sin() * 3.0).sin() * (v * f2 * 6.3).cos()) * 10.0;
        Rgb(tint.map(|t| (t + wave).clamp(0.0, 255.0) as u8))
    });
    // The photo box.
    let (px0, py0, px1, py1) = (
        (5.0 * mm) as u32,
        (12.0 * mm) as u32,
        (37.0 * mm) as u32,
        (55.0 * mm) as u32,
    );
    for y in py0..py1 {
        for x in px0..px1 {
            let g = 90.0 + 100.0 * ((x - px0) as f32 / (px1 - px0) as f32);
            img.put_pixel(x, y, Rgb([g as u8, (g * 0.9) as u8, (g * 0.8) as u8]));
        }
    }
    let lines = mrz_lines(rng);
    let ink = [
        rng.range(10.0, 60.0) as u8,
        rng.range(10.0, 60.0) as u8,
        rng.range(20.0, 80.0) as u8,
    ];
    text(
        &mut img,
        "PASAPORT / PASSPORT",
        40.0 * mm,
        8.0 * mm,
        3.2 * mm,
        0.0,
        ink,
    );
    let fields = [
        ("Surname / Soyadi", &lines[0][5..20]),
        ("Given names / Adi", &lines[0][20..34]),
        ("Nationality", &lines[1][10..13]),
        ("Date of birth", &lines[1][13..19]),
        ("Passport No", &lines[1][0..9]),
        ("Date of expiry", &lines[1][21..27]),
    ];
    for (i, (label, value)) in fields.iter().enumerate() {
        let y = (16.0 + 7.5 * i as f32) * mm;
        text(&mut img, label, 40.0 * mm, y, 1.8 * mm, 0.0, [90, 90, 110]);
        text(
            &mut img,
            &value.replace('<', " "),
            40.0 * mm,
            y + 3.4 * mm,
            2.6 * mm,
            0.0,
            ink,
        );
    }
    // The MRZ: 10 characters per inch, capitals about 2.4 mm tall, the lower line's
    // baseline 5 mm above the page's edge, lines 4.3 mm apart (ICAO 9303 part 4's layout).
    let size = 3.6 * mm;
    for (i, line) in lines.iter().enumerate() {
        let baseline = h as f32 - (9.3 - 4.3 * i as f32) * mm;
        text(&mut img, line, 6.0 * mm, baseline, size, 2.54 * mm, ink);
    }
    (img, lines)
}

/// Solves A x = b (8 × 8) by Gaussian elimination with partial pivoting.
fn solve8(mut a: [[f64; 9]; 8]) -> [f64; 8] {
    for c in 0..8 {
        let p = (c..8)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        for r in 0..8 {
            if r != c && a[c][c] != 0.0 {
                let f = a[r][c] / a[c][c];
                let pivot = a[c];
                for (x, p) in a[r].iter_mut().zip(pivot).skip(c) {
                    *x -= f * p;
                }
            }
        }
    }
    std::array::from_fn(|i| {
        if a[i][i] != 0.0 {
            a[i][8] / a[i][i]
        } else {
            0.0
        }
    })
}

/// The homography taking `from[i]` to `to[i]`.
pub fn homography(from: [[f32; 2]; 4], to: [[f32; 2]; 4]) -> [f64; 8] {
    let mut a = [[0.0f64; 9]; 8];
    for i in 0..4 {
        let (x, y) = (from[i][0] as f64, from[i][1] as f64);
        let (u, v) = (to[i][0] as f64, to[i][1] as f64);
        a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    solve8(a)
}

/// How the page is captured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Capture {
    /// On a flatbed: an A4 sheet, the page placed anywhere, turned a little.
    Scan,
    /// With a phone: on a table, in perspective, turned, unevenly lit.
    Photo,
}

/// The page captured: where its corners land, the background around it, light, blur,
/// noise, JPEG. Returns the JPEG bytes.
pub fn capture(rng: &mut Rng, page: &RgbImage, how: Capture, dpi: f32) -> Vec<u8> {
    let (pw, ph) = (page.width() as f32, page.height() as f32);
    let (cw, ch, corners, background) = match how {
        Capture::Scan => {
            let mm = dpi / 25.4;
            let (cw, ch) = (210.0 * mm, 297.0 * mm);
            let angle = rng.range(-4.0, 4.0f32).to_radians();
            let (cx, cy) = (rng.range(0.35, 0.65) * cw, rng.range(0.25, 0.75) * ch);
            let (s, c) = angle.sin_cos();
            let corner = |x: f32, y: f32| {
                let (dx, dy) = (x - pw / 2.0, y - ph / 2.0);
                [cx + dx * c - dy * s, cy + dx * s + dy * c]
            };
            (
                cw,
                ch,
                [
                    corner(0.0, 0.0),
                    corner(pw, 0.0),
                    corner(pw, ph),
                    corner(0.0, ph),
                ],
                [250.0f32, 250.0, 248.0],
            )
        }
        Capture::Photo => {
            let (cw, ch) = (pw * 1.3, ph * 1.45);
            let angle = rng.range(-12.0, 12.0f32).to_radians();
            let (s, c) = angle.sin_cos();
            let corner = |x: f32, y: f32, rng: &mut Rng| {
                let (dx, dy) = (x - pw / 2.0, y - ph / 2.0);
                // Perspective: each corner off by up to 4% of the page's width.
                let j = 0.04 * pw;
                [
                    cw / 2.0 + dx * c - dy * s + rng.range(-j, j),
                    ch / 2.0 + dx * s + dy * c + rng.range(-j, j),
                ]
            };
            let corners = [
                corner(0.0, 0.0, rng),
                corner(pw, 0.0, rng),
                corner(pw, ph, rng),
                corner(0.0, ph, rng),
            ];
            let table = [
                rng.range(60.0, 160.0),
                rng.range(50.0, 120.0),
                rng.range(30.0, 90.0),
            ];
            (cw, ch, corners, table)
        }
    };
    let to_page = homography(corners, [[0.0, 0.0], [pw, 0.0], [pw, ph], [0.0, ph]]);
    let (cw, ch) = (cw as u32, ch as u32);
    let light = match how {
        Capture::Scan => [0.0, 0.0, 1.0],
        Capture::Photo => [
            rng.range(-0.25, 0.25),
            rng.range(-0.25, 0.25),
            rng.range(0.75, 1.05),
        ],
    };
    let grain = rng.range(2.0, 9.0);
    let mut seed = rng.next();
    let mut img = RgbImage::from_fn(cw, ch, |x, y| {
        let (xf, yf) = (x as f32 + 0.5, y as f32 + 0.5);
        let h = &to_page;
        let d = h[6] as f32 * xf + h[7] as f32 * yf + 1.0;
        let u = (h[0] as f32 * xf + h[1] as f32 * yf + h[2] as f32) / d - 0.5;
        let v = (h[3] as f32 * xf + h[4] as f32 * yf + h[5] as f32) / d - 0.5;
        let mut px = if u >= 0.0 && v >= 0.0 && u < pw - 1.0 && v < ph - 1.0 {
            let (x0, y0) = (u as u32, v as u32);
            let (fx, fy) = (u - x0 as f32, v - y0 as f32);
            let g = |dx: u32, dy: u32, k: usize| page.get_pixel(x0 + dx, y0 + dy).0[k] as f32;
            [0, 1, 2].map(|k| {
                (g(0, 0, k) * (1.0 - fx) + g(1, 0, k) * fx) * (1.0 - fy)
                    + (g(0, 1, k) * (1.0 - fx) + g(1, 1, k) * fx) * fy
            })
        } else {
            // The table's grain, or the scanner's lid.
            let t = ((xf * 0.05).sin() * (yf * 0.003).cos() * 12.0)
                * (how == Capture::Photo) as u8 as f32;
            background.map(|b| b + t)
        };
        // Light falling off across the frame (a lamp to one side), and sensor noise.
        let shade =
            light[2] + light[0] * (xf / cw as f32 - 0.5) + light[1] * (yf / ch as f32 - 0.5);
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let n = ((seed >> 40) as f32 / (1u64 << 24) as f32 - 0.5) * 2.0 * grain;
        for p in &mut px {
            *p = (*p * shade + n).clamp(0.0, 255.0);
        }
        Rgb(px.map(|p| p as u8))
    });
    // Focus: a box blur of radius 0 or 1 (twice: close to a Gaussian of σ ≈ 1).
    let passes = rng.below(3);
    for _ in 0..passes {
        img = image::imageops::blur(&img, 0.7);
    }
    let quality = rng.range(55.0, 92.0) as u8;
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, quality)
        .encode(
            img.as_raw(),
            cw as u16,
            ch as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("jpeg");
    out
}

/// Page number `seed` of the synthetic set: 200, 240 or 300 dpi; odd seeds photographed,
/// even seeds scanned. The JPEG and its MRZ.
pub fn sample(seed: u64) -> (Vec<u8>, [String; 2]) {
    let mut rng = Rng::new(seed);
    let dpi = *rng.pick(&[200.0f32, 240.0, 300.0]);
    let how = if seed.is_multiple_of(2) {
        Capture::Scan
    } else {
        Capture::Photo
    };
    let (page, truth) = page(&mut rng, dpi);
    (capture(&mut rng, &page, how, dpi), truth)
}
