//! Synthetic photographed documents for the page finder (issue #22): an A4 page of Turkish
//! contract text (DejaVu Sans, as the petition uses), a table, a stamp and a signature,
//! then photographed in simulation — placed on a table of wood, cloth, tiles or a plain
//! colour, at any angle (upright, sideways or upside down, plus a tilt), in perspective,
//! under a lamp (light falling off, a warm cast, the phone's shadow), blurred, noised and
//! JPEG-compressed — or scanned on a flatbed. Deterministic per seed; the truth (corners
//! of the upright page in the image, quarter turn, text boxes) comes from the simulation,
//! never from the finder.
#![allow(dead_code)]

use ab_glyph::FontRef;
use image::{Rgb, RgbImage};

use super::passport::{homography, text_in, Rng};

const REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Sentences of a household employment contract (written for these tests).
const SENTENCES: &[&str] = &[
    "İşveren, bakıma muhtaç annesinin günlük bakımı için işçiyi evinde çalıştırır.",
    "İşçinin haftalık çalışma süresi kırk beş saati geçemez ve fazla çalışma ücreti ödenir.",
    "Ücret her ayın son iş gününde banka hesabına yatırılır; tutarı 28.500,00 TL'dir.",
    "Sözleşme çalışma izninin başladığı tarihte yürürlüğe girer ve bir yıl sürer.",
    "İşçi, yıllık ücretli izin hakkını işverenle anlaşarak kullanır.",
    "Taraflar, 4857 sayılı İş Kanunu ve ilgili mevzuat hükümlerine uymayı kabul eder.",
    "İşçiye evde ayrı bir oda, yemek ve sağlık sigortası sağlanır.",
    "Sözleşmenin feshi halinde bildirim süreleri kanuna göre uygulanır.",
    "Bu sözleşme iki nüsha olarak düzenlenmiş ve taraflarca okunarak imzalanmıştır.",
    "Adres: Bağdat Caddesi No: 127/4, Kadıköy, İstanbul. Telefon: 0216 555 12 34.",
    "Yabancı uyruklu işçinin pasaport numarası ve doğum tarihi ekteki belgededir.",
    "Hafta tatili pazar günüdür; ulusal bayram ve genel tatil günlerinde çalışılmaz.",
    "Deneme süresi iki aydır; bu süre içinde taraflar sözleşmeyi bildirimsiz feshedebilir.",
    "İşveren, işçinin sosyal güvenlik kurumuna bildirimini yasal süre içinde yapar.",
];

const TITLES: &[&str] = &[
    "İŞ SÖZLEŞMESİ",
    "GELİR DURUMU BEYANI",
    "TAAHHÜTNAME",
    "EV HİZMETLERİ İŞ SÖZLEŞMESİ",
];

/// A rendered A4 page and where its body text is, as boxes `[x0, y0, x1, y1]` in the
/// page's pixels.
pub struct Page {
    pub image: RgbImage,
    pub text_boxes: Vec<[f32; 4]>,
}

/// An A4 page at `dpi`: title, paragraphs, a small table, a stamp and a signature.
pub fn page(rng: &mut Rng, dpi: f32) -> Page {
    let regular = FontRef::try_from_slice(REGULAR).expect("DejaVu Sans");
    let bold = FontRef::try_from_slice(BOLD).expect("DejaVu Sans Bold");
    let mm = dpi / 25.4;
    let (w, h) = ((210.0 * mm) as u32, (297.0 * mm) as u32);
    let paper = [
        rng.range(238.0, 255.0),
        rng.range(236.0, 254.0),
        rng.range(228.0, 250.0),
    ];
    let mut img = RgbImage::from_pixel(w, h, Rgb(paper.map(|p| p as u8)));
    let ink = [rng.range(5.0, 40.0) as u8; 3];
    let title = *rng.pick(TITLES);
    let size = rng.range(3.6, 4.4) * mm;
    text_in(
        &bold,
        &mut img,
        title,
        25.0 * mm,
        30.0 * mm,
        size * 1.3,
        0.0,
        ink,
    );
    let mut text_boxes = Vec::new();
    let (left, right) = (25.0 * mm, 185.0 * mm);
    let line = size * 1.45;
    let mut y = 45.0 * mm;
    let paragraphs = 3 + rng.below(3);
    for _ in 0..paragraphs {
        if y > 190.0 * mm {
            break;
        }
        let top = y - size;
        let mut x = left;
        let lines = 3 + rng.below(4);
        let mut written = 0;
        while written < lines {
            let sentence = *rng.pick(SENTENCES);
            for word in sentence.split(' ') {
                let advance = size * 0.55 * (word.chars().count() as f32 + 1.0);
                if x + advance > right {
                    x = left;
                    y += line;
                    written += 1;
                    if written == lines {
                        break;
                    }
                }
                x = text_in(&regular, &mut img, word, x, y, size, 0.0, ink) + size * 0.3;
            }
        }
        text_boxes.push([left, top, right, y + size * 0.3]);
        y += line * 1.8;
    }
    // A table of three rows: ruled lines and values.
    let rows = ["Ad Soyad", "Uyruğu", "Pasaport No"];
    for (i, label) in rows.iter().enumerate() {
        let ry = y + i as f32 * 9.0 * mm;
        if ry > 235.0 * mm {
            break;
        }
        for x in (left as u32)..(right as u32) {
            img.put_pixel(x, (ry - 6.5 * mm) as u32, Rgb(ink));
        }
        text_in(
            &regular,
            &mut img,
            label,
            left + 2.0 * mm,
            ry,
            size,
            0.0,
            ink,
        );
        let value = format!("{:09}", rng.next() % 1_000_000_000);
        text_in(&regular, &mut img, &value, 95.0 * mm, ry, size, 0.0, ink);
    }
    let bottom = (y + 3.0 * 9.0 * mm).min(235.0 * mm);
    // A round stamp (blue or purple) and a signature (blue ballpoint), bottom right.
    let stamp = *rng.pick(&[[40u8, 60, 170], [110, 40, 140], [170, 40, 50]]);
    let (sx, sy, r) = (150.0 * mm, bottom + 25.0 * mm, 15.0 * mm);
    for yy in (sy - r) as u32..(sy + r) as u32 {
        for xx in (sx - r) as u32..(sx + r) as u32 {
            let d = ((xx as f32 - sx).powi(2) + (yy as f32 - sy).powi(2)).sqrt();
            if (d - r * 0.95).abs() < 0.6 * mm || (d - r * 0.7).abs() < 0.35 * mm {
                img.put_pixel(xx, yy, Rgb(stamp));
            }
        }
    }
    let pen = [30u8, 40, 150];
    let (mut px, mut py) = (40.0 * mm, bottom + 25.0 * mm);
    for t in 0..600 {
        let a = t as f32 * 0.09;
        px += 0.12 * mm + (a * 1.7).cos() * 0.25 * mm;
        py += (a * 2.3).sin() * 0.45 * mm;
        for dy in 0..2 {
            for dx in 0..2 {
                img.put_pixel(px as u32 + dx, py as u32 + dy, Rgb(pen));
            }
        }
    }
    Page {
        image: img,
        text_boxes,
    }
}

/// How the page is captured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Capture {
    /// A phone photo on a table.
    Photo,
    /// A flatbed scan: the page fills the image, at a quarter turn and a small tilt.
    Scan,
}

/// The captured image and its truth.
pub struct Shot {
    pub jpeg: Vec<u8>,
    /// The upright page's corners in the image: top-left, top-right, bottom-right,
    /// bottom-left (for a scan, where the page's corners fall, possibly outside).
    pub corners: [[f32; 2]; 4],
    /// The clockwise quarter turn (degrees) that makes the page upright.
    pub turn: u32,
    /// The clockwise tilt (degrees) still to correct after the quarter turn.
    pub deskew: f32,
    /// The page's text boxes, in the image's pixels as quadrilaterals.
    pub text_quads: Vec<[[f32; 2]; 4]>,
    pub background: &'static str,
    pub page: Page,
}

/// A table's colour at a point.
type Surface = Box<dyn Fn(f32, f32) -> [f32; 3]>;

fn texture(kind: usize, rng: &mut Rng) -> (&'static str, Surface) {
    let base = [
        rng.range(0.0, 1.0),
        rng.range(0.0, 1.0),
        rng.range(0.0, 1.0),
    ];
    let f = rng.range(0.5, 2.0);
    match kind {
        0 => {
            // Wood: dark to light brown, grain along one axis.
            let l = rng.range(70.0, 190.0);
            let c = [l, l * 0.72, l * 0.48];
            (
                "wood",
                Box::new(move |x, y| {
                    let g = ((y * 0.02 * f + (x * 0.004).sin() * 3.0).sin() * 0.5
                        + (y * 0.13 * f + x * 0.001).sin() * 0.2)
                        * 0.18;
                    c.map(|v| v * (1.0 + g))
                }),
            )
        }
        1 => {
            // Cloth: a woven check in two colours.
            let a = base.map(|b| 60.0 + b * 150.0);
            let b = [a[1] * 0.8, a[2] * 0.9, a[0] * 0.7];
            let period = 12.0 + f * 20.0;
            (
                "cloth",
                Box::new(move |x, y| {
                    let on = ((x / period) as i64 + (y / period) as i64) % 2 == 0;
                    let weave = ((x * 1.3).sin() * (y * 1.3).cos()) * 8.0;
                    (if on { a } else { b }).map(|v| v + weave)
                }),
            )
        }
        2 => {
            // Tiles: light squares with dark grout.
            let t = base.map(|b| 150.0 + b * 60.0);
            let period = 80.0 + f * 60.0;
            (
                "tiles",
                Box::new(move |x, y| {
                    let grout = x.rem_euclid(period) < 4.0 || y.rem_euclid(period) < 4.0;
                    if grout {
                        [90.0, 90.0, 85.0]
                    } else {
                        t
                    }
                }),
            )
        }
        _ => {
            // A plain surface, dark or mid-grey, with a faint mottle.
            let l = rng.range(25.0, 170.0);
            let c = base.map(|b| l * (0.8 + 0.4 * b));
            (
                "plain",
                Box::new(move |x, y| {
                    let m = ((x * 0.011).sin() + (y * 0.017).cos()) * 4.0;
                    c.map(|v| v + m)
                }),
            )
        }
    }
}

fn apply(h: &[f64; 8], p: [f32; 2]) -> [f32; 2] {
    let (x, y) = (p[0] as f64, p[1] as f64);
    let d = h[6] * x + h[7] * y + 1.0;
    [
        ((h[0] * x + h[1] * y + h[2]) / d) as f32,
        ((h[3] * x + h[4] * y + h[5]) / d) as f32,
    ]
}

/// Photographs (or scans) `page` into a `frame_long`-pixel image.
pub fn capture(rng: &mut Rng, page: Page, how: Capture, frame_long: u32) -> Shot {
    let (pw, ph) = (page.image.width() as f32, page.image.height() as f32);
    let quarter = rng.below(4) as f32 * 90.0;
    let (fw, fh, tilt);
    let mut placed: [[f32; 2]; 4];
    match how {
        Capture::Photo => {
            tilt = rng.range(-15.0, 15.0);
            let portrait_frame = rng.below(3) > 0;
            let short = frame_long as f32 * 0.75;
            (fw, fh) = if portrait_frame {
                (short, frame_long as f32)
            } else {
                (frame_long as f32, short)
            };
            let angle = (quarter + tilt).to_radians();
            let (s, c) = angle.sin_cos();
            // The page turned, then scaled to cover 45–80 % of the frame's shorter reach.
            let rot = |x: f32, y: f32| {
                let (dx, dy) = (x - pw / 2.0, y - ph / 2.0);
                [dx * c - dy * s, dx * s + dy * c]
            };
            let raw = [rot(0.0, 0.0), rot(pw, 0.0), rot(pw, ph), rot(0.0, ph)];
            let span_x = raw.iter().map(|p| p[0]).fold(f32::MIN, f32::max)
                - raw.iter().map(|p| p[0]).fold(f32::MAX, f32::min);
            let span_y = raw.iter().map(|p| p[1]).fold(f32::MIN, f32::max)
                - raw.iter().map(|p| p[1]).fold(f32::MAX, f32::min);
            let scale = rng.range(0.6, 0.88) * (fw / span_x).min(fh / span_y);
            // Perspective: a keystone (the phone tilted toward the page's far edge) and
            // each corner off by up to 5 % of the page.
            let keystone = rng.range(0.0, 0.12);
            let jitter = 0.05 * pw * scale;
            let room_x = (fw - span_x * scale) / 2.0 * 0.5;
            let room_y = (fh - span_y * scale) / 2.0 * 0.5;
            let (cx, cy) = (
                fw / 2.0 + rng.range(-room_x, room_x),
                fh / 2.0 + rng.range(-room_y, room_y),
            );
            placed = raw.map(|p| [cx + p[0] * scale, cy + p[1] * scale]);
            for p in placed.iter_mut() {
                let up = (p[1] - cy) / (span_y * scale / 2.0);
                p[0] = cx + (p[0] - cx) * (1.0 - keystone * 0.5 * (1.0 - up));
                p[0] += rng.range(-jitter, jitter) * 0.5;
                p[1] += rng.range(-jitter, jitter) * 0.5;
            }
        }
        Capture::Scan => {
            tilt = rng.range(-3.0, 3.0);
            let sideways = quarter as u32 % 180 == 90;
            let (long, short) = (frame_long as f32, frame_long as f32 * 210.0 / 297.0);
            (fw, fh) = if sideways {
                (long, short)
            } else {
                (short, long)
            };
            let angle = (quarter + tilt).to_radians();
            let (s, c) = angle.sin_cos();
            let scale = long / ph;
            let rot = |x: f32, y: f32| {
                let (dx, dy) = ((x - pw / 2.0) * scale, (y - ph / 2.0) * scale);
                [fw / 2.0 + dx * c - dy * s, fh / 2.0 + dx * s + dy * c]
            };
            placed = [rot(0.0, 0.0), rot(pw, 0.0), rot(pw, ph), rot(0.0, ph)];
        }
    }
    let to_page = homography(placed, [[0.0, 0.0], [pw, 0.0], [pw, ph], [0.0, ph]]);
    let to_image = homography([[0.0, 0.0], [pw, 0.0], [pw, ph], [0.0, ph]], placed);
    let (background, surface): (&'static str, Surface) = match how {
        Capture::Photo => {
            let kind = rng.below(4);
            texture(kind, rng)
        }
        Capture::Scan => ("scanner lid", Box::new(|_, _| [246.0, 246.0, 244.0])),
    };
    let (fwu, fhu) = (fw as u32, fh as u32);
    let photo = how == Capture::Photo;
    // A lamp to one side (light falls off across the frame), a warm cast, and the
    // phone's shadow: a soft dark ellipse somewhere over the page.
    let light = if photo {
        [
            rng.range(-0.35, 0.35),
            rng.range(-0.35, 0.35),
            rng.range(0.7, 1.0),
        ]
    } else {
        [0.0, 0.0, 1.0]
    };
    let warm = if photo {
        [1.0, rng.range(0.9, 1.0), rng.range(0.75, 0.97)]
    } else {
        [1.0; 3]
    };
    let shadow = photo && rng.below(2) == 0;
    let (shx, shy, shr) = (
        rng.range(0.2, 0.8) * fw,
        rng.range(0.2, 0.8) * fh,
        rng.range(0.15, 0.3) * fw,
    );
    let grain = rng.range(2.0, 8.0);
    let mut seed = rng.next();
    let img = &page.image;
    let mut out = RgbImage::from_fn(fwu, fhu, |x, y| {
        let (xf, yf) = (x as f32 + 0.5, y as f32 + 0.5);
        let [u, v] = apply(&to_page, [xf, yf]);
        let (u, v) = (u - 0.5, v - 0.5);
        let mut px = if u >= 0.0 && v >= 0.0 && u < pw - 1.0 && v < ph - 1.0 {
            let (x0, y0) = (u as u32, v as u32);
            let (fx, fy) = (u - x0 as f32, v - y0 as f32);
            let g = |dx: u32, dy: u32, k: usize| img.get_pixel(x0 + dx, y0 + dy).0[k] as f32;
            [0, 1, 2].map(|k| {
                (g(0, 0, k) * (1.0 - fx) + g(1, 0, k) * fx) * (1.0 - fy)
                    + (g(0, 1, k) * (1.0 - fx) + g(1, 1, k) * fx) * fy
            })
        } else {
            surface(xf, yf)
        };
        let mut shade = light[2] + light[0] * (xf / fw - 0.5) + light[1] * (yf / fh - 0.5);
        if shadow {
            let d = ((xf - shx).powi(2) + (yf - shy).powi(2)).sqrt() / shr;
            shade *= 1.0 - 0.3 * (1.0 - d).clamp(0.0, 1.0);
        }
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let n = ((seed >> 40) as f32 / (1u64 << 24) as f32 - 0.5) * 2.0 * grain;
        for (p, w) in px.iter_mut().zip(warm) {
            *p = (*p * shade * w + n).clamp(0.0, 255.0);
        }
        Rgb(px.map(|p| p as u8))
    });
    for _ in 0..rng.below(3) {
        out = image::imageops::blur(&out, 0.8);
    }
    let quality = rng.range(60.0, 92.0) as u8;
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, quality)
        .encode(
            out.as_raw(),
            fwu as u16,
            fhu as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("jpeg");
    // The page was turned clockwise by quarter + tilt; undoing it is the opposite turn.
    let turn = (360 - quarter as u32) % 360;
    let text_quads = page
        .text_boxes
        .iter()
        .map(|b| {
            [[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]].map(|p| apply(&to_image, p))
        })
        .collect();
    // The tilt left after the quarter turn: the upright page's top edge (a photo's
    // perspective moves it off the nominal tilt).
    let deskew = if photo {
        // `placed` is the page's own top-left, top-right, … : the upright page's corners.
        let c = placed;
        let a = (c[1][1] - c[0][1]).atan2(c[1][0] - c[0][0]).to_degrees() + turn as f32;
        let a = a.rem_euclid(360.0);
        -(if a > 180.0 { a - 360.0 } else { a })
    } else {
        -tilt
    };
    Shot {
        jpeg,
        corners: placed,
        turn,
        deskew,
        text_quads,
        background,
        page,
    }
}

/// Image number `seed` of the synthetic set: three in four photographed (long side
/// `frame_long`), one in four scanned.
pub fn sample(seed: u64, frame_long: u32) -> Shot {
    let mut rng = Rng::new(seed ^ 0xD0C5);
    let how = if seed % 4 == 3 {
        Capture::Scan
    } else {
        Capture::Photo
    };
    // The page rendered about as sharp as the photo samples it.
    let dpi = (frame_long as f32 / 10.7).clamp(100.0, 250.0);
    let page = page(&mut rng, dpi);
    capture(&mut rng, page, how, frame_long)
}

/// Print contrast inside the text boxes: (95th − 5th percentile of luma) / 255, over
/// points sampled inside each box (`at` maps the page's own pixels to the image's).
pub fn print_contrast(
    image: &RgbImage,
    boxes: &[[f32; 4]],
    at: impl Fn([f32; 2]) -> [f32; 2],
) -> f32 {
    let mut per_box = Vec::new();
    for b in boxes {
        let mut l = Vec::new();
        for i in 0..120 {
            for j in 0..40 {
                let p = [
                    b[0] + (b[2] - b[0]) * (i as f32 + 0.5) / 120.0,
                    b[1] + (b[3] - b[1]) * (j as f32 + 0.5) / 40.0,
                ];
                let [x, y] = at(p);
                if x >= 0.0 && y >= 0.0 && (x as u32) < image.width() && (y as u32) < image.height()
                {
                    let px = image.get_pixel(x as u32, y as u32).0;
                    l.push(0.299 * px[0] as f32 + 0.587 * px[1] as f32 + 0.114 * px[2] as f32);
                }
            }
        }
        l.sort_by(f32::total_cmp);
        if l.len() > 100 {
            per_box.push((l[l.len() * 95 / 100] - l[l.len() * 5 / 100]) / 255.0);
        }
    }
    per_box.iter().sum::<f32>() / per_box.len().max(1) as f32
}

/// The point of the photo showing page pixel `p` (bilinear in the true corners: exact
/// enough inside a text box for a contrast measure).
pub fn in_photo(shot: &Shot, p: [f32; 2]) -> [f32; 2] {
    let (pw, ph) = (
        shot.page.image.width() as f32,
        shot.page.image.height() as f32,
    );
    let (u, v) = (p[0] / pw, p[1] / ph);
    let c = shot.corners;
    let lerp =
        |a: [f32; 2], b: [f32; 2], t: f32| [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    lerp(lerp(c[0], c[1], u), lerp(c[3], c[2], u), v)
}
